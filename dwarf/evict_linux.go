package dwarf

import "syscall"

// evict drops the resident pages of image, a private read-only mapping:
// the next read of one faults it in again from the file.
func evict(image []byte) {
	_ = syscall.Madvise(image, syscall.MADV_DONTNEED)
}
