package layout

import (
	"debug/dwarf"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/go-delve/delve/pkg/dwarf/dwarfbuilder"
	"github.com/go-delve/delve/pkg/dwarf/op"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/dwarf/dwarftest"
)

// TestPrintsIndependentOfWorkers checks, on every committed binary with a
// symbol table (testdata/diff/cases/rs_units.rs has its types in several
// codegen units), that the prints do not depend on how many units are read at
// once (which unit prints a named type is chosen by unit order, not by
// which gets there first), and that each named type is printed once.
func TestPrintsIndependentOfWorkers(t *testing.T) {
	printed, elsewhere := 0, 0
	for _, path := range dwarftest.ELFFiles("../testdata") {
		f, err := ddwarf.Open(path, ddwarf.Options{})
		if err != nil {
			continue
		}
		st, err := f.Symbols()
		if err != nil {
			f.Close()
			continue
		}
		var prints [2]*Prints
		for k, workers := range []int{1, 4} {
			if prints[k], err = Fingerprint(f, Options{Exports: st, Workers: workers}); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
		}
		f.Close()
		if prints[0] == nil {
			continue
		}
		if !reflect.DeepEqual(prints[0].units, prints[1].units) {
			t.Errorf("%s: the prints taken on 1 and 4 goroutines differ", path)
		}
		once := map[uint64]bool{}
		for _, u := range prints[0].units {
			for _, n := range u.names {
				if n.elsewhere {
					elsewhere++
				}
				if !n.def || n.bad || n.elsewhere {
					continue
				}
				if once[n.key] {
					t.Errorf("%s: a named type printed twice", path)
				}
				once[n.key] = true
				printed++
			}
		}
	}
	if printed < 100 || elsewhere < 10 {
		t.Errorf("%d named types printed, %d copies left to another unit: the test binaries are missing", printed, elsewhere)
	}
}

// TestPrintsFollowLongChains fingerprints a function reaching a chain of
// thousands of named structs, each in the next (one round of Fingerprint
// per link), and checks that a change at the far end of the chain still
// keeps the function from being a shell.
func TestPrintsFollowLongChains(t *testing.T) {
	const links = 3000
	chain := func(lastSize uint16) string {
		b := dwarfbuilder.New()
		last := b.AddBaseType("last", dwarfbuilder.DW_ATE_signed, lastSize)
		next := last
		for i := links - 1; i >= 0; i-- {
			s := b.AddStructType(fmt.Sprintf("S%d", i), 8)
			b.AddMember("next", next, []byte{byte(op.DW_OP_plus_uconst), 0})
			b.TagClose()
			next = s
		}
		b.AddSubprogram("f", 0x1000, 0x1010)
		b.TagOpen(dwarf.TagFormalParameter, "s")
		b.Attr(dwarf.AttrType, next)
		b.TagClose()
		b.TagClose()
		abbrev, _, _, info, _, _, _, str, _, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "chain.so")
		if err := dwarftest.WriteELF(path, dwarftest.Sections(unitRelativeRefs(t, abbrev), info, str)); err != nil {
			t.Fatal(err)
		}
		return path
	}
	st := &ddwarf.SymbolTable{Source: ".dynsym", Exported: []ddwarf.Symbol{{Name: "f", Kind: ddwarf.SymFunc, Value: 0x1000}}}
	fingerprint := func(path string) *Prints {
		f, err := ddwarf.Open(path, ddwarf.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		p, err := Fingerprint(f, Options{Exports: st})
		if err != nil || p == nil {
			t.Fatalf("%s: prints %v, %v", path, p, err)
		}
		return p
	}
	old, same, changed := fingerprint(chain(4)), fingerprint(chain(4)), fingerprint(chain(8))
	if n := len(old.units[0].names); n != links {
		t.Errorf("%d named types printed, want %d", n, links)
	}
	shells := func(a, b *Prints) int {
		sh, _ := Unchanged(a, b)
		return len(sh.units[0])
	}
	if n := shells(old, same); n != 1 {
		t.Errorf("f against the same chain: %d shells, want 1", n)
	}
	if n := shells(old, changed); n != 0 {
		t.Errorf("f against a chain changed at its far end: %d shells, want 0", n)
	}
}

