// Package layouttest opens binaries and builds their models for tests.
package layouttest

import (
	"path/filepath"
	"testing"

	"github.com/go-delve/delve/pkg/dwarf/dwarfbuilder"

	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/dwarf/dwarftest"
	"github.com/abidrift/abidrift/layout"
)

// Open opens path and builds its model, failing the test on error. The
// file stays open until the test ends.
func Open(t testing.TB, path string) (*dwarf.File, *layout.Binary) {
	t.Helper()
	f, err := dwarf.Open(path, dwarf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	bin, err := layout.Build(f, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f, bin
}

// Synthetic writes the DWARF of b (with its location lists, if any) into an
// ELF file in a temporary directory and opens it as Open does.
func Synthetic(t testing.TB, b *dwarfbuilder.Builder) (*dwarf.File, *layout.Binary) {
	t.Helper()
	abbrev, _, _, info, _, _, _, str, loc, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	secs := dwarftest.Sections(abbrev, info, str)
	if len(loc) > 0 {
		secs = append(secs, dwarftest.Section{Name: ".debug_loc", Data: loc})
	}
	path := filepath.Join(t.TempDir(), "synthetic.so")
	if err := dwarftest.WriteELF(path, secs); err != nil {
		t.Fatal(err)
	}
	return Open(t, path)
}

// EachType calls fn once with every type bin reaches from its named types,
// functions and variables.
func EachType(bin *layout.Binary, fn func(*layout.Type)) {
	seen := map[*layout.Type]bool{}
	var visit func(t *layout.Type)
	visit = func(t *layout.Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		fn(t)
		for r := range t.Refs() {
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
