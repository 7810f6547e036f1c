package dwarf

import (
	"debug/dwarf"
	"encoding/binary"
	"maps"
	"slices"
	"sync/atomic"
)

// Unit is one unit header of .debug_info with its abbreviation table.
type Unit struct {
	// Offset of the unit header; First of its first entry; End one past its last byte.
	Offset, First, End dwarf.Offset
	Version            int
	Type               int // DW_UT_* (DWARF 5); DW_UT_compile (1) for older versions
	AddrSize           int
	Is64               bool // 64-bit DWARF format

	abbrevOff uint64
	abbrevs   map[uint64]*abbrev
	// abbrevList holds the abbreviations by code when the codes are dense
	// (as every producer makes them); nil otherwise.
	abbrevList []*abbrev
	// abbrevOrder holds the abbreviations by ord, their order by code.
	abbrevOrder []*abbrev
	// base holds the DWARF 5 base offsets of the unit entry, read once.
	base atomic.Pointer[unitBases]
}

type abbrev struct {
	tag      dwarf.Tag
	children bool
	ord      uint32 // index in Unit.abbrevOrder: what an Index holds of it
	attrs    []AttrForm
	skip     atomic.Pointer[skipPlan]
}

// AttrForm is one attribute of an abbreviation with the form it is encoded in.
type AttrForm struct {
	Attr dwarf.Attr
	Form Form
	// Implicit is the value of a DW_FORM_implicit_const attribute.
	Implicit int64
}

// Units returns the units of .debug_info in file order.
func (f *File) Units() []*Unit { return f.units }

// readUnits parses every unit header and abbreviation table.
func (f *File) readUnits() error {
	info := f.Sections["info"]
	bo := f.ByteOrder
	tables := map[uint64]map[uint64]*abbrev{}
	lists, orders := map[uint64][]*abbrev{}, map[uint64][]*abbrev{}
	for off := uint64(0); off < uint64(len(info)); {
		u := &Unit{Offset: dwarf.Offset(off)}
		b := info[off:]
		if len(b) < 11 {
			return f.errorf(".debug_info", int64(off), "truncated unit header")
		}
		length, hdr := uint64(bo.Uint32(b)), uint64(4)
		if length == 0xffffffff {
			if len(b) < 23 {
				return f.errorf(".debug_info", int64(off), "truncated unit header")
			}
			length, hdr, u.Is64 = bo.Uint64(b[4:]), 12, true
		}
		if length > uint64(len(b))-hdr {
			return f.errorf(".debug_info", int64(off), "unit length %d runs past the end of the section (%d bytes left)", length, uint64(len(b))-hdr)
		}
		u.End = dwarf.Offset(off + hdr + length)
		b = b[hdr : hdr+length]
		if err := f.parseUnitHeader(u, b, bo); err != nil {
			return err
		}
		if u.abbrevs = tables[u.abbrevOff]; u.abbrevs == nil {
			t, err := f.parseAbbrevs(u.abbrevOff)
			if err != nil {
				return err
			}
			tables[u.abbrevOff], u.abbrevs = t, t
			lists[u.abbrevOff] = denseAbbrevs(t)
			orders[u.abbrevOff] = orderAbbrevs(t)
		}
		u.abbrevList, u.abbrevOrder = lists[u.abbrevOff], orders[u.abbrevOff]
		f.units = append(f.units, u)
		off = uint64(u.End)
	}
	return nil
}

func (f *File) parseUnitHeader(u *Unit, b []byte, bo binary.ByteOrder) error {
	start := int64(u.Offset)
	if len(b) < 2 {
		return f.errorf(".debug_info", start, "truncated unit header")
	}
	u.Version, u.Type = int(bo.Uint16(b)), 1
	if u.Version < 2 || u.Version > 5 {
		return f.errorf(".debug_info", start, "unsupported DWARF version %d", u.Version)
	}
	offSize := 4
	if u.Is64 {
		offSize = 8
	}
	readOff := func(p []byte) uint64 {
		if u.Is64 {
			return bo.Uint64(p)
		}
		return uint64(bo.Uint32(p))
	}
	var n int
	if u.Version >= 5 {
		if len(b) < 4+offSize {
			return f.errorf(".debug_info", start, "truncated unit header")
		}
		u.Type, u.AddrSize, u.abbrevOff = int(b[2]), int(b[3]), readOff(b[4:])
		n = 4 + offSize
		switch u.Type {
		case 0x04, 0x05: // skeleton, split_compile
			n += 8
		case 0x02, 0x06: // type, split_type
			n += 8 + offSize
		}
	} else {
		if len(b) < 3+offSize {
			return f.errorf(".debug_info", start, "truncated unit header")
		}
		u.abbrevOff, u.AddrSize = readOff(b[2:]), int(b[2+offSize])
		n = 3 + offSize
	}
	if n > len(b) {
		return f.errorf(".debug_info", start, "truncated unit header")
	}
	hdr := 4
	if u.Is64 {
		hdr = 12
	}
	u.First = u.Offset + dwarf.Offset(hdr+n)
	if u.AddrSize != 4 && u.AddrSize != 8 && u.AddrSize != 2 {
		return f.errorf(".debug_info", start, "unsupported address size %d", u.AddrSize)
	}
	return nil
}

// parseAbbrevs reads the abbreviation table at off in .debug_abbrev.
func (f *File) parseAbbrevs(off uint64) (map[uint64]*abbrev, error) {
	data := f.Sections["abbrev"]
	if off >= uint64(len(data)) {
		return nil, f.errorf(".debug_abbrev", int64(min(off, 1<<62)), "abbreviation table offset outside the %d-byte section", len(data))
	}
	r := &ByteReader{B: data, Off: int(off)}
	table := map[uint64]*abbrev{}
	for {
		code := r.ULEB()
		if code == 0 || r.Err != nil {
			break
		}
		a := &abbrev{tag: dwarf.Tag(r.ULEB())}
		a.children = r.Byte() == 1
		for r.Err == nil {
			attr, form := r.ULEB(), r.ULEB()
			if attr == 0 && form == 0 {
				break
			}
			af := AttrForm{Attr: dwarf.Attr(attr), Form: Form(form)}
			if af.Form == FormImplicitConst {
				af.Implicit = r.SLEB()
			}
			a.attrs = append(a.attrs, af)
		}
		table[code] = a
	}
	if r.Err != nil {
		return nil, f.errorf(".debug_abbrev", int64(r.Off), "truncated abbreviation table")
	}
	return table, nil
}

// denseAbbrevs lists a table by code when its codes are small enough for a
// slice to hold them; nil otherwise.
func denseAbbrevs(t map[uint64]*abbrev) []*abbrev {
	var hi uint64
	for code := range t {
		hi = max(hi, code)
	}
	if hi > 4*uint64(len(t))+256 {
		return nil
	}
	list := make([]*abbrev, hi+1)
	for code, a := range t {
		list[code] = a
	}
	return list
}

// orderAbbrevs lists the abbreviations of t by code, numbering them.
func orderAbbrevs(t map[uint64]*abbrev) []*abbrev {
	codes := slices.Sorted(maps.Keys(t))
	list := make([]*abbrev, len(codes))
	for i, code := range codes {
		list[i] = t[code]
		list[i].ord = uint32(i)
	}
	return list
}

// UnitOf returns the unit holding the entry at off, or nil.
func (f *File) UnitOf(off dwarf.Offset) *Unit {
	lo, hi := 0, len(f.units)
	for lo < hi {
		m := (lo + hi) / 2
		if f.units[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(f.units) && f.units[lo].Offset <= off {
		return f.units[lo]
	}
	return nil
}
