package layout_test

import (
	"testing"

	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/layouttest"
)

func buildFile(t *testing.T, path string) *layout.Binary {
	t.Helper()
	_, bin := layouttest.Open(t, path)
	return bin
}

// TestFnPointerABIAndTemplates checks what the layout JSON does not show:
// the ABI string kept from Rust fn-pointer names, and generic arguments.
func TestFnPointerABIAndTemplates(t *testing.T) {
	bin := buildFile(t, "../testdata/layout/bin/rust-dylib-O0-dw4-legacy.so")
	fns := findType(t, bin, "fixture::Callbacks")
	want := map[string]string{"c": "C", "r": "Rust", "unit": "Rust"}
	for _, fl := range fns.Fields {
		abi, ok := want[fl.Name]
		if !ok {
			continue
		}
		delete(want, fl.Name)
		if fl.Type.Kind != layout.KindPointer || fl.Type.Elem == nil || fl.Type.Elem.Kind != layout.KindFunction {
			t.Errorf("%s: want a pointer to a function type, got %s", fl.Name, layout.TypeName(fl.Type))
			continue
		}
		if fl.Type.ABI != abi || fl.Type.Elem.ABI != abi {
			t.Errorf("%s (%s): ABI %q/%q, want %q", fl.Name, fl.Type.Name, fl.Type.ABI, fl.Type.Elem.ABI, abi)
		}
	}
	if len(want) > 0 {
		t.Errorf("fields not found: %v", want)
	}
	for _, name := range []string{"fixture::Pair<u8>", "fixture::Pair<u64>"} {
		p := findType(t, bin, name)
		if len(p.Templates) != 1 || p.Templates[0].Name != "T" || p.Templates[0].Type == nil {
			t.Fatalf("%s: templates %+v", name, p.Templates)
		}
		if arg := p.Templates[0].Type.Name; arg != name[len("fixture::Pair<"):len(name)-1] {
			t.Errorf("%s: template argument %s", name, arg)
		}
	}
}
