package sig

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/go-delve/delve/pkg/dwarf/op"
	"github.com/go-delve/delve/pkg/dwarf/regnum"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout/abi"
)

// locKind says what a DWARF location at a function's entry describes.
type locKind int

const (
	locNone     locKind = iota // no location at this address
	locRegs                    // the value is in registers, one per piece
	locMemory                  // the value is in memory at a register plus an offset
	locStack                   // the value is on the stack, at an offset from the caller's stack pointer
	locComputed                // a constant or computed value: says nothing about passing
	locUnknown                 // an expression this reader does not interpret
)

// location is where DWARF places a parameter at the function's entry.
type location struct {
	kind  locKind
	regs  []string // locRegs
	base  string   // locMemory
	off   int64    // locMemory: offset from base; locStack: offset from the caller's SP
	desc  string   // locUnknown, locComputed
	parts int      // number of DW_OP_piece pieces
	// tail is, for a value split between registers and the stack (a Rust
	// pair on the last argument register), the stack offset of its last piece.
	tail *int64
	// later is the distance from the entry to the first address DWARF
	// describes the value at, when it does not describe it at the entry itself.
	later uint64
}

func (l *location) String() string {
	s := l.string()
	if l.later > 0 {
		s += fmt.Sprintf(" (from entry+%d)", l.later)
	}
	return s
}

func (l *location) string() string {
	switch l.kind {
	case locRegs:
		s := strings.Join(l.regs, "+")
		if l.tail != nil {
			s += fmt.Sprintf("+stack+%d", *l.tail)
		}
		return s
	case locMemory:
		if l.off == 0 {
			return "[" + l.base + "]"
		}
		return fmt.Sprintf("[%s%+d]", l.base, l.off)
	case locStack:
		return fmt.Sprintf("stack+%d", l.off)
	}
	return l.desc
}

// DWARF operations the decoder interprets.
const (
	opAddr        = 0x03
	opDeref       = 0x06
	opConst1u     = 0x08
	opConsts      = 0x11
	opPlusUconst  = 0x23
	opLit0        = 0x30
	opLit31       = 0x4f
	opReg0        = 0x50
	opReg31       = 0x6f
	opBreg0       = 0x70
	opBreg31      = 0x8f
	opRegx        = 0x90
	opFbreg       = 0x91
	opBregx       = 0x92
	opPiece       = 0x93
	opNop         = 0x96
	opCallCFA     = 0x9c
	opBitPiece    = 0x9d
	opImplicitVal = 0x9e
	opStackValue  = 0x9f
	opEntryValue  = 0xa3
	opGNUEntryVal = 0xf3
)

// decodeLocation interprets the location expression a parameter has at its
// function's entry. fb relates DW_OP_fbreg offsets to the caller's stack
// pointer; nil when the frame base is unknown.
func decodeLocation(expr []byte, arch string, fb frameBase) *location {
	r := &ddwarf.ByteReader{B: expr}
	unknown := func() *location { return &location{kind: locUnknown, desc: prettyExpr(expr, arch)} }
	var (
		pending *location
		pieces  []*location
	)
	for r.More() {
		code := r.Byte()
		switch {
		case code >= opReg0 && code <= opReg31:
			pending = &location{kind: locRegs, regs: []string{regName(arch, uint64(code-opReg0))}}
		case code == opRegx:
			pending = &location{kind: locRegs, regs: []string{regName(arch, r.ULEB())}}
		case code >= opBreg0 && code <= opBreg31:
			pending = memoryAt(arch, uint64(code-opBreg0), r.SLEB())
		case code == opBregx:
			reg := r.ULEB()
			pending = memoryAt(arch, reg, r.SLEB())
		case code == opFbreg:
			off := r.SLEB()
			if fb == nil {
				return unknown()
			}
			so, ok := fb(off)
			if !ok {
				return unknown()
			}
			pending = stackAt(so)
		case code == opPlusUconst:
			n := r.ULEB()
			if pending == nil || pending.kind != locMemory && pending.kind != locStack {
				return unknown()
			}
			pending.off += int64(n)
		case code == opEntryValue || code == opGNUEntryVal:
			n := r.ULEB()
			sub := r.Bytes(int(n))
			inner := decodeLocation(sub, arch, fb)
			if inner.kind != locRegs || len(inner.regs) != 1 {
				return unknown()
			}
			// The value the register had on entry: at the entry, the register itself.
			pending = &location{kind: locRegs, regs: inner.regs}
		case code == opStackValue:
			if pending == nil || pending.kind == locMemory || pending.kind == locStack {
				pending = &location{kind: locComputed, desc: "computed"}
			}
		case code == opAddr:
			r.Bytes(8)
			pending = &location{kind: locComputed, desc: "computed"}
		case code >= opLit0 && code <= opLit31, code == opImplicitVal:
			if code == opImplicitVal {
				r.Bytes(int(r.ULEB()))
			}
			pending = &location{kind: locComputed, desc: "constant"}
		case code >= opConst1u && code <= opConsts:
			skipConst(r, code)
			pending = &location{kind: locComputed, desc: "constant"}
		case code == opPiece || code == opBitPiece:
			r.ULEB()
			if code == opBitPiece {
				r.ULEB()
			}
			if pending == nil {
				pending = &location{kind: locNone}
			}
			pieces = append(pieces, pending)
			pending = nil
		case code == opNop:
		case code == opCallCFA, code == opDeref:
			return unknown()
		default:
			return unknown()
		}
		if r.Err != nil {
			return unknown()
		}
	}
	if len(pieces) == 0 {
		if pending == nil {
			return &location{kind: locNone}
		}
		return pending
	}
	if pending != nil {
		pieces = append(pieces, pending)
	}
	out := &location{kind: locRegs, parts: len(pieces)}
	for i, p := range pieces {
		if p.kind == locStack && i == len(pieces)-1 && i > 0 {
			off := p.off
			out.tail = &off
			break
		}
		if p.kind != locRegs {
			if p == pieces[0] && (p.kind == locMemory || p.kind == locStack) {
				p.parts = len(pieces)
				return p
			}
			return unknown()
		}
		out.regs = append(out.regs, p.regs...)
	}
	return out
}

