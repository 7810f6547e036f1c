package sig_test

import (
	"bytes"
	"path/filepath"
	"testing"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/sig"
)

// TestExportsOnlyAgrees checks that reading only what the exports reach
// (what `abidrift sig` does) finds the same functions, with the same
// signatures and passing, as a whole model: on every committed ELF binary
// and object (C, C++ and Rust; x86-64 and AArch64; shared libraries,
// executables and relocatable objects), and on the libabigail corpus when
// it is present.
func TestExportsOnlyAgrees(t *testing.T) {
	var paths []string
	// The libabigail corpus beside the repository, when present, adds
	// real C and C++ libraries.
	for _, pattern := range []string{"../../testdata/*/bin/*", "../../testdata/*/*/bin/*", "../../../shared/corpus/libabigail/cases/*/*"} {
		more, _ := filepath.Glob(pattern)
		paths = append(paths, more...)
	}
	compared := 0
	for _, p := range paths {
		f, err := ddwarf.Open(p, ddwarf.Options{})
		if err != nil || f.ELF == nil {
			if f != nil {
				f.Close()
			}
			continue // not a binary with DWARF: other tests cover those
		}
		st, err := f.Symbols()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		report := func(exports *ddwarf.SymbolTable) string {
			bin, err := layout.Build(f, layout.Options{Exports: exports})
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			if want := exports != nil && st.Source != ""; bin.ExportsOnly != want {
				t.Fatalf("%s: ExportsOnly is %v, want %v", p, bin.ExportsOnly, want)
			}
			r, err := sig.Analyze(f, layout.NewSurface(bin, st, layout.ExportOptions{}), sig.Options{All: true})
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			r.Binary = ""
			var buf bytes.Buffer
			if err := sig.WriteJSON(&buf, r); err != nil {
				t.Fatal(err)
			}
			return buf.String()
		}
		if whole, part := report(nil), report(st); whole != part {
			t.Errorf("%s: sig differs with an exports-only model\nwhole:\n%s\nexports only:\n%s", p, whole, part)
		}
		compared++
		f.Close()
	}
	if compared < 20 {
		t.Fatalf("only %d binaries compared", compared)
	}
	t.Logf("%d binaries agree", compared)
}
