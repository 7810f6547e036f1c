package layout

import (
	"cmp"
	"hash/maphash"
	"slices"
	"strings"
)

// canon keeps one definition per named type. Types with the same kind and
// name but different sizes (C types that differ between units) are kept apart.
//
// The definitions are split between shards by the hash of their names, so
// that the shards take them in on several goroutines at once (addAll):
// everything canon knows of a name is in that name's shard.
type canon struct {
	shards []canonShard
	// dup maps a later duplicate, by Type.Num, to the definition kept.
	dup []*Type
	// base, when not nil, holds definitions kept before the others were
	// added, sorted as types sorts them: they come first.
	base []*Type
}

// canonShard is what canon knows of the names of one shard.
type canonShard struct {
	byKey  map[canonKey]*Type  // kind, name and size -> first definition
	byName map[canonName]*Type // kind and name -> first definition, to complete declarations
	order  []*Type             // the definitions kept, in the order added
	// dupOther holds the duplicates without a number of their own.
	dupOther map[*Type]*Type
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

var nameSeed = maphash.MakeSeed()

// nameHash is the hash that places names in shards.
func nameHash(name string) uint64 { return maphash.String(nameSeed, name) }

// newCanon makes a canon for about n definitions on up to workers
// goroutines (all CPUs when workers <= 0), for types numbered up to
// numbered.
func newCanon(n, workers int, numbered int32) *canon {
	workers = shardCount(workers)
	c := &canon{shards: make([]canonShard, workers), dup: make([]*Type, numbered+1)}
	for i := range c.shards {
		m := n / workers
		c.shards[i] = canonShard{byKey: make(map[canonKey]*Type, m), byName: make(map[canonName]*Type, m), dupOther: map[*Type]*Type{}}
	}
	return c
}

func isNamedDefinition(t *Type) bool {
	return t != nil && t.Name != "" && !t.Decl && (t.IsAggregate() || t.Kind == KindTypedef)
}

// shardOf returns the shard of name.
func (c *canon) shardOf(name string) int { return int(nameHash(name) % uint64(len(c.shards))) }

// addAll adds the named types of parts, in part order, each shard on its
// own goroutine. shards holds the shard of each type of each part.
func (c *canon) addAll(parts []*unitModel, shards [][]uint8) {
	parallel(len(c.shards), len(c.shards), func(s int) {
		for i, p := range parts {
			if p == nil {
				continue
			}
			for k, t := range p.types {
				if int(shards[i][k]) == s {
					c.add(s, t)
				}
			}
		}
	})
}

// add registers t, a named type found by one unit, in unit order, in its
// shard s.
func (c *canon) add(s int, t *Type) {
	if !isNamedDefinition(t) {
		return
	}
	sh := &c.shards[s]
	key := canonKey{t.Kind, t.Name, t.Size}
	kept := sh.byKey[key]
	if kept == nil {
		kept = c.inBase(t.Kind, t.Name, func(b *Type) bool { return b.Size == t.Size })
	}
	if kept != nil {
		if kept != t {
			c.setDup(sh, t, kept)
		}
		return
	}
	sh.byKey[key] = t
	nameKey := canonName{t.Kind, t.Name}
	if sh.byName[nameKey] == nil {
		sh.byName[nameKey] = t
	}
	sh.order = append(sh.order, t)
}

// setDup records that t, of shard sh, is a duplicate of kept.
func (c *canon) setDup(sh *canonShard, t, kept *Type) {
	if n := int(t.Num); n > 0 && n < len(c.dup) {
		c.dup[n] = kept
	} else {
		sh.dupOther[t] = kept
	}
}

// dupOf returns the definition kept for t when t is a duplicate, else nil.
func (c *canon) dupOf(t *Type) *Type {
	if n := int(t.Num); n > 0 && n < len(c.dup) {
		return c.dup[n]
	}
	if t.Name == "" {
		return nil
	}
	return c.shards[c.shardOf(t.Name)].dupOther[t]
}

// lookup returns the kept definition for t: the first copy of a duplicate,
// or the definition of a declaration; t itself otherwise.
func (c *canon) lookup(t *Type) *Type {
	if t == nil {
		return nil
	}
	if d := c.dupOf(t); d != nil {
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
	return c.shards[c.shardOf(name)].byName[canonName{kind, name}]
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
		for r := range t.Refs() {
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

// added returns the definitions added (not base's), each shard's sorted by
// key, sorting the shards in parallel.
func (c *canon) added() [][]keyed {
	out := make([][]keyed, len(c.shards))
	parallel(len(c.shards), len(c.shards), func(s int) {
		out[s] = sortedKeys(c.shards[s].order)
	})
	return out
}

// types returns the kept definitions, base's and the added ones (from
// added), sorted by name, kind and size (a definition's key, so no two
// compare equal).
func (c *canon) types(added [][]keyed) []*Type {
	runs := append([][]keyed{keysOf(c.base)}, added...) // base is sorted
	n := 0
	for _, r := range runs {
		n += len(r)
	}
	out := make([]*Type, 0, n)
	for len(out) < n {
		best := -1
		for i, r := range runs {
			if len(r) > 0 && (best < 0 || compareKeys(r[0], runs[best][0]) < 0) {
				best = i
			}
		}
		out = append(out, runs[best][0].t)
		runs[best] = runs[best][1:]
	}
	return out
}

// keyed is a definition beside a copy of its key, so that sorting does not
// read the definitions themselves (a cache miss each, far apart in memory).
type keyed struct {
	name string
	kind Kind
	size int64
	t    *Type
}

// keysOf returns ts with their keys.
func keysOf(ts []*Type) []keyed {
	out := make([]keyed, len(ts))
	for i, t := range ts {
		out[i] = keyed{t.Name, t.Kind, t.Size, t}
	}
	return out
}

// sortedKeys returns ts, with their keys, sorted by key.
func sortedKeys(ts []*Type) []keyed {
	out := keysOf(ts)
	slices.SortFunc(out, compareKeys)
	return out
}

// compareKeys orders definitions by name, kind and size.
func compareKeys(a, b keyed) int {
	if a.name != b.name {
		return strings.Compare(a.name, b.name)
	}
	if a.kind != b.kind {
		return strings.Compare(string(a.kind), string(b.kind))
	}
	return cmp.Compare(a.size, b.size)
}
