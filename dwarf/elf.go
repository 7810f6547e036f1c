package dwarf

import (
	"bytes"
	"debug/elf"
	"errors"
	"io"
	"os"
)

// sizeOf is the size of r when it can tell, else -1: where a truncated file ends.
func sizeOf(r io.ReaderAt) int64 {
	switch r := r.(type) {
	case interface{ Size() int64 }:
		return r.Size()
	case interface{ Stat() (os.FileInfo, error) }:
		if st, err := r.Stat(); err == nil {
			return st.Size()
		}
	}
	return -1
}

func (f *File) openELF(r io.ReaderAt, image []byte, opts Options) error {
	e, err := elf.NewFile(r)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return f.errorf("", sizeOf(r), "truncated ELF file: its headers point past the end of the file")
	}
	if err != nil {
		return f.errorf("", -1, "bad ELF file: %v", err)
	}
	f.ELF, f.Format, f.ByteOrder = e, "elf", e.ByteOrder
	f.PtrSize = 8
	if e.Class == elf.ELFCLASS32 {
		f.PtrSize = 4
	}
	switch e.Machine {
	case elf.EM_X86_64:
		f.Arch = "x86_64"
	case elf.EM_AARCH64:
		f.Arch = "aarch64"
	case elf.EM_386:
		f.Arch = "x86"
	case elf.EM_ARM:
		f.Arch = "arm"
	default:
		f.Arch = e.Machine.String()
	}
	switch e.Type {
	case elf.ET_EXEC:
		f.Kind = "executable"
	case elf.ET_DYN:
		f.Kind = "shared"
		if e.Section(".interp") != nil {
			f.Kind = "executable"
		}
	case elf.ET_REL:
		f.Kind = "relocatable"
	default:
		f.Kind = "other"
	}
	if err := f.loadELFSections(e, image); err != nil {
		return err
	}
	if len(f.Sections["info"]) == 0 {
		return f.loadSeparateDebug(e, opts.DebugDirs)
	}
	return nil
}

// loadELFSections reads every debug section of e, skipping NOBITS ones,
// decompressing and (for relocatable files) relocating them. image is e's
// file mapped into memory, or nil.
func (f *File) loadELFSections(e *elf.File, image []byte) error {
	f.Sections = map[string][]byte{}
	for i, s := range e.Sections {
		name := dwarfName(s.Name)
		if name == "" || s.Type == elf.SHT_NOBITS {
			continue
		}
		b, err := f.elfSectionData(s, image)
		if err != nil {
			return err
		}
		if e.Type == elf.ET_REL {
			if image != nil {
				b = bytes.Clone(b) // relocated in place; the mapping is read-only
			}
			if b, err = f.relocate(e, i, b); err != nil {
				return err
			}
		}
		f.Sections[name] = b
	}
	return nil
}

// elfSectionData returns the contents of s, decompressed; from image, the
// file mapped into memory, when it is not nil and s is not compressed.
func (f *File) elfSectionData(s *elf.Section, image []byte) ([]byte, error) {
	// For SHF_COMPRESSED sections s.Size is the decompressed size from the header.
	if int64(s.Size) > f.limits.SectionSize || int64(s.Size) < 0 {
		header := int64(-1)
		if s.Flags&elf.SHF_COMPRESSED != 0 {
			header = 0
		}
		return nil, f.limitErr(s.Name, header, int64(min(s.Size, 1<<62)))
	}
	if s.Flags&elf.SHF_COMPRESSED == 0 && s.Offset+s.FileSize < s.Offset {
		return nil, f.errorf(s.Name, int64(s.Offset), "section extends past the end of the address space")
	}
	if s.Flags&elf.SHF_COMPRESSED != 0 {
		if err := f.checkInflation(s.Name, 0, int64(s.Size), int64(s.FileSize)); err != nil {
			return nil, err
		}
	}
	var b []byte
	var err error
	if image != nil && s.Flags&elf.SHF_COMPRESSED == 0 && s.Type != elf.SHT_NOBITS {
		b, err = f.mappedSection(s, image)
	} else {
		b, err = f.readBounded(s.Name, s.Open(), int64(s.Size))
	}
	if err != nil {
		return nil, err
	}
	if len(s.Name) > 2 && s.Name[1] == 'z' {
		return f.gnuZlib(s.Name, b)
	}
	return b, nil
}

// mappedSection is the uncompressed section s in image, its file mapped
// into memory, refusing one that extends past the end of the file.
func (f *File) mappedSection(s *elf.Section, image []byte) ([]byte, error) {
	size := uint64(len(image))
	if s.Offset > size || s.Size > size-s.Offset {
		held := size - min(s.Offset, size)
		return nil, f.errorf(s.Name, int64(held), "holds %d bytes, fewer than the %d its header announces (truncated?)", held, s.Size)
	}
	return image[s.Offset : s.Offset+s.Size : s.Offset+s.Size], nil
}
