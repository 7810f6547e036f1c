package explain

// The scenarios of testdata/explain: a consumer built against v1 of a
// provider, run and explained against v2. testdata/explain/build.sh builds
// them from testdata/explain/cases; its output is committed in
// testdata/explain/bin (with the loader's messages it captured), so the
// assertions run everywhere. When rustc and gcc are present the scenarios
// are also rebuilt into a temporary directory, the consumers are run
// against the new providers here, and the real loader messages are
// explained.

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/abidrift/abidrift/diff"
	ddwarf "github.com/abidrift/abidrift/dwarf"
)

const committedBin = "../../testdata/explain/bin"

type scenario struct {
	name, consumer, provider string
	lang                     string // "rust", "nightly" (rust with a nightly v2) or "c"
	// loads is true when the v1 consumer runs with the v2 provider; ok when
	// the explanation finds nothing that breaks it.
	loads, ok bool
	check     func(t *testing.T, c *checker)
}

// checker holds one explained scenario.
type checker struct {
	r      *Report
	text   string
	loader string // the loader's message
	newBin string // the v2 provider
}

func (c *checker) missing(t *testing.T, demangled string) *Missing {
	t.Helper()
	for _, m := range c.r.Missing {
		if m.Demangled == demangled {
			return m
		}
	}
	t.Fatalf("no missing symbol %s; missing: %v\n%s", demangled, missingNames(c.r), c.text)
	return nil
}

func missingNames(r *Report) []string {
	var out []string
	for _, m := range r.Missing {
		out = append(out, m.Demangled+" ["+string(m.Cause)+"]")
	}
	return out
}

func hasChange(chs []*diff.Change, kind diff.Kind, subject string) *diff.Change {
	for _, ch := range chs {
		if ch.Kind == kind && ch.Subject == subject {
			return ch
		}
	}
	return nil
}

func (c *checker) contains(t *testing.T, what ...string) {
	t.Helper()
	for _, w := range what {
		if !strings.Contains(c.text, w) {
			t.Errorf("the explanation does not mention %q:\n%s", w, c.text)
		}
	}
}

func (c *checker) headline(t *testing.T, what ...string) {
	t.Helper()
	for _, w := range what {
		if !strings.Contains(c.r.Headline, w) {
			t.Errorf("the headline does not say %q:\n%s", w, c.r.Headline)
		}
	}
}

// loaderSymbol is the symbol the loader's message names.
func (c *checker) loaderSymbol(t *testing.T) string {
	t.Helper()
	les := ParseLoaderError(c.loader)
	if len(les) == 0 || les[0].Symbol == "" {
		t.Fatalf("no symbol in the loader's message %q", c.loader)
	}
	return les[0].Symbol
}

