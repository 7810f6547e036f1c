package dump

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/abidrift/abidrift/layout/layouttest"
)

// agree checks that decodeDoc and json.Unmarshal agree on data: both fail,
// or both give the same document.
func agree(t *testing.T, data []byte) {
	t.Helper()
	var want, got Doc
	werr := json.Unmarshal(data, &want)
	gerr := decodeDoc(data, &got)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%.200q:\njson.Unmarshal: %v\ndecodeDoc: %v", data, werr, gerr)
	}
	if werr == nil && !reflect.DeepEqual(want, got) {
		t.Fatalf("%.200q: the documents differ", data)
	}
}

// TestDecodeDocAgrees checks decodeDoc against encoding/json on the dumps of
// the committed binaries and on documents that bend the format.
func TestDecodeDocAgrees(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/diff/bin/*.so")
	for _, p := range paths {
		f, bin := layouttest.Open(t, p)
		st, err := f.Symbols()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Write(&buf, Model{Binary: bin, Symbols: st}, Options{}); err != nil {
			t.Fatal(err)
		}
		agree(t, buf.Bytes())
	}
	ty := `{"id":"a","kind":"struct","size":8,"fields":[{"name":"x]}\"[{","offset":0,"type":"b"}]}`
	for _, doc := range []string{
		`{"types":[` + ty + `,` + ty + `]}`,
		`{"types":[]}`, `{"types":[ ]}`, `{"types":null}`, `{"types":{}}`, `{"types":[1]}`, `{"types":[,]}`,
		`{"types":[` + ty + `,]}`, `{"types":[` + ty + ` ` + ty + `]}`, `{"types":[` + ty + `]]}`, `{"types":[` + ty,
		`{"types":[` + ty + `],"types":[]}`, `{"types":[],"types":[` + ty + `]}`, `{"types":[` + ty + `],"types":null}`,
		`{"Types":[` + ty + `],"types":[]}`, `{"types":[],"TYPES":[` + ty + `]}`, `{"\u0074ypes":[` + ty + `],"types":[]}`,
		`{"types":[],"\u0074ypes":[` + ty + `]}`,
		`{"functions":[{"name":"f","params":[{"type":"a"}]}],"types":[` + ty + `],"named":["a"]}`,
		`{"functions":[{"name":"f","params":{}}]}`, `{"functions":[{"name":1}]}`,
		`{"types":[` + ty + `],"binary":{"ptr_size":"8"}}`, `{"types":[` + ty + `] "named":[]}`,
		`{"types":[` + ty + `]}x`, `{"types":[` + ty + `]} `, ` {"types":[]}`, `{}`, `{"a":1,}`, `[]`, ``, ` `, `{`,
		`{"types":[{"id":"\u00e9\ud800","kind":"x","size":1e400}]}`, `{"types":[{"size":-0}]}`, `{"types":[tru]}`,
	} {
		agree(t, []byte(doc))
	}
}

// TestDecodeDocErrorOffsets checks that an error inside a large array or
// after one gives the offset in the document.
func TestDecodeDocErrorOffsets(t *testing.T) {
	for _, c := range []struct{ doc, bad string }{
		{`{"types":[{"id":"a","kind":"x","size":1},{"id":"b","size":"one"}]}`, `"one"`},
		{`{"types":[{"id":"a","kind":"x","size":1}],"binary":{"ptr_size":"eight"}}`, `"eight"`},
		{`{"functions":[{"name":"ffffffffffffffffffffffffffffffff"}],"binary":{"ptr_size":"eight"},"types":[{"id":"a","kind":"x","size":1}]}`, `"eight"`},
	} {
		err := decodeDoc([]byte(c.doc), &Doc{})
		if err == nil {
			t.Fatalf("%s: no error", c.doc)
		}
		// encoding/json points just past the offending value.
		want := strings.Index(c.doc, c.bad) + len(c.bad)
		if !strings.Contains(err.Error(), "offset "+itoa(want)+":") {
			t.Errorf("%s: %v; want offset %d", c.doc, err, want)
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// FuzzDecodeDoc checks decodeDoc against encoding/json on any input.
func FuzzDecodeDoc(f *testing.F) {
	f.Add([]byte(`{"types":[{"id":"a","kind":"pointer","elem":"a","size":8}],"functions":[{"name":"f","params":[]}],"named":["a"]}`))
	f.Add([]byte(`{"types":[],"Types":[{"id":"\"]"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { agree(t, data) })
}
