package layout

import (
	"cmp"
	"debug/dwarf"
	"slices"
	"strings"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// exportFilter tells the functions and variables that may define an
// exported symbol, as NewSurface matches them: by linkage name, by name for
// entries without one, or by address. It keeps every entry whose names come
// from another entry (DW_AT_specification, DW_AT_abstract_origin), so it
// never drops a definition NewSurface could pick.
type exportFilter struct {
	names map[string]bool
	addrs map[uint64]bool // nil in relocatable objects, whose symbols hold no addresses
}

// usableExports reports whether Build can restrict a model to the exports
// of st: an ELF symbol table, which NewSurface uses as it is.
func usableExports(f *ddwarf.File, st *ddwarf.SymbolTable) bool {
	return st != nil && st.Source != "" && f.ELF != nil
}

func newExportFilter(f *ddwarf.File, st *ddwarf.SymbolTable) *exportFilter {
	x := &exportFilter{names: make(map[string]bool, len(st.Exported))}
	if f.Kind != "relocatable" {
		x.addrs = make(map[uint64]bool, len(st.Exported))
	}
	for _, sym := range st.Exported {
		x.names[sym.Name] = true
		if x.addrs != nil && sym.Value != 0 {
			x.addrs[sym.Value] = true
		}
	}
	return x
}

// function reports whether subprogram i, with its own linkage name (if
// any) and entry address (0 if none), may define an exported function.
func (x *exportFilter) function(d *ddwarf.Decoder, i int, linkage string, hasLinkage bool, pc uint64) bool {
	if hasLinkage && x.names[linkage] || pc != 0 && x.addrs[pc] {
		return true
	}
	return !hasLinkage && x.byName(d, i)
}

// variable reports whether variable i may define an exported variable.
func (x *exportFilter) variable(d *ddwarf.Decoder, i int) bool {
	linkage, hasLinkage := linkageName(d, i)
	if hasLinkage {
		return x.names[linkage]
	}
	return x.byName(d, i)
}

// byName is the test for entries without a linkage name of their own: their
// name, or names borrowed from another entry.
func (x *exportFilter) byName(d *ddwarf.Decoder, i int) bool {
	if name, ok := d.String(i, dwarf.AttrName); ok && x.names[name] {
		return true
	}
	return d.Has(i, dwarf.AttrSpecification) || d.Has(i, dwarf.AttrAbstractOrigin)
}

func linkageName(d *ddwarf.Decoder, i int) (string, bool) {
	if s, ok := d.String(i, dwarf.AttrLinkageName); ok {
		return s, true
	}
	return d.String(i, dwarf.Attr(0x2007)) // DW_AT_MIPS_linkage_name
}

// buildExported builds the model of what the exports of st reach: the
// functions and variables that may define them, every type they reach and
// the Rust vtable types (which diff pairs with the trait objects reached).
// Each unit is indexed once, and only those entries are decoded; the
// qualified names of the other type definitions are hashed, for Complete.
func buildExported(f *ddwarf.File, opts Options) (*Binary, error) {
	units := f.Units()
	want := newExportFilter(f, opts.Exports)
	parts := make([]*unitModel, len(units))
	defs := make(definitionIndex, len(units))
	pcs := make([][]pcName, len(units))
	err := eachSurveyed(f, opts, &ddwarf.Indexes{}, func(ui int, u *ddwarf.Unit, s *surveyor) error {
		sv, ok := opts.Shells.survey(f.Path, ui, len(units))
		if !ok {
			sv = want.survey(s)
		}
		defs[ui], pcs[ui] = sv.defs, sv.pcs
		t, err := newUnitTree(u, s.x, s.d)
		if err != nil {
			return err
		}
		t.scopes = s.scopes // the survey, if taken here, read the same scopes
		b := newBuilder(f, t)
		b.shells = opts.Shells.of(f.Path, ui, len(units))
		b.ownNames = true
		if _, err := b.build(sv.items); err != nil {
			return err
		}
		b.model.types, b.model.declared = namedBuilt(b)
		if b.model.vtables, err = indexedVtableVars(f, u, s.x, s.d); err != nil {
			return err
		}
		parts[ui] = b.model
		return nil
	})
	if err != nil {
		return nil, err
	}
	if parts, err = completeDeclarations(f, parts, nil, defs, opts.Workers); err != nil {
		return nil, err
	}
	bin := &Binary{Path: f.Path, Arch: f.Arch, PtrSize: f.PtrSize, Format: f.Format, Kind: f.Kind, ExportsOnly: true,
		definitions: defs, functionNames: map[uint64]string{}, vtablesFound: true}
	for _, unit := range pcs {
		for _, p := range unit {
			if bin.functionNames[p.pc] == "" {
				bin.functionNames[p.pc] = p.name
			}
		}
	}
	merge(bin, parts, 0, opts.Workers)
	if err := readSymbols(f, bin); err != nil {
		return nil, err
	}
	return bin, nil
}

// eachSurveyed calls fn with every unit of f opened for a survey
// (openUnit) in the memory of indexes, or as the fingerprint that made
// opts.Shells kept it, on opts.Workers goroutines, and reports each unit
// done to opts.Progress. With indexes, fn must keep nothing of the unit's
// entries: the next unit is indexed in their memory.
func eachSurveyed(f *ddwarf.File, opts Options, indexes *ddwarf.Indexes, fn func(ui int, u *ddwarf.Unit, s *surveyor) error) error {
	step, finish := stepper(opts.Progress, len(f.Units()))
	defer finish()
	return f.EachUnit(opts.Workers, func(ui int, u *ddwarf.Unit) error {
		s := opts.Shells.take(f.Path, ui, len(f.Units())) // Options.KeepUnits
		var err error
		if s == nil {
			s, err = openUnit(indexes, f, u)
		}
		if err == nil {
			err = fn(ui, u, s)
			indexes.Done(s.x)
		}
		step()
		return err
	})
}

// unitSurvey is what exportFilter.survey finds in a unit: the items
// buildExported builds (the functions and variables that may define
// exports, and the Rust vtable types), the unit's named type definitions
// (for the definitionIndex), and the addresses and names of its defined
// functions.
type unitSurvey struct {
	items []item
	defs  unitDefinitions
	pcs   []pcName
}

// survey surveys a unit for buildExported.
func (x *exportFilter) survey(s *surveyor) (sv unitSurvey) {
	d := s.d
	eachDefinition(s.x, func(i int, tag dwarf.Tag) {
		switch tag {
		case dwarf.TagSubprogram:
			if !definedFunction(d, i) {
				return
			}
			linkage, hasLinkage := linkageName(d, i)
			pc, _ := d.Addr(i, dwarf.AttrLowpc)
			if x.function(d, i, linkage, hasLinkage, pc) {
				sv.items = append(sv.items, item{kind: itemFunc, idx: int32(i)})
			}
			if pc != 0 {
				name := linkage
				if !hasLinkage {
					name, _ = d.String(i, dwarf.AttrName)
					name = s.qualified(i, name)
				}
				if name != "" {
					sv.pcs = append(sv.pcs, pcName{pc, name})
				}
			}
		case dwarf.TagVariable:
			if definedVariable(d, i) && x.variable(d, i) {
				sv.items = append(sv.items, item{kind: itemVar, idx: int32(i)})
			}
		case dwarf.TagStructType, dwarf.TagClassType, dwarf.TagUnionType, dwarf.TagEnumerationType, dwarf.TagTypedef:
			name, ok := d.String(i, dwarf.AttrName)
			if decl, _ := d.Flag(i, dwarf.AttrDeclaration); !ok || decl {
				return
			}
			if strings.HasSuffix(name, "::{vtable_type}") {
				sv.items = append(sv.items, item{kind: itemType, idx: int32(i)})
			}
			sv.defs.hashes = append(sv.defs.hashes, s.pathHash(i, name))
			sv.defs.entries = append(sv.defs.entries, int32(i))
		}
	})
	return sv
}

// pcName is a defined function's address and name.
type pcName struct {
	pc   uint64
	name string
}

// namedBuilt lists the named definitions among the types a unit built, in
// entry order (the order merge keeps first definitions by), and the names of
// the declarations.
func namedBuilt(b *builder) (defs []*Type, declared []string) {
	var at []int
	for k, t := range b.model.built {
		switch {
		case isNamedDefinition(t):
			at = append(at, k)
		case t.Decl && t.Name != "":
			declared = append(declared, t.Name)
		}
	}
	slices.SortFunc(at, func(k, l int) int { return cmp.Compare(b.offsets[k], b.offsets[l]) })
	defs = make([]*Type, len(at))
	for i, k := range at {
		defs[i] = b.model.built[k]
	}
	return defs, declared
}

// completeDeclarations adds to parts the definitions of the declarations
// they reached (opaque C structs) from other units, as merge completes them
// in a whole model, and what those reach, until none is missing. Names in
// known count as defined.
func completeDeclarations(f *ddwarf.File, parts []*unitModel, known []string, defs definitionIndex, workers int) ([]*unitModel, error) {
	looked := known
	for {
		names := undefinedNames(parts, looked)
		looked = append(looked, names...)
		units, found := defs.lookup(names)
		if len(found) == 0 {
			return parts, nil
		}
		more, err := buildDefinitions(f, workers, newPathFilter(found), units)
		if err != nil {
			return nil, err
		}
		parts = append(parts, more...)
	}
}

// undefinedNames lists the names of the declarations the parts reached that
// none of them defines, leaving out those in looked.
func undefinedNames(parts []*unitModel, looked []string) []string {
	if !slices.ContainsFunc(parts, func(p *unitModel) bool { return p != nil && len(p.declared) > 0 }) {
		return nil // Rust units declare nothing
	}
	defined := map[string]bool{}
	for _, n := range looked {
		defined[n] = true
	}
	for _, p := range parts {
		if p != nil {
			for _, t := range p.types {
				defined[t.Name] = true
			}
		}
	}
	var out []string
	for _, p := range parts {
		if p == nil {
			continue
		}
		for _, n := range p.declared {
			if !defined[n] {
				defined[n] = true
				out = append(out, n)
			}
		}
	}
	slices.Sort(out)
	return out
}

// definitionIndex holds, by unit, the named types the unit defines: what
// an exports-only model leaves out, to complete it cheaply. Lookups are few
// and short, so the lists are searched rather than indexed in a map.
type definitionIndex []unitDefinitions

// unitDefinitions are the named type definitions of one unit: the hash of
// each one's qualified name without its crate (pathHash), and its entry. A
// hash collision only makes Complete read an entry more.
type unitDefinitions struct {
	hashes  []uint64
	entries []int32
}

// lookup returns the names that may have definitions, and the units
// holding them with the entries that may be those definitions.
func (x definitionIndex) lookup(names []string) (units map[int][]int32, found []string) {
	units = map[int][]int32{}
	if len(names) == 0 {
		return units, nil
	}
	want := make(map[uint64]bool, len(names)) // true once seen
	hashes := make([]uint64, len(names))
	for k, n := range names {
		hashes[k] = hashPath("", n)
		want[hashes[k]] = false
	}
	for u, defs := range x {
		for k, h := range defs.hashes {
			if _, ok := want[h]; ok {
				want[h] = true
				units[u] = append(units[u], defs.entries[k])
			}
		}
	}
	for k, n := range names {
		if want[hashes[k]] {
			found = append(found, n)
		}
	}
	return units, found
}

// pathHash hashes the qualified name of entry i, named name, without its
// crate, as hashPath does, without building the name.
func (s *surveyor) pathHash(i int, name string) uint64 {
	if s.lang == LangC {
		return hashPath("", name)
	}
	sn, _ := s.scopes.scopeOf(s.x.Parent(i), 0)
	if sn.name == "" {
		return hashPath("", name)
	}
	return fnv1a(sn.prefix, name)
}

// hashPath is the FNV-1a hash of withoutCrate(scope + "::" + name), or of
// withoutCrate(name) when scope is empty.
func hashPath(scope, name string) uint64 {
	if scope == "" {
		return fnv1a(fnvOffset, withoutCrate(name))
	}
	return fnv1a(pathPrefix(scope), name)
}

// pathPrefix is the FNV-1a state hashPath(scope, name) continues from over
// name: after withoutCrate(scope) and "::" when scope is nested (more than
// a crate), the initial state otherwise.
func pathPrefix(scope string) uint64 {
	if _, rest, nested := strings.Cut(scope, "::"); nested {
		return fnv1a(fnv1a(fnvOffset, rest), "::")
	}
	return fnvOffset
}

// fnvOffset is the initial state of FNV-1a.
const fnvOffset = 14695981039346656037

// fnv1a continues the FNV-1a hash h over s.
func fnv1a(h uint64, s string) uint64 {
	const prime64 = 1099511628211
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return h
}

// Complete adds to bin, a model built for its exports only, the definitions
// of the named types called names that it lacks, and what they reach: the
// counterparts diff compares with types reached on the other side. open
// opens bin's file again; it is called only when the file defines one of
// the names (its definition index says so without reading it).
func Complete(bin *Binary, names []string, open func() (*ddwarf.File, error), workers int) error {
	units, found := bin.definitions.lookup(names)
	if len(found) == 0 {
		return nil
	}
	f, err := open()
	if err != nil {
		return err
	}
	defer f.Close()
	parts, err := buildDefinitions(f, workers, newPathFilter(found), units)
	if err != nil {
		return err
	}
	known := make([]string, 0, len(bin.Types))
	for _, t := range bin.Types {
		known = append(known, t.Name)
	}
	if parts, err = completeDeclarations(f, parts, known, bin.definitions, workers); err != nil {
		return err
	}
	producers := bin.Producers
	merge(bin, parts, 0, workers)
	bin.Producers = producers
	return nil
}
