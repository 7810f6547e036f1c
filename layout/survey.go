package layout

import (
	"debug/dwarf"
	"fmt"
	"sync"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// itemKind is what an item of a unit's survey is.
type itemKind uint8

const (
	itemType itemKind = iota // a named struct, class, union, enum or typedef
	itemFunc                 // a subprogram
	itemVar                  // a variable
)

// item is one thing a unit defines, in the order the builder visits them.
type item struct {
	kind itemKind
	idx  int32 // entry index in the unit's Index
	// stubbable is set for named struct, class and union definitions whose
	// alignment DWARF records: a unit that does not own one uses a stand-in.
	stubbable bool
	// stub is set, by owners, when another unit owns the key.
	stub  bool
	keyID int32
	align int64
	key   canonKey
	hash  uint64 // nameHash(key.name)
}

// survey lists the named types, functions and variables of unit u in the
// order eachDefinition visits them, reading only the attributes it needs.
// With stubs it computes the keys of the stand-in candidates. It indexes u
// in the memory of indexes.
func survey(indexes *ddwarf.Indexes, f *ddwarf.File, u *ddwarf.Unit, stubs bool) ([]item, error) {
	s, err := openUnit(indexes, f, u)
	if err != nil {
		return nil, err
	}
	defer indexes.Done(s.x)
	x, d := s.x, s.d
	scratch := itemScratch.Get().(*[]item)
	defer itemScratch.Put(scratch)
	items := (*scratch)[:0]
	eachDefinition(x, func(i int, tag dwarf.Tag) {
		switch tag {
		case dwarf.TagStructType, dwarf.TagClassType, dwarf.TagUnionType, dwarf.TagEnumerationType, dwarf.TagTypedef:
			if name, ok := d.String(i, dwarf.AttrName); ok {
				it := item{kind: itemType, idx: int32(i)}
				if stubs && tag != dwarf.TagEnumerationType && tag != dwarf.TagTypedef {
					s.stubKey(&it, name)
				}
				items = append(items, it)
			}
		case dwarf.TagSubprogram:
			if definedFunction(d, i) {
				items = append(items, item{kind: itemFunc, idx: int32(i)})
			}
		case dwarf.TagVariable:
			if definedVariable(d, i) {
				items = append(items, item{kind: itemVar, idx: int32(i)})
			}
		}
	})
	// The list is built in scratch memory and kept in an array of its size:
	// grown by appending, it took four times the memory, all of it new
	// pages for the kernel to fault in.
	kept := copyItems(items)
	clear(items) // the scratch memory must not keep the keys' names
	*scratch = items[:0]
	return kept, nil
}

// itemScratch holds the arrays surveys build their lists in.
var itemScratch = sync.Pool{New: func() any { return new([]item) }}

// copyItems copies items to an array of their number.
func copyItems(items []item) []item {
	if len(items) == 0 {
		return nil
	}
	out := touched(make([]item, len(items)))
	copy(out, items)
	return out
}

// openUnit indexes the entries of u, in the memory of indexes, and decodes
// its unit entry, for a surveyor of the unit. A skeleton unit of split
// DWARF is an error: abidrift does not read .dwo files.
func openUnit(indexes *ddwarf.Indexes, f *ddwarf.File, u *ddwarf.Unit) (*surveyor, error) {
	x, err := indexes.Scan(f, u, depthLimit(f))
	if err != nil {
		return nil, err
	}
	d := f.NewDecoder(x)
	root, err := d.Entry(0)
	if err != nil {
		return nil, err
	}
	if dwo := dwoName(root); dwo != "" {
		return nil, &ddwarf.Error{File: f.Path, Section: ".debug_info", Offset: int64(u.Offset),
			Err: fmt.Errorf("split DWARF: the types of this unit are in %s, which abidrift does not read; rebuild without split debug info (-C split-debuginfo=off, or gcc without -gsplit-dwarf)", dwo)}
	}
	producer, _ := root.Val(dwarf.AttrProducer).(string)
	return &surveyor{x: x, d: d, lang: langOf(root), producer: producer, scopes: newScopeNames(x, d)}, nil
}

// eachDefinition calls visit with the entries of x in the order of a
// depth-first walk that does not enter functions, lexical blocks and inlined
// subroutines (it visits the functions themselves): nested functions and
// local types are not part of the ABI.
func eachDefinition(x *ddwarf.Index, visit func(i int, tag dwarf.Tag)) {
	for i := 0; i < x.Len(); {
		tag := x.Tag(i)
		switch tag {
		case dwarf.TagSubprogram:
			visit(i, tag)
			i = x.SubtreeEnd(i)
		case dwarf.TagLexDwarfBlock, dwarf.TagInlinedSubroutine:
			i = x.SubtreeEnd(i)
		default:
			visit(i, tag)
			i++
		}
	}
}

// definedFunction reports whether subprogram i is a definition with code:
// declarations and abstract instances give no function (function returns
// nil for them).
func definedFunction(d *ddwarf.Decoder, i int) bool {
	decl, _ := d.Flag(i, dwarf.AttrDeclaration)
	return !decl && (d.Has(i, dwarf.AttrLowpc) || d.Has(i, dwarf.AttrRanges))
}

// definedVariable reports whether variable i is a definition with a
// location, as variable keeps.
func definedVariable(d *ddwarf.Decoder, i int) bool {
	decl, _ := d.Flag(i, dwarf.AttrDeclaration)
	return !decl && d.Has(i, dwarf.AttrLocation)
}

// surveyor reads the keys of stand-in candidates from a unit's index.
type surveyor struct {
	x        *ddwarf.Index
	d        *ddwarf.Decoder
	lang     Lang
	producer string // of the unit entry
	scopes   *scopeNames
}

// stubKey marks a struct, class or union definition with a recorded
// alignment as a stand-in candidate, with its key.
func (s *surveyor) stubKey(it *item, name string) {
	i := int(it.idx)
	align, ok := s.d.Int(i, dwarf.AttrAlignment)
	if !ok || align <= 0 {
		return
	}
	if key, ok := s.key(i, name); ok {
		it.stubbable, it.align, it.key, it.hash = true, align, key, nameHash(key.name)
	}
}

// key computes the key of a struct, class or union definition named name as
// fill and aggregate would set it (a variant part makes it a Rust enum), and
// its qualified name as qualifiedName would; ok is false for declarations and
// for definitions it cannot name this way. Should a key come out otherwise
// than the type's, Build notices and builds without stand-ins.
func (s *surveyor) key(i int, name string) (canonKey, bool) {
	d, x := s.d, s.x
	if decl, _ := d.Flag(i, dwarf.AttrDeclaration); decl {
		return canonKey{}, false
	}
	if name == "" || d.Has(i, dwarf.AttrSpecification) {
		return canonKey{}, false
	}
	if name = s.qualified(i, name); name == "" {
		return canonKey{}, false
	}
	size := int64(-1)
	if v, ok := d.Int(i, dwarf.AttrByteSize); ok {
		size = v
	}
	kind := KindStruct
	if x.Tag(i) == dwarf.TagUnionType {
		kind = KindUnion
	}
	for c := x.FirstChild(i); c >= 0; c = x.NextSibling(c) {
		if x.Tag(c) == dwarf.TagVariantPart {
			kind = KindEnum
		}
	}
	return canonKey{kind: kind, name: name, size: size}, true
}

// qualified is the qualified name of entry i named name, as qualifiedName
// gives it (C names are not qualified); "" when it cannot tell.
func (s *surveyor) qualified(i int, name string) string {
	if s.lang == LangC {
		return name
	}
	return s.scopes.inScope(s.x.Parent(i), name)
}

// stubAt returns the stand-in for the type of entry i of b's own tree, at
// off, when another unit builds it, making it on first use; nil otherwise.
func (b *builder) stubAt(off dwarf.Offset, i int) *Type {
	if i < 0 || b.slots == nil || b.slots[i] >= 0 {
		return nil
	}
	it := &b.stubItems[-b.slots[i]-1]
	st := &Type{Kind: it.key.kind, Name: it.key.name, Size: it.key.size, Align: it.align, Lang: b.tree.lang}
	b.register(off, i, st)
	b.model.stubs = append(b.model.stubs, stub{t: st, id: it.keyID})
	return st
}

// build builds the unit's functions, variables and the types it owns, with
// stand-ins for the types other units own. It reports false if a type it
// owns came out with another key than its survey gave it.
func (b *builder) build(items []item) (bool, error) {
	t := b.tree
	x := t.idx
	for i := range items {
		if it := &items[i]; it.stub {
			b.stubItems = items
			b.slotsOf()[it.idx] = int32(-i - 1)
		}
	}
	ok := true
	for i := range items {
		it := &items[i]
		switch it.kind {
		case itemType:
			if it.stub {
				continue
			}
			ty, err := b.typeAt(x.Offset(int(it.idx)))
			if err != nil {
				return false, err
			}
			if it.stubbable {
				if ty.Kind != it.key.kind || ty.Name != it.key.name || ty.Size != it.key.size || ty.Decl {
					ok = false
				}
				b.model.keyed = append(b.model.keyed, stub{t: ty, id: it.keyID})
			}
			b.model.types = append(b.model.types, ty)
		case itemFunc:
			n, err := b.itemNode(it)
			if err != nil {
				return false, err
			}
			fn, err := b.function(n)
			if err != nil {
				return false, err
			}
			if fn != nil {
				b.model.functions = append(b.model.functions, fn)
			}
		case itemVar:
			n, err := b.itemNode(it)
			if err != nil {
				return false, err
			}
			v, err := b.variable(n)
			if err != nil {
				return false, err
			}
			if v != nil {
				b.model.variables = append(b.model.variables, v)
			}
		}
	}
	return ok, b.readErr()
}

// itemNode returns the node of a function or variable item: with its
// subtree, unless it is to be a shell, which reads none of its children.
func (b *builder) itemNode(it *item) (*node, error) {
	if _, shell := b.shells[it.idx]; shell {
		return b.tree.shallow(int(it.idx))
	}
	return b.tree.node(int(it.idx))
}
