package explain

import (
	"debug/elf"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/abidrift/abidrift/diff"
	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
)

// Options tune Explain.
type Options struct {
	// LibPaths are searched first for DT_NEEDED libraries (as
	// LD_LIBRARY_PATH would be).
	LibPaths []string
	// DefaultDirs replace DefaultLibDirs when not nil.
	DefaultDirs []string
	// Sysroot is prefixed to the default directories and to absolute
	// DT_RUNPATH and DT_RPATH entries ("" is /).
	Sysroot string
	// MaxLibraries bounds the DT_NEEDED closure (DefaultMaxLibraries when 0).
	MaxLibraries int
	// Error is the loader's message; the explanation starts with what it names.
	Error string
	// Old is a copy of the provider the consumer was built against, when
	// available: its types are compared too, and its crate ids are evidence.
	Old string
	// Read tunes the reading of the consumer, the provider and Old.
	Read ddwarf.Options
	// Diff tunes the comparisons.
	Diff diff.Options
}

// input is one binary read for explain: its model, its symbols and the
// facts about the rustc that built it.
type input struct {
	path, name string
	bin        *layout.Binary
	table      *ddwarf.SymbolTable
	surf       *layout.Surface
	rust       rustFacts
	versions   []string
	dwarf      bool
	machine    elf.Machine
	class      elf.Class
}

// readInput opens an ELF file and builds its model; a file without DWARF
// gives an empty model and its symbols.
func readInput(path string, ro ddwarf.Options) (*input, error) {
	in := &input{path: path, name: filepath.Base(path)}
	ef, err := elf.Open(path)
	if err != nil {
		if _, statErr := ddwarf.ReadSymbols(path); statErr != nil {
			return nil, statErr
		}
		return nil, fmt.Errorf("%s: explain reads ELF files: %v", path, err)
	}
	defer ef.Close()
	in.machine, in.class = ef.Machine, ef.Class
	f, err := ddwarf.Open(path, ro)
	switch {
	case errors.Is(err, ddwarf.ErrNoDWARF):
		in.bin = &layout.Binary{Path: path, Format: "elf", Arch: archName(ef.Machine), PtrSize: ptrSize(ef.Class), Kind: kindName(ef.Type)}
	case err != nil:
		return nil, err
	default:
		defer f.Close()
		in.dwarf = true
		if in.bin, err = layout.Build(f, layout.Options{}); err != nil {
			return nil, err
		}
		// The slots of Rust trait-object vtables, which diff compares
		// by the functions they point to; unreadable data leaves them out.
		if vts, err := layout.VTables(f, in.bin); err == nil {
			in.bin.VTables = vts
		}
	}
	if in.table, err = ddwarf.ReadSymbols(path); err != nil {
		return nil, err
	}
	if in.bin.SONAME == "" {
		in.bin.SONAME = in.table.SONAME
	}
	in.surf = layout.NewSurface(in.bin, in.table, layout.ExportOptions{})
	var exported []string
	for _, s := range in.table.Exported {
		exported = append(exported, s.Name)
	}
	in.rust = readRustFacts(ef, in.bin.Producers, exported)
	in.versions = fileVersionDefs(ef)
	return in, nil
}

func archName(m elf.Machine) string {
	switch m {
	case elf.EM_X86_64:
		return "x86_64"
	case elf.EM_AARCH64:
		return "aarch64"
	case elf.EM_386:
		return "x86"
	case elf.EM_ARM:
		return "arm"
	}
	return strings.ToLower(strings.TrimPrefix(m.String(), "EM_"))
}

func ptrSize(c elf.Class) int {
	if c == elf.ELFCLASS32 {
		return 4
	}
	return 8
}

func kindName(t elf.Type) string {
	switch t {
	case elf.ET_EXEC:
		return "executable"
	case elf.ET_DYN:
		return "shared"
	case elf.ET_REL:
		return "relocatable"
	}
	return "other"
}

