package layout_test

import (
	"debug/dwarf"
	"errors"
	"fmt"
	"math/big"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-delve/delve/pkg/dwarf/dwarfbuilder"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/dwarf/dwarftest"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/layouttest"
)

// buildSynthetic writes the DWARF of b into an ELF file and builds its model.
func buildSynthetic(t *testing.T, b *dwarfbuilder.Builder) *layout.Binary {
	t.Helper()
	_, bin := layouttest.Synthetic(t, b)
	return bin
}

func findType(t *testing.T, bin *layout.Binary, name string) *layout.Type {
	t.Helper()
	for _, ty := range bin.Types {
		if ty.Name == name {
			return ty
		}
	}
	t.Fatalf("type %s not found", name)
	return nil
}

// enumWithDiscrs builds a Rust-style enum (a struct holding a variant part)
// whose tag has the given base type and whose variants carry the given
// discriminant attribute values (nil: the default variant).
func enumWithDiscrs(b *dwarfbuilder.Builder, name string, tagName string, enc dwarfbuilder.Encoding, tagSize uint16, discrs []any) {
	tag := b.AddBaseType(tagName, enc, tagSize)
	b.AddStructType(name, tagSize)
	b.TagOpen(dwarf.TagVariantPart, "")
	discrRef := b.Attr(dwarf.AttrDiscr, dwarf.Offset(0))
	member := b.TagOpen(dwarf.TagMember, "")
	b.Attr(dwarf.AttrType, tag)
	b.Attr(dwarf.AttrDataMemberLoc, uint8(0))
	b.TagClose()
	b.PatchOffset(discrRef, member)
	for i, d := range discrs {
		b.TagOpen(dwarf.TagVariant, "")
		if d != nil {
			b.Attr(dwarf.AttrDiscrValue, d)
		}
		b.TagOpen(dwarf.TagMember, string(rune('A'+i)))
		b.Attr(dwarf.AttrDataMemberLoc, uint8(0))
		b.TagClose()
		b.TagClose()
	}
	b.TagClose()
	b.TagClose()
}

func discrs(ty *layout.Type) []string {
	var out []string
	for _, v := range ty.Variants {
		if v.Discr == nil {
			out = append(out, "default")
		} else {
			out = append(out, v.Discr.String())
		}
	}
	return out
}

func TestDiscriminantsDecodedByFormAndTagType(t *testing.T) {
	le16 := func(v *big.Int) []byte {
		b := make([]byte, 16)
		m := new(big.Int).Mod(v, new(big.Int).Lsh(big.NewInt(1), 128))
		raw := m.FillBytes(make([]byte, 16))
		for i := range raw {
			b[i] = raw[15-i]
		}
		return b
	}
	minus2p100 := new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 100))
	bigU := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(3))
	b := dwarfbuilder.New()
	enumWithDiscrs(b, "I64", "i64", dwarfbuilder.DW_ATE_signed, 8, []any{uint8(0xfb), uint16(0xff00), uint64(1)})
	enumWithDiscrs(b, "U64", "u64", dwarfbuilder.DW_ATE_unsigned, 8, []any{uint8(0xfb), uint64(0xFFFF_FFFF_FFFF_FFF0)})
	enumWithDiscrs(b, "I8", "i8", dwarfbuilder.DW_ATE_signed, 1, []any{uint8(0x80), uint8(0x7f)})
	enumWithDiscrs(b, "I128", "i128", dwarfbuilder.DW_ATE_signed, 16, []any{le16(minus2p100), le16(big.NewInt(7))})
	enumWithDiscrs(b, "U128", "u128", dwarfbuilder.DW_ATE_unsigned, 16, []any{le16(bigU), nil})
	bin := buildSynthetic(t, b)
	want := map[string][]string{
		"I64":  {"-5", "-256", "1"},
		"U64":  {"251", "18446744073709551600"},
		"I8":   {"-128", "127"},
		"I128": {minus2p100.String(), "7"},
		"U128": {bigU.String(), "default"},
	}
	for name, w := range want {
		got := discrs(findType(t, bin, name))
		if len(got) != len(w) {
			t.Errorf("%s: discriminants %v, want %v", name, got, w)
			continue
		}
		for i := range w {
			if got[i] != w[i] {
				t.Errorf("%s variant %d: discriminant %s, want %s", name, i, got[i], w[i])
			}
		}
	}
	if u := findType(t, bin, "U128"); u.Tag == nil || !u.Tag.Niche {
		t.Errorf("U128 has a default variant, so its tag is a niche: %+v", u.Tag)
	}
	if i := findType(t, bin, "I64"); i.Tag == nil || i.Tag.Niche || i.Kind != layout.KindEnum {
		t.Errorf("I64 is a tagged enum: kind %s tag %+v", i.Kind, i.Tag)
	}
}

