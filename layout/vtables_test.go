package layout_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
)

// vtablesOf reads the vtables of the binary at path, by type name.
func vtablesOf(t *testing.T, path string) map[string]layout.VTable {
	t.Helper()
	f, err := dwarf.Open(path, dwarf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bin, err := layout.Build(f, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	vts, err := layout.VTables(f, bin)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]layout.VTable{}
	for _, v := range vts {
		if _, dup := out[v.Type]; dup {
			t.Errorf("%s: vtable %s listed twice", path, v.Type)
		}
		out[v.Type] = v
	}
	return out
}

func methods(v layout.VTable) []string {
	var out []string
	for i := range v.Slots {
		out = append(out, v.Method(i))
	}
	return out
}

// TestVTablesLayoutFixtures names the slots of `<Dog as Speak>` in every
// build of the layout fixtures: cdylibs (relative relocations to local
// functions), dylibs (symbol relocations), legacy and v0, -O0 and -O3,
// DWARF 4 (DW_OP_addr) and 5 (DW_OP_addrx). The default method `volume` is
// `fixture::Speak::volume` under legacy mangling.
func TestVTablesLayoutFixtures(t *testing.T) {
	paths, _ := filepath.Glob("../testdata/layout/bin/rust-*.so")
	if len(paths) == 0 {
		t.Skip("no layout fixtures")
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			v, ok := vtablesOf(t, p)["<fixture::Dog as fixture::Speak>::{vtable_type}"]
			if !ok {
				t.Fatal("no vtable of <Dog as Speak>")
			}
			if v.Impl != "fixture::Dog" || v.Trait != "fixture::Speak" || v.Address == 0 {
				t.Errorf("impl %q trait %q address %#x", v.Impl, v.Trait, v.Address)
			}
			if got := methods(v); !slices.Equal(got, []string{"speak", "volume"}) {
				t.Errorf("methods %q (slots %q)", got, v.Slots)
			}
			if v.Slots[0] != "<fixture::Dog as fixture::Speak>::speak" {
				t.Errorf("slot 0 is %q", v.Slots[0])
			}
		})
	}
}

// TestVTablesDetachedDebug: a separate debug file has no data (NOBITS), so
// the vtable is listed with unknown slots.
func TestVTablesDetachedDebug(t *testing.T) {
	p := "../testdata/layout/bin/rust-dylib-O0-dw4-legacy.debug"
	if _, err := os.Stat(p); err != nil {
		t.Skip(err)
	}
	v, ok := vtablesOf(t, p)["<fixture::Dog as fixture::Speak>::{vtable_type}"]
	if !ok || v.Slots != nil {
		t.Errorf("got %+v, %v; want the vtable with nil slots", v, ok)
	}
}

// TestVTablesOrder reads the vtables of the rs_vtable_order diff fixture in
// every variant: the reordered trait's slots follow the declaration order.
func TestVTablesOrder(t *testing.T) {
	for _, variant := range []string{"", ".cdylib-v0", ".dylib-legacy", ".dylib-v0"} {
		for side, want := range map[string][]string{"old": {"encode", "decode", "name"}, "new": {"decode", "encode", "name"}} {
			p := "../testdata/diff/bin/rs_vtable_order" + variant + "." + side + ".so"
			if _, err := os.Stat(p); err != nil {
				t.Fatal(err)
			}
			v := vtablesOf(t, p)["<fixture::Rot as fixture::Codec>::{vtable_type}"]
			if got := methods(v); !slices.Equal(got, want) {
				t.Errorf("%s: methods %q, want %q", p, got, want)
			}
		}
	}
}

// TestVTablesObject reads the vtables of relocatable objects, where every
// address reads 0 until linked: the vtable is found through the relocation
// of its DW_OP_addr (DWARF 4) or of its .debug_addr entry (DWARF 5), and
// its slots through the relocations of its own section.
func TestVTablesObject(t *testing.T) {
	if _, err := exec.LookPath("rustc"); err != nil {
		t.Skip("rustc is not installed")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "vt.rs")
	code := `pub trait Tr { fn a(&self) -> u32; fn b(&self) -> u32 { 2 } fn c(&self) -> u32; }
pub struct S;
impl Tr for S { fn a(&self) -> u32 { 1 } fn c(&self) -> u32 { 3 } }
pub fn get() -> &'static dyn Tr { &S }
`
	if err := os.WriteFile(src, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dw := range []string{"4", "5"} {
		obj := filepath.Join(dir, "vt"+dw+".o")
		cmd := exec.Command("rustc", "--edition", "2021", "--crate-type", "lib", "--emit", "obj", "--crate-name", "fixture",
			"-C", "debuginfo=2", "-C", "dwarf-version="+dw, "-o", obj, src)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		v, ok := vtablesOf(t, obj)["<fixture::S as fixture::Tr>::{vtable_type}"]
		if !ok {
			t.Fatalf("DWARF %s: no vtable", dw)
		}
		if got := methods(v); !slices.Equal(got, []string{"a", "b", "c"}) {
			t.Errorf("DWARF %s: methods %q (slots %q)", dw, got, v.Slots)
		}
	}
}

// FuzzVTables feeds arbitrary files to VTables: it must return vtables or an
// error, never panic or hang.
func FuzzVTables(f *testing.F) {
	for _, pattern := range []string{"../testdata/diff/bin/rs_*vtable*", "../testdata/layout/bin/rust-*"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil && len(b) < 256<<10 {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := dwarf.NewFile("fuzz", bytes.NewReader(data), dwarf.Options{Limits: dwarf.Limits{SectionSize: 64 << 20, Depth: 256}})
		if err != nil {
			return
		}
		bin, err := layout.Build(file, layout.Options{Workers: 1})
		if err != nil {
			bin = nil
		}
		_, _ = layout.VTables(file, bin)
	})
}

// TestVTablesWithoutSymtab names the slots of a cdylib whose .symtab is
// stripped (its methods are local functions, which .dynsym does not list)
// from the addresses of DWARF's functions, as the whole binary names them.
func TestVTablesWithoutSymtab(t *testing.T) {
	objcopy, err := exec.LookPath("objcopy")
	if err != nil {
		t.Skip("objcopy (binutils) is not installed")
	}
	for _, p := range []string{"../testdata/layout/bin/rust-cdylib-O0-dw5-legacy.so", "../testdata/layout/bin/rust-cdylib-O3-dw4-v0.so"} {
		stripped := filepath.Join(t.TempDir(), filepath.Base(p))
		if out, err := exec.Command(objcopy, "--strip-all", "--keep-section=.debug_*", p, stripped).CombinedOutput(); err != nil {
			t.Fatalf("objcopy: %v\n%s", err, out)
		}
		const dog = "<fixture::Dog as fixture::Speak>::{vtable_type}"
		want, got := vtablesOf(t, p)[dog], vtablesOf(t, stripped)[dog]
		if len(want.Slots) == 0 || !slices.Equal(got.Slots, want.Slots) {
			t.Errorf("%s without .symtab: slots %q, want %q", p, got.Slots, want.Slots)
		}
	}
}
