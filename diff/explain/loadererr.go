package explain

import (
	"strings"
	"unicode"
)

// LoaderErrorKind says what a dynamic loader's message complains about.
type LoaderErrorKind string

// The loader failures ParseLoaderError recognises.
const (
	// UndefinedSymbol: a reference found no definition (glibc "undefined
	// symbol: X[, version V]", musl "X: symbol not found", bionic
	// `cannot locate symbol "X"`, dyld "Symbol not found: _X").
	UndefinedSymbol LoaderErrorKind = "undefined-symbol"
	// VersionNotFound: a library defines none of a version node the object
	// requires (glibc "version `V' not found (required by OBJ)").
	VersionNotFound LoaderErrorKind = "version-not-found"
	// SymbolVersionNotDefined: the version node exists but does not hold
	// the symbol (glibc "symbol X version V not defined in file LIB with
	// link time reference").
	SymbolVersionNotDefined LoaderErrorKind = "symbol-version-not-defined"
	// LibraryNotFound: a DT_NEEDED library could not be opened.
	LibraryNotFound LoaderErrorKind = "library-not-found"
)

// LoaderError is one failure read from a loader's message.
type LoaderError struct {
	Kind LoaderErrorKind
	// Object is the file whose reference failed (./host, ./libplug.so);
	// "" when the message does not say.
	Object string
	// Symbol and Version name the reference (Version "" when unversioned).
	Symbol  string
	Version string
	// Library is the library that lacks the version or symbol, or the one
	// that could not be opened; "" when the message does not say.
	Library string
	// Line is the message line the failure was read from, trimmed.
	Line string
}

// maxErrorText bounds the message text read, so a pasted log cannot make
// the parser slow.
const maxErrorText = 1 << 20

// ParseLoaderError reads the failures in a loader's message as printed by
// glibc's ld.so and dlerror (also behind prefixes such as `dlopen failed: `
// or Python's `OSError: `), musl, bionic and dyld. Lines it does not
// recognise are ignored; the failures come in the order of the text.
func ParseLoaderError(text string) []LoaderError {
	if len(text) > maxErrorText {
		text = text[:maxErrorText]
	}
	var out []LoaderError
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" {
			continue
		}
		le, ok := parseLine(line)
		if !ok || !isName(le.Symbol) || !isName(le.Version) {
			continue
		}
		if le.Kind == UndefinedSymbol && le.Object == "" && strings.Contains(line, "Symbol not found:") {
			// dyld continues on the next lines: "Referenced from: <...> PATH",
			// "Expected in: <...> PATH".
			for j := i + 1; j < len(lines) && j <= i+3; j++ {
				l := strings.TrimSpace(lines[j])
				if v, ok := cutField(l, "Referenced from:"); ok {
					le.Object = dyldPath(v)
				} else if v, ok := cutField(l, "Expected in:"); ok {
					le.Library = dyldPath(v)
				}
			}
		}
		out = append(out, le)
	}
	return out
}

