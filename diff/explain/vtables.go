package explain

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/abidrift/abidrift/diff"
	"github.com/abidrift/abidrift/layout"
)

// Trait objects cross the boundary in both directions: the consumer builds
// vtables for its own impls of the provider's traits and passes them in
// (`plug::call(&Mine)`), and calls through the provider's. Both sides index
// a vtable by slot, in the order of the trait's methods when each was
// compiled. package diff compares the vtables of one impl present in two
// builds; here the impls differ (host::Mine against plug::Builtin), but
// their slot orders are the trait's, so any two of them must agree.

var dynTraitRE = regexp.MustCompile(`dyn ([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*)`)

// traitOrders compares, for every trait whose objects the paired functions
// and variables pass, the slot order of the consumer's vtables with the
// provider's; it returns one change per trait that disagrees.
func (x *explainer) traitOrders() []*diff.Change {
	users := map[string][]diff.Impact{} // trait -> the exports passing its objects
	for _, p := range x.pairs {
		for tr, path := range x.traitsOf(p.exp) {
			users[tr] = append(users[tr], diff.Impact{Symbol: p.exp.Symbol, Path: path})
		}
	}
	traits := make([]string, 0, len(users))
	for tr, us := range users {
		traits = append(traits, tr)
		// Objects the consumer passes in first: their vtables are its own.
		sort.SliceStable(us, func(i, j int) bool {
			return !strings.Contains(us[i].Path, ") -> ") && strings.Contains(us[j].Path, ") -> ")
		})
	}
	sort.Strings(traits)
	var out []*diff.Change
	for _, tr := range traits {
		cv, pv := namedVTable(x.cons.bin, tr), namedVTable(x.prov.bin, tr)
		if cv == nil || pv == nil {
			continue // a side has no impl of the trait whose slots it could read
		}
		a, b := methods(cv), methods(pv)
		if slices.Equal(a, b) {
			continue
		}
		impl := func(v *layout.VTable) string { return strings.TrimSuffix(v.Type, "::{vtable_type}") }
		kind, what := diff.VtableSlotReordered, "reordered"
		switch {
		case len(a) < len(b):
			kind, what = diff.VtableSlotAdded, "given more methods"
		case len(a) > len(b):
			kind, what = diff.VtableSlotRemoved, "given fewer methods"
		case !sameSet(a, b):
			kind, what = diff.VtableSlotRemoved, "given other methods"
		}
		ch := &diff.Change{Kind: kind, Severity: diff.Breaking, Subject: tr, Owner: tr, Entity: diff.EntityType,
			Detail: fmt.Sprintf("the methods of trait %s were %s: %s's vtables (%s) hold (%s), %s's (%s) hold (%s); calls through a dyn %s reach the wrong slot",
				tr, what, x.cons.name, impl(cv), strings.Join(a, ", "), x.prov.name, impl(pv), strings.Join(b, ", "), lastPart(tr)),
			Impacts: users[tr]}
		if x.phrases == nil {
			x.phrases = map[*diff.Change]string{}
		}
		x.phrases[ch] = fmt.Sprintf("trait %s's methods were %s: %s's vtables hold (%s), %s's (%s)",
			tr, what, x.cons.name, strings.Join(a, ", "), x.prov.name, strings.Join(b, ", "))
		out = append(out, ch)
	}
	return out
}

// traitsOf finds the traits whose objects an export's signature passes,
// each with the step that passes it: `call(&dyn Plugin)`.
func (x *explainer) traitsOf(e *layout.Export) map[string]string {
	type root struct {
		t    *layout.Type
		path string
	}
	var roots []root
	name := lastPart(e.Name)
	switch {
	case e.Function != nil:
		for _, p := range e.Function.Params {
			roots = append(roots, root{p.Type, name + "(" + layout.TypeName(p.Type) + ")"})
		}
		if e.Function.Result != nil {
			roots = append(roots, root{e.Function.Result, name + "() -> " + layout.TypeName(e.Function.Result)})
		}
	case e.Variable != nil:
		roots = append(roots, root{e.Variable.Type, name + ": " + layout.TypeName(e.Variable.Type)})
	}
	out := map[string]string{}
	for _, r := range roots {
		seen := map[*layout.Type]bool{}
		var walk func(t *layout.Type, depth int)
		walk = func(t *layout.Type, depth int) {
			if t == nil || seen[t] || depth > maxViewDepth {
				return
			}
			seen[t] = true
			for _, m := range dynTraitRE.FindAllStringSubmatch(t.Name, -1) {
				if _, ok := out[m[1]]; !ok {
					out[m[1]] = pathPrefix.ReplaceAllString(r.path, "")
				}
			}
			for ref := range t.Refs() {
				walk(*ref, depth+1)
			}
		}
		walk(r.t, 0)
	}
	return out
}

// pathPrefix matches the module path of a qualified name, for short spellings.
var pathPrefix = regexp.MustCompile(`(?:[A-Za-z_][A-Za-z0-9_]*::)+`)

// namedVTable is the first vtable of trait whose every slot names a method.
func namedVTable(bin *layout.Binary, trait string) *layout.VTable {
	for i := range bin.VTables {
		v := &bin.VTables[i]
		if v.Trait != trait || v.Slots == nil {
			continue
		}
		ok := true
		for j := range v.Slots {
			if v.Method(j) == "" {
				ok = false
			}
		}
		if ok {
			return v
		}
	}
	return nil
}

func methods(v *layout.VTable) []string {
	out := make([]string, len(v.Slots))
	for i := range v.Slots {
		out[i] = v.Method(i)
	}
	return out
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}
