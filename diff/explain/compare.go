package explain

import (
	"strings"

	"github.com/abidrift/abidrift/diff"
	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
)

// compare diffs every paired function and variable as the consumer saw it
// (its own DWARF's types, see consumerView) against the provider, and, with
// --old, the old provider's against the new one; then it hands each change
// to the pairs it reaches: missing symbols get it as their cause, resolved
// ones make it a silent break.
func (x *explainer) compare() {
	if len(x.pairs) == 0 {
		return
	}
	view := newConsumerView(x.cons.bin)
	consSide := &layout.Surface{Binary: &layout.Binary{
		Path: x.cons.path, Arch: x.prov.bin.Arch, PtrSize: x.prov.bin.PtrSize, Format: x.prov.bin.Format,
		Kind: x.prov.bin.Kind, SONAME: x.prov.bin.SONAME, Producers: x.prov.bin.Producers,
		Types: x.cons.bin.Types, VTables: x.cons.bin.VTables,
	}, SymbolSource: ".dynsym"}
	provSide := &layout.Surface{Binary: x.prov.bin, SymbolSource: ".dynsym"}
	seenKey := map[string]bool{}
	for _, p := range x.pairs {
		p.seen = x.sawSignature(view, p.exp)
		if seenKey[p.exp.Key] {
			continue
		}
		seenKey[p.exp.Key] = true
		// The consumer's side keeps the export's key and version, so that
		// the two pair up; the version mismatch itself is classify's.
		imp := *p.exp
		imp.Symbol = p.ref.Name
		imp.Function = view.function(p.exp.Function)
		imp.Variable = view.variable(p.exp.Variable)
		if imp.Function != nil {
			consSide.Binary.Functions = append(consSide.Binary.Functions, imp.Function)
		}
		if imp.Variable != nil {
			consSide.Binary.Variables = append(consSide.Binary.Variables, imp.Variable)
		}
		if isFunc(p.exp) {
			consSide.Functions = append(consSide.Functions, &imp)
			provSide.Functions = append(provSide.Functions, p.exp)
		} else {
			consSide.Variables = append(consSide.Variables, &imp)
			provSide.Variables = append(provSide.Variables, p.exp)
		}
		x.rep.Compared++
	}
	var changes []*diff.Change
	if x.cons.dwarf && x.prov.dwarf {
		changes = append(changes, diff.CompareSurfaces(consSide, provSide, x.opts.Diff).Changes...)
	}
	if x.old != nil && x.old.dwarf && x.prov.dwarf {
		changes = append(changes, x.compareOld(provSide)...)
	}
	if x.cons.dwarf && x.prov.dwarf {
		changes = append(changes, x.traitOrders()...)
	}
	changes = dedupe(changes)
	silent := map[*diff.Change]bool{}
	for _, ch := range changes {
		switch {
		case ch.Entity == diff.EntityBinary:
			continue // rustc versions and crate names are evidence, see facts
		case ch.Kind == diff.SymbolHashChanged:
			// A new symbol for the same item is what Missing reports; its
			// cause is classify's, with the consumer's own evidence.
			continue
		}
		for _, p := range x.pairs {
			if !reaches(ch, p) {
				continue
			}
			p.changes = append(p.changes, ch)
			if p.missing == nil {
				silent[ch] = true
			} else if !containsChange(p.missing.Changes, ch) {
				p.missing.Changes = append(p.missing.Changes, ch)
			}
		}
	}
	for _, ch := range changes {
		if silent[ch] {
			x.rep.Silent = append(x.rep.Silent, ch)
		}
	}
}

func isFunc(e *layout.Export) bool {
	return e.Function != nil || e.Variable == nil && (e.Kind == ddwarf.SymFunc || e.Kind == ddwarf.SymIFunc)
}

