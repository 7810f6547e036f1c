package dump

import (
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/abi"
	"github.com/abidrift/abidrift/layout/sig"
)

// sigPassing predicts with layout/sig how the values of each exported
// function of m travel, under the calling convention sig infers for it. A
// model without a symbol table records no passing: which functions are
// exported, and under which convention, is not known.
func sigPassing(m Model) func(*layout.Function) ([]abi.Pass, *abi.Pass, bool) {
	none := func(*layout.Function) ([]abi.Pass, *abi.Pass, bool) { return nil, nil, false }
	if m.Symbols == nil || m.Binary == nil {
		return none
	}
	s := layout.NewSurface(m.Binary, m.Symbols, layout.ExportOptions{})
	r, err := sig.Analyze(nil, s, sig.Options{})
	if err != nil {
		return none
	}
	bySymbol := map[string]*sig.Function{}
	for i := range r.Functions {
		bySymbol[r.Functions[i].Symbol] = &r.Functions[i]
	}
	byFunc := map[*layout.Function]*sig.Function{}
	for _, e := range s.Functions {
		if f := bySymbol[e.Symbol]; f != nil && e.Function != nil && byFunc[e.Function] == nil {
			byFunc[e.Function] = f
		}
	}
	return func(fn *layout.Function) ([]abi.Pass, *abi.Pass, bool) {
		f := byFunc[fn]
		if f == nil || !f.Signature || f.NoCall || len(f.Params) != len(fn.Params) {
			return nil, nil, false
		}
		var params []abi.Pass
		for _, p := range f.Params {
			if p.Pass == nil {
				return nil, nil, false
			}
			params = append(params, *p.Pass)
		}
		var result *abi.Pass
		if f.Ret != nil {
			result = f.Ret.Pass
		}
		return params, result, true
	}
}
