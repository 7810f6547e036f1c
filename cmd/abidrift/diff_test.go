package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
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
