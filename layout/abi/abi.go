// Package abi predicts how each argument and result of a function is passed
// under a calling convention: in which registers, on the stack, or by a
// hidden pointer. There is one file per convention.
package abi

import (
	"errors"
	"fmt"
	"strings"

	"github.com/abidrift/abidrift/layout"
)

// Mode is how one value travels.
type Mode string

// The passing modes.
const (
	Registers Mode = "registers" // in the registers listed in Pass.Regs
	Stack     Mode = "stack"     // copied onto the stack at Pass.StackOffset
	Indirect  Mode = "indirect"  // by a pointer to a copy; Regs holds the pointer's register (empty when the pointer is itself on the stack)
	Ignored   Mode = "ignored"   // zero-sized: not passed at all
)

// Pass says how one parameter or result is passed. For a result, Indirect
// means the caller passes a hidden result pointer (sret), in Regs.
type Pass struct {
	Mode Mode `json:"mode"`
	// Regs are register names in order (rdi, xmm0, x0, v0, ...). A value may
	// be split between registers and the stack (Rust pairs on the last GPR).
	Regs []string `json:"regs"`
	// StackOffset is the byte offset from the stack pointer at the call,
	// for Stack values and for the stack part of split ones; -1 when unused.
	StackOffset int64 `json:"stack_offset"`
}

// Signature is the part of a function the classifiers need.
type Signature struct {
	Params   []*layout.Type
	Result   *layout.Type // nil for void / unit
	Variadic bool
}

// Convention names: "C" is the platform's C ABI; "Rust" is rustc's own.
const (
	ConvC    = "C"
	ConvRust = "Rust"
)

// ErrUnsupported is returned for an architecture, convention or type the
// classifiers do not handle.
var ErrUnsupported = errors.New("unsupported")

// ErrUnknownSize is returned when a parameter or result, or a part of one
// that decides how it is passed, has no known size (a declaration without
// definition) or is not a value at all (void, a function type).
var ErrUnknownSize = errors.New("type of unknown size")

// Classify predicts how each parameter and the result of sig are passed on
// arch ("x86_64" or "aarch64") under conv: ConvC (the platform's C ABI: SysV
// x86-64 or AAPCS64; "C-unwind", "system" and "system-unwind" are accepted as
// synonyms) or ConvRust (rustc 1.95's own ABI). The result is nil when
// sig.Result is nil (void, unit). Parameters are classified left to right, as
// registers are handed out, so params[i] belongs to sig.Params[i]. On these
// (Linux) targets sig.Variadic does not change how named parameters go.
func Classify(arch, conv string, sig Signature) (params []Pass, result *Pass, err error) {
	if arch != "x86_64" && arch != "aarch64" {
		return nil, nil, fmt.Errorf("%w: architecture %q (only x86_64 and aarch64)", ErrUnsupported, arch)
	}
	m := machine{arch: arch, ptrSize: 8}
	switch conv {
	case ConvC, "C-unwind", "system", "system-unwind":
		if arch == "x86_64" {
			return classifySysV(m, sig)
		}
		return classifyAAPCS64(m, sig)
	case "sysv64", "sysv64-unwind":
		if arch == "x86_64" {
			return classifySysV(m, sig)
		}
	case ConvRust:
		return classifyRust(m, sig)
	}
	return nil, nil, fmt.Errorf("%w: calling convention %q on %s", ErrUnsupported, conv, arch)
}

// machine is the target being classified for.
type machine struct {
	arch    string
	ptrSize int64
}

// String renders p compactly, as "rdi,rsi", "stack+8", "indirect(rdi)" or
// "ignored"; tests and reports use it.
func (p Pass) String() string {
	regs := strings.Join(p.Regs, ",")
	switch p.Mode {
	case Registers:
		if p.StackOffset >= 0 {
			return fmt.Sprintf("%s+stack+%d", regs, p.StackOffset)
		}
		return regs
	case Stack:
		return fmt.Sprintf("stack+%d", p.StackOffset)
	case Indirect:
		if len(p.Regs) == 0 {
			return fmt.Sprintf("indirect(stack+%d)", p.StackOffset)
		}
		return "indirect(" + regs + ")"
	}
	return string(p.Mode)
}

func ignored() Pass { return Pass{Mode: Ignored, StackOffset: -1} }

// ---- scalar leaves ----

// leafKind is what sort of machine value a scalar leaf is.
type leafKind uint8

const (
	leafInt   leafKind = iota // integers, bool, char, C enums, bitfield storage
	leafPtr                   // pointers and references
	leafFloat                 // IEEE binary16/32/64/128
	leafX87                   // x87 80-bit extended precision (long double on x86)
)

