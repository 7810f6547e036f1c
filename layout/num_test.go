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
	completed := 0
	for _, p := range dwarftest.ELFFiles("../testdata") {
		f, err := ddwarf.Open(p, ddwarf.Options{})
		if err != nil {
			continue
		}
		whole, err := layout.Build(f, layout.Options{})
		if err != nil {
			f.Close()
			continue
		}
		check(t, p, whole)
		syms, _ := f.Symbols()
		part, err := layout.Build(f, layout.Options{Exports: syms})
		if err != nil || !part.ExportsOnly {
			f.Close()
			continue
		}
		check(t, p, part)
		// Completing with what the exports do not reach adds types, numbered
		// after the others.
		have := map[string]bool{}
		for _, tt := range part.Types {
			have[tt.Name] = true
		}
		var missing []string
		for _, tt := range whole.Types {
			if !have[tt.Name] {
				missing = append(missing, tt.Name)
			}
		}
		before := len(part.Types)
		if err := layout.Complete(part, missing, func() (*ddwarf.File, error) { return ddwarf.Open(p, ddwarf.Options{}) }, 0); err != nil {
			t.Fatal(err)
		}
		if len(part.Types) > before {
			completed++
			check(t, p+" (completed)", part)
		}
		f.Close()
	}
	if completed == 0 {
		t.Fatal("no committed binary's exports-only model gained types by Complete")
	}
}

// check reports two types bin reaches with one number, and a model where
// more than a tenth have none.
func check(t *testing.T, what string, bin *layout.Binary) {
	t.Helper()
	owner := map[int32]*layout.Type{}
	unnumbered, all := 0, 0
	layouttest.EachType(bin, func(tt *layout.Type) {
		all++
		if tt.Num == 0 {
			unnumbered++
		} else if o := owner[tt.Num]; o != nil && o != tt {
			t.Errorf("%s: %s and %s are both number %d", what, layout.TypeName(o), layout.TypeName(tt), tt.Num)
		}
		owner[tt.Num] = tt
	})
	if unnumbered*10 > all {
		t.Errorf("%s: %d of %d types have no number", what, unnumbered, all)
	}
}
