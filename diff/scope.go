package diff

import (
	"regexp"
	"sort"
	"strings"

	"github.com/abidrift/abidrift/layout"
)

// side is one build with its exported symbols, the named types in scope and,
// once needed, the graph that leads from the symbols to the types.
type side struct {
	bin  *layout.Binary
	fns  map[string]*entry // exported functions by stable key
	vars map[string]*entry // exported variables by stable key
	// crates holds the StableCrateId (hex) of each crate whose
	// rust_metadata symbol the build exports.
	crates map[string]string
	// vtables indexes the vtable data of bin by type name, once needed.
	vtables map[string]*layout.VTable
	// byKey holds every named definition (and declaration reached) by type key;
	// named holds those in scope. Old keys use the new crate names.
	byKey map[string]*layout.Type
	named map[string]*layout.Type
	// defs holds every definition of each key defined more than once: C
	// allows one name to be defined differently in different units of one
	// binary.
	defs map[string][]*layout.Type
	// keyOf is the type key of each named type reached.
	keyOf layout.TypeTable[string]
	graph *graph
}

// newSide prepares one build; surface, when not nil, gives its exported
// symbols. rules override the calling conventions of the functions they match.
func newSide(bin *layout.Binary, surface *layout.Surface, rules []layout.ABIRule) *side {
	s := &side{bin: bin}
	if surface != nil {
		s.fns, s.vars, s.crates = surfaceExports(surface, rules)
	} else {
		s.fns, s.vars = dwarfExports(bin)
		for _, e := range s.fns {
			dwarfRule(rules, e)
		}
	}
	return s
}

// refs calls f with every type t references that matters to its layout or
// signature (template arguments do not).
func refs(t *layout.Type, f func(*layout.Type)) {
	if t.Elem != nil {
		f(t.Elem)
	}
	for _, fl := range t.Fields {
		if fl.Type != nil {
			f(fl.Type)
		}
	}
	if t.Tag != nil && t.Tag.Type != nil {
		f(t.Tag.Type)
	}
	for _, v := range t.Variants {
		if v.Type != nil {
			f(v.Type)
		}
		for _, fl := range v.Fields {
			if fl.Type != nil {
				f(fl.Type)
			}
		}
	}
	for _, p := range t.Params {
		if p != nil {
			f(p)
		}
	}
	if t.Result != nil {
		f(t.Result)
	}
}

func isNamedType(t *layout.Type) bool {
	return t != nil && t.Name != "" && (t.IsAggregate() || t.Kind == layout.KindTypedef)
}

// vtableTrait returns the trait of a Rust vtable type name
// `<crate::Impl as crate::Trait>::{vtable_type}`.
func vtableTrait(name string) (string, bool) {
	rest, ok := strings.CutSuffix(name, ">::{vtable_type}")
	if !ok || !strings.HasPrefix(rest, "<") {
		return "", false
	}
	i := strings.LastIndex(rest, " as ")
	if i < 0 {
		return "", false
	}
	return rest[i+4:], true
}

var dynTraitRE = regexp.MustCompile(`dyn ([A-Za-z_][A-Za-z0-9_:]*)`)

// dynTraits is dynTraitRE.FindAllStringSubmatch(name, -1), skipping the
// regexp for the names that cannot match.
func dynTraits(name string) [][]string {
	if !strings.Contains(name, "dyn ") {
		return nil
	}
	return dynTraitRE.FindAllStringSubmatch(name, -1)
}

