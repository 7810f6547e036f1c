package dump

import (
	"bytes"
	"encoding/json"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/abi"
	"github.com/abidrift/abidrift/layout/layouttest"
	"github.com/abidrift/abidrift/layout/sig"
)

// TestEncodeMatchesEncoder checks that Write, which makes the type records as
// it writes them, gives byte for byte what encoding/json's Encoder indented
// by two spaces without HTML escaping gives for New's whole document, on the
// dumps of the committed binaries.
func TestEncodeMatchesEncoder(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/diff/bin/*.so")
	more, _ := filepath.Glob("../../testdata/layout/bin/*.so")
	paths = append(paths, more...)
	if p := os.Getenv("ABIDRIFT_BENCH_BIN"); p != "" {
		paths = append(paths, p)
	}
	if len(paths) == 0 {
		t.Skip("no binaries")
	}
	for _, p := range paths {
		m := openModel(t, p)
		var got bytes.Buffer
		if err := Write(&got, m, Options{}); err != nil {
			t.Fatal(err)
		}
		sameAsEncoder(t, p, got.Bytes(), New(m, Options{}))
	}
}

// openModel reads the model and symbol table of the binary at path.
func openModel(t *testing.T, path string) Model {
	t.Helper()
	f, bin := layouttest.Open(t, path)
	st, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	return Model{Binary: bin, Symbols: st}
}

// sameAsEncoder checks that got is what encoding/json's Encoder indented by
// two spaces without HTML escaping writes for doc.
func sameAsEncoder(t *testing.T, what string, got []byte, doc *Doc) {
	t.Helper()
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	if w := want.Bytes(); !bytes.Equal(got, w) {
		i := 0
		for i < len(got) && i < len(w) && got[i] == w[i] {
			i++
		}
		t.Fatalf("%s: differs at byte %d:\n got %q\nwant %q", what, i, got[max(i-80, 0):min(i+80, len(got))], w[max(i-80, 0):min(i+80, len(w))])
	}
}

func TestIndentEdgeCases(t *testing.T) {
	for _, src := range []string{`{}`, `[]`, `{"a":[]}`, `{"a":{},"b":[1,2,{"c":"x\"]{,:"}]}`, `[[],[[]],{}]`, `"s"`, `1`, `null`, `{"k":"\\"}`} {
		var want bytes.Buffer
		if err := json.Indent(&want, []byte(src), "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := indent(nil, []byte(src), 0); string(got) != want.String() {
			t.Errorf("indent(%s) = %q, want %q", src, got, want.String())
		}
	}
}

// TestAppendMatchesEncoder checks jsonWriter against encoding/json on
// records holding every field, the strings it must escape, nil and empty
// slices, and big numbers.
func TestAppendMatchesEncoder(t *testing.T) {
	odd := []string{"", "plain", "q\"uote", `back\slash`, "ctl\x01\n\t", "é ü 中", "line\u2028sep\u2029", "bad\xffutf8", "<html>&amp;"}
	loc := int64(-7)
	big1, big2 := big.NewInt(-3), new(big.Int).Lsh(big.NewInt(1), 100)
	var types []Type
	var fns []Function
	for i, s := range odd {
		types = append(types, Type{ID: s, Kind: layout.Kind(s), Name: s, Size: int64(-i), Align: int64(i), Lang: layout.Lang(s),
			Decl: i%2 == 0, File: s, Line: i, Encoding: layout.Encoding(s), Signed: i%2 == 1, Elem: s, Qualifier: s,
			Dims: []int64{int64(i), -1}[:i%3], Fields: []Field{{Name: s, Offset: int64(i), Type: s, BitSize: 3, BitOffset: int64(i),
				Align: 8, Artificial: true, Base: i%2 == 0, File: s, Line: i}}[:i%2],
			Tag:       &Tag{Offset: int64(i), Type: s, Niche: i%2 == 0},
			Variants:  []Variant{{Name: s, Discr: big1, Ranges: [][2]*big.Int{{big1, big2}, {nil, big2}}, Fields: []Field{{}}, Type: s}, {}},
			Templates: []TemplateParam{{Name: s, Type: s, Value: big2}, {}}, Params: []string{s, ""}[:i%3], Result: s,
			Variadic: true, ABI: s, Holes: []layout.Hole{{Offset: 1, Size: 2, After: s}}, Padding: int64(i), DeclOrder: true, Payload: true})
		fns = append(fns, Function{Name: s, LinkageName: s, Params: []Param{{Name: s, Type: s,
			Pass:     &abi.Pass{Mode: abi.Mode(s), Regs: []string{s}, StackOffset: -1},
			Location: &Location{Expr: s, LocList: &loc}}, {Pass: &abi.Pass{}, Location: &Location{}}},
			Result: s, ResultPass: &abi.Pass{Regs: []string{}}, NoReturn: true, Variadic: true, Lang: layout.Lang(s), NoCall: true,
			External: true, LowPC: uint64(i) << 60, File: s, Line: -i, Templates: []TemplateParam{{Value: big1}}})
	}
	var syms []Symbol
	for i, s := range odd {
		syms = append(syms, Symbol{Name: s, Kind: ddwarf.SymbolKind(s), Version: s, Hidden: i%2 == 0, Library: s,
			Weak: i%2 == 1, Protected: i%3 == 0, Value: uint64(i) << 60, Size: uint64(i)})
	}
	symbols := &Symbols{Source: "s", SONAME: odd[3], Needed: odd, RunPath: odd[:2], RPath: []string{}, BuildID: odd[4],
		Exported: syms, Undefined: syms[:1]}
	types = append(types, Type{}, Type{Dims: []int64{}, Fields: []Field{}, Params: []string{}})
	fns = append(fns, Function{}, Function{Params: []Param{}})
	many := func(n int) []Type {
		var out []Type
		for len(out) < n {
			out = append(out, types...)
		}
		return out
	}
	for _, doc := range []*Doc{
		{Schema: Schema, Types: types, Functions: fns},
		{Schema: Schema, Named: []string{}, Functions: []Function{}, Variables: []Variable{}, Types: []Type{}, Symbols: &Symbols{}},
		{Schema: "x", Named: odd, Functions: append(fns, fns...), Types: many(3 * parallelMin),
			VTables: []VTable{{Type: "t"}}, Symbols: symbols},
	} {
		var got bytes.Buffer
		if err := encode(&got, doc, nil); err != nil {
			t.Fatal(err)
		}
		sameAsEncoder(t, "document", got.Bytes(), doc)
	}
}

// TestAppendStringEveryByte checks appendString's copy of plain strings
// against encoding/json for every byte value at every place of a string.
func TestAppendStringEveryByte(t *testing.T) {
	// Lengths that fill whole eight-byte words and leave tails; words of
	// the plain bytes beside those escaped (' ', '!', '#', '[', ']', DEL).
	for _, plain := range []string{"abc", "abcdefghijklmnop", "abcdefghijklmnopqrstu", "  !!##[[]]\x7f\x7f~~ !#[]\x7f~"} {
		for c := range 256 {
			for at := range len(plain) {
				s := []byte(plain)
				s[at] = byte(c)
				want, err := marshal(string(s))
				if err != nil {
					t.Fatal(err)
				}
				if got := appendString(nil, string(s)); !bytes.Equal(got, want) {
					t.Fatalf("%q: byte %#x at %d: got %s, want %s", plain, c, at, got, want)
				}
			}
		}
	}
}

// TestLateTypeIsAnError checks the guard against a record that references
// a type discovery did not give an id: ref must not assign ids while records
// are made on several goroutines.
func TestLateTypeIsAnError(t *testing.T) {
	w := &writer{byID: map[string]*layout.Type{}, eq: newEquality()}
	if id := w.ref(&layout.Type{Kind: layout.KindBase, Name: "u8"}); id != "" || !w.late.Load() {
		t.Fatalf("ref after discovery gave %q, late = %v; want \"\" and true", id, w.late.Load())
	}
	if w.ids.Len() != 0 || len(w.queue) != 0 {
		t.Fatal("ref after discovery assigned an id")
	}
}

// TestWorkerPanicReachesCaller checks that a panic while a record is made
// on one of the writer's goroutines is raised again in the goroutine that
// called Write (where the command reports it), instead of ending the
// program.
func TestWorkerPanicReachesCaller(t *testing.T) {
	bin := &layout.Binary{}
	for i := range 3 * parallelMin {
		bin.Functions = append(bin.Functions, &layout.Function{Name: "f" + strconv.Itoa(i)})
	}
	bad := bin.Functions[2*parallelMin]
	passing := func(fn *layout.Function) ([]abi.Pass, *abi.Pass, bool) {
		if fn == bad {
			panic("broken record")
		}
		return nil, nil, false
	}
	defer func() {
		if r := recover(); r != "broken record" {
			t.Fatalf("Write panicked with %v, want the record's panic", r)
		}
	}()
	Write(io.Discard, Model{Binary: bin}, Options{Passing: passing})
	t.Fatal("Write returned")
}

// TestTypeNumbersOnlyHelp checks that the ids of a dump do not depend on
// Type.Num: the dump of a built model is the same with the numbers Build
// gave, with none, and with numbers shared by many types (as when a model
// mixes the types of two builds).
func TestTypeNumbersOnlyHelp(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/layout/bin/rust-*.so")
	if len(paths) == 0 {
		t.Skip("no binaries")
	}
	for _, p := range paths[:min(3, len(paths))] {
		_, bin := layouttest.Open(t, p)
		dumpOf := func() string {
			var b bytes.Buffer
			if err := Write(&b, Model{Binary: bin}, Options{}); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		want := dumpOf()
		var all []*layout.Type
		layouttest.EachType(bin, func(u *layout.Type) { all = append(all, u) })
		for i, renumber := range []func(k int) int32{
			func(int) int32 { return 0 },
			func(k int) int32 { return int32(k%7 + 1) },
		} {
			for k, u := range all {
				u.Num = renumber(k)
			}
			if got := dumpOf(); got != want {
				t.Errorf("%s: the dump changes with numbering %d", p, i)
			}
		}
	}
}

// TestParamsAlwaysAList checks that every function record has a list of
// parameters, empty for none (the schema's "params": []), never null, also
// when the record's lists come from a scratch that has given out nothing
// yet.
func TestParamsAlwaysAList(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/diff/bin/*.so")
	if len(paths) == 0 {
		t.Skip("no binaries")
	}
	none := 0
	for _, p := range paths {
		m := openModel(t, p)
		for _, fn := range New(m, Options{}).Functions {
			if fn.Params == nil {
				t.Errorf("%s: %s: params is nil", p, fn.Name)
			}
		}
		_, recs := newDoc(m, Options{})
		for i, fn := range recs.funcs {
			if len(fn.Params) > 0 {
				continue
			}
			none++
			var s scratch
			if rec := recs.function(i, &s); rec.Params == nil {
				t.Errorf("%s: %s: params is nil from a new scratch", p, fn.Name)
			}
		}
	}
	if none == 0 {
		t.Fatal("no function without parameters to check")
	}
}

// TestPassingAgreesWithSig checks the passing a dump records for each
// exported function against `abidrift sig`'s report (layout/sig.Analyze)
// of the first export that reaches the function, on the committed
// binaries, versioned symbols (one name for two functions) among them.
func TestPassingAgreesWithSig(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/surface/bin/*.so")
	more, _ := filepath.Glob("../../testdata/sig/bin/*.o")
	paths = append(paths, more...)
	if len(paths) == 0 {
		t.Skip("no binaries")
	}
	checked := 0
	for _, p := range paths {
		m := openModel(t, p)
		s := layout.NewSurface(m.Binary, m.Symbols, layout.ExportOptions{})
		r, err := sig.Analyze(nil, s, sig.Options{All: true})
		if err != nil {
			t.Fatal(err)
		}
		passing := sigPassing(m)
		seen := map[*layout.Function]bool{}
		for i, e := range s.Functions {
			fn := e.Function
			if fn == nil || seen[fn] {
				continue
			}
			seen[fn] = true
			want := r.Functions[i]
			params, result, ok := passing(fn)
			wantOK := want.Signature && !want.NoCall
			for _, wp := range want.Params {
				wantOK = wantOK && wp.Pass != nil
			}
			if ok != wantOK {
				t.Errorf("%s: %s: passing recorded %v, sig predicts it %v", p, e.Symbol, ok, wantOK)
				continue
			}
			if !ok {
				continue
			}
			checked++
			for k, wp := range want.Params {
				if sig.PassString(&params[k]) != sig.PassString(wp.Pass) {
					t.Errorf("%s: %s: param %d passed %s, sig says %s", p, e.Symbol, k, sig.PassString(&params[k]), sig.PassString(wp.Pass))
				}
			}
			var wantResult *abi.Pass
			if want.Ret != nil {
				wantResult = want.Ret.Pass
			}
			if sig.PassString(result) != sig.PassString(wantResult) {
				t.Errorf("%s: %s: result passed %s, sig says %s", p, e.Symbol, sig.PassString(result), sig.PassString(wantResult))
			}
		}
	}
	if checked == 0 {
		t.Fatal("no passing checked")
	}
}
