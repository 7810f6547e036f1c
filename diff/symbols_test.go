package diff_test

import (
	"strings"
	"testing"

	"github.com/abidrift/abidrift/diff"
	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/abi"
)

// rustLib is a Rust library with exported functions: each symbol maps a
// linkage name to the function plug::<last segment>(&Config); extra are
// further exported symbols without DWARF (rust_metadata_*).
func rustLib(producer string, mut func(cfg *layout.Type), syms []string, extra ...string) *layout.Surface {
	b := model(func(b *layout.Binary, cfg *layout.Type) {
		if mut != nil {
			mut(cfg)
		}
		b.Producers = []string{producer}
		run := b.Functions[0]
		b.Functions = nil
		for _, s := range syms {
			fn := *run
			d, _ := layout.Demangle(s)
			fn.Name, fn.LinkageName = d, s
			b.Functions = append(b.Functions, &fn)
		}
	})
	st := &ddwarf.SymbolTable{Source: ".dynsym"}
	for _, s := range syms {
		st.Exported = append(st.Exported, ddwarf.Symbol{Name: s, Kind: ddwarf.SymFunc})
	}
	for _, s := range extra {
		st.Exported = append(st.Exported, ddwarf.Symbol{Name: s, Kind: ddwarf.SymObject})
	}
	return layout.NewSurface(b, st, layout.ExportOptions{})
}

const (
	rustc94 = "clang LLVM (rustc version 1.94.0 (abc 2026-01-01))"
	rustc95 = "clang LLVM (rustc version 1.95.0 (def 2026-04-14))"
)

func byKind(r *diff.Report, k diff.Kind) []*diff.Change {
	var out []*diff.Change
	for _, c := range r.Changes {
		if c.Kind == k {
			out = append(out, c)
		}
	}
	return out
}

