package explain

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
)

func TestParseRustcHeader(t *testing.T) {
	// rustc 1.95: outer header and length, then the metadata blob with its
	// own header, an 8-byte root position and the LEB128-prefixed version.
	ver := "rustc 1.95.0 (59807616e 2026-04-14)"
	b := []byte("rust\x00\x00\x00\x0a")
	b = append(b, make([]byte, 8)...)
	b = append(b, "rust\x00\x00\x00\x0a"...)
	b = append(b, make([]byte, 8)...)
	b = append(b, byte(len(ver)))
	b = append(b, ver...)
	b = append(b, 0xc1, 0x02)
	v, mv, ok := parseRustcHeader(b)
	if !ok || v != "1.95.0 (59807616e 2026-04-14)" || mv != 10 {
		t.Errorf("parseRustcHeader = %q, %d, %v", v, mv, ok)
	}
	// An older layout: the version right after the header.
	old := append([]byte("rust\x00\x00\x00\x08"), byte(len("rustc 1.70.0")))
	old = append(old, "rustc 1.70.0"...)
	if v, mv, ok := parseRustcHeader(old); !ok || v != "1.70.0" || mv != 8 {
		t.Errorf("old layout: %q, %d, %v", v, mv, ok)
	}
	for _, bad := range [][]byte{nil, []byte("rust"), []byte("rust\x00\x00\x00\x0a\x40rustc 1"), []byte("RUST\x00\x00\x00\x0a")} {
		if v, _, ok := parseRustcHeader(bad); ok {
			t.Errorf("parseRustcHeader(%q) = %q", bad, v)
		}
	}
	// The committed dylibs: stable and nightly.
	for path, want := range map[string]string{
		"rs_field_added/old/libplug.so":   "1.95.0",
		"rs_rustc_version/new/libplug.so": "nightly",
	} {
		f, err := elf.Open(filepath.Join(committedBin, path))
		if err != nil {
			t.Fatal(err)
		}
		v, _, ok := rustcSection(f)
		f.Close()
		if !ok || !strings.Contains(v, want) {
			t.Errorf("%s: rustc %q, want one with %q", path, v, want)
		}
	}
}

