package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
)

// readFlags are the flags of every command that reads binaries.
type readFlags struct {
	format     string
	maxSection int64
	maxDepth   int
	inflation  int64
	debugDirs  []string
	formats    []string
}

func (r *readFlags) register(fs *pflag.FlagSet, formats ...string) {
	r.formats = formats
	fs.StringVar(&r.format, "format", formats[0], fmt.Sprintf("output format: %v", joinOr(formats)))
	fs.Int64Var(&r.maxSection, "max-section-size", dwarf.DefaultLimits.SectionSize, "largest decompressed debug section accepted, in bytes")
	fs.IntVar(&r.maxDepth, "max-depth", dwarf.DefaultLimits.Depth, "deepest nesting of DWARF entries and type references followed")
	fs.Int64Var(&r.inflation, "max-inflation", dwarf.DefaultLimits.Inflation, "most a compressed debug section may inflate, as a multiple of its compressed size")
	fs.StringArrayVar(&r.debugDirs, "debug-dir", nil, "directory to search for separate debug files (repeatable)")
}

func joinOr(s []string) string {
	out := ""
	for i, x := range s {
		switch {
		case i == 0:
		case i == len(s)-1:
			out += " or "
		default:
			out += ", "
		}
		out += x
	}
	return out
}

// checkFormat validates --format.
func (r *readFlags) checkFormat() error {
	for _, f := range r.formats {
		if f == r.format {
			return nil
		}
	}
	return fmt.Errorf("unknown --format %q: use %s", r.format, joinOr(r.formats))
}

// open opens path with the limits and debug directories of the flags.
func (r *readFlags) open(path string) (*dwarf.File, error) {
	return dwarf.Open(path, dwarf.Options{Limits: r.limits(), DebugDirs: r.debugDirs, Map: true})
}

func (r *readFlags) limits() dwarf.Limits {
	return dwarf.Limits{SectionSize: r.maxSection, Depth: r.maxDepth, Inflation: r.inflation}
}

// load opens path and builds its ABI model, only of the types matching names
// when there are names.
func (r *readFlags) load(path string, names ...string) (*layout.Binary, error) {
	f, err := r.open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	opts := buildOptions(path)
	opts.Names = names
	return layout.Build(f, opts)
}
