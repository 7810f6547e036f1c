package layout_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/dwarf/dwarftest"
	"github.com/abidrift/abidrift/layout"
)

// corpusFiles lists the object files of the shared conformance corpora.
func corpusFiles(t *testing.T) []string {
	root := "../../shared/corpus"
	if _, err := os.Stat(root); err != nil {
		t.Skipf("shared corpus not found at %s (it sits beside the repository): %v", root, err)
	}
	files := dwarftest.ELFFiles(root)
	return files
}

// TestCorpusLayoutsAreConsistent builds every ELF file of the corpora (C and
// C++ from gcc, clang and icc; executables, shared objects, relocatable
// objects) and checks invariants no correct layout can break.
func TestCorpusLayoutsAreConsistent(t *testing.T) {
	files := corpusFiles(t)
	if len(files) < 50 {
		t.Fatalf("found only %d corpus files", len(files))
	}
	types := 0
	for _, p := range files {
		f, err := ddwarf.Open(p, ddwarf.Options{})
		if err != nil {
			if strings.Contains(err.Error(), "no DWARF") {
				continue
			}
			t.Errorf("%v", err)
			continue
		}
		bin, err := layout.Build(f, layout.Options{})
		f.Close()
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		seen := map[string]bool{}
		for _, ty := range bin.Types {
			types++
			key := fmt.Sprint(ty.Kind, " ", ty.Name, " ", ty.Size)
			if seen[key] {
				t.Errorf("%s: %s %s (size %d) listed twice", p, ty.Kind, ty.Name, ty.Size)
			}
			seen[key] = true
			checkFieldsFit(t, p, ty)
		}
	}
	t.Logf("%d files, %d named types", len(files), types)
}

func checkFieldsFit(t *testing.T, file string, ty *layout.Type) {
	if ty.Kind != layout.KindStruct && ty.Kind != layout.KindUnion || ty.Size < 0 {
		return
	}
	for _, fl := range ty.Fields {
		if fl.Type == nil || fl.Offset < 0 || fl.Type.Size < 0 {
			continue
		}
		end := fl.Offset + fl.Type.Size
		if fl.BitSize > 0 {
			end = (fl.BitOffset + fl.BitSize + 7) / 8
		}
		if end > ty.Size {
			t.Errorf("%s: %s.%s ends at byte %d, past the type's size %d", file, ty.Name, fl.Name, end, ty.Size)
		}
	}
	if ty.Kind == layout.KindStruct && ty.Align > 0 && ty.Size%ty.Align != 0 {
		t.Errorf("%s: %s has size %d, not a multiple of its alignment %d", file, ty.Name, ty.Size, ty.Align)
	}
}
