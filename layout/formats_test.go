package layout_test

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
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
	for _, obj := range []string{"formats-elf.o", "formats-macho.o", "formats-coff.o"} {
		file, err := ddwarf.Open(dir+obj, ddwarf.Options{})
		if err != nil {
			t.Fatal(err)
		}
		bin, err := layout.Build(file, layout.Options{})
		file.Close()
		if err != nil {
			t.Fatal(err)
		}
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
