package explain

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/abidrift/abidrift/diff"
	"github.com/abidrift/abidrift/layout"
)

// typesByName indexes the named types of a binary by name (first definition).
func typesByName(bin *layout.Binary) map[string]*layout.Type {
	m := map[string]*layout.Type{}
	for _, t := range bin.Types {
		if t.Name != "" && m[t.Name] == nil && !t.Decl {
			m[t.Name] = t
		}
	}
	return m
}

// sides returns the consumer's and the provider's definitions of a named type.
func (x *explainer) sides(name string) (*layout.Type, *layout.Type) {
	if x.consTypes == nil {
		x.consTypes, x.provTypes = typesByName(x.cons.bin), typesByName(x.prov.bin)
		if x.old != nil {
			for k, t := range typesByName(x.old.bin) {
				if x.consTypes[k] == nil {
					x.consTypes[k] = t
				}
			}
		}
	}
	return x.consTypes[name], x.provTypes[name]
}

// title names a type the way its language writes it: `struct cfg` in C.
func (x *explainer) title(name string) string {
	_, t := x.sides(name)
	if t == nil {
		t, _ = x.sides(name)
	}
	if t != nil && (t.Lang == layout.LangC || t.Lang == layout.LangCXX && t.Kind != layout.KindStruct) && t.IsAggregate() {
		return string(t.Kind) + " " + name
	}
	return name
}

// variantWord names the variants of an enum as its language does.
func variantWord(t *layout.Type) string {
	if t != nil && t.Lang != layout.LangRust {
		return "enumerator"
	}
	return "variant"
}

// field finds a direct member by name.
func field(t *layout.Type, name string) *layout.Field {
	if t == nil {
		return nil
	}
	for i := range t.Fields {
		if t.Fields[i].Name == name {
			return &t.Fields[i]
		}
	}
	return nil
}

// kindRank orders changes by how well they say what a person did to the
// source: a field added beats the size change it caused.
func kindRank(k diff.Kind) int {
	switch k {
	case diff.FieldAdded, diff.FieldRemoved, diff.FieldTypeChanged, diff.FieldRenamed,
		diff.VariantAdded, diff.VariantRemoved, diff.ParamCountChanged, diff.ParamTypeChanged,
		diff.ReturnTypeChanged, diff.EnumDiscriminantChanged, diff.VtableSlotAdded, diff.VtableSlotRemoved,
		diff.FnPointerChanged, diff.VariableTypeChanged, diff.TypeKindChanged, diff.TypedefChanged:
		return 3
	case diff.FieldOffsetChanged, diff.EnumTagChanged, diff.EnumNicheChanged, diff.BitfieldChanged,
		diff.VariadicChanged, diff.EnumUnderlyingTypeChanged:
		return 2
	case diff.TypeSizeChanged, diff.TypeAlignmentChanged, diff.ParamPassingChanged, diff.ReturnPassingChanged:
		return 1
	}
	return 0
}

// primary picks the change that best explains a list: the most serious
// severity among source-level changes.
func primary(chs []*diff.Change) *diff.Change {
	var best *diff.Change
	score := func(c *diff.Change) int { return kindRank(c.Kind)*10 + c.Severity.Rank() }
	for _, c := range chs {
		if best == nil || score(c) > score(best) {
			best = c
		}
	}
	return best
}

// primaryPhrase says what changed, in a clause.
func (x *explainer) primaryPhrase(chs []*diff.Change) string {
	c := primary(chs)
	if c == nil {
		return "nothing DWARF records changed"
	}
	return x.phrase(c)
}

