package layout

import "unsafe"

// pageSize is the smallest page size of the platforms abidrift runs on.
const pageSize = 4096

// touched returns s, a slice just made (its backing array all zeros), after
// writing a zero byte to every page of that array. The kernel maps a new
// page on its first touch; when that touch is a read, it maps its shared
// zero page, and the first write then faults a second time and flushes the
// TLB of every CPU running the program. A write first costs one fault. The
// arrays that need it are those read before they are written: tables
// looked up before they are set (per-entry slots, hash sets), and arrays of
// pointers filled bit by bit while the collector runs, which it scans and
// whose write barriers read a slot's old pointer (unitTree's node slabs).
// Such faults took 6 % of a dump's CPU time and 4 % of a diff's
// (testdata/bench/RESULTS.md).
func touched[T any](s []T) []T {
	full := s[:cap(s)]
	var zero T
	size := uintptr(len(full)) * unsafe.Sizeof(zero)
	if size == 0 {
		return s
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(full))), size)
	for i := 0; i < len(b); i += pageSize {
		b[i] = 0
	}
	b[len(b)-1] = 0
	return s
}
