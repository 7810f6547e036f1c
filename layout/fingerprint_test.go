package layout

import (
	"reflect"
	"testing"

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
