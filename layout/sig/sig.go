// Package sig describes how every exported function of a binary receives its
// arguments and returns its result: the calling convention assumed for it,
// the register, stack slot or hidden pointer each value travels in, and,
// for optimised builds, whether the DWARF locations at the function's entry
// agree with that prediction.
package sig

import (
	"errors"
	"fmt"
	"strings"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/abi"
)

// Schema names the JSON format of a Report.
const Schema = "abidrift.sig/v1"

// NoCallNote is the note given instead of a prediction for a function
// whose DWARF carries DW_CC_nocall.
const NoCallNote = "signature rewritten by the optimiser (DW_CC_nocall): passing not predicted"

// Report is the passing of the exported functions of one binary.
type Report struct {
	Schema string `json:"schema"`
	// Arch is the architecture the passing was predicted for.
	Arch      string     `json:"arch"`
	Binary    string     `json:"binary"`
	Functions []Function `json:"functions"`
	// Omitted counts the exported functions left out because DWARF gives
	// no signature for them (no DWARF, or a unit built with limited debug info).
	Omitted int `json:"omitted"`
	// Notes are remarks that apply to the whole report.
	Notes []string `json:"notes,omitempty"`
}

// Function is the passing of one exported function.
type Function struct {
	// Name is the demangled name (with an instance's generic arguments);
	// Symbol the name in the symbol table.
	Name    string `json:"name"`
	Symbol  string `json:"symbol"`
	Version string `json:"version,omitempty"`
	// VersionHidden marks a non-default version (symbol@VER, not symbol@@VER).
	VersionHidden bool   `json:"version_hidden,omitempty"`
	Key           string `json:"key"`
	// ABI is "C" or "Rust"; ABIInferred is false when --abi chose it.
	ABI         string  `json:"abi"`
	ABIInferred bool    `json:"abi_inferred"`
	ABIReason   string  `json:"abi_reason,omitempty"`
	Params      []Param `json:"params"`
	// Ret is nil for a function returning nothing (void, unit, never).
	Ret      *Ret `json:"ret"`
	NoReturn bool `json:"noreturn"`
	NoCall   bool `json:"nocall"`
	Variadic bool `json:"variadic"`
	// Signature is false when DWARF gives no signature for the function:
	// Params and Ret then say nothing.
	Signature bool `json:"signature"`
	// Checks compare the predicted passing with the DWARF location of each
	// parameter at the function's entry; only parameters DWARF places are checked.
	Checks []Check  `json:"checks"`
	Notes  []string `json:"notes,omitempty"`
}

// Param is one parameter and how it is passed.
type Param struct {
	Name string `json:"name"`
	Type string `json:"type"`
	Size int64  `json:"size"`
	// Pass is nil when passing is not predicted (DW_CC_nocall, a type the
	// classifier cannot handle).
	Pass *abi.Pass `json:"pass"`
	// Entry is where DWARF places the value at the function's entry PC
	// (rdi, rsi+rdx, [rdi], stack+8), "" when it does not say.
	Entry string `json:"entry,omitempty"`
	// Check is the comparison of Pass with Entry, when one was made.
	Check *Check `json:"check,omitempty"`
}

// Ret is the result of a function and how it is returned.
type Ret struct {
	Type string    `json:"type"`
	Size int64     `json:"size"`
	Pass *abi.Pass `json:"pass"`
}

// Check is the comparison of a predicted passing with DWARF.
type Check struct {
	Param     int    `json:"param"`
	Name      string `json:"name"`
	Predicted string `json:"predicted"`
	Entry     string `json:"entry"`
	Agree     bool   `json:"agree"`
	Note      string `json:"note,omitempty"`
}

// Options tune Analyze.
type Options struct {
	// Arch overrides the binary's architecture ("x86_64", "aarch64"). The
	// DWARF cross-check only runs for the binary's own architecture.
	Arch string
	// Names select functions as Matches does. Empty selects all.
	Names []string
	// All keeps the functions DWARF gives no signature for even without Names.
	All bool
}

