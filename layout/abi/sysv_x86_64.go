package abi

import (
	"fmt"

	"github.com/abidrift/abidrift/layout"
)

// The System V x86-64 C calling convention (psABI 3.2.3): each value is split
// into eightbytes, each eightbyte gets a class from the scalars it holds, and
// the classes decide the registers.

// class is the class of one eightbyte.
type class uint8

const (
	classNone class = iota // NO_CLASS: padding, or nothing yet
	classInteger
	classSSE
	classSSEUp
	classX87
	classX87Up
	classMemory
)

func (c class) String() string {
	return [...]string{"NO_CLASS", "INTEGER", "SSE", "SSEUP", "X87", "X87UP", "MEMORY"}[c]
}

// merge combines the class an eightbyte has with the class of one more
// scalar in it (psABI 3.2.3, rule 4 of aggregate classification).
func merge(a, b class) class {
	switch {
	case a == b:
		return a
	case a == classNone:
		return b
	case b == classNone:
		return a
	case a == classMemory || b == classMemory:
		return classMemory
	case a == classInteger || b == classInteger:
		return classInteger
	case a == classX87 || a == classX87Up || b == classX87 || b == classX87Up:
		return classMemory
	}
	return classSSE
}

// classifySysV8 returns the classes of the eightbytes of t: nil for a
// zero-sized value, a single classMemory for one passed in memory.
func classifySysV8(m machine, t *layout.Type) ([]class, error) {
	s, size, err := sizeOf(t)
	if err != nil {
		return nil, err
	}
	if size == 0 {
		return nil, nil
	}
	// Rule 1: over two eightbytes means memory (the model has no vector
	// types, the only ones that could be SSE followed by SSEUPs).
	if size > 16 {
		return []class{classMemory}, nil
	}
	var leaves []leaf
	unaligned, err := m.flatten(s, 0, &leaves, 0)
	if err != nil {
		return nil, err
	}
	if unaligned {
		return []class{classMemory}, nil
	}
	cls := make([]class, (size+7)/8)
	for _, l := range leaves {
		first := l.off / 8
		if first >= int64(len(cls)) {
			continue
		}
		switch l.kind {
		case leafInt, leafPtr:
			last := min((l.off+l.size-1)/8, int64(len(cls))-1)
			for i := first; i <= last; i++ {
				cls[i] = merge(cls[i], classInteger)
			}
		case leafFloat:
			cls[first] = merge(cls[first], classSSE)
			if l.size > 8 && first+1 < int64(len(cls)) {
				cls[first+1] = merge(cls[first+1], classSSEUp)
			}
		case leafX87:
			cls[first] = merge(cls[first], classX87)
			if first+1 < int64(len(cls)) {
				cls[first+1] = merge(cls[first+1], classX87Up)
			}
		}
	}
	return postMerge(cls), nil
}

// postMerge applies the post-merger cleanup (rule 5): any MEMORY, or an X87UP
// not preceded by X87, makes the whole value MEMORY; an SSEUP not preceded
// by SSE or SSEUP becomes SSE.
func postMerge(cls []class) []class {
	for i, c := range cls {
		switch {
		case c == classMemory:
			return []class{classMemory}
		case c == classX87Up && (i == 0 || cls[i-1] != classX87):
			return []class{classMemory}
		case c == classSSEUp && (i == 0 || (cls[i-1] != classSSE && cls[i-1] != classSSEUp)):
			cls[i] = classSSE
		}
	}
	return cls
}

// isComplexX87 reports a complex long double, which the psABI gives its own
// class (COMPLEX_X87): in memory as an argument, in st0/st1 as a result.
func isComplexX87(m machine, t *layout.Type) bool {
	s := t.Strip()
	return s != nil && s.Kind == layout.KindBase && s.Encoding == layout.EncComplex &&
		m.floatKind(s, s.Size/2) == leafX87
}

// classifySysV implements Classify for the SysV x86-64 C convention.
func classifySysV(m machine, sig Signature) ([]Pass, *Pass, error) {
	r := newRegs(m)
	var result *Pass
	if sig.Result != nil {
		p, err := sysvResult(m, sig.Result)
		if err != nil {
			return nil, nil, fmt.Errorf("result: %w", err)
		}
		if p.Mode == Indirect {
			r.ngpr++ // the hidden result pointer takes rdi
		}
		result = &p
	}
	params := make([]Pass, len(sig.Params))
	for i, t := range sig.Params {
		p, err := sysvParam(m, r, t)
		if err != nil {
			return nil, nil, fmt.Errorf("parameter %d: %w", i+1, err)
		}
		params[i] = p
	}
	return params, result, nil
}

func sysvResult(m machine, t *layout.Type) (Pass, error) {
	if isComplexX87(m, t) {
		return inRegs("st0", "st1"), nil
	}
	cls, err := classifySysV8(m, t)
	if err != nil {
		return Pass{}, err
	}
	if cls == nil {
		return ignored(), nil
	}
	if cls[0] == classMemory {
		return Pass{Mode: Indirect, Regs: []string{"rdi"}, StackOffset: -1}, nil
	}
	ints, sses := []string{"rax", "rdx"}, []string{"xmm0", "xmm1"}
	var out []string
	for _, c := range cls {
		switch c {
		case classInteger:
			out, ints = append(out, ints[0]), ints[1:]
		case classSSE:
			out, sses = append(out, sses[0]), sses[1:]
		case classX87:
			out = append(out, "st0")
		}
	}
	return inRegs(out...), nil
}

func sysvParam(m machine, r *regs, t *layout.Type) (Pass, error) {
	s, size, err := sizeOf(t)
	if err != nil {
		return Pass{}, err
	}
	cls, err := classifySysV8(m, t)
	if err != nil {
		return Pass{}, err
	}
	if cls == nil {
		return ignored(), nil
	}
	if cls[0] != classMemory && !isComplexX87(m, t) {
		needInt, needSSE, x87 := 0, 0, false
		for _, c := range cls {
			switch c {
			case classInteger:
				needInt++
			case classSSE:
				needSSE++
			case classX87, classX87Up:
				x87 = true // X87 arguments are passed in memory
			}
		}
		if !x87 && r.ngpr+needInt <= len(r.gpr) && r.nfpr+needSSE <= len(r.fpr) {
			var out []string
			for _, c := range cls {
				switch c {
				case classInteger:
					g, _ := r.takeGPR(1)
					out = append(out, g...)
				case classSSE:
					f, _ := r.takeFPR(1)
					out = append(out, f...)
				}
			}
			return inRegs(out...), nil
		}
	}
	// In memory, or no room left for every eightbyte: the whole value goes
	// on the stack, 8-byte aligned, 16 for 16-byte aligned types.
	return onStack(r.push(size, s.Align)), nil
}
