package abi

import (
	"fmt"

	"github.com/abidrift/abidrift/layout"
)

// rustc 1.95's own ABI (extern "Rust"), on x86_64 and aarch64. rustc first
// computes each type's backend representation (rustc_abi's BackendRepr:
// one scalar, a pair of scalars, or memory), then picks a PassMode
// (rustc_target::callconv::adjust_for_rust_abi):
//
//   - zero-sized: Ignore;
//   - Scalar: Direct, one LLVM scalar;
//   - ScalarPair: Pair, two LLVM scalars passed independently;
//   - Memory: Cast to one integer when at most pointer-sized, else Indirect
//     (a pointer to a caller-made copy, never byval);
//   - results larger than two pointers: Indirect through a hidden sret
//     pointer, whatever their representation.
//
// LLVM then assigns the scalars with the platform's rules, which can split a
// pair between the last register and the stack.
//
// DWARF records no repr attribute, so the representation is recomputed from
// offsets, sizes and alignments as rustc's layout code does. Where repr(C)
// changes it (a repr(C) newtype or union is always Memory for rustc, while a
// repr(Rust) one forwards its field's Scalar), this code assumes repr(Rust).

// primKind is the kind of a rustc scalar primitive.
type primKind uint8

const (
	primInt primKind = iota
	primPtr
	primFloat
)

// prim is a rustc scalar primitive (rustc_abi::Primitive).
type prim struct {
	kind   primKind
	size   int64
	signed bool
}

// align is the primitive's ABI alignment on x86_64 and aarch64 (i128 and
// f128 are 16-byte aligned since rustc 1.77 / LLVM 18).
func (p prim) align() int64 { return max(min(p.size, 16), 1) }

// reprKind is rustc's BackendRepr, plus zero-sized.
type reprKind uint8

const (
	reprZST reprKind = iota
	reprScalar
	reprPair
	reprMemory
)

// repr is the backend representation of a type.
type repr struct {
	kind  reprKind
	a, b  prim  // a for Scalar; a and b (at offset bOff) for a pair
	bOff  int64 //
	size  int64
	align int64
}

func memory(size, align int64) repr { return repr{kind: reprMemory, size: size, align: align} }

func scalarRepr(p prim) repr {
	return repr{kind: reprScalar, a: p, size: p.size, align: p.align()}
}

// scalarPair lays out two scalars as rustc's LayoutData::scalar_pair does.
func scalarPair(a, b prim) repr {
	bOff := alignUp(a.size, b.align())
	al := max(a.align(), b.align())
	return repr{kind: reprPair, a: a, b: b, bOff: bOff, size: alignUp(bOff+b.size, al), align: al}
}

// same compares representations as rustc compares union fields' (valid
// ranges ignored, signedness kept).
func (r repr) same(o repr) bool {
	return r.kind == o.kind && r.a == o.a && (r.kind != reprPair || (r.b == o.b && r.bOff == o.bOff))
}

// rustRepr computes the backend representation of t.
func (m machine) rustRepr(t *layout.Type, depth int) (repr, error) {
	s, size, err := sizeOf(t)
	if err != nil {
		return repr{}, err
	}
	if depth > 64 {
		return repr{}, fmt.Errorf("%w: type nested too deeply", ErrUnsupported)
	}
	if size == 0 {
		return repr{kind: reprZST, align: max(s.Align, 1)}, nil
	}
	align := max(s.Align, 1)
	switch s.Kind {
	case layout.KindBase:
		switch s.Encoding {
		case layout.EncFloat:
			return scalarRepr(prim{kind: primFloat, size: size}), nil
		case layout.EncComplex:
			return memory(size, align), nil
		}
		return scalarRepr(prim{kind: primInt, size: size, signed: s.Signed}), nil
	case layout.KindPointer, layout.KindReference:
		return scalarRepr(prim{kind: primPtr, size: size}), nil
	case layout.KindArray, layout.KindPtrToMember:
		return memory(size, align), nil
	case layout.KindStruct:
		return m.univariant(s.Fields, size, align, depth)
	case layout.KindUnion:
		return m.unionRepr(s, depth)
	case layout.KindEnum:
		return m.enumRepr(s, depth)
	}
	return repr{}, fmt.Errorf("%w: a %s is not passed by value", ErrUnknownSize, s.Kind)
}

