package layout

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/ianlancetaylor/demangle"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// Mangling is the naming scheme that produced a symbol.
type Mangling string

// The manglings abidrift recognises.
const (
	MangleNone       Mangling = "none"        // a plain C name, or #[no_mangle] / extern "C" items
	MangleRustLegacy Mangling = "rust-legacy" // _ZN...17h<16 hex>E
	MangleRustV0     Mangling = "rust-v0"     // _R...
	MangleCXX        Mangling = "c++"         // Itanium C++ ABI, _Z...
)

// ABI is the calling convention an exported function is taken to follow.
type ABI string

// The conventions sig predicts passing for. ABIC is the platform's C ABI
// (which C++ follows too); ABIRust is rustc's unspecified extern "Rust" ABI.
const (
	ABIC    ABI = "C"
	ABIRust ABI = "Rust"
)

// Export is one symbol a binary exports, with what DWARF says about it.
type Export struct {
	// Symbol is the name in the symbol table.
	Symbol string
	Kind   ddwarf.SymbolKind
	// Version is the symbol version, "" when unversioned; Hidden marks a
	// non-default version (name@VER, not name@@VER).
	Version string
	Hidden  bool
	Weak    bool
	// Address and Size of the definition (section offset in relocatable objects).
	Address, Size uint64

	Mangling Mangling
	// Demangled is the demangled symbol without the legacy Rust hash and the
	// v0 crate disambiguators; the symbol itself when it is not mangled.
	Demangled string
	// Hash is the legacy Rust hash (16 hex digits), "" for other manglings.
	Hash string
	// Name is the name shown to people: Demangled, written alike for both
	// Rust manglings (see displayName), with the generic arguments DWARF
	// gives a legacy instance (r_generic<u32>), which its symbol lacks.
	Name string
	// Key identifies the item across rebuilds: Name, plus "@VERSION" for a
	// non-default version. The hash and disambiguators, which change with
	// every compiler or metadata change, are left out. Generic instances of
	// legacy symbols are told apart only when DWARF names them; otherwise
	// they share a Key.
	Key string

	// Function or Variable is the DWARF entity of the symbol; nil when the
	// binary has no DWARF for it.
	Function *Function
	Variable *Variable

	// ABI is the calling convention assumed for a function; ABIInferred is
	// false when an ABIRule chose it, and ABIReason says why it was chosen.
	ABI         ABI
	ABIInferred bool
	ABIReason   string
}

// Surface is the exported and imported surface of a binary: what other
// objects can bind to, and what it needs from them.
type Surface struct {
	Binary *Binary
	// SymbolSource is the symbol table the exports come from (".dynsym" or
	// ".symtab"), or "dwarf" when the file has none abidrift can read and
	// the functions and variables marked DW_AT_external stand in for it.
	SymbolSource string
	SONAME       string
	BuildID      string
	Needed       []string
	RunPath      []string
	RPath        []string
	// Functions are the exported functions (and ifuncs), Variables the
	// exported objects and thread-locals, each sorted by Key then Symbol.
	// Symbols without DWARF are included with a nil Function or Variable.
	Functions []*Export
	Variables []*Export
	// Undefined are the symbols the binary needs from other objects.
	Undefined []ddwarf.Symbol
}

// ExportOptions tune Exports.
type ExportOptions struct {
	// ABIRules override the inferred ABI of the functions they match; when
	// several match, the last one wins.
	ABIRules []ABIRule
}

// Exports reads the symbol table of f and matches each exported symbol to
// the function or variable of bin that defines it.
func Exports(f *ddwarf.File, bin *Binary, opts ExportOptions) (*Surface, error) {
	st, err := f.Symbols()
	if err != nil {
		return nil, err
	}
	return NewSurface(bin, st, opts), nil
}

