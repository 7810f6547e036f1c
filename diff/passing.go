package diff

import (
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/abi"
)

// Passing predicts with layout/abi's classifiers how each parameter and the
// result of fn travel on arch under conv. It gives up (ok false) for
// functions whose DWARF signature the optimiser rewrote (DW_CC_nocall), for
// targets and conventions the classifiers do not know, and for values of
// unknown size.
func Passing(arch, conv string, fn *layout.Function) (params []abi.Pass, result *abi.Pass, ok bool) {
	if fn == nil || fn.NoCall {
		return nil, nil, false
	}
	sig := abi.Signature{Result: fn.Result, Variadic: fn.Variadic}
	for _, p := range fn.Params {
		sig.Params = append(sig.Params, p.Type)
	}
	params, result, err := abi.Classify(arch, conv, sig)
	if err != nil {
		return nil, nil, false
	}
	return params, result, true
}
