package dwarf_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/abidrift/abidrift/dwarf"
)

// TestMappedFilesReadAlike opens every test file, and truncated copies of
// some, mapped and read: the same sections (relocated ones included, and
// after the mapped file's pages are evicted) or the same error.
func TestMappedFilesReadAlike(t *testing.T) {
	files := indexTestFiles(t)
	dir := t.TempDir()
	for i, path := range files {
		if i%10 != 0 {
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, cut := range []int{len(b) / 2, len(b) - 1} {
			short := filepath.Join(dir, fmt.Sprintf("%d-%d", i, cut))
			if err := os.WriteFile(short, b[:cut], 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, short)
		}
	}
	files = append(files, "../testdata/formats/formats-stripped.so") // separate debug file
	mapped := 0
	for _, path := range files {
		read, rerr := dwarf.Open(path, dwarf.Options{})
		mf, merr := dwarf.Open(path, dwarf.Options{Map: true})
		if fmt.Sprint(rerr) != fmt.Sprint(merr) {
			t.Errorf("%s: read: %v; mapped: %v", path, rerr, merr)
			continue
		}
		if rerr != nil {
			continue
		}
		mapped++
		mf.Evict() // read again from the file below
		if len(read.Sections) != len(mf.Sections) || read.DebugFile != mf.DebugFile {
			t.Errorf("%s: read %d sections from %q, mapped %d from %q", path, len(read.Sections), read.DebugFile, len(mf.Sections), mf.DebugFile)
		}
		for name, want := range read.Sections {
			if !bytes.Equal(mf.Sections[name], want) {
				t.Errorf("%s: mapped section %s differs", path, name)
			}
		}
		read.Close()
		mf.Close()
	}
	if mapped < len(files)/2 {
		t.Errorf("only %d of %d files opened", mapped, len(files))
	}
}
