// Package dump writes a layout model as a deterministic JSON document, the
// abidrift.dump/v1 baseline, and reads such a document back into a model.
//
// A dump holds the binary's facts, its functions and variables with their
// signatures, and every type they or the named types reach. Types are listed
// once each and referenced by a string id: a named type by its kind and
// qualified name ("struct:plug::Config"), an unnamed pointer, array,
// qualifier or function type by its spelling ("pointer:char *"), and an
// unnamed struct, union or enum by its place in the first parent that reaches
// it ("struct:{struct:S/field:u}"). Ids that would clash get a "#2" suffix.
// Writing the same model twice gives the same bytes, and reading a dump gives
// a model the differ finds identical to the one that was written.
package dump

import (
	"math/big"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/abi"
)

// Schema names the JSON document.
const Schema = "abidrift.dump/v1"

// Doc is the JSON document of `abidrift dump`.
type Doc struct {
	Schema    string     `json:"schema"`
	Binary    BinaryDoc  `json:"binary"`
	Named     []string   `json:"named"` // ids of the binary's named types, in model order
	Functions []Function `json:"functions"`
	Variables []Variable `json:"variables"`
	Types     []Type     `json:"types"` // every type reached, sorted by id
	// Symbols is the binary's dynamic-linking surface, when it was read: the
	// exported symbols decide which functions and variables are the ABI.
	Symbols *Symbols `json:"symbols,omitempty"`
	// VTables are the Rust trait-object vtables with their method slots,
	// read from the binary's data (layout.VTables); absent from dumps
	// written before they were recorded.
	VTables []VTable `json:"vtables,omitempty"`
}

// VTable is one Rust vtable (see layout.VTable). Slots is null when the
// vtable's data could not be read.
type VTable struct {
	Type    string   `json:"type"`
	Impl    string   `json:"impl,omitempty"`
	Trait   string   `json:"trait,omitempty"`
	Address uint64   `json:"address,omitempty"`
	Slots   []string `json:"slots"`
}

// Symbols is the symbol table of the binary (see dwarf.SymbolTable).
type Symbols struct {
	Source    string   `json:"source"`
	SONAME    string   `json:"soname,omitempty"`
	Needed    []string `json:"needed,omitempty"`
	RunPath   []string `json:"runpath,omitempty"`
	RPath     []string `json:"rpath,omitempty"`
	BuildID   string   `json:"build_id,omitempty"`
	Exported  []Symbol `json:"exported"`
	Undefined []Symbol `json:"undefined,omitempty"`
}

// Symbol is one exported or undefined symbol.
type Symbol struct {
	Name      string            `json:"name"`
	Kind      ddwarf.SymbolKind `json:"kind"`
	Version   string            `json:"version,omitempty"`
	Hidden    bool              `json:"hidden,omitempty"`
	Library   string            `json:"library,omitempty"`
	Weak      bool              `json:"weak,omitempty"`
	Protected bool              `json:"protected,omitempty"`
	Value     uint64            `json:"value,omitempty"`
	Size      uint64            `json:"size,omitempty"`
}

// BinaryDoc holds the facts about the object file.
type BinaryDoc struct {
	Path      string   `json:"path"`
	Arch      string   `json:"arch"`
	PtrSize   int      `json:"ptr_size"`
	Format    string   `json:"format"`
	Kind      string   `json:"kind"`
	SONAME    string   `json:"soname,omitempty"`
	BuildID   string   `json:"build_id,omitempty"`
	Producers []string `json:"producers"`
}

// Function is one subprogram with its signature. Pass and ResultPass say how
// each value travels when the passing of the binary's target is known.
type Function struct {
	Name        string          `json:"name"`
	LinkageName string          `json:"linkage_name,omitempty"`
	Params      []Param         `json:"params"`
	Result      string          `json:"result,omitempty"` // type id; "" for void / unit
	ResultPass  *abi.Pass       `json:"result_pass,omitempty"`
	NoReturn    bool            `json:"noreturn,omitempty"`
	Variadic    bool            `json:"variadic,omitempty"`
	Lang        layout.Lang     `json:"lang,omitempty"`
	NoCall      bool            `json:"nocall,omitempty"`
	External    bool            `json:"external,omitempty"`
	LowPC       uint64          `json:"low_pc,omitempty"`
	File        string          `json:"file,omitempty"`
	Line        int             `json:"line,omitempty"`
	Templates   []TemplateParam `json:"templates,omitempty"`
}

