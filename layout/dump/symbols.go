package dump

import (
	"fmt"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

func symbolsDoc(st *ddwarf.SymbolTable) *Symbols {
	if st == nil {
		return nil
	}
	conv := func(in []ddwarf.Symbol) []Symbol {
		out := []Symbol{}
		for _, s := range in {
			out = append(out, Symbol{Name: s.Name, Kind: s.Kind, Version: s.Version, Hidden: s.Hidden, Library: s.Library,
				Weak: s.Weak, Protected: s.Protected, Value: s.Value, Size: s.Size})
		}
		return out
	}
	d := &Symbols{Source: st.Source, SONAME: st.SONAME, Needed: st.Needed, RunPath: st.RunPath, RPath: st.RPath,
		BuildID: st.BuildID, Exported: conv(st.Exported)}
	if len(st.Undefined) > 0 {
		d.Undefined = conv(st.Undefined)
	}
	return d
}

var symbolKinds = map[ddwarf.SymbolKind]bool{ddwarf.SymFunc: true, ddwarf.SymObject: true, ddwarf.SymIFunc: true,
	ddwarf.SymTLS: true, ddwarf.SymNoType: true}

func symbolTable(d *Symbols) (*ddwarf.SymbolTable, error) {
	if d == nil {
		return nil, nil
	}
	conv := func(in []Symbol, what string) ([]ddwarf.Symbol, error) {
		var out []ddwarf.Symbol
		for i, s := range in {
			if s.Name == "" {
				return nil, fmt.Errorf("symbols.%s[%d] has no name", what, i)
			}
			if !symbolKinds[s.Kind] {
				return nil, fmt.Errorf("symbols.%s[%d] (%s) has unknown kind %q", what, i, s.Name, s.Kind)
			}
			out = append(out, ddwarf.Symbol{Name: s.Name, Kind: s.Kind, Version: s.Version, Hidden: s.Hidden,
				Library: s.Library, Weak: s.Weak, Protected: s.Protected, Value: s.Value, Size: s.Size})
		}
		return out, nil
	}
	st := &ddwarf.SymbolTable{Source: d.Source, SONAME: d.SONAME, Needed: d.Needed, RunPath: d.RunPath, RPath: d.RPath,
		BuildID: d.BuildID}
	var err error
	if st.Exported, err = conv(d.Exported, "exported"); err != nil {
		return nil, err
	}
	if st.Undefined, err = conv(d.Undefined, "undefined"); err != nil {
		return nil, err
	}
	return st, nil
}
