package layout

import (
	"debug/dwarf"
	"fmt"
	"strings"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// VTable is a Rust trait object's vtable as the binary stores it. DWARF's
// `<Impl as Trait>::{vtable_type}` only counts the method slots (`__method3`,
// ...); the slots' identities come from the vtable's data: the function each
// slot points to, through the relocations and symbol tables.
type VTable struct {
	// Type is the name of the vtable's DWARF type,
	// `<crate::Impl as crate::Trait>::{vtable_type}`; Impl and Trait are
	// the two paths in it.
	Type        string
	Impl, Trait string
	// Address of the vtable: a virtual address, or an offset in its section
	// for relocatable objects.
	Address uint64
	// Slots are the method slots after drop_in_place, size and align, in
	// order: the demangled function each points to, without hash or crate
	// disambiguators (`<fixture::Echo as fixture::Plugin>::run`, or
	// `fixture::Plugin::stop` for a default method under legacy mangling).
	// A slot is "" when it holds no function (a method that cannot be called
	// on a trait object) or when its target has no name. Slots is nil when
	// the vtable's data could not be read.
	Slots []string
}

// Method is the method a slot holds: the last segment of its path, "" for
// an empty slot.
func (v *VTable) Method(i int) string {
	if i < 0 || i >= len(v.Slots) {
		return ""
	}
	return LastSegment(v.Slots[i])
}

// VTableHeader is the number of words of a Rust vtable before its first
// method slot: drop_in_place, size and align.
const VTableHeader = 3

// VTables finds the vtables rustc describes with `<Impl as Trait>::{vtable}`
// variables in the Rust units of f and names their method slots. bin, when
// not nil, names slots that point to functions no symbol names (a stripped
// symbol table) by DWARF's function addresses. Only ELF files carry the data;
// other formats give no vtables. A vtable whose data cannot be read is listed
// with nil Slots.
func VTables(f *ddwarf.File, bin *Binary) (_ []VTable, err error) {
	if f.ELF == nil || f.PtrSize <= 0 {
		return nil, nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = &ddwarf.Error{File: f.Path, Section: ".debug_info", Offset: -1, Err: fmt.Errorf("malformed vtable description: %v", r)}
		}
	}()
	vars, found := bin.foundVtableVars()
	if !found {
		if vars, err = vtableVars(f); err != nil {
			return nil, err
		}
	}
	if len(vars) == 0 {
		return nil, nil
	}
	dr, err := f.DataReader()
	if err != nil {
		return nil, err
	}
	var out []VTable
	var slots [][]ddwarf.Pointer // of each of out: its words once read
	var spans []ddwarf.Span      // the vtables at addresses, read at once
	var spanOf []int             // the index in out of each span
	seen := map[string]bool{}
	for _, v := range vars {
		if seen[v.typeName] {
			continue // one vtable per impl; codegen units may each describe it
		}
		seen[v.typeName] = true
		vt := VTable{Type: v.typeName}
		vt.Impl, vt.Trait = splitImplTrait(v.typeName)
		var ptrs []ddwarf.Pointer
		switch n := int(v.size) / f.PtrSize; {
		case v.size <= 0 || n < VTableHeader:
		case dr.Relocatable():
			vt.Address, ptrs = v.sectionPointers(dr, n)
		case v.hasAddr:
			vt.Address = v.addr
			spans, spanOf = append(spans, ddwarf.Span{Addr: v.addr, N: n}), append(spanOf, len(out))
		}
		out = append(out, vt)
		slots = append(slots, ptrs)
	}
	words, errs := dr.PointersAt(spans)
	for k, i := range spanOf {
		if errs[k] == nil {
			slots[i] = words[k]
		}
	}
	for i := range out {
		if slots[i] != nil { // read: the method slots follow the header
			out[i].Slots, slots[i] = []string{}, slots[i][VTableHeader:]
		}
	}
	byPC := functionsAt(bin, unnamedTargets(slots, dr.Relocatable()))
	for i := range out {
		for _, p := range slots[i] {
			out[i].Slots = append(out[i].Slots, slotName(p, out[i], byPC, dr.Relocatable()))
		}
	}
	return out, nil
}

