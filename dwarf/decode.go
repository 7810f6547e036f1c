package dwarf

import (
	"bytes"
	"debug/dwarf"
	"unsafe"
)

// Decoder decodes the entries of one indexed unit into debug/dwarf Entries,
// each value of the Go type and class debug/dwarf gives it. It allocates
// entries and fields in blocks, and its strings share the bytes of the
// string sections. A Decoder is used by one goroutine.
type Decoder struct {
	f      *File
	x      *Index
	u      *Unit
	fmt    unitFormat
	info   []byte
	little bool
	base   *unitBases
	// the sections values point into
	str, lineStr, strOffsets, addr, rnglists []byte

	// arena holds copies of the strings and blocks stored in .debug_info, so
	// that what the values point to does not keep .debug_info alive.
	arena []byte

	entries []dwarf.Entry
	fields  []dwarf.Field
	vals    valueBlocks
}

// unitBases are a DWARF 5 unit's base offsets into .debug_addr,
// .debug_str_offsets and .debug_rnglists (DW_AT_*_base of its unit entry).
type unitBases struct {
	addr, strOffsets, rnglists uint64
}

// NewDecoder returns a decoder for the entries of x.
func (f *File) NewDecoder(x *Index) *Decoder {
	s := f.Sections
	return &Decoder{f: f, x: x, u: x.Unit, fmt: x.Unit.format(), info: s["info"][:x.Unit.End],
		little: f.littleEndian(),
		str:    s["str"], lineStr: s["line_str"], strOffsets: s["str_offsets"], addr: s["addr"], rnglists: s["rnglists"]}
}

// Entry decodes entry i of the index.
func (d *Decoder) Entry(i int) (*dwarf.Entry, error) {
	if d.base == nil {
		if err := d.bases(); err != nil {
			return nil, err
		}
	}
	return d.decode(int(d.x.off[i]), d.x.abbrev(i))
}

// bases reads the unit's base offsets once.
func (d *Decoder) bases() error {
	if b := d.u.base.Load(); b != nil {
		d.base = b
		return nil
	}
	b := &unitBases{}
	if d.u.Version >= 5 && d.x.Len() > 0 {
		d.base = b // zero while the unit entry itself is read, as debug/dwarf does
		e, err := d.decode(int(d.x.off[0]), d.x.abbrev(0))
		if err != nil {
			d.base = nil
			return err
		}
		b = &unitBases{}
		if v, ok := e.Val(dwarf.AttrAddrBase).(int64); ok {
			b.addr = uint64(v)
		}
		if v, ok := e.Val(dwarf.AttrStrOffsetsBase).(int64); ok {
			b.strOffsets = uint64(v)
		}
		if v, ok := e.Val(dwarf.AttrRnglistsBase).(int64); ok {
			b.rnglists = uint64(v)
		}
	}
	d.u.base.Store(b)
	d.base = b
	return nil
}

func (d *Decoder) newEntry(nfields int) *dwarf.Entry {
	if len(d.entries) == cap(d.entries) {
		d.entries = make([]dwarf.Entry, 0, 256)
	}
	d.entries = d.entries[:len(d.entries)+1]
	e := &d.entries[len(d.entries)-1]
	if nfields == 0 {
		e.Field = noFields // debug/dwarf gives an empty, non-nil slice
	} else {
		if cap(d.fields)-len(d.fields) < nfields {
			d.fields = make([]dwarf.Field, 0, max(1024, nfields))
		}
		n := len(d.fields)
		d.fields = d.fields[:n+nfields]
		e.Field = d.fields[n : n+nfields : n+nfields]
	}
	return e
}

var noFields = []dwarf.Field{}

// valueReader reads the values of one entry.
type valueReader struct {
	d   *Decoder
	b   []byte
	off int
	err string
}

func (r *valueReader) fail(msg string) {
	if r.err == "" {
		r.err = msg
	}
	r.off = len(r.b)
}

func (r *valueReader) bytes(n uint64) []byte {
	if n > uint64(len(r.b)-r.off) {
		r.fail("value runs past the end of the unit")
		return nil
	}
	v := r.d.keep(r.b[r.off : r.off+int(n)])
	r.off += int(n)
	return v
}

