package abi

import (
	"errors"
	"math/big"
	"slices"
	"testing"

	"github.com/abidrift/abidrift/layout"
)

// Hand-built types for the unit tests.

func tInt(size int64, signed bool) *layout.Type {
	enc := layout.EncUnsigned
	if signed {
		enc = layout.EncSigned
	}
	return &layout.Type{Kind: layout.KindBase, Size: size, Align: size, Encoding: enc, Signed: signed}
}

func tFloat(name string, size, align int64) *layout.Type {
	return &layout.Type{Kind: layout.KindBase, Name: name, Size: size, Align: align, Encoding: layout.EncFloat}
}

var (
	u8    = tInt(1, false)
	u16   = tInt(2, false)
	u32   = tInt(4, false)
	i32   = tInt(4, true)
	u64   = tInt(8, false)
	i64   = tInt(8, true)
	u128  = tInt(16, false)
	f32   = tFloat("float", 4, 4)
	f64   = tFloat("double", 8, 8)
	ld    = tFloat("long double", 16, 16)
	f128  = tFloat("_Float128", 16, 16)
	ptr   = &layout.Type{Kind: layout.KindPointer, Size: 8, Align: 8}
	unit  = &layout.Type{Kind: layout.KindBase, Name: "()", Size: 0, Align: 1, Encoding: layout.EncUnsigned}
	cld   = &layout.Type{Kind: layout.KindBase, Name: "complex long double", Size: 32, Align: 16, Encoding: layout.EncComplex}
	cdbl  = &layout.Type{Kind: layout.KindBase, Name: "complex double", Size: 16, Align: 8, Encoding: layout.EncComplex}
	voidT = &layout.Type{Kind: layout.KindVoid}
)

func fld(off int64, t *layout.Type) layout.Field { return layout.Field{Offset: off, Type: t} }

func bits(bitOff, bitSize int64, t *layout.Type) layout.Field {
	return layout.Field{Offset: bitOff / 8, Type: t, BitOffset: bitOff, BitSize: bitSize}
}

func st(size, align int64, fields ...layout.Field) *layout.Type {
	return &layout.Type{Kind: layout.KindStruct, Size: size, Align: align, Fields: fields}
}

func un(size, align int64, fields ...layout.Field) *layout.Type {
	return &layout.Type{Kind: layout.KindUnion, Size: size, Align: align, Fields: fields}
}

func arr(elem *layout.Type, n int64) *layout.Type {
	return &layout.Type{Kind: layout.KindArray, Size: elem.Size * n, Align: elem.Align, Elem: elem, Dims: []int64{n}}
}

// enum builds a Rust enum with a separate tag (niche false) or a niche.
func enum(size, align int64, tag *layout.Tag, variants ...layout.Variant) *layout.Type {
	return &layout.Type{Kind: layout.KindEnum, Size: size, Align: align, Tag: tag, Variants: variants}
}

func variant(discr int64, fields ...layout.Field) layout.Variant {
	return layout.Variant{Discr: big.NewInt(discr), Fields: fields, Type: &layout.Type{Kind: layout.KindStruct}}
}

func dataful(fields ...layout.Field) layout.Variant {
	return layout.Variant{Fields: fields, Type: &layout.Type{Kind: layout.KindStruct}}
}

var x86 = machine{arch: "x86_64", ptrSize: 8}
var arm = machine{arch: "aarch64", ptrSize: 8}