// sectionPointers reads the n words of v's vtable in a relocatable object:
// its offset in its section (0 when unknown) and its words (nil when they
// cannot be read).
func (v vtableVar) sectionPointers(dr *ddwarf.DataReader, n int) (off uint64, ptrs []ddwarf.Pointer) {
	sec, off, found, err := dr.DebugTarget(v.addrSection, v.relocStart, v.relocEnd)
	if err != nil || !found {
		return 0, nil
	}
	if ptrs, err = dr.SectionPointers(sec, off, n); err != nil {
		return off, nil
	}
	return off, ptrs
}

// unnamedTargets lists the addresses slots point to that no symbol names
// (a stripped symbol table), which slotName looks up among the functions.
func unnamedTargets(slots [][]ddwarf.Pointer, relocatable bool) map[uint64]string {
	want := map[uint64]string{}
	for _, ptrs := range slots {
		for _, p := range ptrs {
			if len(p.Symbols) == 0 && !relocatable && p.Value != 0 {
				want[p.Value] = ""
			}
		}
	}
	return want
}

// functionsAt fills want, addresses, with the linkage name (else the name)
// of the first of bin's functions at each, and returns it.
func functionsAt(bin *Binary, want map[uint64]string) map[uint64]string {
	if len(want) == 0 || bin == nil {
		return want
	}
	if bin.functionNames != nil { // an exports-only model lacks most functions
		for pc := range want {
			want[pc] = bin.functionNames[pc]
		}
		return want
	}
	for _, fn := range bin.Functions {
		if name, ok := want[fn.LowPC]; ok && name == "" {
			if name = fn.LinkageName; name == "" {
				name = fn.Name
			}
			want[fn.LowPC] = name
		}
	}
	return want
}

// slotName names the function a slot points to: among the symbols at the
// target, the one that mentions the trait (aliases made by merged
// functions name other impls' methods too), demangled.
func slotName(p ddwarf.Pointer, vt VTable, byPC map[uint64]string, relocatable bool) string {
	var names []string
	for _, s := range p.Symbols {
		d, _ := Demangle(s)
		names = append(names, d)
	}
	if len(names) == 0 && !relocatable && p.Value != 0 {
		if s := byPC[p.Value]; s != "" {
			d, _ := Demangle(s)
			names = append(names, d)
		}
	}
	if len(names) == 0 {
		return ""
	}
	trait := LastSegment(vt.Trait)
	for _, want := range []string{vt.Impl + " as " + vt.Trait + ">::", trait + "::", trait + ">::"} {
		for _, n := range names {
			if want != "" && strings.Contains(n, want) {
				return n
			}
		}
	}
	return names[0]
}

// splitImplTrait reads `<Impl as Trait>::{vtable_type}`.
func splitImplTrait(name string) (impl, trait string) {
	rest, ok := strings.CutSuffix(name, ">::{vtable_type}")
	if !ok || !strings.HasPrefix(rest, "<") {
		return "", ""
	}
	i := strings.LastIndex(rest, " as ")
	if i < 0 {
		return rest[1:], ""
	}
	return rest[1:i], rest[i+4:]
}

// vtableVar is one `{vtable}` variable entry.
type vtableVar struct {
	typeName string
	size     int64
	addr     uint64
	hasAddr  bool
	// relocStart and relocEnd bound the bytes of addrSection that hold the
	// address, for relocatable objects (whose addresses read 0).
	addrSection          string
	relocStart, relocEnd uint64
}

const (
	opAddr         = 0x03 // DW_OP_addr
	opAddrx        = 0xa1 // DW_OP_addrx
	opGNUAddrIndex = 0xfb
	attrAddrBase   = dwarf.Attr(0x73) // DW_AT_addr_base
)

// vtableVars scans the Rust units, in parallel, for `{vtable}` variables:
// children of functions and types are skipped, vtables live at namespace
// scope.
func vtableVars(f *ddwarf.File) ([]vtableVar, error) {
	perUnit := make([][]vtableVar, len(f.Units()))
	err := f.EachUnit(0, func(i int, u *ddwarf.Unit) error {
		vars, err := unitVtableVars(f, u)
		perUnit[i] = vars
		return err
	})
	if err != nil {
		return nil, err
	}
	var out []vtableVar
	for _, vars := range perUnit {
		out = append(out, vars...)
	}
	return out, nil
}