// keep copies b into the arena.
func (d *Decoder) keep(b []byte) []byte {
	if len(b) > cap(d.arena)-len(d.arena) {
		if len(b) > 1024 {
			return append([]byte(nil), b...)
		}
		d.arena = make([]byte, 0, 16<<10)
	}
	at := len(d.arena)
	d.arena = append(d.arena, b...)
	return d.arena[at:len(d.arena):len(d.arena)]
}

func (r *valueReader) u8() uint64 {
	if r.off >= len(r.b) {
		r.fail("unexpected end of data")
		return 0
	}
	r.off++
	return uint64(r.b[r.off-1])
}

// fixed reads an unsigned integer of n bytes (1 to 8) in the file's byte order.
func (r *valueReader) fixed(n int) uint64 {
	if n > len(r.b)-r.off {
		r.fail("unexpected end of data")
		return 0
	}
	p := r.b[r.off : r.off+n]
	r.off += n
	return readUint(p, r.d.little)
}

// littleEndian reports whether the file's numbers are little-endian (the
// default when the format does not say).
func (f *File) littleEndian() bool {
	return f.ByteOrder == nil || f.ByteOrder.Uint16([]byte{1, 0}) == 1
}

func readUint(p []byte, little bool) uint64 {
	var v uint64
	if little {
		for i := len(p) - 1; i >= 0; i-- {
			v = v<<8 | uint64(p[i])
		}
	} else {
		for _, c := range p {
			v = v<<8 | uint64(c)
		}
	}
	return v
}

func (r *valueReader) uleb() uint64 {
	v, n := uleb128(r.b[min(r.off, len(r.b)):])
	r.advance(n)
	return v
}

func (r *valueReader) sleb() int64 {
	v, n := sleb128(r.b[min(r.off, len(r.b)):])
	r.advance(n)
	return v
}

// index reads the operand of an addrx or strx form: a ULEB128 number for
// the plain form, an integer of 1 to 4 bytes for the sized ones.
func (r *valueReader) index(form Form) uint64 {
	switch form {
	case formAddrx1, formStrx1:
		return r.fixed(1)
	case formAddrx2, formStrx2:
		return r.fixed(2)
	case formAddrx3, formStrx3:
		return r.fixed(3)
	case formAddrx4, formStrx4:
		return r.fixed(4)
	}
	return r.uleb()
}

// advance moves past n bytes just decoded; 0 means the data ended first.
func (r *valueReader) advance(n int) {
	if n == 0 {
		r.fail("unexpected end of data")
		return
	}
	r.off += n
}

// cstring returns the NUL-terminated string at off in sec, sharing its bytes.
func (r *valueReader) cstring(sec []byte, off uint64, name string) string {
	if off >= uint64(len(sec)) {
		r.fail("offset out of range of " + name)
		return ""
	}
	s := sec[off:]
	i := bytes.IndexByte(s, 0)
	if i < 0 {
		r.fail("unterminated string in " + name)
		return ""
	}
	if i == 0 {
		return ""
	}
	return unsafe.String(&s[0], i)
}

// decode reads the entry at off with abbreviation a.
func (d *Decoder) decode(off int, a *abbrev) (*dwarf.Entry, error) {
	r := valueReader{d: d, b: d.info, off: off}
	r.uleb() // the abbreviation code, already looked up
	e := d.newEntry(len(a.attrs))
	e.Offset, e.Tag, e.Children = dwarf.Offset(off), a.tag, a.children
	for i, af := range a.attrs {
		form := af.Form
		fl := &e.Field[i]
		fl.Attr = af.Attr
		if form == formIndirect {
			form = Form(r.uleb())
			for form == formIndirect && r.err == "" {
				form = Form(r.uleb())
			}
			if r.err == "" && !formFits(af.Attr, form, d.fmt.version) {
				return nil, d.f.wrongClassErr(off, af.Attr, form)
			}
		}
		fl.Class = formClass(form, af.Attr, d.fmt.version)
		fl.Val = r.value(form, af)
		if r.err != "" {
			return nil, d.f.errorf(".debug_info", int64(off), "%s", r.err)
		}
		if to, ok := fl.Val.(dwarf.Offset); ok {
			if err := d.checkRef(off, af.Attr, form, to); err != nil {
				return nil, err
			}
		}
	}
	return e, nil
}

