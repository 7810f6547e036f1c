package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/dump"
)

func runDump(c *cli, args []string) int {
	fs := c.flags("dump", "[-o FILE] [--format json] BINARY",
		"Write the ABI model of BINARY as an abidrift.dump/v1 JSON document: the binary's facts\n"+
			"(architecture, SONAME, build-id, producers), its functions and variables with their\n"+
			"signatures (and how each value is passed, when the target's convention is known), and\n"+
			"every type they reach, and the method slots of its Rust trait-object vtables. Types are\n"+
			"referenced by stable ids; the output is deterministic.\n"+
			"Keep it as a baseline: `abidrift diff baseline.json NEW` compares a build against it.")
	var rf readFlags
	rf.register(fs, "json")
	out := fs.StringP("output", "o", "", "write the dump to FILE instead of standard output")
	if st := c.parse(fs, args); st >= 0 {
		return st
	}
	if err := rf.checkFormat(); err != nil {
		return c.usageError("dump", "%v", err)
	}
	if fs.NArg() != 1 {
		return c.usageError("dump", "want exactly one BINARY, got %d arguments", fs.NArg())
	}
	gc := tuneGC(dumpBudget, fs.Arg(0))
	defer gc.restore()
	m, err := loadSide(&rf, fs.Arg(0), sideOptions{vtables: true, keepPages: true})
	if err != nil {
		return c.fail(err)
	}
	gc.restore()
	settleForWriting()
	// The dump is streamed (large binaries give dumps of hundreds of MB).
	write := func(w io.Writer) error { return dump.Write(w, m, dump.Options{}) }
	if *out == "" {
		if err := write(c.stdout); err != nil {
			return c.fail(err)
		}
		return exitOK
	}
	if err := writeFileAtomic(*out, write); err != nil {
		return c.fail(err)
	}
	return exitOK
}

// sideOptions say what loadSide reads of a binary.
type sideOptions struct {
	// vtables: the slots of its Rust vtables (which dumps do not record).
	vtables bool
	// exportsOnly: only what its exported symbols reach (layout.Options.Exports).
	exportsOnly bool
	// shells: the exports to build as shells (layout.Options.Shells).
	shells *layout.Shells
	// symbols: its symbol table, when already read.
	symbols *dwarf.SymbolTable
	// keepPages: the file's pages are not let go once it is read (a dump,
	// whose writer reads every name again, and which reads nothing after
	// it, so that its peak memory is the same either way).
	keepPages bool
}

// loadSide reads path as a dump when its content starts with '{', else as a
// binary: its DWARF model and its symbol table.
func loadSide(rf *readFlags, path string, so sideOptions) (dump.Model, error) {
	if dump.IsDumpFile(path) {
		return dump.ReadFile(path)
	}
	f, err := rf.open(path)
	if err != nil {
		return dump.Model{}, err
	}
	defer f.Close()
	// Once read, the file's pages are let go: the model's names are read
	// from it again as needed (dwarf.File.Evict).
	if !so.keepPages {
		defer f.Evict()
	}
	return readSide(f, path, so)
}

func readSide(f *dwarf.File, path string, so sideOptions) (m dump.Model, err error) {
	if m.Symbols = so.symbols; f.ELF != nil && m.Symbols == nil {
		if m.Symbols, err = f.Symbols(); err != nil {
			return m, err
		}
	}
	opts := buildOptions(path)
	if so.exportsOnly {
		opts.Exports, opts.Shells = m.Symbols, so.shells
	}
	if m.Binary, err = layout.Build(f, opts); err != nil {
		return m, err
	}
	if so.vtables {
		m.Binary.VTables, err = layout.VTables(f, m.Binary)
	}
	return m, err
}

// surface is the exported surface of m, from its symbol table; nil without one.
func surface(m dump.Model) *layout.Surface {
	if m.Symbols == nil {
		return nil
	}
	return layout.NewSurface(m.Binary, m.Symbols, layout.ExportOptions{})
}

// writeFileAtomic writes path through a temporary file in the same
// directory, with what write writes.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".abidrift-dump-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
