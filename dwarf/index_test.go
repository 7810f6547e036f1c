package dwarf_test

import (
	stddwarf "debug/dwarf"
	"reflect"
	"strings"
	"testing"

	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/dwarf/dwarftest"
)

// indexTestFiles are the committed binaries and, when present, the shared
// conformance corpora beside the repository (gcc, clang and icc output,
// DWARF 2 to 5).
func indexTestFiles(t *testing.T) []string {
	files := dwarftest.ELFFiles("../testdata", "../../shared/corpus")
	if len(files) == 0 {
		t.Skip("no ELF files found")
	}
	return files
}

// TestIndexAndDecoderMatchStd checks, entry by entry, that Scan finds the
// entries debug/dwarf's Reader reads, with the same tree shape, and that the
// Decoder gives each the same fields, classes and values.
func TestIndexAndDecoderMatchStd(t *testing.T) {
	files := indexTestFiles(t)
	if testing.Short() && len(files) > 40 {
		files = files[:40]
	}
	entries := 0
	var indexes dwarf.Indexes // each unit indexed in the memory of an earlier one
	for _, path := range files {
		f, err := dwarf.Open(path, dwarf.Options{})
		if err != nil {
			continue // no DWARF, or a file the bad-input tests cover
		}
		for _, u := range f.Units() {
			x, xerr := indexes.Scan(f, u, 0)
			r := f.Entries(u)
			var want []*stddwarf.Entry
			var parents []int
			var stack []int
			var stdErr error
			for {
				e, err := r.Next()
				if err != nil {
					stdErr = err
					break
				}
				if e == nil || e.Offset >= u.End {
					break
				}
				if e.Tag == 0 {
					if len(stack) == 0 {
						break
					}
					stack = stack[:len(stack)-1]
					if len(stack) == 0 {
						break
					}
					continue
				}
				if len(stack) == 0 && len(want) > 0 {
					break
				}
				p := -1
				if len(stack) > 0 {
					p = stack[len(stack)-1]
				}
				want = append(want, e)
				parents = append(parents, p)
				if e.Children {
					stack = append(stack, len(want)-1)
				} else if len(stack) == 0 {
					break
				}
			}
			if stdErr != nil || xerr != nil {
				if (stdErr == nil) != (xerr == nil) && !strings.Contains(path, "bad") {
					t.Errorf("%s unit %#x: std error %v, Scan error %v", path, u.Offset, stdErr, xerr)
				}
				continue
			}
			if x.Len() != len(want) {
				t.Errorf("%s unit %#x: Scan found %d entries, debug/dwarf %d", path, u.Offset, x.Len(), len(want))
				continue
			}
			d := f.NewDecoder(x)
			for i, w := range want {
				if x.Offset(i) != w.Offset || x.Tag(i) != w.Tag || x.Parent(i) != parents[i] {
					t.Fatalf("%s entry %d: Scan has offset %#x tag %v parent %d, want %#x %v %d",
						path, i, x.Offset(i), x.Tag(i), x.Parent(i), w.Offset, w.Tag, parents[i])
				}
				got, err := d.Entry(i)
				if err != nil {
					t.Fatalf("%s entry %#x: %v", path, w.Offset, err)
				}
				if !reflect.DeepEqual(got, w) {
					t.Fatalf("%s entry %#x:\n got %+v\nwant %+v", path, w.Offset, *got, *w)
				}
				for _, attr := range []stddwarf.Attr{stddwarf.AttrName, stddwarf.AttrByteSize, stddwarf.AttrAlignment,
					stddwarf.AttrDeclaration, stddwarf.AttrLanguage, stddwarf.AttrSpecification, stddwarf.AttrExternal} {
					ws, wok := w.Val(attr).(string)
					if s, ok := d.String(i, attr); s != ws || ok != wok {
						t.Fatalf("%s entry %#x: String(%v) = %q %v, want %q %v", path, w.Offset, attr, s, ok, ws, wok)
					}
					wi, wok := w.Val(attr).(int64)
					if v, ok := d.Int(i, attr); v != wi || ok != wok {
						t.Fatalf("%s entry %#x: Int(%v) = %d %v, want %d %v", path, w.Offset, attr, v, ok, wi, wok)
					}
					wb, wok := w.Val(attr).(bool)
					if v, ok := d.Flag(i, attr); v != wb || ok != wok {
						t.Fatalf("%s entry %#x: Flag(%v) = %v %v, want %v %v", path, w.Offset, attr, v, ok, wb, wok)
					}
					if d.Has(i, attr) != (w.AttrField(attr) != nil) {
						t.Fatalf("%s entry %#x: Has(%v) wrong", path, w.Offset, attr)
					}
				}
				entries++
			}
			// Children and siblings agree with the parents.
			for i := 0; i < x.Len(); i++ {
				n := 0
				for c := x.FirstChild(i); c >= 0; c = x.NextSibling(c) {
					if x.Parent(c) != i {
						t.Fatalf("%s entry %d: child %d has parent %d", path, i, c, x.Parent(c))
					}
					n++
				}
				if x.Find(x.Offset(i)) != i {
					t.Fatalf("%s: Find(%#x) != %d", path, x.Offset(i), i)
				}
				if x.Find(x.Offset(i)+1) >= 0 && (i+1 == x.Len() || x.Offset(i+1) != x.Offset(i)+1) {
					t.Fatalf("%s: Find(%#x) finds an entry inside entry %d", path, x.Offset(i)+1, i)
				}
				_ = n
			}
			if x.Len() > 0 && (x.Find(x.Offset(0)-1) >= 0 || x.Find(x.Offset(x.Len()-1)+1) >= 0) {
				t.Fatalf("%s: Find finds an entry outside the unit", path)
			}
			indexes.Done(x)
		}
		f.Close()
	}
	t.Logf("%d files, %d entries compared", len(files), entries)
}
