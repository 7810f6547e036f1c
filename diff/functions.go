package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/abi"
)

// function compares the signatures of an exported function present in both builds.
func (c *comparer) function(oe, ne *entry, w where) {
	o, n := oe.fn, ne.fn
	name := w.subject
	if o.Variadic != n.Variadic {
		c.add(w, VariadicChanged, Breaking, "%s %s variadic", name, map[bool]string{true: "became", false: "is no longer"}[n.Variadic])
	}
	if len(o.Params) != len(n.Params) {
		c.add(w, ParamCountChanged, Breaking, "%s takes %d parameters instead of %d: (%s) -> (%s)", name,
			len(n.Params), len(o.Params), paramList(o), paramList(n))
	}
	for i := 0; i < min(len(o.Params), len(n.Params)); i++ {
		po, pn := o.Params[i], n.Params[i]
		label := paramLabel(i, pn)
		if d := c.typeDelta(po.Type, pn.Type, w.at(fmt.Sprintf("%s(%s)", name, paramSlot(i, pn)))); d != nil {
			kind := ParamTypeChanged
			if d.fnptr {
				kind = FnPointerChanged
			}
			c.add(w, kind, d.sev, "%s of %s changed type from %s to %s (%s)", label, name, spell(po.Type), spell(pn.Type), d.why)
		}
	}
	// A function that no longer returns has no result to misread.
	if d := c.typeDelta(o.Result, n.Result, w.at(name+"(result)")); d != nil && !(n.NoReturn && isVoid(n.Result)) {
		kind := ReturnTypeChanged
		if d.fnptr {
			kind = FnPointerChanged
		}
		c.add(w, kind, d.sev, "the return type of %s changed from %s to %s (%s)", name, spell(o.Result), spell(n.Result), d.why)
	}
	if o.NoReturn != n.NoReturn {
		c.add(w, NoReturnChanged, PossiblyBreaking, "%s %s", name, map[bool]string{true: "no longer returns (noreturn)", false: "may now return (noreturn dropped)"}[n.NoReturn])
	}
	if len(o.Params) == len(n.Params) && o.Variadic == n.Variadic {
		c.passing(oe, ne, w)
	}
}

func paramSlot(i int, p layout.Param) string {
	if p.Name != "" {
		return p.Name
	}
	return fmt.Sprintf("parameter %d", i+1)
}

func paramLabel(i int, p layout.Param) string {
	if p.Name != "" {
		return fmt.Sprintf("parameter %d (`%s`)", i+1, p.Name)
	}
	return fmt.Sprintf("parameter %d", i+1)
}

// passing reports parameters and results that travel differently, when the
// passing of both builds' targets is known.
func (c *comparer) passing(oe, ne *entry, w where) {
	o, n := oe.fn, ne.fn
	pa, ra, oka := c.opts.Passing(c.old.bin.Arch, oe.conv, o)
	pb, rb, okb := c.opts.Passing(c.new.bin.Arch, ne.conv, n)
	if !oka || !okb {
		return
	}
	if len(pa) == len(pb) {
		for i := range pa {
			if !samePass(&pa[i], &pb[i]) {
				c.add(w, ParamPassingChanged, Breaking, "%s of %s was passed %s, now %s", paramLabel(i, n.Params[i]), w.subject,
					describePass(&pa[i], false), describePass(&pb[i], false))
			}
		}
	}
	if !samePass(ra, rb) && !(n.NoReturn && isVoid(n.Result)) {
		c.add(w, ReturnPassingChanged, Breaking, "the result of %s was returned %s, now %s", w.subject, describePass(ra, true), describePass(rb, true))
	}
}

func samePass(a, b *abi.Pass) bool {
	if a == nil || b == nil {
		return (a == nil || a.Mode == abi.Ignored) && (b == nil || b.Mode == abi.Ignored)
	}
	return a.Mode == b.Mode && slices.Equal(a.Regs, b.Regs) && (a.StackOffset == b.StackOffset || a.Mode == abi.Registers)
}

// describePass says how a value travels: "in rdi", "on the stack at offset 8".
func describePass(p *abi.Pass, result bool) string {
	if p == nil || p.Mode == abi.Ignored {
		return "not at all (zero-sized)"
	}
	regs := strings.Join(p.Regs, ", ")
	switch p.Mode {
	case abi.Registers:
		s := "in " + regs
		if p.StackOffset >= 0 {
			s += fmt.Sprintf(" and on the stack at offset %d", p.StackOffset)
		}
		return s
	case abi.Stack:
		return fmt.Sprintf("on the stack at offset %d", p.StackOffset)
	case abi.Indirect:
		if result {
			if regs == "" {
				return "through a hidden result pointer"
			}
			return "through a hidden result pointer in " + regs
		}
		if regs == "" {
			return "by a pointer on the stack"
		}
		return "by a pointer in " + regs
	}
	return string(p.Mode)
}
