package dump_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/abidrift/abidrift/diff"
	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/dump"
	"github.com/abidrift/abidrift/layout/layouttest"
)

// load reads a binary's model and symbol table.
func load(t testing.TB, path string) dump.Model {
	t.Helper()
	f, bin := layouttest.Open(t, path)
	st, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	return dump.Model{Binary: bin, Symbols: st}
}

// binaries are the files the round trips run on: the diff fixtures and,
// when present, the external corpus.
func binaries(t *testing.T) []string {
	paths, _ := filepath.Glob("../../testdata/diff/bin/*.so")
	corpus, _ := filepath.Glob("../../../shared/corpus/libabigail/cases/*/*")
	for _, p := range corpus {
		if st, err := os.Stat(p); err == nil && !st.IsDir() && filepath.Ext(p) != ".txt" {
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		t.Skip("no binaries: testdata/diff/bin is empty and ../shared/corpus is absent")
	}
	if len(corpus) == 0 {
		t.Log("../shared/corpus is absent: round trips run on the diff fixtures only")
	}
	return paths
}

func roundTrip(t *testing.T, m dump.Model) (dump.Model, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := dump.Write(&buf, m, dump.Options{}); err != nil {
		t.Fatal(err)
	}
	back, err := dump.Read(bytes.NewReader(buf.Bytes()), "roundtrip.json")
	if err != nil {
		t.Fatal(err)
	}
	return back, buf.Bytes()
}

// TestRoundTrip checks that a dump read back is the model that was written:
// the differ finds nothing between a binary and its dump (every type
// compared, not only the exported ones), and writing the read-back model
// again gives the same bytes.
func TestRoundTrip(t *testing.T) {
	for _, p := range binaries(t) {
		t.Run(filepath.Base(p), func(t *testing.T) {
			m := load(t, p)
			back, first := roundTrip(t, m)
			var second bytes.Buffer
			if err := dump.Write(&second, back, dump.Options{}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, second.Bytes()) {
				t.Errorf("writing the read-back model gives other bytes")
			}
			for _, opts := range []diff.Options{{}, {AllTypes: true}} {
				r := diff.CompareSurfaces(layout.NewSurface(m.Binary, m.Symbols, layout.ExportOptions{}),
					layout.NewSurface(back.Binary, back.Symbols, layout.ExportOptions{}), opts)
				for _, c := range r.Changes {
					t.Errorf("binary vs its dump (all types %v): %s %s: %s", opts.AllTypes, c.Kind, c.Subject, c.Detail)
				}
				r = diff.Compare(m.Binary, back.Binary, opts)
				for _, c := range r.Changes {
					t.Errorf("binary vs its dump, DWARF only (all types %v): %s %s: %s", opts.AllTypes, c.Kind, c.Subject, c.Detail)
				}
			}
		})
	}
}

// TestDeterministic checks that two dumps of one binary are identical.
func TestDeterministic(t *testing.T) {
	p := "../../testdata/diff/bin/rs_enum.old.so"
	var a, b bytes.Buffer
	if err := dump.Write(&a, load(t, p), dump.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := dump.Write(&b, load(t, p), dump.Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two dumps of the same binary differ")
	}
	if !strings.Contains(a.String(), `"schema": "abidrift.dump/v1"`) {
		t.Fatal("no schema line")
	}
}

// TestWorkersDoNotMatter checks that the number of goroutines a build runs
// on (which also sets how merge splits the named types) changes nothing in
// the dump: of whole and exports-only models, with 1, 2 and 7 workers.
func TestWorkersDoNotMatter(t *testing.T) {
	for _, p := range binaries(t) {
		f, err := dwarf.Open(p, dwarf.Options{})
		if err != nil {
			continue
		}
		st, err := f.Symbols()
		if err != nil {
			st = nil
		}
		for _, exports := range []*dwarf.SymbolTable{nil, st} {
			var want []byte
			for _, workers := range []int{1, 2, 7} {
				bin, err := layout.Build(f, layout.Options{Workers: workers, Exports: exports})
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				var buf bytes.Buffer
				if err := dump.Write(&buf, dump.Model{Binary: bin, Symbols: st}, dump.Options{}); err != nil {
					t.Fatal(err)
				}
				if want == nil {
					want = buf.Bytes()
				} else if !bytes.Equal(want, buf.Bytes()) {
					t.Errorf("%s (exports only: %v): the dump with %d workers differs from the one with 1", p, exports != nil, workers)
				}
			}
		}
		f.Close()
	}
}

// TestMalformed feeds broken dumps to Read: each must give an error that
// names the file, never a panic.
func TestMalformed(t *testing.T) {
	good := `{"schema":"abidrift.dump/v1","binary":{"arch":"x86_64","ptr_size":8},"named":["struct:S"],` +
		`"functions":[{"name":"f","params":[{"type":"base:int"}]}],"variables":[],` +
		`"types":[{"id":"base:int","kind":"base","name":"int","size":4},` +
		`{"id":"struct:S","kind":"struct","name":"S","size":4,"fields":[{"name":"a","offset":0,"type":"base:int"}]}]}`
	if _, err := dump.Read(strings.NewReader(good), "good.json"); err != nil {
		t.Fatalf("the valid document: %v", err)
	}
	cases := map[string]string{
		"empty":            ``,
		"not json":         `{schema`,
		"truncated":        good[:len(good)/2],
		"array":            `[1,2]`,
		"no schema":        `{}`,
		"other schema":     `{"schema":"abidrift.layout/v1"}`,
		"trailing data":    good + `{}`,
		"dangling named":   strings.Replace(good, `"named":["struct:S"]`, `"named":["struct:T"]`, 1),
		"dangling field":   strings.Replace(good, `"type":"base:int"}]}]}`, `"type":"base:long"}]}]}`, 1),
		"dangling param":   strings.Replace(good, `"params":[{"type":"base:int"}]`, `"params":[{"type":"nope"}]`, 1),
		"duplicate id":     strings.Replace(good, `"id":"struct:S"`, `"id":"base:int"`, 1),
		"bad kind":         strings.Replace(good, `"kind":"base"`, `"kind":"blob"`, 1),
		"no id":            strings.Replace(good, `"id":"base:int",`, ``, 1),
		"negative size":    strings.Replace(good, `"size":4}`, `"size":-7}`, 1),
		"negative dim":     strings.Replace(good, `"size":4}`, `"size":4,"dims":[-5]}`, 1),
		"wrong type":       strings.Replace(good, `"size":4}`, `"size":"four"}`, 1),
		"huge number":      strings.Replace(good, `"size":4}`, `"size":1e400}`, 1),
		"bad discr":        strings.Replace(good, `"size":4}`, `"size":4,"variants":[{"name":"A","discr":"x"}]}`, 1),
		"open range":       strings.Replace(good, `"size":4}`, `"size":4,"variants":[{"name":"A","ranges":[[1,null]]}]}`, 1),
		"bad symbol kind":  strings.Replace(good, `"types":`, `"symbols":{"source":".dynsym","exported":[{"name":"f","kind":"weird"}]},"types":`, 1),
		"nameless symbol":  strings.Replace(good, `"types":`, `"symbols":{"source":".dynsym","exported":[{"kind":"func"}]},"types":`, 1),
		"bad location":     strings.Replace(good, `{"type":"base:int"}]`, `{"type":"base:int","location":{"expr":"zz"}}]`, 1),
		"deep nesting":     strings.Repeat("[", 100000),
		"null named":       strings.Replace(good, `"named":["struct:S"]`, `"named":[null]`, 1),
		"bad ptr size":     strings.Replace(good, `"ptr_size":8`, `"ptr_size":-1`, 1),
		"negative bitsize": strings.Replace(good, `"offset":0,`, `"offset":0,"bit_size":-1,`, 1),
	}
	for name, doc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := dump.Read(strings.NewReader(doc), "bad.json")
			if err == nil {
				t.Fatalf("no error for %.80q", doc)
			}
			var de *dump.Error
			if !errors.As(err, &de) || !strings.HasPrefix(err.Error(), "bad.json: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
		})
	}
}

