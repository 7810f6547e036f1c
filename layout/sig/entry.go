package sig

import (
	"debug/dwarf"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/go-delve/delve/pkg/dwarf/godwarf"
	"github.com/go-delve/delve/pkg/dwarf/loclist"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
)

// entryIndex holds, for the subprograms at the entry addresses of the
// selected exports, where DWARF places each parameter at that address.
type entryIndex struct {
	byPC map[uint64][]*entryFunc
	// byNameOnly is set for relocatable objects, where many functions
	// share an address: a subprogram is only taken when its name matches.
	byNameOnly bool
	// limitedUnits are the units (by offset) with subprograms but not a
	// single parameter or typed subprogram: built with limited debug info.
	limitedUnits map[dwarf.Offset]bool
	// unitOf maps an entry address to the unit holding it.
	unitOf map[uint64]dwarf.Offset
}

// entryFunc is one subprogram at an entry address.
type entryFunc struct {
	name    string // DW_AT_linkage_name or DW_AT_name, through abstract origins
	params  []entryParam
	hasType bool
}

type entryParam struct {
	name string
	loc  *location // nil: DWARF does not place the value at the entry
}

// lookup returns the subprogram DWARF has at e's entry address that
// describes e's function.
func (x *entryIndex) lookup(e *layout.Export) *entryFunc {
	cands := x.byPC[entryPC(e)]
	if len(cands) == 0 {
		return nil
	}
	want := e.Function.LinkageName
	if want == "" {
		want = layout.LastSegment(e.Function.Name)
	}
	for _, c := range cands {
		if c.name == want {
			return c
		}
	}
	if x.byNameOnly {
		return nil
	}
	for _, c := range cands {
		if len(c.params) == len(e.Function.Params) {
			return c
		}
	}
	return cands[0]
}

// limited reports whether the function of e comes from a unit with limited
// debug info, where an empty parameter list means nothing.
func (x *entryIndex) limited(ent *entryFunc, e *layout.Export) bool {
	if e.Function == nil || len(e.Function.Params) > 0 || e.Function.Result != nil {
		return false
	}
	if ent != nil && (len(ent.params) > 0 || ent.hasType) {
		return false
	}
	u, ok := x.unitOf[entryPC(e)]
	return ok && x.limitedUnits[u]
}

// match pairs the DWARF parameters of ent with those of fn, by name when
// every name is known, else by position. The result has one element per
// parameter of fn.
func (ent *entryFunc) match(fn *layout.Function) []*location {
	out := make([]*location, len(fn.Params))
	byName := map[string]*location{}
	named := true
	for _, p := range ent.params {
		if p.name == "" || byName[p.name] != nil {
			named = false
			break
		}
		byName[p.name] = p.loc
		if p.loc == nil {
			byName[p.name] = &location{kind: locNone}
		}
	}
	for _, p := range fn.Params {
		if p.Name == "" {
			named = false
		}
	}
	for i, p := range fn.Params {
		var l *location
		if named {
			l = byName[p.Name]
		} else if i < len(ent.params) {
			l = ent.params[i].loc
		}
		if l != nil && l.kind != locNone {
			out[i] = l
		}
	}
	return out
}

// entryPC is the address at which calls to e arrive.
func entryPC(e *layout.Export) uint64 {
	if e.Address != 0 {
		return e.Address
	}
	return e.Function.LowPC
}

