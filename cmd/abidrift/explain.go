package main

import (
	"fmt"
	"os"

	"github.com/abidrift/abidrift/diff/explain"
	"github.com/abidrift/abidrift/dwarf"
)

const explainUsage = "[--format text|json|markdown] [--error TEXT] [--lib-path DIR]... [--old OLD_PROVIDER] CONSUMER PROVIDER"

const explainAbout = `Explain why CONSUMER (a program or library) fails to load with PROVIDER (a library it
uses, rebuilt), or loads and then misbehaves.

Missing symbols: CONSUMER's undefined, non-weak dynamic symbols (with their versions) that
neither PROVIDER nor the rest of what CONSUMER loads defines. DT_NEEDED libraries are found
through --lib-path, DT_RPATH/DT_RUNPATH ($ORIGIN expanded), PROVIDER's directory and
/lib, /usr/lib, /lib/x86_64-linux-gnu, /usr/lib/x86_64-linux-gnu (under --sysroot); nothing
is executed or loaded. Each missing symbol is paired with PROVIDER's counterpart by its
stable key (the demangled path without hash or crate disambiguator) and given a cause:
  crate-identity-changed  every symbol of a Rust crate changed: another -C metadata
  rustc-version-changed   every symbol of a Rust crate changed: another rustc
  item-changed            the item's signature or a type it names changed its legacy hash
  hash-changed            a new hash, but DWARF shows no difference
  version-mismatch        the name is there, at another symbol version
  renamed / removed       no counterpart; the closest paths are shown

Layouts: CONSUMER's own DWARF records the types it was compiled against, so every type
that crosses the boundary is compared as CONSUMER saw it with PROVIDER's DWARF; no copy of
the old provider is needed (--old adds one when available). Differences in symbols that
do resolve are silent breaks: they load and misbehave.

--error takes the loader's message as printed (dlopen failed: ./libplug.so: undefined
symbol: X; ./host: symbol lookup error: ./host: undefined symbol: X, version V; version
` + "`V'" + ` not found (required by ./prog)) and puts what it names first.

Exit status, as diff's:
  0   nothing wrong
  1   error
  2   usage error
  4   differences that are not known to break
  12  (4|8) CONSUMER fails to load, or a silent change breaks it`

func runExplain(c *cli, args []string) int {
	fs := c.flags("explain", explainUsage, explainAbout)
	var rf readFlags
	rf.register(fs, "text", "json", "markdown")
	errText := fs.String("error", "", "the loader's message, as printed")
	errFile := fs.String("error-file", "", "read the loader's message from FILE")
	var libPaths []string
	fs.StringArrayVar(&libPaths, "lib-path", nil, "directory searched first for DT_NEEDED libraries (repeatable)")
	old := fs.String("old", "", "the provider CONSUMER was built against, when available: compared too")
	sysroot := fs.String("sysroot", "", "look for the default library directories and absolute run paths under DIR")
	verbose := fs.BoolP("verbose", "v", false, "list every library read and every user of a silent change")
	if st := c.parse(fs, args); st >= 0 {
		return st
	}
	if err := rf.checkFormat(); err != nil {
		return c.usageError("explain", "%v", err)
	}
	if fs.NArg() != 2 {
		return c.usageError("explain", "want CONSUMER and PROVIDER, got %d arguments", fs.NArg())
	}
	if *errText != "" && *errFile != "" {
		return c.usageError("explain", "give --error or --error-file, not both")
	}
	if *errFile != "" {
		b, err := os.ReadFile(*errFile)
		if err != nil {
			return c.fail(err)
		}
		*errText = string(b)
	}
	opts := explain.Options{
		LibPaths: libPaths,
		Sysroot:  *sysroot,
		Error:    *errText,
		Old:      *old,
		Read: dwarf.Options{
			Limits:    rf.limits(),
			DebugDirs: rf.debugDirs,
			Map:       true,
		},
	}
	r, err := explain.Explain(fs.Arg(0), fs.Arg(1), opts)
	if err != nil {
		return c.fail(err)
	}
	ro := explain.RenderOptions{Verbose: *verbose}
	switch rf.format {
	case "json":
		err = explain.JSON(c.stdout, r)
	case "markdown":
		err = explain.Markdown(c.stdout, r, ro)
	default:
		err = explain.Text(c.stdout, r, ro)
	}
	if err != nil {
		return c.fail(fmt.Errorf("writing the explanation: %w", err))
	}
	switch {
	case r.Breaking():
		return exitChange | exitIncompatible
	case r.Differs():
		return exitChange
	}
	return exitOK
}