// fieldRepr is a field with its representation.
type fieldRepr struct {
	off int64
	r   repr
}

// nonZST returns the representations of the fields that are not zero-sized.
func (m machine) nonZST(fields []layout.Field, depth int) ([]fieldRepr, error) {
	var out []fieldRepr
	for _, f := range fields {
		r, err := m.rustRepr(f.Type, depth+1)
		if err != nil {
			return nil, err
		}
		if r.kind != reprZST {
			out = append(out, fieldRepr{off: f.Offset, r: r})
		}
	}
	return out, nil
}

// univariant is rustc's representation of a struct (or of a single enum
// variant): a newtype forwards its field's Scalar or ScalarPair; two scalar
// fields form a pair when they sit where scalar_pair would put them.
func (m machine) univariant(fields []layout.Field, size, align int64, depth int) (repr, error) {
	fs, err := m.nonZST(fields, depth)
	if err != nil {
		return repr{}, err
	}
	switch len(fs) {
	case 1:
		f := fs[0]
		if f.off == 0 && f.r.size == size && f.r.align == align && (f.r.kind == reprScalar || f.r.kind == reprPair) {
			return f.r, nil
		}
	case 2:
		a, b := fs[0], fs[1]
		if b.off < a.off {
			a, b = b, a
		}
		if a.r.kind == reprScalar && b.r.kind == reprScalar {
			p := scalarPair(a.r.a, b.r.a)
			if a.off == 0 && b.off == p.bOff && p.size == size && p.align == align {
				return p, nil
			}
		}
	}
	return memory(size, align), nil
}

// unionRepr forwards the representation all non-zero-sized fields share
// (rustc's union ABI optimisation, which repr(C) would inhibit).
func (m machine) unionRepr(s *layout.Type, depth int) (repr, error) {
	size, align := s.Size, max(s.Align, 1)
	fs, err := m.nonZST(s.Fields, depth)
	if err != nil {
		return repr{}, err
	}
	if len(fs) == 0 {
		return memory(size, align), nil
	}
	common := fs[0].r
	for _, f := range fs[1:] {
		if !f.r.same(common) {
			return memory(size, align), nil
		}
	}
	if (common.kind == reprScalar || common.kind == reprPair) && common.align == align && common.size == size {
		return common, nil
	}
	return memory(size, align), nil
}

// enumRepr is rustc's representation of an enum.
func (m machine) enumRepr(s *layout.Type, depth int) (repr, error) {
	size, align := s.Size, max(s.Align, 1)
	if isCEnum(s) {
		return scalarRepr(prim{kind: primInt, size: size, signed: s.Signed}), nil
	}
	if s.Tag == nil {
		// One variant: laid out as a struct of its fields.
		var fields []layout.Field
		fields = append(fields, s.Fields...)
		for _, v := range s.Variants {
			fields = append(fields, v.Fields...)
		}
		return m.univariant(fields, size, align, depth)
	}
	if s.Tag.Niche {
		return m.nicheRepr(s, depth)
	}
	// A separate tag at offset 0: Scalar when the tag is the whole enum,
	// else a pair of the tag and the one scalar every dataful variant has
	// at the same offset.
	tt := s.Tag.Type.Strip()
	if tt == nil || tt.Size <= 0 || s.Tag.Offset != 0 {
		return memory(size, align), nil
	}
	tag := prim{kind: primInt, size: tt.Size, signed: tt.Signed}
	if tag.size == size {
		return scalarRepr(tag), nil
	}
	var common *prim
	var commonOff int64
	for _, v := range s.Variants {
		fs, err := m.nonZST(v.Fields, depth)
		if err != nil {
			return repr{}, err
		}
		if len(fs) == 0 {
			continue
		}
		if len(fs) > 1 || fs[0].r.kind != reprScalar {
			return memory(size, align), nil
		}
		p, off := fs[0].r.a, fs[0].off
		if common == nil {
			common, commonOff = &p, off
			continue
		}
		if off != commonOff {
			return memory(size, align), nil
		}
		merged, ok := mergePrim(*common, p)
		if !ok {
			return memory(size, align), nil
		}
		common = &merged
	}
	if common == nil {
		return memory(size, align), nil
	}
	pair := scalarPair(tag, *common)
	if pair.bOff == commonOff && pair.size == size && pair.align == align {
		return pair, nil
	}
	return memory(size, align), nil
}

