package layout_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// bitfieldTruth reads the oracle's "name first-bit width" lines, running the
// oracle afresh when gcc is present.
func bitfieldTruth(t *testing.T) map[string][2]int64 {
	dir := "../testdata/bitfield"
	src := filepath.Join(dir, "expected.txt")
	if _, err := exec.LookPath("gcc"); err == nil {
		bin := filepath.Join(t.TempDir(), "oracle")
		cmd := exec.Command("gcc", "-o", bin, "oracle.c")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("building the oracle: %v\n%s", err, out)
		}
		out, err := exec.Command(bin).Output()
		if err != nil {
			t.Fatal(err)
		}
		src = filepath.Join(t.TempDir(), "expected.txt")
		os.WriteFile(src, out, 0o644)
	} else {
		t.Log("gcc not found: using the committed oracle output")
	}
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	truth := map[string][2]int64{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		var name string
		var a, b int64
		if n, _ := fmt.Sscan(s.Text(), &name, &a, &b); n >= 2 {
			truth[name] = [2]int64{a, b}
		}
	}
	return truth
}

// TestBitfieldsAcrossDWARFVersions checks bit positions decoded from
// DW_AT_bit_offset (DWARF 2, 3) and DW_AT_data_bit_offset (DWARF 5) against gcc.
func TestBitfieldsAcrossDWARFVersions(t *testing.T) {
	truth := bitfieldTruth(t)
	if len(truth) < 5 {
		t.Fatalf("oracle gave %d bitfields", len(truth))
	}
	for _, v := range []int{2, 3, 4, 5} {
		bin := buildFile(t, fmt.Sprintf("../testdata/bitfield/bitfield-dwarf%d.o", v))
		bf := findType(t, bin, "bf")
		checked := 0
		for _, fl := range bf.Fields {
			want, ok := truth[fl.Name]
			if !ok {
				continue
			}
			checked++
			if fl.BitOffset != want[0] || fl.BitSize != want[1] {
				t.Errorf("DWARF %d: %s at bit %d width %d, gcc says bit %d width %d", v, fl.Name, fl.BitOffset, fl.BitSize, want[0], want[1])
			}
		}
		if checked != len(truth)-1 { // the "sizeof" line is not a field
			t.Errorf("DWARF %d: checked %d bitfields of %d", v, checked, len(truth)-1)
		}
		if want := truth["sizeof"][0]; bf.Size != want {
			t.Errorf("DWARF %d: size %d, sizeof says %d", v, bf.Size, want)
		}
	}
}
