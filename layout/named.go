package layout

import (
	"debug/dwarf"
	"fmt"
	"strings"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// buildNamed is Build for Options.Names: a cheap pass over every unit finds
// the named types whose DW_AT_name could match one of the names (reading only
// that attribute); then only the units holding the first definition of each
// are decoded, and in them only those types and what they reference.
func buildNamed(f *ddwarf.File, opts Options) (*Binary, error) {
	units := f.Units()
	filter := newNameFilter(opts.Names)
	cands := make([][]item, len(units))
	err := f.EachUnit(opts.Workers, func(i int, u *ddwarf.Unit) error {
		items, err := findNamed(f, u, filter)
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
	err = f.EachUnit(opts.Workers, func(i int, u *ddwarf.Unit) error {
		if len(cands[i]) == 0 {
			return nil
		}
		t, err := readTree(f, u, depthLimit(f))
		if err != nil {
			return err
		}
		b := newBuilder(f, t)
		for _, it := range cands[i] {
			ty, err := b.typeAt(t.idx.Offset(int(it.idx)))
			if err != nil {
				return err
			}
			b.model.types = append(b.model.types, ty)
		}
		b.model.built = b.types
		parts[i] = b.model
		return nil
	})
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

// findNamed lists the named types of u (those Build's survey lists) whose
// DW_AT_name passes the filter, with the keys of the struct, class and union
// definitions among them (marked stubbable).
func findNamed(f *ddwarf.File, u *ddwarf.Unit, filter nameFilter) ([]item, error) {
	x, err := f.Scan(u, depthLimit(f))
	if err != nil {
		return nil, err
	}
	d := f.NewDecoder(x)
	root, err := d.Entry(0)
	if err != nil {
		return nil, err
	}
	if dwo := dwoName(&node{Entry: root}); dwo != "" {
		return nil, &ddwarf.Error{File: f.Path, Section: ".debug_info", Offset: int64(u.Offset),
			Err: fmt.Errorf("split DWARF: the types of this unit are in %s, which abidrift does not read; rebuild without split debug info (-C split-debuginfo=off, or gcc without -gsplit-dwarf)", dwo)}
	}
	s := surveyor{x: x, d: d, lang: langOf(&node{Entry: root}), scopes: map[int]string{}}
	var items []item
	for i := 0; i < x.Len(); {
		switch tag := x.Tag(i); tag {
		case dwarf.TagStructType, dwarf.TagClassType, dwarf.TagUnionType, dwarf.TagEnumerationType, dwarf.TagTypedef:
			if name, ok := d.String(i, dwarf.AttrName); ok && filter.maybe(name) {
				if decl, _ := d.Flag(i, dwarf.AttrDeclaration); !decl {
					it := item{kind: itemType, idx: int32(i)}
					if tag != dwarf.TagEnumerationType && tag != dwarf.TagTypedef {
						it.key, it.stubbable = s.key(i, name)
					}
					items = append(items, it)
				}
			}
		case dwarf.TagSubprogram, dwarf.TagLexDwarfBlock, dwarf.TagInlinedSubroutine:
			i = x.SubtreeEnd(i)
			continue
		}
		i++
	}
	return items, nil
}

// nameFilter passes the DW_AT_name of every type whose qualified name
// render.Select could match against one of the names: the full name, its
// last path segment, or that segment without generic arguments.
type nameFilter struct {
	names map[string]bool // the names, and the last segments of qualified ones
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
