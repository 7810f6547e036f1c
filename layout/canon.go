package layout

import (
	"fmt"
	"sort"
)

// canon keeps one definition per named type. Types with the same kind and
// name but different sizes (C types that differ between units) are kept apart.
type canon struct {
	byKey   map[string]*Type // kind, name and size -> first definition
	byName  map[string]*Type // kind and name -> first definition, to complete declarations
	dup     map[*Type]*Type  // a later duplicate -> the definition kept
	order   []*Type
	visited map[*Type]bool
}

func newCanon() *canon {
	return &canon{byKey: map[string]*Type{}, byName: map[string]*Type{}, dup: map[*Type]*Type{}, visited: map[*Type]bool{}}
}

func isNamedDefinition(t *Type) bool {
	return t != nil && t.Name != "" && !t.Decl && (t.IsAggregate() || t.Kind == KindTypedef)
}

// add registers t, a named type found by one unit, in unit order.
func (c *canon) add(t *Type) {
	if !isNamedDefinition(t) {
		return
	}
	key := fmt.Sprintf("%s\x00%s\x00%d", t.Kind, t.Name, t.Size)
	if kept := c.byKey[key]; kept != nil {
		if kept != t {
			c.dup[t] = kept
		}
		return
	}
	c.byKey[key] = t
	nameKey := string(t.Kind) + "\x00" + t.Name
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
		if def := c.byName[string(kind)+"\x00"+t.Name]; def != nil {
			return def
		}
		// A declared struct may be defined as an enum (Rust) or class.
		for _, k := range []Kind{KindStruct, KindUnion, KindEnum} {
			if def := c.byName[string(k)+"\x00"+t.Name]; def != nil {
				return def
			}
		}
	}
	return t
}

// resolve returns the kept definition for t and rewrites, once, every
// reference reachable from it to kept definitions.
func (c *canon) resolve(t *Type) *Type {
	t = c.lookup(t)
	stack := []*Type{t}
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if u == nil || c.visited[u] {
			continue
		}
		c.visited[u] = true
		for _, r := range u.Refs() {
			*r = c.lookup(*r)
			stack = append(stack, *r)
		}
	}
	return t
}

// function rewrites a function's references to kept definitions.
func (c *canon) function(fn *Function) {
	fn.Result = c.resolve(fn.Result)
	for i := range fn.Params {
		fn.Params[i].Type = c.resolve(fn.Params[i].Type)
	}
	for i := range fn.Templates {
		fn.Templates[i].Type = c.resolve(fn.Templates[i].Type)
	}
}

// types returns the kept definitions sorted by name, kind and size, with
// their references resolved.
func (c *canon) types() []*Type {
	for _, t := range c.order {
		c.resolve(t)
	}
	out := append([]*Type(nil), c.order...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Size < b.Size
	})
	return out
}