// phrase says what one change did, in a clause a person reads at once:
// "plug::Config gained field `verbose` (size 16 -> 24)".
func (x *explainer) phrase(ch *diff.Change) string {
	if p, ok := x.phrases[ch]; ok {
		return p
	}
	owner := ch.Owner
	member := strings.TrimPrefix(ch.Subject, owner+".")
	variant := strings.TrimPrefix(ch.Subject, owner+"::")
	title := x.title(owner)
	old, cur := x.sides(owner)
	var s string
	switch ch.Kind {
	case diff.FieldAdded:
		s = fmt.Sprintf("%s gained field `%s`", title, member)
	case diff.FieldRemoved:
		s = fmt.Sprintf("%s lost field `%s`", title, member)
	case diff.FieldTypeChanged:
		a, b := field(old, member), field(cur, member)
		if a != nil && b != nil && a.Type != nil && b.Type != nil {
			verb := "changed"
			sa, sb := a.Type.Strip(), b.Type.Strip()
			if sa != nil && sb != nil && sa.Kind == layout.KindBase && sb.Kind == layout.KindBase && sa.Size > 0 && sb.Size > 0 {
				switch {
				case sb.Size > sa.Size:
					verb = "widened"
				case sb.Size < sa.Size:
					verb = "narrowed"
				}
			}
			s = fmt.Sprintf("%s.%s %s from %s to %s", title, member, verb, layout.TypeName(a.Type), layout.TypeName(b.Type))
		}
	case diff.FieldOffsetChanged:
		a, b := field(old, member), field(cur, member)
		if a != nil && b != nil {
			s = fmt.Sprintf("%s.%s moved from offset %d to %d", title, member, a.Offset, b.Offset)
		}
	case diff.VariantAdded:
		s = fmt.Sprintf("%s gained %s `%s`", title, variantWord(cur), variant)
	case diff.VariantRemoved:
		s = fmt.Sprintf("%s lost %s `%s`", title, variantWord(cur), variant)
	case diff.TypeSizeChanged:
		if old != nil && cur != nil {
			return fmt.Sprintf("%s changed size from %d to %d bytes", title, old.Size, cur.Size)
		}
	}
	if s == "" {
		return strings.TrimSuffix(ch.Detail, ".")
	}
	if ch.Entity == diff.EntityType && old != nil && cur != nil && old.Size != cur.Size && old.Size >= 0 && cur.Size >= 0 {
		s += fmt.Sprintf(" (size %d -> %d)", old.Size, cur.Size)
	}
	return s
}

// focus marks the missing symbols the loader's message names and notes
// what in the message the analysis does not confirm.
func (x *explainer) focus() {
	for _, le := range x.rep.Loader {
		hit := false
		for _, m := range x.rep.Missing {
			switch le.Kind {
			case UndefinedSymbol, SymbolVersionNotDefined:
				if m.Symbol == le.Symbol && (le.Version == "" || m.Version == le.Version) {
					m.Focus, hit = true, true
				}
			case VersionNotFound:
				if m.Version == le.Version {
					m.Focus, hit = true, true
				}
			}
		}
		if obj := filepath.Base(le.Object); le.Object != "" && obj != x.cons.name && obj != filepath.Base(x.cons.path) {
			x.rep.Notes = append(x.rep.Notes, fmt.Sprintf("the loader's message is about %s, not %s: pass that object as the consumer to explain it", le.Object, x.cons.name))
			continue
		}
		switch le.Kind {
		case LibraryNotFound:
			x.rep.Notes = append(x.rep.Notes, fmt.Sprintf("the loader could not find %s at all; this explanation assumes it finds %s", le.Library, x.prov.path))
		case VersionNotFound:
			if !hit {
				for _, v := range x.rep.VersionsNotFound {
					if v.Version == le.Version {
						hit = true
					}
				}
			}
			if !hit {
				x.rep.Notes = append(x.rep.Notes, fmt.Sprintf("the loader found no version %s, but %s defines it: the failing process loaded another file", le.Version, x.prov.name))
			}
		default:
			if hit {
				continue
			}
			if x.references(le.Symbol) {
				x.rep.Notes = append(x.rep.Notes, fmt.Sprintf("the loader found no %s, but it resolves against %s and its libraries here: the failing process loaded other files (check LD_LIBRARY_PATH, RUNPATH and --lib-path)",
					le.Symbol, x.prov.name))
			} else {
				x.rep.Notes = append(x.rep.Notes, fmt.Sprintf("%s does not reference %s: the loader's message is about another object", x.cons.name, le.Symbol))
			}
		}
	}
	x.sortMissing()
}

// references reports whether the consumer has a reference to sym.
func (x *explainer) references(sym string) bool {
	for _, u := range x.cons.table.Undefined {
		if u.Name == sym {
			return true
		}
	}
	return false
}

