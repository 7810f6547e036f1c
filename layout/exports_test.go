package layout

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

const surfaceBin = "../testdata/surface/bin/"

func TestDemangle(t *testing.T) {
	for _, c := range []struct {
		sym, want string
		m         Mangling
		hash      string
	}{
		{"_ZN7surface5r_str17hce29e053eb451bfcE", "surface::r_str", MangleRustLegacy, "ce29e053eb451bfc"},
		{"_ZN42_$LT$surface..S$u20$as$u20$surface..Tr$GT$2go17hf49ef3f41ba3849fE", "<surface::S as surface::Tr>::go", MangleRustLegacy, "f49ef3f41ba3849f"},
		{"_ZN48_$LT$$u5b$T$u3b$$u20$2$u5d$$u20$as$u20$t..Tr$GT$2go17h1718af8788df2d9eE", "<[T; 2] as t::Tr>::go", MangleRustLegacy, "1718af8788df2d9e"},
		{"_RNvCs66uA5iACFzI_7surface5r_str", "surface::r_str", MangleRustV0, ""},
		{"_RINvCs66uA5iACFzI_7surface9r_genericmEB2_", "surface::r_generic::<u32>", MangleRustV0, ""},
		{"_RNvXs_Cs66uA5iACFzI_7surfaceNtB4_1SNtB4_2Tr2go", "<surface::S as surface::Tr>::go", MangleRustV0, ""},
		{"_ZN3geo4areaEll", "geo::area(long, long)", MangleCXX, ""},
		{"_ZN3geo5twiceIiEET_S1_", "int geo::twice<int>(int)", MangleCXX, ""},
		{"_ZNSt6vectorIiSaIiEE9push_backERKi", "std::vector<int, std::allocator<int> >::push_back(int const&)", MangleCXX, ""},
		{"c_add", "c_add", MangleNone, ""},
		{"_R", "_R", MangleNone, ""},
		{"_Zbogus", "_Zbogus", MangleNone, ""},
	} {
		got, m := Demangle(c.sym)
		if got != c.want || m != c.m || legacyHash(c.sym, m) != c.hash {
			t.Errorf("Demangle(%s) = %q, %s, hash %q; want %q, %s, %q", c.sym, got, m, legacyHash(c.sym, m), c.want, c.m, c.hash)
		}
	}
	// A legacy symbol the demangler rejects still loses its hash.
	if got, ok := demangleLegacyPath("_ZN5crate3mod1f17h0123456789abcdefE"); !ok || got != "crate::mod::f" {
		t.Errorf("demangleLegacyPath = %q, %v", got, ok)
	}
}

func TestKeys(t *testing.T) {
	fn := func(name string) *Function { return &Function{Name: name, Lang: LangRust} }
	for _, c := range []struct {
		e    Export
		want string
	}{
		// Legacy instances differ only in their hash: DWARF names them.
		{Export{Symbol: "_ZN7surface9r_generic17h383de98b6add0570E", Function: fn("surface::r_generic<u32>")}, "surface::r_generic<u32>"},
		{Export{Symbol: "_ZN7surface9r_generic17hec8f3fa78e18af4bE", Function: fn("surface::r_generic<u8>")}, "surface::r_generic<u8>"},
		{Export{Symbol: "_ZN7surface9r_generic17hec8f3fa78e18af4bE"}, "surface::r_generic"},
		{Export{Symbol: "_ZN48_$LT$$u5b$T$u3b$$u20$2$u5d$$u20$as$u20$t..Tr$GT$2go17h1718af8788df2d9eE", Function: fn("t::{impl#2}::go<u8>")}, "<[T; 2] as t::Tr>::go<u8>"},
		// v0: disambiguators dropped, turbofish and inherent impls written as legacy ones.
		{Export{Symbol: "_RINvCs66uA5iACFzI_7surface9r_genericmEB2_"}, "surface::r_generic<u32>"},
		{Export{Symbol: "_RINvCsXYZ_7surface9r_genericmEB2_"}, "surface::r_generic<u32>"},
		{Export{Symbol: "_RNvMCs66uA5iACFzI_7surfaceNtB2_1S5count"}, "surface::S::count"},
		{Export{Symbol: "_ZN3geo4areaEd"}, "geo::area(double)"},
		{Export{Symbol: "c_ver", Version: "V1", Hidden: true}, "c_ver@V1"},
		{Export{Symbol: "c_ver", Version: "V2"}, "c_ver"},
	} {
		e := c.e
		e.Demangled, e.Mangling = Demangle(e.Symbol)
		e.Name = displayName(&e)
		key := e.Name
		if e.Hidden {
			key += "@" + e.Version
		}
		if key != c.want {
			t.Errorf("key of %s = %q, want %q", e.Symbol, key, c.want)
		}
	}
}

