package layout

import (
	"reflect"
	"testing"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/dwarf/dwarftest"
)

// TestBuildFindsVtableVars checks, on every committed binary, that the
// vtable variables whole and exports-only builds find as they go are the
// ones a scan of every unit finds, in the same order, so that VTables gives
// the same answer with or without a model.
func TestBuildFindsVtableVars(t *testing.T) {
	withVtables := 0
	for _, p := range dwarftest.ELFFiles("../testdata") {
		f, err := ddwarf.Open(p, ddwarf.Options{})
		if err != nil {
			continue
		}
		scanned, err := vtableVars(f)
		if err != nil {
			f.Close()
			continue
		}
		if len(scanned) > 0 {
			withVtables++
		}
		syms, _ := f.Symbols()
		for _, opts := range []Options{{}, {Exports: syms}} {
			bin, err := Build(f, opts)
			if err != nil {
				continue
			}
			if got, found := bin.foundVtableVars(); !found || len(got)+len(scanned) > 0 && !reflect.DeepEqual(got, scanned) {
				t.Errorf("%s (exports only: %v): the build found vtable variables %v, a scan %v", p, bin.ExportsOnly, got, scanned)
			}
		}
		f.Close()
	}
	if withVtables == 0 {
		t.Fatal("no committed binary has vtables")
	}
}
