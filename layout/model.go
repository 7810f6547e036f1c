// Package layout is abidrift's ABI model: the types, functions and variables
// of a binary as rebuilt from its DWARF, with their computed layouts.
package layout

import "math/big"

// Kind says what sort of type a Type is.
type Kind string

// The kinds of type.
const (
	KindBase        Kind = "base"      // integers, floats, bool, char
	KindPointer     Kind = "pointer"   // raw and Rust reference pointers, fn pointers
	KindReference   Kind = "reference" // C++ & and &&
	KindStruct      Kind = "struct"    // also C++ classes and Rust tuples
	KindUnion       Kind = "union"     //
	KindEnum        Kind = "enum"      // C enums and Rust enums (with or without data)
	KindArray       Kind = "array"     //
	KindTypedef     Kind = "typedef"   //
	KindQualified   Kind = "qualified" // const, volatile, restrict, atomic
	KindFunction    Kind = "function"  // a function type (the pointee of a fn pointer)
	KindVoid        Kind = "void"      // absent type, unspecified type
	KindPtrToMember Kind = "ptr-to-member"
)

// Lang is the source language of the unit a type came from.
type Lang string

// Languages the model distinguishes.
const (
	LangC     Lang = "C"
	LangCXX   Lang = "C++"
	LangRust  Lang = "Rust"
	LangOther Lang = "other"
)

// Encoding is the representation of a base type.
type Encoding string

// Base type encodings.
const (
	EncSigned   Encoding = "signed"
	EncUnsigned Encoding = "unsigned"
	EncFloat    Encoding = "float"
	EncBool     Encoding = "bool"
	EncChar     Encoding = "char" // C char types (signed_char / unsigned_char)
	EncUTF      Encoding = "utf"  // Rust char, char8_t/char16_t/char32_t
	EncComplex  Encoding = "complex"
	EncOther    Encoding = "other"
)

// Type is one type of the model. Types form a graph that may contain cycles
// (a struct holding a pointer to itself); walk it with a visited set.
type Type struct {
	Kind Kind
	// Num tells types apart for code that keeps something per type in a
	// slice rather than a map: Build (and dump.Read) give the types they
	// make numbers of their own from 1; types made otherwise have 0. The
	// types of two models may share numbers: check that a slot holds t.
	// (It sits beside Kind: lookups by number then read the cache line
	// that the code looking a type up reads anyway.)
	Num int32
	// Name is fully qualified (crate::module::Type, ns::Class); for unnamed
	// types it is "" and TypeName renders a spelling from the structure.
	Name string
	// Size and Align in bytes; Size is -1 when unknown (declarations,
	// flexible arrays), Align is 0 when not recorded and not derivable.
	Size  int64
	Align int64
	Lang  Lang
	// Decl is true for a declaration without definition (an opaque type).
	Decl bool
	// Location of the definition, when DWARF records one.
	File string
	Line int

	// Base types.
	Encoding Encoding
	Signed   bool // for base, enum tag and C enum underlying types

	// Elem is the pointee, element, typedef target or qualified type; for C
	// enums it is the underlying integer type when recorded.
	Elem *Type
	// Qualifier for KindQualified: "const", "volatile", "restrict", "atomic".
	Qualifier string
	// Dims are the array dimensions, outermost first; -1 marks a flexible or unknown bound.
	Dims []int64

	// Fields of structs and unions, in declaration order; for Rust enums the
	// fields shared by every variant (none in practice).
	Fields []Field
	// Tag locates an enum's discriminant or niche; nil for a single-variant
	// Rust enum and for types other than enums.
	Tag *Tag
	// Variants of an enum: Rust variants, or a C enum's enumerators.
	Variants []Variant
	// Template parameters (Rust generics, C++ templates).
	Templates []TemplateParam

	// Function types.
	Params   []*Type
	Result   *Type // nil for void/unit
	Variadic bool
	// ABI is the calling-convention string: Rust puts it in fn-pointer names
	// (extern "C" fn ...); "" when unknown.
	ABI string

	// Facts computed after building.
	Holes   []Hole // gaps between fields of a struct
	Padding int64  // trailing padding of a struct
	// DeclOrder is true when fields' offsets ascend in declaration order.
	DeclOrder bool
	// Payload is true for the struct that holds one Rust enum variant's fields.
	Payload bool
}

// Field is a member of a struct, union or enum variant.
type Field struct {
	Name string
	// Offset from the start of the outermost value, in bytes.
	Offset int64
	Type   *Type
	// BitSize is non-zero for bitfields; BitOffset is then the offset of the
	// first bit from the start of the containing type (in bits, counting from
	// the least significant bit on little-endian targets).
	BitSize, BitOffset int64
	Align              int64 // DW_AT_alignment of the member, 0 if absent
	Artificial         bool
	// Base is true for a C++ base-class subobject (DW_TAG_inheritance).
	Base bool
	File string
	Line int
}

// Tag is where an enum keeps its discriminant: a tag or a niche.
type Tag struct {
	Offset int64
	Type   *Type
	// Niche is true when the tag shares storage with the dataful variant's
	// payload (a niche-optimised enum); false for a separate tag.
	Niche bool
}

// Variant is one Rust enum variant or one C enumerator.
type Variant struct {
	Name string
	// Discr is the stored tag value; nil for the dataful/default variant.
	Discr *big.Int
	// Ranges holds DW_AT_discr_list entries when a producer emits them.
	Ranges []DiscrRange
	Fields []Field
	// Type is the variant's own struct type (Rust), nil for C enumerators.
	Type *Type
}

// DiscrRange is an inclusive range of discriminant values.
type DiscrRange struct{ Lo, Hi *big.Int }

// TemplateParam is a template type or value parameter.
type TemplateParam struct {
	Name  string
	Type  *Type
	Value *big.Int // for value parameters
}

// Hole is a gap of Size bytes at Offset inside a struct (bitfield gaps in bits are ignored).
type Hole struct {
	Offset int64  `json:"offset"`
	Size   int64  `json:"size"`
	After  string `json:"after"` // name of the field the hole follows
}

// IsAggregate reports whether t is a struct, union or enum.
func (t *Type) IsAggregate() bool {
	return t != nil && (t.Kind == KindStruct || t.Kind == KindUnion || t.Kind == KindEnum)
}

// Strip returns t with typedefs and qualifiers removed.
func (t *Type) Strip() *Type {
	for i := 0; t != nil && (t.Kind == KindTypedef || t.Kind == KindQualified) && i < 64; i++ {
		t = t.Elem
	}
	return t
}