// unitRelativeRefs rewrites the DW_FORM_ref_addr of an abbreviation table
// from dwarfbuilder into DW_FORM_ref4, as compilers write references: the
// same offsets in a file whose only unit starts the section. A print does
// not follow a reference out of its unit.
func unitRelativeRefs(t *testing.T, abbrev []byte) []byte {
	out := append([]byte(nil), abbrev...)
	i := 0
	uleb := func() uint64 {
		var v uint64
		for shift := 0; i < len(out); shift += 7 {
			b := out[i]
			i++
			v |= uint64(b&0x7f) << shift
			if b < 0x80 {
				break
			}
		}
		return v
	}
	for i < len(out) {
		if code := uleb(); code == 0 {
			break
		}
		uleb() // tag
		i++    // children
		for {
			attr := uleb()
			at := i
			form := uleb()
			if attr == 0 && form == 0 {
				break
			}
			if form == 0x10 { // DW_FORM_ref_addr
				if i != at+1 {
					t.Fatal("unexpected abbreviation encoding")
				}
				out[at] = 0x13 // DW_FORM_ref4
			}
		}
	}
	return out
}

// TestKeptUnitsBuildAlike checks that a build which takes over the unit
// indexes its fingerprint kept (Options.KeepUnits) takes every one of them
// and makes the model a build indexing its units again makes.
func TestKeptUnitsBuildAlike(t *testing.T) {
	for _, c := range []string{"rs_units", "rs_enum", "c_struct"} {
		old, new := "../testdata/diff/bin/"+c+".old.so", "../testdata/diff/bin/"+c+".new.so"
		prints := func(path string, keep bool) (*ddwarf.File, *ddwarf.SymbolTable, *Prints) {
			f, st := openWithSymbols(t, path, ddwarf.Options{})
			p, err := Fingerprint(f, Options{Exports: st, KeepUnits: keep})
			if err != nil || p == nil {
				t.Fatalf("%s: prints %v, %v", path, p, err)
			}
			return f, st, p
		}
		var models [2]string
		for k, keep := range []bool{false, true} {
			_, _, op := prints(old, false)
			f, st, np := prints(new, keep)
			_, shells := Unchanged(op, np)
			bin, err := Build(f, Options{Exports: st, Shells: shells})
			if err != nil {
				t.Fatal(err)
			}
			for u, s := range shells.opened {
				if s != nil {
					t.Errorf("%s: unit %d kept but not taken", c, u)
				}
			}
			if keep && len(shells.opened) != len(f.Units()) {
				t.Errorf("%s: %d units kept, want %d", c, len(shells.opened), len(f.Units()))
			}
			summary := modelSummary(bin)
			if len(summary) == 0 {
				t.Fatalf("%s: an empty model", c)
			}
			models[k] = fmt.Sprintf("%+v", summary)
		}
		if models[0] != models[1] {
			t.Errorf("%s: the models differ:\n%s\n%s", c, models[0], models[1])
		}
	}
}

// modelSummary lists what a model holds, for comparing two builds.
func modelSummary(bin *Binary) []string {
	var out []string
	for _, fn := range bin.Functions {
		out = append(out, fmt.Sprintf("fn %s %s %d params %d print %d", fn.Name, fn.LinkageName, fn.LowPC, len(fn.Params), fn.Print()))
	}
	for _, ty := range bin.Types {
		out = append(out, fmt.Sprintf("type %s %s size %d fields %d variants %d", ty.Kind, ty.Name, ty.Size, len(ty.Fields), len(ty.Variants)))
	}
	return out
}
