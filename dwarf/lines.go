package dwarf

import "debug/dwarf"

// LineReader returns the line-table reader of the unit entry cu, as
// debug/dwarf's Data.LineReader does, once the header of a DWARF 5 table
// has been checked: debug/dwarf allocates as many directory and file
// entries as the header announces before reading one, so a hostile count
// would exhaust memory. A count larger than the bytes left in the table
// (each entry takes at least one) is an error.
func (f *File) LineReader(cu *dwarf.Entry) (*dwarf.LineReader, error) {
	if off, ok := cu.Val(dwarf.AttrStmtList).(int64); ok {
		if err := f.checkLineHeader(off); err != nil {
			return nil, err
		}
	}
	return f.Data.LineReader(cu)
}

// checkLineHeader checks the entry counts of the DWARF 5 line-table header
// at off in .debug_line; other versions list entries up to a terminator.
// What it cannot read it leaves to debug/dwarf, except past the counts.
func (f *File) checkLineHeader(off int64) error {
	sec := f.Sections["line"]
	if off < 0 || off >= int64(len(sec)) {
		return nil
	}
	s := scanner{f: f, b: sec, off: int(off)}
	uf := unitFormat{version: 5}
	length := s.fixed(4)
	if length == 0xffffffff {
		length, uf.is64 = s.fixed(8), true
	}
	if length > uint64(len(sec)-s.off) {
		return nil // debug/dwarf refuses it
	}
	s.b = sec[:s.off+int(length)]
	if s.fixed(2) < 5 {
		return nil
	}
	uf.addrSize = int(s.fixed(1))
	s.fixed(1)                      // segment selector size
	s.advance(uint64(uf.offSize())) // header length
	s.advance(5)                    // minimum instruction length ... line range
	if n := s.fixed(1); n > 0 {
		s.advance(n - 1) // standard opcode lengths
	}
	s.fmt = uf
	for _, what := range []string{"directories", "file names"} {
		forms := make([]Form, s.fixed(1))
		for i := range forms {
			s.uleb() // content type
			forms[i] = Form(s.uleb())
		}
		count := s.uleb()
		if s.err != nil {
			break
		}
		if left := uint64(len(s.b) - s.off); count > left {
			return f.errorf(".debug_line", off, "line table announces %d %s in %d bytes", count, what, left)
		}
		for i := uint64(0); i < count && s.err == nil; i++ {
			for _, form := range forms {
				s.skipForm(form)
			}
		}
	}
	if s.err != nil {
		return f.errorf(".debug_line", off, "line table header: %v", s.err)
	}
	return nil
}