// explainer holds the state of one explanation.
type explainer struct {
	opts     Options
	cons     *input
	prov     *input
	old      *input
	provLib  *Library
	res      *resolver
	defs     map[string][]def
	imports  map[string]*layout.Export // consumer references by symbol: names and keys
	provSyms map[string][]*layout.Export
	provKeys map[string][]*layout.Export
	provDem  map[string][]*layout.Export
	crates   map[string]bool // Rust crates the provider exports items of
	rep      *Report
	// consTypes and provTypes index the named types by name, for phrasing.
	consTypes, provTypes map[string]*layout.Type
	// searches counts the close-path searches made (maxNearSearches).
	searches int
	// phrases are the short clauses of the changes explain makes itself.
	phrases map[*diff.Change]string
	// pairs are the consumer's references paired with provider exports,
	// whose types are compared.
	pairs []*pairing
}

// def is one definition of a symbol in the load set.
type def struct {
	lib *Library
	sym ddwarf.Symbol
}

// pairing is a consumer reference and the provider export it binds to (or
// would bind to, had it not changed).
type pairing struct {
	ref     ddwarf.Symbol
	imp     *layout.Export // the reference, named
	exp     *layout.Export // the provider's export
	missing *Missing       // nil for a reference that resolves
	changes []*diff.Change
	// seen is true when the consumer's DWARF holds every named type the
	// export's signature names directly, so that no change means the
	// signature really is unchanged.
	seen bool
}

// Explain says why consumer fails to load with provider, or loads and
// misbehaves: the consumer's references no object defines, paired with the
// provider's counterparts and the reason they changed, and the types the
// two disagree on, the consumer's side read from its own DWARF.
func Explain(consumer, provider string, opts Options) (*Report, error) {
	if opts.MaxLibraries <= 0 {
		opts.MaxLibraries = DefaultMaxLibraries
	}
	if opts.DefaultDirs == nil {
		opts.DefaultDirs = DefaultLibDirs
	}
	x := &explainer{opts: opts}
	var err error
	if x.cons, err = readInput(consumer, opts.Read); err != nil {
		return nil, err
	}
	if x.prov, err = readInput(provider, opts.Read); err != nil {
		return nil, err
	}
	if opts.Old != "" {
		if x.old, err = readInput(opts.Old, opts.Read); err != nil {
			return nil, err
		}
		if x.old.name == x.prov.name {
			x.old.name = "the old " + x.old.name
		}
	}
	x.rep = &Report{Consumer: consumer, Provider: provider, Old: opts.Old,
		ConsumerName: x.cons.name, ProviderName: x.prov.name}
	if opts.Error != "" {
		x.rep.Loader = ParseLoaderError(opts.Error)
		if len(x.rep.Loader) == 0 {
			x.rep.Notes = append(x.rep.Notes, "the --error text holds no loader failure abidrift recognises")
		}
	}
	x.loadSet()
	x.index()
	x.resolveAll()
	x.compare()
	x.classify()
	x.focus()
	x.facts()
	x.rep.Headline = x.headline()
	return x.rep, nil
}

