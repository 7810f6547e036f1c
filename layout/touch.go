package layout

import "unsafe"

// pageSize is the smallest page size of the platforms abidrift runs on.
const pageSize = 4096

// touched returns s, a slice just made (its backing array all zeros), after
// writing a zero byte to every page of that array. The kernel maps a new
// page on its first touch; when that touch is a read (the collector
// scanning the array, or a write barrier reading the old pointer of a slot
// about to be set), it maps its shared zero page, and the first write then
// faults a second time and flushes the TLB of every CPU running the
// program. A write first costs one fault. Arrays of pointers filled bit by
// bit while the collector runs (unitTree's node slabs) took 6 % of a dump's
// CPU time in such faults (testdata/bench/RESULTS.md).
func touched[T any](s []T) []T {
	full := s[:cap(s)]
	if len(full) == 0 {
		return s
	}
	var zero T
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(full))), uintptr(len(full))*unsafe.Sizeof(zero))
	for i := 0; i < len(b); i += pageSize {
		b[i] = 0
	}
	b[len(b)-1] = 0
	return s
}