// exported reports whether the v2 provider exports sym.
func (c *checker) exported(t *testing.T, sym string) bool {
	t.Helper()
	in, err := readInput(c.newBin, ddwarf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range in.table.Exported {
		if s.Name == sym {
			return true
		}
	}
	return false
}

var scenarios = []scenario{
	{name: "rs_field_added", consumer: "host", provider: "libplug.so", lang: "rust", check: func(t *testing.T, c *checker) {
		// The loader names one symbol; explain names it, its new
		// counterpart and the field that changed the hash.
		sym := c.loaderSymbol(t)
		var m *Missing
		for _, x := range c.r.Missing {
			if x.Symbol == sym {
				m = x
			}
		}
		if m == nil {
			t.Fatalf("the loader's symbol %s is not among the missing: %v", sym, missingNames(c.r))
		}
		if !m.Focus || c.r.Missing[0] != m {
			t.Errorf("the loader's symbol %s is not explained first", sym)
		}
		if m.Cause != CauseItemChanged || m.Candidate == nil || m.Candidate.Name != m.Demangled || m.Candidate.Symbol == sym {
			t.Fatalf("%s: cause %s, candidate %+v; want item-changed with a new symbol for the same path", m.Demangled, m.Cause, m.Candidate)
		}
		if !c.exported(t, m.Candidate.Symbol) {
			t.Errorf("the candidate %s is not exported by v2", m.Candidate.Symbol)
		}
		if hasChange(m.Changes, diff.FieldAdded, "plug::Config.verbose") == nil {
			t.Errorf("%s: no field-added plug::Config.verbose among %v", m.Demangled, m.Changes)
		}
		for _, name := range []string{"plug::make", "plug::run"} {
			if x := c.missing(t, name); x.Cause != CauseItemChanged {
				t.Errorf("%s: cause %s, want item-changed", name, x.Cause)
			}
		}
		if len(c.r.Missing) != 2 {
			t.Errorf("missing %v, want plug::make and plug::run", missingNames(c.r))
		}
		c.contains(t, sym, m.Candidate.Symbol, "verbose")
		c.headline(t, "cannot satisfy 2 symbols that host needs", "changed hash because plug::Config gained field `verbose` (size 16 -> 24)")
		// Legacy hashes do not cover field types: stats keeps its symbol.
		if ch := hasChange(c.r.Silent, diff.FieldTypeChanged, "plug::Stats.count"); ch == nil || ch.Severity == diff.Compatible {
			t.Errorf("no silent field-type-changed plug::Stats.count: %v", c.r.Silent)
		}
	}},
	{name: "rs_v0_widened", consumer: "host", provider: "libplug.so", lang: "rust", loads: true, check: func(t *testing.T, c *checker) {
		if len(c.r.Missing) != 0 {
			t.Errorf("missing %v, want none: v0 symbols carry no layout", missingNames(c.r))
		}
		if hasChange(c.r.Silent, diff.FieldTypeChanged, "plug::Config.level") == nil {
			t.Errorf("no silent field-type-changed plug::Config.level: %v", c.r.Silent)
		}
		if ch := hasChange(c.r.Silent, diff.TypeSizeChanged, "plug::Config"); ch == nil || ch.Severity != diff.Breaking {
			t.Errorf("no breaking silent type-size-changed plug::Config: %v", c.r.Silent)
		}
		if !c.r.Breaking() {
			t.Error("not breaking")
		}
		c.headline(t, "host loads libplug.so", "plug::Config.level widened from u32 to u64 (size 8 -> 16)")
	}},
	{name: "rs_crate_id", consumer: "host", provider: "libplug.so", lang: "rust", check: func(t *testing.T, c *checker) {
		if len(c.r.Missing) != 2 {
			t.Errorf("missing %v, want plug::run and plug::version", missingNames(c.r))
		}
		for _, m := range c.r.Missing {
			if m.Cause != CauseCrateIdentity || len(m.Changes) != 0 {
				t.Errorf("%s: cause %s with %d changes, want crate-identity-changed and none", m.Demangled, m.Cause, len(m.Changes))
			}
		}
		if len(c.r.Crates) != 1 || c.r.Crates[0].Crate != "plug" || c.r.Crates[0].Cause != CauseCrateIdentity {
			t.Fatalf("crates %+v, want plug rebuilt with another identity", c.r.Crates)
		}
		c.headline(t, "every symbol of crate plug changed", "crate identity changed, not its code", "-C metadata")
	}},
	{name: "rs_crate_id_v0", consumer: "host", provider: "libplug.so", lang: "rust", check: func(t *testing.T, c *checker) {
		for _, m := range c.r.Missing {
			if m.Cause != CauseCrateIdentity {
				t.Errorf("%s: cause %s, want crate-identity-changed", m.Demangled, m.Cause)
			}
		}
		// The host's v0 references carry the crate id it was linked against.
		if len(c.r.Crates) != 1 || c.r.Crates[0].OldID == "" || c.r.Crates[0].NewID == "" || c.r.Crates[0].OldID == c.r.Crates[0].NewID {
			t.Fatalf("crates %+v, want plug with two crate ids", c.r.Crates)
		}
		c.contains(t, c.r.Crates[0].OldID, c.r.Crates[0].NewID)
		c.headline(t, "crate identity changed, not its code")
	}},
	{name: "rs_trait_reordered", consumer: "host", provider: "libplug.so", lang: "rust", loads: true, check: func(t *testing.T, c *checker) {
		if len(c.r.Missing) != 0 {
			t.Errorf("missing %v, want none: a trait's method order is in no symbol", missingNames(c.r))
		}
		ch := hasChange(c.r.Silent, diff.VtableSlotReordered, "plug::Plugin")
		if ch == nil || ch.Severity != diff.Breaking || len(ch.Impacts) == 0 || ch.Impacts[0].Path != "call(&dyn Plugin)" {
			t.Fatalf("no breaking vtable-slot-reordered plug::Plugin used by call(&dyn Plugin): %v", c.r.Silent)
		}
		c.headline(t, "host loads libplug.so", "trait plug::Plugin's methods were reordered", "(start, stop)", "(stop, start)")
	}},
	{name: "rs_rustc_version", consumer: "host", provider: "libplug.so", lang: "nightly", check: func(t *testing.T, c *checker) {
		if len(c.r.Missing) != 2 {
			t.Errorf("missing %v, want plug::run and plug::version", missingNames(c.r))
		}
		for _, m := range c.r.Missing {
			if m.Cause != CauseRustcVersion || m.Candidate == nil || m.Candidate.Name != m.Demangled {
				t.Errorf("%s: cause %s, candidate %+v; want rustc-version-changed and the same path", m.Demangled, m.Cause, m.Candidate)
			}
		}
		if len(c.r.Crates) != 1 || c.r.Crates[0].OldRustc == c.r.Crates[0].NewRustc {
			t.Fatalf("crates %+v, want plug with two rustc versions", c.r.Crates)
		}
		c.headline(t, "was built by rustc")
	}},
	{name: "c_struct_grew", consumer: "prog", provider: "libcfg.so.1", lang: "c", loads: true, check: func(t *testing.T, c *checker) {
		if len(c.r.Missing) != 0 {
			t.Errorf("missing %v, want none", missingNames(c.r))
		}
		if ch := hasChange(c.r.Silent, diff.TypeSizeChanged, "cfg"); ch == nil || ch.Severity != diff.Breaking {
			t.Errorf("no breaking silent type-size-changed cfg: %v", c.r.Silent)
		}
		if hasChange(c.r.Silent, diff.FieldAdded, "cfg.flags") == nil {
			t.Errorf("no silent field-added cfg.flags: %v", c.r.Silent)
		}
		c.headline(t, "prog loads libcfg.so.1", "struct cfg gained field `flags` (size 8 -> 16)")
	}},
	{name: "c_symver", consumer: "prog", provider: "libx.so.1", lang: "c", check: func(t *testing.T, c *checker) {
		les := ParseLoaderError(c.loader)
		if len(les) == 0 || les[0].Kind != VersionNotFound || les[0].Version != "LIBX_1.0" {
			t.Fatalf("loader message %q: want version LIBX_1.0 not found", c.loader)
		}
		for _, name := range []string{"x_get", "x_put"} {
			m := c.missing(t, name)
			if m.Cause != CauseVersionMismatch || m.Version != "LIBX_1.0" || m.Candidate == nil || m.Candidate.Version != "LIBX_2.0" || !m.Focus {
				t.Errorf("%s: %+v; want a focused version mismatch LIBX_1.0 -> LIBX_2.0", name, m)
			}
		}
		if len(c.r.VersionsNotFound) != 1 || c.r.VersionsNotFound[0].Version != "LIBX_1.0" {
			t.Errorf("versions not found %+v, want LIBX_1.0", c.r.VersionsNotFound)
		}
		c.headline(t, "x_get@LIBX_1.0", "LIBX_2.0", "symbol-version mismatch")
	}},
	{name: "c_renamed", consumer: "prog", provider: "libx.so.1", lang: "c", check: func(t *testing.T, c *checker) {
		if m := c.missing(t, "x_open"); m.Cause != CauseRenamed || m.Candidate == nil || m.Candidate.Name != "x_open_v2" {
			t.Errorf("x_open: cause %s, candidate %+v; want renamed to x_open_v2", m.Cause, m.Candidate)
		}
		if m := c.missing(t, "x_close"); m.Cause != CauseRemoved {
			t.Errorf("x_close: cause %s, want removed", m.Cause)
		}
		c.headline(t, "x_open is gone; the closest is x_open_v2", "x_close was removed")
	}},
	{name: "c_enum_added", consumer: "prog", provider: "libmode.so.1", lang: "c", loads: true, ok: true, check: func(t *testing.T, c *checker) {
		if len(c.r.Missing) != 0 || c.r.Breaking() || !c.r.Differs() {
			t.Errorf("missing %v, breaking %v, differs %v; want a difference that does not break", missingNames(c.r), c.r.Breaking(), c.r.Differs())
		}
		if ch := hasChange(c.r.Silent, diff.VariantAdded, "mode::MODE_TURBO"); ch == nil || ch.Severity == diff.Breaking {
			t.Errorf("no silent, non-breaking variant-added mode::MODE_TURBO: %v", c.r.Silent)
		}
		c.headline(t, "satisfies every symbol prog needs", "enum mode gained enumerator `MODE_TURBO`")
	}},
}

// explainCase explains the scenario in dir with the loader's message.
func explainCase(t *testing.T, sc scenario, dir, loader string, libPaths []string) *checker {
	t.Helper()
	newBin := filepath.Join(dir, "new", sc.provider)
	r, err := Explain(filepath.Join(dir, "old", sc.consumer), newBin, Options{Error: loader, LibPaths: libPaths})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Text(&buf, r, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []func() error{
		func() error { return JSON(&bytes.Buffer{}, r) },
		func() error { return Markdown(&bytes.Buffer{}, r, RenderOptions{}) },
	} {
		if err := f(); err != nil {
			t.Fatal(err)
		}
	}
	return &checker{r: r, text: buf.String(), loader: loader, newBin: newBin}
}

// TestScenarios explains the committed scenarios with the loader messages
// build.sh captured.
func TestScenarios(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			dir := filepath.Join(committedBin, sc.name)
			status, err := os.ReadFile(filepath.Join(dir, "run.status"))
			if err != nil {
				t.Fatalf("scenario binaries missing: run testdata/explain/build.sh (%v)", err)
			}
			if loads := strings.TrimSpace(string(status)) == "0"; loads != sc.loads {
				t.Fatalf("recorded run exited %s; want it to load: %v", status, sc.loads)
			}
			loader, err := os.ReadFile(filepath.Join(dir, "run.stderr"))
			if err != nil {
				t.Fatal(err)
			}
			c := explainCase(t, sc, dir, string(loader), nil)
			sc.check(t, c)
		})
	}
}