// NewSurface matches the exported symbols of st to the DWARF model bin. A
// table without a Source (Mach-O, PE) is replaced by bin's external
// functions and variables.
func NewSurface(bin *Binary, st *ddwarf.SymbolTable, opts ExportOptions) *Surface {
	s := &Surface{Binary: bin, SymbolSource: st.Source, SONAME: st.SONAME, BuildID: st.BuildID,
		Needed: st.Needed, RunPath: st.RunPath, RPath: st.RPath, Undefined: st.Undefined}
	if s.BuildID == "" {
		s.BuildID = bin.BuildID
	}
	if s.SONAME == "" {
		s.SONAME = bin.SONAME
	}
	exported := st.Exported
	if st.Source == "" {
		s.SymbolSource = "dwarf"
		exported = externalSymbols(bin)
	}
	names := make(map[string]struct{}, len(exported))
	for _, sym := range exported {
		names[symbolName(bin, sym)] = struct{}{}
	}
	idx := newDWARFIndex(bin, names)
	for _, sym := range exported {
		e := &Export{Symbol: sym.Name, Kind: sym.Kind, Version: sym.Version, Hidden: sym.Hidden,
			Weak: sym.Weak, Address: sym.Value, Size: sym.Size}
		name := symbolName(bin, sym)
		e.Demangled, e.Mangling = Demangle(name)
		e.Hash = legacyHash(name, e.Mangling)
		switch sym.Kind {
		case ddwarf.SymFunc, ddwarf.SymIFunc:
			e.Function = idx.function(name, e.Mangling, sym.Value, bin.Kind != "relocatable")
		default:
			e.Variable = idx.variable(name, e.Mangling)
		}
		e.Name = displayName(e)
		e.Key = e.Name
		if e.Hidden && e.Version != "" {
			e.Key += "@" + e.Version
		}
		if e.Kind == ddwarf.SymFunc || e.Kind == ddwarf.SymIFunc {
			e.ABI, e.ABIReason = inferABI(e)
			e.ABIInferred = true
			for _, r := range opts.ABIRules {
				if r.Match(e) {
					e.ABI, e.ABIInferred, e.ABIReason = r.ABI, false, "--abi "+r.String()
				}
			}
			s.Functions = append(s.Functions, e)
		} else {
			s.Variables = append(s.Variables, e)
		}
	}
	for _, list := range [][]*Export{s.Functions, s.Variables} {
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].Key != list[j].Key {
				return list[i].Key < list[j].Key
			}
			return list[i].Symbol < list[j].Symbol
		})
	}
	return s
}

// symbolName is the name of sym as DWARF spells it: Mach-O's leading '_'
// dropped.
func symbolName(bin *Binary, sym ddwarf.Symbol) string {
	if bin.Format == "macho" {
		return strings.TrimPrefix(sym.Name, "_")
	}
	return sym.Name
}

// WithoutDWARF returns the exported functions and variables the binary has
// no DWARF for.
func (s *Surface) WithoutDWARF() []*Export {
	var out []*Export
	for _, e := range s.Functions {
		if e.Function == nil {
			out = append(out, e)
		}
	}
	for _, e := range s.Variables {
		if e.Variable == nil {
			out = append(out, e)
		}
	}
	return out
}

// externalSymbols stands in for a symbol table: the DW_AT_external functions
// and the variables of bin, by linkage name or name.
func externalSymbols(bin *Binary) []ddwarf.Symbol {
	var out []ddwarf.Symbol
	seen := map[string]bool{}
	for _, fn := range bin.Functions {
		name := fn.LinkageName
		if name == "" {
			name = LastSegment(fn.Name)
		}
		if !fn.External || name == "" || seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, ddwarf.Symbol{Name: name, Kind: ddwarf.SymFunc, Value: fn.LowPC})
	}
	for _, v := range bin.Variables {
		name := v.LinkageName
		if name == "" {
			name = LastSegment(v.Name)
		}
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, ddwarf.Symbol{Name: name, Kind: ddwarf.SymObject})
	}
	return out
}

// Demangle demangles a C++, legacy Rust or v0 Rust symbol and says which
// scheme it used. The legacy hash and v0 crate disambiguators are dropped.
// A name that is not mangled (or does not demangle) is returned unchanged
// with MangleNone.
func Demangle(sym string) (string, Mangling) {
	m := manglingOf(sym)
	if m == MangleNone {
		return sym, m
	}
	d, err := demangle.ToString(sym, demangle.MaxLength(20))
	if err != nil || d == "" {
		if m == MangleRustLegacy {
			if d, ok := demangleLegacyPath(sym); ok {
				return d, m
			}
		}
		return sym, MangleNone
	}
	if m == MangleRustLegacy {
		d = legacyHashSuffix.ReplaceAllString(d, "")
	}
	return d, m
}

var (
	legacyHashTail   = regexp.MustCompile(`17h([0-9a-f]{16})E$`)
	legacyHashSuffix = regexp.MustCompile(`::h[0-9a-f]{16}$`)
)

func manglingOf(sym string) Mangling {
	switch {
	case strings.HasPrefix(sym, "_R") && len(sym) > 2 && (sym[2] >= 'A' && sym[2] <= 'Z' || sym[2] >= '0' && sym[2] <= '9'):
		return MangleRustV0
	case strings.HasPrefix(sym, "_ZN") && legacyHashTail.MatchString(sym):
		return MangleRustLegacy
	case strings.HasPrefix(sym, "_Z"):
		return MangleCXX
	}
	return MangleNone
}

