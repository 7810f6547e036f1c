package diff_test

// The fixture cases of testdata/diff/cases: one annotated source per case,
// Rust (.rs) or C (.c). Lines between `// old` and the next marker go only to
// the old build, `// new` only to the new one, `// both` (the default) to
// both; excluded lines become blank lines, so line numbers match the case
// file. Beside the code, `// want: SEVERITY KIND SUBJECT` states a change the
// diff must report; the diff must report nothing else.
//
// Every Rust case is built in four variants: as a `#![no_std]` cdylib and as
// a std dylib (-C prefer-dynamic), each with legacy symbol mangling (the
// stable default) and with v0 (-C symbol-mangling-version=v0). A want holds
// in every variant unless it is qualified: `// want[dylib]: ...` holds only
// in the dylib variants, `// want[dylib,legacy]: ...` only in the dylib built
// with legacy mangling (qualifiers of one axis are alternatives, the axes
// must all match).
//
// Directives (comment lines near the top):
//
//	// build: dylib             Rust: build only these crate types (cdylib, dylib)
//	// old-flags: ... / new-flags: ...   extra compiler flags of one side
//	// old-cc: clang / new-cc: clang     the C compiler of one side
//	// option: all-types        compare with Options.AllTypes
//
// The cdylib variants are built #![no_std] with a panic handler that the
// harness writes on line 1, which must be a comment describing the case.
//
// The binaries of every case and variant are committed in testdata/diff/bin
// (NAME.old.so and NAME.new.so for C cases and the cdylib-legacy variant,
// NAME.VARIANT.old.so for the other variants), so the test runs without
// compilers; when rustc and gcc are present each case is also rebuilt into a
// temporary directory and checked again. Regenerate the committed binaries
// with testdata/diff/build.sh (go test -run TestCases -rebuild).

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/abidrift/abidrift/diff"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/layouttest"
)

var rebuild = flag.Bool("rebuild", false, "rebuild the committed binaries in testdata/diff/bin (needs rustc, gcc, clang)")

const (
	casesDir = "../testdata/diff/cases"
	binDir   = "../testdata/diff/bin"
	// remapped is the directory the sources are recorded under in DWARF.
	remapped = "testdata/diff/cases"
	prelude  = "#![no_std] #[panic_handler] fn __abidrift_panic(_: &core::panic::PanicInfo) -> ! { loop {} }"
)

// variant is one way a case is built: for Rust a crate type and a symbol
// mangling; C cases have the zero variant.
type variant struct {
	crate    string // "cdylib" or "dylib"
	mangling string // "legacy" or "v0"
}

var (
	crateTypes = []string{"cdylib", "dylib"}
	manglings  = []string{"legacy", "v0"}
)

func (v variant) String() string {
	if v.crate == "" {
		return "c"
	}
	return v.crate + "-" + v.mangling
}

// binary is the file name of one side of a case built in v: the C cases and
// the cdylib-legacy variant (the stable defaults) keep the plain name.
func (v variant) binary(name, side string) string {
	if v.crate == "" || v == (variant{"cdylib", "legacy"}) {
		return name + "." + side + ".so"
	}
	return name + "." + v.String() + "." + side + ".so"
}

type want struct {
	sev     diff.Severity
	kind    diff.Kind
	subject string
	line    int
	// only lists the variant qualifiers of the want; empty: every variant.
	only []string
}

func (w want) String() string { return fmt.Sprintf("%s %s %s", w.sev, w.kind, w.subject) }

// holds reports whether the want applies to v: for each axis (crate type,
// mangling) the qualifiers name, v must match one of them.
func (w want) holds(v variant) bool {
	var crates, mangs []string
	for _, q := range w.only {
		if slices.Contains(crateTypes, q) {
			crates = append(crates, q)
		} else {
			mangs = append(mangs, q)
		}
	}
	return (len(crates) == 0 || slices.Contains(crates, v.crate)) && (len(mangs) == 0 || slices.Contains(mangs, v.mangling))
}

type fixture struct {
	name, path, lang string
	old, new         string
	wants            []want
	dir              map[string]string
}

var wantRE = regexp.MustCompile(`// want(?:\[([a-z0-9, ]*)\])?:(.*)$`)

