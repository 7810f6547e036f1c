package layout

// Binary is the ABI model of one object file.
type Binary struct {
	Path      string
	Arch      string // x86_64, aarch64, ...
	PtrSize   int
	Format    string // elf, macho, pe
	Kind      string // executable, shared, relocatable
	SONAME    string
	BuildID   string
	Producers []string // distinct DW_AT_producer strings, sorted
	// Types are the named structs, unions and enums (and typedefs of them),
	// each once, sorted by name.
	Types []*Type
	// Functions and Variables are the defined subprograms and variables with DWARF.
	Functions []*Function
	Variables []*Variable
	// VTables are the Rust trait-object vtables with their method slots.
	// Build leaves it empty: the slots come from the binary's data and
	// relocations, which VTables reads for the callers that need them.
	VTables []VTable
	// ExportsOnly is set when Build was restricted to what the exported
	// symbols reach (Options.Exports): Types, Functions and Variables hold
	// that part only.
	ExportsOnly bool
	// definitions indexes, in an exports-only model, every named type
	// definition of the file, built or not (for Complete).
	definitions definitionIndex
	// functionNames, in an exports-only model, names every defined
	// function by its address (linkage name, else qualified name), as
	// VTables names slots from Functions in a whole model.
	functionNames map[uint64]string
	// vtableVars are the `{vtable}` variables of the units, in unit order,
	// when the build found them (vtablesFound): VTables then reads no unit.
	vtableVars   []vtableVar
	vtablesFound bool
	// numbered is the last Type.Num given.
	numbered int32
}

// Function is a subprogram from DWARF.
type Function struct {
	Name        string // qualified source name (crate::module::f)
	LinkageName string // mangled symbol, "" for unmangled names
	Params      []Param
	Result      *Type // nil for void / unit
	NoReturn    bool
	Variadic    bool
	Lang        Lang
	// NoCall is set for DW_CC_nocall: the optimiser changed the signature.
	NoCall bool
	// External mirrors DW_AT_external; it is not exportedness.
	External bool
	LowPC    uint64
	File     string
	Line     int
	// Templates are the generic arguments of an instance.
	Templates []TemplateParam

	print uint64 // set on a shell (Options.Shells)
}

// Print is the fingerprint of a shell: a function Build made without its
// signature because the other build of a diff has the same (Unchanged);
// 0 for a function built whole.
func (fn *Function) Print() uint64 { return fn.print }

// Param is one formal parameter.
type Param struct {
	Name string
	Type *Type
	// Location is the raw DW_AT_location: an expression or a location-list offset.
	Location any
}

// Variable is a variable defined at file or namespace scope.
type Variable struct {
	Name        string
	LinkageName string
	Type        *Type
	Lang        Lang
	File        string
	Line        int

	print uint64 // set on a shell (Options.Shells)
}

// Print is the fingerprint of a shell, a variable Build made without its
// type (see Function.Print); 0 for a variable built whole.
func (v *Variable) Print() uint64 { return v.print }
