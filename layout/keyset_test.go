package layout

import (
	"math/rand/v2"
	"testing"
)

// TestKeySetAgreesWithMap adds random keys, repeats, nearby keys and 0 to a
// keySet and to a map, and checks that both say alike which were new.
func TestKeySetAgreesWithMap(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	s, m := newKeySet(4), map[uint64]bool{}
	for i := range 100000 {
		var k uint64
		switch i % 4 {
		case 0:
			k = r.Uint64()
		case 1:
			k = uint64(r.IntN(5000)) // collide in the low bits, and 0
		default:
			k = uint64(r.IntN(50000)) << 40 // collide in the table index
		}
		if got, want := s.add(k), !m[k]; got != want {
			t.Fatalf("add(%#x) = %v, want %v", k, got, want)
		}
		m[k] = true
	}
	held := s.n
	if s.zero {
		held++
	}
	if held != len(m) {
		t.Fatalf("%d keys held, want %d", held, len(m))
	}
}
