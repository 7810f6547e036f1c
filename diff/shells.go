package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/abidrift/abidrift/layout"
)

// ShellsPaired reports whether the shells of two exports-only models
// (layout.Options.Shells) pair up as Compare pairs the exports: each export
// whose function or variable is a shell has a counterpart whose own is a
// shell with the same print, under the same calling convention; and the
// Rust vtables of the two builds, which prints do not cover, are alike (a
// shell may reach a trait object, whose vtables Compare would compare).
// Compare leaves such pairs alone; a model whose shells do not pair must be
// built whole instead. rules are the ABI rules Compare will be given.
func ShellsPaired(old, new *layout.Surface, rules []layout.ABIRule) bool {
	ofns, ovars, _ := surfaceExports(old, rules)
	nfns, nvars, _ := surfaceExports(new, rules)
	return shellsPaired(ofns, nfns) && shellsPaired(nfns, ofns) && shellsPaired(ovars, nvars) && shellsPaired(nvars, ovars) &&
		slices.Equal(vtableSummary(old.Binary), vtableSummary(new.Binary))
}

// vtableSummary spells out the vtable types of bin (name, size, fields) and
// the methods in their slots, sorted: what diff compares of vtables.
func vtableSummary(bin *layout.Binary) []string {
	var out []string
	for _, t := range bin.Types {
		if !isVtableType(t) {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s %d %d", t.Name, t.Size, t.Align)
		for _, f := range t.Fields {
			fmt.Fprintf(&b, " %s@%d:%s", f.Name, f.Offset, spell(f.Type))
		}
		out = append(out, b.String())
	}
	for _, v := range bin.VTables {
		out = append(out, fmt.Sprintf("%s %s %s %v %q", v.Type, v.Impl, v.Trait, v.Slots == nil, v.Slots))
	}
	slices.Sort(out)
	return out
}

// shellsPaired reports whether every shell among a pairs with its like in b.
func shellsPaired(a, b map[string]*entry) bool {
	for k, e := range a {
		if e.print() != 0 && !unchanged(e, b[k]) {
			return false
		}
	}
	return true
}

// unchanged reports whether o and n are shells with the same print (and
// the same convention): built from alike entries reaching alike types.
func unchanged(o, n *entry) bool {
	return o != nil && n != nil && o.print() != 0 && o.print() == n.print() && o.conv == n.conv &&
		(o.fn == nil) == (n.fn == nil)
}

// print is the print of e's function or variable when it is a shell, or 0.
func (e *entry) print() uint64 {
	switch {
	case e.fn != nil:
		return e.fn.Print()
	case e.v != nil:
		return e.v.Print()
	}
	return 0
}
