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

func newCanon() *canon {
	return &canon{byKey: map[canonKey]*Type{}, byName: map[canonName]*Type{}, dup: map[*Type]*Type{}}
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
	if kept := c.byKey[key]; kept != nil {
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
		kind := t.Kind
		if def := c.byName[canonName{kind, t.Name}]; def != nil {
			return def
		}
		// A declared struct may be defined as an enum (Rust) or class.
		for _, k := range []Kind{KindStruct, KindUnion, KindEnum} {
			if def := c.byName[canonName{k, t.Name}]; def != nil {
				return def
			}
		}
	}
	return t
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

// types returns the kept definitions sorted by name, kind and size (a
// definition's key, so no two compare equal).
func (c *canon) types() []*Type {
	out := append([]*Type(nil), c.order...)
	slices.SortFunc(out, func(a, b *Type) int {
		if a.Name != b.Name {
			return strings.Compare(a.Name, b.Name)
		}
		if a.Kind != b.Kind {
			return strings.Compare(string(a.Kind), string(b.Kind))
		}
		return cmp.Compare(a.Size, b.Size)
	})
	return out
}
