package dwarf

import (
	"debug/elf"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
)

// BuildID returns the GNU build-id of an ELF file in hex, or "".
func BuildID(e *elf.File) string {
	s := e.Section(".note.gnu.build-id")
	if s == nil || s.Type == elf.SHT_NOBITS {
		return ""
	}
	b, err := s.Data()
	if err != nil || len(b) < 16 {
		return ""
	}
	namesz, descsz := e.ByteOrder.Uint32(b), e.ByteOrder.Uint32(b[4:])
	start := 12 + (uint64(namesz)+3)&^3
	if start > uint64(len(b)) || uint64(len(b))-start < uint64(descsz) {
		return ""
	}
	return hex.EncodeToString(b[start : start+uint64(descsz)])
}

// debugLink returns the file name in .gnu_debuglink, or "" when there is none
// or it is not a plain file name (a name with a path in it is never followed).
func debugLink(e *elf.File) string {
	s := e.Section(".gnu_debuglink")
	if s == nil || s.Type == elf.SHT_NOBITS {
		return ""
	}
	b, err := s.Data()
	if err != nil {
		return ""
	}
	name, _, _ := strings.Cut(string(b), "\x00")
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return ""
	}
	return name
}

// debugCandidates lists where separate debug info for e may live, in the
// order gdb searches them, plus extra directories.
func (f *File) debugCandidates(e *elf.File, extra []string) []string {
	var out []string
	dir := filepath.Dir(f.Path)
	abs, _ := filepath.Abs(dir)
	if id := BuildID(e); len(id) > 2 {
		rel := filepath.Join(".build-id", id[:2], id[2:]+".debug")
		for _, d := range append(append([]string{}, extra...), "/usr/lib/debug") {
			out = append(out, filepath.Join(d, rel))
		}
	}
	if link := debugLink(e); link != "" {
		for _, d := range extra {
			out = append(out, filepath.Join(d, link))
		}
		out = append(out, filepath.Join(dir, link), filepath.Join(dir, ".debug", link), filepath.Join("/usr/lib/debug", abs, link))
	}
	return out
}

// loadSeparateDebug loads the debug sections from a separate debug file
// (found by build-id or debug link) when e itself has none.
func (f *File) loadSeparateDebug(e *elf.File, extra []string) error {
	candidates := f.debugCandidates(e, extra)
	for _, c := range candidates {
		if filepath.Clean(c) == filepath.Clean(f.Path) {
			continue
		}
		r, err := openRegular(c)
		if err != nil {
			continue
		}
		de, err := elf.NewFile(r)
		if err != nil {
			r.Close()
			continue
		}
		var image []byte
		if f.mapped {
			if image = mapFile(r, sizeOf(r)); image != nil {
				f.images = append(f.images, image)
			}
		}
		if err := f.loadELFSections(de, image); err != nil {
			r.Close()
			return err
		}
		r.Close()
		if len(f.Sections["info"]) > 0 {
			f.DebugFile = c
			return nil
		}
	}
	hint := "build with debug info (-g, or -C debuginfo=2 for rustc)"
	if len(candidates) > 0 {
		hint = fmt.Sprintf("looked for a separate debug file in %s; install the matching debug package or pass --debug-dir", strings.Join(candidates, ", "))
	} else if e.Section(".gnu_debuglink") == nil {
		hint += "; the file has no build-id or .gnu_debuglink pointing to separate debug info"
	}
	return &Error{File: f.Path, Offset: -1, Err: fmt.Errorf("%w (%s)", ErrNoDWARF, hint)}
}
