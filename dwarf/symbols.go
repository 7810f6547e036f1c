package dwarf

import (
	"debug/elf"
	"errors"
	"os"
	"strings"
)

// SymbolKind is what an exported or undefined symbol names.
type SymbolKind string

// The symbol kinds abidrift distinguishes.
const (
	SymFunc   SymbolKind = "func"   // STT_FUNC
	SymObject SymbolKind = "object" // STT_OBJECT and STT_COMMON
	SymIFunc  SymbolKind = "ifunc"  // STT_GNU_IFUNC: a function resolved at load time
	SymTLS    SymbolKind = "tls"    // STT_TLS: a thread-local variable
	SymNoType SymbolKind = "notype" // STT_NOTYPE (only kept for undefined symbols)
)

// Symbol is one entry of a symbol table that matters to the dynamic linker:
// a definition other objects may bind to, or a reference they must satisfy.
type Symbol struct {
	Name string
	Kind SymbolKind
	// Version is the symbol version (GLIBC_2.2.5, VERS_1); "" when unversioned.
	Version string
	// Hidden is true for a non-default version of a definition (name@VER
	// rather than name@@VER): only references that ask for VER bind to it.
	Hidden bool
	// Library is, for an undefined versioned symbol, the DT_NEEDED entry the
	// version is required from (libc.so.6).
	Library string
	// Weak is true for STB_WEAK binding: a weak reference may stay unresolved.
	Weak bool
	// Protected is true for STV_PROTECTED visibility (exported, but never
	// preempted inside its own object).
	Protected bool
	// Value is the symbol's address (its section offset in a relocatable
	// object); Size its size in bytes.
	Value, Size uint64
}

// SymbolTable is the dynamic-linking surface of an object file.
type SymbolTable struct {
	// Source is the table the symbols were read from: ".dynsym", ".symtab"
	// (relocatable objects and files without .dynsym), or "" when the file
	// format has no table abidrift reads (Mach-O, PE).
	Source string
	// SONAME is DT_SONAME; Needed the DT_NEEDED entries in order.
	SONAME string
	Needed []string
	// RunPath and RPath are the DT_RUNPATH and DT_RPATH directory lists.
	RunPath, RPath []string
	// BuildID is the GNU build-id in hex.
	BuildID string
	// Exported are the defined symbols other objects can bind to: GLOBAL,
	// WEAK or GNU_UNIQUE binding, default or protected visibility, function,
	// object, ifunc or TLS type. In file order.
	Exported []Symbol
	// Undefined are the references the dynamic linker (or, for a relocatable
	// object, the static linker) must resolve elsewhere. In file order.
	Undefined []Symbol
}

// ReadSymbols opens the ELF file at path and reads its symbol table. Unlike
// Open it does not need DWARF, so it also serves for the libraries a binary
// depends on.
func ReadSymbols(path string) (*SymbolTable, error) {
	r, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, Offset: -1, Err: unwrapPathError(err)}
	}
	defer r.Close()
	e, err := elf.NewFile(r)
	if err != nil {
		return nil, &Error{File: path, Offset: -1, Err: errors.New("not an ELF file: " + err.Error())}
	}
	return readELFSymbols(e, path)
}

// Symbols reads the symbol table of f. Mach-O and PE files give an empty
// table with an empty Source.
func (f *File) Symbols() (*SymbolTable, error) {
	if f.ELF == nil {
		return &SymbolTable{}, nil
	}
	return readELFSymbols(f.ELF, f.Path)
}

// LinkInfo reads only the dynamic section and build-id of f: a SymbolTable
// with SONAME, Needed, RunPath, RPath and BuildID set and no symbols.
func (f *File) LinkInfo() (*SymbolTable, error) {
	t := &SymbolTable{}
	if f.ELF == nil {
		return t, nil
	}
	t.BuildID = BuildID(f.ELF)
	if err := t.readDynamic(f.ELF, f.Path); err != nil {
		return nil, err
	}
	return t, nil
}

