package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the script tests run abidrift as a command: `abidrift ...`
// exits with run's status, `abidrift-exit N ...` succeeds only when run
// returns status N (the scripts check exact exit statuses with it), and
// `abidrift-measured ...` is abidrift reporting its peak memory use
// (reportPeak) for the bad-input tests.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"abidrift": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
		"abidrift-measured": func() {
			status := run(os.Args[1:], os.Stdout, os.Stderr)
			reportPeak()
			os.Exit(status)
		},
		"abidrift-exit": func() {
			if len(os.Args) < 2 {
				fmt.Fprintln(os.Stderr, "usage: abidrift-exit STATUS ARGS...")
				os.Exit(2)
			}
			want, err := strconv.Atoi(os.Args[1])
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			if got := run(os.Args[2:], os.Stdout, os.Stderr); got != want {
				fmt.Fprintf(os.Stderr, "abidrift exited with status %d, want %d\n", got, want)
				os.Exit(1)
			}
			os.Exit(0)
		},
	})
}

// TestDiffScripts runs testdata/diff/script/*.txtar: the diff and dump
// commands in every output format, their exit statuses and suppressions.
// $BIN is testdata/diff/bin, the committed fixture binaries.
func TestDiffScripts(t *testing.T) {
	bin, err := filepath.Abs("../../testdata/diff/bin")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(bin, "c_struct.old.so")); err != nil {
		t.Fatalf("fixture binaries missing: run testdata/diff/build.sh (%v)", err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "../../testdata/diff/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("BIN", bin)
			return nil
		},
		UpdateScripts: os.Getenv("ABIDRIFT_UPDATE_SCRIPTS") != "",
	})
}

// TestDiffFromDumpAgrees checks that a baseline dump stands for its binary:
// on every pair of testdata/diff, `diff DUMP(old) new` reports exactly what
// `diff old new` reports (vtable slots included), in JSON, with the same
// exit status.
func TestDiffFromDumpAgrees(t *testing.T) {
	olds, _ := filepath.Glob("../../testdata/diff/bin/*.old.so")
	if len(olds) < 10 {
		t.Fatalf("only %d pairs in testdata/diff/bin", len(olds))
	}
	dir := t.TempDir()
	for _, old := range olds {
		new := strings.TrimSuffix(old, ".old.so") + ".new.so"
		baseline := filepath.Join(dir, filepath.Base(old)+".json")
		var out, errb bytes.Buffer
		if st := run([]string{"dump", "-o", baseline, old}, &out, &errb); st != exitOK {
			t.Fatalf("dump %s: status %d: %s", old, st, errb.String())
		}
		diffJSON := func(from string) (string, int) {
			var out, errb bytes.Buffer
			st := run([]string{"diff", "--format", "json", from, new}, &out, &errb)
			var r map[string]any
			if err := json.Unmarshal(out.Bytes(), &r); err != nil {
				t.Fatalf("diff %s %s: %v (%s)", from, new, err, errb.String())
			}
			delete(r, "old")
			b, _ := json.MarshalIndent(r, "", " ")
			return string(b), st
		}
		want, wst := diffJSON(old)
		got, gst := diffJSON(baseline)
		if got != want || gst != wst {
			t.Errorf("%s: from its dump, status %d and\n%s\nfrom the binary, status %d and\n%s", old, gst, got, wst, want)
		}
	}
}
