package dwarf

import (
	"debug/elf"
	"sort"
)

// Pointer is one pointer-sized word of an ELF file's data, as the dynamic
// loader (or, for a relocatable object, the static linker) will leave it.
type Pointer struct {
	// Value is the address the word holds once relocated, as far as the
	// file fixes it: the raw bytes, the addend of a relative relocation, or a
	// defined symbol's value plus the addend (the addend alone for an
	// undefined symbol). In a relocatable object it is an offset in the
	// section Section.
	Value uint64
	// Section is, in a relocatable object, the index of the section Value
	// lies in; 0 otherwise.
	Section int
	// Symbols name the target: the symbol a relocation refers to first,
	// then every function or object symbol defined at Value. Empty when no
	// symbol is known (a null pointer, a plain integer).
	Symbols []string
	// Reloc is true when a relocation applies to the word.
	Reloc bool
}

// DataReader reads pointers out of the allocated sections of an ELF file,
// resolving them through its relocations and symbol tables. It loads each
// table once; use one reader for many reads.
type DataReader struct {
	f    *File
	e    *elf.File
	word int
	// dyn holds the dynamic relocations by the address they patch.
	dyn map[uint64]reloc
	// syms is .symtab (local functions too) of a relocatable object (a
	// linked file's is read by namesAt), dynsyms .dynsym.
	syms, dynsyms []elf.Symbol
	bySection     map[int]*symbolNames     // relocatable objects: by section and offset
	sectionRelocs map[int]map[uint64]reloc // relocatable objects: relocations of one section, by offset
	data          map[int][]byte           // section contents read so far
	debugRelocs   map[string][]reloc       // relocatable objects: address relocations of debug sections, sorted
	loaded        map[string]bool          // which lazy tables were read
}

// reloc is one relocation entry, with its symbol resolved.
type reloc struct {
	off    uint64 // virtual address (dynamic) or section offset (relocatable)
	typ    uint32
	sym    *elf.Symbol // nil for none
	addend int64
	rela   bool
}

// DataReader returns a reader of f's data. Only ELF files are supported.
func (f *File) DataReader() (*DataReader, error) {
	if f.ELF == nil {
		return nil, f.errorf("", -1, "reading data: only ELF files are supported")
	}
	d := &DataReader{f: f, e: f.ELF, word: f.PtrSize, data: map[int][]byte{}, loaded: map[string]bool{}}
	return d, nil
}

// Relocatable reports whether addresses in f are section offsets.
func (d *DataReader) Relocatable() bool { return d.e.Type == elf.ET_REL }

// Pointers reads n pointer-sized words at the virtual address addr of an
// executable or shared object and resolves each through the dynamic
// relocations and the symbol tables.
func (d *DataReader) Pointers(addr uint64, n int) ([]Pointer, error) {
	out, errs := d.PointersAt([]Span{{addr, n}})
	return out[0], errs[0]
}

// Span is N pointer-sized words at the virtual address Addr.
type Span struct {
	Addr uint64
	N    int
}

// PointersAt reads the words of each span as Pointers does, going through
// the symbol tables once for all of them (a large library defines 100 000s
// of symbols, a few of which the words point to). out[i] and errs[i] are
// span i's.
func (d *DataReader) PointersAt(spans []Span) (out [][]Pointer, errs []error) {
	out, errs = make([][]Pointer, len(spans)), make([]error, len(spans))
	want := map[uint64]bool{}
	for i, s := range spans {
		out[i], errs[i] = d.words(s.Addr, s.N)
		for _, p := range out[i] {
			if p.Value != 0 {
				want[p.Value] = true
			}
		}
	}
	names, err := d.namesAt(want)
	for i := range spans {
		if errs[i] == nil && err != nil {
			errs[i] = err
		}
		if errs[i] != nil {
			out[i] = nil
			continue
		}
		for k := range out[i] {
			p := &out[i][k]
			if p.Value != 0 {
				p.Symbols = names.appendTo(p.Symbols, p.Value)
			}
		}
	}
	return out, errs
}

