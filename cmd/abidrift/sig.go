package main

import (
	"fmt"

	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/sig"
)

const sigAbout = `Print each exported function with how every argument and the result are passed:
in which registers (rdi, xmm0, x0, v0), on the stack (stack+8), by a hidden pointer
(indirect via rsi, sret via rdi), or not at all (ignored, for zero-sized values).

Exported means present in the dynamic symbol table (.symtab for relocatable objects
and files without .dynsym). The calling convention is inferred: C for unmangled
symbols and functions of C and C++ units, Rust for Rust-mangled symbols. Override it
with --abi PATTERN=C|Rust, where PATTERN is a glob (* matches any run of characters,
:: included; ? one character) that must match the whole demangled name, the symbol,
or the stable key; later --abi flags win over earlier ones.

In optimised builds DWARF says where each parameter is at the function's entry; the
prediction is checked against it and a disagreement is reported.

NAME matches the demangled name (crate::module::f), its last segment (f<u32>,
area(long, long)), that segment without parameters or generic arguments (f, area),
or the symbol. Without NAME, every exported function with a DWARF signature is shown.`

func runSig(c *cli, args []string) int {
	fs := c.flags("sig", "[flags] BINARY [NAME...]", sigAbout)
	var rf readFlags
	rf.register(fs, "text", "json")
	arch := fs.String("arch", "", "predict for x86_64 or aarch64 (default: the binary's architecture)")
	abiRules := fs.StringArray("abi", nil, "PATTERN=C|Rust: the ABI of the functions matching the glob PATTERN (repeatable)")
	all := fs.Bool("all", false, "also list exported functions DWARF gives no signature for")
	if st := c.parse(fs, args); st >= 0 {
		return st
	}
	if err := rf.checkFormat(); err != nil {
		return c.usageError("sig", "%v", err)
	}
	switch *arch {
	case "", "x86_64", "aarch64":
	default:
		return c.usageError("sig", "unknown --arch %q: use x86_64 or aarch64", *arch)
	}
	var rules []layout.ABIRule
	for _, s := range *abiRules {
		r, err := layout.ParseABIRule(s)
		if err != nil {
			return c.usageError("sig", "%v", err)
		}
		rules = append(rules, r)
	}
	if fs.NArg() < 1 {
		return c.usageError("sig", "missing BINARY")
	}
	path, names := fs.Arg(0), fs.Args()[1:]
	f, err := rf.open(path)
	if err != nil {
		return c.fail(err)
	}
	defer f.Close()
	symbols, err := f.Symbols()
	if err != nil {
		return c.fail(err)
	}
	opts := buildOptions(path)
	opts.Exports = symbols // only the exported surface is listed
	bin, err := layout.Build(f, opts)
	if err != nil {
		return c.fail(err)
	}
	surface := layout.NewSurface(bin, symbols, layout.ExportOptions{ABIRules: rules})
	report, err := sig.Analyze(f, surface, sig.Options{Arch: *arch, Names: names, All: *all})
	if err != nil {
		return c.fail(err)
	}
	if len(names) > 0 && len(report.Functions) == 0 {
		return c.fail(fmt.Errorf("%s: no exported function named %v", path, names))
	}
	if rf.format == "json" {
		err = sig.WriteJSON(c.stdout, report)
	} else {
		err = sig.WriteText(c.stdout, report)
	}
	if err != nil {
		return c.fail(err)
	}
	return exitOK
}
