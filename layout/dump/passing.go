package dump

import (
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/abi"
	"github.com/abidrift/abidrift/layout/sig"
)

// sigPassing predicts with layout/sig how the values of each exported
// function of m travel, under the calling convention of the first export
// that reaches it (as `abidrift sig` reports that export). A model without
// a symbol table records no passing: which functions are exported, and
// under which convention, is not known. The prediction is made when asked
// for, by the goroutines writing the records.
func sigPassing(m Model) func(*layout.Function) ([]abi.Pass, *abi.Pass, bool) {
	none := func(*layout.Function) ([]abi.Pass, *abi.Pass, bool) { return nil, nil, false }
	if m.Symbols == nil || m.Binary == nil {
		return none
	}
	s := layout.NewSurface(m.Binary, m.Symbols, layout.ExportOptions{})
	byFunc := make(map[*layout.Function]layout.ABI, len(s.Functions))
	for _, e := range s.Functions {
		if _, seen := byFunc[e.Function]; e.Function != nil && !seen {
			byFunc[e.Function] = e.ABI
		}
	}
	arch := m.Binary.Arch
	return func(fn *layout.Function) ([]abi.Pass, *abi.Pass, bool) {
		conv, ok := byFunc[fn]
		if !ok || fn.NoCall {
			return nil, nil, false
		}
		params, result, err := sig.Predict(arch, conv, fn)
		if err != nil || len(params) < len(fn.Params) {
			return nil, nil, false
		}
		if fn.Result == nil {
			result = nil // as sig reports it: no result, no passing
		}
		return params[:len(fn.Params)], result, true
	}
}
