package diff

import (
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/abi"
	"github.com/abidrift/abidrift/layout/sig"
)

// Passing predicts how each parameter and the result of fn travel on arch
// under conv, with layout/sig's prediction, so that `abidrift diff` and
// `abidrift sig` agree. It gives up (ok false) for functions whose DWARF
// signature the optimiser rewrote (DW_CC_nocall), for targets and
// conventions the classifiers do not know, and for values of unknown size.
func Passing(arch, conv string, fn *layout.Function) (params []abi.Pass, result *abi.Pass, ok bool) {
	if fn == nil {
		return nil, nil, false
	}
	params, result, err := sig.Predict(arch, layout.ABI(conv), fn)
	if err != nil {
		return nil, nil, false
	}
	return params, result, true
}