// parseCase splits a case file into its two sources and its expectations.
func parseCase(path string) (*fixture, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	fx := &fixture{path: path, dir: map[string]string{}}
	base := filepath.Base(path)
	fx.lang = strings.TrimPrefix(filepath.Ext(base), ".")
	fx.name = strings.TrimSuffix(base, filepath.Ext(base))
	var oldB, newB strings.Builder
	mode := "both"
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for _, line := range lines {
		trim := strings.TrimSpace(line)
		for _, d := range []string{"build", "old-flags", "new-flags", "old-cc", "new-cc", "option"} {
			if v, ok := strings.CutPrefix(trim, "// "+d+":"); ok {
				fx.dir[d] = strings.TrimSpace(v)
			}
		}
	}
	for _, ct := range strings.Fields(fx.dir["build"]) {
		if !slices.Contains(crateTypes, ct) {
			return nil, fmt.Errorf("%s: unknown crate type %q in // build: (use %s)", path, ct, strings.Join(crateTypes, ", "))
		}
	}
	for i, line := range lines {
		n := i + 1
		trim := strings.TrimSpace(line)
		switch trim {
		case "// old", "// new", "// both":
			mode = strings.TrimPrefix(trim, "// ")
			oldB.WriteString("\n")
			newB.WriteString("\n")
			continue
		}
		if m := wantRE.FindStringSubmatch(line); m != nil {
			f := strings.Fields(m[2])
			if len(f) < 3 {
				return nil, fmt.Errorf("%s:%d: want SEVERITY KIND SUBJECT", path, n)
			}
			sev := diff.Severity(f[0])
			if !sev.Valid() {
				return nil, fmt.Errorf("%s:%d: unknown severity %q", path, n, f[0])
			}
			w := want{sev: sev, kind: diff.Kind(f[1]), subject: strings.Join(f[2:], " "), line: n}
			for _, q := range strings.Split(m[1], ",") {
				if q = strings.TrimSpace(q); q == "" {
					continue
				}
				if fx.lang != "rs" || !slices.Contains(crateTypes, q) && !slices.Contains(manglings, q) {
					return nil, fmt.Errorf("%s:%d: unknown variant qualifier %q (Rust cases: %s, %s)", path, n, q,
						strings.Join(crateTypes, ", "), strings.Join(manglings, ", "))
				}
				w.only = append(w.only, q)
			}
			fx.wants = append(fx.wants, w)
		}
		if n == 1 && fx.lang == "rs" && !strings.HasPrefix(trim, "//") {
			return nil, fmt.Errorf("%s:1: the first line must be a comment (the harness replaces it with the no_std prelude in cdylib builds)", path)
		}
		if mode != "new" {
			oldB.WriteString(line)
		}
		if mode != "old" {
			newB.WriteString(line)
		}
		oldB.WriteString("\n")
		newB.WriteString("\n")
	}
	fx.old, fx.new = oldB.String(), newB.String()
	return fx, nil
}

// variants lists the builds of a case.
func (fx *fixture) variants() []variant {
	if fx.lang != "rs" {
		return []variant{{}}
	}
	types := crateTypes
	if b := strings.Fields(fx.dir["build"]); len(b) > 0 {
		types = b
	}
	var out []variant
	for _, ct := range types {
		for _, m := range manglings {
			out = append(out, variant{ct, m})
		}
	}
	return out
}

// compilers lists the programs a case needs.
func (fx *fixture) compilers() []string {
	if fx.lang == "rs" {
		return []string{"rustc"}
	}
	out := []string{"gcc"}
	for _, k := range []string{"old-cc", "new-cc"} {
		if cc := fx.dir[k]; cc != "" {
			out = append(out, cc)
		}
	}
	return out
}

// source is the text of one side as compiled in v: a cdylib gets the no_std
// prelude on line 1.
func (fx *fixture) source(side string, v variant) string {
	text := fx.old
	if side == "new" {
		text = fx.new
	}
	if v.crate == "cdylib" {
		_, rest, _ := strings.Cut(text, "\n")
		text = prelude + "\n" + rest
	}
	return text
}