// Analyze predicts the passing of every selected exported function of s.
// f, when not nil, is the opened file s was read from; its location lists
// give the entry locations the predictions are checked against.
func Analyze(f *ddwarf.File, s *layout.Surface, opts Options) (*Report, error) {
	bin := s.Binary
	arch := opts.Arch
	if arch == "" {
		arch = bin.Arch
	}
	r := &Report{Schema: Schema, Arch: arch, Binary: bin.Path, Functions: []Function{}}
	var selected []*layout.Export
	for _, e := range s.Functions {
		if len(opts.Names) == 0 || Matches(e, opts.Names) {
			selected = append(selected, e)
		}
	}
	var entries *entryIndex
	check := f != nil && arch == bin.Arch
	if f != nil {
		var err error
		// In a relocatable object addresses are section offsets: with one
		// section per function every function starts at 0, so the entry
		// of a function is only trusted when its name matches.
		if entries, err = scanEntries(f, selected, bin.Kind == "relocatable"); err != nil {
			return nil, err
		}
	}
	if f != nil && arch != bin.Arch {
		r.Notes = append(r.Notes, fmt.Sprintf("predicted for %s but the binary is %s: DWARF entry locations not checked", arch, bin.Arch))
	}
	for _, e := range selected {
		fn := describe(e, arch, entries, check)
		if !fn.Signature && len(opts.Names) == 0 && !opts.All {
			r.Omitted++
			continue
		}
		r.Functions = append(r.Functions, fn)
	}
	return r, nil
}

// Matches reports whether e is selected by any of names: its Name,
// demangled name, Key or symbol, or the last segment of its name with or
// without C++ parameters and generic arguments (`area(long, long)`, `area`,
// `r_generic<u32>`, `r_generic`).
func Matches(e *layout.Export, names []string) bool {
	last := layout.LastSegment(e.Name)
	noParams, _, _ := strings.Cut(last, "(")
	bare, _, _ := strings.Cut(noParams, "<")
	for _, n := range names {
		switch n {
		case e.Name, e.Demangled, e.Key, e.Symbol, last, noParams, bare:
			return true
		}
	}
	return false
}

// describe builds the report entry of one function.
func describe(e *layout.Export, arch string, entries *entryIndex, check bool) Function {
	out := Function{Name: e.Name, Symbol: e.Symbol, Version: e.Version, VersionHidden: e.Hidden, Key: e.Key,
		ABI: string(e.ABI), ABIInferred: e.ABIInferred, ABIReason: e.ABIReason,
		Params: []Param{}, Checks: []Check{}}
	fn := e.Function
	if fn == nil {
		out.Notes = append(out.Notes, "no DWARF for this symbol: signature unknown")
		return out
	}
	var ent *entryFunc
	if entries != nil {
		ent = entries.lookup(e)
		if entries.limited(ent, e) {
			out.Notes = append(out.Notes, "its unit was built with limited debug info (no parameters or types): signature unknown")
			return out
		}
	}
	out.Signature = true
	out.NoReturn, out.NoCall, out.Variadic = fn.NoReturn, fn.NoCall, fn.Variadic
	for _, p := range fn.Params {
		out.Params = append(out.Params, Param{Name: p.Name, Type: typeName(p.Type), Size: typeSize(p.Type)})
	}
	if fn.Result != nil {
		out.Ret = &Ret{Type: typeName(fn.Result), Size: typeSize(fn.Result)}
	}
	if ent != nil {
		for i, loc := range ent.match(fn) {
			if loc != nil {
				out.Params[i].Entry = loc.String()
			}
		}
	}
	if fn.NoCall {
		out.Notes = append(out.Notes, NoCallNote)
		return out
	}
	params, ret, err := Predict(arch, e.ABI, fn)
	if err != nil {
		out.Notes = append(out.Notes, "passing not predicted: "+err.Error())
		return out
	}
	for i := range out.Params {
		if i < len(params) {
			p := params[i]
			out.Params[i].Pass = &p
		}
	}
	if out.Ret != nil && ret != nil {
		out.Ret.Pass = ret
	}
	if e.ABI == layout.ABIRust {
		out.Notes = append(out.Notes, reprNotes(fn)...)
	}
	if !check || ent == nil {
		return out
	}
	for i, loc := range ent.match(fn) {
		p := &out.Params[i]
		if loc == nil || p.Pass == nil {
			continue
		}
		c, ok := compare(*p.Pass, loc, arch)
		if !ok {
			continue
		}
		c.Param, c.Name = i, p.Name
		out.Checks = append(out.Checks, c)
	}
	for i := range out.Checks {
		out.Params[out.Checks[i].Param].Check = &out.Checks[i]
	}
	return out
}