// scope finds the named types the exported functions and variables reach
// (all of them with AllTypes; those matching Types with Types). rename maps
// the old crate names to the new ones when s is the old side.
func (s *side) scope(rename crateMap, opts Options) {
	n := len(s.bin.Types)
	s.byKey, s.named = make(map[string]*layout.Type, n), make(map[string]*layout.Type, n)
	key := func(t *layout.Type) string {
		if k, ok := s.keyOf.Get(t); ok {
			return k
		}
		k := typeKey(t, rename.rename(t.Name))
		s.keyOf.Set(t, k)
		return k
	}
	s.defs = map[string][]*layout.Type{}
	for _, t := range s.bin.Types {
		k := key(t)
		first := s.byKey[k]
		switch {
		case first == nil:
			s.byKey[k] = t
		case s.defs[k] == nil:
			s.defs[k] = []*layout.Type{first, t}
		default:
			s.defs[k] = append(s.defs[k], t)
		}
	}
	reached := make(map[string]*layout.Type, n)
	var visited layout.TypeTable[bool]
	var stack []*layout.Type
	push := func(t *layout.Type) {
		if t == nil {
			return
		}
		if _, ok := visited.Get(t); !ok {
			visited.Set(t, true)
			stack = append(stack, t)
		}
	}
	for _, k := range sortedKeys(s.fns) {
		if fn := s.fns[k].fn; fn != nil {
			for _, p := range fn.Params {
				push(p.Type)
			}
			push(fn.Result)
		}
	}
	for _, k := range sortedKeys(s.vars) {
		if v := s.vars[k].v; v != nil {
			push(v.Type)
		}
	}
	for len(stack) > 0 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if isNamedType(t) {
			k := key(t)
			if prev := reached[k]; prev == nil || prev.Decl && !t.Decl {
				reached[k] = t
			}
			if s.byKey[k] == nil {
				s.byKey[k] = t
			}
		}
		refs(t, push)
	}
	// The vtables of the traits whose trait objects are reached.
	traits := map[string]bool{}
	for _, t := range reached {
		for _, m := range dynTraits(t.Name) {
			traits[m[1]] = true
		}
	}
	for k, t := range s.byKey {
		if tr, ok := vtableTrait(rename.rename(t.Name)); ok && traits[tr] {
			reached[k] = t
		}
	}
	switch {
	case opts.Types != nil:
		for k, t := range s.byKey {
			if opts.Types.MatchString(rename.rename(t.Name)) {
				s.named[k] = t
			}
		}
	case opts.AllTypes:
		for k, t := range s.byKey {
			s.named[k] = t
		}
		for k, t := range reached {
			s.named[k] = t
		}
	default:
		s.named = reached
	}
	for k, t := range s.named {
		if t.Payload {
			delete(s.named, k)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// graph links the exported symbols and the named types: an edge from a
// symbol or type to each named type it reaches without passing through
// another named type, labelled with the step (`run(&Config)`, `Outer.cfg`).
// Labels are spelled only for the edges of a path that is reported.
type graph struct {
	rev   map[string][]gedge // target node -> edges pointing at it
	roots map[string]string  // root node ("fn:KEY", "var:KEY") -> symbol
}

// gedge is an edge to a named type from the node from, through the step of
// kind: parameter i or the result of a function, a variable's type, the
// vtable of a trait object, a typedef's target, field i of a struct or
// union, or field j of variant i of an enum; path continues the step
// through unnamed types (".inner.x").
type gedge struct {
	from, path string
	i, j       int32
	kind       stepKind
}

type stepKind uint8

const (
	stepParam stepKind = iota
	stepResult
	stepVar
	stepVTable
	stepTypedef
	stepField
	stepVariantField
)

// label spells e's step as impact paths show it.
func (s *side) label(e gedge) string {
	switch e.kind {
	case stepParam, stepResult:
		en := s.fns[strings.TrimPrefix(e.from, "fn:")]
		name := shortName(en.name)
		if e.kind == stepParam {
			return name + "(" + shortSpell(en.fn.Params[e.i].Type) + ")" + e.path
		}
		return name + "() -> " + shortSpell(en.fn.Result) + e.path
	case stepVar:
		en := s.vars[strings.TrimPrefix(e.from, "var:")]
		return shortName(en.name) + ": " + shortSpell(en.v.Type) + e.path
	case stepTypedef:
		return e.path
	}
	t := s.byKey[e.from]
	name := shortName(t.Name)
	switch e.kind {
	case stepVTable:
		return name + ".vtable"
	case stepField:
		return name + "." + fieldName(t.Fields[e.i]) + e.path
	}
	v := t.Variants[e.i]
	return name + "::" + v.Name + "." + fieldName(v.Fields[e.j]) + e.path
}

// rootLabel spells the root node's own step, for changes of the symbol itself.
func (s *side) rootLabel(node string) string {
	if k, ok := strings.CutPrefix(node, "var:"); ok {
		return shortName(s.vars[k].name)
	}
	e := s.fns[strings.TrimPrefix(node, "fn:")]
	if e.fn == nil {
		return shortName(e.name)
	}
	return shortName(e.name) + "(" + paramList(e.fn) + ")"
}

// build computes s.graph.
func (s *side) buildGraph() *graph {
	if s.graph != nil {
		return s.graph
	}
	g := &graph{rev: map[string][]gedge{}, roots: map[string]string{}}
	s.graph = g
	var tw targetWalk
	link := func(e gedge, t *layout.Type) {
		for _, hit := range tw.namedTargets(s, t) {
			e.path = hit.path
			g.rev[hit.key] = append(g.rev[hit.key], e)
		}
	}
	for _, k := range sortedKeys(s.fns) {
		e := s.fns[k]
		node := "fn:" + k
		g.roots[node] = e.symbol
		if e.fn == nil {
			continue
		}
		for i, p := range e.fn.Params {
			link(gedge{from: node, i: int32(i), kind: stepParam}, p.Type)
		}
		if e.fn.Result != nil {
			link(gedge{from: node, kind: stepResult}, e.fn.Result)
		}
	}
	for _, k := range sortedKeys(s.vars) {
		e := s.vars[k]
		node := "var:" + k
		g.roots[node] = e.symbol
		if e.v != nil {
			link(gedge{from: node, kind: stepVar}, e.v.Type)
		}
	}
	// A trait object reaches the vtables of the trait's impls.
	vtables := map[string][]string{} // trait -> vtable type keys
	keys := sortedKeys(s.byKey)
	for _, k := range keys {
		if tr, ok := vtableTrait(s.byKey[k].Name); ok {
			vtables[tr] = append(vtables[tr], k)
		}
	}
	for _, k := range keys {
		t := s.byKey[k]
		for _, m := range dynTraits(t.Name) {
			for _, vk := range vtables[m[1]] {
				g.rev[vk] = append(g.rev[vk], gedge{from: k, kind: stepVTable})
			}
		}
		switch t.Kind {
		case layout.KindTypedef:
			link(gedge{from: k, kind: stepTypedef}, t.Elem)
		case layout.KindStruct, layout.KindUnion:
			for i, f := range t.Fields {
				link(gedge{from: k, i: int32(i), kind: stepField}, f.Type)
			}
		case layout.KindEnum:
			for i, v := range t.Variants {
				for j, f := range v.Fields {
					link(gedge{from: k, i: int32(i), j: int32(j), kind: stepVariantField}, f.Type)
				}
			}
		}
	}
	return g
}

func fieldName(f layout.Field) string {
	if f.Name == "" {
		return "{anonymous}"
	}
	return f.Name
}

func paramList(fn *layout.Function) string {
	var ps []string
	for _, p := range fn.Params {
		ps = append(ps, shortSpell(p.Type))
	}
	if fn.Variadic {
		ps = append(ps, "...")
	}
	return strings.Join(ps, ", ")
}

type target struct {
	key, path string
}

// targetWalk finds the named types a type reaches; its buffers serve every
// walk of one graph.
type targetWalk struct {
	out []target
	// seen holds the number of the last walk that passed each type.
	seen layout.TypeTable[int]
	walk int
}

// namedTargets lists the named types t reaches without passing through
// another named type: through pointers, arrays, qualifiers, function types
// and unnamed structs and unions (whose member names extend the path). The
// list is valid until the next call.
func (w *targetWalk) namedTargets(s *side, t *layout.Type) []target {
	w.out = w.out[:0]
	w.walk++
	var walk func(t *layout.Type, path string, depth int)
	walk = func(t *layout.Type, path string, depth int) {
		if t == nil || depth > 64 {
			return
		}
		if last, _ := w.seen.Get(t); last == w.walk {
			return
		}
		if isNamedType(t) {
			if k, ok := s.keyOf.Get(t); ok {
				w.out = append(w.out, target{k, path})
			} else {
				w.out = append(w.out, target{typeKey(t, t.Name), path})
			}
			return
		}
		w.seen.Set(t, w.walk)
		switch t.Kind {
		case layout.KindStruct, layout.KindUnion:
			for _, f := range t.Fields {
				walk(f.Type, path+"."+fieldName(f), depth+1)
			}
		default:
			refs(t, func(u *layout.Type) { walk(u, path, depth+1) })
		}
	}
	walk(t, "", 0)
	return w.out
}

// computeImpacts fills the impacts of every change.
func (c *comparer) computeImpacts() {
	for _, ch := range c.changes {
		s := c.new
		if ch.oldSide {
			s = c.old
		}
		ch.Impacts = s.impacts(ch)
		if len(ch.Impacts) == 0 && !ch.oldSide && ch.Entity == EntityType {
			ch.Impacts = c.old.impacts(ch)
		}
		if ch.Impacts == nil {
			ch.Impacts = []Impact{}
		}
	}
}

// impacts finds every root that reaches the owner of ch, with the shortest path.
func (s *side) impacts(ch *Change) []Impact {
	g := s.buildGraph()
	if sym, ok := g.roots[ch.ownerKey]; ok {
		return []Impact{{Symbol: sym, Path: s.rootLabel(ch.ownerKey)}}
	}
	if ch.ownerKey == "" {
		return nil
	}
	tail := pathPrefixRE.ReplaceAllString(ch.Subject, "")
	if rest, ok := strings.CutPrefix(ch.Subject, ch.Owner); ok {
		tail = shortName(ch.Owner) + rest
	}
	type hop struct {
		next string
		edge gedge
	}
	nextOf := map[string]hop{ch.ownerKey: {}}
	queue := []string{ch.ownerKey}
	var out []Impact
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, e := range g.rev[n] {
			if _, ok := nextOf[e.from]; ok {
				continue
			}
			nextOf[e.from] = hop{next: n, edge: e}
			if sym, ok := g.roots[e.from]; ok {
				var steps []string
				for at := e.from; at != ch.ownerKey; at = nextOf[at].next {
					if l := s.label(nextOf[at].edge); l != "" {
						steps = append(steps, l)
					}
				}
				if len(steps) == 0 || !strings.HasSuffix(steps[len(steps)-1], tail) {
					steps = append(steps, tail)
				}
				out = append(out, Impact{Symbol: sym, Path: strings.Join(steps, " -> ")})
				continue
			}
			queue = append(queue, e.from)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Symbol < out[j].Symbol })
	return out
}

var pathPrefixRE = regexp.MustCompile(`(?:[A-Za-z_][A-Za-z0-9_]*::)+`)

// shortName drops the module paths of a qualified name and of the names in
// it: `Option<&E>` for `core::option::Option<&plug::E>`, `&dyn Tr` for
// `&dyn plug::Tr`.
func shortName(name string) string {
	return dropPathPrefixes(name)
}

// dropPathPrefixes is pathPrefixRE.ReplaceAllString(s, "") without the
// regexp engine (it runs for every edge of the impact graph): it removes
// every run of `ident::` groups, leftmost first.
func dropPathPrefixes(s string) string {
	if !strings.Contains(s, "::") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if end := pathPrefixAt(s, i); end > i {
			i = end
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// pathPrefixAt returns the end of the longest run of `ident::` groups
// starting at i, or i when none starts there.
func pathPrefixAt(s string, i int) int {
	end := i
	for j := i; j < len(s) && isIdentStart(s[j]); {
		k := j + 1
		for k < len(s) && isIdent(s[k]) {
			k++
		}
		if k+1 >= len(s) || s[k] != ':' || s[k+1] != ':' {
			break
		}
		j = k + 2
		end = j
	}
	return end
}

// shortSpell spells t without module paths: `&Config` for `&plug::Config`.
func shortSpell(t *layout.Type) string {
	return dropPathPrefixes(layout.TypeName(t))
}