// words reads n words at addr, with their dynamic relocations applied.
func (d *DataReader) words(addr uint64, n int) (out []Pointer, err error) {
	defer d.recoverMalformed(&err)
	if d.Relocatable() {
		return nil, d.f.errorf("", -1, "address %#x: a relocatable object has no addresses, only section offsets", addr)
	}
	if n < 0 || n > 1<<16 {
		return nil, d.f.errorf("", -1, "reading %d pointers at %#x: too many", n, addr)
	}
	idx, off, err := d.sectionAt(addr, uint64(n*d.word))
	if err != nil {
		return nil, err
	}
	b, err := d.sectionData(idx)
	if err != nil {
		return nil, err
	}
	if err := d.loadDynamic(); err != nil {
		return nil, err
	}
	for i := 0; i < n; i++ {
		at := addr + uint64(i*d.word)
		p := Pointer{Value: d.word64(b[off+uint64(i*d.word):])}
		if r, ok := d.dyn[at]; ok {
			p.Reloc = true
			p = d.resolve(p, r)
		}
		out = append(out, p)
	}
	return out, nil
}

// SectionPointers reads n pointer-sized words at offset off of section sec
// of a relocatable object, resolving each through that section's
// relocations.
func (d *DataReader) SectionPointers(sec int, off uint64, n int) (out []Pointer, err error) {
	defer d.recoverMalformed(&err)
	if !d.Relocatable() {
		return nil, d.f.errorf("", -1, "section offsets are only read from relocatable objects")
	}
	if n < 0 || n > 1<<16 {
		return nil, d.f.errorf("", -1, "reading %d pointers: too many", n)
	}
	if sec <= 0 || sec >= len(d.e.Sections) {
		return nil, d.f.errorf("", -1, "no section %d", sec)
	}
	s := d.e.Sections[sec]
	if off > s.Size || s.Size-off < uint64(n*d.word) {
		return nil, d.f.errorf(s.Name, int64(off), "%d pointers run past the end of the section", n)
	}
	b, err := d.sectionData(sec)
	if err != nil {
		return nil, err
	}
	if err := d.loadSymbols(); err != nil {
		return nil, err
	}
	rels, err := d.relocsOf(sec)
	if err != nil {
		return nil, err
	}
	for i := 0; i < n; i++ {
		at := off + uint64(i*d.word)
		p := Pointer{Value: d.word64(b[at:])}
		if r, ok := rels[at]; ok {
			p.Reloc = true
			p = d.resolve(p, r)
		}
		if p.Section > 0 {
			p.Symbols = d.bySection[p.Section].appendTo(p.Symbols, p.Value)
		}
		out = append(out, p)
	}
	return out, nil
}

// DebugTarget finds, in a relocatable object, what the first address
// relocation of the debug section named section (".debug_info",
// ".debug_addr") in the byte range [start, end) points at: the allocated
// section (code or data) and the offset in it. It is how the DW_OP_addr of
// an entry's location is placed in an object file, where every address
// reads 0 until linked. ok is false for linked files and when no such
// relocation exists.
func (d *DataReader) DebugTarget(section string, start, end uint64) (sec int, off uint64, ok bool, err error) {
	defer d.recoverMalformed(&err)
	if !d.Relocatable() {
		return 0, 0, false, nil
	}
	if d.debugRelocs == nil {
		d.debugRelocs = map[string][]reloc{}
	}
	list, done := d.debugRelocs[section]
	if !done {
		if err := d.loadSymbols(); err != nil {
			return 0, 0, false, err
		}
		for i, s := range d.e.Sections {
			if s.Name != section && dwarfName(s.Name) != dwarfName(section) || s.Type == elf.SHT_RELA || s.Type == elf.SHT_REL {
				continue
			}
			rels, err := d.relocsOf(i)
			if err != nil {
				return 0, 0, false, err
			}
			for _, r := range rels {
				if r.sym != nil && r.sym.Section > 0 && int(r.sym.Section) < len(d.e.Sections) &&
					d.e.Sections[r.sym.Section].Flags&elf.SHF_ALLOC != 0 {
					list = append(list, r)
				}
			}
		}
		sort.Slice(list, func(i, j int) bool { return list[i].off < list[j].off })
		d.debugRelocs[section] = list
	}
	i := sort.Search(len(list), func(i int) bool { return list[i].off >= start })
	if i == len(list) || list[i].off >= end {
		return 0, 0, false, nil
	}
	r := list[i]
	return int(r.sym.Section), r.sym.Value + uint64(r.addend), true, nil
}

func (d *DataReader) recoverMalformed(err *error) {
	if r := recover(); r != nil {
		*err = d.f.errorf("", -1, "malformed relocations or symbols: %v", r)
	}
}

func (d *DataReader) word64(b []byte) uint64 {
	if d.word == 4 {
		return uint64(d.e.ByteOrder.Uint32(b))
	}
	return d.e.ByteOrder.Uint64(b)
}