// mergePrim is how rustc unifies the payload scalars of tagged variants:
// equal ones, integers of one size with any signedness (the first wins), a
// pointer with an integer of its size (the pointer wins).
func mergePrim(a, b prim) (prim, bool) {
	switch {
	case a == b:
		return a, true
	case a.kind == primInt && b.kind == primInt && a.size == b.size:
		return a, true
	case a.kind == primPtr && b.kind == primInt && a.size == b.size:
		return a, true
	case a.kind == primInt && b.kind == primPtr && a.size == b.size:
		return b, true
	}
	return prim{}, false
}

// nicheRepr is the representation of a niche-optimised enum: that of its
// dataful variant when every other variant is zero-sized and the dataful
// one fills the enum; Memory otherwise.
func (m machine) nicheRepr(s *layout.Type, depth int) (repr, error) {
	size, align := s.Size, max(s.Align, 1)
	var dataful *layout.Variant
	for i := range s.Variants {
		v := &s.Variants[i]
		if v.Discr == nil && v.Ranges == nil {
			if dataful != nil {
				return memory(size, align), nil
			}
			dataful = v
			continue
		}
		fs, err := m.nonZST(v.Fields, depth)
		if err != nil {
			return repr{}, err
		}
		if len(fs) > 0 {
			return memory(size, align), nil
		}
	}
	if dataful == nil {
		return memory(size, align), nil
	}
	r, err := m.univariant(append(append([]layout.Field(nil), s.Fields...), dataful.Fields...), size, align, depth)
	if err != nil {
		return repr{}, err
	}
	if r.kind == reprScalar || r.kind == reprPair {
		return r, nil
	}
	return memory(size, align), nil
}

// rustPart is one LLVM-level scalar a value is passed as.
type rustPart struct {
	float bool
	size  int64
}

// rustParts turns a representation into the scalars rustc passes, or
// reports that the value goes by reference.
func (m machine) rustParts(r repr, isResult bool) (parts []rustPart, indirect bool) {
	part := func(p prim) rustPart { return rustPart{float: p.kind == primFloat, size: p.size} }
	if isResult && r.size > 2*m.ptrSize {
		return nil, true
	}
	switch r.kind {
	case reprScalar:
		return []rustPart{part(r.a)}, false
	case reprPair:
		return []rustPart{part(r.a), part(r.b)}, false
	}
	if r.size <= m.ptrSize {
		return []rustPart{{size: r.size}}, false // Cast to an integer
	}
	return nil, true
}