// TestScenariosRebuilt rebuilds every scenario with build.sh, runs each
// consumer against its new provider and explains the loader's real message.
func TestScenariosRebuilt(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not rebuilding the scenarios")
	}
	var found []string
	for _, tool := range []string{"rustc", "gcc"} {
		if _, err := exec.LookPath(tool); err == nil {
			found = append(found, tool)
		}
	}
	if _, err := exec.LookPath("bash"); err != nil || len(found) == 0 {
		t.Skip("not rebuilding the scenarios: bash, rustc and gcc not found (the committed binaries are checked by TestScenarios)")
	}
	out := t.TempDir()
	cmd := exec.Command("bash", "../../testdata/explain/build.sh", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build.sh: %v\n%s", err, msg)
	}
	stdlib := map[string]string{"rust": rustLibDir(t, "rustc")}
	if n := rustLibDir(t, "rustc", "+nightly"); n != "" {
		stdlib["nightly"] = stdlib["rust"] + string(os.PathListSeparator) + n
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			dir := filepath.Join(out, sc.name)
			if _, err := os.Stat(filepath.Join(dir, "new", sc.provider)); err != nil {
				t.Skipf("build.sh did not build %s (a compiler is missing)", sc.name)
			}
			// Put the new provider in place of the old one and run.
			run := t.TempDir()
			for _, f := range []string{filepath.Join(dir, "old", sc.consumer), filepath.Join(dir, "new", sc.provider)} {
				copyFile(t, f, filepath.Join(run, filepath.Base(f)))
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, "./"+sc.consumer)
			cmd.Dir = run
			cmd.Env = append(os.Environ(), "LD_LIBRARY_PATH="+stdlib[sc.lang])
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			if loads := err == nil; loads != sc.loads {
				t.Fatalf("running %s against the new %s: %v (%s); want it to load: %v", sc.consumer, sc.provider, err, stderr.String(), sc.loads)
			}
			if !sc.loads && len(ParseLoaderError(stderr.String())) == 0 {
				t.Fatalf("no loader failure in %q", stderr.String())
			}
			t.Logf("%s with the new %s: %v %s", sc.consumer, sc.provider, err, strings.TrimSpace(stderr.String()))
			var libPaths []string
			if sc.lang != "c" {
				libPaths = filepath.SplitList(stdlib[sc.lang])
			}
			c := explainCase(t, sc, dir, stderr.String(), libPaths)
			if sc.lang != "c" && len(c.r.Unchecked) > 0 {
				t.Errorf("with the std dylib on --lib-path, %d symbols stay unchecked: %v", len(c.r.Unchecked), c.r.Unchecked)
			}
			sc.check(t, c)
		})
	}
}