// leaf is one scalar of a value, at a byte offset from the value's start.
type leaf struct {
	kind   leafKind
	off    int64
	size   int64
	signed bool
}

// maxFlatten bounds the leaves a value is flattened into; larger values are
// never passed in registers by any convention here.
const maxFlatten = 64

// flatten appends the scalar leaves of t placed at off: array elements
// repeated, union members and enum variants overlaid, zero-sized parts
// skipped. It reports whether some part sits at an offset that is not a
// multiple of its own alignment (a packed layout).
func (m machine) flatten(t *layout.Type, off int64, out *[]leaf, depth int) (unaligned bool, err error) {
	s := t.Strip()
	if s == nil {
		return false, fmt.Errorf("%w: void or missing type", ErrUnknownSize)
	}
	if depth > 64 {
		return false, fmt.Errorf("%w: type nested too deeply", ErrUnsupported)
	}
	if s.Size < 0 || s.Decl {
		return false, fmt.Errorf("%w: %s", ErrUnknownSize, layout.TypeName(s))
	}
	if off < 0 {
		return false, fmt.Errorf("%w: a part of %s lies at a negative offset", ErrUnsupported, layout.TypeName(s))
	}
	if s.Size == 0 {
		return false, nil
	}
	if len(*out) > maxFlatten {
		return false, fmt.Errorf("%w: %s has too many scalar parts", ErrUnsupported, layout.TypeName(s))
	}
	if s.Align > 0 && off%s.Align != 0 {
		unaligned = true
	}
	switch s.Kind {
	case layout.KindBase:
		*out = append(*out, m.baseLeaves(s, off)...)
	case layout.KindPointer, layout.KindReference:
		*out = append(*out, leaf{kind: leafPtr, off: off, size: s.Size})
	case layout.KindPtrToMember:
		for o := int64(0); o < s.Size; o += m.ptrSize {
			*out = append(*out, leaf{kind: leafInt, off: off + o, size: min(m.ptrSize, s.Size-o)})
		}
	case layout.KindEnum:
		if isCEnum(s) {
			*out = append(*out, leaf{kind: leafInt, off: off, size: s.Size, signed: s.Signed})
			break
		}
		if s.Tag != nil && s.Tag.Type != nil {
			u, err := m.flatten(s.Tag.Type, off+s.Tag.Offset, out, depth+1)
			if err != nil {
				return false, err
			}
			unaligned = unaligned || u
		}
		for _, v := range s.Variants {
			u, err := m.flattenFields(v.Fields, off, out, depth)
			if err != nil {
				return false, err
			}
			unaligned = unaligned || u
		}
		u, err := m.flattenFields(s.Fields, off, out, depth)
		if err != nil {
			return false, err
		}
		unaligned = unaligned || u
	case layout.KindStruct, layout.KindUnion:
		u, err := m.flattenFields(s.Fields, off, out, depth)
		if err != nil {
			return false, err
		}
		unaligned = unaligned || u
	case layout.KindArray:
		n := elemCount(s)
		if n == 0 || s.Elem == nil {
			break
		}
		es := s.Elem.Strip()
		if es == nil || es.Size < 0 {
			return false, fmt.Errorf("%w: element of %s", ErrUnknownSize, layout.TypeName(s))
		}
		if es.Size == 0 {
			break
		}
		if n > maxFlatten {
			return false, fmt.Errorf("%w: %s has too many elements", ErrUnsupported, layout.TypeName(s))
		}
		for i := int64(0); i < n; i++ {
			before := len(*out)
			u, err := m.flatten(es, off+i*es.Size, out, depth+1)
			if err != nil {
				return false, err
			}
			unaligned = unaligned || u
			if len(*out) == before {
				break // elements without scalar parts: the others have none either
			}
		}
	default:
		return false, fmt.Errorf("%w: a %s is not passed by value", ErrUnknownSize, s.Kind)
	}
	return unaligned, nil
}

func (m machine) flattenFields(fields []layout.Field, off int64, out *[]leaf, depth int) (unaligned bool, err error) {
	for _, f := range fields {
		if f.BitSize > 0 {
			if f.BitOffset < 0 {
				return false, fmt.Errorf("%w: bitfield %s at a negative offset", ErrUnsupported, f.Name)
			}
			lo := f.BitOffset / 8
			hi := (f.BitOffset + f.BitSize + 7) / 8
			*out = append(*out, leaf{kind: leafInt, off: off + lo, size: hi - lo})
			continue
		}
		if f.Offset < 0 {
			return false, fmt.Errorf("%w: field %s has no constant offset", ErrUnsupported, f.Name)
		}
		u, err := m.flatten(f.Type, off+f.Offset, out, depth+1)
		if err != nil {
			return false, err
		}
		unaligned = unaligned || u
	}
	return unaligned, nil
}