// resolve applies r to the word p.
func (d *DataReader) resolve(p Pointer, r reloc) Pointer {
	addend := r.addend
	if !r.rela {
		addend = int64(p.Value)
		if d.word == 4 {
			addend = int64(int32(p.Value))
		}
	}
	if relativeReloc(d.e.Machine, r.typ) {
		p.Value = uint64(addend)
		return p
	}
	if r.sym == nil {
		p.Value = uint64(addend)
		return p
	}
	p.Value = uint64(addend)
	if r.sym.Section != elf.SHN_UNDEF && r.sym.Section < elf.SHN_LORESERVE {
		p.Value += r.sym.Value
		if d.Relocatable() {
			p.Section = int(r.sym.Section)
		}
	}
	if r.sym.Name != "" && elf.ST_TYPE(r.sym.Info) != elf.STT_SECTION {
		p.Symbols = append(p.Symbols, r.sym.Name)
	}
	return p
}

// relativeReloc reports the relocation types that store the load base plus
// the addend (B + A): their target is the addend itself.
func relativeReloc(m elf.Machine, typ uint32) bool {
	switch m {
	case elf.EM_X86_64:
		return elf.R_X86_64(typ) == elf.R_X86_64_RELATIVE
	case elf.EM_AARCH64:
		return elf.R_AARCH64(typ) == elf.R_AARCH64_RELATIVE
	case elf.EM_386:
		return elf.R_386(typ) == elf.R_386_RELATIVE
	case elf.EM_ARM:
		return elf.R_ARM(typ) == elf.R_ARM_RELATIVE
	case elf.EM_RISCV:
		return elf.R_RISCV(typ) == elf.R_RISCV_RELATIVE
	}
	return false
}

// sectionAt finds the allocated section holding [addr, addr+size).
func (d *DataReader) sectionAt(addr, size uint64) (int, uint64, error) {
	for i, s := range d.e.Sections {
		if s.Flags&elf.SHF_ALLOC == 0 || s.Type == elf.SHT_NOBITS || addr < s.Addr || addr-s.Addr >= s.Size {
			continue
		}
		off := addr - s.Addr
		if s.Size-off < size {
			return 0, 0, d.f.errorf(s.Name, int64(off), "%d bytes at %#x run past the end of the section", size, addr)
		}
		return i, off, nil
	}
	return 0, 0, d.f.errorf("", -1, "no section holds data at address %#x", addr)
}

func (d *DataReader) sectionData(i int) ([]byte, error) {
	if b, ok := d.data[i]; ok {
		return b, nil
	}
	s := d.e.Sections[i]
	b, err := d.f.elfSectionData(s, nil)
	if err != nil {
		return nil, err
	}
	if uint64(len(b)) < s.Size {
		return nil, d.f.errorf(s.Name, int64(s.Offset), "section holds %d bytes, its header says %d", len(b), s.Size)
	}
	d.data[i] = b
	return b, nil
}

// loadSymbols reads .dynsym, which relocations refer to, and, in a
// relocatable object, .symtab too, indexing both tables' definitions by
// section. A linked file's definitions are looked up by namesAt.
func (d *DataReader) loadSymbols() error {
	if d.loaded["symbols"] {
		return nil
	}
	d.loaded["symbols"] = true
	var err error
	d.bySection = map[int]*symbolNames{}
	if symtab := d.e.SectionByType(elf.SHT_SYMTAB); symtab != nil && d.Relocatable() {
		if d.syms, err = d.e.Symbols(); err != nil {
			return d.f.errorf(".symtab", -1, "%v", err)
		}
	}
	if d.e.SectionByType(elf.SHT_DYNSYM) != nil {
		if d.dynsyms, err = d.e.DynamicSymbols(); err != nil {
			return d.f.errorf(".dynsym", -1, "%v", err)
		}
	}
	if !d.Relocatable() {
		return nil
	}
	for _, list := range [][]elf.Symbol{d.syms, d.dynsyms} {
		for _, s := range list {
			if s.Name == "" || !defines(s.Info, s.Section) {
				continue
			}
			m := d.bySection[int(s.Section)]
			if m == nil {
				m = newSymbolNames(0)
				d.bySection[int(s.Section)] = m
			}
			m.add(s.Value, s.Name)
		}
	}
	return nil
}

