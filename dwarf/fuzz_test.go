package dwarf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/dwarf/dwarftest"
	"github.com/abidrift/abidrift/layout"
)

// seedFiles adds the repository's fixture binaries to the corpus of f.
func seedFiles(f *testing.F) {
	f.Add(dwarftest.ELF(nil))
	for _, pattern := range []string{"../testdata/*/bin/*", "../testdata/*/*/bin/*"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil && len(b) < 256<<10 {
				f.Add(b)
			}
		}
	}
}

// FuzzOpenAndBuild feeds arbitrary bytes to the reader and the model
// builder: they must return an error or a model, never panic or hang.
func FuzzOpenAndBuild(f *testing.F) {
	seedFiles(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := dwarf.Options{Limits: dwarf.Limits{SectionSize: 64 << 20, Depth: 256}}
		file, err := dwarf.NewFile("fuzz", bytes.NewReader(data), opts)
		if err != nil {
			return
		}
		st, stErr := file.Symbols()
		if stErr == nil {
			// Prints, and a build with every export alike as a shell.
			if p, err := layout.Fingerprint(file, layout.Options{Workers: 1, Exports: st}); err == nil && p != nil {
				shells, _ := layout.Unchanged(p, p)
				layout.Build(file, layout.Options{Workers: 1, Exports: st, Shells: shells})
			}
		}
		whole, err := layout.Build(file, layout.Options{Workers: 1})
		if err != nil || stErr != nil {
			return
		}
		// The exports-only build, completed with types it left out.
		part, err := layout.Build(file, layout.Options{Workers: 1, Exports: st})
		if err != nil || !part.ExportsOnly {
			return
		}
		var names []string
		for _, t := range whole.Types[:min(len(whole.Types), 16)] {
			names = append(names, t.Name)
		}
		layout.Complete(part, names, func() (*dwarf.File, error) { return file, nil }, 1)
	})
}