func loadSurface(t *testing.T, name string, opts ExportOptions) *Surface {
	t.Helper()
	f, err := ddwarf.Open(surfaceBin+name, ddwarf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bin, err := Build(f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Exports(f, bin, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func exportByKey(s *Surface, key string) *Export {
	for _, list := range [][]*Export{s.Functions, s.Variables} {
		for _, e := range list {
			if e.Key == key {
				return e
			}
		}
	}
	return nil
}

func TestExportsRust(t *testing.T) {
	keys := map[string][]string{}
	for _, name := range []string{"rust-O3-dw4-legacy.so", "rust-O3-dw5-v0.so"} {
		s := loadSurface(t, name, ExportOptions{})
		if s.SymbolSource != ".dynsym" || s.SONAME != name || s.BuildID != s.Binary.BuildID || s.Binary.SONAME != name {
			t.Errorf("%s: source %q soname %q/%q build-id %q/%q", name, s.SymbolSource, s.SONAME, s.Binary.SONAME, s.BuildID, s.Binary.BuildID)
		}
		for _, c := range []struct {
			key      string
			abi      ABI
			inferred bool
			dwarf    string // the DWARF function's name
		}{
			{"surface::r_str", ABIRust, true, "surface::r_str"},
			{"surface::r_generic<u32>", ABIRust, true, "surface::r_generic<u32>"},
			{"surface::r_generic<u8>", ABIRust, true, "surface::r_generic<u8>"},
			{"<surface::S as surface::Tr>::go", ABIRust, true, "surface::{impl#1}::go"},
			{"surface::S::count", ABIRust, true, "surface::S::count"},
			{"c_add", ABIC, true, "surface::c_add"},
			{"nm_rust", ABIC, true, "surface::nm_rust"},
		} {
			e := exportByKey(s, c.key)
			if e == nil {
				t.Errorf("%s: no export with key %q", name, c.key)
				continue
			}
			if e.ABI != c.abi || e.ABIInferred != c.inferred || e.Function == nil || e.Function.Name != c.dwarf || e.Kind != ddwarf.SymFunc {
				t.Errorf("%s: %s: abi %s inferred %v (%s) function %+v", name, c.key, e.ABI, e.ABIInferred, e.ABIReason, e.Function)
			}
			keys[c.key] = append(keys[c.key], name)
		}
		for _, v := range []string{"C_VAR", "surface::R_VAR"} {
			if e := exportByKey(s, v); e == nil || e.Variable == nil || e.Kind != ddwarf.SymObject {
				t.Errorf("%s: variable %s: %+v", name, v, e)
			}
		}
		var meta bool
		for _, e := range s.WithoutDWARF() {
			meta = meta || strings.HasPrefix(e.Symbol, "rust_metadata_surface_")
		}
		if !meta {
			t.Errorf("%s: rust_metadata_* not among the exports without DWARF", name)
		}
		if e := exportByKey(s, "surface::r_str"); e != nil && (e.Mangling == MangleRustLegacy) != (e.Hash != "") {
			t.Errorf("%s: r_str mangling %s hash %q", name, e.Mangling, e.Hash)
		}
	}
	// Same source, both manglings: the keys agree.
	for k, files := range keys {
		if len(files) != 2 {
			t.Errorf("key %q only in %v", k, files)
		}
	}
}

func TestExportsC(t *testing.T) {
	s := loadSurface(t, "c-O2-dw5-x86_64.so", ExportOptions{})
	if s.SONAME != "libsurface-c.so.1" || strings.Join(s.Needed, " ") != "libc.so.6" || strings.Join(s.RunPath, " ") != "$ORIGIN/../lib" {
		t.Errorf("soname %q needed %q runpath %q", s.SONAME, s.Needed, s.RunPath)
	}
	for key, dwarfName := range map[string]string{
		"c_add": "c_add", "c_big": "c_big", "c_log": "c_log",
		"c_ver@V1": "c_ver_old", "c_ver": "c_ver_new", // matched by address
	} {
		e := exportByKey(s, key)
		if e == nil || e.Function == nil || e.Function.Name != dwarfName || e.ABI != ABIC || !e.ABIInferred || e.ABIReason != "defined in a C unit" {
			t.Errorf("%s: %+v", key, e)
		}
	}
	if e := exportByKey(s, "c_log"); e == nil || e.Function == nil || !e.Function.Variadic {
		t.Errorf("c_log not variadic: %+v", e)
	}
	for _, v := range []string{"c_counter", "c_tls", "c_helper_ptr"} {
		if e := exportByKey(s, v); e == nil || e.Variable == nil {
			t.Errorf("variable %s: %+v", v, e)
		}
	}
	var weak bool
	for _, u := range s.Undefined {
		weak = weak || u.Name == "maybe_missing" && u.Weak
	}
	if !weak {
		t.Error("weak undefined maybe_missing missing from Undefined")
	}
	// The relocatable object lists its globals from .symtab.
	o := loadSurface(t, "c-O2-dw5-x86_64.o", ExportOptions{})
	if o.SymbolSource != ".symtab" || exportByKey(o, "c_add") == nil || exportByKey(o, "c_add").Function == nil {
		t.Errorf("relocatable: source %q, c_add %+v", o.SymbolSource, exportByKey(o, "c_add"))
	}
}

func TestExportsCXX(t *testing.T) {
	s := loadSurface(t, "cxx-O2-dw5-x86_64.so", ExportOptions{})
	for _, key := range []string{"geo::area(long, long)", "geo::area(double, double)", "int geo::twice<int>(int)",
		"double geo::twice<double>(double)", "geo::Counter::add(long)", "cxx_plain"} {
		e := exportByKey(s, key)
		if e == nil || e.Function == nil || e.ABI != ABIC || e.ABIReason != "defined in a C++ unit" {
			t.Errorf("%s: %+v", key, e)
		}
	}
}

func TestExportsNoCall(t *testing.T) {
	s := loadSurface(t, "rust-nocall.so", ExportOptions{})
	e := exportByKey(s, "nocall::internal")
	if e == nil || e.Function == nil || !e.Function.NoCall || len(e.Function.Params) != 3 {
		t.Fatalf("nocall::internal: %+v", e)
	}
	if api := exportByKey(s, "nocall::api"); api == nil || api.Function == nil || api.Function.NoCall {
		t.Errorf("nocall::api: %+v", api)
	}
}

func TestABIRules(t *testing.T) {
	for _, bad := range []string{"", "=C", "foo", "foo=Go"} {
		if _, err := ParseABIRule(bad); err == nil {
			t.Errorf("ParseABIRule(%q) accepted", bad)
		}
	}
	rules := []ABIRule{}
	for _, s := range []string{"nm_rust=Rust", "surface::cb_*=c", "*r_generic<u8>=C", "*r_generic<u8>=rust"} {
		r, err := ParseABIRule(s)
		if err != nil {
			t.Fatal(err)
		}
		rules = append(rules, r)
	}
	s := loadSurface(t, "rust-O3-dw4-legacy.so", ExportOptions{ABIRules: rules})
	for key, want := range map[string]struct {
		abi      ABI
		inferred bool
	}{
		"nm_rust":                 {ABIRust, false},
		"surface::cb_a2":          {ABIC, false},
		"surface::r_generic<u8>":  {ABIRust, false}, // the last matching rule wins
		"surface::r_generic<u32>": {ABIRust, true},
		"c_add":                   {ABIC, true},
	} {
		e := exportByKey(s, key)
		if e == nil || e.ABI != want.abi || e.ABIInferred != want.inferred {
			t.Errorf("%s: %+v", key, e)
		}
	}
	// Globs match the whole name: a bare segment does not match a path.
	if NewABIRule("r_str", ABIC).Match(exportByKey(s, "surface::r_str")) {
		t.Error("r_str matched surface::r_str")
	}
	if !NewABIRule("_ZN7surface5r_str*", ABIC).Match(exportByKey(s, "surface::r_str")) {
		t.Error("a symbol glob did not match")
	}
}

// TestExportsLiveRust builds a dylib with both manglings with the local
// rustc and checks that the keys of generic instances agree and differ.
func TestExportsLiveRust(t *testing.T) {
	rustc, err := exec.LookPath("rustc")
	if err != nil {
		t.Skip("rustc not found: live mangling test skipped")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "live.rs")
	code := `#[inline(never)] pub fn gen<T: Into<u64>>(t: T) -> u64 { t.into() ^ 3 }
#[inline(never)] pub fn use_them(a: u16, b: u32) -> u64 { gen(a) + gen(b) }
pub struct K(pub u8);
impl K { #[inline(never)] pub fn get(&self) -> u8 { self.0 ^ 1 } }
`
	if err := os.WriteFile(src, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{"live::K::get", "live::gen<u16>", "live::gen<u32>", "live::use_them"}
	for _, mangling := range []string{"legacy", "v0"} {
		out := filepath.Join(dir, "liblive-"+mangling+".so")
		args := []string{"--crate-type", "dylib", "--crate-name", "live", "-C", "prefer-dynamic", "-C", "opt-level=2", "-g", "-o", out, src}
		if mangling == "v0" { // legacy is the default, and naming it needs -Z unstable-options
			args = append(args, "-C", "symbol-mangling-version=v0")
		}
		cmd := exec.Command(rustc, args...)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Skipf("rustc failed: %v\n%s", err, b)
		}
		f, err := ddwarf.Open(out, ddwarf.Options{})
		if err != nil {
			t.Fatal(err)
		}
		bin, err := Build(f, Options{})
		if err != nil {
			f.Close()
			t.Fatal(err)
		}
		s, err := Exports(f, bin, ExportOptions{})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range s.Functions {
			if strings.HasPrefix(e.Key, "live::") {
				got = append(got, e.Key)
			}
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: keys %q, want %q", mangling, got, want)
		}
	}
}

// TestExportsOnlyNamesOwned checks that the functions and variables of an
// exports-only model, read from a mapped file, hold names of their own and
// not views of the file's .debug_str, whose pages diff lets go once the
// model is built.
func TestExportsOnlyNamesOwned(t *testing.T) {
	f, st := openWithSymbols(t, "../testdata/diff/bin/rs_units.dylib-legacy.old.so", ddwarf.Options{Map: true})
	bin, err := Build(f, Options{Exports: st})
	if err != nil {
		t.Fatal(err)
	}
	str := f.Sections["str"]
	inFile := func(s string) bool {
		if s == "" || len(str) == 0 {
			return false
		}
		p, start := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(&str[0]))
		return p >= start && p < start+uintptr(len(str))
	}
	named := 0
	for _, fn := range bin.Functions {
		if inFile(fn.Name) || inFile(fn.LinkageName) {
			t.Errorf("%s (%s): a name points into .debug_str", fn.Name, fn.LinkageName)
		}
		if fn.LinkageName != "" {
			named++
		}
	}
	for _, v := range bin.Variables {
		if inFile(v.Name) || inFile(v.LinkageName) {
			t.Errorf("variable %s: a name points into .debug_str", v.Name)
		}
	}
	if named == 0 {
		t.Fatal("no function with a linkage name: the test reads nothing")
	}
}

// openWithSymbols opens path, closed when the test ends, and reads its
// symbol table.
func openWithSymbols(t *testing.T, path string, opts ddwarf.Options) (*ddwarf.File, *ddwarf.SymbolTable) {
	t.Helper()
	f, err := ddwarf.Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	st, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	return f, st
}
