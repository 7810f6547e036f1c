package dwarf

import (
	"bytes"
	"debug/dwarf"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// File is an opened object file with its DWARF sections loaded.
type File struct {
	// Path is the name the file was opened by; errors quote it.
	Path string
	// Format is "elf", "macho" or "pe".
	Format string
	// Arch names the machine: "x86_64", "aarch64", "x86", "arm", or the
	// format's own name for others.
	Arch string
	// PtrSize is the size of an address on the target, in bytes.
	PtrSize int
	// ByteOrder of the target.
	ByteOrder binary.ByteOrder
	// Kind is "executable", "shared", "relocatable" or "other".
	Kind string
	// DebugFile is the separate file the DWARF came from, if any.
	DebugFile string

	// Data is the DWARF as Go's debug/dwarf decodes it.
	Data *dwarf.Data
	// Sections holds the debug sections by their DWARF name without the leading
	// dot and prefix ("info", "abbrev", "str", ...), decompressed and relocated.
	Sections map[string][]byte

	ELF    *elf.File
	limits Limits
	closer io.Closer
	units  []*Unit
	mapped bool     // Options.Map, for a separate debug file too
	images [][]byte // the mappings of the file and its debug file
}

// Options tune Open.
type Options struct {
	Limits Limits
	// DebugDirs are extra directories searched for separate debug files
	// (by build-id and debug link) when the file itself carries no DWARF.
	DebugDirs []string
	// Map maps the file into memory and takes its uncompressed debug
	// sections from there instead of reading them: faster, and the memory
	// is the kernel's page cache, not the Go heap. The mapping is never
	// unmapped (Close keeps it): strings of models built from the file
	// point into it. For short-lived processes, such as the command. A
	// file cut short while mapped faults when read: EachUnit's workers
	// report that as an error (debug.SetPanicOnFault), other goroutines
	// that do not set it crash.
	Map bool
}

// Open opens path, detects its format and loads its DWARF.
func Open(path string, opts Options) (*File, error) {
	r, err := openRegular(path)
	if err != nil {
		return nil, &Error{File: path, Offset: -1, Err: err}
	}
	var image []byte
	if opts.Map {
		image = mapFile(r, sizeOf(r))
	}
	f, err := newFile(path, r, image, opts)
	if err != nil {
		r.Close()
		return nil, err
	}
	if image != nil {
		f.images = append(f.images, image)
	}
	f.closer = r
	return f, nil
}

// NewFile reads an object file from r; name is used in errors and to find
// separate debug files next to it.
func NewFile(name string, r io.ReaderAt, opts Options) (*File, error) {
	return newFile(name, r, nil, opts)
}

// newFile is NewFile taking the sections from image, r mapped into memory,
// when it is not nil.
func newFile(name string, r io.ReaderAt, image []byte, opts Options) (_ *File, err error) {
	f := &File{Path: name, limits: opts.Limits.orDefault(), mapped: opts.Map}
	defer func() {
		if p := recover(); p != nil {
			err = f.errorf("", -1, "malformed file: %v", p)
		}
	}()
	var magic [4]byte
	if _, err := r.ReadAt(magic[:], 0); err != nil {
		return nil, f.errorf("", -1, "not an object file (too short to hold a header)")
	}
	switch {
	case bytes.Equal(magic[:], []byte(elf.ELFMAG)):
		err = f.openELF(r, image, opts)
	case isMachO(magic):
		err = f.openMachO(r)
	case magic[0] == 'M' && magic[1] == 'Z' || isCOFFObject(magic):
		err = f.openPE(r)
	default:
		return nil, f.errorf("", -1, "not an object file (unknown magic % x)", magic[:])
	}
	if err != nil {
		return nil, err
	}
	if err := f.finish(); err != nil {
		return nil, err
	}
	return f, nil
}

// openRegular opens path for reading if it is a regular file. A FIFO or a
// device is refused without blocking (a FIFO's open would wait for a
// writer): only its name and a stat are read.
func openRegular(path string) (*os.File, error) {
	r, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	st, err := r.Stat()
	switch {
	case err != nil:
		err = unwrapPathError(err)
	case st.IsDir():
		err = errors.New("is a directory, not an object file")
	case !st.Mode().IsRegular():
		err = fmt.Errorf("is not a regular file (%v), not an object file", st.Mode().Type())
	}
	if err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// Evict lets the kernel drop the pages of a mapped file (Options.Map)
// from this process: memory the process holds until it reads them again,
// from the page cache. For a pass over the file that is done, while the
// models built from it live on. Nothing for a file that is not mapped.
func (f *File) Evict() {
	for _, image := range f.images {
		evict(image)
	}
}

// Close releases the underlying file.
func (f *File) Close() error {
	if f != nil && f.closer != nil {
		return f.closer.Close()
	}
	return nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func isMachO(m [4]byte) bool {
	be := binary.BigEndian.Uint32(m[:])
	le := binary.LittleEndian.Uint32(m[:])
	for _, v := range []uint32{macho.Magic32, macho.Magic64, macho.MagicFat} {
		if be == v || le == v {
			return true
		}
	}
	return false
}

// isCOFFObject recognises a COFF object file (no DOS header) by its machine field.
func isCOFFObject(m [4]byte) bool {
	switch binary.LittleEndian.Uint16(m[:]) {
	case pe.IMAGE_FILE_MACHINE_AMD64, pe.IMAGE_FILE_MACHINE_ARM64, pe.IMAGE_FILE_MACHINE_I386:
		return true
	}
	return false
}

func (f *File) openMachO(r io.ReaderAt) error {
	m, err := macho.NewFile(r)
	if err != nil {
		return f.errorf("", -1, "Mach-O: %v", err)
	}
	f.Format, f.ByteOrder = "macho", m.ByteOrder
	switch m.Cpu {
	case macho.CpuAmd64:
		f.Arch, f.PtrSize = "x86_64", 8
	case macho.CpuArm64:
		f.Arch, f.PtrSize = "aarch64", 8
	default:
		f.Arch, f.PtrSize = m.Cpu.String(), 8
	}
	f.Kind = map[macho.Type]string{macho.TypeExec: "executable", macho.TypeDylib: "shared", macho.TypeObj: "relocatable"}[m.Type]
	f.Sections = map[string][]byte{}
	for _, s := range m.Sections {
		name := dwarfName(s.Name)
		if name == "" || s.Seg != "__DWARF" {
			continue
		}
		if int64(s.Size) > f.limits.SectionSize {
			return f.limitErr(s.Name, -1, int64(s.Size))
		}
		b, err := s.Data()
		if err != nil {
			return f.errorf(s.Name, int64(s.Offset), "%v", err)
		}
		f.Sections[name] = b
	}
	return nil
}

func (f *File) openPE(r io.ReaderAt) error {
	p, err := pe.NewFile(r)
	if err != nil {
		return f.errorf("", -1, "PE: %v", err)
	}
	f.Format, f.ByteOrder, f.Kind = "pe", binary.LittleEndian, "executable"
	switch p.Machine {
	case pe.IMAGE_FILE_MACHINE_AMD64:
		f.Arch, f.PtrSize = "x86_64", 8
	case pe.IMAGE_FILE_MACHINE_ARM64:
		f.Arch, f.PtrSize = "aarch64", 8
	case pe.IMAGE_FILE_MACHINE_I386:
		f.Arch, f.PtrSize = "x86", 4
	default:
		f.Arch, f.PtrSize = fmt.Sprintf("pe-machine-%#x", p.Machine), 8
	}
	if p.Characteristics&pe.IMAGE_FILE_DLL != 0 {
		f.Kind = "shared"
	}
	f.Sections = map[string][]byte{}
	for _, s := range p.Sections {
		name := dwarfName(s.Name)
		if name == "" {
			continue
		}
		if int64(s.Size) > f.limits.SectionSize {
			return f.limitErr(s.Name, -1, int64(s.Size))
		}
		b, err := s.Data()
		if err != nil {
			return f.errorf(s.Name, int64(s.Offset), "%v", err)
		}
		if s.VirtualSize != 0 && s.VirtualSize < uint32(len(b)) {
			b = b[:s.VirtualSize]
		}
		f.Sections[name] = b
	}
	return nil
}

// limitErr reports a section of size bytes, more than Limits.SectionSize
// allows. off is where the compression header announcing size sits, or -1
// when size is the section's own.
func (f *File) limitErr(section string, off, size int64) error {
	what := "section holds"
	if off >= 0 {
		what = "compression header announces"
	}
	return &Error{File: f.Path, Section: section, Offset: off,
		Err: fmt.Errorf("%w: %s %d bytes, more than the limit of %d (raise it with --max-section-size)", ErrLimit, what, size, f.limits.SectionSize)}
}