// reprNotes warns about the values whose Rust-ABI passing depends on a repr
// attribute DWARF does not record.
func reprNotes(fn *layout.Function) []string {
	var notes []string
	warn := func(what string, t *layout.Type) {
		if abi.ReprDependent(t) {
			notes = append(notes, fmt.Sprintf("%s: %s is predicted as repr(Rust); DWARF does not record repr, and a #[repr(C)] one would be passed as an aggregate", what, layout.TypeName(t)))
		}
	}
	for _, p := range fn.Params {
		warn("parameter "+p.Name, p.Type)
	}
	if fn.Result != nil {
		warn("result", fn.Result)
	}
	return notes
}

// ErrNoCall is returned by Predict for a function marked DW_CC_nocall.
var ErrNoCall = errors.New(NoCallNote)

// Predict says how each parameter and the result of fn travel on arch under
// the calling convention conv: the one prediction behind both `abidrift sig`
// and the passing changes `abidrift diff` reports. It fails for functions
// whose DWARF signature the optimiser rewrote (ErrNoCall), and for targets,
// conventions and types the classifiers do not know.
func Predict(arch string, conv layout.ABI, fn *layout.Function) (params []abi.Pass, result *abi.Pass, err error) {
	if fn.NoCall {
		return nil, nil, ErrNoCall
	}
	sig := abi.Signature{Result: fn.Result, Variadic: fn.Variadic}
	for _, p := range fn.Params {
		sig.Params = append(sig.Params, p.Type)
	}
	return abi.Classify(arch, string(conv), sig)
}

func typeName(t *layout.Type) string {
	if t == nil {
		return "?"
	}
	return layout.TypeName(t)
}

func typeSize(t *layout.Type) int64 {
	if t == nil {
		return -1
	}
	return t.Size
}

// PassString spells a parameter's passing: rdi, rdi+rsi, xmm0, stack+8,
// r9+stack+0 (split), indirect via rsi, indirect via stack+8, ignored.
func PassString(p *abi.Pass) string {
	if p == nil {
		return "not predicted"
	}
	switch p.Mode {
	case abi.Registers:
		s := strings.Join(p.Regs, "+")
		if p.StackOffset >= 0 {
			if s != "" {
				s += "+"
			}
			s += fmt.Sprintf("stack+%d", p.StackOffset)
		}
		return s
	case abi.Stack:
		return fmt.Sprintf("stack+%d", p.StackOffset)
	case abi.Indirect:
		if len(p.Regs) > 0 {
			return "indirect via " + p.Regs[0]
		}
		return fmt.Sprintf("indirect via stack+%d", p.StackOffset)
	case abi.Ignored:
		return "ignored"
	}
	return string(p.Mode)
}

// RetString spells a result's passing: rax, rax+rdx, xmm0, sret via rdi.
func RetString(p *abi.Pass) string {
	if p != nil && p.Mode == abi.Indirect {
		if len(p.Regs) > 0 {
			return "sret via " + p.Regs[0]
		}
		return "sret via stack"
	}
	return PassString(p)
}
