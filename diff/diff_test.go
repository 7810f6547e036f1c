package diff_test

import (
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/abidrift/abidrift/diff"
	"github.com/abidrift/abidrift/layout"
)

// model builds a small binary by hand: fn run(cfg *Config) with Config {level u32}.
func model(mut func(b *layout.Binary, cfg *layout.Type)) *layout.Binary {
	u32 := &layout.Type{Kind: layout.KindBase, Name: "u32", Size: 4, Align: 4, Encoding: layout.EncUnsigned, Lang: layout.LangRust}
	cfg := &layout.Type{Kind: layout.KindStruct, Name: "plug::Config", Size: 8, Align: 4, Lang: layout.LangRust, DeclOrder: true,
		Fields: []layout.Field{{Name: "mode", Offset: 0, Type: u32}, {Name: "level", Offset: 4, Type: u32}}}
	ptr := &layout.Type{Kind: layout.KindPointer, Name: "&plug::Config", Size: 8, Align: 8, Elem: cfg, Lang: layout.LangRust}
	b := &layout.Binary{Path: "lib.so", Arch: "x86_64", PtrSize: 8, Format: "elf", Kind: "shared",
		Types: []*layout.Type{cfg},
		Functions: []*layout.Function{{Name: "plug::run", External: true, Lang: layout.LangRust,
			Params: []layout.Param{{Name: "cfg", Type: ptr}}, Result: u32}}}
	if mut != nil {
		mut(b, cfg)
	}
	return b
}

func kinds(r *diff.Report) map[diff.Kind]*diff.Change {
	m := map[diff.Kind]*diff.Change{}
	for _, c := range r.Changes {
		m[c.Kind] = c
	}
	return m
}

// TestSyntheticKinds covers the kinds no fixture built on one machine shows.
func TestSyntheticKinds(t *testing.T) {
	r := diff.Compare(model(func(b *layout.Binary, _ *layout.Type) {
		b.Producers = []string{"clang LLVM (rustc version 1.94.0 (abc 2026-01-01))"}
	}), model(func(b *layout.Binary, _ *layout.Type) {
		b.Arch, b.PtrSize = "aarch64", 8
		b.Producers = []string{"clang LLVM (rustc version 1.95.0 (def 2026-04-14))"}
	}), diff.Options{})
	k := kinds(r)
	if c := k[diff.ArchChanged]; c == nil || c.Severity != diff.Breaking {
		t.Errorf("arch-changed: got %v", k)
	}
	if c := k[diff.RustcVersionChanged]; c == nil || c.Severity != diff.PossiblyBreaking || !strings.Contains(c.Detail, "1.94.0") {
		t.Errorf("rustc-version-changed: got %v", k)
	}
}

// TestImpacts checks the path from an exported function to a change.
func TestImpacts(t *testing.T) {
	r := diff.Compare(model(nil), model(func(_ *layout.Binary, cfg *layout.Type) {
		cfg.Fields[1].Offset = 6
	}), diff.Options{})
	if len(r.Changes) != 1 {
		t.Fatalf("want one change, got %d: %v", len(r.Changes), r.Changes)
	}
	c := r.Changes[0]
	if c.Kind != diff.FieldOffsetChanged || c.Subject != "plug::Config.level" || c.Owner != "plug::Config" {
		t.Fatalf("got %s %s (owner %s)", c.Kind, c.Subject, c.Owner)
	}
	if c.Detail != "field `level` of plug::Config moved from offset 4 to 6" {
		t.Errorf("detail: %s", c.Detail)
	}
	if len(c.Impacts) != 1 || c.Impacts[0].Symbol != "run" || c.Impacts[0].Path != "run(&Config) -> Config.level" {
		t.Errorf("impacts: %+v", c.Impacts)
	}
}

// TestScope checks that types no exported symbol reaches are left out
// unless asked for.
func TestScope(t *testing.T) {
	hidden := func(size int64) func(b *layout.Binary, _ *layout.Type) {
		return func(b *layout.Binary, _ *layout.Type) {
			b.Types = append(b.Types, &layout.Type{Kind: layout.KindStruct, Name: "plug::Hidden", Size: size, Align: 1})
		}
	}
	old, new := model(hidden(1)), model(hidden(2))
	if r := diff.Compare(old, new, diff.Options{}); len(r.Changes) != 0 {
		t.Errorf("default scope reported %v", r.Changes[0])
	}
	if r := diff.Compare(old, new, diff.Options{AllTypes: true}); len(r.Changes) != 1 || r.Changes[0].Kind != diff.TypeSizeChanged {
		t.Errorf("--all-types: %v", r.Changes)
	}
	for _, c := range diff.Compare(model(hidden(1)), model(func(b *layout.Binary, cfg *layout.Type) {
		hidden(2)(b, cfg)
		cfg.Size = 16
	}), diff.Options{Types: regexpMust(`Hidden`)}).Changes {
		if c.Owner != "plug::Hidden" {
			t.Errorf("--types Hidden reported %s", c.Subject)
		}
	}
}

// TestEnumDiscriminants checks big discriminants and the dataful variant.
func TestEnumDiscriminants(t *testing.T) {
	mk := func(discr *big.Int) *layout.Binary {
		return model(func(b *layout.Binary, cfg *layout.Type) {
			u64 := &layout.Type{Kind: layout.KindBase, Name: "u64", Size: 8, Align: 8, Encoding: layout.EncUnsigned}
			e := &layout.Type{Kind: layout.KindEnum, Name: "plug::R", Size: 16, Align: 8, Lang: layout.LangRust,
				Tag:      &layout.Tag{Offset: 0, Type: u64, Niche: true},
				Variants: []layout.Variant{{Name: "Ok"}, {Name: "Err", Discr: discr}}}
			cfg.Fields = append(cfg.Fields, layout.Field{Name: "r", Offset: 8, Type: e})
			cfg.Size = 24
		})
	}
	huge, _ := new(big.Int).SetString("9223372036854775808", 10)
	r := diff.Compare(mk(huge), mk(new(big.Int).Add(huge, big.NewInt(1))), diff.Options{})
	c := kinds(r)[diff.EnumDiscriminantChanged]
	if c == nil || c.Subject != "plug::R::Err" || !strings.Contains(c.Detail, "9223372036854775808 to 9223372036854775809") {
		t.Fatalf("got %v", r.Changes)
	}
}

func regexpMust(s string) *regexp.Regexp { return regexp.MustCompile(s) }
