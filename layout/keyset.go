package layout

// keySet is a set of 64-bit hashes, for the hot loops that would otherwise
// use a map[uint64]bool: an open-addressed table probed linearly, which
// needs no hashing of its own (the keys are hashes already).
type keySet struct {
	slots []uint64 // 0 is an empty slot; the key 0 is held by zero
	zero  bool
	n     int
}

// newKeySet makes a set with room for about n keys before it grows.
func newKeySet(n int) *keySet {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &keySet{slots: touched(make([]uint64, size))}
}

// add adds k and reports whether it was new.
func (s *keySet) add(k uint64) bool {
	if k == 0 {
		added := !s.zero
		s.zero = true
		return added
	}
	mask := uint64(len(s.slots) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case k:
			return false
		case 0:
			s.slots[i] = k
			if s.n++; 2*s.n > len(s.slots) {
				s.grow()
			}
			return true
		}
	}
}

// grow doubles the table.
func (s *keySet) grow() {
	old := s.slots
	s.slots, s.n = touched(make([]uint64, 2*len(old))), 0
	for _, k := range old {
		if k != 0 {
			s.add(k)
		}
	}
}
