package abi

// The oracle test: for every fixture function of testdata/sig, the passing
// that Classify predicts from the DWARF of the compiled object must be the
// one the compiler chose, as its LLVM IR signature shows (sret, byval,
// pointers for indirect values, coerced scalars), once the IR arguments are
// given registers and stack slots by the platform's mechanical rules.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
)

const sigDir = "../../testdata/sig"

// fixture is one compiled fixture: an object with DWARF and the IR
// signatures of the same source.
type fixture struct {
	name string // bin/<name>.o and bin/<name>.ll
	arch string
	min  int // functions that must be checked at least
}

var fixtures = []fixture{
	{"rust-x86_64", "x86_64", 175},
	{"rust-aarch64", "aarch64", 160},
	{"c-x86_64", "x86_64", 70},
	{"c-aarch64", "aarch64", 70},
}

// knownDivergences are cases where the compilers themselves disagree, so the
// IR oracle (Clang) cannot be the truth for the DWARF producer (GCC). The
// test insists that each still diverges, so the list stays accurate.
var knownDivergences = map[string]string{
	"c-x86_64/c_flex": "a struct with a flexible array member: GCC (since 4.4, the producer of the DWARF) " +
		"ignores the member and passes the struct in rdi; Clang classifies it MEMORY and passes it on the stack. " +
		"Classify follows GCC.",
	"rust-x86_64/r_reprc_newtype":  reprCNewtype,
	"rust-aarch64/r_reprc_newtype": reprCNewtype,
}

const reprCNewtype = "repr(C) one-field structs (W128 {u128}, CF64 {f64}): rustc gives them Memory, not their " +
	"field's Scalar, so they go by reference (W128) or in a general register (CF64); DWARF does not record " +
	"repr, and Classify assumes the far commoner repr(Rust)/repr(transparent) newtype."

// convOf tells the convention of a fixture function by its name.
func convOf(name string) string {
	if strings.HasPrefix(name, "r_") {
		return ConvRust
	}
	return ConvC
}

func isFixtureFunc(name string) bool {
	return strings.HasPrefix(name, "c_") || strings.HasPrefix(name, "r_")
}

func TestOracle(t *testing.T) {
	total := 0
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			n := checkFixture(t, fx)
			total += n
			if n < fx.min {
				t.Errorf("only %d functions checked, want at least %d", n, fx.min)
			}
			t.Logf("%d functions checked", n)
		})
	}
	if total < 480 {
		t.Errorf("only %d functions checked in all, want at least 480", total)
	}
}

