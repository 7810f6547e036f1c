package diff_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/abidrift/abidrift/diff"
	"github.com/abidrift/abidrift/diff/render"
	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
)

// TestExportsOnlyAgrees checks that building only what the exports reach
// (layout.Options.Exports, what the command does by default) changes nothing
// in a report: on every pair of the libabigail corpus and of testdata/diff,
// the JSON reports from whole models and from exports-only models are equal.
func TestExportsOnlyAgrees(t *testing.T) {
	pairs := diffPairs(t)
	for _, p := range pairs {
		report := func(exportsOnly bool) string {
			o, n := surfaceOf(t, p[0], exportsOnly), surfaceOf(t, p[1], exportsOnly)
			reopen := func(b *layout.Binary) (*dwarf.File, error) { return dwarf.Open(b.Path, dwarf.Options{}) }
			if err := diff.CompleteCounterparts(o.Binary, n.Binary, reopen); err != nil {
				t.Fatal(err)
			}
			if o.Binary.ExportsOnly != exportsOnly && o.SymbolSource != "dwarf" {
				t.Fatalf("%s: ExportsOnly is %v", p[0], o.Binary.ExportsOnly)
			}
			var buf bytes.Buffer
			if err := render.JSON(&buf, diff.CompareSurfaces(o, n, diff.Options{})); err != nil {
				t.Fatal(err)
			}
			return buf.String()
		}
		if whole, part := report(false), report(true); whole != part {
			t.Errorf("%s -> %s: the reports differ\nwhole model:\n%s\nexports only:\n%s", p[0], p[1], whole, part)
		}
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// surfaceOf reads path with its symbol table and vtables, as the command
// does, restricting the model to the exports with exportsOnly.
func surfaceOf(t *testing.T, path string, exportsOnly bool) *layout.Surface {
	t.Helper()
	f, err := dwarf.Open(path, dwarf.Options{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer f.Close()
	st, err := f.Symbols()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	opts := layout.Options{}
	if exportsOnly {
		opts.Exports = st
	}
	bin, err := layout.Build(f, opts)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if bin.VTables, err = layout.VTables(f, bin); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return layout.NewSurface(bin, st, layout.ExportOptions{})
}
