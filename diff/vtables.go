package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/abidrift/abidrift/layout"
)

// Rust vtables. DWARF describes each `<Impl as Trait>::{vtable_type}` as a
// struct of drop_in_place, size, align and then one `*const ()` slot per
// method (__method3, ...), in declaration order but without method names or
// signatures. The vtable's data names them: layout.VTables follows each slot
// to the function it points to, so when both builds' vtables were read the
// methods are compared by name and position (reordered, inserted, appended,
// removed); otherwise only the slot count is. A trait object's fat pointer
// also records the count: its vtable field points to `[usize; 3 + slots]`,
// which is all a library that takes `&dyn Trait` from its callers sees.

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

// vtable compares two vtable types of one impl: by the methods in their
// slots when both builds' vtable data names them, else by slot count.
func (c *comparer) vtable(a, b *layout.Type, w where) {
	va, vb := c.old.vtable(a.Name), c.new.vtable(b.Name)
	if ma, mb, ok := slotMethods(va, vb, vtableSlots(a), vtableSlots(b)); ok {
		c.slotOrder(w, ma, mb)
		return
	}
	c.slotChange(w, vtableSlots(a), vtableSlots(b))
}

// vtable is the vtable data of the build's vtable type named typeName, nil
// when it was not read.
func (s *side) vtable(typeName string) *layout.VTable {
	if s.vtables == nil {
		s.vtables = map[string]*layout.VTable{}
		for i := range s.bin.VTables {
			v := &s.bin.VTables[i]
			if s.vtables[v.Type] == nil {
				s.vtables[v.Type] = v
			}
		}
	}
	return s.vtables[typeName]
}

// slotMethods lists the methods of two vtables, slot by slot; ok is false
// unless both were read, agree with their DWARF types' slot counts, and name
// every slot by a distinct method (an empty slot is named by its position).
func slotMethods(a, b *layout.VTable, na, nb int) (ma, mb []string, ok bool) {
	if a == nil || b == nil || a.Slots == nil || b.Slots == nil || len(a.Slots) != na || len(b.Slots) != nb {
		return nil, nil, false
	}
	names := func(v *layout.VTable) ([]string, bool) {
		seen := map[string]bool{}
		var out []string
		for i := range v.Slots {
			m := v.Method(i)
			if m == "" {
				m = fmt.Sprintf("(empty slot %d)", i)
			}
			if seen[m] {
				return nil, false
			}
			seen[m] = true
			out = append(out, m)
		}
		return out, true
	}
	ma, oka := names(a)
	mb, okb := names(b)
	return ma, mb, oka && okb
}

// slotOrder compares the methods of two vtables of one impl. Callers index
// a vtable by slot: a method removed, reordered or inserted before the last
// slot sends old callers to the wrong function; a method appended after the
// last slot only breaks code that builds vtables itself or sizes them.
func (c *comparer) slotOrder(w where, ma, mb []string) {
	what := strings.TrimSuffix(w.subject, "::{vtable_type}")
	inB := map[string]int{}
	for i, m := range mb {
		inB[m] = i
	}
	inA := map[string]int{}
	for i, m := range ma {
		inA[m] = i
	}
	var keptA, keptB []string
	for _, m := range ma {
		if _, ok := inB[m]; ok {
			keptA = append(keptA, m)
		} else {
			c.add(w, VtableSlotRemoved, Breaking, "method `%s` (slot %d) was removed from the vtable of %s: the methods after it move up",
				m, inA[m]+layout.VTableHeader, what)
		}
	}
	for _, m := range mb {
		if _, ok := inA[m]; ok {
			keptB = append(keptB, m)
		}
	}
	if !slices.Equal(keptA, keptB) {
		c.add(w, VtableSlotReordered, Breaking, "the methods of the vtable of %s were reordered from (%s) to (%s): old callers call the wrong method",
			what, strings.Join(keptA, ", "), strings.Join(keptB, ", "))
	}
	lastOld := -1 // the new slot of the last method the old vtable had
	for _, m := range keptB {
		lastOld = max(lastOld, inB[m])
	}
	for i, m := range mb {
		if _, ok := inA[m]; ok {
			continue
		}
		if i < lastOld {
			next := ""
			for _, n := range mb[i+1:] {
				if _, ok := inA[n]; ok {
					next = n
					break
				}
			}
			c.add(w, VtableSlotAdded, Breaking, "method `%s` was inserted at slot %d of the vtable of %s, before `%s`: the methods after it move down",
				m, i+layout.VTableHeader, what, next)
			continue
		}
		c.add(w, VtableSlotAdded, PossiblyBreaking, "method `%s` was appended at slot %d of the vtable of %s: breaking only for code that builds or sizes these vtables itself",
			m, i+layout.VTableHeader, what)
	}
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
