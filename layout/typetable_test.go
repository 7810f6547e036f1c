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

// TestTypeTableReserve checks that reserving room for a model's numbers
// keeps the values already set, and that the table then holds every
// numbered type in its slice without growing it.
func TestTypeTableReserve(t *testing.T) {
	a, b := &Type{Num: 2}, &Type{Num: 9}
	var m TypeTable[int]
	m.Set(a, 1)
	m.Reserve(&Binary{numbered: 9})
	if len(m.byNum) != 10 {
		t.Fatalf("reserved %d slots, want 10", len(m.byNum))
	}
	slots := &m.byNum[0]
	m.Set(b, 2)
	if got, ok := m.Get(a); !ok || got != 1 {
		t.Errorf("Get(a) = %d, %v after Reserve; want 1, true", got, ok)
	}
	if got, ok := m.Get(b); !ok || got != 2 || &m.byNum[0] != slots || m.others != nil {
		t.Errorf("Get(b) = %d, %v; the table grew or used its map", got, ok)
	}
	m.Reserve(&Binary{numbered: 3}) // fewer: nothing to do
	if len(m.byNum) != 10 || m.Len() != 2 {
		t.Errorf("a smaller Reserve changed the table: %d slots, %d values", len(m.byNum), m.Len())
	}
}

// TestTypeTableSnapshot checks that a snapshot holds the values set before
// it, also of types kept in the map, while the table it was taken from is
// read and set on another goroutine (go test -race checks the sharing).
func TestTypeTableSnapshot(t *testing.T) {
	var m TypeTable[string]
	m.Reserve(&Binary{numbered: 100})
	held, unnumbered := &Type{Num: 7}, &Type{}
	m.Set(held, "held")
	m.Set(unnumbered, "unnumbered")
	s := m.Snapshot()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for n := int32(1); n <= 100; n++ {
			if n != held.Num {
				m.Set(&Type{Num: n}, "later")
			}
		}
		m.Set(&Type{}, "later")
	}()
	for range 100 {
		if got, ok := s.Get(held); !ok || got != "held" {
			t.Fatalf("snapshot Get(held) = %q, %v", got, ok)
		}
		if got, ok := s.Get(unnumbered); !ok || got != "unnumbered" {
			t.Fatalf("snapshot Get(unnumbered) = %q, %v", got, ok)
		}
	}
	<-done
	if s.Len() != 2 || m.Len() != 102 {
		t.Errorf("Len: snapshot %d, table %d; want 2 and 102", s.Len(), m.Len())
	}
	if _, ok := s.Get(&Type{Num: 8}); ok {
		t.Error("the snapshot has a value for a type never set")
	}
}
