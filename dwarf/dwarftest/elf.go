// Package dwarftest writes small ELF files around hand-made DWARF sections,
// for tests of odd encodings and of hostile input.
package dwarftest

import (
	"bytes"
	"compress/zlib"
	"debug/elf"
	"encoding/binary"
	"os"
)

// Section is one section to write.
type Section struct {
	Name string
	Data []byte
	// Type defaults to SHT_PROGBITS.
	Type elf.SectionType
	// Zlib compresses Data as an SHF_COMPRESSED section; Declared, when
	// non-zero, overrides the decompressed size the header announces.
	Zlib     bool
	Declared uint64
}

// Sections converts dwarfbuilder output to sections named .debug_*.
func Sections(abbrev, info, str []byte) []Section {
	out := []Section{{Name: ".debug_abbrev", Data: abbrev}, {Name: ".debug_info", Data: info}}
	if len(str) > 0 {
		out = append(out, Section{Name: ".debug_str", Data: str})
	}
	return out
}

// ELF returns a little-endian x86-64 ELF shared object holding secs.
func ELF(secs []Section) []byte {
	le := binary.LittleEndian
	var body bytes.Buffer
	body.Write(make([]byte, 64)) // ELF header, filled below
	shstr := []byte{0}
	type hdr struct {
		name, typ        uint32
		flags, off, size uint64
		align            uint64
	}
	hdrs := []hdr{{}}
	for _, s := range secs {
		data, flags := s.Data, uint64(0)
		if s.Zlib {
			var z bytes.Buffer
			w := zlib.NewWriter(&z)
			w.Write(s.Data)
			w.Close()
			declared := uint64(len(s.Data))
			if s.Declared != 0 {
				declared = s.Declared
			}
			var ch bytes.Buffer
			binary.Write(&ch, le, elf.Chdr64{Type: uint32(elf.COMPRESS_ZLIB), Size: declared, Addralign: 1})
			data, flags = append(ch.Bytes(), z.Bytes()...), uint64(elf.SHF_COMPRESSED)
		}
		typ := s.Type
		if typ == 0 {
			typ = elf.SHT_PROGBITS
		}
		h := hdr{name: uint32(len(shstr)), typ: uint32(typ), flags: flags, off: uint64(body.Len()), size: uint64(len(data)), align: 1}
		shstr = append(append(shstr, s.Name...), 0)
		if typ != elf.SHT_NOBITS {
			body.Write(data)
		}
		hdrs = append(hdrs, h)
	}
	hdrs = append(hdrs, hdr{name: uint32(len(shstr)), typ: uint32(elf.SHT_STRTAB), off: uint64(body.Len()), size: uint64(len(shstr)) + uint64(len(".shstrtab")) + 1, align: 1})
	shstr = append(append(shstr, ".shstrtab"...), 0)
	body.Write(shstr)
	for body.Len()%8 != 0 {
		body.WriteByte(0)
	}
	shoff := uint64(body.Len())
	for _, h := range hdrs {
		binary.Write(&body, le, elf.Section64{Name: h.name, Type: h.typ, Flags: h.flags, Off: h.off, Size: h.size, Addralign: h.align})
	}
	out := body.Bytes()
	var eh bytes.Buffer
	ident := [16]byte{0x7f, 'E', 'L', 'F', byte(elf.ELFCLASS64), byte(elf.ELFDATA2LSB), byte(elf.EV_CURRENT)}
	binary.Write(&eh, le, elf.Header64{Ident: ident, Type: uint16(elf.ET_DYN), Machine: uint16(elf.EM_X86_64),
		Version: uint32(elf.EV_CURRENT), Shoff: shoff, Ehsize: 64, Shentsize: 64, Shnum: uint16(len(hdrs)), Shstrndx: uint16(len(hdrs) - 1)})
	copy(out, eh.Bytes())
	return out
}

// WriteELF writes ELF(secs) to path.
func WriteELF(path string, secs []Section) error {
	return os.WriteFile(path, ELF(secs), 0o644)
}
