package layout

import (
	"debug/dwarf"
	"math/big"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// rustEnum fills t, a struct holding the variant part vp, as a Rust enum:
// the tag or niche member that DW_AT_discr names, then every variant with
// its discriminant and its fields at offsets from the start of the enum.
func (b *builder) rustEnum(t *Type, vp *node, tree *unitTree) error {
	t.Kind = KindEnum
	var tagType *Type
	if off, ok := vp.Val(dwarf.AttrDiscr).(dwarf.Offset); ok {
		m, mtree, err := b.nodeAt(off)
		if err != nil {
			return err
		}
		fl, err := b.member(m, mtree)
		if err != nil {
			return err
		}
		t.Tag = &Tag{Offset: fl.Offset, Type: fl.Type}
		tagType = fl.Type.Strip()
	}
	hasDefault := false
	for _, c := range vp.children {
		if c.Tag != dwarf.TagVariant {
			continue
		}
		v, err := b.variant(c, tree, tagType)
		if err != nil {
			return err
		}
		if v.Discr == nil && v.Ranges == nil {
			hasDefault = true
		}
		t.Variants = append(t.Variants, v)
	}
	if t.Tag != nil && hasDefault && len(t.Variants) > 1 {
		t.Tag.Niche = true
	}
	return nil
}

// variant builds one DW_TAG_variant: its discriminant (exact, by form and by
// the tag's size and signedness) and the fields of its payload struct.
func (b *builder) variant(c *node, tree *unitTree, tagType *Type) (Variant, error) {
	var v Variant
	size, signed := 8, false
	if tagType != nil {
		size, signed = int(tagType.Size), tagType.Signed
	}
	cv, ok, err := c.Const(dwarf.AttrDiscrValue)
	if err != nil {
		return v, err
	}
	if ok {
		v.Discr = cv.Int(size, signed, b.f.ByteOrder)
	}
	if list, ok := c.Val(dwarf.AttrDiscrList).([]byte); ok {
		v.Ranges = discrList(list, size, signed)
	}
	for _, m := range c.children {
		if m.Tag != dwarf.TagMember {
			continue
		}
		fl, err := b.member(m, tree)
		if err != nil {
			return v, err
		}
		v.Name, v.Type = fl.Name, fl.Type
		if fl.Type != nil {
			fl.Type.Payload = true
		}
		if pt := fl.Type.Strip(); pt != nil && pt.Kind == KindStruct {
			for _, pf := range pt.Fields {
				pf.Offset += fl.Offset
				pf.BitOffset += fl.Offset * 8 * boolInt(pf.BitSize != 0)
				v.Fields = append(v.Fields, pf)
			}
		} else if fl.Type != nil {
			v.Fields = append(v.Fields, fl)
		}
	}
	return v, nil
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// discrList decodes a DW_AT_discr_list block: DW_DSC_label (0) value, or
// DW_DSC_range (1) low high, in LEB128 signed as the tag type is.
func discrList(b []byte, size int, signed bool) []DiscrRange {
	r := ddwarf.ByteReader{B: b}
	read := func() *big.Int {
		c := ddwarf.Const{Form: ddwarf.FormUdata}
		if signed {
			c = ddwarf.Const{Form: ddwarf.FormSdata, Raw: r.SLEB()}
		} else {
			c.Raw = int64(r.ULEB())
		}
		return c.Int(size, signed, nil)
	}
	var out []DiscrRange
	for r.More() {
		switch r.Byte() {
		case 0:
			v := read()
			out = append(out, DiscrRange{Lo: v, Hi: v})
		case 1:
			lo := read()
			out = append(out, DiscrRange{Lo: lo, Hi: read()})
		default:
			return out
		}
	}
	return out
}

// cEnum fills an enumeration type: the underlying integer (the tag at offset
// 0) and one fieldless variant per enumerator.
func (b *builder) cEnum(t *Type, n *node, tree *unitTree) error {
	t.Kind = KindEnum
	under, err := b.typeOf(n)
	if err != nil {
		return err
	}
	t.Elem = under
	signed := false
	if u := under.Strip(); u != nil {
		signed = u.Signed
		if t.Size < 0 {
			t.Size = u.Size
		}
	} else if enc, _ := n.Val(dwarf.AttrEncoding).(int64); enc == 0x05 {
		signed = true
	} else {
		signed = hasNegativeEnumerator(n)
	}
	t.Signed = signed
	if t.Decl {
		t.Size = -1
		return nil
	}
	if under == nil {
		under = &Type{Kind: KindBase, Name: intName(t.Size, signed, tree.lang), Size: t.Size, Align: max(t.Size, 1),
			Encoding: map[bool]Encoding{true: EncSigned, false: EncUnsigned}[signed], Signed: signed, Lang: tree.lang}
	}
	t.Tag = &Tag{Offset: 0, Type: under}
	for _, c := range n.children {
		if c.Tag != dwarf.TagEnumerator {
			continue
		}
		v := Variant{}
		v.Name, _ = c.Val(dwarf.AttrName).(string)
		cv, ok, err := c.Const(dwarf.AttrConstValue)
		if err != nil {
			return err
		}
		if ok {
			v.Discr = cv.Int(int(max(t.Size, 1)), signed, b.f.ByteOrder)
		} else {
			v.Discr = new(big.Int)
		}
		t.Variants = append(t.Variants, v)
	}
	return nil
}

func hasNegativeEnumerator(n *node) bool {
	for _, c := range n.children {
		if v, ok := c.Val(dwarf.AttrConstValue).(int64); ok && v < 0 {
			return true
		}
	}
	return false
}

// intName names an integer type of size bytes for a language.
func intName(size int64, signed bool, lang Lang) string {
	if lang == LangRust {
		p := "u"
		if signed {
			p = "i"
		}
		return p + big.NewInt(size*8).String()
	}
	names := map[int64]string{1: "char", 2: "short", 4: "int", 8: "long", 16: "__int128"}
	s := names[size]
	if s == "" {
		s = "int"
	}
	if !signed {
		s = "unsigned " + s
	}
	return s
}