// loadSet finds the libraries the references resolve against: the provider
// and its DT_NEEDED closure, then the rest of the consumer's closure, with
// the provider standing in for the DT_NEEDED entry that names it.
func (x *explainer) loadSet() {
	provPath := clean(x.prov.path)
	x.provLib = &Library{Name: x.prov.name, Path: x.prov.path, Provider: true, Symbols: x.prov.table, Versions: x.prov.versions}
	x.res = &resolver{libPaths: x.opts.LibPaths, provDir: filepath.Dir(provPath), sysroot: x.opts.Sysroot,
		defaults: x.opts.DefaultDirs, max: x.opts.MaxLibraries, machine: x.cons.machine, class: x.cons.class,
		byName: map[string]*Library{}, byPath: map[string]*Library{provPath: x.provLib}}
	x.res.libs = []*Library{x.provLib}
	isProvider := func(name string) *Library {
		if name == x.prov.table.SONAME && name != "" || name == x.prov.name || name == provPath {
			return x.provLib
		}
		return nil
	}
	consumerNeeds := false
	for _, n := range x.cons.table.Needed {
		if isProvider(n) != nil {
			consumerNeeds = true
		}
	}
	x.res.closure([]object{{name: x.prov.name, path: provPath, table: x.prov.table}}, true, isProvider)
	x.res.closure([]object{{name: x.cons.name, path: clean(x.cons.path), table: x.cons.table}}, false, isProvider)
	x.rep.Libraries = x.res.libs
	if !consumerNeeds && x.cons.table.Source != "" {
		x.rep.Notes = append(x.rep.Notes, fmt.Sprintf("%s does not name %s in DT_NEEDED: it is taken to be loaded with it (dlopen, LD_PRELOAD or a dependency)",
			x.cons.name, x.prov.name))
	}
	if len(x.res.libs) >= x.opts.MaxLibraries {
		x.rep.Notes = append(x.rep.Notes, fmt.Sprintf("the DT_NEEDED closure was cut at %d libraries", x.opts.MaxLibraries))
	}
	if !x.cons.dwarf {
		x.rep.Notes = append(x.rep.Notes, fmt.Sprintf("%s has no DWARF: the layouts it was compiled against are unknown (pass --old to compare the old provider instead)", x.cons.name))
	}
	if !x.prov.dwarf {
		x.rep.Notes = append(x.rep.Notes, fmt.Sprintf("%s has no DWARF: its types cannot be compared", x.prov.name))
	}
}

// index builds the lookups: the definitions of the load set by name, the
// provider's exports by symbol, key and demangled path, and the consumer's
// references named as exports are.
func (x *explainer) index() {
	x.defs = map[string][]def{}
	for _, lib := range x.res.libs {
		if lib.Symbols == nil {
			continue
		}
		for _, s := range lib.Symbols.Exported {
			x.defs[s.Name] = append(x.defs[s.Name], def{lib: lib, sym: s})
		}
	}
	x.provSyms, x.provKeys, x.provDem = map[string][]*layout.Export{}, map[string][]*layout.Export{}, map[string][]*layout.Export{}
	x.crates = map[string]bool{}
	for _, list := range [][]*layout.Export{x.prov.surf.Functions, x.prov.surf.Variables} {
		for _, e := range list {
			x.provSyms[e.Symbol] = append(x.provSyms[e.Symbol], e)
			x.provKeys[e.Key] = append(x.provKeys[e.Key], e)
			if e.Demangled != e.Key {
				x.provDem[e.Demangled] = append(x.provDem[e.Demangled], e)
			}
			if c := crateOf(e); c != "" {
				x.crates[c] = true
			}
		}
	}
	for c := range x.prov.rust.CrateIDs {
		x.crates[c] = true
	}
	// The consumer's references, named the way exports are: a symbol table
	// made of them gives each its demangled name and stable key.
	var refs []ddwarf.Symbol
	seen := map[string]bool{}
	for _, u := range x.cons.table.Undefined {
		if !seen[u.Name] {
			seen[u.Name] = true
			refs = append(refs, ddwarf.Symbol{Name: u.Name, Kind: ddwarf.SymObject})
		}
	}
	named := layout.NewSurface(x.cons.bin, &ddwarf.SymbolTable{Source: ".dynsym", Exported: refs}, layout.ExportOptions{})
	x.imports = map[string]*layout.Export{}
	for _, e := range named.Variables {
		x.imports[e.Symbol] = e
	}
}

// crateOf is the Rust crate an export's path starts with, "" for symbols
// that are not Rust-mangled.
func crateOf(e *layout.Export) string {
	if e.Mangling != layout.MangleRustLegacy && e.Mangling != layout.MangleRustV0 {
		return ""
	}
	return firstIdent(e.Demangled)
}

// firstIdent is the identifier a path starts with, after any `<` or `&`.
func firstIdent(s string) string {
	s = strings.TrimLeft(s, "<&*( ")
	end := 0
	for end < len(s) && isIdentByte(s[end]) {
		end++
	}
	if end == 0 || !strings.HasPrefix(s[end:], "::") {
		return ""
	}
	return s[:end]
}