// Param is one formal parameter.
type Param struct {
	Name     string    `json:"name,omitempty"`
	Type     string    `json:"type"`
	Pass     *abi.Pass `json:"pass,omitempty"`
	Location *Location `json:"location,omitempty"`
}

// Location is a parameter's raw DW_AT_location: an expression (hex) or the
// offset of a location list.
type Location struct {
	Expr    string `json:"expr,omitempty"`
	LocList *int64 `json:"loclist,omitempty"`
}

// Variable is a variable defined at file or namespace scope.
type Variable struct {
	Name        string      `json:"name"`
	LinkageName string      `json:"linkage_name,omitempty"`
	Type        string      `json:"type,omitempty"`
	Lang        layout.Lang `json:"lang,omitempty"`
	File        string      `json:"file,omitempty"`
	Line        int         `json:"line,omitempty"`
}

// Type is one type of the model; references to other types are ids.
type Type struct {
	ID        string          `json:"id"`
	Kind      layout.Kind     `json:"kind"`
	Name      string          `json:"name,omitempty"`
	Size      int64           `json:"size"`
	Align     int64           `json:"align,omitempty"`
	Lang      layout.Lang     `json:"lang,omitempty"`
	Decl      bool            `json:"decl,omitempty"`
	File      string          `json:"file,omitempty"`
	Line      int             `json:"line,omitempty"`
	Encoding  layout.Encoding `json:"encoding,omitempty"`
	Signed    bool            `json:"signed,omitempty"`
	Elem      string          `json:"elem,omitempty"`
	Qualifier string          `json:"qualifier,omitempty"`
	Dims      []int64         `json:"dims,omitempty"`
	Fields    []Field         `json:"fields,omitempty"`
	Tag       *Tag            `json:"tag,omitempty"`
	Variants  []Variant       `json:"variants,omitempty"`
	Templates []TemplateParam `json:"templates,omitempty"`
	Params    []string        `json:"params,omitempty"`
	Result    string          `json:"result,omitempty"`
	Variadic  bool            `json:"variadic,omitempty"`
	ABI       string          `json:"abi,omitempty"`
	Holes     []layout.Hole   `json:"holes,omitempty"`
	Padding   int64           `json:"padding,omitempty"`
	DeclOrder bool            `json:"decl_order,omitempty"`
	Payload   bool            `json:"payload,omitempty"`
}

// Field is a member of a struct, union or enum variant.
type Field struct {
	Name       string `json:"name,omitempty"`
	Offset     int64  `json:"offset"`
	Type       string `json:"type,omitempty"`
	BitSize    int64  `json:"bit_size,omitempty"`
	BitOffset  int64  `json:"bit_offset,omitempty"`
	Align      int64  `json:"align,omitempty"`
	Artificial bool   `json:"artificial,omitempty"`
	Base       bool   `json:"base,omitempty"`
	File       string `json:"file,omitempty"`
	Line       int    `json:"line,omitempty"`
}

// Tag is where an enum keeps its discriminant.
type Tag struct {
	Offset int64  `json:"offset"`
	Type   string `json:"type,omitempty"`
	Niche  bool   `json:"niche,omitempty"`
}

// Variant is one Rust enum variant or C enumerator.
type Variant struct {
	Name   string        `json:"name"`
	Discr  *big.Int      `json:"discr,omitempty"`
	Ranges [][2]*big.Int `json:"ranges,omitempty"`
	Fields []Field       `json:"fields,omitempty"`
	Type   string        `json:"type,omitempty"`
}

// TemplateParam is a template type or value parameter.
type TemplateParam struct {
	Name  string   `json:"name,omitempty"`
	Type  string   `json:"type,omitempty"`
	Value *big.Int `json:"value,omitempty"`
}
