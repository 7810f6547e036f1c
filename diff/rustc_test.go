package diff_test

import (
	"testing"

	"github.com/abidrift/abidrift/diff"
)

// TestRustcVersionChange diffs a plugin built by rustc 1.95 against the same
// source built by a nightly (which also defaults to v0 mangling): a
// crate-level warning, and every symbol renamed with the reason.
func TestRustcVersionChange(t *testing.T) {
	dir := "../testdata/explain/bin/rs_rustc_version/"
	r := diff.CompareSurfaces(loadSurface(t, dir+"old/libplug.so"), loadSurface(t, dir+"new/libplug.so"), diff.Options{})
	var version, renamed int
	for _, c := range r.Changes {
		switch c.Kind {
		case diff.RustcVersionChanged:
			version++
			if c.Severity != diff.PossiblyBreaking {
				t.Errorf("rustc version change is %s, want possibly-breaking", c.Severity)
			}
		case diff.SymbolHashChanged:
			renamed++
			if c.Severity != diff.Breaking {
				t.Errorf("%s: %s, want breaking", c.Subject, c.Severity)
			}
		}
	}
	if version != 1 || renamed != 2 {
		t.Errorf("want one rustc-version-changed and two symbol-hash-changed, got %d and %d in %d changes", version, renamed, len(r.Changes))
	}
}