// satisfies reports whether the definition d binds the reference u, as
// glibc's check_match does: a versioned reference binds to the same version
// or to an unversioned (global) definition; an unversioned reference binds
// to any definition but a hidden (non-default) version.
func satisfies(d def, u ddwarf.Symbol) bool {
	if u.Version == "" || d.sym.Version == "" {
		return !d.sym.Hidden
	}
	return d.sym.Version == u.Version
}

// resolveAll binds every non-weak reference of the consumer, sorting them
// into those the provider satisfies (paired for comparison), those some
// other library satisfies, the missing and the unchecked.
func (x *explainer) resolveAll() {
	incomplete := []string{}
	for _, lib := range x.res.libs {
		if lib.Path == "" || lib.Symbols == nil {
			incomplete = append(incomplete, lib.Name)
		}
	}
	x.versionNeeds()
	seen := map[string]bool{}
	for _, u := range x.cons.table.Undefined {
		if u.Weak || seen[u.Name+"@"+u.Version] {
			continue
		}
		seen[u.Name+"@"+u.Version] = true
		var by *Library
		var found ddwarf.Symbol
		for _, d := range x.defs[u.Name] {
			if satisfies(d, u) {
				by, found = d.lib, d.sym
				break
			}
		}
		imp := x.imports[u.Name]
		if by != nil {
			if by == x.provLib {
				x.rep.Resolved++
				if e := x.exportOf(found); e != nil {
					x.pairs = append(x.pairs, &pairing{ref: u, imp: imp, exp: e})
				}
			}
			continue
		}
		m := &Missing{Symbol: u.Name, Version: u.Version, Library: u.Library, Demangled: u.Name, Key: u.Name}
		if imp != nil {
			m.Demangled, m.Key, m.Crate = imp.Name, imp.Key, crateOf(imp)
		}
		e := x.counterpart(u, m)
		m.FromProvider = x.fromProvider(u, m, len(incomplete) == 0)
		if !m.FromProvider && len(incomplete) > 0 && !x.fromFoundLibrary(u) {
			x.rep.Unchecked = append(x.rep.Unchecked, u.Name)
			continue
		}
		if e == nil && m.FromProvider {
			// Only a reference known to be the provider's is matched by
			// a close path: libc's puts is no rename of a plugin's put.
			e = x.near(m)
		}
		x.rep.Missing = append(x.rep.Missing, m)
		if e != nil {
			x.pairs = append(x.pairs, &pairing{ref: u, imp: imp, exp: e, missing: m})
		}
	}
	if len(x.rep.Unchecked) > 0 {
		x.rep.Notes = append(x.rep.Notes, fmt.Sprintf("%d symbol(s) %s needs were not checked: not found in the libraries read, and %s could not be found (pass --lib-path)",
			len(x.rep.Unchecked), x.cons.name, strings.Join(incomplete, ", ")))
	}
}

// fromFoundLibrary reports whether a versioned reference names a library
// that was found: then its absence is certain.
func (x *explainer) fromFoundLibrary(u ddwarf.Symbol) bool {
	if u.Library == "" {
		return false
	}
	lib := x.res.byName[u.Library]
	return lib != nil && lib.Symbols != nil
}

// fromProvider reports whether a missing reference is the provider's to
// satisfy: its version names the provider; or the provider (or --old) has
// its name, its crate or a close path; or, every library having been read,
// no other library can have defined it.
func (x *explainer) fromProvider(u ddwarf.Symbol, m *Missing, complete bool) bool {
	if u.Library != "" {
		return u.Library == x.prov.table.SONAME || u.Library == x.prov.name
	}
	switch {
	case m.Crate != "" && x.crates[m.Crate],
		len(x.provSyms[u.Name]) > 0 || len(x.provKeys[m.Key]) > 0 || len(x.provDem[m.Demangled]) > 0:
		return true
	case x.old != nil:
		return x.oldDefines(u.Name)
	}
	return complete
}

