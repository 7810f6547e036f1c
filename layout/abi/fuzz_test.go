package abi

import (
	"testing"

	"github.com/abidrift/abidrift/layout"
)

// typeFromBytes decodes an arbitrary, possibly nonsensical type tree from
// data: kinds, sizes, offsets and nesting all come from the input.
func typeFromBytes(data []byte, pos *int, depth int) *layout.Type {
	next := func() byte {
		if *pos >= len(data) {
			return 0
		}
		b := data[*pos]
		*pos++
		return b
	}
	kinds := []layout.Kind{layout.KindBase, layout.KindPointer, layout.KindStruct, layout.KindUnion,
		layout.KindArray, layout.KindEnum, layout.KindTypedef, layout.KindVoid, layout.KindFunction}
	encs := []layout.Encoding{layout.EncSigned, layout.EncUnsigned, layout.EncFloat, layout.EncBool, layout.EncUTF, layout.EncComplex}
	t := &layout.Type{Kind: kinds[int(next())%len(kinds)], Size: int64(int8(next())), Align: int64(next() % 33)}
	t.Encoding = encs[int(next())%len(encs)]
	if depth > 4 {
		return t
	}
	switch t.Kind {
	case layout.KindPointer, layout.KindTypedef, layout.KindArray:
		t.Elem = typeFromBytes(data, pos, depth+1)
		if t.Kind == layout.KindArray {
			t.Dims = []int64{int64(int8(next()))}
		}
	case layout.KindStruct, layout.KindUnion, layout.KindEnum:
		for i := int(next() % 5); i > 0; i-- {
			t.Fields = append(t.Fields, layout.Field{Name: "f", Offset: int64(int8(next())), Type: typeFromBytes(data, pos, depth+1),
				BitSize: int64(next() % 3), BitOffset: int64(next())})
		}
		if t.Kind == layout.KindEnum && next()%2 == 0 {
			t.Tag = &layout.Tag{Offset: int64(int8(next())), Type: typeFromBytes(data, pos, depth+1), Niche: next()%2 == 0}
			t.Variants = []layout.Variant{{Name: "A", Fields: t.Fields}}
			t.Fields = nil
		}
	}
	return t
}

// FuzzClassify runs every convention on arbitrary types: it must return
// passing modes or an error, never panic or loop.
func FuzzClassify(f *testing.F) {
	f.Add([]byte{2, 16, 8, 0, 2, 0, 0, 8, 8, 1, 4, 0, 4, 4, 2})
	f.Add([]byte{0, 8, 8, 2, 0, 4, 4, 2, 4, 2, 4, 4, 2, 1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		pos := 0
		var sig Signature
		for i := 0; i < 10 && pos < len(data); i++ {
			sig.Params = append(sig.Params, typeFromBytes(data, &pos, 0))
		}
		if pos < len(data) {
			sig.Result = typeFromBytes(data, &pos, 0)
		}
		for _, arch := range []string{"x86_64", "aarch64"} {
			for _, conv := range []string{ConvC, ConvRust} {
				params, _, err := Classify(arch, conv, sig)
				if err == nil && len(params) != len(sig.Params) {
					t.Fatalf("%s %s: %d passes for %d params", arch, conv, len(params), len(sig.Params))
				}
			}
		}
	})
}
