package explain

import (
	"bytes"
	"debug/elf"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// rustFacts is what an object file says about the rustc and the crates
// that built it: the evidence that tells a rebuilt crate from a changed item.
type rustFacts struct {
	// Rustc are the distinct rustc versions found ("1.95.0 (59807616e
	// 2026-04-14)"), sorted; Source names where they were read.
	Rustc  []string
	Source string
	// MetadataVersion is the version byte of the `.rustc` header, 0 when
	// the file has no such section.
	MetadataVersion int
	// CrateIDs are the StableCrateIds (16 hex digits) of the crates whose
	// metadata the file exports (rust_metadata_<crate>_<hex>).
	CrateIDs map[string]string
}

var (
	producerRustcRE = regexp.MustCompile(`rustc version ([0-9][^ ()]*(?: \([^()]*\))?)`)
	rustMetadataRE  = regexp.MustCompile(`^rust_metadata_([A-Za-z_][A-Za-z0-9_]*)_([0-9a-f]{1,16})$`)
)

// readRustFacts gathers the rustc versions of a file, preferring the
// `.rustc` metadata header of a dylib, then DW_AT_producer strings, then
// the `.comment` section, and the crate ids of its exported symbols.
func readRustFacts(f *elf.File, producers []string, exported []string) rustFacts {
	var rf rustFacts
	if f != nil {
		if v, mv, ok := rustcSection(f); ok {
			rf.Rustc, rf.Source, rf.MetadataVersion = []string{v}, ".rustc", mv
		}
	}
	if len(rf.Rustc) == 0 {
		if vs := rustcInStrings(producers); len(vs) > 0 {
			rf.Rustc, rf.Source = vs, "DW_AT_producer"
		}
	}
	if len(rf.Rustc) == 0 && f != nil {
		if vs := rustcInStrings(commentStrings(f)); len(vs) > 0 {
			rf.Rustc, rf.Source = vs, ".comment"
		}
	}
	for _, s := range exported {
		if m := rustMetadataRE.FindStringSubmatch(s); m != nil {
			if rf.CrateIDs == nil {
				rf.CrateIDs = map[string]string{}
			}
			rf.CrateIDs[m[1]] = fmt.Sprintf("%016s", m[2])
		}
	}
	return rf
}

// rustcInStrings lists the distinct rustc versions named in strings such as
// `clang LLVM (rustc version 1.95.0 (59807616e 2026-04-14))`.
func rustcInStrings(ss []string) []string {
	set := map[string]bool{}
	for _, s := range ss {
		for _, m := range producerRustcRE.FindAllStringSubmatch(s, -1) {
			set[m[1]] = true
		}
	}
	out := make([]string, 0, len(set))
	for v := range set {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// maxHeader bounds what is read of `.rustc` and `.comment`.
const maxHeader = 4096

func sectionPrefix(f *elf.File, name string) []byte {
	s := f.Section(name)
	if s == nil || s.Type == elf.SHT_NOBITS {
		return nil
	}
	b, _ := io.ReadAll(io.LimitReader(s.Open(), maxHeader))
	return b
}

func commentStrings(f *elf.File) []string {
	var out []string
	for _, s := range bytes.Split(sectionPrefix(f, ".comment"), []byte{0}) {
		if len(s) > 0 {
			out = append(out, string(s))
		}
	}
	return out
}

// rustcSection reads the rustc version recorded in a dylib's `.rustc`
// section: `rust\0\0\0`, the metadata version byte, then (after a length
// and, for newer rustc, a second header) the version string prefixed by its
// LEB128 length, `rustc 1.95.0 (59807616e 2026-04-14)`.
func rustcSection(f *elf.File) (version string, metaVersion int, ok bool) {
	return parseRustcHeader(sectionPrefix(f, ".rustc"))
}

func parseRustcHeader(b []byte) (version string, metaVersion int, ok bool) {
	magic := []byte("rust\x00\x00\x00")
	if len(b) < 8 || !bytes.HasPrefix(b, magic) {
		return "", 0, false
	}
	metaVersion = int(b[7])
	for i := 8; i+1 < len(b) && i < 256; i++ {
		// A one- or two-byte LEB128 length followed by "rustc ".
		for _, lenBytes := range []int{1, 2} {
			start := i + lenBytes
			if !bytes.HasPrefix(b[start:], []byte("rustc ")) {
				continue
			}
			n := int(b[i] & 0x7f)
			if lenBytes == 2 {
				if b[i]&0x80 == 0 {
					continue
				}
				n |= int(b[i+1]) << 7
			} else if b[i]&0x80 != 0 {
				continue
			}
			if n < len("rustc 1") || start+n > len(b) {
				continue
			}
			return strings.TrimPrefix(string(b[start:start+n]), "rustc "), metaVersion, true
		}
	}
	return "", metaVersion, false
}

// shortRustc is the version number of a rustc version string: 1.95.0.
func shortRustc(v string) string {
	s, _, _ := strings.Cut(v, " ")
	return s
}

// v0CrateID finds, in a v0 symbol, the disambiguator of the crate root
// naming crate (`Cs<base62>_<len><crate>`) and returns it as the 16 hex
// digits rust_metadata_* symbols use.
func v0CrateID(sym, crate string) (string, bool) {
	if !strings.HasPrefix(sym, "_R") || crate == "" {
		return "", false
	}
	tail := strconv.Itoa(len(crate)) + crate
	for i := 0; i < len(sym); {
		j := strings.Index(sym[i:], "Cs")
		if j < 0 {
			return "", false
		}
		start := i + j + 2
		k := start
		for k < len(sym) && isBase62(sym[k]) {
			k++
		}
		// The decimal length pins the identifier: `_4plug` is the crate
		// plug whatever follows.
		if k < len(sym) && sym[k] == '_' && strings.HasPrefix(sym[k+1:], tail) {
			if n, ok := base62(sym[start:k]); ok {
				return fmt.Sprintf("%016x", n+1), true
			}
		}
		i = start
	}
	return "", false
}

func isBase62(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// base62 decodes a v0 <base-62-number> without its `_`: "" is 0, and a
// digit string is its value plus one.
func base62(s string) (uint64, bool) {
	if s == "" {
		return 0, true
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		var d uint64
		switch {
		case c >= '0' && c <= '9':
			d = uint64(c - '0')
		case c >= 'a' && c <= 'z':
			d = uint64(c-'a') + 10
		case c >= 'A' && c <= 'Z':
			d = uint64(c-'A') + 36
		default:
			return 0, false
		}
		if n > (^uint64(0)-d)/62 {
			return 0, false
		}
		n = n*62 + d
	}
	if n == ^uint64(0) {
		return 0, false
	}
	return n + 1, true
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