// exportOf finds the provider's export for one of its symbol-table entries.
func (x *explainer) exportOf(s ddwarf.Symbol) *layout.Export {
	for _, e := range x.provSyms[s.Name] {
		if e.Version == s.Version {
			return e
		}
	}
	if es := x.provSyms[s.Name]; len(es) > 0 {
		return es[0]
	}
	return nil
}

// versionNeeds records the version nodes the consumer requires from a
// library of the load set that the library does not define: glibc refuses
// to load the consumer for each of them.
func (x *explainer) versionNeeds() {
	seen := map[[2]string]bool{}
	for _, u := range x.cons.table.Undefined {
		if u.Version == "" || u.Library == "" || seen[[2]string{u.Library, u.Version}] {
			continue
		}
		seen[[2]string{u.Library, u.Version}] = true
		lib := x.res.byName[u.Library]
		if u.Library == x.prov.table.SONAME || u.Library == x.prov.name {
			lib = x.provLib
		}
		if lib == nil || lib.Symbols == nil || len(lib.Versions) == 0 {
			continue
		}
		if !contains(lib.Versions, u.Version) {
			x.rep.VersionsNotFound = append(x.rep.VersionsNotFound, VersionNeed{Library: u.Library, Version: u.Version, Defined: lib.Versions})
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// counterpart finds the provider export a missing reference corresponds
// to: the same name at another version, the same stable key or the same
// demangled path. Without one, m is removed (or, see near, renamed).
func (x *explainer) counterpart(u ddwarf.Symbol, m *Missing) *layout.Export {
	pick := func(es []*layout.Export) *layout.Export {
		if len(es) == 0 {
			return nil
		}
		// Prefer the default version, then the first by key and symbol.
		for _, e := range es {
			if !e.Hidden {
				return e
			}
		}
		return es[0]
	}
	if e := pick(x.provSyms[u.Name]); e != nil {
		m.Cause = CauseVersionMismatch
		return e
	}
	if e := pick(x.provKeys[m.Key]); e != nil {
		return e
	}
	if es := x.provDem[m.Demangled]; len(es) > 0 {
		// Legacy generic instances share a demangled path; DWARF names
		// the provider's, not the consumer's reference: offer them all.
		e := pick(es)
		for _, o := range es {
			if o != e {
				m.Others = append(m.Others, Candidate{Symbol: o.Symbol, Version: o.Version, Name: o.Name})
			}
		}
		return e
	}
	m.Cause = CauseRemoved
	return nil
}

// near looks for a close path among the provider's exports: within
// renameLimit and in the same module or with the same last segment, m was
// renamed; otherwise the closest paths are kept as Others.
func (x *explainer) near(m *Missing) *layout.Export {
	if x.searches >= maxNearSearches {
		return nil
	}
	x.searches++
	limit := renameLimit(m.Demangled)
	near := x.nearest(m.Demangled, 3, max(limit, len(m.Demangled)/2))
	if len(near) > 0 && near[0].Distance <= limit &&
		(parentPath(near[0].Name) == parentPath(m.Demangled) || lastPart(near[0].Name) == lastPart(m.Demangled)) {
		m.Cause = CauseRenamed
		c := near[0]
		m.Candidate = &c
		m.Others = near[1:]
		if es := x.provSyms[c.Symbol]; len(es) > 0 {
			return es[0]
		}
		return nil
	}
	m.Others = near
	return nil
}

// byMissing sorts the missing symbols: those the loader named first, then
// the provider's, then by path.
func (x *explainer) sortMissing() {
	sort.SliceStable(x.rep.Missing, func(i, j int) bool {
		a, b := x.rep.Missing[i], x.rep.Missing[j]
		if a.Focus != b.Focus {
			return a.Focus
		}
		if a.FromProvider != b.FromProvider {
			return a.FromProvider
		}
		if a.Demangled != b.Demangled {
			return a.Demangled < b.Demangled
		}
		return a.Symbol < b.Symbol
	})
}
