package dwarf

import (
	"bytes"
	"debug/elf"
)

// definedSymbols calls add with the address and name of every function and
// object symbol table section s defines at an address want holds true, in
// table order, reading the table directly: debug/elf's Symbols would make
// every symbol, with its version. The table is read into memory, not taken
// from the file's mapping, so that it does not stay resident once read.
func (d *DataReader) definedSymbols(s *elf.Section, want map[uint64]bool, add func(addr uint64, name string)) error {
	entSize := 24
	if d.e.Class == elf.ELFCLASS32 {
		entSize = 16
	}
	if int(s.Link) <= 0 || int(s.Link) >= len(d.e.Sections) {
		return d.f.errorf(s.Name, -1, "links to no string table (section %d)", s.Link)
	}
	table, err := d.f.elfSectionData(s, nil)
	if err != nil {
		return err
	}
	if len(table)%entSize != 0 {
		return d.f.errorf(s.Name, -1, "length %d is not a multiple of the entry size %d", len(table), entSize)
	}
	strs, err := d.f.elfSectionData(d.e.Sections[s.Link], nil)
	if err != nil {
		return err
	}
	bo := d.e.ByteOrder
	for off := entSize; off < len(table); off += entSize { // entry 0 is null
		e := table[off : off+entSize]
		var nameOff uint32
		var info byte
		var section uint16
		var value uint64
		if entSize == 24 {
			nameOff, info, section, value = bo.Uint32(e), e[4], bo.Uint16(e[6:]), bo.Uint64(e[8:])
		} else {
			nameOff, value, info, section = bo.Uint32(e), uint64(bo.Uint32(e[4:])), e[12], bo.Uint16(e[14:])
		}
		if !want[value] || !defines(info, elf.SectionIndex(section)) {
			continue
		}
		if name := cstring(strs, nameOff); name != "" {
			add(value, name)
		}
	}
	return nil
}

// cstring is a copy of the NUL-terminated string at off in strs.
func cstring(strs []byte, off uint32) string {
	if int(off) >= len(strs) {
		return ""
	}
	b := strs[off:]
	if n := bytes.IndexByte(b, 0); n >= 0 {
		b = b[:n]
	}
	return string(b)
}

// symbolNames maps addresses to the names of the symbols defined there, in
// the order added: the first name in one map, the rare others in another,
// so that most addresses cost no list of their own.
type symbolNames struct {
	first map[uint64]string
	more  map[uint64][]string
}

func newSymbolNames(n int) *symbolNames {
	return &symbolNames{first: make(map[uint64]string, n), more: map[uint64][]string{}}
}

// add records name at addr, once.
func (m *symbolNames) add(addr uint64, name string) {
	switch first, ok := m.first[addr]; {
	case !ok:
		m.first[addr] = name
	case first != name:
		m.more[addr] = appendNew(m.more[addr], name)
	}
}

// appendTo appends the names at addr not in list yet; m may be nil.
func (m *symbolNames) appendTo(list []string, addr uint64) []string {
	if m == nil {
		return list
	}
	if first, ok := m.first[addr]; ok {
		list = appendNew(list, first)
		list = appendNew(list, m.more[addr]...)
	}
	return list
}
