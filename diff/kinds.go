package diff

// Kind identifies a sort of change. Kinds are stable: suppression files and
// scripts match them.
type Kind string

// The kinds of change, grouped by the rule file that reports them.
const (
	// binary.go
	SONAMEChanged       Kind = "soname-changed"        // DT_SONAME differs
	ArchChanged         Kind = "arch-changed"          // target architecture or pointer size differs
	RustcVersionChanged Kind = "rustc-version-changed" // the Rust units were built by another rustc
	CrateRenamed        Kind = "crate-renamed"         // the exported items moved to another crate name

	// symbols.go
	FunctionRemoved Kind = "function-removed"
	FunctionAdded   Kind = "function-added"
	VariableRemoved Kind = "variable-removed"
	VariableAdded   Kind = "variable-added"
	// SymbolHashChanged: the item pairs by its stable key, but its Rust
	// symbol (legacy hash, v0 crate disambiguator) differs.
	SymbolHashChanged Kind = "symbol-hash-changed"

	// functions.go
	ParamCountChanged    Kind = "param-count-changed"
	ParamTypeChanged     Kind = "param-type-changed"
	ParamPassingChanged  Kind = "param-passing-changed"
	ReturnTypeChanged    Kind = "return-type-changed"
	ReturnPassingChanged Kind = "return-passing-changed"
	VariadicChanged      Kind = "variadic-changed"
	NoReturnChanged      Kind = "noreturn-changed"

	// variables.go
	VariableTypeChanged Kind = "variable-type-changed"

	// types.go
	TypeKindChanged      Kind = "type-kind-changed"
	TypeSizeChanged      Kind = "type-size-changed"
	TypeAlignmentChanged Kind = "type-alignment-changed"
	TypeBecameOpaque     Kind = "type-became-opaque"
	TypeBecameDefined    Kind = "type-became-defined"
	TypedefChanged       Kind = "typedef-changed"
	TypeRemoved          Kind = "type-removed"
	TypeAdded            Kind = "type-added"

	// fields.go
	FieldAdded         Kind = "field-added"
	FieldRemoved       Kind = "field-removed"
	FieldRenamed       Kind = "field-renamed"
	FieldOffsetChanged Kind = "field-offset-changed"
	FieldTypeChanged   Kind = "field-type-changed"
	FieldWrapped       Kind = "field-wrapped"
	BitfieldChanged    Kind = "bitfield-changed"

	// enums.go
	VariantAdded              Kind = "variant-added"
	VariantRemoved            Kind = "variant-removed"
	VariantRenamed            Kind = "variant-renamed"
	EnumDiscriminantChanged   Kind = "enum-discriminant-changed"
	EnumTagChanged            Kind = "enum-tag-changed"
	EnumNicheChanged          Kind = "enum-niche-changed"
	EnumUnderlyingTypeChanged Kind = "enum-underlying-type-changed"

	// vtables.go
	VtableSlotAdded     Kind = "vtable-slot-added"
	VtableSlotRemoved   Kind = "vtable-slot-removed"
	VtableSlotReordered Kind = "vtable-slot-reordered"
	FnPointerChanged    Kind = "fn-pointer-changed"
)

// Kinds lists every kind with a one-line description, in the order above.
var Kinds = []struct {
	Kind  Kind
	About string
}{
	{SONAMEChanged, "the shared object's SONAME differs: consumers linked against the old name will not load the new file"},
	{ArchChanged, "the target architecture or pointer size differs"},
	{RustcVersionChanged, "the Rust code was built by a different rustc: the Rust ABI and repr(Rust) layouts are unspecified across versions"},
	{CrateRenamed, "the exported items now live in a crate of another name (symbols and type names change)"},
	{FunctionRemoved, "an exported function is gone"},
	{FunctionAdded, "a new exported function"},
	{VariableRemoved, "an exported variable is gone"},
	{VariableAdded, "a new exported variable"},
	{SymbolHashChanged, "an exported Rust function or variable is still there under a new symbol (legacy hash or v0 crate disambiguator): consumers linked against the old symbol fail to load"},
	{ParamCountChanged, "a function takes a different number of parameters"},
	{ParamTypeChanged, "a parameter's type changed"},
	{ParamPassingChanged, "a parameter travels differently (registers, stack, by pointer)"},
	{ReturnTypeChanged, "a function's return type changed"},
	{ReturnPassingChanged, "a result travels differently (registers, hidden result pointer)"},
	{VariadicChanged, "a function became variadic or stopped being variadic"},
	{NoReturnChanged, "a function gained or lost noreturn (`-> !`)"},
	{VariableTypeChanged, "an exported variable's type changed"},
	{TypeKindChanged, "a type changed between struct, union, enum or another kind"},
	{TypeSizeChanged, "a type's size changed"},
	{TypeAlignmentChanged, "a type's alignment changed"},
	{TypeBecameOpaque, "a defined type is now only declared"},
	{TypeBecameDefined, "an opaque (declared-only) type is now defined"},
	{TypedefChanged, "a typedef names another type"},
	{TypeRemoved, "a named struct, union or enum is gone (only with --all-types or --types)"},
	{TypeAdded, "a new named struct, union or enum (only with --all-types or --types)"},
	{FieldAdded, "a struct or union member, or a variant's field, was added"},
	{FieldRemoved, "a member or variant field was removed"},
	{FieldRenamed, "a member has a new name at the same offset with the same type"},
	{FieldOffsetChanged, "a member moved"},
	{FieldTypeChanged, "a member's type changed"},
	{FieldWrapped, "a member moved into or out of an anonymous struct or union, keeping its offset and type"},
	{BitfieldChanged, "a bitfield's bit offset or width changed"},
	{VariantAdded, "an enum gained a variant or enumerator"},
	{VariantRemoved, "an enum lost a variant or enumerator"},
	{VariantRenamed, "an enumerator or fieldless variant has a new name with the same value"},
	{EnumDiscriminantChanged, "a variant's stored discriminant value changed"},
	{EnumTagChanged, "an enum's tag moved, changed size or type, or appeared or disappeared"},
	{EnumNicheChanged, "an enum gained or lost its niche (the tag now shares or no longer shares a payload's bytes)"},
	{EnumUnderlyingTypeChanged, "a C enum's underlying integer type changed signedness"},
	{VtableSlotAdded, "a trait's vtable gained method slots (breaking when inserted before the last slot)"},
	{VtableSlotRemoved, "a trait's vtable lost method slots"},
	{VtableSlotReordered, "a trait's vtable holds its methods in another order"},
	{FnPointerChanged, "a function-pointer type's parameters, result or calling convention changed"},
}