func TestV0CrateID(t *testing.T) {
	tests := []struct {
		sym, crate, want string
	}{
		// rust_metadata_plug_6e630f407611a4f7 was exported beside it.
		{"_RNvCs9tAp0S78N9j_4plug3run", "plug", "6e630f407611a4f7"},
		{"_RNvNtCsjrHSEGnQ3l9_3std2rt19lang_start_internal", "std", ""},
		{"_RNvCs_4plug3run", "plug", "0000000000000001"},
		{"_RNvCs9tAp0S78N9j_4plug3run", "plu", ""},
		{"_RNvCs9tAp0S78N9j_5plugx3run", "plug", ""},
		{"_ZN4plug3run17ha7e8523b746139b9E", "plug", ""},
		{"_RNvCsZZZZZZZZZZZZZZ_4plug3run", "plug", ""}, // overflows 64 bits
	}
	for _, tt := range tests {
		got, ok := v0CrateID(tt.sym, tt.crate)
		if tt.want == "" && tt.crate == "std" {
			if !ok || len(got) != 16 {
				t.Errorf("v0CrateID(%s, %s) = %q, %v", tt.sym, tt.crate, got, ok)
			}
			continue
		}
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("v0CrateID(%s, %s) = %q, %v; want %q", tt.sym, tt.crate, got, ok, tt.want)
		}
	}
	// The committed v0 scenario: the host's references and the dylib's
	// rust_metadata symbol agree.
	in, err := readInput(filepath.Join(committedBin, "rs_v0_widened/new/libplug.so"), ddwarf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range in.table.Exported {
		if id, ok := v0CrateID(s.Name, "plug"); ok && id != in.rust.CrateIDs["plug"] {
			t.Errorf("%s: crate id %s, rust_metadata says %s", s.Name, id, in.rust.CrateIDs["plug"])
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"plug::run", "plug::run", 3, 0},
		{"plug::run", "plug::runs", 3, 1},
		{"x_open", "x_open_v2", 3, 3},
		{"x_open", "x_open_file", 3, 4},
		{"kitten", "sitting", 5, 3},
		{"", "abc", 5, 3},
		{"a::b::c", "z", 2, 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
	long := strings.Repeat("a", 10*maxEditLen)
	if got := editDistance(long, long+"b", 3); got != 0 {
		t.Errorf("paths past maxEditLen: %d", got)
	}
}

func TestFirstIdent(t *testing.T) {
	for in, want := range map[string]string{
		"plug::run":                            "plug",
		"<plug::Foo as core::fmt::Debug>::fmt": "plug",
		"&plug::Config":                        "plug",
		"x_open":                               "",
		"plug":                                 "",
		"<impl plug::X>::f":                    "",
	} {
		if got := firstIdent(in); got != want {
			t.Errorf("firstIdent(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestConsumerView checks that the view replaces named types by the
// consumer's, copies the unnamed types above them, keeps what the consumer
// never saw, and leaves the provider's model untouched.
func TestConsumerView(t *testing.T) {
	u32 := &layout.Type{Kind: layout.KindBase, Name: "u32", Size: 4}
	u64 := &layout.Type{Kind: layout.KindBase, Name: "u64", Size: 8}
	oldCfg := &layout.Type{Kind: layout.KindStruct, Name: "plug::Config", Size: 4, Fields: []layout.Field{{Name: "a", Type: u32}}}
	newCfg := &layout.Type{Kind: layout.KindStruct, Name: "plug::Config", Size: 8, Fields: []layout.Field{{Name: "a", Type: u64}}}
	node := &layout.Type{Kind: layout.KindStruct, Name: "plug::Node", Size: 8}
	node.Fields = []layout.Field{{Name: "next", Type: &layout.Type{Kind: layout.KindPointer, Size: 8, Elem: node}}}
	ptr := &layout.Type{Kind: layout.KindPointer, Name: "&plug::Config", Size: 8, Elem: newCfg}
	arr := &layout.Type{Kind: layout.KindArray, Elem: ptr, Dims: []int64{2}, Size: 16}
	fn := &layout.Function{Name: "plug::run", Params: []layout.Param{{Name: "c", Type: arr}, {Name: "n", Type: node}}, Result: u64}

	v := newConsumerView(&layout.Binary{Types: []*layout.Type{oldCfg, {Kind: layout.KindStruct, Name: "plug::Decl", Decl: true}}})
	got := v.function(fn)
	if got.Params[0].Type == arr || got.Params[0].Type.Elem == ptr || got.Params[0].Type.Elem.Elem != oldCfg {
		t.Errorf("[&Config; 2] not rebuilt over the consumer's Config: %+v", got.Params[0].Type)
	}
	if got.Params[1].Type != node || got.Result != u64 {
		t.Error("types the consumer never saw were copied")
	}
	if arr.Elem != ptr || ptr.Elem != newCfg || fn.Params[0].Type != arr {
		t.Error("the provider's types were modified")
	}
	if !reflect.DeepEqual(v.replaced, map[string]bool{"tag:plug::Config": true}) {
		t.Errorf("replaced %v", v.replaced)
	}
}

func TestExpandRunPath(t *testing.T) {
	r := &resolver{sysroot: "/sys"}
	got := r.expand([]string{"$ORIGIN/../lib", "${ORIGIN}", "/opt/lib", "relative/dir", "/usr/$LIB"}, "/a/b/host")
	want := []string{"/a/b/../lib", "/a/b", "/sys/opt/lib", "/sys/usr/lib64"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("expand = %q, want %q", got, want)
	}
}

// TestClosure builds libraries that need each other in a cycle, one found
// only through $ORIGIN, and a consumer of them, and checks the closure.
func TestClosure(t *testing.T) {
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("gcc not found")
	}
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gcc := func(args ...string) {
		t.Helper()
		cmd := exec.Command("gcc", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("gcc %v: %v\n%s", args, err, out)
		}
	}
	write("a.c", "int b(void); int a(void) { return 1; }\n")
	write("b.c", "int a(void); int b(void) { return a(); }\n")
	write("c.c", "int c(void) { return 3; }\n")
	write("main.c", "int a(void); int b(void); int missing_here(void); int main(void) { return a() + b() + missing_here(); }\n")
	write("stub.c", "int missing_here(void) { return 0; }\n")
	// liba needs libb, libb needs liba and sub/libc3.so (through $ORIGIN/sub).
	gcc("-shared", "-fPIC", "-o", "liba.so", "a.c", "-Wl,-soname,liba.so")
	gcc("-shared", "-fPIC", "-o", "sub/libc3.so", "c.c", "-Wl,-soname,libc3.so")
	gcc("-shared", "-fPIC", "-o", "libb.so", "b.c", "-Wl,-soname,libb.so", "-Wl,--no-as-needed", "liba.so", "sub/libc3.so",
		"-Wl,-rpath,$ORIGIN/sub", "-Wl,--enable-new-dtags")
	gcc("-shared", "-fPIC", "-o", "liba.so", "a.c", "-Wl,-soname,liba.so", "-Wl,--no-as-needed", "libb.so")
	gcc("-shared", "-fPIC", "-o", "libstub.so", "stub.c")
	gcc("-o", "main", "main.c", "-Wl,--no-as-needed", "liba.so", "libb.so", "libstub.so")

	prov := filepath.Join(dir, "liba.so")
	r, err := Explain(filepath.Join(dir, "main"), prov, Options{DefaultDirs: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, l := range r.Libraries {
		names[l.Name] = l.Path
	}
	if names["libb.so"] != filepath.Join(dir, "libb.so") || names["libc3.so"] != filepath.Join(sub, "libc3.so") || names["libstub.so"] == "" {
		t.Errorf("closure %v: want libb.so and libstub.so beside the provider and libc3.so through $ORIGIN/sub", names)
	}
	if p, ok := names["libc.so.6"]; !ok || p != "" {
		t.Errorf("libc.so.6 found at %q without default directories", p)
	}
	if len(r.Libraries) != 5 {
		t.Errorf("closure of %d libraries, want liba, libb, libc3, libc.so.6, libstub: %v", len(r.Libraries), names)
	}
	// libc.so.6 is not found: main's libc references are unchecked, not
	// missing; everything else resolves.
	if len(r.Missing) != 0 || len(r.Unchecked) == 0 || r.Resolved != 1 {
		t.Errorf("missing %v, unchecked %v, resolved by liba %d", missingNames(r), r.Unchecked, r.Resolved)
	}
	// A provider that is not where main's libraries are: they are not
	// found, and main's references to them stay unchecked, even the one
	// the provider has a close name for (no rename is guessed from it).
	write("near.c", "int missing_her(void) { return 0; }\n")
	if err := os.Mkdir(filepath.Join(dir, "near"), 0o755); err != nil {
		t.Fatal(err)
	}
	gcc("-shared", "-fPIC", "-o", "near/libnear.so", "near.c")
	r, err = Explain(filepath.Join(dir, "main"), filepath.Join(dir, "near/libnear.so"), Options{DefaultDirs: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Missing) != 0 || !strings.Contains(strings.Join(r.Unchecked, " "), "missing_here") {
		t.Errorf("missing %v, unchecked %v; want missing_here unchecked", missingNames(r), r.Unchecked)
	}
	if !strings.Contains(strings.Join(r.Notes, "\n"), "does not name libnear.so in DT_NEEDED") {
		t.Errorf("notes %q", r.Notes)
	}

	// Bounded: a closure cut at one library.
	r, err = Explain(filepath.Join(dir, "main"), prov, Options{DefaultDirs: []string{}, MaxLibraries: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Libraries) != 1 || !strings.Contains(strings.Join(r.Notes, "\n"), "cut at 1") {
		t.Errorf("MaxLibraries 1: %d libraries, notes %q", len(r.Libraries), r.Notes)
	}
}

// TestMachineMismatch checks that a library of another machine is passed
// over, as the loader does.
func TestMachineMismatch(t *testing.T) {
	arm := "../../testdata/surface/bin/c-O2-dw5-aarch64.so"
	if _, err := os.Stat(arm); err != nil {
		t.Skip(err)
	}
	r := &resolver{machine: elf.EM_X86_64, class: elf.ELFCLASS64}
	if r.usable(arm) {
		t.Error("an aarch64 library is usable for an x86-64 consumer")
	}
	if !r.usable(filepath.Join(committedBin, "c_symver/new/libx.so.1")) {
		t.Error("an x86-64 library is not usable")
	}
}
