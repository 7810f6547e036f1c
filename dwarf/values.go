package dwarf

import (
	"debug/dwarf"
	"unsafe"
)

// Value is one attribute value of an entry as it is encoded: what
// Decoder.Values gives, to compare what entries say without decoding them
// into Go values.
type Value struct {
	Attr dwarf.Attr
	Form Form
	// Ref is the offset an in-unit reference (DW_FORM_ref1 to ref_udata)
	// points to, with IsRef set. Other references (ref_addr, ref_sig8, the
	// supplementary forms) come as Raw bytes.
	Ref   dwarf.Offset
	IsRef bool
	// Str is the value of a string form, sharing the section's bytes, with
	// IsStr set.
	Str   string
	IsStr bool
	// Raw holds the encoded bytes of any other form; Implicit the value of
	// a DW_FORM_implicit_const.
	Raw      []byte
	Implicit int64
	// Elsewhere is set when Raw only points at the value: an offset or
	// index into another section, unit or file (ref_addr, ref_sig8,
	// sec_offset, the index and supplementary forms), whose bytes equal in
	// two files say nothing of what they point at.
	Elsewhere bool
}

// Values returns an iterator over the attribute values of entry i, in the
// order of its abbreviation.
func (d *Decoder) Values(i int) Values {
	it := Values{d: d, attrs: d.x.abbrev(i).attrs, entry: int(d.x.off[i])}
	if d.base == nil {
		if err := d.bases(); err != nil {
			it.err, it.attrs = err, nil
		}
	}
	it.r = valueReader{d: d, b: d.info, off: it.entry}
	it.r.uleb() // the abbreviation code, already looked up
	return it
}

// Values iterates over the attribute values of one entry (Decoder.Values).
type Values struct {
	d     *Decoder
	attrs []AttrForm
	entry int
	r     valueReader
	err   error
}

// Next reads the next value into v; false at the end or on an error (Err).
func (it *Values) Next(v *Value) bool {
	if len(it.attrs) == 0 || it.err != nil {
		return false
	}
	af := it.attrs[0]
	it.attrs = it.attrs[1:]
	d, r := it.d, &it.r
	form := af.Form
	for form == formIndirect && r.err == "" {
		form = Form(r.uleb())
	}
	*v = Value{Attr: af.Attr, Form: form}
	start := r.off
	switch form {
	case formRef1, formRef2, formRef4, formRef8:
		v.Ref, v.IsRef = dwarf.Offset(r.fixed(d.fmt.fixedSize(form)))+d.u.Offset, true
	case formRefUdata:
		v.Ref, v.IsRef = dwarf.Offset(r.uleb())+d.u.Offset, true
	case formString:
		if end := it.skip(form); r.err == "" && end-1 > start {
			v.Str = unsafe.String(&d.info[start], end-1-start)
		}
		v.IsStr = true
	case formStrp, formLineStrp, formStrx, formStrx1, formStrx2, formStrx3, formStrx4:
		v.Str, v.IsStr = r.str(form), true
	case formImplicitConst:
		v.Implicit = af.Implicit
	default:
		v.Raw = d.info[start:it.skip(form)]
		v.Elsewhere = pointsElsewhere(form)
	}
	if r.err != "" {
		it.err = d.f.errorf(".debug_info", int64(it.entry), "attribute %s: %s", attrName(af.Attr), r.err)
		return false
	}
	return true
}

// skip moves past the value of form, returning where it ends.
func (it *Values) skip(form Form) int {
	d, r := it.d, &it.r
	if n := d.fmt.fixedSize(form); n >= 0 && n <= len(d.info)-r.off {
		r.off += n
		return r.off
	}
	s := scanner{f: d.f, b: d.info, fmt: d.fmt, off: r.off}
	s.skipForm(form)
	if s.err != nil {
		r.fail(s.err.Error())
		return r.off
	}
	r.off = s.off
	return s.off
}

// Err is the error that ended the iteration, if any.
func (it *Values) Err() error { return it.err }

// pointsElsewhere reports the forms whose encoded value is an offset or
// index into another section, unit or file.
func pointsElsewhere(form Form) bool {
	switch form {
	case formRefAddr, formRefSig8, formRefSup4, formRefSup8, formGnuRefAlt, formStrpSup, formGnuStrpAlt,
		formSecOffset, formLoclistx, formRnglistx, formAddrx, formAddrx1, formAddrx2, formAddrx3, formAddrx4,
		formGnuAddrIndex, formGnuStrIndex:
		return true
	}
	return false
}
