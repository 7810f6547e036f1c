package layout

import "testing"

func TestTypeTable(t *testing.T) {
	a, b, c, d := &Type{Num: 3}, &Type{Num: 3}, &Type{}, &Type{Num: 1000}
	var m TypeTable[string]
	if _, ok := m.Get(a); ok {
		t.Fatal("an empty table has a value")
	}
	m.Set(a, "a")
	m.Set(b, "b") // a's number: kept apart
	m.Set(c, "c") // no number
	m.Set(d, "d")
	m.Set(a, "a2")
	m.Set(c, "c2")
	for _, tc := range []struct {
		t    *Type
		want string
	}{{a, "a2"}, {b, "b"}, {c, "c2"}, {d, "d"}} {
		if got, ok := m.Get(tc.t); !ok || got != tc.want {
			t.Errorf("Get = %q, %v; want %q", got, ok, tc.want)
		}
	}
	if _, ok := m.Get(&Type{Num: 3}); ok {
		t.Error("a type never set has a value")
	}
	if m.Len() != 4 {
		t.Errorf("Len = %d, want 4", m.Len())
	}
}
