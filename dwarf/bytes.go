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
	var v uint64
	for shift := uint(0); r.Err == nil; shift += 7 {
		c := r.Byte()
		if shift < 64 {
			v |= uint64(c&0x7f) << shift
		}
		if c&0x80 == 0 {
			break
		}
	}
	return v
}

// SLEB reads a signed LEB128 number; bits past 64 are dropped.
func (r *ByteReader) SLEB() int64 {
	var v int64
	var shift uint
	var c byte
	for r.Err == nil {
		c = r.Byte()
		if shift < 64 {
			v |= int64(c&0x7f) << shift
		}
		shift += 7
		if c&0x80 == 0 {
			break
		}
	}
	if shift < 64 && c&0x40 != 0 {
		v |= -1 << shift
	}
	return v
}
