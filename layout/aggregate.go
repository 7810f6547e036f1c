package layout

import (
	"debug/dwarf"
	"encoding/binary"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// aggregate fills a struct, class or union, or a Rust enum (a struct holding
// a variant part).
func (b *builder) aggregate(t *Type, n *node, tree *unitTree) error {
	t.Kind = KindStruct
	if n.Tag == dwarf.TagUnionType {
		t.Kind = KindUnion
	}
	if t.Decl {
		t.Size = -1
	}
	for _, c := range n.children {
		switch c.Tag {
		case dwarf.TagMember, dwarf.TagInheritance:
			if isStaticMember(c) {
				continue
			}
			fl, err := b.member(c, tree)
			if err != nil {
				return err
			}
			t.Fields = append(t.Fields, fl)
		case dwarf.TagVariantPart:
			if err := b.rustEnum(t, c, tree); err != nil {
				return err
			}
		case dwarf.TagTemplateTypeParameter, dwarf.TagTemplateValueParameter:
			tp, err := b.templateParam(c, tree)
			if err != nil {
				return err
			}
			t.Templates = append(t.Templates, tp)
		}
	}
	if t.Align == 0 && !t.Decl {
		t.Align = structAlign(t)
	}
	return nil
}

// isStaticMember reports a C++ static data member declared inside its class.
func isStaticMember(c *node) bool {
	if c.Tag != dwarf.TagMember {
		return false
	}
	ext, _ := c.Val(dwarf.AttrExternal).(bool)
	decl, _ := c.Val(dwarf.AttrDeclaration).(bool)
	return ext || decl
}

// member builds one data member or base-class subobject.
func (b *builder) member(c *node, tree *unitTree) (Field, error) {
	fl := Field{Base: c.Tag == dwarf.TagInheritance}
	fl.Name, _ = c.Val(dwarf.AttrName).(string)
	fl.Artificial, _ = c.Val(dwarf.AttrArtificial).(bool)
	if a, ok := c.Val(dwarf.AttrAlignment).(int64); ok {
		fl.Align = a
	}
	fl.File, fl.Line = b.declLocation(c, tree)
	var err error
	if fl.Type, err = b.valueOf(c); err != nil {
		return fl, err
	}
	if fl.Base && fl.Type != nil {
		fl.Name = fl.Type.Name
	}
	fl.Offset = memberOffset(c.Val(dwarf.AttrDataMemberLoc))
	if bits, ok := c.Val(dwarf.AttrBitSize).(int64); ok && bits > 0 {
		fl.BitSize = bits
		b.bitOffset(&fl, c)
	}
	return fl, nil
}

// bitOffset sets a bitfield's offset in bits from the start of its container,
// from DW_AT_data_bit_offset (DWARF 4+) or the older DW_AT_bit_offset, which
// counts from the most significant bit of a storage unit of DW_AT_byte_size bytes.
func (b *builder) bitOffset(fl *Field, c *node) {
	if dbo, ok := c.Val(dwarf.AttrDataBitOffset).(int64); ok {
		fl.BitOffset = dbo
		fl.Offset = dbo / 8
		return
	}
	base := fl.Offset * 8
	bo, ok := c.Val(dwarf.AttrBitOffset).(int64)
	if !ok {
		fl.BitOffset = base
		return
	}
	storage, ok := c.Val(dwarf.AttrByteSize).(int64)
	if !ok && fl.Type != nil {
		storage = fl.Type.Strip().Size
	}
	if b.f.ByteOrder == binary.BigEndian {
		fl.BitOffset = base + bo
	} else {
		fl.BitOffset = base + storage*8 - bo - fl.BitSize
	}
	fl.Offset = fl.BitOffset / 8
}

// memberOffset decodes DW_AT_data_member_location: a constant, or a simple
// location expression (DW_OP_plus_uconst, DW_OP_constu). -1 means not static.
func memberOffset(v any) int64 {
	switch v := v.(type) {
	case nil:
		return 0
	case int64:
		return v
	case []byte:
		r := ddwarf.ByteReader{B: v}
		var acc int64
		for r.More() {
			switch op := r.Byte(); op {
			case 0x23, 0x10: // DW_OP_plus_uconst, DW_OP_constu
				acc += int64(r.ULEB())
			default:
				if op >= 0x30 && op <= 0x4f { // DW_OP_lit0..31
					acc += int64(op - 0x30)
					continue
				}
				return -1
			}
		}
		return acc
	}
	return -1
}

// structAlign derives the alignment of a struct or union without
// DW_AT_alignment: the largest member alignment, or 1 when the offsets or
// the size show the type is packed.
func structAlign(t *Type) int64 {
	a := int64(1)
	for _, fl := range t.Fields {
		if fl.Type == nil {
			continue
		}
		fa := max(fl.Align, fl.Type.Align, 1)
		if fl.BitSize == 0 && fl.Offset >= 0 && fl.Offset%fa != 0 {
			return 1
		}
		a = max(a, fa)
	}
	if t.Size > 0 && t.Size%a != 0 {
		return 1
	}
	return a
}

// templateParam builds a template type or value parameter.
func (b *builder) templateParam(c *node, tree *unitTree) (TemplateParam, error) {
	var tp TemplateParam
	tp.Name, _ = c.Val(dwarf.AttrName).(string)
	var err error
	if tp.Type, err = b.typeOf(c); err != nil {
		return tp, err
	}
	if c.Tag == dwarf.TagTemplateValueParameter && tp.Type != nil {
		cv, ok, err := c.Const(dwarf.AttrConstValue)
		if err != nil {
			return tp, err
		}
		if ok {
			st := tp.Type.Strip()
			tp.Value = cv.Int(int(max(st.Size, 1)), st.Signed, b.f.ByteOrder)
		}
	}
	return tp, nil
}
