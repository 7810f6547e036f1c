package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
)

// TestExplainScripts runs testdata/explain/script/*.txtar: the explain
// command on the committed scenarios of testdata/explain/bin ($BIN), in
// every output format, with its exit statuses. ABIDRIFT_UPDATE_SCRIPTS=1
// rewrites the expected outputs.
func TestExplainScripts(t *testing.T) {
	bin, err := filepath.Abs("../../testdata/explain/bin")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(bin, "rs_field_added", "run.stderr")); err != nil {
		t.Fatalf("scenario binaries missing: run testdata/explain/build.sh (%v)", err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "../../testdata/explain/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("BIN", bin)
			return nil
		},
		UpdateScripts: os.Getenv("ABIDRIFT_UPDATE_SCRIPTS") != "",
	})
}

// TestExplainRealLoaderError rebuilds the Rust plugin scenarios, runs each
// host against the new plugin as a user would, and explains the loader's
// real message with `abidrift explain --error`.
func TestExplainRealLoaderError(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not rebuilding the scenarios")
	}
	for _, tool := range []string{"bash", "rustc"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found: not rebuilding the Rust scenarios (TestExplainScripts checks the committed ones)", tool)
		}
	}
	out := t.TempDir()
	build := exec.Command("bash", "../../testdata/explain/build.sh", out, "rs_field_added", "rs_v0_widened")
	if msg, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build.sh: %v\n%s", err, msg)
	}
	sysroot, err := exec.Command("rustc", "--print", "sysroot").Output()
	if err != nil {
		t.Fatal(err)
	}
	vv, err := exec.Command("rustc", "-vV").Output()
	if err != nil {
		t.Fatal(err)
	}
	host := regexp.MustCompile(`(?m)^host: (\S+)`).FindSubmatch(vv)
	if host == nil {
		t.Fatalf("no host in rustc -vV: %s", vv)
	}
	stdlib := filepath.Join(strings.TrimSpace(string(sysroot)), "lib", "rustlib", string(host[1]), "lib")

	// runHost copies the v1 host beside the v2 plugin and runs it.
	runHost := func(scenario string) (dir string, stderr string, err error) {
		dir = t.TempDir()
		for _, f := range []string{"old/host", "new/libplug.so"} {
			b, err := os.ReadFile(filepath.Join(out, scenario, f))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command("./host")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "LD_LIBRARY_PATH="+stdlib)
		var buf bytes.Buffer
		cmd.Stderr = &buf
		err = cmd.Run()
		return dir, buf.String(), err
	}

	t.Run("rs_field_added", func(t *testing.T) {
		dir, captured, err := runHost("rs_field_added")
		if err == nil {
			t.Fatal("the v1 host runs with the v2 plugin")
		}
		sym := regexp.MustCompile(`undefined symbol: (\S+)`).FindStringSubmatch(captured)
		if sym == nil {
			t.Fatalf("no undefined symbol in the loader's message %q", captured)
		}
		// The new counterpart: the v2 export with the same demangled path.
		want, _ := layout.Demangle(sym[1])
		st, err := dwarf.ReadSymbols(filepath.Join(dir, "libplug.so"))
		if err != nil {
			t.Fatal(err)
		}
		counterpart := ""
		for _, s := range st.Exported {
			if d, _ := layout.Demangle(s.Name); d == want && s.Name != sym[1] {
				counterpart = s.Name
			}
		}
		if counterpart == "" {
			t.Fatalf("v2 exports nothing named %s", want)
		}
		var stdout, stderr bytes.Buffer
		st12 := run([]string{"explain", "--error", captured, "--lib-path", stdlib,
			filepath.Join(dir, "host"), filepath.Join(dir, "libplug.so")}, &stdout, &stderr)
		if st12 != exitChange|exitIncompatible {
			t.Errorf("exit status %d, want 12; stderr: %s", st12, stderr.String())
		}
		for _, w := range []string{sym[1], counterpart, "verbose", "<- named by the loader"} {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("the explanation of %q does not mention %s:\n%s", captured, w, stdout.String())
			}
		}
	})

	t.Run("rs_v0_widened", func(t *testing.T) {
		dir, captured, err := runHost("rs_v0_widened")
		if err != nil {
			t.Fatalf("the v1 host does not run with the v2 plugin: %v\n%s", err, captured)
		}
		var stdout, stderr bytes.Buffer
		st := run([]string{"explain", "--lib-path", stdlib, filepath.Join(dir, "host"), filepath.Join(dir, "libplug.so")}, &stdout, &stderr)
		if st != exitChange|exitIncompatible {
			t.Errorf("exit status %d, want 12; stderr: %s", st, stderr.String())
		}
		for _, w := range []string{"host loads libplug.so, but 1 type they share changed silently", "plug::Config.level widened from u32 to u64"} {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("the explanation does not say %q:\n%s", w, stdout.String())
			}
		}
	})
}
