package layout

import "maps"

// TypeTable maps types to values of V, for code that looks types up often:
// in a slice indexed by Type.Num, which spares hashing, or in a map for the
// types without a number of their own (none, or one another type in the
// table has). The zero value is an empty table.
type TypeTable[V any] struct {
	byNum  []typeSlot[V]
	others map[*Type]V
	n      int
}

type typeSlot[V any] struct {
	t *Type
	v V
}

// Get returns t's value and whether t has one.
func (m *TypeTable[V]) Get(t *Type) (V, bool) {
	if n := int(t.Num); n > 0 && n < len(m.byNum) && m.byNum[n].t == t {
		return m.byNum[n].v, true
	}
	v, ok := m.others[t]
	return v, ok
}

// Set gives t the value v.
func (m *TypeTable[V]) Set(t *Type, v V) {
	n := int(t.Num)
	if n > 0 {
		if n >= len(m.byNum) {
			m.byNum = append(m.byNum, make([]typeSlot[V], max(n+1, 2*len(m.byNum))-len(m.byNum))...)
		}
		switch m.byNum[n].t {
		case t:
			m.byNum[n].v = v
			return
		case nil:
			m.byNum[n] = typeSlot[V]{t, v}
			m.n++
			return
		}
	}
	if m.others == nil {
		m.others = map[*Type]V{}
	}
	if _, ok := m.others[t]; !ok {
		m.n++
	}
	m.others[t] = v
}

// Reserve makes room for every type bin numbered, so that Set does not grow
// the table as it fills it (a table for one model's types).
func (m *TypeTable[V]) Reserve(bin *Binary) {
	if n := int(bin.numbered) + 1; n > len(m.byNum) {
		grown := touched(make([]typeSlot[V], n))
		copy(grown, m.byNum)
		m.byNum = grown
	}
}

// Snapshot returns a table holding the values m holds now. It shares m's
// slots, so it may be read while m goes on being Set, on other goroutines,
// for types it does not hold (not for those it does).
func (m *TypeTable[V]) Snapshot() TypeTable[V] {
	return TypeTable[V]{byNum: m.byNum, others: maps.Clone(m.others), n: m.n}
}

// Len is the number of types with a value.
func (m *TypeTable[V]) Len() int { return m.n }