// checkRef refuses a reference, from the entry at off, that points outside
// the unit (or, for DW_FORM_ref_addr, outside .debug_info).
func (d *Decoder) checkRef(off int, attr dwarf.Attr, form Form, to dwarf.Offset) error {
	if _, ok := attrRules[attr]; !ok {
		return nil // not followed
	}
	lo, hi, where := d.u.First, d.u.End, "the entries of its unit"
	if form == formRefAddr {
		lo, hi, where = 0, dwarf.Offset(len(d.f.Sections["info"])), ".debug_info"
	}
	if to < lo || to >= hi {
		return d.f.errorf(".debug_info", int64(off), "DW_AT_%s refers to offset %#x, outside %s", attrRules[attr].name, to, where)
	}
	return nil
}

// value reads one value of form.
func (r *valueReader) value(form Form, af AttrForm) any {
	d := r.d
	uf := d.fmt
	switch form {
	case formAddr:
		switch uf.addrSize {
		case 1, 2, 4, 8:
			return d.vals.uint64(r.fixed(uf.addrSize))
		}
		r.fail("unknown address size")
	case formAddrx, formAddrx1, formAddrx2, formAddrx3, formAddrx4:
		idx := r.index(form)
		sec := d.addr
		if sec == nil {
			r.fail("DW_FORM_addrx with no .debug_addr section")
			return nil
		}
		at := d.base.addr + idx*uint64(uf.addrSize)
		if at > uint64(len(sec)) || uint64(len(sec))-at < uint64(uf.addrSize) {
			r.fail("DW_FORM_addrx index out of range of .debug_addr")
			return nil
		}
		return d.vals.uint64(readUint(sec[at:at+uint64(uf.addrSize)], d.little))
	case formBlock1:
		return d.vals.bytes(r.bytes(r.fixed(1)))
	case formBlock2:
		return d.vals.bytes(r.bytes(r.fixed(2)))
	case formBlock4:
		return d.vals.bytes(r.bytes(r.fixed(4)))
	case formBlock, formExprloc:
		return d.vals.bytes(r.bytes(r.uleb()))
	case formData1:
		return d.vals.int64(int64(r.fixed(1)))
	case formData2:
		return d.vals.int64(int64(r.fixed(2)))
	case formData4:
		return d.vals.int64(int64(r.fixed(4)))
	case formData8:
		return d.vals.int64(int64(r.fixed(8)))
	case formData16:
		return d.vals.bytes(r.bytes(16))
	case formSdata:
		return d.vals.int64(r.sleb())
	case formUdata:
		return d.vals.int64(int64(r.uleb()))
	case formImplicitConst:
		return d.vals.int64(af.Implicit)
	case formFlag:
		return r.fixed(1) == 1
	case formFlagPresent:
		return true
	case formRefAddr:
		if uf.version == 2 {
			return d.vals.offset(dwarf.Offset(r.fixed(uf.addrSize)))
		}
		return d.vals.offset(dwarf.Offset(r.fixed(uf.offSize())))
	case formRef1:
		return d.vals.offset(dwarf.Offset(r.fixed(1)) + d.u.Offset)
	case formRef2:
		return d.vals.offset(dwarf.Offset(r.fixed(2)) + d.u.Offset)
	case formRef4:
		return d.vals.offset(dwarf.Offset(r.fixed(4)) + d.u.Offset)
	case formRef8:
		return d.vals.offset(dwarf.Offset(r.fixed(8)) + d.u.Offset)
	case formRefUdata:
		return d.vals.offset(dwarf.Offset(r.uleb()) + d.u.Offset)
	case formString, formStrp, formLineStrp, formStrx, formStrx1, formStrx2, formStrx3, formStrx4:
		str := r.str(form)
		if r.err != "" {
			return nil
		}
		return d.vals.string(str)
	case formStrpSup:
		if uf.is64 {
			return r.fixed(8)
		}
		return uint32(r.fixed(4))
	case formSecOffset, formGnuRefAlt, formGnuStrpAlt:
		return d.vals.int64(int64(r.fixed(uf.offSize())))
	case formRefSig8:
		return r.fixed(8)
	case formRefSup4:
		return uint32(r.fixed(4))
	case formRefSup8:
		return r.fixed(8)
	case formLoclistx:
		return r.uleb()
	case formRnglistx:
		idx := r.uleb()
		sec := d.rnglists
		n := uint64(uf.offSize())
		at := d.base.rnglists + idx*n
		if at > uint64(len(sec)) || uint64(len(sec))-at < n {
			r.fail("DW_FORM_rnglistx index out of range of .debug_rnglists")
			return nil
		}
		return d.base.rnglists + readUint(sec[at:at+n], d.little)
	default:
		r.fail("unknown entry attr format " + Form(form).String())
	}
	return nil
}