// classifyRust implements Classify for rustc's Rust ABI.
func classifyRust(m machine, sig Signature) ([]Pass, *Pass, error) {
	r := newRegs(m)
	var result *Pass
	if sig.Result != nil {
		rr, err := m.rustRepr(sig.Result, 0)
		if err != nil {
			return nil, nil, fmt.Errorf("result: %w", err)
		}
		var p Pass
		switch parts, indirect := m.rustParts(rr, true); {
		case rr.kind == reprZST:
			p = ignored()
		case indirect:
			p = Pass{Mode: Indirect, StackOffset: -1}
			if m.arch == "x86_64" {
				g, _ := r.takeGPR(1)
				p.Regs = g
			} else {
				p.Regs = []string{"x8"}
			}
		default:
			p = rustReturnRegs(m, parts)
		}
		result = &p
	}
	params := make([]Pass, len(sig.Params))
	for i, t := range sig.Params {
		rr, err := m.rustRepr(t, 0)
		if err != nil {
			return nil, nil, fmt.Errorf("parameter %d: %w", i+1, err)
		}
		if rr.kind == reprZST {
			params[i] = ignored()
			continue
		}
		parts, indirect := m.rustParts(rr, false)
		if indirect {
			p := assignParts(m, r, []rustPart{{size: m.ptrSize}})
			p.Mode = Indirect
			params[i] = p
			continue
		}
		params[i] = assignParts(m, r, parts)
	}
	return params, result, nil
}

// rustReturnRegs gives the registers LLVM returns scalars in.
func rustReturnRegs(m machine, parts []rustPart) Pass {
	ints, floats := []string{"rax", "rdx", "rcx", "r8"}, []string{"xmm0", "xmm1"}
	if m.arch == "aarch64" {
		ints, floats = []string{"x0", "x1", "x2", "x3"}, []string{"v0", "v1"}
	}
	var out []string
	for _, p := range parts {
		n := int((p.size + 7) / 8)
		if p.float {
			out, floats = append(out, floats[0]), floats[1:]
			continue
		}
		out, ints = append(out, ints[:n]...), ints[n:]
	}
	return inRegs(out...)
}

// assignParts places scalars as LLVM's calling-convention lowering does for
// separate IR arguments: each takes a register of its class if one is left,
// else a stack slot. A 16-byte integer takes two general registers (an
// even-numbered pair on aarch64) or goes whole to the stack; on aarch64 it
// then also closes the general registers to later arguments.
func assignParts(m machine, r *regs, parts []rustPart) Pass {
	var names []string
	stackOff := int64(-1)
	for _, p := range parts {
		var got []string
		var ok bool
		switch {
		case p.float:
			got, ok = r.takeFPR(1)
		case p.size > 8:
			if m.arch == "aarch64" && r.ngpr%2 == 1 {
				r.ngpr++
			}
			got, ok = r.takeGPR(2)
			if !ok && m.arch == "aarch64" {
				r.ngpr = len(r.gpr)
			}
		default:
			got, ok = r.takeGPR(1)
		}
		if ok {
			names = append(names, got...)
			continue
		}
		off := r.push(p.size, min(p.size, 16))
		if stackOff < 0 {
			stackOff = off
		}
	}
	if len(names) == 0 {
		return onStack(stackOff)
	}
	return Pass{Mode: Registers, Regs: names, StackOffset: stackOff}
}

// ReprDependent reports whether rustc's Rust ABI passes t differently when
// it is #[repr(C)] rather than repr(Rust): a struct or union whose one
// non-zero-sized field is a float or wider than a pointer (a repr(C)
// newtype is an aggregate, cast to an integer or passed by reference; a
// repr(Rust) one is passed as its field).
func ReprDependent(t *layout.Type) bool {
	s := t.Strip()
	if s == nil || (s.Kind != layout.KindStruct && s.Kind != layout.KindUnion) || s.Lang != layout.LangRust {
		return false
	}
	var only *layout.Type
	for _, f := range s.Fields {
		if f.Type == nil || f.Type.Strip() == nil || f.Type.Strip().Size == 0 {
			continue
		}
		if only != nil {
			return false
		}
		only = f.Type.Strip()
	}
	if only == nil || only.Kind != layout.KindBase {
		return false
	}
	return only.Encoding == layout.EncFloat || only.Size > 8
}