// checkFixture compares every fixture function of fx and returns how many
// it checked.
func checkFixture(t *testing.T, fx fixture) int {
	base := filepath.Join(sigDir, "bin", fx.name)
	mod, err := readIR(base + ".ll")
	if err != nil {
		t.Fatal(err)
	}
	f, err := dwarf.Open(base+".o", dwarf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bin, err := layout.Build(f, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if bin.Arch != fx.arch {
		t.Fatalf("%s is %s, want %s", base+".o", bin.Arch, fx.arch)
	}
	byName := map[string]*layout.Function{}
	for _, fn := range bin.Functions {
		name := fn.Name
		if i := strings.LastIndex(name, "::"); i >= 0 {
			name = name[i+2:]
		}
		if fn.LinkageName != "" {
			name = fn.LinkageName
		}
		if isFixtureFunc(name) {
			byName[name] = fn
		}
	}
	checked := 0
	for _, name := range mod.order {
		if !isFixtureFunc(name) {
			continue
		}
		fn := byName[name]
		if fn == nil {
			t.Errorf("%s: in the IR but not in the DWARF", name)
			continue
		}
		delete(byName, name)
		problems, err := compare(fx.arch, convOf(name), fn, mod.funcs[name])
		checked++
		if err != nil {
			problems = append(problems, err.Error())
		}
		key := fx.name + "/" + name
		if why, ok := knownDivergences[key]; ok {
			if len(problems) == 0 {
				t.Errorf("%s: listed as a known divergence but agrees now; remove it from the list", name)
			} else {
				t.Logf("%s: known divergence (%s): %s", name, why, strings.Join(problems, "; "))
			}
			continue
		}
		for _, p := range problems {
			t.Errorf("%s (%s): %s\n\tIR: %s", name, convOf(name), p, mod.funcs[name].line)
		}
	}
	for name := range byName {
		t.Errorf("%s: in the DWARF but not in the IR", name)
	}
	return checked
}

// irStem is the source parameter an IR parameter comes from: clang's
// x.coerce0/x.coerce1, rustc's x.0/x.1 and plain x all give x; unnamed
// (numbered) parameters give "".
func irStem(name string) string {
	if name == "" || strings.Trim(name, "0123456789") == "" {
		return ""
	}
	if i := strings.LastIndex(name, ".coerce"); i > 0 {
		return name[:i]
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 && strings.Trim(name[i+1:], "0123456789") == "" {
		return name[:i]
	}
	return name
}

// compare checks Classify against the IR signature of one function.
func compare(arch, conv string, fn *layout.Function, ir *irFunc) ([]string, error) {
	sig := Signature{Result: fn.Result, Variadic: fn.Variadic}
	for _, p := range fn.Params {
		sig.Params = append(sig.Params, p.Type)
	}
	gotParams, gotResult, err := Classify(arch, conv, sig)
	if err != nil {
		return nil, fmt.Errorf("Classify: %v", err)
	}
	if ir.variadic != fn.Variadic {
		return nil, fmt.Errorf("variadic: IR %v, DWARF %v", ir.variadic, fn.Variadic)
	}

	// The mechanical assignment of every IR parameter.
	a := newIRAssigner(arch)
	locs := make([][]irLoc, len(ir.params))
	for i, p := range ir.params {
		locs[i] = a.param(p)
	}
	var problems []string

	// The result.
	irParams := ir.params
	var want *Pass
	switch {
	case len(irParams) > 0 && irParams[0].sret:
		want = &Pass{Mode: Indirect, Regs: locs[0][0].regs, StackOffset: -1}
		irParams, locs = irParams[1:], locs[1:]
	case ir.ret.kind == "void":
		if fn.Result != nil {
			p := ignored()
			want = &p
		}
	default:
		p := inRegs(returnRegs(arch, ir.ret)...)
		want = &p
	}
	switch {
	case want == nil && gotResult != nil:
		problems = append(problems, fmt.Sprintf("result: want none, got %v", *gotResult))
	case want != nil && gotResult == nil:
		problems = append(problems, fmt.Sprintf("result: want %v, got none", *want))
	case want != nil && !samePass(*want, *gotResult):
		problems = append(problems, fmt.Sprintf("result %s: want %v, got %v", layout.TypeName(fn.Result), *want, *gotResult))
	}

	// Group the IR parameters by the source parameter they come from.
	type group struct {
		stem  string
		first int
		n     int
	}
	var groups []group
	for i, p := range irParams {
		stem := irStem(p.name)
		if k := len(groups) - 1; k >= 0 && stem != "" && groups[k].stem == stem {
			groups[k].n++
			continue
		}
		groups = append(groups, group{stem: stem, first: i, n: 1})
	}
	// The DWARF parameters that are passed at all.
	var passed []int
	for i, p := range gotParams {
		if p.Mode != Ignored {
			passed = append(passed, i)
		}
	}
	if len(passed) != len(groups) {
		return append(problems, fmt.Sprintf("%d DWARF parameters are passed (%d in all, the others classified ignored), "+
			"but the IR has %d: classified %v", len(passed), len(gotParams), len(groups), gotParams)), nil
	}
	for gi, g := range groups {
		di := passed[gi]
		dp := fn.Params[di]
		if g.stem != "" && dp.Name != "" && g.stem != dp.Name {
			problems = append(problems, fmt.Sprintf("IR parameter %s lines up with DWARF parameter %s", g.stem, dp.Name))
		}
		first := irParams[g.first]
		var want Pass
		switch {
		case g.n == 1 && first.byval != nil:
			want = onStack(locs[g.first][0].stack)
		case g.n == 1 && first.ty.kind == "ptr" && dp.Type.Strip() != nil && dp.Type.Strip().Size > 8:
			// A pointer standing for a value larger than a pointer: the
			// value goes by reference.
			l := locs[g.first][0]
			want = Pass{Mode: Indirect, Regs: l.regs, StackOffset: l.stack}
		default:
			want = Pass{Mode: Registers, StackOffset: -1}
			for _, ls := range locs[g.first : g.first+g.n] {
				for _, l := range ls {
					want.Regs = append(want.Regs, l.regs...)
					if l.stack >= 0 && want.StackOffset < 0 {
						want.StackOffset = l.stack
					}
				}
			}
			if len(want.Regs) == 0 {
				want.Mode = Stack
			}
		}
		if !samePass(want, gotParams[di]) {
			problems = append(problems, fmt.Sprintf("parameter %d %s %s: want %v, got %v",
				di+1, dp.Name, layout.TypeName(dp.Type), want, gotParams[di]))
		}
	}
	return problems, nil
}

func samePass(a, b Pass) bool {
	return a.Mode == b.Mode && slices.Equal(a.Regs, b.Regs) && a.StackOffset == b.StackOffset
}

// TestFixturesRebuild rebuilds the fixtures with testdata/sig/build.sh and
// checks that the committed ones are what the sources give. It needs the
// same tools as built them (bin/VERSIONS); without them it skips, and the
// committed fixtures are still checked by TestOracle.
func TestFixturesRebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("rebuilding the fixtures takes a few seconds; skipped in -short mode")
	}
	tools := []string{"sh", "rustc", "gcc", "aarch64-linux-gnu-gcc", "clang"}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("cannot rebuild the fixtures: %s is not installed (the committed ones are still tested)", tool)
		}
	}
	want, err := os.ReadFile(filepath.Join(sigDir, "bin", "VERSIONS"))
	if err != nil {
		t.Fatal(err)
	}
	var have bytes.Buffer
	for _, c := range [][]string{{"rustc", "-V"}, {"gcc", "--version"}, {"aarch64-linux-gnu-gcc", "--version"}, {"clang", "--version"}} {
		out, err := exec.Command(c[0], c[1:]...).Output()
		if err != nil {
			t.Skipf("cannot rebuild the fixtures: %s: %v", strings.Join(c, " "), err)
		}
		first, _, _ := strings.Cut(string(out), "\n")
		have.WriteString(first + "\n")
	}
	if have.String() != string(want) {
		t.Skipf("cannot rebuild the fixtures byte for byte: they were built with\n%s\nand these tools are\n%s", want, have.String())
	}
	out := t.TempDir()
	cmd := exec.Command("sh", filepath.Join(sigDir, "build.sh"), out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		if regexp.MustCompile(`(?i)target may not be installed|can't find crate|not found`).Match(msg) {
			t.Skipf("cannot rebuild the fixtures: %s", msg)
		}
		t.Fatalf("build.sh: %v\n%s", err, msg)
	}
	committed, err := filepath.Glob(filepath.Join(sigDir, "bin", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(committed) == 0 {
		t.Fatal("no committed fixtures")
	}
	for _, c := range committed {
		a, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(out, filepath.Base(c)))
		if err != nil {
			t.Errorf("%s: not rebuilt: %v", filepath.Base(c), err)
			continue
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from a rebuild: run sh testdata/sig/build.sh and commit testdata/sig/bin", filepath.Base(c))
		}
	}
}