// memoryAt is the location "memory at register reg plus off": a value
// passed by reference, or one on the stack when reg is the stack pointer.
func memoryAt(arch string, reg uint64, off int64) *location {
	switch {
	case arch == "x86_64" && reg == regnum.AMD64_Rsp:
		// At the entry the return address sits at rsp; the caller's rsp is rsp+8.
		return stackAt(off - 8)
	case arch == "aarch64" && reg == regnum.ARM64_SP:
		return stackAt(off)
	}
	return &location{kind: locMemory, base: regName(arch, reg), off: off}
}

// stackAt is the location at off from the caller's stack pointer. Below it
// lies the callee's own frame: a copy the function made, not where the
// argument was passed.
func stackAt(off int64) *location {
	if off < 0 {
		return &location{kind: locComputed, desc: fmt.Sprintf("own frame%+d", off)}
	}
	return &location{kind: locStack, off: off}
}

func skipConst(r *ddwarf.ByteReader, code byte) {
	switch code {
	case 0x08, 0x09:
		r.Bytes(1)
	case 0x0a, 0x0b:
		r.Bytes(2)
	case 0x0c, 0x0d:
		r.Bytes(4)
	case 0x0e, 0x0f:
		r.Bytes(8)
	case 0x10:
		r.ULEB()
	case 0x11:
		r.SLEB()
	}
}

// regName is the name the abi package uses for a DWARF register number.
func regName(arch string, n uint64) string {
	switch arch {
	case "x86_64":
		names := []string{"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
			"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip"}
		if n < uint64(len(names)) {
			return names[n]
		}
		if n >= regnum.AMD64_XMM0 && n <= regnum.AMD64_XMM0+15 {
			return fmt.Sprintf("xmm%d", n-regnum.AMD64_XMM0)
		}
		return strings.ToLower(regnum.AMD64ToName(n))
	case "aarch64":
		return strings.ToLower(regnum.ARM64ToName(n))
	}
	return fmt.Sprintf("reg%d", n)
}

// prettyExpr renders an expression for people, as delve prints it.
func prettyExpr(expr []byte, arch string) string {
	var b bytes.Buffer
	op.PrettyPrint(&b, expr, func(n uint64) string { return regName(arch, n) })
	return strings.TrimSpace(b.String())
}

// sameReg compares register names, taking the AArch64 views of one vector
// register (v0, q0, d0, s0, h0, b0) as equal.
func sameReg(a, b string) bool {
	return normReg(a) == normReg(b)
}

func normReg(r string) string {
	r = strings.ToLower(r)
	if len(r) > 1 && strings.ContainsRune("vqdshb", rune(r[0])) && r[1] >= '0' && r[1] <= '9' {
		return "v" + r[1:]
	}
	return r
}

// compare checks a predicted passing against the entry location; ok is
// false when the location says nothing the prediction can be checked by.
func compare(p abi.Pass, l *location, arch string) (Check, bool) {
	c := Check{Predicted: PassString(&p), Entry: l.String()}
	switch p.Mode {
	case abi.Registers:
		if len(p.Regs) == 0 {
			return c, false
		}
		switch l.kind {
		case locRegs:
			c.Agree = true
			for i := 0; i < len(l.regs) && i < len(p.Regs); i++ {
				if !sameReg(l.regs[i], p.Regs[i]) {
					c.Agree = false
				}
			}
			if l.tail != nil && p.StackOffset >= 0 && *l.tail != p.StackOffset {
				c.Agree = false
			}
		case locMemory:
			c.Note = "DWARF has the value in memory at " + l.base + ": passed by reference, not in registers"
		case locStack:
			c.Note = "DWARF has the value on the stack, not in registers"
		default:
			return c, false
		}
	case abi.Indirect:
		if len(p.Regs) == 0 {
			return c, false
		}
		switch l.kind {
		case locMemory:
			c.Agree = sameReg(l.base, p.Regs[0]) && l.off == 0
		case locRegs:
			c.Agree = sameReg(l.regs[0], p.Regs[0])
			if l.parts > 1 || len(l.regs) > 1 {
				c.Agree = false
				c.Note = "DWARF has the value itself in registers, not a pointer to it"
			}
		case locStack:
			c.Note = "DWARF has the value on the stack, not behind a pointer"
		default:
			return c, false
		}
	case abi.Stack:
		switch l.kind {
		case locStack:
			c.Agree = l.off == p.StackOffset
		case locRegs, locMemory:
			c.Note = "DWARF has the value in " + l.String() + ", not on the stack"
		default:
			return c, false
		}
	default:
		return c, false
	}
	return c, true
}
