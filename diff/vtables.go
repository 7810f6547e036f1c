package diff

import (
	"strings"

	"github.com/abidrift/abidrift/layout"
)

// Rust vtables. DWARF describes each `<Impl as Trait>::{vtable_type}` as a
// struct of drop_in_place, size, align and then one `*const ()` slot per
// method (__method3, ...), in declaration order but without method names or
// signatures. So the slot count is observable, the order is not. A trait
// object's fat pointer also records the count: its vtable field points to
// `[usize; 3 + slots]`, which is all a library that takes `&dyn Trait` from
// its callers sees.

func isVtableType(t *layout.Type) bool {
	_, ok := vtableTrait(t.Name)
	return ok
}

// vtableSlots counts the method slots of a vtable type.
func vtableSlots(t *layout.Type) int {
	n := 0
	for _, f := range t.Fields {
		if strings.HasPrefix(f.Name, "__method") {
			n++
		}
	}
	if n == 0 && len(t.Fields) > 3 {
		n = len(t.Fields) - 3
	}
	return n
}

// vtable compares two vtable types of one impl.
func (c *comparer) vtable(a, b *layout.Type, w where) {
	na, nb := vtableSlots(a), vtableSlots(b)
	c.slotChange(w, na, nb)
}

func (c *comparer) slotChange(w where, na, nb int) {
	what := strings.TrimSuffix(w.subject, "::{vtable_type}")
	switch {
	case nb > na:
		c.add(w, VtableSlotAdded, PossiblyBreaking,
			"the vtable of %s grew from %d to %d method slots: breaking unless the new methods were declared last", what, na, nb)
	case nb < na:
		c.add(w, VtableSlotRemoved, Breaking, "the vtable of %s shrank from %d to %d method slots", what, na, nb)
	}
}

// fatPointerVtable handles the vtable member of a trait object's fat
// pointer (`&dyn Trait`, `Box<dyn Trait>`): a change of its `[usize; N]`
// pointee is a change of the trait's method count, reported against the
// trait when no vtable type of the trait is in scope. It reports whether it
// handled the member.
func (c *comparer) fatPointerVtable(fo, fn *fieldLeaf, w where) bool {
	if fo.Name != "vtable" || !strings.Contains(w.owner, "dyn ") {
		return false
	}
	la, oka := vtableLen(fo.Type)
	lb, okb := vtableLen(fn.Type)
	if !oka || !okb {
		return false
	}
	m := dynTraitRE.FindStringSubmatch(w.owner)
	if m == nil {
		return false
	}
	trait := m[1]
	if la != lb && !c.hasVtableType(trait) {
		tw := w.at("dyn " + trait)
		c.slotChange(tw, int(la-3), int(lb-3))
	}
	return true
}

// vtableLen reads N from a pointer to [usize; N].
func vtableLen(t *layout.Type) (int64, bool) {
	p := t.Strip()
	if p == nil || p.Kind != layout.KindPointer {
		return 0, false
	}
	arr := p.Elem.Strip()
	if arr == nil || arr.Kind != layout.KindArray || len(arr.Dims) != 1 || arr.Dims[0] < 3 {
		return 0, false
	}
	return arr.Dims[0], true
}

// hasVtableType reports whether both builds describe a vtable of trait.
func (c *comparer) hasVtableType(trait string) bool {
	found := func(s *side, rename crateMap) bool {
		for _, t := range s.named {
			if tr, ok := vtableTrait(rename.rename(t.Name)); ok && tr == trait {
				return true
			}
		}
		return false
	}
	return found(c.old, c.crates) && found(c.new, nil)
}