func legacyHash(sym string, m Mangling) string {
	if m != MangleRustLegacy {
		return ""
	}
	if sm := legacyHashTail.FindStringSubmatch(sym); sm != nil {
		return sm[1]
	}
	return ""
}

// demangleLegacyPath reads the <len><ident> components of a legacy Rust
// symbol without decoding its $-escapes: a fallback for names the
// demangler rejects.
func demangleLegacyPath(sym string) (string, bool) {
	s := strings.TrimPrefix(sym, "_ZN")
	var parts []string
	for len(s) > 0 && s[0] != 'E' {
		n, i := 0, 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' && n < 1<<20 {
			n = n*10 + int(s[i]-'0')
			i++
		}
		if i == 0 || i+n > len(s) {
			return "", false
		}
		parts = append(parts, s[i:i+n])
		s = s[i+n:]
	}
	if len(parts) > 0 && len(parts[len(parts)-1]) == 17 && parts[len(parts)-1][0] == 'h' {
		parts = parts[:len(parts)-1]
	}
	if len(parts) == 0 {
		return "", false
	}
	return strings.Join(parts, "::"), true
}

// displayName is the demangled name written the same way for both Rust
// manglings: the generic arguments of a legacy instance come from its DWARF
// name (r_generic<u32>); v0's turbofish `r_generic::<u32>` loses its `::`,
// and its inherent-impl paths `<crate::S>::f` are written `crate::S::f`.
func displayName(e *Export) string {
	name := e.Demangled
	switch e.Mangling {
	case MangleRustLegacy:
		if e.Function == nil {
			return name
		}
		if args := genericArgs(LastSegment(e.Function.Name)); args != "" && !strings.HasSuffix(name, args) {
			name += args
		}
	case MangleRustV0:
		name = strings.ReplaceAll(name, "::<", "<")
		if m := inherentImpl.FindStringSubmatch(name); m != nil {
			name = m[1] + name[len(m[0])-2:]
		}
	}
	return name
}

// inherentImpl matches a v0 inherent-impl prefix on a plain path: `<a::b::S>::`.
var inherentImpl = regexp.MustCompile(`^<([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*)>::`)

// genericArgs returns the trailing <...> of a name segment, or "".
func genericArgs(seg string) string {
	if !strings.HasSuffix(seg, ">") {
		return ""
	}
	depth := 0
	for i := len(seg) - 1; i >= 0; i-- {
		switch seg[i] {
		case '>':
			depth++
		case '<':
			depth--
			if depth == 0 {
				if i == 0 {
					return ""
				}
				return seg[i:]
			}
		}
	}
	return ""
}

// inferABI guesses the convention of an exported function from its
// unit's language and its symbol's mangling.
func inferABI(e *Export) (ABI, string) {
	if fn := e.Function; fn != nil {
		switch fn.Lang {
		case LangC:
			return ABIC, "defined in a C unit"
		case LangCXX:
			return ABIC, "defined in a C++ unit"
		}
	}
	switch e.Mangling {
	case MangleRustLegacy, MangleRustV0:
		return ABIRust, "Rust-mangled symbol"
	case MangleCXX:
		return ABIC, "C++-mangled symbol"
	}
	if e.Function != nil && e.Function.Lang == LangRust {
		return ABIC, "unmangled Rust function (#[no_mangle]), assumed extern \"C\""
	}
	return ABIC, "unmangled symbol"
}

// dwarfIndex finds the DWARF function or variable defining a symbol.
type dwarfIndex struct {
	bin                   *Binary
	fnByLinkage, fnByName map[string][]*Function
	fnByAddr              map[uint64][]*Function // made on first use
	varByLinkage, varName map[string][]*Variable
}

