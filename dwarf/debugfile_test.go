package dwarf

import (
	"bytes"
	"debug/elf"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/abidrift/abidrift/dwarf/dwarftest"
)

// TestDebugLinkStaysInAllowedDirectories: a debug link is a name read from
// an untrusted file, so one holding a path is never followed, and the
// places searched are the file's own directory, the system debug root and
// the user's --debug-dir.
func TestDebugLinkStaysInAllowedDirectories(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.debug")
	os.WriteFile(secret, dwarftest.ELF(nil), 0o644)
	for _, link := range []string{"../secret.debug", "/etc/passwd", "sub/../../secret.debug", "..", `..\secret.debug`} {
		data := dwarftest.ELF([]dwarftest.Section{{Name: ".gnu_debuglink", Data: append([]byte(link), 0, 0, 0, 0, 0)}})
		path := filepath.Join(dir, "sub", "lib.so")
		os.MkdirAll(filepath.Dir(path), 0o755)
		os.WriteFile(path, data, 0o644)
		e, err := elf.NewFile(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		f := &File{Path: path}
		for _, c := range f.debugCandidates(e, []string{"/opt/debug"}) {
			clean := filepath.Clean(c)
			if !strings.HasPrefix(clean, filepath.Join(dir, "sub")) && !strings.HasPrefix(clean, "/usr/lib/debug") && !strings.HasPrefix(clean, "/opt/debug") {
				t.Errorf("link %q leads to %s, outside the allowed directories", link, c)
			}
		}
		if _, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), "no DWARF") {
			t.Errorf("link %q: want a no-DWARF error, got %v", link, err)
		}
	}
}

// TestSeparateDebugFile opens a stripped library and finds its DWARF through
// .gnu_debuglink next to it.
func TestSeparateDebugFile(t *testing.T) {
	f, err := Open("../testdata/formats/formats-stripped.so", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if filepath.Base(f.DebugFile) != "formats-mixed.debug" || len(f.Units()) != 3 {
		t.Fatalf("debug file %q, %d units", f.DebugFile, len(f.Units()))
	}
}