// build compiles both sides of variant v into dir and returns the two binaries.
func (fx *fixture) build(dir string, v variant) (string, string, error) {
	bins := [2]string{}
	for i, side := range []string{"old", "new"} {
		srcDir, err := os.MkdirTemp("", "abidrift-case-")
		if err != nil {
			return "", "", err
		}
		defer os.RemoveAll(srcDir)
		src := filepath.Join(srcDir, filepath.Base(fx.path))
		if err := os.WriteFile(src, []byte(fx.source(side, v)), 0o644); err != nil {
			return "", "", err
		}
		out, err := filepath.Abs(filepath.Join(dir, v.binary(fx.name, side)))
		if err != nil {
			return "", "", err
		}
		var cmd *exec.Cmd
		extra := strings.Fields(fx.dir[side+"-flags"])
		if fx.lang == "rs" {
			args := []string{"--edition", "2021", "-C", "debuginfo=2", "-C", "opt-level=0", "-C", "overflow-checks=off", "-C", "debug-assertions=off",
				"-C", "metadata=abidrift-diff-" + fx.name, "--remap-path-prefix", srcDir + "=" + remapped, "-A", "warnings"}
			if !strings.Contains(fx.dir[side+"-flags"], "--crate-name") {
				args = append(args, "--crate-name", "fixture")
			}
			switch v.crate {
			case "dylib":
				// rustc names a dylib after its output file; both sides get one SONAME.
				args = append(args, "--crate-type", "dylib", "-C", "prefer-dynamic", "-C", "link-arg=-Wl,-soname,libfixture.so")
			default:
				args = append(args, "--crate-type", "cdylib", "-C", "panic=abort")
			}
			if v.mangling == "v0" {
				args = append(args, "-C", "symbol-mangling-version=v0")
			}
			args = append(args, extra...)
			args = append(args, "-o", out, src)
			cmd = exec.Command("rustc", args...)
		} else {
			cc := fx.dir[side+"-cc"]
			if cc == "" {
				cc = "gcc"
			}
			args := []string{"-shared", "-fPIC", "-g", "-O0", "-std=gnu11", "-w", "-ffile-prefix-map=" + srcDir + "=" + remapped}
			args = append(args, extra...)
			args = append(args, "-o", out, src)
			cmd = exec.Command(cc, args...)
		}
		cmd.Dir = srcDir
		if msg, err := cmd.CombinedOutput(); err != nil {
			return "", "", fmt.Errorf("building the %s side of %s (%s): %v\n%s\n%s", side, fx.path, v, err, cmd, msg)
		}
		bins[i] = out
	}
	return bins[0], bins[1], nil
}

