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
// under which convention, is not known. The predictions are made at once
// (newDoc asks for them while the ids are given, on another goroutine); the
// function returned only looks them up.
func sigPassing(m Model) func(*layout.Function) ([]abi.Pass, *abi.Pass, bool) {
	none := func(*layout.Function) ([]abi.Pass, *abi.Pass, bool) { return nil, nil, false }
	if m.Symbols == nil || m.Binary == nil {
		return none
	}
	type passing struct {
		params []abi.Pass
		result *abi.Pass
		ok     bool
	}
	s := layout.NewSurface(m.Binary, m.Symbols, layout.ExportOptions{})
	predicted := make(map[*layout.Function]passing, len(s.Functions))
	for _, e := range s.Functions {
		fn := e.Function
		if _, seen := predicted[fn]; fn == nil || seen {
			continue
		}
		var p passing
		if !fn.NoCall {
			params, result, err := sig.Predict(m.Binary.Arch, e.ABI, fn)
			if p.ok = err == nil && len(params) >= len(fn.Params); p.ok {
				p.params = params[:len(fn.Params)]
				if fn.Result != nil { // as sig reports it: no result, no passing
					p.result = result
				}
			}
		}
		predicted[fn] = p
	}
	return func(fn *layout.Function) ([]abi.Pass, *abi.Pass, bool) {
		p := predicted[fn]
		return p.params, p.result, p.ok
	}
}
