package layout

import (
	"debug/dwarf"
	"fmt"
	"slices"
	"strings"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// nodeAt finds the entry at off, reading another unit's tree when a
// reference crosses units.
func (b *builder) nodeAt(off dwarf.Offset) (*node, *unitTree, error) {
	return b.entryAt(off, b.tree.idx.Find(off))
}

// entryAt is nodeAt for an offset whose entry index in b's own tree is
// known (i, -1 when off is not one of its entries).
func (b *builder) entryAt(off dwarf.Offset, i int) (*node, *unitTree, error) {
	if i >= 0 {
		n, err := b.tree.node(i)
		return n, b.tree, err
	}
	u := b.f.UnitOf(off)
	if u == nil || u == b.tree.unit {
		return nil, nil, b.errorf(off, "reference to offset %#x, where no entry starts", off)
	}
	if b.others == nil {
		b.others = map[*ddwarf.Unit]*unitTree{}
	}
	t := b.others[u]
	if t == nil {
		var err error
		if t, err = readTree(nil, b.f, u, depthLimit(b.f)); err != nil {
			return nil, nil, err
		}
		b.others[u] = t
	}
	if n, err := t.at(off); n != nil || err != nil {
		return n, t, err
	}
	return nil, nil, b.errorf(off, "reference to offset %#x, where no entry starts", off)
}

// typeOf builds the type referenced by n's DW_AT_type; nil means void/unit.
func (b *builder) typeOf(n *node) (*Type, error) {
	off, ok := n.Val(dwarf.AttrType).(dwarf.Offset)
	if !ok {
		return nil, nil
	}
	open := b.open
	b.open = b.open[len(b.open):] // what n names does not contain the open types
	defer func() { b.open = open }()
	return b.typeAt(off)
}

// valueOf is typeOf for a type n holds by value (a member or base, an array
// element, what a typedef or qualifier names): it refuses one that holds n
// by value, as a type cannot contain itself.
func (b *builder) valueOf(n *node) (*Type, error) {
	off, ok := n.Val(dwarf.AttrType).(dwarf.Offset)
	if !ok {
		return nil, nil
	}
	if slices.Contains(b.open, off) {
		return nil, b.errorf(n.Offset, "DW_AT_type makes the type at %#x contain itself (a cycle of by-value references)", off)
	}
	return b.typeAt(off)
}

// typeAt builds (once) the type whose entry is at off. A type is registered
// before its parts are built, so reference cycles end. Pointees are built
// after the outermost type, from a work list, so that long chains of
// pointers between types do not deepen the recursion.
func (b *builder) typeAt(off dwarf.Offset) (*Type, error) {
	t, err := b.buildType(off)
	if err != nil || b.depth > 0 || b.draining {
		return t, err
	}
	return t, b.drain()
}

// pointee is a pointer's target waiting to be built.
type pointee struct {
	dst *Type
	off dwarf.Offset
}

// drain builds the pointees left on the work list.
func (b *builder) drain() error {
	b.draining = true
	defer func() { b.draining = false }()
	for len(b.pending) > 0 {
		p := b.pending[len(b.pending)-1]
		b.pending = b.pending[:len(b.pending)-1]
		elem, err := b.buildType(p.off)
		if err != nil {
			return err
		}
		p.dst.Elem = elem
		if elem != nil && elem.Kind == KindFunction && p.dst.ABI != "" {
			elem.ABI = p.dst.ABI
		}
	}
	return nil
}

// pointTo sets t.Elem to the type DW_AT_type of n references, now if it is
// already built, later otherwise.
func (b *builder) pointTo(t *Type, n *node) {
	off, ok := n.Val(dwarf.AttrType).(dwarf.Offset)
	if !ok {
		return
	}
	if e, _ := b.builtAt(off); e != nil {
		t.Elem = e
		return
	}
	b.pending = append(b.pending, pointee{dst: t, off: off})
}

func (b *builder) buildType(off dwarf.Offset) (*Type, error) {
	t, i := b.builtAt(off)
	if t != nil {
		return t, nil
	}
	if t := b.stubAt(off, i); t != nil { // a type another unit builds (survey.go)
		return t, nil
	}
	n, tree, err := b.entryAt(off, i)
	if err != nil {
		return nil, err
	}
	if b.depth >= depthLimit(b.f) {
		return nil, &ddwarf.Error{File: b.f.Path, Section: ".debug_info", Offset: int64(off),
			Err: fmt.Errorf("%w: types nested deeper than %d (raise it with --max-depth)", ddwarf.ErrLimit, depthLimit(b.f))}
	}
	b.depth++
	b.open = append(b.open, off)
	defer func() { b.depth--; b.open = b.open[:len(b.open)-1] }()
	t = &Type{Lang: tree.lang, Size: -1}
	b.register(off, i, t)
	t.File, t.Line = b.declLocation(n, tree)
	if err := b.fill(t, n, tree); err != nil {
		return nil, err
	}
	return t, nil
}

// fill sets t from the entry n of tree.
func (b *builder) fill(t *Type, n *node, tree *unitTree) error {
	name, _ := n.Val(dwarf.AttrName).(string)
	if size, ok := n.Val(dwarf.AttrByteSize).(int64); ok {
		t.Size = size
	}
	if a, ok := n.Val(dwarf.AttrAlignment).(int64); ok {
		t.Align = a
	}
	t.Decl, _ = n.Val(dwarf.AttrDeclaration).(bool)
	var err error
	switch n.Tag {
	case dwarf.TagBaseType:
		t.Kind, t.Name = KindBase, name
		t.Encoding, t.Signed = encodingOf(n)
		if name == "void" && t.Size <= 0 { // icc spells void as a base type
			t.Kind, t.Size = KindVoid, 0
		}
	case dwarf.TagUnspecifiedType:
		t.Kind, t.Name = KindVoid, name
	case dwarf.TagPointerType, dwarf.TagReferenceType, dwarf.TagRvalueReferenceType:
		t.Kind, t.Name = KindPointer, name
		if n.Tag != dwarf.TagPointerType {
			t.Kind, t.Qualifier = KindReference, map[bool]string{true: "&", false: "&&"}[n.Tag == dwarf.TagReferenceType]
		}
		if t.Size < 0 {
			t.Size = int64(tree.unit.AddrSize)
		}
		if t.Align == 0 { // known before the pointee is built, which may be a struct holding t
			t.Align = naturalAlign(t, tree.unit.AddrSize)
		}
		if off, ok := n.Val(dwarf.AttrType).(dwarf.Offset); ok {
			if target, _, err := b.nodeAt(off); err == nil && target.Tag == dwarf.TagSubroutineType {
				t.ABI = fnPointerABI(name, tree.lang)
			}
		}
		b.pointTo(t, n)
	case dwarf.TagPtrToMemberType:
		t.Kind, t.Name = KindPtrToMember, name
		if t.Size < 0 {
			t.Size = int64(tree.unit.AddrSize)
		}
		b.pointTo(t, n)
	case dwarf.TagTypedef:
		t.Kind, t.Name = KindTypedef, b.qualifiedName(n, tree)
		t.Elem, err = b.valueOf(n)
		if t.Elem != nil {
			t.Size, t.Align = t.Elem.Size, t.Elem.Align
		} else {
			t.Size = 0
		}
	case dwarf.TagConstType, dwarf.TagVolatileType, dwarf.TagRestrictType, dwarf.TagAtomicType:
		t.Kind = KindQualified
		t.Qualifier = map[dwarf.Tag]string{dwarf.TagConstType: "const", dwarf.TagVolatileType: "volatile",
			dwarf.TagRestrictType: "restrict", dwarf.TagAtomicType: "_Atomic"}[n.Tag]
		t.Elem, err = b.valueOf(n)
		if t.Elem != nil {
			t.Size, t.Align = t.Elem.Size, t.Elem.Align
		} else {
			t.Size = 0
		}
	case dwarf.TagArrayType:
		err = b.array(t, n)
	case dwarf.TagSubroutineType:
		err = b.functionType(t, n)
	case dwarf.TagEnumerationType:
		t.Name = b.qualifiedName(n, tree)
		err = b.cEnum(t, n, tree)
	case dwarf.TagStructType, dwarf.TagClassType, dwarf.TagUnionType:
		t.Name = b.qualifiedName(n, tree)
		err = b.aggregate(t, n, tree)
	default:
		return b.errorf(n.Offset, "a type reference points to a %v entry", n.Tag)
	}
	if err != nil {
		return err
	}
	if t.Align == 0 {
		t.Align = naturalAlign(t, tree.unit.AddrSize)
	}
	return nil
}

func encodingOf(n *node) (Encoding, bool) {
	e, _ := n.Val(dwarf.AttrEncoding).(int64)
	switch e {
	case 0x02: // boolean
		return EncBool, false
	case 0x04: // float
		return EncFloat, true
	case 0x03: // complex float
		return EncComplex, true
	case 0x05: // signed
		return EncSigned, true
	case 0x06: // signed char
		return EncChar, true
	case 0x07: // unsigned
		return EncUnsigned, false
	case 0x08: // unsigned char
		return EncChar, false
	case 0x10: // UTF
		return EncUTF, false
	case 0x0d: // signed fixed
		return EncSigned, true
	case 0x0e: // unsigned fixed
		return EncUnsigned, false
	}
	return EncOther, false
}

// fnPointerABI reads the calling convention from a Rust fn-pointer type name
// (`extern "C" fn(i32) -> i32` is "C", `fn(&str)` is "Rust"); C and C++
// function pointers use the platform's C ABI.
func fnPointerABI(name string, lang Lang) string {
	if lang != LangRust {
		return "C"
	}
	s := strings.TrimPrefix(strings.TrimSpace(name), "unsafe ")
	if rest, ok := strings.CutPrefix(s, "extern \""); ok {
		if abi, _, ok := strings.Cut(rest, "\""); ok {
			return abi
		}
	}
	if strings.HasPrefix(s, "extern fn") {
		return "C"
	}
	if strings.HasPrefix(s, "fn(") || strings.HasPrefix(s, "for<") {
		return "Rust"
	}
	return ""
}

// array fills an array type from its subrange children.
func (b *builder) array(t *Type, n *node) error {
	t.Kind = KindArray
	elem, err := b.valueOf(n)
	if err != nil {
		return err
	}
	t.Elem = elem
	for _, c := range n.children {
		if c.Tag != dwarf.TagSubrangeType && c.Tag != dwarf.TagEnumerationType {
			continue
		}
		count := int64(-1)
		if v, ok := c.Val(dwarf.AttrCount).(int64); ok {
			count = v
		} else if hi, ok := c.Val(dwarf.AttrUpperBound).(int64); ok {
			lo, _ := c.Val(dwarf.AttrLowerBound).(int64)
			count = hi - lo + 1
		}
		if count < -1 || count > 1<<62 {
			return b.errorf(c.Offset, "array bound %d is out of range", count)
		}
		t.Dims = append(t.Dims, count)
	}
	if len(t.Dims) == 0 {
		t.Dims = []int64{-1}
	}
	if t.Size >= 0 {
		return nil
	}
	if elem == nil || elem.Size < 0 {
		return nil
	}
	size := elem.Size
	for _, d := range t.Dims {
		if d < 0 {
			t.Size = -1
			if len(t.Dims) == 1 {
				t.Size = 0 // a flexible array member occupies no bytes
			}
			return nil
		}
		if d != 0 && size > (1<<62)/d {
			return b.errorf(n.Offset, "array of %v elements of %d bytes is larger than 2^62 bytes", t.Dims, elem.Size)
		}
		size *= d
	}
	t.Size = size
	return nil
}

// functionType fills a subroutine type.
func (b *builder) functionType(t *Type, n *node) error {
	t.Kind, t.Size = KindFunction, 0
	var err error
	if t.Result, err = b.typeOf(n); err != nil {
		return err
	}
	for _, c := range n.children {
		switch c.Tag {
		case dwarf.TagFormalParameter:
			p, err := b.typeOf(c)
			if err != nil {
				return err
			}
			t.Params = append(t.Params, p)
		case dwarf.TagUnspecifiedParameters:
			t.Variadic = true
		}
	}
	return nil
}

// naturalAlign derives an alignment DWARF did not record.
func naturalAlign(t *Type, ptr int) int64 {
	switch t.Kind {
	case KindBase, KindPointer, KindReference, KindPtrToMember:
		a := t.Size
		if t.Encoding == EncComplex {
			a /= 2
		}
		if a <= 0 {
			return 1
		}
		if ptr == 4 && a == 8 { // i386 aligns 8-byte scalars to 4 inside structs
			return 4
		}
		return min(a, 16)
	case KindArray, KindTypedef, KindQualified:
		if t.Elem != nil {
			return max(t.Elem.Align, 1)
		}
	case KindEnum:
		if t.Elem != nil { // a C-like enum: aligned as its underlying integer
			return max(t.Elem.Align, 1)
		}
		if t.Size > 0 {
			return min(t.Size, 16)
		}
	}
	return 1
}
