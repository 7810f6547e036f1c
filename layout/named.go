package layout

import (
	"debug/dwarf"
	"strings"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// buildNamed is Build for Options.Names: a cheap pass over every unit finds
// the named types whose DW_AT_name could match one of the names (reading only
// that attribute); then only the units holding the first definition of each
// are decoded, and in them only those types and what they reference.
func buildNamed(f *ddwarf.File, opts Options) (*Binary, error) {
	parts, err := buildDefinitions(f, opts.Workers, newNameFilter(opts.Names), nil)
	if err != nil {
		return nil, err
	}
	bin := &Binary{Path: f.Path, Arch: f.Arch, PtrSize: f.PtrSize, Format: f.Format, Kind: f.Kind}
	merge(bin, parts, 0, opts.Workers)
	if err := readSymbols(f, bin); err != nil {
		return nil, err
	}
	return bin, nil
}

// buildDefinitions builds, in the units holding them, the first definition
// of each named type whose DW_AT_name passes filter, and what they reference.
// Only the units in only are read, and in them only the entries listed
// (definitionIndex.lookup); all when only is nil.
func buildDefinitions(f *ddwarf.File, workers int, filter nameFilter, only map[int][]int32) ([]*unitModel, error) {
	units := f.Units()
	cands := make([][]item, len(units))
	indexes := &ddwarf.Indexes{} // both passes index in the memory of finished units
	err := f.EachUnit(workers, func(i int, u *ddwarf.Unit) error {
		var at []int32
		if only != nil {
			if at = only[i]; len(at) == 0 {
				return nil
			}
		}
		items, err := findNamed(indexes, f, u, filter, at)
		cands[i] = items
		return err
	})
	if err != nil {
		return nil, err
	}
	// Keep the first definition of each key, as merge would.
	seen := map[canonKey]bool{}
	for i, items := range cands {
		kept := items[:0]
		for _, it := range items {
			if it.stubbable {
				if seen[it.key] {
					continue
				}
				seen[it.key] = true
			}
			kept = append(kept, it)
		}
		cands[i] = kept
	}
	parts := make([]*unitModel, len(units))
	err = f.EachUnit(workers, func(i int, u *ddwarf.Unit) error {
		if len(cands[i]) == 0 {
			return nil
		}
		t, err := readTree(indexes, f, u, depthLimit(f))
		if err != nil {
			return err
		}
		defer indexes.Done(t.idx) // the models keep nothing of the entries
		b := newBuilder(f, t)
		for _, it := range cands[i] {
			ty, err := b.typeAt(t.idx.Offset(int(it.idx)))
			if err != nil {
				return err
			}
			b.model.types = append(b.model.types, ty)
		}
		_, b.model.declared = namedBuilt(b)
		parts[i] = b.model
		return b.readErr()
	})
	return parts, err
}

// findNamed lists the named types of u (those Build's survey lists) whose
// DW_AT_name passes the filter, with the keys of the struct, class and union
// definitions among them (marked stubbable); only those among the entries
// at when at is not nil. It indexes u in the memory of indexes.
func findNamed(indexes *ddwarf.Indexes, f *ddwarf.File, u *ddwarf.Unit, filter nameFilter, at []int32) ([]item, error) {
	s, err := openUnit(indexes, f, u)
	if err != nil {
		return nil, err
	}
	defer indexes.Done(s.x)
	x, d := s.x, s.d
	var items []item
	visit := func(i int, tag dwarf.Tag) {
		switch tag {
		case dwarf.TagStructType, dwarf.TagClassType, dwarf.TagUnionType, dwarf.TagEnumerationType, dwarf.TagTypedef:
			name, ok := d.String(i, dwarf.AttrName)
			if decl, _ := d.Flag(i, dwarf.AttrDeclaration); !ok || decl || !filter.maybe(name) {
				return
			}
			if filter.paths != nil && !filter.paths[withoutCrate(s.qualified(i, name))] {
				return
			}
			it := item{kind: itemType, idx: int32(i)}
			if tag != dwarf.TagEnumerationType && tag != dwarf.TagTypedef {
				it.key, it.stubbable = s.key(i, name)
			}
			items = append(items, it)
		}
	}
	if at == nil {
		eachDefinition(x, visit)
	}
	for _, i := range at {
		if int(i) < x.Len() {
			visit(int(i), x.Tag(int(i)))
		}
	}
	return items, nil
}

// nameFilter passes the DW_AT_name of every type whose qualified name
// render.Select could match against one of the names: the full name, its
// last path segment, or that segment without generic arguments.
type nameFilter struct {
	names map[string]bool // the names, and the last segments of qualified ones
	// paths, when not nil, holds the qualified names without their crate
	// (withoutCrate): a type passes only if its own does too.
	paths map[string]bool
}

// newPathFilter passes the types whose qualified name is one of names, in
// any crate (a renamed crate keeps its paths).
func newPathFilter(names []string) nameFilter {
	f := newNameFilter(names)
	f.paths = map[string]bool{}
	for _, n := range names {
		f.paths[withoutCrate(n)] = true
	}
	return f
}

// withoutCrate drops the first segment of a qualified name.
func withoutCrate(name string) string {
	if _, rest, ok := strings.Cut(name, "::"); ok {
		return rest
	}
	return name
}

func newNameFilter(names []string) nameFilter {
	f := nameFilter{names: map[string]bool{}}
	for _, n := range names {
		f.names[n] = true
		f.names[LastSegment(n)] = true
	}
	return f
}

// maybe reports whether a type whose DW_AT_name is name may match.
func (f nameFilter) maybe(name string) bool {
	last := LastSegment(name)
	bare, _, _ := strings.Cut(last, "<")
	return f.names[name] || f.names[last] || f.names[bare]
}
