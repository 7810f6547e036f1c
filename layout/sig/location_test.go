package sig

import (
	"testing"

	"github.com/abidrift/abidrift/layout/abi"
)

func TestDecodeLocation(t *testing.T) {
	cfa := func(off int64) (int64, bool) { return off, true }
	for _, c := range []struct {
		name string
		arch string
		expr []byte
		fb   frameBase
		kind locKind
		want string
	}{
		{"reg", "x86_64", []byte{0x55}, nil, locRegs, "rdi"},
		{"xmm", "x86_64", []byte{0x51 + 0x10}, nil, locRegs, "xmm0"},
		{"regx xmm2", "x86_64", []byte{0x90, 19}, nil, locRegs, "xmm2"},
		{"pair", "x86_64", []byte{0x55, 0x93, 8, 0x54, 0x93, 8}, nil, locRegs, "rdi+rsi"},
		{"by reference", "x86_64", []byte{0x75, 0}, nil, locMemory, "[rdi]"},
		{"rsp at entry", "x86_64", []byte{0x77, 16}, nil, locStack, "stack+8"},
		{"split pair", "x86_64", []byte{0x59, 0x93, 8, 0x77, 8, 0x93, 8}, nil, locRegs, "r9+stack+0"},
		{"fbreg cfa", "x86_64", []byte{0x91, 8}, cfa, locStack, "stack+8"},
		{"fbreg unknown base", "x86_64", []byte{0x91, 8}, nil, locUnknown, ""},
		{"entry value", "x86_64", []byte{0xa3, 1, 0x54, 0x9f}, nil, locRegs, "rsi"},
		{"GNU entry value", "x86_64", []byte{0xf3, 1, 0x51, 0x9f}, nil, locRegs, "rdx"},
		{"constant", "x86_64", []byte{0x35, 0x9f}, nil, locComputed, "constant"},
		{"computed", "x86_64", []byte{0x75, 1, 0x9f}, nil, locComputed, "computed"},
		{"half optimised out", "x86_64", []byte{0x93, 8, 0x62, 0x93, 8}, nil, locUnknown, ""},
		{"aarch64 x", "aarch64", []byte{0x51}, nil, locRegs, "x1"},
		{"aarch64 v", "aarch64", []byte{0x90, 66}, nil, locRegs, "v2"},
		{"aarch64 sp", "aarch64", []byte{0x8f, 16}, nil, locStack, "stack+16"},
		{"truncated", "x86_64", []byte{0x90}, nil, locUnknown, ""},
	} {
		l := decodeLocation(c.expr, c.arch, c.fb)
		if l.kind != c.kind || c.want != "" && l.String() != c.want {
			t.Errorf("%s: kind %d %q, want %d %q", c.name, l.kind, l.String(), c.kind, c.want)
		}
	}
}

func TestCompare(t *testing.T) {
	regs := func(r ...string) abi.Pass { return abi.Pass{Mode: abi.Registers, Regs: r, StackOffset: -1} }
	x86 := func(expr ...byte) *location { return decodeLocation(expr, "x86_64", nil) }
	for _, c := range []struct {
		name      string
		p         abi.Pass
		l         *location
		checked   bool
		agree     bool
		predicted string
	}{
		{"same register", regs("rdi"), x86(0x55), true, true, "rdi"},
		{"other register", regs("rdi"), x86(0x54), true, false, "rdi"},
		{"pair", regs("rdi", "rsi"), x86(0x55, 0x93, 8, 0x54, 0x93, 8), true, true, "rdi+rsi"},
		{"pair swapped", regs("rdi", "rsi"), x86(0x54, 0x93, 8, 0x55, 0x93, 8), true, false, "rdi+rsi"},
		{"predicted registers, by reference", regs("rdi", "rsi"), x86(0x75, 0), true, false, "rdi+rsi"},
		{"indirect", abi.Pass{Mode: abi.Indirect, Regs: []string{"rdi"}, StackOffset: -1}, x86(0x75, 0), true, true, "indirect via rdi"},
		{"indirect, value in registers", abi.Pass{Mode: abi.Indirect, Regs: []string{"rdi"}, StackOffset: -1}, x86(0x55, 0x93, 8, 0x54, 0x93, 8), true, false, "indirect via rdi"},
		{"stack", abi.Pass{Mode: abi.Stack, StackOffset: 8}, x86(0x77, 16), true, true, "stack+8"},
		{"stack, other slot", abi.Pass{Mode: abi.Stack, StackOffset: 0}, x86(0x77, 16), true, false, "stack+0"},
		{"split", abi.Pass{Mode: abi.Registers, Regs: []string{"r9"}, StackOffset: 0}, x86(0x59, 0x93, 8, 0x77, 8, 0x93, 8), true, true, "r9+stack+0"},
		{"constant", regs("rdi"), x86(0x35, 0x9f), false, false, "rdi"},
		{"ignored", abi.Pass{Mode: abi.Ignored, StackOffset: -1}, x86(0x55), false, false, "ignored"},
	} {
		got, ok := compare(c.p, c.l, "x86_64")
		if ok != c.checked || ok && got.Agree != c.agree || got.Predicted != c.predicted {
			t.Errorf("%s: checked %v agree %v predicted %q (%s)", c.name, ok, got.Agree, got.Predicted, got.Note)
		}
	}
	if !sameReg("d0", "v0") || !sameReg("V3", "q3") || sameReg("x0", "v0") {
		t.Error("sameReg")
	}
}

func TestPassString(t *testing.T) {
	for _, c := range []struct {
		p      *abi.Pass
		param  string
		result string
	}{
		{nil, "not predicted", "not predicted"},
		{&abi.Pass{Mode: abi.Registers, Regs: []string{"rax", "rdx"}, StackOffset: -1}, "rax+rdx", "rax+rdx"},
		{&abi.Pass{Mode: abi.Stack, StackOffset: 16}, "stack+16", "stack+16"},
		{&abi.Pass{Mode: abi.Indirect, Regs: []string{"rsi"}, StackOffset: -1}, "indirect via rsi", "sret via rsi"},
		{&abi.Pass{Mode: abi.Indirect, StackOffset: 8}, "indirect via stack+8", "sret via stack"},
		{&abi.Pass{Mode: abi.Ignored, StackOffset: -1}, "ignored", "ignored"},
	} {
		if got := PassString(c.p); got != c.param {
			t.Errorf("PassString(%+v) = %q, want %q", c.p, got, c.param)
		}
		if got := RetString(c.p); got != c.result {
			t.Errorf("RetString(%+v) = %q, want %q", c.p, got, c.result)
		}
	}
}
