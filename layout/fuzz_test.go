package layout_test

import (
	"testing"

	"github.com/abidrift/abidrift/layout"
)

// FuzzDemangle feeds arbitrary symbol names to the demangler and the ABI
// rule parser: they must answer, never panic.
func FuzzDemangle(f *testing.F) {
	for _, s := range []string{
		"_ZN4plug3run17ha7e8523b746139b9E", "_RNvCs1234_4plug3run", "_ZN3geo7Counter3addEl",
		"_ZN4core3ptr85drop_in_place$LT$std..rt..lang_start$LT$$LP$$RP$$GT$..$u7b$$u7b$closure$u7d$$u7d$$GT$17h0123456789abcdefE",
		"plain", "_R", "_ZN", "_ZN99999999999x17h0123456789abcdefE",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sym string) {
		d, m := layout.Demangle(sym)
		if m == layout.MangleNone && d != sym {
			t.Fatalf("unmangled %q came back as %q", sym, d)
		}
		layout.ParseABIRule(sym)
		layout.LastSegment(sym)
	})
}
