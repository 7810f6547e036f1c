package main

import (
	"fmt"
	"regexp"
	"runtime/debug"
	"sync"

	"github.com/abidrift/abidrift/diff"
	"github.com/abidrift/abidrift/diff/render"
	"github.com/abidrift/abidrift/diff/suppress"
	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/dump"
)

const diffAbout = `Compare the ABI of two builds of a library and report what changed: exported functions
and variables removed or added, parameters and results whose types or passing changed, and
changes to the layout of every type they reach (sizes, alignments, field offsets and types,
enum tags, niches, discriminants and variants, trait vtables). Each side is a binary with
DWARF or a dump written by 'abidrift dump' (told apart by content: a dump starts with '{').

Each change has a kind, a severity (breaking, possibly-breaking or compatible) and, for type
changes, the exported functions and variables that reach it with the path to it.

By default only the types that exported functions and variables reach are compared, and
only those are decoded (with each one's counterpart on the other side): much cheaper on large
binaries. --all-types and --types read every type.

How values are passed is predicted as 'abidrift sig' predicts it, under the calling
convention it infers (C for unmangled symbols and C/C++ units, Rust for Rust-mangled
symbols); --abi PATTERN=C|Rust overrides it on both sides, as for 'abidrift sig'.

Exit status is a bitmask, as abidiff's:
  0   no change reported
  1   error (unreadable input, bad suppression file)
  2   usage error
  4   changes were reported (bit 4), none of them at or above the --fail-on level
  12  (4|8) at least one change at or above the --fail-on level
--fail-on sets which severities set the 8 bit:
  breaking  (default) only breaking changes
  possibly  breaking and possibly-breaking changes
  any       every reported change, compatible ones too
Suppressed changes set no bit.`

func runDiff(c *cli, args []string) int {
	fs := c.flags("diff", "[flags] OLD NEW", diffAbout)
	var rf readFlags
	rf.register(fs, "text", "json", "markdown")
	verbose := fs.BoolP("verbose", "v", false, "text and markdown: list every change with its location and every impacted symbol")
	failOn := fs.String("fail-on", "breaking", "lowest severity that sets the 8 bit of the exit status: breaking, possibly or any")
	var suppressions []string
	fs.StringArrayVar(&suppressions, "suppress", nil, "suppression file: abidrift TOML [[rule]]s or a libabigail .abignore subset (repeatable)")
	allTypes := fs.Bool("all-types", false, "compare every named type, not only those exported functions and variables reach")
	typesRE := fs.String("types", "", "compare only named types whose qualified name matches this regexp (reachable or not)")
	abiRules := fs.StringArray("abi", nil, "PATTERN=C|Rust: the ABI of the functions matching the glob PATTERN, on both sides (repeatable; as for sig)")
	if st := c.parse(fs, args); st >= 0 {
		return st
	}
	if err := rf.checkFormat(); err != nil {
		return c.usageError("diff", "%v", err)
	}
	threshold, ok := map[string]int{"breaking": 2, "possibly": 1, "possibly-breaking": 1, "any": 0}[*failOn]
	if !ok {
		return c.usageError("diff", "unknown --fail-on %q: use breaking, possibly or any", *failOn)
	}
	if fs.NArg() != 2 {
		return c.usageError("diff", "want OLD and NEW, got %d arguments", fs.NArg())
	}
	opts := diff.Options{AllTypes: *allTypes}
	for _, a := range *abiRules {
		r, err := layout.ParseABIRule(a)
		if err != nil {
			return c.usageError("diff", "%v", err)
		}
		opts.ABIRules = append(opts.ABIRules, r)
	}
	if *typesRE != "" {
		re, err := regexp.Compile(*typesRE)
		if err != nil {
			return c.usageError("diff", "bad --types: %v", err)
		}
		opts.Types = re
	}
	rules := &suppress.Set{}
	for _, path := range suppressions {
		s, err := suppress.Load(path)
		if err != nil {
			return c.fail(err)
		}
		rules.Add(s)
	}
	if !dump.IsDumpFile(fs.Arg(0)) && !dump.IsDumpFile(fs.Arg(1)) {
		defer tuneGC(diffBudget, fs.Arg(0), fs.Arg(1)).restore()
	}
	old, new, err := loadPair(&rf, fs.Arg(0), fs.Arg(1), !*allTypes && *typesRE == "", opts.ABIRules)
	if err != nil {
		return c.fail(err)
	}
	var report *diff.Report
	if old.surface != nil && new.surface != nil {
		report = diff.CompareSurfaces(old.surface, new.surface, opts)
	} else {
		// Without both symbol tables the exported surface comes from DWARF on
		// both sides, so that the two are keyed alike.
		report = diff.Compare(old.Binary, new.Binary, opts)
	}
	report.Old, report.New = fs.Arg(0), fs.Arg(1)
	rules.Apply(report)
	ropts := render.Options{Verbose: *verbose}
	switch rf.format {
	case "json":
		err = render.JSON(c.stdout, report)
	case "markdown":
		err = render.Markdown(c.stdout, report, ropts)
	default:
		err = render.Text(c.stdout, report, ropts)
	}
	if err != nil {
		return c.fail(fmt.Errorf("writing the report: %w", err))
	}
	return diffStatus(report, threshold)
}