// compareOld diffs the old provider's exports the consumer references (by
// symbol or by key) against the new provider's. An old export the consumer
// references takes the key of the new export it is paired with, so that a
// rename or a version change compares the two definitions.
func (x *explainer) compareOld(provSide *layout.Surface) []*diff.Change {
	pairOf := map[string]*pairing{}
	keys := map[string]bool{}
	for _, p := range x.pairs {
		if pairOf[p.ref.Name] == nil {
			pairOf[p.ref.Name] = p
		}
		keys[p.exp.Key] = true
	}
	oldSide := &layout.Surface{Binary: x.old.bin, SymbolSource: ".dynsym"}
	for _, list := range [][]*layout.Export{x.old.surf.Functions, x.old.surf.Variables} {
		for _, e := range list {
			if p := pairOf[e.Symbol]; p != nil {
				c := *e
				c.Key, c.Version, c.Hidden = p.exp.Key, p.exp.Version, p.exp.Hidden
				e = &c
			} else if !keys[e.Key] {
				continue
			}
			if isFunc(e) {
				oldSide.Functions = append(oldSide.Functions, e)
			} else {
				oldSide.Variables = append(oldSide.Variables, e)
			}
		}
	}
	r := diff.CompareSurfaces(oldSide, provSide, x.opts.Diff)
	var out []*diff.Change
	for _, ch := range r.Changes {
		// Symbols added or removed are the missing list's business.
		switch ch.Kind {
		case diff.FunctionAdded, diff.VariableAdded, diff.FunctionRemoved, diff.VariableRemoved:
			continue
		}
		out = append(out, ch)
	}
	return out
}

// reaches reports whether a change is about the pair's function or
// variable, or a type its signature reaches.
func reaches(ch *diff.Change, p *pairing) bool {
	syms := []string{p.ref.Name, p.exp.Symbol}
	for _, s := range syms {
		if ch.Symbol == s {
			return true
		}
		for _, im := range ch.Impacts {
			if im.Symbol == s {
				return true
			}
		}
	}
	return false
}

// dedupe drops the changes both comparisons found.
func dedupe(chs []*diff.Change) []*diff.Change {
	seen := map[string]bool{}
	var out []*diff.Change
	for _, ch := range chs {
		k := string(ch.Kind) + "\x00" + ch.Subject + "\x00" + ch.Detail
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, ch)
	}
	(&diff.Report{Changes: out}).Sort()
	return out
}

func containsChange(list []*diff.Change, ch *diff.Change) bool {
	for _, c := range list {
		if c == ch {
			return true
		}
	}
	return false
}

// sawSignature reports whether the consumer's DWARF defines every named type
// the export's signature names (through pointers, arrays and qualifiers):
// only then does an unchanged comparison prove an unchanged signature.
func (x *explainer) sawSignature(view *consumerView, e *layout.Export) bool {
	if !x.cons.dwarf || !x.prov.dwarf {
		return false
	}
	var roots []*layout.Type
	switch {
	case e.Function != nil:
		for _, p := range e.Function.Params {
			roots = append(roots, p.Type)
		}
		roots = append(roots, e.Function.Result)
	case e.Variable != nil:
		roots = append(roots, e.Variable.Type)
	default:
		return false
	}
	ok := true
	seen := map[*layout.Type]bool{}
	var walk func(t *layout.Type, depth int)
	walk = func(t *layout.Type, depth int) {
		if t == nil || seen[t] || depth > maxViewDepth || !ok {
			return
		}
		seen[t] = true
		if isNamed(t) && !builtinShape(t.Name) {
			if view.named[typeKey(t)] == nil && !isStd(t.Name) {
				ok = false
			}
			return
		}
		for r := range t.Refs() {
			walk(*r, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return ok
}

// builtinShape reports a Rust type the compiler names by its shape
// (&str, &[T], tuples, &dyn Trait), whose parts are what the consumer must have seen.
func builtinShape(name string) bool {
	return name != "" && strings.ContainsRune("&*([", rune(name[0]))
}

// isStd reports a type of Rust's standard crates, which the provider and
// the consumer share through the one std dylib.
func isStd(name string) bool {
	switch firstIdent(name + "::") {
	case "core", "alloc", "std":
		return true
	}
	return false
}
