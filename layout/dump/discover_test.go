package dump

import (
	"fmt"
	"slices"
	"testing"

	"github.com/abidrift/abidrift/layout"
)

// TestDiscoveryIDs pins how discovery gives ids: named types by name, a
// clash of names by "#2" and an equal copy by sharing the id, an unnamed
// aggregate by the first place that reaches it in record order (the named
// types, then the functions and variables, then the types breadth first),
// across more sources than one batch, with a type reached twice in a batch.
func TestDiscoveryIDs(t *testing.T) {
	u8 := &layout.Type{Kind: layout.KindBase, Name: "u8", Size: 1}
	anon := func(kind layout.Kind) *layout.Type {
		return &layout.Type{Kind: kind, Size: 1, Fields: []layout.Field{{Name: "x", Type: u8}}}
	}
	byParam, byField, byVariant, late, byVar := anon(layout.KindStruct), anon(layout.KindUnion), anon(layout.KindStruct), anon(layout.KindStruct), anon(layout.KindUnion)
	s := &layout.Type{Kind: layout.KindStruct, Name: "S", Size: 2,
		Fields: []layout.Field{{Name: "inner", Type: byField}, {Name: "again", Offset: 1, Type: byParam}}}
	e := &layout.Type{Kind: layout.KindEnum, Name: "E", Size: 1,
		Variants: []layout.Variant{{Name: "A", Fields: []layout.Field{{Type: byVariant}}}}}
	t1 := &layout.Type{Kind: layout.KindStruct, Name: "T", Size: 1}
	t2 := &layout.Type{Kind: layout.KindStruct, Name: "T", Size: 2}
	q1 := &layout.Type{Kind: layout.KindStruct, Name: "Q", Size: 4}
	q2 := &layout.Type{Kind: layout.KindStruct, Name: "Q", Size: 4}
	bin := &layout.Binary{Types: []*layout.Type{s, e, t1, q1}}
	const fns = 1300 // sources: more than two batches
	for i := range fns {
		fn := &layout.Function{Name: fmt.Sprintf("f%d", i), Result: u8, Params: []layout.Param{{Name: "p", Type: byParam}}}
		if i == 700 {
			fn.Params = append(fn.Params, layout.Param{Name: "q", Type: late})
		}
		bin.Functions = append(bin.Functions, fn)
	}
	bin.Functions = append(bin.Functions, &layout.Function{Name: "g", LinkageName: "_g",
		Params: []layout.Param{{Type: t2}, {Type: q2}, {Type: late}}})
	bin.Variables = []*layout.Variable{{Name: "v", Type: byVar}}

	doc := New(Model{Binary: bin}, Options{})
	var ids []string
	for _, r := range doc.Types {
		ids = append(ids, r.ID)
	}
	want := []string{"base:u8", "enum:E", "struct:Q", "struct:S", "struct:T", "struct:T#2",
		"struct:{enum:E/variant:A/field:#0}", "struct:{fn:f0/param:0}", "struct:{fn:f700/param:1}",
		"union:{struct:S/field:inner}", "union:{var:v}"}
	if !slices.Equal(ids, want) {
		t.Errorf("ids:\n got %q\nwant %q", ids, want)
	}
	if want := []string{"struct:S", "enum:E", "struct:T", "struct:Q"}; !slices.Equal(doc.Named, want) {
		t.Errorf("named: got %q, want %q", doc.Named, want)
	}
	g := doc.Functions[len(doc.Functions)-1]
	var got []string
	for _, p := range g.Params {
		got = append(got, p.Type)
	}
	if want := []string{"struct:T#2", "struct:Q", "struct:{fn:f700/param:1}"}; !slices.Equal(got, want) {
		t.Errorf("g's parameters: got %q, want %q", got, want)
	}
}