// foundVtableVars returns the vtable variables the build of bin found;
// found is false when it did not look.
func (bin *Binary) foundVtableVars() (vars []vtableVar, found bool) {
	if bin == nil {
		return nil, false
	}
	return bin.vtableVars, bin.vtablesFound
}

// unitVtableVars scans one unit; units of other languages are skipped.
func unitVtableVars(f *ddwarf.File, u *ddwarf.Unit) ([]vtableVar, error) {
	x, err := f.Scan(u, 0)
	if err != nil {
		return nil, err
	}
	return indexedVtableVars(f, u, x, f.NewDecoder(x))
}

// indexedVtableVars finds the vtable variables of u with its index x (which
// finds the namespace-scope variables without decoding the other entries)
// and a decoder d of it.
func indexedVtableVars(f *ddwarf.File, u *ddwarf.Unit, x *ddwarf.Index, d *ddwarf.Decoder) ([]vtableVar, error) {
	if !x.HasChildren(0) {
		return nil, nil
	}
	if lang, _ := d.Int(0, dwarf.AttrLanguage); lang != 0x1c { // DW_LANG_Rust
		return nil, nil
	}
	addrBase, _ := d.Int(0, attrAddrBase)
	types := f.Data.Reader()
	var out []vtableVar
	for i := 1; i < x.Len(); {
		switch x.Tag(i) {
		case dwarf.TagNamespace:
			i++ // into its children
			continue
		case dwarf.TagVariable:
			if name, _ := d.String(i, dwarf.AttrName); strings.HasSuffix(name, "{vtable}") {
				e, err := d.Entry(i)
				if err != nil {
					return nil, err
				}
				if v, ok := vtableVariable(f, types, u, e, addrBase); ok {
					if v.addrSection == ".debug_info" {
						end, err := d.End(i)
						if err != nil {
							return nil, err
						}
						v.relocEnd = uint64(end)
					}
					out = append(out, v)
				}
			}
		}
		i = x.SubtreeEnd(i)
	}
	return out, nil
}

// vtableVariable reads one `{vtable}` variable: its type's name and size,
// and where its address is.
func vtableVariable(f *ddwarf.File, types *dwarf.Reader, u *ddwarf.Unit, e *dwarf.Entry, addrBase int64) (vtableVar, bool) {
	var v vtableVar
	toff, ok := e.Val(dwarf.AttrType).(dwarf.Offset)
	if !ok {
		return v, false
	}
	types.Seek(toff)
	t, err := types.Next()
	if err != nil || t == nil {
		return v, false
	}
	v.typeName, _ = t.Val(dwarf.AttrName).(string)
	v.size, _ = t.Val(dwarf.AttrByteSize).(int64)
	loc, _ := e.Val(dwarf.AttrLocation).([]byte)
	if len(loc) == 0 || v.typeName == "" {
		return v, false
	}
	size := u.AddrSize
	switch loc[0] {
	case opAddr:
		if len(loc) < 1+size {
			return v, false
		}
		v.addr, v.hasAddr = readAddr(f, loc[1:1+size]), true
		v.addrSection, v.relocStart, v.relocEnd = ".debug_info", uint64(e.Offset), 0
	case opAddrx, opGNUAddrIndex:
		br := &ddwarf.ByteReader{B: loc[1:]}
		idx := br.ULEB()
		if br.Err != nil {
			return v, false
		}
		at := uint64(addrBase) + idx*uint64(size)
		addr := f.Sections["addr"]
		if at+uint64(size) > uint64(len(addr)) || at+uint64(size) < at {
			return v, false
		}
		v.addr, v.hasAddr = readAddr(f, addr[at:at+uint64(size)]), true
		v.addrSection, v.relocStart, v.relocEnd = ".debug_addr", at, at+uint64(size)
	default:
		return v, false
	}
	return v, true
}

func readAddr(f *ddwarf.File, b []byte) uint64 {
	if len(b) == 4 {
		return uint64(f.ByteOrder.Uint32(b))
	}
	return f.ByteOrder.Uint64(b)
}
