package abi

import (
	"fmt"

	"github.com/abidrift/abidrift/layout"
)

// The AArch64 procedure call standard (ARM IHI 0055, aapcs64.rst, as used on
// Linux): integers and pointers in x0-x7, floats and homogeneous float
// aggregates in v0-v7, composites over 16 bytes by reference, 16-byte
// aligned values in even register pairs, results by pointer in x8.

// aapcsKind is how AAPCS64 sees a value.
type aapcsKind uint8

const (
	aapcsInt       aapcsKind = iota // integral or pointer, up to 8 bytes
	aapcsInt128                     // 16-byte integral (__int128, i128)
	aapcsFloat                      // one floating-point value
	aapcsHFA                        // homogeneous floating-point aggregate (or complex)
	aapcsComposite                  // any other composite up to 16 bytes
	aapcsLarge                      // a composite over 16 bytes: passed by reference
)

// aapcsValue is the classification of one value.
type aapcsValue struct {
	kind  aapcsKind
	size  int64
	n     int   // HFA members
	unit  int64 // HFA member size
	align int64 // the alignment that places it (unadjusted for composites)
}

func classifyAAPCS(m machine, t *layout.Type) (aapcsValue, bool, error) {
	s, size, err := sizeOf(t)
	if err != nil {
		return aapcsValue{}, false, err
	}
	if size == 0 {
		return aapcsValue{}, false, nil
	}
	v := aapcsValue{size: size, align: max(s.Align, 1)}
	switch {
	case s.Kind == layout.KindBase && s.Encoding == layout.EncFloat:
		v.kind = aapcsFloat
		return v, true, nil
	case s.Kind == layout.KindBase && s.Encoding != layout.EncComplex,
		s.Kind == layout.KindPointer, s.Kind == layout.KindReference,
		s.Kind == layout.KindEnum && isCEnum(s):
		v.kind = aapcsInt
		if size > 8 {
			v.kind = aapcsInt128
		}
		return v, true, nil
	}
	// Composites (and complex numbers, which are HFAs of two members).
	n, unit, ok, err := m.homogeneous(s)
	if err != nil {
		return aapcsValue{}, false, err
	}
	if ok {
		v.kind, v.n, v.unit = aapcsHFA, n, unit
		v.align = max(min(s.Align, 16), 8)
		if unit >= 16 {
			v.align = 16
		}
		return v, true, nil
	}
	if size > 16 {
		v.kind = aapcsLarge
		return v, true, nil
	}
	v.kind = aapcsComposite
	v.align = unadjustedAlign(s)
	return v, true, nil
}

// homogeneous reports whether s is an HFA: one to four floating-point
// members of the same size, with no other data and no padding.
func (m machine) homogeneous(s *layout.Type) (n int, unit int64, ok bool, err error) {
	if s.Size > 64 {
		return 0, 0, false, nil // over four 16-byte members
	}
	var leaves []leaf
	if _, err := m.flatten(s, 0, &leaves, 0); err != nil {
		return 0, 0, false, err
	}
	if len(leaves) == 0 {
		return 0, 0, false, nil
	}
	unit = leaves[0].size
	if unit <= 0 {
		return 0, 0, false, nil
	}
	offs := map[int64]bool{}
	for _, l := range leaves {
		if l.kind != leafFloat || l.size != unit || l.off%unit != 0 {
			return 0, 0, false, nil
		}
		offs[l.off] = true
	}
	if s.Size%unit != 0 || s.Size/unit > 4 || int64(len(offs)) != s.Size/unit {
		return 0, 0, false, nil
	}
	return len(offs), unit, true, nil
}

// unadjustedAlign is the alignment AAPCS64 uses to place a composite: that
// of its members, ignoring an alignment attribute on the type itself
// (__attribute__((aligned)), #[repr(align)]), as GCC and Clang do.
func unadjustedAlign(s *layout.Type) int64 {
	var fields []layout.Field
	fields = append(fields, s.Fields...)
	for _, v := range s.Variants {
		fields = append(fields, v.Fields...)
	}
	if s.Tag != nil && s.Tag.Type != nil {
		fields = append(fields, layout.Field{Type: s.Tag.Type})
	}
	if s.Kind == layout.KindArray && s.Elem != nil {
		fields = append(fields, layout.Field{Type: s.Elem})
	}
	if len(fields) == 0 {
		return max(s.Align, 1)
	}
	a := int64(1)
	for _, f := range fields {
		if ft := f.Type.Strip(); ft != nil {
			a = max(a, ft.Align)
		}
	}
	return a
}

// classifyAAPCS64 implements Classify for the AAPCS64 C convention.
func classifyAAPCS64(m machine, sig Signature) ([]Pass, *Pass, error) {
	var result *Pass
	if sig.Result != nil {
		v, ok, err := classifyAAPCS(m, sig.Result)
		if err != nil {
			return nil, nil, fmt.Errorf("result: %w", err)
		}
		p := aapcsResult(v, ok)
		result = &p
	}
	r := newRegs(m)
	params := make([]Pass, len(sig.Params))
	for i, t := range sig.Params {
		v, ok, err := classifyAAPCS(m, t)
		if err != nil {
			return nil, nil, fmt.Errorf("parameter %d: %w", i+1, err)
		}
		if !ok {
			params[i] = ignored()
			continue
		}
		params[i] = aapcsParam(r, v)
	}
	return params, result, nil
}

func aapcsResult(v aapcsValue, ok bool) Pass {
	if !ok {
		return ignored()
	}
	switch v.kind {
	case aapcsFloat:
		return inRegs("v0")
	case aapcsHFA:
		return inRegs([]string{"v0", "v1", "v2", "v3"}[:v.n]...)
	case aapcsLarge:
		return Pass{Mode: Indirect, Regs: []string{"x8"}, StackOffset: -1}
	}
	if v.size > 8 {
		return inRegs("x0", "x1")
	}
	return inRegs("x0")
}

func aapcsParam(r *regs, v aapcsValue) Pass {
	switch v.kind {
	case aapcsFloat:
		if f, ok := r.takeFPR(1); ok {
			return inRegs(f...)
		}
		return onStack(r.push(v.size, v.align))
	case aapcsHFA:
		if f, ok := r.takeFPR(v.n); ok {
			return inRegs(f...)
		}
		r.nfpr = len(r.fpr) // C.4: no later argument takes a v register
		return onStack(r.push(v.size, v.align))
	case aapcsInt:
		if g, ok := r.takeGPR(1); ok {
			return inRegs(g...)
		}
		return onStack(r.push(v.size, 8))
	case aapcsLarge:
		// B.4: the caller makes a copy and passes its address as a pointer.
		if g, ok := r.takeGPR(1); ok {
			return Pass{Mode: Indirect, Regs: g, StackOffset: -1}
		}
		return Pass{Mode: Indirect, StackOffset: r.push(8, 8)}
	}
	// 16-byte integers and composites up to 16 bytes: consecutive x
	// registers, starting at an even one when 16-byte aligned (C.9, C.10),
	// else all on the stack and no later argument takes an x register (C.13).
	words := int((v.size + 7) / 8)
	if v.align >= 16 && r.ngpr%2 == 1 {
		r.ngpr++
	}
	if g, ok := r.takeGPR(words); ok {
		return inRegs(g...)
	}
	r.ngpr = len(r.gpr)
	return onStack(r.push(v.size, min(v.align, 16)))
}