func TestDiscrList(t *testing.T) {
	// label 3; range 10..=20; label -1 (sleb 0x7f) under a signed tag.
	b := dwarfbuilder.New()
	tag := b.AddBaseType("i32", dwarfbuilder.DW_ATE_signed, 4)
	b.AddStructType("S", 4)
	b.TagOpen(dwarf.TagVariantPart, "")
	ref := b.Attr(dwarf.AttrDiscr, dwarf.Offset(0))
	m := b.TagOpen(dwarf.TagMember, "")
	b.Attr(dwarf.AttrType, tag)
	b.TagClose()
	b.PatchOffset(ref, m)
	b.TagOpen(dwarf.TagVariant, "")
	b.Attr(dwarf.AttrDiscrList, []byte{0, 3, 1, 10, 20, 0, 0x7f})
	b.TagOpen(dwarf.TagMember, "Many")
	b.TagClose()
	b.TagClose()
	b.TagOpen(dwarf.TagVariant, "")
	b.TagOpen(dwarf.TagMember, "Rest")
	b.TagClose()
	b.TagClose()
	b.TagClose()
	b.TagClose()
	bin := buildSynthetic(t, b)
	s := findType(t, bin, "S")
	if len(s.Variants) != 2 {
		t.Fatalf("variants: %+v", s.Variants)
	}
	var got []string
	for _, r := range s.Variants[0].Ranges {
		got = append(got, r.Lo.String()+".."+r.Hi.String())
	}
	want := []string{"3..3", "10..20", "-1..-1"}
	if len(got) != len(want) {
		t.Fatalf("ranges %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("range %d: %s, want %s", i, got[i], want[i])
		}
	}
	if s.Variants[1].Discr != nil || s.Variants[1].Ranges != nil {
		t.Errorf("Rest is the default variant: %+v", s.Variants[1])
	}
}

func TestReferenceCyclesTerminate(t *testing.T) {
	b := dwarfbuilder.New()
	node := b.AddStructType("Node", 16)
	b.TagOpen(dwarf.TagMember, "next")
	typeAttr := b.Attr(dwarf.AttrType, dwarf.Offset(0))
	b.Attr(dwarf.AttrDataMemberLoc, uint8(0))
	b.TagClose()
	b.TagClose()
	ptr := b.AddPointerType("*Node", node)
	b.PatchOffset(typeAttr, ptr)
	bin := buildSynthetic(t, b)
	n := findType(t, bin, "Node")
	if len(n.Fields) != 1 || n.Fields[0].Type.Elem != n {
		t.Fatalf("Node.next should point back at Node: %+v", n.Fields)
	}
	// A typedef cycle: A -> B -> A (malformed): an error at the entry closing it.
	b = dwarfbuilder.New()
	a := b.TagOpen(dwarf.TagTypedef, "A")
	aType := b.Attr(dwarf.AttrType, dwarf.Offset(0))
	b.TagClose()
	bt := b.TagOpen(dwarf.TagTypedef, "B")
	b.Attr(dwarf.AttrType, a)
	b.TagClose()
	b.PatchOffset(aType, bt)
	err := buildSyntheticErr(t, b)
	if want := fmt.Sprintf("at offset %#x: DW_AT_type makes the type at %#x contain itself", bt, a); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("want an error saying %q, got %v", want, err)
	}
}

// buildSyntheticErr builds the DWARF of b as buildSynthetic does, and
// returns the error of the build.
func buildSyntheticErr(t *testing.T, b *dwarfbuilder.Builder) error {
	t.Helper()
	abbrev, _, _, info, _, _, _, str, _, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "synthetic.so")
	if err := dwarftest.WriteELF(path, dwarftest.Sections(abbrev, info, str)); err != nil {
		t.Fatal(err)
	}
	f, err := ddwarf.Open(path, ddwarf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, err = layout.Build(f, layout.Options{})
	return err
}

// chain builds n structs, each holding the next one by pointer (byValue
// false) or by value (byValue true).
func chain(n int, byValue bool) *dwarfbuilder.Builder {
	b := dwarfbuilder.New()
	u8 := b.AddBaseType("u8", dwarfbuilder.DW_ATE_unsigned, 1)
	var patches []dwarf.Offset
	var structs []dwarf.Offset
	for i := 0; i < n; i++ {
		structs = append(structs, b.AddStructType(fmt.Sprintf("S%d", i), 8))
		b.TagOpen(dwarf.TagMember, "next")
		patches = append(patches, b.Attr(dwarf.AttrType, dwarf.Offset(0)))
		b.TagClose()
		b.AddMember("x", u8, []byte{0x23, 0})
		b.TagClose()
	}
	for i := 0; i < n; i++ {
		target := u8
		if i+1 < n {
			target = structs[i+1]
			if !byValue {
				target = b.AddPointerType(fmt.Sprintf("*S%d", i+1), structs[i+1])
			}
		}
		b.PatchOffset(patches[i], target)
	}
	return b
}

func TestLongPointerChainsNeedNoDepth(t *testing.T) {
	bin := buildSynthetic(t, chain(3000, false))
	s := findType(t, bin, "S0")
	for i := 1; i < 3000; i++ {
		s = s.Fields[0].Type.Elem
		if s == nil || s.Name != fmt.Sprintf("S%d", i) {
			t.Fatalf("link %d of the chain is wrong: %+v", i, s)
		}
	}
}

func TestDeepNestingHitsTheLimit(t *testing.T) {
	err := buildSyntheticErr(t, chain(2000, true))
	if !errors.Is(err, ddwarf.ErrLimit) || !strings.Contains(err.Error(), "--max-depth") {
		t.Fatalf("want a depth-limit error naming --max-depth, got %v", err)
	}
}