// str reads a value of one of the string forms.
func (r *valueReader) str(form Form) string {
	d := r.d
	uf := d.fmt
	switch form {
	case formString:
		start := r.off
		for r.off < len(r.b) && r.b[r.off] != 0 {
			r.off++
		}
		if r.off >= len(r.b) {
			r.fail("unterminated string")
			return ""
		}
		r.off++
		if r.off-1 == start {
			return ""
		}
		b := d.keep(r.b[start : r.off-1])
		return unsafe.String(&b[0], len(b))
	case formStrp:
		return r.cstring(d.str, r.fixed(uf.offSize()), ".debug_str")
	case formLineStrp:
		off := r.fixed(uf.offSize())
		sec := d.lineStr
		if len(sec) == 0 {
			r.fail("DW_FORM_line_strp with no .debug_line_str section")
			return ""
		}
		return r.cstring(sec, off, ".debug_line_str")
	case formStrx, formStrx1, formStrx2, formStrx3, formStrx4:
		idx := r.index(form)
		offs := d.strOffsets
		if len(offs) == 0 {
			r.fail("DW_FORM_strx with no .debug_str_offsets section")
			return ""
		}
		n := uint64(uf.offSize())
		at := d.base.strOffsets + idx*n
		if at > uint64(len(offs)) || uint64(len(offs))-at < n {
			r.fail("DW_FORM_strx index out of range of .debug_str_offsets")
			return ""
		}
		return r.cstring(d.str, readUint(offs[at:at+n], d.little), ".debug_str")
	}
	return ""
}

// formClass is the class debug/dwarf gives a value of form for attr.
func formClass(form Form, attr dwarf.Attr, version int) dwarf.Class {
	switch form {
	case formAddr, formAddrx, formAddrx1, formAddrx2, formAddrx3, formAddrx4:
		return dwarf.ClassAddress
	case formBlock1, formBlock2, formBlock4, formBlock:
		if attrIsExprloc(attr) {
			return dwarf.ClassExprLoc
		}
		return dwarf.ClassBlock
	case formData1, formData2, formData4, formData8, formSdata, formUdata, formData16, formImplicitConst:
		if c, ok := attrPtrClass(attr); ok && version < 4 {
			return c
		}
		return dwarf.ClassConstant
	case formFlag, formFlagPresent:
		return dwarf.ClassFlag
	case formRefAddr, formRef1, formRef2, formRef4, formRef8, formRefUdata, formRefSup4, formRefSup8:
		return dwarf.ClassReference
	case formRefSig8:
		return dwarf.ClassReferenceSig
	case formString, formStrp, formStrx, formStrpSup, formLineStrp, formStrx1, formStrx2, formStrx3, formStrx4:
		return dwarf.ClassString
	case formSecOffset:
		if c, ok := attrPtrClass(attr); ok {
			return c
		}
		return dwarf.ClassUnknown
	case formExprloc:
		return dwarf.ClassExprLoc
	case formGnuRefAlt:
		return dwarf.ClassReferenceAlt
	case formGnuStrpAlt:
		return dwarf.ClassStringAlt
	case formLoclistx:
		return dwarf.ClassLocList
	case formRnglistx:
		return dwarf.ClassRngList
	}
	return dwarf.ClassUnknown
}

func attrIsExprloc(a dwarf.Attr) bool {
	switch a {
	case dwarf.AttrLocation, dwarf.AttrByteSize, dwarf.AttrBitOffset, dwarf.AttrBitSize, dwarf.AttrStringLength,
		dwarf.AttrLowerBound, dwarf.AttrReturnAddr, dwarf.AttrStrideSize, dwarf.AttrUpperBound, dwarf.AttrCount,
		dwarf.AttrDataMemberLoc, dwarf.AttrFrameBase, dwarf.AttrSegment, dwarf.AttrStaticLink, dwarf.AttrUseLocation,
		dwarf.AttrVtableElemLoc, dwarf.AttrAllocated, dwarf.AttrAssociated, dwarf.AttrDataLocation, dwarf.AttrStride:
		return true
	}
	return false
}

