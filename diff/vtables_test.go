package diff_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/abidrift/abidrift/diff"
	"github.com/abidrift/abidrift/layout"
)

const vtableName = "<plug::S as plug::Tr>::{vtable_type}"

// traitLib is a library whose function get() returns `&dyn plug::Tr`, with
// the vtable of `<plug::S as plug::Tr>` holding methods; slots, when not nil,
// is what the vtable's data names its slots (layout.VTables).
func traitLib(methods []string, slots []string) *layout.Binary {
	usize := &layout.Type{Kind: layout.KindBase, Name: "usize", Size: 8, Align: 8, Encoding: layout.EncUnsigned, Lang: layout.LangRust}
	unit := &layout.Type{Kind: layout.KindPointer, Name: "*const ()", Size: 8, Align: 8, Lang: layout.LangRust}
	vt := &layout.Type{Kind: layout.KindStruct, Name: vtableName, Align: 8, Lang: layout.LangRust, DeclOrder: true,
		Fields: []layout.Field{{Name: "drop_in_place", Type: unit}, {Name: "size", Offset: 8, Type: usize}, {Name: "align", Offset: 16, Type: usize}}}
	for i := range methods {
		vt.Fields = append(vt.Fields, layout.Field{Name: fmt.Sprintf("__method%d", i+3), Offset: int64(24 + 8*i), Type: unit})
	}
	vt.Size = int64(24 + 8*len(methods))
	arr := &layout.Type{Kind: layout.KindArray, Size: vt.Size, Align: 8, Elem: usize, Dims: []int64{int64(3 + len(methods))}}
	dyn := &layout.Type{Kind: layout.KindStruct, Name: "&dyn plug::Tr", Size: 16, Align: 8, Lang: layout.LangRust, DeclOrder: true,
		Fields: []layout.Field{{Name: "pointer", Type: unit},
			{Name: "vtable", Offset: 8, Type: &layout.Type{Kind: layout.KindPointer, Size: 8, Align: 8, Elem: arr}}}}
	b := &layout.Binary{Path: "lib.so", Arch: "x86_64", PtrSize: 8, Format: "elf", Kind: "shared",
		Types:     []*layout.Type{vt},
		Functions: []*layout.Function{{Name: "plug::get", External: true, Lang: layout.LangRust, Result: dyn}}}
	if slots != nil {
		b.VTables = []layout.VTable{{Type: vtableName, Impl: "plug::S", Trait: "plug::Tr", Slots: slots}}
	}
	return b
}

// named spells slots as layout.VTables does.
func named(methods ...string) []string {
	out := []string{}
	for _, m := range methods {
		if m == "" {
			out = append(out, "")
			continue
		}
		out = append(out, "<plug::S as plug::Tr>::"+m)
	}
	return out
}

func TestVtableSlots(t *testing.T) {
	type change struct {
		kind   diff.Kind
		sev    diff.Severity
		detail string
	}
	for _, c := range []struct {
		name     string
		old, new []string
		noData   bool
		want     []change
	}{
		{name: "same", old: []string{"a", "b"}, new: []string{"a", "b"}},
		{name: "reordered", old: []string{"a", "b", "c"}, new: []string{"b", "a", "c"},
			want: []change{{diff.VtableSlotReordered, diff.Breaking, "reordered from (a, b, c) to (b, a, c)"}}},
		{name: "inserted", old: []string{"a", "b"}, new: []string{"a", "x", "b"},
			want: []change{{diff.VtableSlotAdded, diff.Breaking, "method `x` was inserted at slot 4 of the vtable of <plug::S as plug::Tr>, before `b`"}}},
		{name: "prepended", old: []string{"a"}, new: []string{"x", "y", "a"},
			want: []change{{diff.VtableSlotAdded, diff.Breaking, "method `x` was inserted at slot 3"},
				{diff.VtableSlotAdded, diff.Breaking, "method `y` was inserted at slot 4 of the vtable of <plug::S as plug::Tr>, before `a`"}}},
		{name: "appended", old: []string{"a", "b"}, new: []string{"a", "b", "x"},
			want: []change{{diff.VtableSlotAdded, diff.PossiblyBreaking, "method `x` was appended at slot 5"}}},
		{name: "removed", old: []string{"a", "b", "c"}, new: []string{"a", "c"},
			want: []change{{diff.VtableSlotRemoved, diff.Breaking, "method `b` (slot 4) was removed"}}},
		{name: "renamed in place", old: []string{"a", "b"}, new: []string{"a", "z"},
			want: []change{{diff.VtableSlotRemoved, diff.Breaking, "method `b` (slot 4)"},
				{diff.VtableSlotAdded, diff.PossiblyBreaking, "method `z` was appended at slot 4"}}},
		{name: "empty slot", old: []string{"a", "", "b"}, new: []string{"a", "", "b"}},
		// Without the vtables' data only the count is seen: a reorder is
		// invisible and an insertion looks like an append.
		{name: "no data, reordered", old: []string{"a", "b"}, new: []string{"b", "a"}, noData: true},
		{name: "no data, inserted", old: []string{"a", "b"}, new: []string{"a", "x", "b"}, noData: true,
			want: []change{{diff.VtableSlotAdded, diff.PossiblyBreaking, "grew from 2 to 3 method slots"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			so, sn := named(c.old...), named(c.new...)
			if c.noData {
				so, sn = nil, nil
			}
			r := diff.Compare(traitLib(c.old, so), traitLib(c.new, sn), diff.Options{})
			if len(r.Changes) != len(c.want) {
				for _, ch := range r.Changes {
					t.Logf("%s %s %s: %s", ch.Severity, ch.Kind, ch.Subject, ch.Detail)
				}
				t.Fatalf("%d changes, want %d", len(r.Changes), len(c.want))
			}
			for _, w := range c.want {
				found := false
				for _, ch := range r.Changes {
					if ch.Kind == w.kind && ch.Severity == w.sev && ch.Subject == vtableName && strings.Contains(ch.Detail, w.detail) {
						found = true
					}
				}
				if !found {
					t.Errorf("missing %s %s %q in %v", w.sev, w.kind, w.detail, r.Changes)
				}
			}
		})
	}
	// One side's data unreadable (nil slots): back to the count.
	r := diff.Compare(traitLib([]string{"a", "b"}, named("a", "b")), traitLib([]string{"b", "a"}, nil), diff.Options{})
	if len(r.Changes) != 0 {
		t.Errorf("one side without data: %v", r.Changes[0].Detail)
	}
}
