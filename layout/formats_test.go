package layout_test

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/layouttest"
)

// TestObjectFormats reads one C file compiled to ELF, Mach-O and COFF and
// checks each against the C compiler's sizeof/offsetof.
func TestObjectFormats(t *testing.T) {
	dir := "../testdata/formats/"
	want := map[string]int64{}
	f, err := os.Open(dir + "expected.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(s.Text())
		var v int64
		fmt.Sscan(fields[len(fields)-1], &v)
		want[strings.Join(fields[:len(fields)-1], " ")] = v
	}
	f.Close()
	if len(want) != 5 {
		t.Fatalf("oracle gave %d facts", len(want))
	}
	for _, obj := range []string{"formats-elf.o", "formats-macho.o", "formats-coff.o", "formats-mixed.so"} {
		file, bin := layouttest.Open(t, dir+obj)
		got := map[string]int64{}
		point := findType(t, bin, "point")
		got["point size"] = point.Size
		for _, fl := range point.Fields {
			got["point."+fl.Name] = fl.Offset
		}
		got["color size"] = findType(t, bin, "color").Size
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s (%s): %s = %d, the C compiler says %d", obj, file.Format, k, got[k], v)
			}
		}
	}
}

// TestMixedDWARFVersions reads a shared object whose units are DWARF 2, 4 and 5.
func TestMixedDWARFVersions(t *testing.T) {
	path := "../testdata/formats/formats-mixed.so"
	f, bin := layouttest.Open(t, path)
	versions := map[int]bool{}
	for _, u := range f.Units() {
		versions[u.Version] = true
	}
	if !versions[2] || !versions[4] || !versions[5] {
		t.Fatalf("fixture should mix DWARF 2, 4 and 5, has %v", versions)
	}
	s := findType(t, bin, "second")
	offs := map[string]int64{}
	for _, fl := range s.Fields {
		offs[fl.Name] = fl.Offset
	}
	if s.Size != 24 || s.Align != 8 || offs["s"] != 0 || offs["next"] != 8 || offs["d"] != 16 {
		t.Errorf("struct second from the DWARF 4 unit: size %d align %d offsets %v", s.Size, s.Align, offs)
	}
	if u := findType(t, bin, "third"); u.Kind != layout.KindUnion || u.Size != 8 || u.Align != 4 {
		t.Errorf("union third from the DWARF 5 unit: kind %s size %d align %d", u.Kind, u.Size, u.Align)
	}
}
