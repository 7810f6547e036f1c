// Package abi predicts how each argument and result of a function is passed
// under a calling convention: in which registers, on the stack, or by a
// hidden pointer. There is one file per convention.
package abi

import "github.com/abidrift/abidrift/layout"

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