func attrPtrClass(a dwarf.Attr) (dwarf.Class, bool) {
	switch a {
	case dwarf.AttrLocation, dwarf.AttrStringLength, dwarf.AttrReturnAddr, dwarf.AttrDataMemberLoc, dwarf.AttrFrameBase,
		dwarf.AttrSegment, dwarf.AttrStaticLink, dwarf.AttrUseLocation, dwarf.AttrVtableElemLoc, dwarf.AttrLoclistsBase:
		return dwarf.ClassLocListPtr, true
	case dwarf.AttrStmtList:
		return dwarf.ClassLinePtr, true
	case dwarf.AttrStartScope, dwarf.AttrRanges:
		return dwarf.ClassRangeListPtr, true
	case dwarf.AttrMacroInfo:
		return dwarf.ClassMacPtr, true
	case dwarf.AttrStrOffsetsBase:
		return dwarf.ClassStrOffsetsPtr, true
	case dwarf.AttrAddrBase:
		return dwarf.ClassAddrPtr, true
	case dwarf.AttrRnglistsBase:
		return dwarf.ClassRngListsPtr, true
	}
	return 0, false
}

// locate positions a value reader at the value of attr in entry i; ok is
// false when the entry has no such attribute (or cannot be read).
func (d *Decoder) locate(i int, attr dwarf.Attr) (r valueReader, form Form, af AttrForm, ok bool) {
	a := d.x.abbrev(i)
	k := -1
	for j := range a.attrs {
		if a.attrs[j].Attr == attr {
			k = j
			break
		}
	}
	if k < 0 {
		return r, 0, af, false
	}
	if d.base == nil {
		if err := d.bases(); err != nil {
			return r, 0, af, false
		}
	}
	r = valueReader{d: d, b: d.info, off: int(d.x.off[i])}
	r.uleb()
	p := a.plan(d.fmt)
	if at := p.at[k]; at >= 0 {
		r.off += int(at) // every value before it has a fixed size
	} else {
		s := scanner{f: d.f, b: d.info, fmt: d.fmt}
		for j := 0; j < k; j++ {
			s.off = r.off
			s.skipForm(a.attrs[j].Form)
			if s.err != nil {
				return r, 0, af, false
			}
			r.off = s.off
		}
	}
	af = a.attrs[k]
	form = af.Form
	for form == formIndirect && r.err == "" {
		form = Form(r.uleb())
	}
	return r, form, af, r.err == ""
}

// Val returns the value of attr in entry i as Entry.Val(attr) gives it,
// decoding that attribute only, with the checks Entry makes; nil, without
// error, when the entry has none.
func (d *Decoder) Val(i int, attr dwarf.Attr) (any, error) {
	v, _, err := d.attrValue(i, attr)
	return v, err
}

// Const returns the constant value of attr in entry i with its form, so
// that it can be interpreted exactly (Const.Int); an attribute that is not a
// constant is an error.
func (d *Decoder) Const(i int, attr dwarf.Attr) (Const, bool, error) {
	v, form, err := d.attrValue(i, attr)
	if v == nil || err != nil {
		return Const{}, false, err
	}
	c := Const{Form: form}
	switch v := v.(type) {
	case int64:
		c.Raw = v
	case uint64:
		c.Raw = int64(v)
	case []byte:
		c.Bytes = v
	default:
		return Const{}, false, d.f.errorf(".debug_info", int64(d.x.off[i]), "attribute %v has form %v of the wrong class", attr, form)
	}
	return c, true, nil
}

// attrValue decodes attr of entry i, refusing what decode refuses: an
// indirect form of the wrong class, a reference outside the unit.
func (d *Decoder) attrValue(i int, attr dwarf.Attr) (any, Form, error) {
	r, form, af, ok := d.locate(i, attr)
	if !ok {
		if !d.Has(i, attr) {
			return nil, 0, nil
		}
		return nil, 0, d.attrError(i, attr, r.err)
	}
	off := int(d.x.off[i])
	if af.Form == formIndirect && !formFits(attr, form, d.fmt.version) {
		return nil, 0, d.f.wrongClassErr(off, attr, form)
	}
	v := r.value(form, af)
	if r.err != "" {
		return nil, 0, d.attrError(i, attr, r.err)
	}
	if to, ok := v.(dwarf.Offset); ok {
		if err := d.checkRef(off, attr, form, to); err != nil {
			return nil, 0, err
		}
	}
	return v, form, nil
}