// TestSymbolHashChanged covers the reasons given for a Rust symbol that
// changed under the same path, and checks that such items are paired, not
// reported as removed and added.
func TestSymbolHashChanged(t *testing.T) {
	const (
		runA, runB   = "_ZN4plug3run17h0000000000000001E", "_ZN4plug3run17h0000000000000002E"
		stopA, stopB = "_ZN4plug4stop17h0000000000000003E", "_ZN4plug4stop17h0000000000000004E"
		idleA        = "_ZN4plug4idle17h0000000000000005E"
		runV0A       = "_RNvCs1234_4plug3run"
		runV0B       = "_RNvCs5678_4plug3run"
	)
	gained := func(cfg *layout.Type) {
		u8 := &layout.Type{Kind: layout.KindBase, Name: "bool", Size: 1, Align: 1, Encoding: layout.EncBool, Lang: layout.LangRust}
		cfg.Fields = append(cfg.Fields, layout.Field{Name: "verbose", Offset: 8, Type: u8})
		cfg.Size = 12
	}
	for _, c := range []struct {
		name     string
		old, new *layout.Surface
		subject  string
		reason   string // a substring of the first reason
	}{
		{"item", rustLib(rustc95, nil, []string{runA, idleA}), rustLib(rustc95, gained, []string{runB, idleA}),
			"plug::run", "hash changed because plug::Config gained field `verbose`"},
		{"rustc", rustLib(rustc94, nil, []string{runA, stopA}), rustLib(rustc95, nil, []string{runB, stopB}),
			"plug::stop", "built by rustc 1.94.0, now by rustc 1.95.0"},
		{"metadata", rustLib(rustc95, nil, []string{runA, stopA}, "rust_metadata_plug_12ab"),
			rustLib(rustc95, nil, []string{runB, stopB}, "rust_metadata_plug_34cd"),
			"plug::run", "crate plug has another StableCrateId (rust_metadata_plug_12ab, now rust_metadata_plug_34cd)"},
		{"v0", rustLib(rustc95, nil, []string{runV0A}), rustLib(rustc95, nil, []string{runV0B}),
			"plug::run", "the v0 disambiguator of crate plug changed from Cs1234_ to Cs5678_"},
		{"mangling", rustLib(rustc95, nil, []string{runA}), rustLib(rustc95, nil, []string{runV0B}),
			"plug::run", "the symbol mangling changed from rust-legacy to rust-v0"},
		{"crate-wide", rustLib(rustc95, nil, []string{runA, stopA}), rustLib(rustc95, nil, []string{runB, stopB}),
			"plug::run", "every Rust symbol of the binary changed"},
		{"unknown", rustLib(rustc95, nil, []string{runA, idleA}), rustLib(rustc95, nil, []string{runB, idleA}),
			"plug::run", "no change of its signature or of the types it reaches was found"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := diff.CompareSurfaces(c.old, c.new, diff.Options{})
			for _, k := range []diff.Kind{diff.FunctionRemoved, diff.FunctionAdded, diff.VariableRemoved, diff.VariableAdded} {
				if got := byKind(r, k); len(got) > 0 {
					t.Errorf("%s reported: %s", k, got[0].Detail)
				}
			}
			var ch *diff.Change
			for _, x := range byKind(r, diff.SymbolHashChanged) {
				if x.Subject == c.subject {
					ch = x
				}
			}
			if ch == nil {
				t.Fatalf("no symbol-hash-changed for %s in %v", c.subject, r.Changes)
			}
			if ch.Severity != diff.Breaking || ch.Entity != diff.EntityFunction || len(ch.Impacts) != 1 {
				t.Errorf("severity %s entity %s impacts %v", ch.Severity, ch.Entity, ch.Impacts)
			}
			if len(ch.Reasons) == 0 || !strings.Contains(ch.Reasons[0], c.reason) {
				t.Errorf("reasons %q, want one with %q", ch.Reasons, c.reason)
			}
		})
	}
	// Two legacy instances DWARF does not name share a key: which one pairs
	// with which is unknown, so no symbol change is claimed.
	inst := func(syms ...string) *layout.Surface {
		s := rustLib(rustc95, nil, []string{runA})
		st := &ddwarf.SymbolTable{Source: ".dynsym"}
		for _, x := range syms {
			st.Exported = append(st.Exported, ddwarf.Symbol{Name: x, Kind: ddwarf.SymFunc})
		}
		return layout.NewSurface(s.Binary, st, layout.ExportOptions{})
	}
	gen := func(h string) string { return "_ZN4plug7generic17h" + h + "E" }
	r := diff.CompareSurfaces(inst(runA, gen("00000000000000a1"), gen("00000000000000b2")),
		inst(runA, gen("00000000000000b2"), gen("0000000000000003")), diff.Options{})
	if got := byKind(r, diff.SymbolHashChanged); len(got) != 0 {
		t.Errorf("instances sharing a key: %s", got[0].Detail)
	}
	// An unchanged symbol, and unmangled symbols, are no change.
	same := rustLib(rustc95, nil, []string{runA, "plug_init"})
	if r := diff.CompareSurfaces(same, rustLib(rustc95, nil, []string{runA, "plug_init"}), diff.Options{}); len(r.Changes) != 0 {
		t.Errorf("identical builds: %v", r.Changes[0].Detail)
	}
}

// TestABIRules checks that --abi rules reach the passing prediction of both
// sides, for symbol tables and for DWARF-only comparisons alike. plug::run
// is Rust-mangled, so Rust is inferred; the rules make it C.
func TestABIRules(t *testing.T) {
	for _, surfaces := range []bool{true, false} {
		for _, rules := range [][]layout.ABIRule{
			{layout.NewABIRule("*::run", layout.ABIRust), layout.NewABIRule("plug::r?n", layout.ABIC)},
			{layout.NewABIRule("_ZN4plug3run*", layout.ABIC)},
		} {
			convs := map[string]int{}
			opts := diff.Options{ABIRules: rules,
				Passing: func(arch, conv string, fn *layout.Function) ([]abi.Pass, *abi.Pass, bool) {
					convs[conv]++
					return nil, nil, false
				},
			}
			old := rustLib(rustc95, nil, []string{"_ZN4plug3run17h0000000000000001E"})
			new := rustLib(rustc95, nil, []string{"_ZN4plug3run17h0000000000000001E"})
			if surfaces {
				diff.CompareSurfaces(old, new, opts)
			} else {
				diff.Compare(old.Binary, new.Binary, opts)
			}
			if len(convs) != 1 || convs["C"] != 2 {
				t.Errorf("surfaces %v, rules %v: conventions %v, want C on both sides", surfaces, rules, convs)
			}
			opts.ABIRules = nil
			clear(convs)
			diff.CompareSurfaces(old, new, opts)
			if len(convs) != 1 || convs["Rust"] != 2 {
				t.Errorf("no rules: conventions %v, want the inferred Rust on both sides", convs)
			}
		}
	}
}