// namesAt indexes the names of the functions and objects that a linked
// file's symbol tables, .symtab then .dynsym, define at the addresses want
// holds true.
func (d *DataReader) namesAt(want map[uint64]bool) (names *symbolNames, err error) {
	defer d.recoverMalformed(&err)
	names = newSymbolNames(len(want))
	if len(want) == 0 {
		return names, nil
	}
	if err := d.loadSymbols(); err != nil {
		return nil, err
	}
	if symtab := d.e.SectionByType(elf.SHT_SYMTAB); symtab != nil {
		if err := d.definedSymbols(symtab, want, names.add); err != nil {
			return nil, err
		}
	}
	for _, s := range d.dynsyms {
		if want[s.Value] && s.Name != "" && defines(s.Info, s.Section) {
			names.add(s.Value, s.Name)
		}
	}
	return names, nil
}

// defines reports whether a symbol of info in section defines a function
// or an object.
func defines(info byte, section elf.SectionIndex) bool {
	typ := elf.ST_TYPE(info)
	return (typ == elf.STT_FUNC || typ == elf.STT_OBJECT || typ == elf.STT_GNU_IFUNC) &&
		section != elf.SHN_UNDEF && section < elf.SHN_LORESERVE
}

// loadDynamic reads the relocations a linked file asks the dynamic loader
// to apply: every REL and RELA section linked to .dynsym (or to no table).
func (d *DataReader) loadDynamic() error {
	if d.loaded["dynamic"] {
		return nil
	}
	d.loaded["dynamic"] = true
	d.dyn = map[uint64]reloc{}
	if err := d.loadSymbols(); err != nil {
		return err
	}
	for i, s := range d.e.Sections {
		if s.Type != elf.SHT_RELA && s.Type != elf.SHT_REL || s.Flags&elf.SHF_ALLOC == 0 {
			continue
		}
		rels, err := d.parseRelocs(i, d.dynsyms)
		if err != nil {
			return err
		}
		for _, r := range rels {
			d.dyn[r.off] = r
		}
	}
	return nil
}

// relocsOf returns the relocations that apply to section target of a
// relocatable object, by offset.
func (d *DataReader) relocsOf(target int) (map[uint64]reloc, error) {
	if d.sectionRelocs == nil {
		d.sectionRelocs = map[int]map[uint64]reloc{}
	}
	if m, ok := d.sectionRelocs[target]; ok {
		return m, nil
	}
	m := map[uint64]reloc{}
	for i, s := range d.e.Sections {
		if s.Type != elf.SHT_RELA && s.Type != elf.SHT_REL || int(s.Info) != target {
			continue
		}
		rels, err := d.parseRelocs(i, d.syms)
		if err != nil {
			return nil, err
		}
		for _, r := range rels {
			m[r.off] = r
		}
	}
	d.sectionRelocs[target] = m
	return m, nil
}

// parseRelocs decodes the REL or RELA section i against the symbol table syms
// (which, as debug/elf returns it, lacks the null symbol 0).
func (d *DataReader) parseRelocs(i int, syms []elf.Symbol) ([]reloc, error) {
	s := d.e.Sections[i]
	data, err := d.f.elfSectionData(s, nil)
	if err != nil {
		return nil, err
	}
	rela := s.Type == elf.SHT_RELA
	is64 := d.e.Class == elf.ELFCLASS64
	size := map[bool]map[bool]int{true: {true: 24, false: 16}, false: {true: 12, false: 8}}[is64][rela]
	if len(data)%size != 0 {
		return nil, d.f.errorf(s.Name, -1, "size %d is not a multiple of the entry size %d", len(data), size)
	}
	bo := d.e.ByteOrder
	out := make([]reloc, 0, len(data)/size)
	for off := 0; off < len(data); off += size {
		var r reloc
		var sym uint64
		if is64 {
			info := bo.Uint64(data[off+8:])
			r.off, sym, r.typ = bo.Uint64(data[off:]), info>>32, uint32(info)
			if rela {
				r.addend = int64(bo.Uint64(data[off+16:]))
			}
		} else {
			info := bo.Uint32(data[off+4:])
			r.off, sym, r.typ = uint64(bo.Uint32(data[off:])), uint64(info>>8), info&0xff
			if rela {
				r.addend = int64(int32(bo.Uint32(data[off+8:])))
			}
		}
		r.rela = rela
		if sym > 0 {
			if sym > uint64(len(syms)) {
				return nil, d.f.errorf(s.Name, int64(off), "relocation names symbol %d of %d", sym, len(syms))
			}
			r.sym = &syms[sym-1]
		}
		out = append(out, r)
	}
	return out, nil
}

func appendNew(list []string, names ...string) []string {
	for _, n := range names {
		found := false
		for _, x := range list {
			if x == n {
				found = true
				break
			}
		}
		if !found {
			list = append(list, n)
		}
	}
	return list
}