// newDWARFIndex indexes by name the functions and variables of bin that
// have one of names (a linkage name, or the last segment of a plain name).
func newDWARFIndex(bin *Binary, names map[string]struct{}) *dwarfIndex {
	x := &dwarfIndex{bin: bin, fnByLinkage: map[string][]*Function{}, fnByName: map[string][]*Function{},
		varByLinkage: map[string][]*Variable{}, varName: map[string][]*Variable{}}
	wanted := func(name string) bool {
		_, ok := names[name]
		return ok
	}
	for _, fn := range bin.Functions {
		if fn.LinkageName != "" {
			if wanted(fn.LinkageName) {
				x.fnByLinkage[fn.LinkageName] = append(x.fnByLinkage[fn.LinkageName], fn)
			}
		} else if last := LastSegment(fn.Name); fn.Name != "" && wanted(last) {
			x.fnByName[last] = append(x.fnByName[last], fn)
		}
	}
	for _, v := range bin.Variables {
		if v.LinkageName != "" {
			if wanted(v.LinkageName) {
				x.varByLinkage[v.LinkageName] = append(x.varByLinkage[v.LinkageName], v)
			}
		} else if last := LastSegment(v.Name); v.Name != "" && wanted(last) {
			x.varName[last] = append(x.varName[last], v)
		}
	}
	return x
}

// at returns the functions at addr.
func (x *dwarfIndex) at(addr uint64) []*Function {
	if x.fnByAddr == nil {
		x.fnByAddr = make(map[uint64][]*Function, len(x.bin.Functions))
		for _, fn := range x.bin.Functions {
			if fn.LowPC != 0 {
				x.fnByAddr[fn.LowPC] = append(x.fnByAddr[fn.LowPC], fn)
			}
		}
	}
	return x.fnByAddr[addr]
}

// function picks the definition of sym: by linkage name, or by name for an
// unmangled symbol; among several, the one at the symbol's address, then an
// external one. A symbol no name matches (an alias, a .symver name) takes the
// function at its address.
func (x *dwarfIndex) function(sym string, m Mangling, addr uint64, useAddr bool) *Function {
	cands := x.fnByLinkage[sym]
	if len(cands) == 0 && m == MangleNone {
		cands = x.fnByName[sym]
	}
	if len(cands) == 0 && useAddr && addr != 0 {
		cands = x.at(addr)
	}
	if len(cands) == 0 {
		return nil
	}
	if useAddr {
		var unplaced []*Function // described by DW_AT_ranges: no single address
		for _, fn := range cands {
			if fn.LowPC == addr {
				return fn
			}
			if fn.LowPC == 0 {
				unplaced = append(unplaced, fn)
			}
		}
		if len(unplaced) == 0 && m == MangleNone {
			// A plain name matching only functions at other addresses
			// belongs to static functions of the same name, not to this symbol.
			return nil
		}
		if len(unplaced) > 0 {
			cands = unplaced
		}
	}
	for _, fn := range cands {
		if fn.External {
			return fn
		}
	}
	return cands[0]
}

func (x *dwarfIndex) variable(sym string, m Mangling) *Variable {
	cands := x.varByLinkage[sym]
	if len(cands) == 0 && m == MangleNone {
		cands = x.varName[sym]
	}
	if len(cands) == 0 {
		return nil
	}
	return cands[0]
}

// ABIRule sets the ABI of the functions whose name matches Pattern.
type ABIRule struct {
	// Pattern is a glob: `*` matches any run of characters (`::` included),
	// `?` one character, everything else itself. It must match the whole of
	// the demangled name, the Key, or the symbol.
	Pattern string
	ABI     ABI
	re      *regexp.Regexp
}

// ParseABIRule parses PATTERN=C or PATTERN=Rust (the ABI name in any case).
func ParseABIRule(s string) (ABIRule, error) {
	i := strings.LastIndex(s, "=")
	if i <= 0 {
		return ABIRule{}, fmt.Errorf("bad --abi %q: want PATTERN=C or PATTERN=Rust", s)
	}
	pat, abiName := s[:i], s[i+1:]
	var a ABI
	switch strings.ToLower(abiName) {
	case "c":
		a = ABIC
	case "rust":
		a = ABIRust
	default:
		return ABIRule{}, fmt.Errorf("bad --abi %q: unknown ABI %q (use C or Rust)", s, abiName)
	}
	return NewABIRule(pat, a), nil
}

// NewABIRule makes a rule giving the functions matching the glob pattern abi.
func NewABIRule(pattern string, abi ABI) ABIRule {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return ABIRule{Pattern: pattern, ABI: abi, re: regexp.MustCompile(b.String())}
}

// Match reports whether the rule applies to e.
func (r ABIRule) Match(e *Export) bool {
	if r.re == nil {
		r = NewABIRule(r.Pattern, r.ABI)
	}
	return r.re.MatchString(e.Demangled) || r.re.MatchString(e.Name) || r.re.MatchString(e.Key) || r.re.MatchString(e.Symbol)
}

// String spells the rule as it is written on the command line.
func (r ABIRule) String() string { return r.Pattern + "=" + string(r.ABI) }
