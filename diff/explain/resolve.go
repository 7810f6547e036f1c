package explain

import (
	"debug/elf"
	"os"
	"path/filepath"
	"strings"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// DefaultLibDirs are the directories searched last for DT_NEEDED libraries,
// as the loader's built-in default paths.
var DefaultLibDirs = []string{"/lib", "/usr/lib", "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"}

// DefaultMaxLibraries bounds the DT_NEEDED closure walked.
const DefaultMaxLibraries = 256

// Library is one object of the set the loader would bind the consumer's
// references against.
type Library struct {
	// Name is the DT_NEEDED entry (or the path given on the command line).
	Name string
	// Path is the file found for it, "" when none was found.
	Path string
	// NeededBy is the object whose DT_NEEDED named it ("" for the provider).
	NeededBy string
	// Provider is true for the provider and its own DT_NEEDED closure.
	Provider bool
	// Symbols is its symbol table; nil when not found or unreadable.
	Symbols *ddwarf.SymbolTable
	// Versions are the version nodes it defines (.gnu.version_d); nil when
	// it defines none.
	Versions []string
	// Err says why it could not be read, when it was found but unreadable.
	Err error
}

// resolver finds the files of DT_NEEDED entries the way the loader does,
// without executing or mapping anything.
type resolver struct {
	libPaths []string // --lib-path, searched first
	provDir  string   // the provider's directory
	sysroot  string   // prefixed to the default and absolute run paths
	defaults []string
	max      int
	machine  elf.Machine
	class    elf.Class
	// libs in the order found; byPath and byName avoid reading one file
	// twice and walking cycles.
	libs   []*Library
	byName map[string]*Library
	byPath map[string]*Library
}

// object is what the resolver needs of an ELF object to walk its DT_NEEDED.
type object struct {
	name, path string
	table      *ddwarf.SymbolTable
}

// closure adds the DT_NEEDED closure of the roots, breadth first, skipping
// names for which skip returns a substitute already in the set. provider
// marks the libraries found as the provider's.
func (r *resolver) closure(roots []object, provider bool, skip func(name string) *Library) {
	type item struct {
		name   string
		from   object
		origin string // the loading chain's first object, for DT_RPATH
	}
	var queue []item
	for _, o := range roots {
		for _, n := range o.table.Needed {
			queue = append(queue, item{name: n, from: o})
		}
	}
	for len(queue) > 0 && len(r.libs) < r.max {
		it := queue[0]
		queue = queue[1:]
		if skip != nil && skip(it.name) != nil {
			continue
		}
		if r.byName[it.name] != nil {
			continue
		}
		lib := &Library{Name: it.name, NeededBy: it.from.name, Provider: provider}
		r.byName[it.name] = lib
		path := r.find(it.name, it.from)
		if path != "" {
			if prev := r.byPath[path]; prev != nil {
				r.byName[it.name] = prev
				continue
			}
			lib.Path = path
			r.byPath[path] = lib
			lib.Symbols, lib.Versions, lib.Err = readLibrary(path)
		}
		r.libs = append(r.libs, lib)
		if lib.Symbols != nil {
			o := object{name: it.name, path: path, table: lib.Symbols}
			for _, n := range lib.Symbols.Needed {
				queue = append(queue, item{name: n, from: o})
			}
		}
	}
}

// find returns the file the loader would map for a DT_NEEDED name of from,
// or "". The order: a name with a slash as it is; then DT_RPATH (when there
// is no DT_RUNPATH), the --lib-path directories, DT_RUNPATH, the provider's
// directory and the default directories. $ORIGIN expands to the directory of
// from; files of another class or machine are passed over, as the loader does.
func (r *resolver) find(name string, from object) string {
	if strings.Contains(name, "/") {
		if r.usable(name) {
			return clean(name)
		}
		return ""
	}
	var dirs []string
	if len(from.table.RunPath) == 0 {
		dirs = append(dirs, r.expand(from.table.RPath, from.path)...)
	}
	dirs = append(dirs, r.libPaths...)
	dirs = append(dirs, r.expand(from.table.RunPath, from.path)...)
	if r.provDir != "" {
		dirs = append(dirs, r.provDir)
	}
	for _, d := range r.defaults {
		dirs = append(dirs, filepath.Join(r.sysroot, d))
	}
	for _, d := range dirs {
		if p := filepath.Join(d, name); r.usable(p) {
			return clean(p)
		}
	}
	return ""
}

// expand resolves the $ORIGIN, ${ORIGIN}, $LIB and $PLATFORM of run-path
// entries of the object at path; entries that stay relative are dropped,
// as the loader resolves them against a working directory we do not know.
func (r *resolver) expand(dirs []string, path string) []string {
	origin := filepath.Dir(path)
	var out []string
	for _, d := range dirs {
		hasOrigin := strings.Contains(d, "$ORIGIN") || strings.Contains(d, "${ORIGIN}")
		d = strings.NewReplacer("${ORIGIN}", origin, "$ORIGIN", origin,
			"${LIB}", "lib64", "$LIB", "lib64", "${PLATFORM}", "x86_64", "$PLATFORM", "x86_64").Replace(d)
		switch {
		case hasOrigin:
		case filepath.IsAbs(d):
			d = filepath.Join(r.sysroot, d)
		default:
			continue
		}
		out = append(out, d)
	}
	return out
}

// usable reports whether path is a regular ELF file of the consumer's class
// and machine.
func (r *resolver) usable(path string) bool {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	f, err := elf.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return (r.machine == elf.EM_NONE || f.Machine == r.machine) && (r.class == elf.ELFCLASSNONE || f.Class == r.class)
}

func clean(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		return real
	}
	return p
}

// readLibrary reads the symbol table and the version nodes of a library.
func readLibrary(path string) (*ddwarf.SymbolTable, []string, error) {
	st, err := ddwarf.ReadSymbols(path)
	if err != nil {
		return nil, nil, err
	}
	return st, versionDefs(path), nil
}

// versionDefs lists the version nodes an ELF file defines, the base node
// (its SONAME) left out; nil when it has none or cannot be read.
func versionDefs(path string) []string {
	f, err := elf.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	return fileVersionDefs(f)
}

func fileVersionDefs(f *elf.File) (out []string) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	vs, err := f.DynamicVersions()
	if err != nil {
		return nil
	}
	for _, v := range vs {
		if v.Flags&elf.VER_FLG_BASE != 0 {
			continue
		}
		out = append(out, v.Name)
	}
	return out
}