// baseLeaves gives the leaves of a base type: one, or two for a complex.
func (m machine) baseLeaves(s *layout.Type, off int64) []leaf {
	switch s.Encoding {
	case layout.EncFloat:
		return []leaf{{kind: m.floatKind(s, s.Size), off: off, size: s.Size}}
	case layout.EncComplex:
		h := s.Size / 2
		k := m.floatKind(s, h)
		return []leaf{{kind: k, off: off, size: h}, {kind: k, off: off + h, size: h}}
	}
	return []leaf{{kind: leafInt, off: off, size: s.Size, signed: s.Signed}}
}

// floatKind tells x87 extended precision from IEEE formats: on x86 a float
// of 10, 12 or 16 bytes is long double (x87), unless its name says it is a
// 128-bit IEEE float (_Float128, __float128, f128).
func (m machine) floatKind(s *layout.Type, size int64) leafKind {
	if m.arch == "x86_64" && (size == 10 || size == 12 || size == 16) && !strings.Contains(s.Name, "128") {
		return leafX87
	}
	return leafFloat
}

// isCEnum reports an enum with no data: a C enum or a fieldless Rust enum,
// passed as its underlying integer.
func isCEnum(s *layout.Type) bool {
	if s.Elem != nil {
		return true
	}
	for _, v := range s.Variants {
		if v.Type != nil || len(v.Fields) > 0 {
			return false
		}
	}
	return len(s.Fields) == 0
}

// elemCount is the number of elements of an array, 0 for flexible ones.
func elemCount(s *layout.Type) int64 {
	n := int64(1)
	for _, d := range s.Dims {
		if d <= 0 {
			return 0
		}
		n *= d
	}
	return n
}

// sizeOf returns the size of a parameter or result type, or an error when it
// is unknown.
func sizeOf(t *layout.Type) (*layout.Type, int64, error) {
	s := t.Strip()
	if s == nil {
		return nil, 0, fmt.Errorf("%w: void or missing type", ErrUnknownSize)
	}
	switch s.Kind {
	case layout.KindVoid, layout.KindFunction:
		return nil, 0, fmt.Errorf("%w: a %s is not passed by value", ErrUnknownSize, s.Kind)
	}
	if s.Size < 0 || s.Decl {
		return nil, 0, fmt.Errorf("%w: %s", ErrUnknownSize, layout.TypeName(s))
	}
	return s, s.Size, nil
}

func alignUp(n, a int64) int64 {
	if a <= 1 {
		return n
	}
	return (n + a - 1) / a * a
}

// ---- registers and stack ----

// regs hands out argument registers and stack slots left to right.
type regs struct {
	gpr, fpr   []string
	ngpr, nfpr int   // next free index
	stack      int64 // next free stack byte
}

func newRegs(m machine) *regs {
	if m.arch == "x86_64" {
		return &regs{gpr: []string{"rdi", "rsi", "rdx", "rcx", "r8", "r9"},
			fpr: []string{"xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7"}}
	}
	return &regs{gpr: []string{"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7"},
		fpr: []string{"v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7"}}
}

// takeGPR takes n consecutive general registers, or none when fewer are left.
func (r *regs) takeGPR(n int) ([]string, bool) {
	if r.ngpr+n > len(r.gpr) {
		return nil, false
	}
	out := r.gpr[r.ngpr : r.ngpr+n : r.ngpr+n]
	r.ngpr += n
	return out, true
}

// takeFPR takes n consecutive floating-point/vector registers, or none.
func (r *regs) takeFPR(n int) ([]string, bool) {
	if r.nfpr+n > len(r.fpr) {
		return nil, false
	}
	out := r.fpr[r.nfpr : r.nfpr+n : r.nfpr+n]
	r.nfpr += n
	return out, true
}

// push places size bytes on the stack at the next multiple of align (at
// least 8: every stack argument starts a new eightbyte) and returns the offset.
func (r *regs) push(size, align int64) int64 {
	off := alignUp(r.stack, max(align, 8))
	r.stack = off + alignUp(max(size, 1), 8)
	return off
}

// onStack is a Pass for a value copied to the stack.
func onStack(off int64) Pass { return Pass{Mode: Stack, StackOffset: off} }

// inRegs is a Pass for a value in registers.
func inRegs(names ...string) Pass {
	return Pass{Mode: Registers, Regs: append([]string(nil), names...), StackOffset: -1}
}