// scanEntries reads, for every unit holding the entry address of one of the
// exports, the parameters of the subprograms starting at those addresses
// and the locations DWARF gives them there.
func scanEntries(f *ddwarf.File, exports []*layout.Export, byNameOnly bool) (*entryIndex, error) {
	x := &entryIndex{byPC: map[uint64][]*entryFunc{}, limitedUnits: map[dwarf.Offset]bool{}, unitOf: map[uint64]dwarf.Offset{}, byNameOnly: byNameOnly}
	var pcs []uint64
	want := map[uint64]bool{}
	for _, e := range exports {
		if e.Function == nil {
			continue
		}
		pc := entryPC(e)
		if (pc != 0 || byNameOnly) && !want[pc] {
			want[pc] = true
			pcs = append(pcs, pc)
		}
	}
	if len(pcs) == 0 {
		return x, nil
	}
	sort.Slice(pcs, func(i, j int) bool { return pcs[i] < pcs[j] })
	var fr *frames
	frameOf := func(expr []byte, pc uint64) frameBase {
		if fr == nil {
			fr = loadFrames(f)
		}
		return fr.base(expr, pc)
	}
	for _, u := range f.Units() {
		if err := x.scanUnit(f, u, pcs, want, frameOf); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// unitCtx is what decoding a location list needs from its unit.
type unitCtx struct {
	f         *ddwarf.File
	u         *ddwarf.Unit
	base      uint64 // DW_AT_low_pc of the unit
	locBase   int64  // DW_AT_loclists_base
	debugAddr *godwarf.DebugAddr
}

func (x *entryIndex) scanUnit(f *ddwarf.File, u *ddwarf.Unit, pcs []uint64, want map[uint64]bool,
	frameOf func(expr []byte, pc uint64) frameBase) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &ddwarf.Error{File: f.Path, Section: ".debug_info", Offset: int64(u.Offset), Err: fmt.Errorf("malformed location data: %v", r)}
		}
	}()
	r := f.Entries(u)
	cu, err := r.Next()
	if err != nil {
		return f.DecodeErr(err)
	}
	if cu == nil || (cu.Tag != dwarf.TagCompileUnit && cu.Tag != dwarf.TagPartialUnit) {
		return nil
	}
	// Skip units whose address ranges hold none of the entries; a unit
	// without ranges (or with unreadable ones) is read in full.
	if ranges, err := f.Data.Ranges(cu); err == nil && len(ranges) > 0 {
		found := false
		for _, rg := range ranges {
			i := sort.Search(len(pcs), func(i int) bool { return pcs[i] >= rg[0] })
			if i < len(pcs) && pcs[i] < rg[1] {
				found = true
				break
			}
		}
		if !found {
			return nil
		}
	}
	ctx := &unitCtx{f: f, u: u}
	ctx.base, _ = cu.Val(dwarf.AttrLowpc).(uint64)
	ctx.locBase, _ = cu.Val(dwarf.AttrLoclistsBase).(int64)
	if addrBase, ok := cu.Val(dwarf.AttrAddrBase).(int64); ok && len(f.Sections["addr"]) > 0 {
		ctx.debugAddr = godwarf.ParseAddr(f.Sections["addr"]).GetSubsection(uint64(addrBase))
	}

	var (
		depth      = 1
		cur        *entryFunc // the subprogram whose parameters are being read
		curDepth   int
		fb         frameBase
		entry      uint64
		subprogs   int
		signatures int
	)
	for {
		e, err := r.Next()
		if err != nil {
			return f.DecodeErr(err)
		}
		if e == nil {
			break
		}
		if e.Tag == 0 {
			depth--
			if cur != nil && depth <= curDepth {
				cur = nil
			}
			if depth <= 0 {
				break
			}
			continue
		}
		switch e.Tag {
		case dwarf.TagSubprogram:
			subprogs++
			if e.Val(dwarf.AttrType) != nil {
				signatures++
			}
			if pc, ok := subprogramEntry(f, e); ok && want[pc] {
				cur, curDepth, entry = &entryFunc{}, depth, pc
				cur.name, cur.hasType = subprogramName(f, e)
				fbExpr, _ := e.Val(dwarf.AttrFrameBase).([]byte)
				fb = frameOf(fbExpr, pc)
				x.byPC[pc] = append(x.byPC[pc], cur)
				x.unitOf[pc] = u.Offset
			} else if cur != nil && depth == curDepth+1 {
				cur = nil // a nested subprogram ends the parameter list
			}
		case dwarf.TagFormalParameter:
			signatures++
			if cur != nil && depth == curDepth+1 {
				p := entryParam{name: paramName(f, e)}
				p.loc = ctx.locationAt(e, entry, fb)
				cur.params = append(cur.params, p)
			}
		}
		if e.Children {
			depth++
		}
	}
	if subprogs > 0 && signatures == 0 {
		x.limitedUnits[u.Offset] = true
	}
	return nil
}

// subprogramEntry is the address a defined subprogram is entered at:
// DW_AT_entry_pc, DW_AT_low_pc, or the start of its first range.
func subprogramEntry(f *ddwarf.File, e *dwarf.Entry) (uint64, bool) {
	if pc, ok := e.Val(dwarf.AttrEntrypc).(uint64); ok {
		return pc, true
	}
	if pc, ok := e.Val(dwarf.AttrLowpc).(uint64); ok {
		return pc, true
	}
	if e.Val(dwarf.AttrRanges) == nil {
		return 0, false
	}
	rs, err := f.Data.Ranges(e)
	if err != nil || len(rs) == 0 {
		return 0, false
	}
	return rs[0][0], true
}

// subprogramName returns the linkage name (or name) of a subprogram and
// whether it has a DW_AT_type, following DW_AT_abstract_origin and
// DW_AT_specification.
func subprogramName(f *ddwarf.File, e *dwarf.Entry) (name string, typed bool) {
	for i := 0; e != nil && i < 4; i++ {
		if name == "" {
			if s, ok := e.Val(dwarf.AttrLinkageName).(string); ok {
				name = s
			}
		}
		if e.Val(dwarf.AttrType) != nil {
			typed = true
		}
		if name == "" {
			if s, ok := e.Val(dwarf.AttrName).(string); ok && originOf(e) == 0 {
				name = s
			}
		}
		off := originOf(e)
		if off == 0 {
			break
		}
		e = entryAt(f, off)
	}
	return name, typed
}

