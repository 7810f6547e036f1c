package layout_test

import (
	"testing"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/dwarf/dwarftest"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/layouttest"
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
		for _, opts := range []layout.Options{{}, {Exports: syms}} {
			bin, err := layout.Build(f, opts)
			if err != nil {
				continue
			}
			if bin.ExportsOnly {
				var missing []string
				for _, tt := range bin.Types {
					missing = append(missing, tt.Name)
				}
				// Completing adds types: they are numbered after the others.
				if err := layout.Complete(bin, missing, func() (*ddwarf.File, error) { return ddwarf.Open(p, ddwarf.Options{}) }, 0); err != nil {
					t.Fatal(err)
				}
			}
			owner := map[int32]*layout.Type{}
			unnumbered, all := 0, 0
			layouttest.EachType(bin, func(tt *layout.Type) {
				all++
				if tt.Num == 0 {
					unnumbered++
				} else if o := owner[tt.Num]; o != nil && o != tt {
					t.Errorf("%s: %s and %s are both number %d", p, layout.TypeName(o), layout.TypeName(tt), tt.Num)
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
