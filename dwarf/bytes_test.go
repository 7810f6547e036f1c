package dwarf

import (
	"math"
	"testing"
)

// TestLEB128 checks the LEB128 decoders against the DWARF 5 specification's
// examples (section 7.6) and their edges: 64-bit extremes, bits past 64
// dropped, and data that ends inside a number.
func TestLEB128(t *testing.T) {
	unsigned := []struct {
		in   []byte
		want uint64
	}{
		{[]byte{2}, 2}, {[]byte{127}, 127}, {[]byte{0x80, 1}, 128}, {[]byte{0x81, 1}, 129},
		{[]byte{0x82, 1}, 130}, {[]byte{0xb9, 0x64}, 12857},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, math.MaxUint64},
		{[]byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}, 0}, // bit 70: dropped
	}
	for _, c := range unsigned {
		r := ByteReader{B: c.in}
		if got := r.ULEB(); got != c.want || r.Err != nil || r.Off != len(c.in) {
			t.Errorf("ULEB % x = %d (off %d, err %v), want %d", c.in, got, r.Off, r.Err, c.want)
		}
	}
	signed := []struct {
		in   []byte
		want int64
	}{
		{[]byte{2}, 2}, {[]byte{0x7e}, -2}, {[]byte{0xff, 0}, 127}, {[]byte{0x81, 0x7f}, -127},
		{[]byte{0x80, 1}, 128}, {[]byte{0x80, 0x7f}, -128}, {[]byte{0x81, 1}, 129}, {[]byte{0xff, 0x7e}, -129},
		{[]byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f}, math.MinInt64},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00}, math.MaxInt64},
	}
	for _, c := range signed {
		r := ByteReader{B: c.in}
		if got := r.SLEB(); got != c.want || r.Err != nil || r.Off != len(c.in) {
			t.Errorf("SLEB % x = %d (off %d, err %v), want %d", c.in, got, r.Off, r.Err, c.want)
		}
	}
	for _, in := range [][]byte{nil, {0x80}, {0xff, 0xff}} {
		r := ByteReader{B: in}
		r.ULEB()
		s := ByteReader{B: in}
		s.SLEB()
		if r.Err == nil || s.Err == nil || r.Off != len(in) || s.Off != len(in) {
			t.Errorf("% x: a number that does not end is not an error (%v, %v)", in, r.Err, s.Err)
		}
	}
}
