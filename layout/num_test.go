package layout

import (
	"testing"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/dwarf/dwarftest"
)

// TestBuildNumbersTypes checks, on every committed binary, whole and
// exports-only, that no two types a model reaches share a Type.Num, and that
// nearly all have one.
func TestBuildNumbersTypes(t *testing.T) {
	for _, p := range dwarftest.ELFFiles("../testdata") {
		f, err := ddwarf.Open(p, ddwarf.Options{})
		if err != nil {
			continue
		}
		syms, _ := f.Symbols()
		for _, opts := range []Options{{}, {Exports: syms}} {
			bin, err := Build(f, opts)
			if err != nil {
				continue
			}
			if bin.ExportsOnly {
				var missing []string
				for _, tt := range bin.Types {
					missing = append(missing, tt.Name)
				}
				// Completing adds types: they are numbered after the others.
				if err := Complete(bin, missing, func() (*ddwarf.File, error) { return ddwarf.Open(p, ddwarf.Options{}) }, 0); err != nil {
					t.Fatal(err)
				}
			}
			owner := map[int32]*Type{}
			unnumbered, all := 0, 0
			each(bin, func(tt *Type) {
				all++
				if tt.Num == 0 {
					unnumbered++
				} else if o := owner[tt.Num]; o != nil && o != tt {
					t.Errorf("%s: %s and %s are both number %d", p, TypeName(o), TypeName(tt), tt.Num)
				}
				owner[tt.Num] = tt
			})
			if unnumbered*10 > all {
				t.Errorf("%s: %d of %d types have no number", p, unnumbered, all)
			}
		}
		f.Close()
	}
}

// each calls fn once with every type bin reaches.
func each(bin *Binary, fn func(*Type)) {
	seen := map[*Type]bool{}
	var visit func(t *Type)
	visit = func(t *Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		fn(t)
		for _, r := range t.Refs() {
			visit(*r)
		}
	}
	for _, t := range bin.Types {
		visit(t)
	}
	for _, f := range bin.Functions {
		visit(f.Result)
		for _, p := range f.Params {
			visit(p.Type)
		}
	}
	for _, v := range bin.Variables {
		visit(v.Type)
	}
}