// facts records the evidence about the two builds.
func (x *explainer) facts() {
	rustc := func(in *input) string {
		if len(in.rust.Rustc) == 0 {
			return ""
		}
		return fmt.Sprintf("%s %s (%s)", in.name, strings.Join(in.rust.Rustc, ", "), in.rust.Source)
	}
	var rs []string
	for _, in := range []*input{x.cons, x.old, x.prov} {
		if in != nil {
			if r := rustc(in); r != "" {
				rs = append(rs, r)
			}
		}
	}
	if len(rs) > 0 {
		x.rep.Facts = append(x.rep.Facts, "rustc: "+strings.Join(rs, "; "))
	}
	crates := make([]string, 0, len(x.prov.rust.CrateIDs))
	for c := range x.prov.rust.CrateIDs {
		crates = append(crates, c)
	}
	sort.Strings(crates)
	for _, c := range crates {
		line := fmt.Sprintf("crate %s: %s is crate id %s", c, x.prov.name, x.prov.rust.CrateIDs[c])
		if x.old != nil && x.old.rust.CrateIDs[c] != "" {
			line += fmt.Sprintf("; %s is %s", x.old.name, x.old.rust.CrateIDs[c])
		}
		for _, u := range x.cons.table.Undefined {
			if id, ok := v0CrateID(u.Name, c); ok {
				line += fmt.Sprintf("; %s was linked against %s (its v0 symbols)", x.cons.name, id)
				break
			}
		}
		x.rep.Facts = append(x.rep.Facts, line)
	}
	line := fmt.Sprintf("%s satisfies %d of the symbols %s needs", x.prov.name, x.rep.Resolved, x.cons.name)
	if x.cons.dwarf && x.prov.dwarf {
		line += fmt.Sprintf("; %s compared, with the types as %s's DWARF records them", plural(x.rep.Compared, "function and variable"), x.cons.name)
	}
	x.rep.Facts = append(x.rep.Facts, line)
}

// headline says in one sentence what is wrong.
func (x *explainer) headline() string {
	r := x.rep
	cons, prov := x.cons.name, x.prov.name
	var fromProv, others []*Missing
	for _, m := range r.Missing {
		if m.FromProvider {
			fromProv = append(fromProv, m)
		} else {
			others = append(others, m)
		}
	}
	var breaking []*diff.Change
	for _, ch := range r.Silent {
		if ch.Severity == diff.Breaking {
			breaking = append(breaking, ch)
		}
	}
	switch {
	case len(fromProv) > 0:
		s := fmt.Sprintf("%s cannot satisfy %s that %s needs: %s", prov, plural(len(fromProv), "symbol"), cons, x.clauses(fromProv))
		if len(others) > 0 {
			s += fmt.Sprintf("; %s defined by none of the libraries it loads", plural(len(others), "more symbol"))
		}
		if os := owners(breaking); len(os) > 0 {
			if len(os) > maxClauses {
				os = append(os[:maxClauses], fmt.Sprintf("%d more", len(os)-maxClauses))
			}
			s += fmt.Sprintf("; %s also changed silently", joinAnd(os))
		}
		return s
	case len(others) > 0:
		return fmt.Sprintf("%s cannot load: %s defined by none of the libraries it loads, %s included: %s", cons,
			plural(len(others), "symbol"), prov, x.clauses(others))
	case len(r.VersionsNotFound) > 0:
		v := r.VersionsNotFound[0]
		return fmt.Sprintf("%s cannot load: it requires version %s of %s, which defines only %s", cons, v.Version, v.Library, strings.Join(v.Defined, ", "))
	}
	if len(breaking) > 0 {
		return fmt.Sprintf("%s loads %s, but %s changed silently: %s", cons, prov, x.sharedWhat(breaking), x.silentClauses(breaking))
	}
	if len(r.Silent) > 0 {
		return fmt.Sprintf("%s satisfies every symbol %s needs from it, but %s changed without a known break: %s", prov, cons,
			x.sharedWhat(r.Silent), x.silentClauses(r.Silent))
	}
	if !x.cons.dwarf || !x.prov.dwarf {
		return fmt.Sprintf("%s satisfies every symbol %s needs from it (%d); without DWARF in %s, the types they share were not compared", prov, cons, r.Resolved,
			x.noDWARF())
	}
	return fmt.Sprintf("%s satisfies every symbol %s needs from it (%d), and the %s they share look the same to both", prov, cons, r.Resolved,
		plural(r.Compared, "function and variable"))
}

// noDWARF names the inputs without DWARF.
func (x *explainer) noDWARF() string {
	var names []string
	for _, in := range []*input{x.cons, x.prov} {
		if !in.dwarf {
			names = append(names, in.name)
		}
	}
	return joinAnd(names)
}

