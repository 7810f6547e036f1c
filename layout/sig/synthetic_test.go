package sig_test

import (
	"debug/dwarf"
	"slices"
	"testing"

	"github.com/go-delve/delve/pkg/dwarf/dwarfbuilder"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/layouttest"
	"github.com/abidrift/abidrift/layout/sig"
)

// TestSynthetic runs sig on hand-made DWARF 4: a function marked
// DW_CC_nocall (the same as the rust-nocall.so fixture, without a compiler)
// and one whose location list and location expression put its parameters
// in registers the C ABI agrees and disagrees with. The unit has no address
// ranges, so the entry scan reads it in full.
func TestSynthetic(t *testing.T) {
	b := dwarfbuilder.New()
	long := b.AddBaseType("long", dwarfbuilder.DW_ATE_signed, 8)
	param := func(name string, loc any) {
		b.TagOpen(dwarf.TagFormalParameter, name)
		b.Attr(dwarf.AttrType, long)
		if loc != nil {
			b.Attr(dwarf.AttrLocation, loc)
		}
		b.TagClose()
	}
	b.AddSubprogram("syn_nocall", 0x1000, 0x1010)
	b.Attr(dwarf.AttrType, long)
	b.Attr(dwarf.AttrCalling, uint8(3))                                                     // DW_CC_nocall
	param("a", []dwarfbuilder.LocEntry{{Lowpc: 0x1000, Highpc: 0x1008, Loc: []byte{0x54}}}) // rsi
	param("b", nil)
	b.TagClose()
	b.AddSubprogram("syn_check", 0x1010, 0x1020)
	b.Attr(dwarf.AttrType, long)
	param("a", []dwarfbuilder.LocEntry{{Lowpc: 0x1010, Highpc: 0x1018, Loc: []byte{0x55}}}) // rdi
	param("b", []byte{0x55})                                                                // rdi again: wrong
	param("c", []dwarfbuilder.LocEntry{{Lowpc: 0x1013, Highpc: 0x1018, Loc: []byte{0x51}}}) // rdx, from entry+3
	b.TagClose()
	f, bin := layouttest.Synthetic(t, b)
	st := &ddwarf.SymbolTable{Source: ".dynsym", Exported: []ddwarf.Symbol{
		{Name: "syn_nocall", Kind: ddwarf.SymFunc, Value: 0x1000},
		{Name: "syn_check", Kind: ddwarf.SymFunc, Value: 0x1010},
	}}
	s := layout.NewSurface(bin, st, layout.ExportOptions{})
	r, err := sig.Analyze(f, s, sig.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Functions) != 2 {
		t.Fatalf("%d functions", len(r.Functions))
	}
	check, nocall := r.Functions[0], r.Functions[1]
	if !nocall.NoCall || !slices.Contains(nocall.Notes, sig.NoCallNote) || nocall.Params[0].Pass != nil ||
		nocall.Params[0].Entry != "rsi" || nocall.Ret.Pass != nil || len(nocall.Checks) != 0 {
		t.Errorf("syn_nocall: %+v", nocall)
	}
	if check.NoCall || len(check.Checks) != 3 {
		t.Fatalf("syn_check: %+v", check)
	}
	for i, want := range []struct {
		entry string
		agree bool
	}{{"rdi", true}, {"rdi", false}, {"rdx (from entry+3)", true}} {
		c := check.Checks[i]
		if c.Entry != want.entry || c.Agree != want.agree || check.Params[i].Check == nil || *check.Params[i].Check != c {
			t.Errorf("syn_check param %d: %+v", i, c)
		}
	}
}
