package dwarftest

import (
	"io/fs"
	"os"
	"path/filepath"
)

// ELFFiles lists the ELF files below the roots, for tests that run over
// every committed binary and, when present, the shared corpora; a root that
// does not exist is skipped.
func ELFFiles(roots ...string) []string {
	var files []string
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			magic := make([]byte, 4)
			if f, err := os.Open(p); err == nil {
				f.Read(magic)
				f.Close()
			}
			if string(magic) == "\x7fELF" {
				files = append(files, p)
			}
			return nil
		})
	}
	return files
}