// rustLibDir is the directory of a toolchain's std dylib, "" when the
// toolchain is not installed.
func rustLibDir(t *testing.T, rustc string, args ...string) string {
	t.Helper()
	sysroot, err := exec.Command(rustc, append(args, "--print", "sysroot")...).Output()
	if err != nil {
		return ""
	}
	vv, err := exec.Command(rustc, append(args, "-vV")...).Output()
	if err != nil {
		return ""
	}
	host := ""
	for _, l := range strings.Split(string(vv), "\n") {
		if h, ok := strings.CutPrefix(l, "host: "); ok {
			host = strings.TrimSpace(h)
		}
	}
	return filepath.Join(strings.TrimSpace(string(sysroot)), "lib", "rustlib", host, "lib")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o755); err != nil {
		t.Fatal(err)
	}
}

// TestExitStatusFacts checks Breaking and Differs on the committed
// scenarios, which the command turns into exit statuses 12 and 4.
func TestExitStatusFacts(t *testing.T) {
	for _, sc := range scenarios {
		dir := filepath.Join(committedBin, sc.name)
		r, err := Explain(filepath.Join(dir, "old", sc.consumer), filepath.Join(dir, "new", sc.provider), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Breaking() == sc.ok || !r.Differs() {
			t.Errorf("%s: breaking %v, differs %v; want breaking %v", sc.name, r.Breaking(), r.Differs(), !sc.ok)
		}
		// A consumer explained with the provider it was built against is fine.
		same, err := Explain(filepath.Join(dir, "old", sc.consumer), filepath.Join(dir, "old", sc.provider), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if same.Differs() {
			var buf bytes.Buffer
			Text(&buf, same, RenderOptions{})
			t.Errorf("%s: the consumer with its own provider differs:\n%s", sc.name, buf.String())
		}
		if !strings.Contains(same.Headline, "satisfies every symbol") {
			t.Errorf("%s: headline %q", sc.name, same.Headline)
		}
	}
}

// TestOld adds the old provider: its crate id is the evidence of a crate
// rebuilt, and its types are compared too.
func TestOld(t *testing.T) {
	dir := filepath.Join(committedBin, "rs_crate_id")
	r, err := Explain(filepath.Join(dir, "old/host"), filepath.Join(dir, "new/libplug.so"), Options{Old: filepath.Join(dir, "old/libplug.so")})
	if err != nil {
		t.Fatal(err)
	}
	old, err := readInput(filepath.Join(dir, "old/libplug.so"), ddwarf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Crates) != 1 || r.Crates[0].OldID != old.rust.CrateIDs["plug"] || r.Crates[0].OldID == r.Crates[0].NewID {
		t.Errorf("crates %+v, want the old plugin's crate id %s", r.Crates, old.rust.CrateIDs["plug"])
	}
	dir = filepath.Join(committedBin, "rs_field_added")
	r, err = Explain(filepath.Join(dir, "old/host"), filepath.Join(dir, "new/libplug.so"), Options{Old: filepath.Join(dir, "old/libplug.so")})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range r.Missing {
		if m.Cause != CauseItemChanged || hasChange(m.Changes, diff.FieldAdded, "plug::Config.verbose") == nil {
			t.Errorf("%s: cause %s, changes %v", m.Demangled, m.Cause, m.Changes)
		}
		for _, ch := range m.Changes {
			if ch.Kind == diff.FunctionRemoved || ch.Kind == diff.FunctionAdded {
				t.Errorf("%s: %s", m.Demangled, ch.Detail)
			}
		}
	}
}

// TestNoDWARF explains binaries stripped of their debug information: the
// symbols are still paired and classified, the types are not compared.
func TestNoDWARF(t *testing.T) {
	if _, err := exec.LookPath("objcopy"); err != nil {
		t.Skip("objcopy not found")
	}
	dir := t.TempDir()
	for _, f := range []string{"old/host", "new/libplug.so"} {
		out := filepath.Join(dir, filepath.Base(f))
		if msg, err := exec.Command("objcopy", "--strip-debug", filepath.Join(committedBin, "rs_field_added", f), out).CombinedOutput(); err != nil {
			t.Fatalf("objcopy: %v\n%s", err, msg)
		}
	}
	r, err := Explain(filepath.Join(dir, "host"), filepath.Join(dir, "libplug.so"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Missing) != 2 || len(r.Silent) != 0 {
		t.Errorf("missing %v, silent %v", missingNames(r), r.Silent)
	}
	for _, m := range r.Missing {
		if m.Cause != CauseHashChanged || m.Candidate == nil {
			t.Errorf("%s: cause %s, candidate %+v; want hash-changed with a candidate", m.Demangled, m.Cause, m.Candidate)
		}
	}
	if notes := strings.Join(r.Notes, "\n"); !strings.Contains(notes, "host has no DWARF") || !strings.Contains(notes, "libplug.so has no DWARF") {
		t.Errorf("notes %q", notes)
	}
}
