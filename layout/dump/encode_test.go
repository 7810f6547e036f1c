package dump

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/abidrift/abidrift/layout/layouttest"
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
		f, bin := layouttest.Open(t, p)
		st, err := f.Symbols()
		if err != nil {
			t.Fatal(err)
		}
		doc := New(Model{Binary: bin, Symbols: st}, Options{})
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		if err := Write(&got, Model{Binary: bin, Symbols: st}, Options{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			g, w := got.Bytes(), want.Bytes()
			i := 0
			for i < len(g) && i < len(w) && g[i] == w[i] {
				i++
			}
			t.Fatalf("%s: differs at byte %d:\n got %q\nwant %q", p, i, g[max(i-80, 0):min(i+80, len(g))], w[max(i-80, 0):min(i+80, len(w))])
		}
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