// loadSurface reads a binary's model, its vtables and its exported symbols.
func loadSurface(t *testing.T, path string) *layout.Surface {
	t.Helper()
	f, bin := layouttest.Open(t, path)
	var err error
	if bin.VTables, err = layout.VTables(f, bin); err != nil {
		t.Fatal(err)
	}
	s, err := layout.Exports(f, bin, layout.ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// check compares the report on a case's two binaries built in v with the
// wants that hold in v.
func (fx *fixture) check(t *testing.T, oldPath, newPath string, v variant) {
	t.Helper()
	opts := diff.Options{AllTypes: fx.dir["option"] == "all-types"}
	r := diff.CompareSurfaces(loadSurface(t, oldPath), loadSurface(t, newPath), opts)
	got := map[string]*diff.Change{}
	for _, c := range r.Changes {
		got[want{sev: c.Severity, kind: c.Kind, subject: c.Subject}.String()] = c
	}
	wanted := map[string]want{}
	for _, w := range fx.wants {
		if !w.holds(v) {
			continue
		}
		k := w.String()
		wanted[k] = w
		if got[k] == nil {
			t.Errorf("%s:%d: missing in %s: %s", fx.path, w.line, v, k)
		}
	}
	var extra []string
	for k, c := range got {
		if _, ok := wanted[k]; !ok {
			extra = append(extra, fmt.Sprintf("unexpected in %s: %s\n\t%s", v, k, c.Detail))
		}
	}
	sort.Strings(extra)
	for _, e := range extra {
		t.Errorf("%s: %s", fx.path, e)
	}
}

func cases(t *testing.T) []*fixture {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(casesDir, "*.rs"))
	cpaths, _ := filepath.Glob(filepath.Join(casesDir, "*.c"))
	paths = append(paths, cpaths...)
	sort.Strings(paths)
	if len(paths) == 0 {
		t.Fatalf("no cases in %s", casesDir)
	}
	var out []*fixture
	for _, p := range paths {
		fx, err := parseCase(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fx)
	}
	return out
}

func haveAll(progs []string) (string, bool) {
	for _, p := range progs {
		if _, err := exec.LookPath(p); err != nil {
			return p, false
		}
	}
	return "", true
}

func TestCases(t *testing.T) {
	fixtures := cases(t)
	if *rebuild {
		if err := os.MkdirAll(binDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, fx := range fixtures {
			for _, v := range fx.variants() {
				if _, _, err := fx.build(binDir, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		writeVersions(t)
	}
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			for _, v := range fx.variants() {
				t.Run(v.String(), func(t *testing.T) {
					t.Parallel()
					t.Run("committed", func(t *testing.T) {
						o, n := filepath.Join(binDir, v.binary(fx.name, "old")), filepath.Join(binDir, v.binary(fx.name, "new"))
						if _, err := os.Stat(o); err != nil {
							t.Fatalf("%s has no committed %s binaries: run testdata/diff/build.sh", fx.path, v)
						}
						fx.check(t, o, n, v)
					})
					t.Run("fresh", func(t *testing.T) {
						if p, ok := haveAll(fx.compilers()); !ok {
							t.Skipf("%s is not installed: checked the committed binaries only", p)
						}
						o, n, err := fx.build(t.TempDir(), v)
						if err != nil {
							t.Fatal(err)
						}
						fx.check(t, o, n, v)
					})
				})
			}
		})
	}
}

// TestVariantQualifiers checks the parsing and meaning of `// want[...]:`.
func TestVariantQualifiers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "q.rs")
	src := "// q\n" +
		"pub fn f() {} // want[dylib,legacy]: breaking symbol-hash-changed fixture::f\n" +
		"// want[v0]: compatible function-added fixture::g\n" +
		"// want[cdylib,dylib,v0]: compatible function-added fixture::h\n" +
		"// want: compatible function-added fixture::i\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	fx, err := parseCase(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(fx.variants()) != 4 {
		t.Fatalf("a Rust case has %d variants, want 4", len(fx.variants()))
	}
	got := map[string][]string{}
	for _, v := range fx.variants() {
		for _, w := range fx.wants {
			if w.holds(v) {
				got[v.String()] = append(got[v.String()], strings.TrimPrefix(w.subject, "fixture::"))
			}
		}
	}
	want := map[string][]string{
		"cdylib-legacy": {"i"},
		"cdylib-v0":     {"g", "h", "i"},
		"dylib-legacy":  {"f", "i"},
		"dylib-v0":      {"g", "h", "i"},
	}
	for v, w := range want {
		if !slices.Equal(got[v], w) {
			t.Errorf("%s: wants %v, want %v", v, got[v], w)
		}
	}
	if n := (variant{"dylib", "v0"}).binary("x", "old"); n != "x.dylib-v0.old.so" {
		t.Errorf("binary name %s", n)
	}
	if n := (variant{"cdylib", "legacy"}).binary("x", "new"); n != "x.new.so" {
		t.Errorf("binary name %s", n)
	}
	for _, bad := range []string{"// want[static]: breaking function-removed f\n", "// want[dylib]: sometimes function-removed f\n"} {
		if err := os.WriteFile(path, []byte("// q\n"+bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := parseCase(path); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	cpath := filepath.Join(dir, "q.c")
	if err := os.WriteFile(cpath, []byte("int x; // want[dylib]: breaking variable-removed x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := parseCase(cpath); err == nil {
		t.Errorf("a C case accepted a variant qualifier")
	}
}

// writeVersions records the toolchains that built testdata/diff/bin.
func writeVersions(t *testing.T) {
	var b strings.Builder
	b.WriteString("# toolchains that built these binaries (testdata/diff/build.sh)\n")
	for _, c := range [][]string{{"rustc", "--version"}, {"gcc", "--version"}, {"clang", "--version"}} {
		out, err := exec.Command(c[0], c[1:]...).Output()
		if err != nil {
			continue
		}
		first, _, _ := strings.Cut(string(out), "\n")
		fmt.Fprintf(&b, "%s: %s\n", c[0], first)
	}
	if err := os.WriteFile(filepath.Join(binDir, "VERSIONS"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// kindsWithoutFixture are the kinds no fixture case can produce on one
// machine with one toolchain; unit tests cover them.
var kindsWithoutFixture = map[diff.Kind]string{
	diff.ArchChanged:         "needs two targets: TestSyntheticKinds",
	diff.RustcVersionChanged: "needs two rustc versions: TestSyntheticKinds",
}

// TestKindsCovered checks that every kind is expected by some case.
func TestKindsCovered(t *testing.T) {
	seen := map[diff.Kind]bool{}
	for _, fx := range cases(t) {
		for _, w := range fx.wants {
			seen[w.kind] = true
		}
	}
	known := map[diff.Kind]bool{}
	for _, k := range diff.Kinds {
		known[k.Kind] = true
		if !seen[k.Kind] && kindsWithoutFixture[k.Kind] == "" {
			t.Errorf("no case in %s expects %s", casesDir, k.Kind)
		}
	}
	for k := range seen {
		if !known[k] {
			t.Errorf("a case expects unknown kind %s", k)
		}
	}
}
