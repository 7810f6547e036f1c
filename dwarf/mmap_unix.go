//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package dwarf

import (
	"os"
	"syscall"
)

// mapFile maps the size bytes of r read-only into memory, or returns nil
// when it cannot (the sections are then read). The mapping is never
// unmapped: strings of models built from it point into it.
func mapFile(r *os.File, size int64) []byte {
	if size <= 0 || int64(int(size)) != size {
		return nil
	}
	b, err := syscall.Mmap(int(r.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		return nil
	}
	return b
}