func (d *Decoder) attrError(i int, attr dwarf.Attr, msg string) error {
	if msg == "" {
		msg = "cannot be read"
	}
	return d.f.errorf(".debug_info", int64(d.x.off[i]), "attribute %s: %s", attrName(attr), msg)
}

// String returns the value of attr in entry i when it is a string, as
// Entry.Val(attr).(string) would, without decoding the entry.
func (d *Decoder) String(i int, attr dwarf.Attr) (string, bool) {
	r, form, _, ok := d.locate(i, attr)
	if !ok {
		return "", false
	}
	switch form {
	case formString, formStrp, formLineStrp, formStrx, formStrx1, formStrx2, formStrx3, formStrx4:
		s := r.str(form)
		return s, r.err == ""
	}
	return "", false
}

// Int returns the value of attr in entry i when it is an int64, as
// Entry.Val(attr).(int64) would, without decoding the entry.
func (d *Decoder) Int(i int, attr dwarf.Attr) (int64, bool) {
	r, form, af, ok := d.locate(i, attr)
	if !ok {
		return 0, false
	}
	var v int64
	switch form {
	case formData1:
		v = int64(r.fixed(1))
	case formData2:
		v = int64(r.fixed(2))
	case formData4:
		v = int64(r.fixed(4))
	case formData8:
		v = int64(r.fixed(8))
	case formSdata:
		v = r.sleb()
	case formUdata:
		v = int64(r.uleb())
	case formImplicitConst:
		v = af.Implicit
	case formSecOffset, formGnuRefAlt, formGnuStrpAlt:
		v = int64(r.fixed(d.fmt.offSize()))
	default:
		return 0, false
	}
	return v, r.err == ""
}

// Addr returns the value of attr in entry i when it is an address (an addr
// or addrx form), as Entry.Val(attr).(uint64) would, without decoding the
// entry.
func (d *Decoder) Addr(i int, attr dwarf.Attr) (uint64, bool) {
	r, form, af, ok := d.locate(i, attr)
	if !ok {
		return 0, false
	}
	switch form {
	case formAddr, formAddrx, formAddrx1, formAddrx2, formAddrx3, formAddrx4:
		v, ok := r.value(form, af).(uint64)
		return v, ok && r.err == ""
	}
	return 0, false
}

// Flag returns the value of attr in entry i when it is a bool, as
// Entry.Val(attr).(bool) would, without decoding the entry.
func (d *Decoder) Flag(i int, attr dwarf.Attr) (bool, bool) {
	r, form, _, ok := d.locate(i, attr)
	if !ok {
		return false, false
	}
	switch form {
	case formFlag:
		v := r.fixed(1) == 1
		return v, r.err == ""
	case formFlagPresent:
		return true, true
	}
	return false, false
}

// Has reports whether entry i has attr.
func (d *Decoder) Has(i int, attr dwarf.Attr) bool {
	for _, af := range d.x.abbrev(i).attrs {
		if af.Attr == attr {
			return true
		}
	}
	return false
}

// End returns the offset just past entry i and its children, including the
// null entry that ends them: where the entry after i's subtree (or the null
// entry ending i's siblings) starts.
func (d *Decoder) End(i int) (dwarf.Offset, error) {
	s := scanner{f: d.f, b: d.info, off: int(d.x.off[i]), fmt: d.fmt}
	depth := 0
	for {
		code := s.uleb()
		if s.err != nil {
			break
		}
		if code == 0 {
			depth--
		} else {
			a := d.u.abbrev(code)
			if a == nil {
				s.fail("unknown abbreviation code %d", code)
				break
			}
			s.skip(a)
			if a.children {
				depth++
			}
		}
		if depth <= 0 || s.off >= len(s.b) {
			break
		}
	}
	if s.err != nil {
		return 0, d.f.errorf(".debug_info", int64(s.errAt), "%v", s.err)
	}
	return dwarf.Offset(s.off), nil
}