// sharedWhat counts the owners of silent changes: "1 type they share",
// "2 functions' signatures", "3 types and functions they share".
func (x *explainer) sharedWhat(chs []*diff.Change) string {
	isType, isTrait := map[string]bool{}, map[string]bool{}
	for _, c := range chs {
		_, trait := x.phrases[c]
		isTrait[c.Owner] = isTrait[c.Owner] || trait
		isType[c.Owner] = isType[c.Owner] || c.Entity == diff.EntityType
	}
	types, fns, traits := 0, 0, 0
	for o, t := range isType {
		switch {
		case isTrait[o]:
			traits++
		case t:
			types++
		default:
			fns++
		}
	}
	switch {
	case fns == 0 && types == 0:
		return plural(traits, "trait") + " they share"
	case fns == 0 && traits == 0:
		return plural(types, "type") + " they share"
	case fns == 0:
		return fmt.Sprintf("%d types and traits they share", types+traits)
	case types == 0 && fns == 1:
		return "1 function's signature"
	case types == 0:
		return fmt.Sprintf("%d functions' signatures", fns)
	}
	return fmt.Sprintf("%d types and functions they share", types+fns+traits)
}

func plural(n int, what string) string {
	if what == "function and variable" {
		if n == 1 {
			return "1 function or variable"
		}
		return fmt.Sprintf("%d functions and variables", n)
	}
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// owners lists the distinct owners of changes, in order.
func owners(chs []*diff.Change) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range chs {
		if !seen[c.Owner] {
			seen[c.Owner] = true
			out = append(out, c.Owner)
		}
	}
	return out
}

// maxClauses is the number of explanations a headline spells out.
const maxClauses = 2

// clauses says why missing symbols are missing, grouping those with the
// same reason: "plug::make and plug::run changed hash because ...".
func (x *explainer) clauses(ms []*Missing) string {
	type group struct {
		names  []string
		reason string
	}
	var groups []*group
	byReason := map[string]*group{}
	crateDone := map[string]bool{}
	for _, m := range ms {
		var name, reason string
		switch m.Cause {
		case CauseCrateIdentity, CauseRustcVersion:
			if crateDone[m.Crate] {
				continue
			}
			crateDone[m.Crate] = true
			for _, f := range x.rep.Crates {
				if f.Crate == m.Crate {
					reason = x.crateSentence(f, false)
				}
			}
		case CauseItemChanged:
			name = m.Demangled
			reason = "changed hash because " + x.primaryPhrase(m.Changes)
			if m.Candidate != nil && strings.HasPrefix(m.Candidate.Symbol, "_R") {
				reason = "changed: " + x.primaryPhrase(m.Changes)
			}
		case CauseHashChanged:
			name, reason = m.Demangled, "changed hash, though DWARF shows no difference in its signature"
		case CauseVersionMismatch:
			name = m.Symbol
			if m.Version != "" {
				name += "@" + m.Version
			}
			reason = "is defined only at version " + m.Candidate.Version + " (symbol-version mismatch)"
			if m.Candidate.Version == "" {
				reason = "is defined without a version (symbol-version mismatch)"
			}
		case CauseRenamed:
			name, reason = m.Demangled, "is gone; the closest is "+m.Candidate.Name
		default:
			name, reason = m.Demangled, "was removed"
			if !m.FromProvider {
				name, reason = m.Symbol, "is not defined"
				if m.Version != "" {
					name += "@" + m.Version
				}
			}
		}
		g := byReason[reason]
		if g == nil {
			g = &group{reason: reason}
			byReason[reason] = g
			groups = append(groups, g)
		}
		if name != "" {
			g.names = append(g.names, name)
		}
	}
	var parts []string
	for i, g := range groups {
		if i == maxClauses {
			rest := 0
			for _, h := range groups[i:] {
				rest += max(1, len(h.names))
			}
			parts = append(parts, fmt.Sprintf("and %d more", rest))
			break
		}
		if len(g.names) == 0 {
			parts = append(parts, g.reason)
			continue
		}
		reason := g.reason
		if len(g.names) > 1 {
			for one, many := range map[string]string{"is ": "are ", "was ": "were "} {
				if r, ok := strings.CutPrefix(reason, one); ok {
					reason = many + r
				}
			}
		}
		parts = append(parts, joinAnd(g.names)+" "+reason)
	}
	return strings.Join(parts, "; ")
}

// silentClauses says what the silent changes are, one clause per owner.
func (x *explainer) silentClauses(chs []*diff.Change) string {
	var parts []string
	os := owners(chs)
	for i, o := range os {
		if i == maxClauses {
			parts = append(parts, fmt.Sprintf("and %d more", len(os)-i))
			break
		}
		var mine []*diff.Change
		for _, c := range x.rep.Silent {
			if c.Owner == o {
				mine = append(mine, c)
			}
		}
		c := primary(mine)
		s := x.phrase(c)
		if len(c.Impacts) > 0 {
			s += ", used by " + c.Impacts[0].Path
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// joinAnd joins names as a sentence does: "a", "a and b", "a, b and c".
func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
