package layout

import (
	"cmp"
	"slices"
	"strings"
)

// canon keeps one definition per named type. Types with the same kind and
// name but different sizes (C types that differ between units) are kept apart.
type canon struct {
	byKey  map[canonKey]*Type  // kind, name and size -> first definition
	byName map[canonName]*Type // kind and name -> first definition, to complete declarations
	dup    map[*Type]*Type     // a later duplicate -> the definition kept
	order  []*Type
	// base, when not nil, holds definitions kept before the others were
	// added, sorted as types sorts them: they come first.
	base []*Type
}

// canonKey identifies a named definition.
type canonKey struct {
	kind Kind
	name string
	size int64
}

type canonName struct {
	kind Kind
	name string
}

// newCanon makes a canon for about n definitions.
func newCanon(n int) *canon {
	return &canon{byKey: make(map[canonKey]*Type, n), byName: make(map[canonName]*Type, n), dup: map[*Type]*Type{}}
}

func isNamedDefinition(t *Type) bool {
	return t != nil && t.Name != "" && !t.Decl && (t.IsAggregate() || t.Kind == KindTypedef)
}

// add registers t, a named type found by one unit, in unit order.
func (c *canon) add(t *Type) {
	if !isNamedDefinition(t) {
		return
	}
	key := canonKey{t.Kind, t.Name, t.Size}
	kept := c.byKey[key]
	if kept == nil {
		kept = c.inBase(t.Kind, t.Name, func(b *Type) bool { return b.Size == t.Size })
	}
	if kept != nil {
		if kept != t {
			c.dup[t] = kept
		}
		return
	}
	c.byKey[key] = t
	nameKey := canonName{t.Kind, t.Name}
	if c.byName[nameKey] == nil {
		c.byName[nameKey] = t
	}
	c.order = append(c.order, t)
}

// lookup returns the kept definition for t: the first copy of a duplicate,
// or the definition of a declaration; t itself otherwise.
func (c *canon) lookup(t *Type) *Type {
	if t == nil {
		return nil
	}
	if d := c.dup[t]; d != nil {
		return d
	}
	if t.Decl && t.Name != "" {
		if def := c.named(t.Kind, t.Name); def != nil {
			return def
		}
		// A declared struct may be defined as an enum (Rust) or class.
		for _, k := range []Kind{KindStruct, KindUnion, KindEnum} {
			if def := c.named(k, t.Name); def != nil {
				return def
			}
		}
	}
	return t
}

// named returns the first definition of kind and name: in base, else added.
func (c *canon) named(kind Kind, name string) *Type {
	if def := c.inBase(kind, name, func(*Type) bool { return true }); def != nil {
		return def
	}
	return c.byName[canonName{kind, name}]
}

// inBase returns the first definition in base of kind and name for which
// ok holds, or nil.
func (c *canon) inBase(kind Kind, name string, ok func(*Type) bool) *Type {
	i, _ := slices.BinarySearchFunc(c.base, name, func(t *Type, name string) int { return strings.Compare(t.Name, name) })
	for ; i < len(c.base) && c.base[i].Name == name; i++ {
		if t := c.base[i]; t.Kind == kind && ok(t) {
			return t
		}
	}
	return nil
}

// rewrite points every reference of the types, functions and variables of
// one unit's model at kept definitions. A unit's types are its own, so units
// may be rewritten in parallel once every definition is added.
func (c *canon) rewrite(p *unitModel) {
	for _, t := range p.built {
		for _, r := range t.Refs() {
			*r = c.lookup(*r)
		}
	}
	for _, fn := range p.functions {
		fn.Result = c.lookup(fn.Result)
		for i := range fn.Params {
			fn.Params[i].Type = c.lookup(fn.Params[i].Type)
		}
		for i := range fn.Templates {
			fn.Templates[i].Type = c.lookup(fn.Templates[i].Type)
		}
	}
	for _, v := range p.variables {
		v.Type = c.lookup(v.Type)
	}
}

// types returns the kept definitions, base's and the added ones, sorted by
// name, kind and size (a definition's key, so no two compare equal).
func (c *canon) types() []*Type {
	added := slices.SortedFunc(slices.Values(c.order), byKey)
	if len(c.base) == 0 {
		return added
	}
	out := make([]*Type, 0, len(c.base)+len(added))
	i, j := 0, 0
	for i < len(c.base) && j < len(added) {
		if byKey(c.base[i], added[j]) < 0 {
			out, i = append(out, c.base[i]), i+1
		} else {
			out, j = append(out, added[j]), j+1
		}
	}
	out = append(out, c.base[i:]...)
	return append(out, added[j:]...)
}

// byKey orders definitions by name, kind and size.
func byKey(a, b *Type) int {
	if a.Name != b.Name {
		return strings.Compare(a.Name, b.Name)
	}
	if a.Kind != b.Kind {
		return strings.Compare(string(a.Kind), string(b.Kind))
	}
	return cmp.Compare(a.Size, b.Size)
}
