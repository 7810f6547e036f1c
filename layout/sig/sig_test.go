package sig_test

import (
	"bufio"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/sig"
)

const surface = "../../testdata/surface/"

// expectation is one `sig ARCH NAME | ...` annotation of a fixture source.
type expectation struct {
	where    string // file:line
	arch     string
	name     string
	params   [][2]string // name, passing
	ret      string
	abi      string
	agree    bool
	disagree []string
	nocall   bool
}

var annotation = regexp.MustCompile(`^\s*(?://|/\*)\s*sig (x86_64|aarch64) (.*?)(?:\s*\*/)?$`)

func readExpectations(t *testing.T, src string) []expectation {
	t.Helper()
	file, err := os.Open(surface + src)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	var out []expectation
	sc := bufio.NewScanner(file)
	for line := 1; sc.Scan(); line++ {
		m := annotation.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		items := strings.Split(m[2], " | ")
		e := expectation{where: src + ":" + strconv.Itoa(line), arch: m[1], name: strings.TrimSpace(items[0])}
		for _, it := range items[1:] {
			k, v, _ := strings.Cut(strings.TrimSpace(it), ": ")
			switch k {
			case "ret":
				e.ret = v
			case "abi":
				e.abi = v
			case "checks":
				e.agree = v == "agree"
			case "disagree":
				e.disagree = append(e.disagree, v)
			case "nocall":
				e.nocall = true
			default:
				e.params = append(e.params, [2]string{k, v})
			}
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no annotations", src)
	}
	return out
}

func analyze(t *testing.T, bin string, opts sig.Options, rules ...layout.ABIRule) *sig.Report {
	t.Helper()
	f, err := ddwarf.Open(surface+"bin/"+bin, ddwarf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := layout.Build(f, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := layout.Exports(f, b, layout.ExportOptions{ABIRules: rules})
	if err != nil {
		t.Fatal(err)
	}
	r, err := sig.Analyze(f, s, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestFixtures checks every annotation of the fixture sources against the
// report for each binary built from them.
func TestFixtures(t *testing.T) {
	for _, c := range []struct{ bin, src, arch string }{
		{"rust-O3-dw4-legacy.so", "rust/surface.rs", "x86_64"},
		{"rust-O3-dw5-v0.so", "rust/surface.rs", "x86_64"},
		{"rust-nocall.so", "rust/nocall.rs", "x86_64"},
		{"c-O2-dw5-x86_64.so", "c/surface.c", "x86_64"},
		{"c-O2-dw4-x86_64.so", "c/surface.c", "x86_64"},
		{"c-O2-dw5-x86_64.o", "c/surface.c", "x86_64"},
		{"c-O2-dw5-aarch64.so", "c/surface.c", "aarch64"},
		{"cxx-O2-dw5-x86_64.so", "cxx/surface.cc", "x86_64"},
	} {
		t.Run(c.bin, func(t *testing.T) {
			r := analyze(t, c.bin, sig.Options{})
			if r.Schema != sig.Schema || r.Arch != c.arch || len(r.Notes) != 0 {
				t.Errorf("schema %q arch %q notes %q", r.Schema, r.Arch, r.Notes)
			}
			checked := 0
			for _, e := range readExpectations(t, c.src) {
				if e.arch != c.arch {
					continue
				}
				fns := selectFn(r, e.name)
				if len(fns) != 1 {
					t.Errorf("%s: %d functions match %q", e.where, len(fns), e.name)
					continue
				}
				checkExpectation(t, e, fns[0])
				checked += len(fns[0].Checks)
			}
			if checked == 0 {
				t.Error("no parameter was checked against DWARF")
			}
		})
	}
}

func selectFn(r *sig.Report, name string) []sig.Function {
	var out []sig.Function
	for _, fn := range r.Functions {
		last := fn.Name[strings.LastIndex(fn.Name, ":")+1:]
		if fn.Name == name || fn.Symbol == name || last == name {
			out = append(out, fn)
		}
	}
	return out
}

func checkExpectation(t *testing.T, e expectation, fn sig.Function) {
	t.Helper()
	if !fn.Signature {
		t.Errorf("%s: %s has no signature: %q", e.where, fn.Name, fn.Notes)
		return
	}
	if e.abi != "" && fn.ABI != e.abi {
		t.Errorf("%s: %s: ABI %s, want %s (%s)", e.where, fn.Name, fn.ABI, e.abi, fn.ABIReason)
	}
	if e.nocall {
		if !fn.NoCall || !slices.Contains(fn.Notes, sig.NoCallNote) || fn.Ret != nil && fn.Ret.Pass != nil {
			t.Errorf("%s: %s: nocall %v notes %q", e.where, fn.Name, fn.NoCall, fn.Notes)
		}
		for _, p := range fn.Params {
			if p.Pass != nil {
				t.Errorf("%s: %s: %s predicted despite DW_CC_nocall", e.where, fn.Name, p.Name)
			}
		}
		return
	}
	if fn.NoCall {
		t.Errorf("%s: %s: unexpected DW_CC_nocall", e.where, fn.Name)
	}
	var names []string
	for _, p := range fn.Params {
		names = append(names, p.Name)
	}
	for _, want := range e.params {
		i := slices.Index(names, want[0])
		if n, err := strconv.Atoi(strings.TrimPrefix(want[0], "#")); err == nil && strings.HasPrefix(want[0], "#") && n < len(names) {
			i = n
		}
		if i < 0 {
			t.Errorf("%s: %s: no parameter %s in %q", e.where, fn.Name, want[0], names)
			continue
		}
		if got := sig.PassString(fn.Params[i].Pass); got != want[1] {
			t.Errorf("%s: %s: %s passed %q, want %q", e.where, fn.Name, want[0], got, want[1])
		}
	}
	if len(e.params) != len(fn.Params) {
		t.Errorf("%s: %s: parameters %q, annotation lists %d", e.where, fn.Name, names, len(e.params))
	}
	if e.ret != "" {
		got := "void"
		switch {
		case fn.Ret != nil:
			got = sig.RetString(fn.Ret.Pass)
		case fn.NoReturn:
			got = "!"
		}
		if got != e.ret {
			t.Errorf("%s: %s: result %q, want %q", e.where, fn.Name, got, e.ret)
		}
	}
	if e.agree && len(fn.Checks) == 0 {
		t.Errorf("%s: %s: no parameter checked against DWARF (entries %q)", e.where, fn.Name, entries(fn))
	}
	for _, c := range fn.Checks {
		if want := !slices.Contains(e.disagree, c.Name); c.Agree != want {
			t.Errorf("%s: %s: check of %s: agree %v, want %v (predicted %s, entry %s, %s)", e.where, fn.Name, c.Name, c.Agree, want, c.Predicted, c.Entry, c.Note)
		}
	}
	for _, d := range e.disagree {
		if !slices.ContainsFunc(fn.Checks, func(c sig.Check) bool { return c.Name == d }) {
			t.Errorf("%s: %s: %s not checked (entries %q)", e.where, fn.Name, d, entries(fn))
		}
	}
}

func entries(fn sig.Function) []string {
	var out []string
	for _, p := range fn.Params {
		out = append(out, p.Name+"="+p.Entry)
	}
	return out
}

func TestNoCallShowsEntryLocations(t *testing.T) {
	r := analyze(t, "rust-nocall.so", sig.Options{Names: []string{"internal"}})
	if len(r.Functions) != 1 {
		t.Fatalf("%d functions", len(r.Functions))
	}
	fn := r.Functions[0]
	// LLVM passes b.a[3] in rdi and k in rsi; DWARF only places k.
	if len(fn.Params) != 3 || fn.Params[2].Name != "k" || fn.Params[2].Entry != "rsi" || len(fn.Checks) != 0 {
		t.Errorf("params %+v checks %+v", fn.Params, fn.Checks)
	}
}

func TestABIOverrideFixesCheck(t *testing.T) {
	rules := []layout.ABIRule{layout.NewABIRule("nm_rust", layout.ABIRust), layout.NewABIRule("surface::cb_*", layout.ABIC)}
	r := analyze(t, "rust-O3-dw4-legacy.so", sig.Options{Names: []string{"nm_rust", "cb_a2"}}, rules...)
	if len(r.Functions) != 2 {
		t.Fatalf("%d functions", len(r.Functions))
	}
	for _, fn := range r.Functions {
		if fn.ABIInferred || len(fn.Checks) != 1 || !fn.Checks[0].Agree {
			t.Errorf("%s: ABI %s inferred %v checks %+v", fn.Name, fn.ABI, fn.ABIInferred, fn.Checks)
		}
	}
}

func TestArchOverride(t *testing.T) {
	r := analyze(t, "c-O2-dw5-x86_64.so", sig.Options{Arch: "aarch64", Names: []string{"c_big"}})
	if len(r.Functions) != 1 || r.Arch != "aarch64" || len(r.Notes) != 1 {
		t.Fatalf("arch %s notes %q functions %d", r.Arch, r.Notes, len(r.Functions))
	}
	fn := r.Functions[0]
	if got := sig.PassString(fn.Params[0].Pass); got != "indirect via x0" || sig.RetString(fn.Ret.Pass) != "sret via x8" || len(fn.Checks) != 0 {
		t.Errorf("b %q ret %q checks %+v", got, sig.RetString(fn.Ret.Pass), fn.Checks)
	}
}

func TestSelection(t *testing.T) {
	all := analyze(t, "rust-O3-dw4-legacy.so", sig.Options{})
	byName := analyze(t, "rust-O3-dw4-legacy.so", sig.Options{Names: []string{"r_generic"}})
	if len(byName.Functions) != 2 {
		t.Errorf("r_generic selects %d functions", len(byName.Functions))
	}
	if len(all.Functions) < 15 || all.Omitted != 0 {
		t.Errorf("%d functions, %d omitted", len(all.Functions), all.Omitted)
	}
	var sym string
	for _, fn := range all.Functions {
		if fn.Name == "surface::r_str" {
			sym = fn.Symbol
		}
	}
	if !strings.HasPrefix(sym, "_ZN7surface5r_str17h") {
		t.Fatalf("r_str symbol %q", sym)
	}
	cxx := analyze(t, "cxx-O2-dw5-x86_64.so", sig.Options{Names: []string{"area", "twice<int>"}})
	var got []string
	for _, fn := range cxx.Functions {
		got = append(got, fn.Name)
	}
	if strings.Join(got, "; ") != "geo::area(double, double); geo::area(long, long); int geo::twice<int>(int)" {
		t.Errorf("C++ selection: %q", got)
	}
	for _, name := range []string{"surface::r_str", "r_str", sym} {
		r := analyze(t, "rust-O3-dw4-legacy.so", sig.Options{Names: []string{name}})
		if len(r.Functions) != 1 || r.Functions[0].Name != "surface::r_str" {
			t.Errorf("%s selects %d functions", name, len(r.Functions))
		}
	}
}
