package layout

import (
	"testing"
	"unsafe"
)

// TestTouchedKeepsSlices checks that touched returns the slice it is given,
// its contents untouched, for arrays ending anywhere in a page (the last
// page is written too: an out-of-range write would panic).
func TestTouchedKeepsSlices(t *testing.T) {
	for _, n := range []int{0, 1, 511, 512, 513, 3*pageSize/8 + 5} {
		s := make([]*node, n/2, n)
		got := touched(s)
		if len(got) != len(s) || cap(got) != cap(s) || (n > 0 && unsafe.SliceData(got) != unsafe.SliceData(s)) {
			t.Fatalf("n=%d: touched gave another slice", n)
		}
		for i, p := range got[:cap(got)] {
			if p != nil {
				t.Fatalf("n=%d: element %d changed", n, i)
			}
		}
	}
	if got := touched(make([]struct{}, 2, 9)); len(got) != 2 || cap(got) != 9 {
		t.Fatalf("zero-size elements: %d, %d", len(got), cap(got))
	}
	items := touched(make([]item, 3, 1000))
	if len(items) != 3 || items[2] != (item{}) {
		t.Fatalf("items: %d, %+v", len(items), items[2])
	}
}
