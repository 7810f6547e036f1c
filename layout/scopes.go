package layout

import (
	"debug/dwarf"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// scopeNames spells the qualified names of one unit's entries, reading the
// name of each enclosing scope (namespace, type or function) once.
type scopeNames struct {
	x     *ddwarf.Index
	d     *ddwarf.Decoder
	names map[int]scopeName // by the entry that opens the scope
}

// scopeName is the qualified name of a scope, with the FNV-1a state that
// hashPath continues from over the name of an entry in it.
type scopeName struct {
	name   string
	prefix uint64 // pathPrefix(name)
}

func newScopeNames(x *ddwarf.Index, d *ddwarf.Decoder) *scopeNames {
	return &scopeNames{x: x, d: d, names: map[int]scopeName{}}
}

// inScope is the qualified name of an entry named name whose parent is
// entry p; "" when scopes nest too deep to tell.
func (s *scopeNames) inScope(p int, name string) string {
	scope, ok := s.scope(p, 0)
	switch {
	case !ok:
		return ""
	case scope != "":
		return scope + "::" + name
	}
	return name
}

// scope is the qualified name of the scopes enclosing and including entry p.
func (s *scopeNames) scope(p, depth int) (string, bool) {
	sn, ok := s.scopeOf(p, depth)
	return sn.name, ok
}

// scopeOf is scope, with the state pathHash continues from.
func (s *scopeNames) scopeOf(p, depth int) (scopeName, bool) {
	if p < 0 || depth > 200 {
		return scopeName{}, depth <= 200
	}
	switch s.x.Tag(p) {
	case dwarf.TagCompileUnit, dwarf.TagPartialUnit:
		return scopeName{}, true
	}
	if sn, ok := s.names[p]; ok {
		return sn, true
	}
	outer, ok := s.scope(s.x.Parent(p), depth+1)
	if !ok {
		return scopeName{}, false
	}
	q := outer
	switch tag := s.x.Tag(p); tag {
	case dwarf.TagNamespace, dwarf.TagStructType, dwarf.TagClassType, dwarf.TagUnionType,
		dwarf.TagEnumerationType, dwarf.TagSubprogram:
		pn, _ := s.d.String(p, dwarf.AttrName)
		if pn == "" && tag == dwarf.TagNamespace {
			pn = "(anonymous namespace)"
		}
		if pn != "" {
			if q != "" {
				q += "::"
			}
			q += pn
		}
	}
	sn := scopeName{name: q, prefix: pathPrefix(q)}
	s.names[p] = sn
	return sn, true
}
