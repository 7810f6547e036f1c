package explain

import (
	"github.com/abidrift/abidrift/layout"
)

// consumerView rebuilds the provider's functions and variables as the
// consumer saw them when it was compiled: the same signatures, with every
// named type replaced by the consumer's own definition of that name, which
// its DWARF records. Types the consumer never saw stay the provider's.
type consumerView struct {
	// named holds the consumer's named types by typeKey.
	named map[string]*layout.Type
	// memo maps a provider type to its consumer-view counterpart (itself
	// when nothing under it was replaced).
	memo map[*layout.Type]*layout.Type
	// replaced counts the named types substituted, by key.
	replaced map[string]bool
}

func newConsumerView(consumer *layout.Binary) *consumerView {
	v := &consumerView{named: map[string]*layout.Type{}, memo: map[*layout.Type]*layout.Type{}, replaced: map[string]bool{}}
	for _, t := range consumer.Types {
		if !isNamed(t) || t.Decl {
			continue
		}
		if k := typeKey(t); v.named[k] == nil {
			v.named[k] = t
		}
	}
	return v
}

// isNamed reports a type that pairs by name across builds: a named struct,
// union, enum or typedef.
func isNamed(t *layout.Type) bool {
	return t != nil && t.Name != "" && (t.IsAggregate() || t.Kind == layout.KindTypedef)
}

// typeKey pairs named types by name, typedefs apart from tags (C's
// `typedef struct S S`), as package diff does.
func typeKey(t *layout.Type) string {
	if t.Kind == layout.KindTypedef {
		return "typedef:" + t.Name
	}
	return "tag:" + t.Name
}

// typ returns t as the consumer saw it.
func (v *consumerView) typ(t *layout.Type) *layout.Type {
	return v.walk(t, 0)
}

// maxViewDepth bounds the unnamed types walked below one reference.
const maxViewDepth = 256

func (v *consumerView) walk(t *layout.Type, depth int) *layout.Type {
	if t == nil {
		return nil
	}
	if r, ok := v.memo[t]; ok {
		return r
	}
	if isNamed(t) {
		if c := v.named[typeKey(t)]; c != nil {
			v.memo[t] = c
			v.replaced[typeKey(t)] = true
			return c
		}
		// The consumer never saw this type: it is the provider's, with
		// everything it reaches.
		v.memo[t] = t
		return t
	}
	if depth > maxViewDepth {
		return t
	}
	// An unnamed type (pointer, array, qualifier, function type, anonymous
	// aggregate, base type): copied, and kept only when something under it
	// was replaced. Cycles pass through named types, which end the walk.
	clone := ownCopy(t)
	v.memo[t] = clone
	changed := false
	for ref := range clone.Refs() {
		if *ref == nil {
			continue
		}
		if n := v.walk(*ref, depth+1); n != *ref {
			*ref = n
			changed = true
		}
	}
	if !changed {
		v.memo[t] = t
		return t
	}
	return clone
}

// ownCopy copies t with its own slices of references, so that replacing a
// reference of the copy leaves t untouched.
func ownCopy(t *layout.Type) *layout.Type {
	c := *t
	c.Fields = append([]layout.Field(nil), t.Fields...)
	if t.Variants != nil {
		c.Variants = make([]layout.Variant, len(t.Variants))
		for i, vr := range t.Variants {
			vr.Fields = append([]layout.Field(nil), vr.Fields...)
			c.Variants[i] = vr
		}
	}
	c.Templates = append([]layout.TemplateParam(nil), t.Templates...)
	c.Params = append([]*layout.Type(nil), t.Params...)
	if t.Tag != nil {
		tag := *t.Tag
		c.Tag = &tag
	}
	return &c
}

// function returns fn with its parameters and result as the consumer saw them.
func (v *consumerView) function(fn *layout.Function) *layout.Function {
	if fn == nil {
		return nil
	}
	c := *fn
	c.Params = make([]layout.Param, len(fn.Params))
	for i, p := range fn.Params {
		p.Type = v.typ(p.Type)
		c.Params[i] = p
	}
	c.Result = v.typ(fn.Result)
	return &c
}

// variable returns x with its type as the consumer saw it.
func (v *consumerView) variable(x *layout.Variable) *layout.Variable {
	if x == nil {
		return nil
	}
	c := *x
	c.Type = v.typ(x.Type)
	return &c
}