func TestMerge(t *testing.T) {
	N, I, S, U, X, XU, M := classNone, classInteger, classSSE, classSSEUp, classX87, classX87Up, classMemory
	cases := []struct{ a, b, want class }{
		{N, N, N}, {I, I, I}, {S, S, S}, {X, X, X}, // equal
		{N, I, I}, {N, S, S}, {N, X, X}, {N, M, M}, // NO_CLASS yields the other
		{M, I, M}, {M, S, M}, {M, X, M}, // MEMORY wins
		{I, S, I}, {I, U, I}, {I, X, I}, // INTEGER wins, even over X87 (rule d comes before e)
		{X, S, M}, {XU, S, M}, {XU, U, M}, // X87 with anything else: MEMORY
		{S, U, S}, // otherwise SSE
	}
	for _, c := range cases {
		for _, ab := range [][2]class{{c.a, c.b}, {c.b, c.a}} {
			if got := merge(ab[0], ab[1]); got != c.want {
				t.Errorf("merge(%v, %v) = %v, want %v", ab[0], ab[1], got, c.want)
			}
		}
	}
}

func TestPostMerge(t *testing.T) {
	N, I, S, U, X, XU, M := classNone, classInteger, classSSE, classSSEUp, classX87, classX87Up, classMemory
	cases := []struct{ in, want []class }{
		{[]class{S, U}, []class{S, U}},
		{[]class{U, S}, []class{S, S}},   // SSEUP not after SSE becomes SSE
		{[]class{I, U}, []class{I, S}},   //
		{[]class{X, XU}, []class{X, XU}}, // long double
		{[]class{I, XU}, []class{M}},     // X87UP not after X87
		{[]class{I, M}, []class{M}},      // any MEMORY
		{[]class{I, N}, []class{I, N}},   // padding eightbyte stays
	}
	for _, c := range cases {
		if got := postMerge(slices.Clone(c.in)); !slices.Equal(got, c.want) {
			t.Errorf("postMerge(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestSysVClasses(t *testing.T) {
	N, I, S, U, X, XU, M := classNone, classInteger, classSSE, classSSEUp, classX87, classX87Up, classMemory
	cases := []struct {
		name string
		t    *layout.Type
		want []class
	}{
		{"float+int in one eightbyte", st(8, 4, fld(0, f32), fld(4, i32)), []class{I}},
		{"two floats", st(8, 4, fld(0, f32), fld(4, f32)), []class{S}},
		{"double, long", st(16, 8, fld(0, f64), fld(8, i64)), []class{S, I}},
		{"float[3]", st(12, 4, fld(0, arr(f32, 3))), []class{S, S}},
		{"u32[3]", st(12, 4, fld(0, arr(u32, 3))), []class{I, I}},
		{"union float/int", un(4, 4, fld(0, f32), fld(0, i32)), []class{I}},
		{"union float[4]/int", un(16, 4, fld(0, arr(f32, 4)), fld(0, i32)), []class{I, S}},
		{"24 bytes", st(24, 8, fld(0, u64), fld(8, u64), fld(16, u64)), []class{M}},
		{"packed: int at offset 1", st(5, 1, fld(0, u8), fld(1, i32)), []class{M}},
		{"packed but aligned", st(5, 1, fld(0, i32), fld(4, u8)), []class{I}},
		{"long double", ld, []class{X, XU}},
		{"struct of long double", st(16, 16, fld(0, ld)), []class{X, XU}},
		{"union long double/int", un(16, 16, fld(0, ld), fld(0, i32)), []class{M}},
		{"_Float128", f128, []class{S, U}},
		{"__int128", u128, []class{I, I}},
		{"bitfields and a float", st(8, 4, bits(0, 3, u32), bits(3, 5, u32), fld(4, f32)), []class{I}},
		{"bitfield in the second eightbyte", st(16, 8, fld(0, f64), bits(64, 7, u32)), []class{S, I}},
		{"padding eightbyte", st(16, 16, fld(0, u8)), []class{I, N}},
		{"empty", st(0, 1), nil},
		{"zero-sized field skipped", st(8, 8, fld(0, unit), fld(0, f64)), []class{S}},
		{"Option<f64>-like enum", enum(16, 8, &layout.Tag{Offset: 0, Type: u64},
			variant(0), variant(1, fld(8, f64))), []class{I, S}},
		{"enum of i64 or f64", enum(16, 8, &layout.Tag{Offset: 0, Type: u64},
			variant(0, fld(8, i64)), variant(1, fld(8, f64))), []class{I, I}},
	}
	for _, c := range cases {
		got, err := classifySysV8(x86, c.t)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: classes %v, want %v", c.name, got, c.want)
		}
	}
}

// passes renders a classification as strings for comparison.
func passes(ps []Pass, r *Pass) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	if r == nil {
		return append(out, "-> none")
	}
	return append(out, "-> "+r.String())
}

func longs(n int) []*layout.Type {
	var out []*layout.Type
	for i := 0; i < n; i++ {
		out = append(out, i64)
	}
	return out
}

func doubles(n int) []*layout.Type {
	var out []*layout.Type
	for i := 0; i < n; i++ {
		out = append(out, f64)
	}
	return out
}

func check(t *testing.T, name, arch, conv string, sig Signature, want ...string) {
	t.Helper()
	ps, r, err := Classify(arch, conv, sig)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if got := passes(ps, r); !slices.Equal(got, want) {
		t.Errorf("%s (%s %s):\n got %q\nwant %q", name, arch, conv, got, want)
	}
}

func TestSysVPassing(t *testing.T) {
	s16 := st(16, 8, fld(0, i64), fld(8, i64))
	s24 := st(24, 8, fld(0, i64), fld(8, i64), fld(16, i64))
	du := st(16, 8, fld(0, f64), fld(8, u64))
	al16 := st(16, 16, fld(0, i64), fld(8, i64))
	check(t, "whole struct to the stack, r9 still used later", "x86_64", ConvC,
		Signature{Params: append(longs(5), s16, i64)},
		"rdi", "rsi", "rdx", "rcx", "r8", "stack+0", "r9", "-> none")
	check(t, "no GPR left for the INTEGER half: the SSE half is not taken either", "x86_64", ConvC,
		Signature{Params: append(longs(6), du, f64), Result: f64},
		"rdi", "rsi", "rdx", "rcx", "r8", "r9", "stack+0", "xmm0", "-> xmm0")
	check(t, "sret takes rdi", "x86_64", ConvC,
		Signature{Params: []*layout.Type{i64, s24}, Result: s24},
		"rsi", "stack+0", "-> indirect(rdi)")
	check(t, "__int128 is not split; 16-byte alignment on the stack", "x86_64", ConvC,
		Signature{Params: append(longs(5), u128, i64, u128), Result: u128},
		"rdi", "rsi", "rdx", "rcx", "r8", "stack+0", "r9", "stack+16", "-> rax,rdx")
	check(t, "x87 arguments in memory, results in st0", "x86_64", ConvC,
		Signature{Params: []*layout.Type{ld, i32, ld, f64, st(16, 16, fld(0, ld))}, Result: ld},
		"stack+0", "rdi", "stack+16", "xmm0", "stack+32", "-> st0")
	check(t, "complex long double", "x86_64", ConvC,
		Signature{Params: []*layout.Type{cld}, Result: cld},
		"stack+0", "-> st0,st1")
	check(t, "mixed result registers", "x86_64", ConvC,
		Signature{Params: []*layout.Type{du, al16, st(0, 1)}, Result: du},
		"xmm0,rdi", "rsi,rdx", "ignored", "-> xmm0,rax")
	check(t, "SSE exhaustion", "x86_64", ConvC,
		Signature{Params: append(doubles(7), st(16, 8, fld(0, f64), fld(8, f64)), f64)},
		"xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "stack+0", "xmm7", "-> none")
}

func TestAAPCS64Homogeneous(t *testing.T) {
	cases := []struct {
		name string
		t    *layout.Type
		n    int
		unit int64
	}{
		{"float x4", st(16, 4, fld(0, f32), fld(4, f32), fld(8, f32), fld(12, f32)), 4, 4},
		{"double[2] + double", st(24, 8, fld(0, arr(f64, 2)), fld(16, f64)), 3, 8},
		{"union float / float[2]", un(8, 4, fld(0, f32), fld(0, arr(f32, 2))), 2, 4},
		{"complex double", cdbl, 2, 8},
		{"long double x2 (quad)", st(32, 16, fld(0, f128), fld(16, f128)), 2, 16},
		{"float x5", st(20, 4, fld(0, arr(f32, 5))), 0, 0},
		{"float + double", st(16, 8, fld(0, f32), fld(8, f64)), 0, 0},
		{"float + int", st(8, 4, fld(0, f32), fld(4, i32)), 0, 0},
		{"padding between floats", st(16, 8, fld(0, f32), fld(8, f32)), 0, 0},
	}
	for _, c := range cases {
		n, unit, ok, err := arm.homogeneous(c.t)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if ok != (c.n > 0) || n != c.n || unit != c.unit {
			t.Errorf("%s: homogeneous = %d x %d (%v), want %d x %d", c.name, n, unit, ok, c.n, c.unit)
		}
	}
}

func TestAAPCS64Passing(t *testing.T) {
	f4 := st(16, 4, fld(0, f32), fld(4, f32), fld(8, f32), fld(12, f32))
	s16 := st(16, 8, fld(0, i64), fld(8, i64))
	w128 := st(16, 16, fld(0, u128))
	al16 := st(16, 16, fld(0, i64), fld(8, i64)) // aligned(16) on the type only
	big := st(40, 8, fld(0, arr(i64, 5)))
	check(t, "HFA that does not fit closes the v registers", "aarch64", ConvC,
		Signature{Params: append(doubles(6), f4, f64), Result: f4},
		"v0", "v1", "v2", "v3", "v4", "v5", "stack+0", "stack+16", "-> v0,v1,v2,v3")
	check(t, "composite that does not fit closes the x registers", "aarch64", ConvC,
		Signature{Params: append(longs(7), s16, i64), Result: s16},
		"x0", "x1", "x2", "x3", "x4", "x5", "x6", "stack+0", "stack+16", "-> x0,x1")
	check(t, "16-byte aligned members take an even pair; an aligned attribute alone does not", "aarch64", ConvC,
		Signature{Params: []*layout.Type{i64, w128, i64, al16}, Result: w128},
		"x0", "x2,x3", "x4", "x5,x6", "-> x0,x1")
	check(t, "large composites by reference, result in x8", "aarch64", ConvC,
		Signature{Params: append(longs(7), big, big), Result: big},
		"x0", "x1", "x2", "x3", "x4", "x5", "x6", "indirect(x7)", "indirect(stack+0)", "-> indirect(x8)")
	check(t, "__int128 after seven: stack, 16-aligned", "aarch64", ConvC,
		Signature{Params: append(longs(7), u128, i64)},
		"x0", "x1", "x2", "x3", "x4", "x5", "x6", "stack+0", "stack+16", "-> none")
}

func TestRustRepr(t *testing.T) {
	p := func(k primKind, size int64) prim { return prim{kind: k, size: size} }
	cases := []struct {
		name string
		t    *layout.Type
		want repr
	}{
		{"(u64, u64)", st(16, 8, fld(0, u64), fld(8, u64)), scalarPair(prim{primInt, 8, false}, prim{primInt, 8, false})},
		{"(u8, u32) reordered", st(8, 4, fld(4, u8), fld(0, u32)), scalarPair(prim{primInt, 4, false}, prim{primInt, 1, false})},
		{"packed (u8, u32)", st(5, 1, fld(0, u8), fld(1, u32)), memory(5, 1)},
		{"three fields", st(12, 4, fld(0, u32), fld(4, u32), fld(8, u32)), memory(12, 4)},
		{"newtype f64", st(8, 8, fld(0, f64)), scalarRepr(p(primFloat, 8))},
		{"newtype of a pair", st(8, 4, fld(0, st(8, 4, fld(0, f32), fld(4, f32)))), scalarPair(p(primFloat, 4), p(primFloat, 4))},
		{"over-aligned newtype", st(16, 16, fld(0, u64)), memory(16, 16)},
		{"[f64; 1]", arr(f64, 1), memory(8, 8)},
		{"with a zero-sized field", st(8, 4, fld(0, u32), fld(4, unit), fld(4, f32)), scalarPair(prim{primInt, 4, false}, p(primFloat, 4))},
		{"Option<u64>", enum(16, 8, &layout.Tag{Type: u64}, variant(0), variant(1, fld(8, u64))),
			scalarPair(prim{primInt, 8, false}, prim{primInt, 8, false})},
		{"Result<u64, i64>", enum(16, 8, &layout.Tag{Type: u64}, variant(0, fld(8, u64)), variant(1, fld(8, i64))),
			scalarPair(prim{primInt, 8, false}, prim{primInt, 8, false})},
		{"Result<&T, u64>", enum(16, 8, &layout.Tag{Type: u64}, variant(0, fld(8, ptr)), variant(1, fld(8, u64))),
			scalarPair(prim{primInt, 8, false}, p(primPtr, 8))},
		{"Result<f64, u64>", enum(16, 8, &layout.Tag{Type: u64}, variant(0, fld(8, f64)), variant(1, fld(8, u64))), memory(16, 8)},
		{"Result<u32, u64>", enum(16, 8, &layout.Tag{Type: u32}, variant(0, fld(4, u32)), variant(1, fld(8, u64))), memory(16, 8)},
		{"Option<()>", enum(1, 1, &layout.Tag{Type: u8}, variant(0), variant(1, fld(1, unit))), scalarRepr(prim{primInt, 1, false})},
		{"Option<&T>", enum(8, 8, &layout.Tag{Type: u64, Niche: true}, variant(0), dataful(fld(0, ptr))), scalarRepr(p(primPtr, 8))},
		{"Option<&str>", enum(16, 8, &layout.Tag{Type: u64, Niche: true}, variant(0),
			dataful(fld(0, st(16, 8, fld(0, ptr), fld(8, u64))))), scalarPair(p(primPtr, 8), prim{primInt, 8, false})},
		{"union of u64s", un(8, 8, fld(0, u64), fld(0, u64), fld(0, unit)), scalarRepr(prim{primInt, 8, false})},
		{"union of u64 and i64", un(8, 8, fld(0, u64), fld(0, i64)), memory(8, 8)},
		{"zero-sized", st(0, 1, fld(0, unit)), repr{kind: reprZST, align: 1}},
	}
	for _, c := range cases {
		got, err := x86.rustRepr(c.t, 0)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s: repr %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestRustPassing(t *testing.T) {
	pair := st(16, 8, fld(0, u64), fld(8, u64))
	fpair := st(16, 8, fld(0, f64), fld(8, u64))
	rgb := st(3, 1, fld(0, u8), fld(1, u8), fld(2, u8))
	quad := st(16, 4, fld(0, u32), fld(4, u32), fld(8, u32), fld(12, u32))
	triple := st(24, 8, fld(0, u64), fld(8, u64), fld(16, u64))
	check(t, "a pair splits between r9 and the stack", "x86_64", ConvRust,
		Signature{Params: append(longs(5), pair, i64), Result: pair},
		"rdi", "rsi", "rdx", "rcx", "r8", "r9+stack+0", "stack+8", "-> rax,rdx")
	check(t, "a pair splits between x7 and the stack", "aarch64", ConvRust,
		Signature{Params: append(longs(7), pair, i64), Result: fpair},
		"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7+stack+0", "stack+8", "-> v0,x0")
	check(t, "small aggregates are cast to an integer, larger go by reference", "x86_64", ConvRust,
		Signature{Params: []*layout.Type{rgb, quad, arr(f64, 1)}, Result: quad},
		"rsi", "indirect(rdx)", "rcx", "-> indirect(rdi)")
	check(t, "results over two pointers by sret, even a pair", "x86_64", ConvRust,
		Signature{Params: []*layout.Type{triple}, Result: st(32, 16, fld(0, u64), fld(16, u128))},
		"indirect(rsi)", "-> indirect(rdi)")
	check(t, "i128 is never split; aarch64 skips x7 for it", "aarch64", ConvRust,
		Signature{Params: append(longs(5), u128, i64)},
		"x0", "x1", "x2", "x3", "x4", "x6,x7", "stack+0", "-> none")
	check(t, "zero-sized parameters and results are ignored", "x86_64", ConvRust,
		Signature{Params: []*layout.Type{unit, u32, st(0, 1)}, Result: st(0, 1)},
		"ignored", "rdi", "ignored", "-> ignored")
}

func TestClassifyErrors(t *testing.T) {
	ok := Signature{Params: []*layout.Type{i32}}
	if _, _, err := Classify("riscv64", ConvC, ok); !errors.Is(err, ErrUnsupported) {
		t.Errorf("riscv64: err %v, want ErrUnsupported", err)
	}
	if _, _, err := Classify("x86_64", "win64", ok); !errors.Is(err, ErrUnsupported) {
		t.Errorf("win64: err %v, want ErrUnsupported", err)
	}
	opaque := &layout.Type{Kind: layout.KindStruct, Name: "opaque", Size: -1, Decl: true}
	elemUnknown := st(8, 8, fld(0, &layout.Type{Kind: layout.KindStruct, Size: -1}))
	for _, conv := range []string{ConvC, ConvRust} {
		for _, arch := range []string{"x86_64", "aarch64"} {
			for _, bad := range []*layout.Type{opaque, voidT, nil, elemUnknown} {
				if _, _, err := Classify(arch, conv, Signature{Params: []*layout.Type{bad}}); !errors.Is(err, ErrUnknownSize) {
					t.Errorf("%s %s: parameter %v: err %v, want ErrUnknownSize", arch, conv, bad, err)
				}
				if _, _, err := Classify(arch, conv, Signature{Result: opaque}); !errors.Is(err, ErrUnknownSize) {
					t.Errorf("%s %s: result: err %v, want ErrUnknownSize", arch, conv, err)
				}
			}
		}
	}
}

func TestReprDependent(t *testing.T) {
	base := func(name string, enc layout.Encoding, size int64) *layout.Type {
		return &layout.Type{Kind: layout.KindBase, Name: name, Encoding: enc, Size: size, Align: size, Lang: layout.LangRust}
	}
	newtype := func(lang layout.Lang, fields ...*layout.Type) *layout.Type {
		s := &layout.Type{Kind: layout.KindStruct, Name: "W", Lang: lang}
		for _, f := range fields {
			s.Fields = append(s.Fields, layout.Field{Name: "f", Type: f, Offset: s.Size})
			s.Size += f.Size
		}
		return s
	}
	f64, u32, u128, unit := base("f64", layout.EncFloat, 8), base("u32", layout.EncUnsigned, 4), base("u128", layout.EncUnsigned, 16), base("()", layout.EncUnsigned, 0)
	cases := []struct {
		t    *layout.Type
		want bool
	}{
		{newtype(layout.LangRust, f64), true},
		{newtype(layout.LangRust, u128), true},
		{newtype(layout.LangRust, f64, unit), true},
		{newtype(layout.LangRust, u32), false},
		{newtype(layout.LangRust, f64, u32), false},
		{newtype(layout.LangC, f64), false},
		{f64, false},
	}
	for i, c := range cases {
		if got := ReprDependent(c.t); got != c.want {
			t.Errorf("case %d (%s): %v, want %v", i, layout.TypeName(c.t), got, c.want)
		}
	}
}
