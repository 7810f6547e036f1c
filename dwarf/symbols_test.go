package dwarf

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const surfaceBin = "../testdata/surface/bin/"

func findSym(syms []Symbol, name, version string) *Symbol {
	for i := range syms {
		if syms[i].Name == name && (version == "*" || syms[i].Version == version) {
			return &syms[i]
		}
	}
	return nil
}

func TestSymbolsSharedC(t *testing.T) {
	for _, name := range []string{"c-O2-dw5-x86_64.so", "c-O2-dw4-x86_64.so", "c-O2-dw5-aarch64.so"} {
		t.Run(name, func(t *testing.T) {
			f, err := Open(surfaceBin+name, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			st, err := f.Symbols()
			if err != nil {
				t.Fatal(err)
			}
			if st.Source != ".dynsym" || st.SONAME != "libsurface-c.so.1" {
				t.Errorf("source %q soname %q", st.Source, st.SONAME)
			}
			if strings.Join(st.Needed, ",") != "libc.so.6" || strings.Join(st.RunPath, ",") != "$ORIGIN/../lib" || len(st.RPath) != 0 {
				t.Errorf("needed %q runpath %q rpath %q", st.Needed, st.RunPath, st.RPath)
			}
			if !regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(st.BuildID) {
				t.Errorf("build-id %q", st.BuildID)
			}
			li, err := f.LinkInfo()
			if err != nil || li.SONAME != st.SONAME || li.BuildID != st.BuildID || len(li.Needed) != 1 || len(li.Exported) != 0 {
				t.Errorf("LinkInfo = %+v, %v", li, err)
			}
			for _, want := range []struct {
				name, version string
				kind          SymbolKind
				hidden        bool
			}{
				{"c_add", "V1", SymFunc, false},
				{"c_big", "V1", SymFunc, false},
				{"c_counter", "V1", SymObject, false},
				{"c_tls", "V1", SymTLS, false},
				{"c_ver", "V1", SymFunc, true},
				{"c_ver", "V2", SymFunc, false},
			} {
				s := findSym(st.Exported, want.name, want.version)
				if s == nil {
					t.Errorf("%s@%s not exported", want.name, want.version)
					continue
				}
				if s.Kind != want.kind || s.Hidden != want.hidden || s.Weak || s.Value == 0 && s.Kind != SymTLS {
					t.Errorf("%s@%s: %+v", want.name, want.version, *s)
				}
			}
			for _, absent := range []string{"helper", "V1", "V2", "maybe_missing"} {
				if s := findSym(st.Exported, absent, "*"); s != nil {
					t.Errorf("%s exported: %+v", absent, *s)
				}
			}
			if s := findSym(st.Undefined, "maybe_missing", "*"); s == nil || !s.Weak {
				t.Errorf("weak undefined maybe_missing: %+v", s)
			}
			if s := findSym(st.Undefined, "vfprintf", "*"); s == nil || s.Weak || !strings.HasPrefix(s.Version, "GLIBC_") || s.Library != "libc.so.6" {
				t.Errorf("undefined vfprintf: %+v", s)
			}
		})
	}
}

func TestSymbolsRust(t *testing.T) {
	for name, mangled := range map[string]*regexp.Regexp{
		"rust-O3-dw4-legacy.so": regexp.MustCompile(`^_ZN7surface5r_str17h[0-9a-f]{16}E$`),
		"rust-O3-dw5-v0.so":     regexp.MustCompile(`^_RNvCs[0-9A-Za-z]+_7surface5r_str$`),
	} {
		st, err := ReadSymbols(surfaceBin + name)
		if err != nil {
			t.Fatal(err)
		}
		var found, meta bool
		for _, s := range st.Exported {
			found = found || mangled.MatchString(s.Name) && s.Kind == SymFunc
			meta = meta || strings.HasPrefix(s.Name, "rust_metadata_surface_")
		}
		if !found || !meta {
			t.Errorf("%s: r_str exported %v, rust_metadata exported %v", name, found, meta)
		}
		if len(st.Needed) == 0 || !strings.HasPrefix(st.Needed[0], "libstd-") {
			t.Errorf("%s: needed %q", name, st.Needed)
		}
		if findSym(st.Exported, "c_add", "") == nil || findSym(st.Exported, "C_VAR", "") == nil {
			t.Errorf("%s: #[no_mangle] items not exported", name)
		}
	}
}

func TestSymbolsRelocatable(t *testing.T) {
	f, err := Open(surfaceBin+"c-O2-dw5-x86_64.o", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	if st.Source != ".symtab" || st.SONAME != "" || len(st.Needed) != 0 {
		t.Errorf("source %q soname %q needed %q", st.Source, st.SONAME, st.Needed)
	}
	for _, name := range []string{"c_add", "c_ver_old", "c_ver_new", "c_counter", "c_tls"} {
		if findSym(st.Exported, name, "") == nil {
			t.Errorf("%s not found in .symtab", name)
		}
	}
	if findSym(st.Exported, "helper", "*") != nil {
		t.Error("static helper exported")
	}
	if s := findSym(st.Undefined, "maybe_missing", ""); s == nil || !s.Weak {
		t.Errorf("weak undefined maybe_missing: %+v", s)
	}
}

func TestSymbolsErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	notELF := filepath.Join(dir, "notelf")
	if err := os.WriteFile(notELF, []byte("#!/bin/sh\necho hi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "missing.so"), notELF} {
		_, err := ReadSymbols(path)
		var e *Error
		if !errors.As(err, &e) || e.File != path || !strings.Contains(err.Error(), path) {
			t.Errorf("ReadSymbols(%s) = %v, want an *Error naming the file", path, err)
		}
	}
}

// TestSymbolsLive builds a shared library and a static executable without
// .dynsym with the local gcc.
func TestSymbolsLive(t *testing.T) {
	cc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("gcc not found: live symbol-table test skipped")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "live.c")
	code := `int live_api(int x) { return x + 1; }
static int live_static(int x) { return x; }
int (*live_ptr)(int) = live_static;
__attribute__((visibility("hidden"))) int live_hidden(int x) { return x; }
__attribute__((visibility("protected"))) int live_protected(int x) { return x * 2; }
__attribute__((weak)) int live_weak(int x) { return x; }
void _start(void) { for (;;) ; }
`
	if err := os.WriteFile(src, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	so, exe := filepath.Join(dir, "liblive.so"), filepath.Join(dir, "live")
	for _, args := range [][]string{
		{"-g", "-O1", "-fPIC", "-shared", "-nostdlib", "-Wl,-soname,liblive.so.3", "-o", so, src},
		{"-g", "-O1", "-static", "-nostdlib", "-o", exe, src},
	} {
		if out, err := exec.Command(cc, args...).CombinedOutput(); err != nil {
			t.Skipf("gcc %v failed: %v\n%s", args, err, out)
		}
	}
	st, err := ReadSymbols(so)
	if err != nil {
		t.Fatal(err)
	}
	if st.Source != ".dynsym" || st.SONAME != "liblive.so.3" {
		t.Errorf("shared: source %q soname %q", st.Source, st.SONAME)
	}
	if s := findSym(st.Exported, "live_protected", ""); s == nil || !s.Protected {
		t.Errorf("live_protected: %+v", s)
	}
	if s := findSym(st.Exported, "live_weak", ""); s == nil || !s.Weak {
		t.Errorf("live_weak: %+v", s)
	}
	for _, absent := range []string{"live_static", "live_hidden"} {
		if findSym(st.Exported, absent, "*") != nil {
			t.Errorf("%s exported", absent)
		}
	}
	f, err := Open(exe, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err = f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	if f.ELF.Section(".dynsym") != nil {
		t.Skip("the static executable has .dynsym on this toolchain")
	}
	if st.Source != ".symtab" || findSym(st.Exported, "live_api", "") == nil || findSym(st.Exported, "live_static", "*") != nil {
		t.Errorf("static executable: source %q exported %v", st.Source, st.Exported)
	}
}