func readELFSymbols(e *elf.File, path string) (t *SymbolTable, err error) {
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, &Error{File: path, Offset: -1, Err: errors.New("malformed symbol table")}
		}
	}()
	t = &SymbolTable{BuildID: BuildID(e)}
	if err := t.readDynamic(e, path); err != nil {
		return nil, err
	}
	dynsym := e.SectionByType(elf.SHT_DYNSYM)
	if dynsym != nil && e.Type != elf.ET_REL {
		syms, err := e.DynamicSymbols()
		if err != nil {
			return nil, &Error{File: path, Section: ".dynsym", Offset: int64(dynsym.Offset), Err: err}
		}
		t.Source = ".dynsym"
		t.add(syms)
		return t, nil
	}
	symtab := e.SectionByType(elf.SHT_SYMTAB)
	if symtab == nil {
		return t, nil
	}
	syms, err := e.Symbols()
	if err != nil {
		return nil, &Error{File: path, Section: ".symtab", Offset: int64(symtab.Offset), Err: err}
	}
	t.Source = ".symtab"
	t.add(syms)
	return t, nil
}

// readDynamic reads DT_SONAME, DT_NEEDED, DT_RUNPATH and DT_RPATH.
func (t *SymbolTable) readDynamic(e *elf.File, path string) error {
	ds := e.SectionByType(elf.SHT_DYNAMIC)
	if ds == nil || ds.Type == elf.SHT_NOBITS {
		return nil
	}
	str := func(tag elf.DynTag) ([]string, error) {
		v, err := e.DynString(tag)
		if err != nil {
			return nil, &Error{File: path, Section: ".dynamic", Offset: int64(ds.Offset), Err: err}
		}
		return v, nil
	}
	soname, err := str(elf.DT_SONAME)
	if err != nil {
		return err
	}
	if len(soname) > 0 {
		t.SONAME = soname[0]
	}
	if t.Needed, err = str(elf.DT_NEEDED); err != nil {
		return err
	}
	runpath, err := str(elf.DT_RUNPATH)
	if err != nil {
		return err
	}
	rpath, err := str(elf.DT_RPATH)
	if err != nil {
		return err
	}
	t.RunPath, t.RPath = splitPaths(runpath), splitPaths(rpath)
	return nil
}

func splitPaths(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ":") {
			if p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// add sorts syms into exported definitions and undefined references.
func (t *SymbolTable) add(syms []elf.Symbol) {
	for _, s := range syms {
		if s.Name == "" {
			continue
		}
		bind := elf.ST_BIND(s.Info)
		if bind != elf.STB_GLOBAL && bind != elf.STB_WEAK && bind != 10 { // 10: STB_GNU_UNIQUE
			continue
		}
		vis := elf.ST_VISIBILITY(s.Other)
		sym := Symbol{
			Name: s.Name, Version: s.Version, Library: s.Library,
			Weak: bind == elf.STB_WEAK, Protected: vis == elf.STV_PROTECTED,
			Value: s.Value, Size: s.Size,
		}
		sym.Kind = symbolKind(elf.ST_TYPE(s.Info))
		if s.Section == elf.SHN_UNDEF {
			t.Undefined = append(t.Undefined, sym)
			continue
		}
		if vis != elf.STV_DEFAULT && vis != elf.STV_PROTECTED {
			continue
		}
		if sym.Kind == SymNoType || sym.Kind == "" {
			continue
		}
		if s.Section == elf.SHN_ABS && s.Value == 0 && s.Size == 0 && s.Name == s.Version {
			continue // the symbol GNU ld defines for each version name
		}
		sym.Hidden = s.HasVersion && s.VersionIndex.IsHidden()
		t.Exported = append(t.Exported, sym)
	}
}

func symbolKind(typ elf.SymType) SymbolKind {
	switch typ {
	case elf.STT_FUNC:
		return SymFunc
	case elf.STT_OBJECT, elf.STT_COMMON:
		return SymObject
	case elf.STT_GNU_IFUNC:
		return SymIFunc
	case elf.STT_TLS:
		return SymTLS
	case elf.STT_NOTYPE:
		return SymNoType
	}
	return ""
}
