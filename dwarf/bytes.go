package dwarf

import "fmt"

// ByteReader decodes bytes and LEB128 numbers from B starting at Off,
// remembering the first error; reads past the end give zeros.
type ByteReader struct {
	B   []byte
	Off int
	Err error
}

// Byte reads one byte.
func (r *ByteReader) Byte() byte {
	if r.Off >= len(r.B) {
		if r.Err == nil {
			r.Err = fmt.Errorf("unexpected end of data at %#x", r.Off)
		}
		return 0
	}
	c := r.B[r.Off]
	r.Off++
	return c
}

// More reports whether bytes are left and no error occurred.
func (r *ByteReader) More() bool { return r.Err == nil && r.Off < len(r.B) }

// ULEB reads an unsigned LEB128 number; bits past 64 are dropped.
func (r *ByteReader) ULEB() uint64 {
	v, n := uleb128(r.B[min(r.Off, len(r.B)):])
	r.advance(n)
	return v
}

// SLEB reads a signed LEB128 number; bits past 64 are dropped.
func (r *ByteReader) SLEB() int64 {
	v, n := sleb128(r.B[min(r.Off, len(r.B)):])
	r.advance(n)
	return v
}

// Bytes reads n bytes.
func (r *ByteReader) Bytes(n int) []byte {
	if n < 0 || n > len(r.B)-r.Off {
		r.advance(0)
		return nil
	}
	b := r.B[r.Off : r.Off+n]
	r.Off += n
	return b
}

// advance moves past n bytes just decoded; 0 means the data ended first.
func (r *ByteReader) advance(n int) {
	if n == 0 {
		if r.Err == nil {
			r.Err = fmt.Errorf("unexpected end of data at %#x", r.Off)
		}
		r.Off = len(r.B)
		return
	}
	r.Off += n
}

// uleb128 decodes the unsigned LEB128 number b starts with, dropping bits
// past 64; n is the number of bytes it takes, 0 when b ends first.
func uleb128(b []byte) (v uint64, n int) {
	if len(b) > 0 && b[0] < 0x80 {
		return uint64(b[0]), 1 // most numbers in DWARF take one byte
	}
	for i, c := range b {
		if i < 10 {
			v |= uint64(c&0x7f) << (7 * i)
		}
		if c&0x80 == 0 {
			return v, i + 1
		}
	}
	return 0, 0
}

// sleb128 is uleb128 for a signed LEB128 number.
func sleb128(b []byte) (v int64, n int) {
	for i, c := range b {
		shift := uint(7 * i)
		if i < 10 {
			v |= int64(c&0x7f) << shift
		}
		if c&0x80 == 0 {
			if shift+7 < 64 && c&0x40 != 0 {
				v |= -1 << (shift + 7)
			}
			return v, i + 1
		}
	}
	return 0, 0
}