func originOf(e *dwarf.Entry) dwarf.Offset {
	if off, ok := e.Val(dwarf.AttrAbstractOrigin).(dwarf.Offset); ok {
		return off
	}
	if off, ok := e.Val(dwarf.AttrSpecification).(dwarf.Offset); ok {
		return off
	}
	return 0
}

func entryAt(f *ddwarf.File, off dwarf.Offset) *dwarf.Entry {
	r := f.Data.Reader()
	r.Seek(off)
	e, err := r.Next()
	if err != nil {
		return nil
	}
	return e
}

// paramName is the name of a formal parameter, through its abstract origin.
func paramName(f *ddwarf.File, e *dwarf.Entry) string {
	for i := 0; e != nil && i < 4; i++ {
		if s, ok := e.Val(dwarf.AttrName).(string); ok {
			return s
		}
		off := originOf(e)
		if off == 0 {
			break
		}
		e = entryAt(f, off)
	}
	return ""
}

// laterWindow is how far past the entry a location list may first describe
// a parameter for that description to stand for the entry: compilers often
// start a parameter's range after the first instruction.
const laterWindow = 16

// locationAt returns where DWARF places the parameter e at address pc, or
// nil when it does not.
func (c *unitCtx) locationAt(e *dwarf.Entry, pc uint64, fb frameBase) *location {
	field := e.AttrField(dwarf.AttrLocation)
	if field == nil {
		return nil
	}
	var expr []byte
	switch field.Class {
	case dwarf.ClassExprLoc, dwarf.ClassBlock:
		expr, _ = field.Val.([]byte)
	case dwarf.ClassLocListPtr, dwarf.ClassLocList:
		for d := uint64(0); d < laterWindow; d++ {
			expr, err := c.loclistAt(field, pc+d)
			if err != nil {
				return &location{kind: locUnknown, desc: "unreadable location list: " + err.Error()}
			}
			if expr == nil {
				continue
			}
			l := decodeLocation(expr, c.f.Arch, fb)
			if d > 0 {
				// Until its first range a value is still where the caller
				// put it, as long as that is an argument register.
				if !inArgRegs(l, c.f.Arch) {
					return nil
				}
				l.later = d
			}
			return l
		}
		return nil
	default:
		return nil
	}
	if expr == nil {
		return nil
	}
	return decodeLocation(expr, c.f.Arch, fb)
}

// inArgRegs reports whether l is in argument registers only (or in memory
// an argument register points to).
func inArgRegs(l *location, arch string) bool {
	switch l.kind {
	case locRegs:
		for _, r := range l.regs {
			if !isArgReg(r, arch) {
				return false
			}
		}
		return l.tail == nil
	case locMemory:
		return isArgReg(l.base, arch)
	}
	return false
}

func isArgReg(r, arch string) bool {
	switch arch {
	case "x86_64":
		switch r {
		case "rdi", "rsi", "rdx", "rcx", "r8", "r9":
			return true
		}
		return len(r) == 4 && strings.HasPrefix(r, "xmm") && r[3] >= '0' && r[3] <= '7'
	case "aarch64":
		r = normReg(r)
		return len(r) == 2 && (r[0] == 'x' || r[0] == 'v') && r[1] >= '0' && r[1] <= '8'
	}
	return false
}

// loclistAt returns the expression a location list gives for pc.
func (c *unitCtx) loclistAt(field *dwarf.Field, pc uint64) (expr []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			expr, err = nil, fmt.Errorf("truncated location list")
		}
	}()
	var off uint64
	switch v := field.Val.(type) {
	case int64:
		off = uint64(v)
	case uint64:
		off = v
	default:
		return nil, errors.New("unexpected form")
	}
	var rdr loclist.Reader
	if c.u.Version >= 5 {
		data := c.f.Sections["loclists"]
		if field.Class == dwarf.ClassLocList { // DW_FORM_loclistx: an index into the offset table
			width := uint64(4)
			if c.u.Is64 {
				width = 8
			}
			at := uint64(c.locBase) + off*width
			if at+width > uint64(len(data)) {
				return nil, fmt.Errorf("loclist index %d outside .debug_loclists", off)
			}
			rel := uint64(c.f.ByteOrder.Uint32(data[at:]))
			if width == 8 {
				rel = c.f.ByteOrder.Uint64(data[at:])
			}
			off = uint64(c.locBase) + rel
		}
		if off >= uint64(len(data)) {
			return nil, fmt.Errorf("offset %#x outside .debug_loclists", off)
		}
		rdr = loclist.NewDwarf5Reader(data)
	} else {
		data := c.f.Sections["loc"]
		if off >= uint64(len(data)) {
			return nil, fmt.Errorf("offset %#x outside .debug_loc", off)
		}
		rdr = loclist.NewDwarf2Reader(data, c.u.AddrSize)
	}
	ent, err := rdr.Find(int(off), 0, c.base, pc, c.debugAddr)
	if err != nil {
		return nil, err
	}
	if ent == nil {
		return nil, nil
	}
	return ent.Instr, nil
}