// FuzzRead checks that no input makes Read panic.
func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"schema":"abidrift.dump/v1","types":[{"id":"a","kind":"pointer","elem":"a","size":8}],"named":["a"]}`))
	f.Add([]byte(`{"schema":"abidrift.dump/v1","types":[{"id":"e","kind":"enum","size":1,"tag":{"offset":0,"type":"e"},"variants":[{"name":"A","discr":1}]}]}`))
	// Real dumps seed the corpus, and a real model is what fuzzed ones are
	// compared with.
	var real []dump.Model
	for _, p := range []string{"../../testdata/diff/bin/rs_enum.old.so", "../../testdata/diff/bin/c_struct.old.so"} {
		m := load(f, p)
		real = append(real, m)
		var buf bytes.Buffer
		if err := dump.Write(&buf, m, dump.Options{}); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := dump.Read(bytes.NewReader(data), "fuzz.json")
		if err != nil {
			return
		}
		// A document that reads must also write, and compare with itself
		// and with real models both ways, in both scopes.
		var buf bytes.Buffer
		if err := dump.Write(&buf, m, dump.Options{}); err != nil {
			t.Fatal(err)
		}
		for _, r := range real {
			for _, opts := range []diff.Options{{}, {AllTypes: true}} {
				diff.Compare(m.Binary, r.Binary, opts)
				diff.Compare(r.Binary, m.Binary, opts)
			}
		}
		diff.Compare(m.Binary, m.Binary, diff.Options{AllTypes: true})
	})
}