// loadPair reads the two sides of a diff. With exportsOnly, binaries are
// read for what their exports reach, completed with the counterparts of the
// types the other side has (diff.CompleteCounterparts), unless a side has no
// symbol table (then the surfaces come from DWARF) or is a dump: then both
// are read whole. Two binaries are fingerprinted first, and the exports
// alike in both are made as shells (loadShells); rules are the ABI rules
// the comparison will use.
func loadPair(rf *readFlags, oldPath, newPath string, exportsOnly bool, rules []layout.ABIRule) (old, new diffSide, err error) {
	if dump.IsDumpFile(oldPath) || dump.IsDumpFile(newPath) {
		// A dump holds a whole model: reading the binary whole too costs
		// less than completing its exports with nearly every type the dump has.
		exportsOnly = false
	}
	so := sideOptions{vtables: true, exportsOnly: exportsOnly}
	if exportsOnly {
		var ok bool
		if old, new, ok, err = loadShells(rf, oldPath, newPath, rules); err != nil || ok {
			return old, new, err
		}
	}
	for _, s := range []struct {
		side *diffSide
		path string
	}{{&old, oldPath}, {&new, newPath}} {
		m, err := loadSide(rf, s.path, so)
		if err != nil {
			return old, new, err
		}
		*s.side = newDiffSide(m)
	}
	if old.surface == nil || new.surface == nil {
		so.exportsOnly = false
		for _, s := range []*diffSide{&old, &new} {
			if s.Binary.ExportsOnly {
				m, err := loadSide(rf, s.Binary.Path, so)
				if err != nil {
					return old, new, err
				}
				*s = newDiffSide(m)
			}
		}
		return old, new, nil
	}
	return old, new, completePair(rf, old.Model, new.Model)
}

// diffSide is one build of a diff: its model and, when it has a symbol
// table, its exported surface, made once (completing a model adds types,
// never exports).
type diffSide struct {
	dump.Model
	surface *layout.Surface
}

func newDiffSide(m dump.Model) diffSide { return diffSide{m, surface(m)} }

// completePair adds to each exports-only side the counterparts of the types
// the other reaches.
func completePair(rf *readFlags, old, new dump.Model) error {
	reopen := func(b *layout.Binary) (*dwarf.File, error) { return rf.open(b.Path) }
	return diff.CompleteCounterparts(old.Binary, new.Binary, reopen)
}

// loadShells reads two binaries with ELF symbol tables for what their
// exports reach, leaving out what is alike in both: each is fingerprinted
// (layout.Fingerprint), and the exports whose prints agree are built as
// shells, which the comparison skips. ok is false when a side has no usable
// symbol table or the shells do not pair up as the comparison pairs exports
// (the caller then reads both as usual).
func loadShells(rf *readFlags, oldPath, newPath string, rules []layout.ABIRule) (old, new diffSide, ok bool, err error) {
	var files [2]*dwarf.File
	var tables [2]*dwarf.SymbolTable
	var prints [2]*layout.Prints
	for i, path := range []string{oldPath, newPath} {
		if files[i], err = rf.open(path); err != nil {
			return old, new, false, err
		}
		defer files[i].Close()
		if files[i].ELF == nil {
			return old, new, false, nil
		}
		if tables[i], err = files[i].Symbols(); err != nil {
			return old, new, false, err
		}
		opts := buildOptions(path)
		opts.Exports = tables[i]
		// The new side's units stay indexed for its build, which comes
		// first: one pass over its units less, for memory the old side's
		// indexes, let go by then, have left.
		opts.KeepUnits = i == 1
		if prints[i], err = layout.Fingerprint(files[i], opts); err != nil || prints[i] == nil {
			return old, new, false, err
		}
		// Each pass over a file lets its pages go: the process then holds
		// only those of the file it works on, and those its models' names
		// are read from.
		files[i].Evict()
	}
	oldShells, newShells := layout.Unchanged(prints[0], prints[1])
	prints = [2]*layout.Prints{} // let the collector have them
	so := sideOptions{exportsOnly: true, shells: newShells, symbols: tables[1]}
	newModel, err := readSide(files[1], newPath, so)
	if err != nil {
		return old, new, false, err
	}
	files[1].Evict()
	so.shells, so.symbols = oldShells, tables[0]
	oldModel, err := readSide(files[0], oldPath, so)
	if err != nil {
		return old, new, false, err
	}
	files[0].Evict()
	// The vtables and surfaces of the two sides are mostly one goroutine's
	// work each: made at once.
	var vtErrs [2]error
	concurrently(
		func() { oldModel.Binary.VTables, vtErrs[0] = layout.VTables(files[0], oldModel.Binary) },
		func() { newModel.Binary.VTables, vtErrs[1] = layout.VTables(files[1], newModel.Binary) },
		func() { old = newDiffSide(oldModel) },
		func() { new = newDiffSide(newModel) },
	)
	for _, err := range vtErrs {
		if err != nil {
			return old, new, false, err
		}
	}
	if !diff.ShellsPaired(old.surface, new.surface, rules) {
		return old, new, false, nil
	}
	// Completing reuses the files, still open, instead of reading them anew.
	open := func(b *layout.Binary) (*dwarf.File, error) {
		if b == old.Binary {
			return files[0], nil
		}
		return files[1], nil
	}
	return old, new, true, diff.CompleteCounterparts(old.Binary, new.Binary, open)
}

// concurrently runs fns at once and returns when all are done, raising
// again in the caller's goroutine a panic of one of them (a fault on a
// mapped input cut short too, as run reports it).
func concurrently(fns ...func()) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failed any
	for _, fn := range fns {
		wg.Go(func() {
			debug.SetPanicOnFault(true)
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					failed = r
					mu.Unlock()
				}
			}()
			fn()
		})
	}
	wg.Wait()
	if failed != nil {
		panic(failed)
	}
}

// diffStatus is the exit status of a report: 4 when it has changes, with
// the 8 bit when one of them ranks at or above threshold.
func diffStatus(r *diff.Report, threshold int) int {
	if len(r.Changes) == 0 {
		return exitOK
	}
	st := exitChange
	for _, ch := range r.Changes {
		if ch.Severity.Rank() >= threshold {
			st |= exitIncompatible
			break
		}
	}
	return st
}