// parseLine reads one failure from a line.
func parseLine(line string) (LoaderError, bool) {
	le := LoaderError{Line: line}
	switch {
	case strings.Contains(line, "undefined symbol: "):
		// glibc: [PROG: symbol lookup error: ]OBJ: undefined symbol: SYM[, version VER]
		// (or dlerror's OBJ: undefined symbol: SYM behind any prefix).
		i := strings.LastIndex(line, ": undefined symbol: ")
		rest := ""
		if i < 0 {
			i = strings.Index(line, "undefined symbol: ")
			rest = line[i+len("undefined symbol: "):]
		} else {
			le.Object = lastField(line[:i])
			rest = line[i+len(": undefined symbol: "):]
		}
		le.Kind = UndefinedSymbol
		le.Symbol, rest = token(rest, ",")
		if v, ok := strings.CutPrefix(strings.TrimSpace(rest), ", version "); ok {
			le.Version, _ = token(v, ",")
		} else if v, ok := strings.CutPrefix(strings.TrimSpace(rest), ","); ok {
			if v, ok := strings.CutPrefix(strings.TrimSpace(v), "version "); ok {
				le.Version, _ = token(v, ",")
			}
		}
		le.Symbol = strings.TrimSuffix(le.Symbol, ",")
		return le, le.Symbol != ""

	case strings.Contains(line, "not found (required by "):
		// glibc: [PROG: ]LIB: version `VER' not found (required by OBJ)
		j := strings.LastIndex(line, "not found (required by ")
		head := strings.TrimSpace(line[:j])
		k := strings.LastIndex(head, "version ")
		if k < 0 {
			return le, false
		}
		le.Kind = VersionNotFound
		le.Version = unquote(strings.TrimSpace(head[k+len("version "):]))
		if lib, ok := strings.CutSuffix(strings.TrimSpace(head[:k]), ":"); ok {
			le.Library = lastField(lib)
		}
		req := line[j+len("not found (required by "):]
		if e := strings.LastIndex(req, ")"); e >= 0 {
			req = req[:e]
		}
		le.Object = strings.TrimSpace(req)
		return le, le.Version != "" && !strings.ContainsAny(le.Version, " \t")

	case strings.Contains(line, " not defined in file ") && strings.Contains(line, "symbol "):
		// glibc: PROG: relocation error: OBJ: symbol SYM version VER not
		// defined in file LIB with link time reference
		j := strings.LastIndex(line, " not defined in file ")
		head := line[:j]
		k := strings.LastIndex(head, "symbol ")
		if k < 0 {
			return le, false
		}
		if k >= 2 && head[k-2:k] == ": " {
			le.Object = lastField(head[:k-2])
		}
		le.Kind = SymbolVersionNotDefined
		f := strings.Fields(head[k+len("symbol "):])
		if len(f) == 0 {
			return le, false
		}
		le.Symbol = f[0]
		if len(f) >= 3 && f[1] == "version" {
			le.Version = f[2]
		}
		le.Library, _ = token(line[j+len(" not defined in file "):], "")
		return le, true

	case strings.Contains(line, "cannot locate symbol \""):
		// bionic: dlopen failed: cannot locate symbol "SYM" referenced by "OBJ"...
		rest := line[strings.Index(line, "cannot locate symbol \"")+len("cannot locate symbol \""):]
		sym, rest, ok := strings.Cut(rest, "\"")
		if !ok || sym == "" {
			return le, false
		}
		le.Kind, le.Symbol = UndefinedSymbol, sym
		if _, r, ok := strings.Cut(rest, "referenced by \""); ok {
			le.Object, _, _ = strings.Cut(r, "\"")
		}
		return le, !strings.ContainsAny(sym, " \t")

	case strings.Contains(line, ": symbol not found") && strings.Contains(line, "Error relocating "):
		// musl: Error relocating OBJ: SYM: symbol not found
		rest := line[strings.Index(line, "Error relocating ")+len("Error relocating "):]
		rest = strings.TrimSuffix(rest, ": symbol not found")
		i := strings.LastIndex(rest, ": ")
		if i < 0 {
			return le, false
		}
		le.Kind, le.Object, le.Symbol = UndefinedSymbol, rest[:i], strings.TrimSpace(rest[i+2:])
		return le, le.Symbol != "" && !strings.ContainsAny(le.Symbol, " \t")

	case strings.Contains(line, "Symbol not found: "):
		// dyld: dyld[PID]: Symbol not found: _SYM (the rest on the next lines)
		rest := line[strings.Index(line, "Symbol not found: ")+len("Symbol not found: "):]
		le.Kind = UndefinedSymbol
		le.Symbol, _ = token(rest, "")
		if le.Symbol == "" {
			return le, false
		}
		if _, r, ok := strings.Cut(rest, "Referenced from: "); ok {
			le.Object = dyldPath(r)
		}
		return le, true

	case strings.Contains(line, ": cannot open shared object file"):
		// glibc: PROG: error while loading shared libraries: LIB: cannot open shared object file: ...
		head := line[:strings.Index(line, ": cannot open shared object file")]
		le.Kind, le.Library = LibraryNotFound, lastField(head)
		if p, ok := strings.CutSuffix(strings.TrimSpace(strings.TrimSuffix(head, le.Library)), ": error while loading shared libraries:"); ok {
			le.Object = lastField(p)
		}
		return le, le.Library != ""

	case strings.HasPrefix(line, "Error loading shared library "):
		// musl: Error loading shared library LIB: REASON (needed by OBJ)
		rest := strings.TrimPrefix(line, "Error loading shared library ")
		lib, r, ok := strings.Cut(rest, ": ")
		if !ok || lib == "" {
			return le, false
		}
		le.Kind, le.Library = LibraryNotFound, lib
		if _, o, ok := strings.Cut(r, "(needed by "); ok {
			le.Object = strings.TrimSuffix(o, ")")
		}
		return le, true
	}
	return le, false
}

// isName reports whether s can be a symbol or version name as a loader
// prints it: no blanks or control characters.
func isName(s string) bool {
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// token returns s up to the first space, tab or quote (or the first rune
// of stop), and the rest from there.
func token(s, stop string) (string, string) {
	s = strings.TrimLeft(s, " \t")
	end := strings.IndexAny(s, " \t\"'"+stop)
	if end < 0 {
		return s, ""
	}
	return s[:end], s[end:]
}

// lastField is the part of s after its last ": " (a path printed after a
// program name or prefix), without blanks and quotes around it.
func lastField(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	return strings.Trim(s, " \t\"'`(")
}

// unquote strips the quotes glibc puts around a version: `V', 'V', ‘V’ or "V".
func unquote(s string) string {
	s = strings.TrimSpace(s)
	for _, q := range []string{"`", "'", "\"", "‘", "’", "“", "”"} {
		s = strings.TrimPrefix(s, q)
		s = strings.TrimSuffix(s, q)
	}
	return s
}

func cutField(s, prefix string) (string, bool) {
	i := strings.Index(s, prefix)
	if i < 0 {
		return "", false
	}
	return strings.TrimSpace(s[i+len(prefix):]), true
}

// dyldPath is the path at the end of a dyld line, after any `<UUID>` tag.
func dyldPath(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "> "); i >= 0 {
		s = s[i+2:]
	}
	return strings.TrimSpace(s)
}
