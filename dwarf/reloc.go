package dwarf

import (
	"debug/elf"
	"fmt"
	"strings"
)

// relocate applies the .rel(a) section that targets section index target of a
// relocatable file to b. Only the absolute relocations DWARF uses are handled:
// symbol value plus addend.
func (f *File) relocate(e *elf.File, target int, b []byte) ([]byte, error) {
	var syms []elf.Symbol
	for _, rs := range e.Sections {
		if (rs.Type != elf.SHT_RELA && rs.Type != elf.SHT_REL) || int(rs.Info) != target {
			continue
		}
		if !relocatable(e.Machine) {
			return nil, f.errorf(rs.Name, 0, "relocations of machine %s are not supported, so its DWARF cannot be read; link the object first", machineName(e.Machine))
		}
		if syms == nil {
			var err error
			if syms, err = e.Symbols(); err != nil {
				return nil, f.errorf(".symtab", -1, "%v", err)
			}
		}
		data, err := f.elfSectionData(rs, nil)
		if err != nil {
			return nil, err
		}
		if err := f.applyRelocs(e, rs, data, syms, b); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func (f *File) applyRelocs(e *elf.File, rs *elf.Section, data []byte, syms []elf.Symbol, dst []byte) error {
	rela := rs.Type == elf.SHT_RELA
	entSize := map[bool]map[bool]int{true: {true: 24, false: 16}, false: {true: 12, false: 8}}[e.Class == elf.ELFCLASS64][rela]
	if len(data)%entSize != 0 {
		return f.errorf(rs.Name, -1, "size %d is not a multiple of the entry size %d", len(data), entSize)
	}
	bo := e.ByteOrder
	for off := 0; off < len(data); off += entSize {
		var where, sym uint64
		var typ uint32
		var addend int64
		if e.Class == elf.ELFCLASS64 {
			where, info := bo.Uint64(data[off:]), bo.Uint64(data[off+8:])
			sym, typ = info>>32, uint32(info)
			if rela {
				addend = int64(bo.Uint64(data[off+16:]))
			}
			if err := f.applyOne(e, rs, off, dst, where, sym, typ, addend, rela, syms); err != nil {
				return err
			}
			continue
		}
		where, info := uint64(bo.Uint32(data[off:])), bo.Uint32(data[off+4:])
		sym, typ = uint64(info>>8), info&0xff
		if rela {
			addend = int64(int32(bo.Uint32(data[off+8:])))
		}
		if err := f.applyOne(e, rs, off, dst, where, sym, typ, addend, rela, syms); err != nil {
			return err
		}
	}
	return nil
}

func (f *File) applyOne(e *elf.File, rs *elf.Section, off int, dst []byte, where, sym uint64, typ uint32, addend int64, rela bool, syms []elf.Symbol) error {
	if sym == 0 {
		return nil
	}
	if sym > uint64(len(syms)) {
		return f.errorf(rs.Name, int64(off), "relocation names symbol %d of %d", sym, len(syms))
	}
	size := relocSize(e.Machine, typ)
	if size == 0 {
		return nil // PC-relative, TLS and other kinds do not occur in the sections we read
	}
	if where > uint64(len(dst)) || uint64(len(dst))-where < uint64(size) {
		return f.errorf(rs.Name, int64(off), "relocation at %#x lies outside its %d-byte section", where, len(dst))
	}
	s := syms[sym-1]
	bo := e.ByteOrder
	if size == 8 {
		if !rela {
			addend = int64(bo.Uint64(dst[where:]))
		}
		bo.PutUint64(dst[where:], s.Value+uint64(addend))
		return nil
	}
	if !rela {
		addend = int64(int32(bo.Uint32(dst[where:])))
	}
	bo.PutUint32(dst[where:], uint32(s.Value)+uint32(addend))
	return nil
}

// machineName is m's EM_ name, or its number when it has none.
func machineName(m elf.Machine) string {
	if s := m.String(); !strings.Contains(s, "+") {
		return s
	}
	return fmt.Sprintf("%#x", uint16(m))
}

// relocatable reports whether relocSize knows the relocations of machine m.
func relocatable(m elf.Machine) bool {
	switch m {
	case elf.EM_X86_64, elf.EM_AARCH64, elf.EM_386, elf.EM_ARM, elf.EM_RISCV:
		return true
	}
	return false
}

// relocSize is the width in bytes of an absolute relocation type, or 0 for
// types that are not absolute data relocations.
func relocSize(m elf.Machine, typ uint32) int {
	switch m {
	case elf.EM_X86_64:
		switch elf.R_X86_64(typ) {
		case elf.R_X86_64_64:
			return 8
		case elf.R_X86_64_32, elf.R_X86_64_32S:
			return 4
		}
	case elf.EM_AARCH64:
		switch elf.R_AARCH64(typ) {
		case elf.R_AARCH64_ABS64:
			return 8
		case elf.R_AARCH64_ABS32:
			return 4
		}
	case elf.EM_386:
		if elf.R_386(typ) == elf.R_386_32 {
			return 4
		}
	case elf.EM_ARM:
		if elf.R_ARM(typ) == elf.R_ARM_ABS32 {
			return 4
		}
	case elf.EM_RISCV:
		switch elf.R_RISCV(typ) {
		case elf.R_RISCV_64:
			return 8
		case elf.R_RISCV_32:
			return 4
		}
	}
	return 0
}
