package diff_test

import (
	"bytes"
	"testing"

	"github.com/abidrift/abidrift/diff"
	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/dump"
)

// dumpOf returns the dump of a fixture binary.
func dumpOf(f *testing.F, path string) []byte {
	file, err := dwarf.Open(path, dwarf.Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer file.Close()
	bin, err := layout.Build(file, layout.Options{})
	if err != nil {
		f.Fatal(err)
	}
	st, _ := file.Symbols()
	var b bytes.Buffer
	if err := dump.Write(&b, dump.Model{Binary: bin, Symbols: st}, dump.Options{}); err != nil {
		f.Fatal(err)
	}
	return b.Bytes()
}

// FuzzDiff diffs two models read from arbitrary dumps: whatever the reader
// accepts, the differ must compare without panicking or looping.
func FuzzDiff(f *testing.F) {
	for _, c := range []string{"rs_enum", "c_struct", "rs_traits"} {
		dir := "../testdata/diff/bin/" + c
		f.Add(dumpOf(f, dir+".old.so"), dumpOf(f, dir+".new.so"))
	}
	f.Fuzz(func(t *testing.T, old, new []byte) {
		mo, err := dump.Read(bytes.NewReader(old), "old.json")
		if err != nil {
			return
		}
		mn, err := dump.Read(bytes.NewReader(new), "new.json")
		if err != nil {
			return
		}
		diff.Compare(mo.Binary, mn.Binary, diff.Options{AllTypes: true})
		if mo.Symbols != nil && mn.Symbols != nil {
			so := layout.NewSurface(mo.Binary, mo.Symbols, layout.ExportOptions{})
			sn := layout.NewSurface(mn.Binary, mn.Symbols, layout.ExportOptions{})
			diff.CompareSurfaces(so, sn, diff.Options{})
		}
	})
}
