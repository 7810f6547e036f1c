package dwarf

import (
	"bytes"
	"compress/zlib"
	"debug/dwarf"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
)

// dwarfNames are the sections handed to debug/dwarf.New, in its argument order.
var dwarfNames = []string{"abbrev", "aranges", "frame", "info", "line", "pubnames", "ranges", "str"}

// dwarfName maps a section name of any format (".debug_info", ".zdebug_info",
// "__debug_info") to its DWARF name ("info"), or "" for other sections.
func dwarfName(s string) string {
	for _, p := range []string{".debug_", ".zdebug_", "__debug_", "__zdebug_"} {
		if strings.HasPrefix(s, p) {
			return strings.TrimSuffix(s[len(p):], ".dwo")
		}
	}
	return ""
}

// finish builds f.Data from f.Sections.
func (f *File) finish() error {
	if len(f.Sections["info"]) == 0 {
		return &Error{File: f.Path, Offset: -1, Err: ErrNoDWARF}
	}
	if err := f.readUnits(); err != nil {
		return err
	}
	s := f.Sections
	d, err := dwarf.New(s["abbrev"], s["aranges"], s["frame"], s["info"], s["line"], s["pubnames"], s["ranges"], s["str"])
	if err != nil {
		return f.decodeErr(err)
	}
	for _, name := range []string{"addr", "line_str", "str_offsets", "rnglists", "loclists"} {
		if b, ok := s[name]; ok {
			if err := d.AddSection(".debug_"+name, b); err != nil {
				return f.decodeErr(err)
			}
		}
	}
	f.Data = d
	return nil
}

// decodeErr turns a debug/dwarf error into an Error naming the file.
func (f *File) decodeErr(err error) error {
	if de, ok := err.(dwarf.DecodeError); ok {
		return &Error{File: f.Path, Section: ".debug_" + de.Name, Offset: int64(de.Offset), Err: errorString(de.Err)}
	}
	return &Error{File: f.Path, Section: ".debug_info", Offset: -1, Err: err}
}

type errorString string

func (e errorString) Error() string { return string(e) }

// gnuZlib decompresses the old GNU ".zdebug" format: "ZLIB", an 8-byte
// big-endian size, then a zlib stream.
func (f *File) gnuZlib(section string, b []byte) ([]byte, error) {
	if len(b) < 12 || string(b[:4]) != "ZLIB" {
		return b, nil
	}
	size := binary.BigEndian.Uint64(b[4:12])
	if size > uint64(f.limits.SectionSize) {
		return nil, f.limitErr(section, 4, int64(min(size, 1<<62)))
	}
	if err := f.checkInflation(section, 4, int64(size), int64(len(b)-12)); err != nil {
		return nil, err
	}
	zr, err := zlib.NewReader(bytes.NewReader(b[12:]))
	if err != nil {
		return nil, f.errorf(section, 12, "bad zlib stream: %v", err)
	}
	return f.readBounded(section, zr, int64(size))
}

// checkInflation refuses a compressed section of packed bytes whose header,
// at off, announces size bytes: more than the Inflation limit allows.
func (f *File) checkInflation(section string, off, size, packed int64) error {
	limit := f.limits.Inflation
	if size <= smallSection || packed > 0 && size/packed < limit {
		return nil
	}
	return &Error{File: f.Path, Section: section, Offset: off,
		Err: fmt.Errorf("%w: compression header announces %d bytes from %d, more than %d times as many (a decompression bomb? raise the limit with --max-inflation)", ErrLimit, size, packed, limit)}
}

// exactReadLimit is the largest section readBounded allocates at its
// announced size up front.
const exactReadLimit = 64 << 20

// readBounded reads exactly size bytes from r, refusing streams that are
// longer than announced (decompression bombs) or shorter.
func (f *File) readBounded(section string, r io.Reader, size int64) ([]byte, error) {
	if size > f.limits.SectionSize {
		return nil, f.limitErr(section, -1, size)
	}
	if size <= exactReadLimit {
		// Small enough to allocate as announced: one exact allocation
		// instead of a buffer grown (to up to twice the size) as data arrives.
		b := make([]byte, size)
		n, err := io.ReadFull(r, b)
		if err == io.ErrUnexpectedEOF || err == io.EOF {
			return nil, f.errorf(section, int64(n), "holds %d bytes, fewer than the %d its header announces (truncated?)", n, size)
		}
		if err != nil {
			return nil, f.errorf(section, -1, "decompressing: %v", err)
		}
		var extra [1]byte
		if m, _ := io.ReadFull(r, extra[:]); m > 0 {
			return nil, f.errorf(section, size, "holds more than the %d bytes its header announces (a decompression bomb?)", size)
		}
		return b, nil
	}
	var buf bytes.Buffer
	buf.Grow(int(min(size, 1<<20))) // a header may lie about the size: grow as data arrives
	n, err := io.Copy(&buf, io.LimitReader(r, size+1))
	if err != nil {
		return nil, f.errorf(section, -1, "decompressing: %v", err)
	}
	if n > size {
		return nil, f.errorf(section, size, "holds more than the %d bytes its header announces (a decompression bomb?)", size)
	}
	if n < size {
		return nil, f.errorf(section, int64(n), "holds %d bytes, fewer than the %d its header announces (truncated?)", n, size)
	}
	return buf.Bytes(), nil
}
