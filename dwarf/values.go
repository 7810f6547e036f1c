package dwarf

import (
	"debug/dwarf"
	"unsafe"
)

// Value is one attribute value of an entry as it is encoded: what
// Decoder.EachValue gives, to compare what entries say without decoding
// them into Go values.
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

// EachValue calls fn with each attribute value of entry i, in the order of
// its abbreviation. fn must not keep v.
func (d *Decoder) EachValue(i int, fn func(v *Value)) error {
	if d.base == nil {
		if err := d.bases(); err != nil {
			return err
		}
	}
	off := int(d.x.off[i])
	r := valueReader{d: d, b: d.info, off: off}
	r.uleb() // the abbreviation code, already looked up
	s := scanner{f: d.f, b: d.info, fmt: d.fmt}
	var v Value
	for _, af := range d.x.abbr[i].attrs {
		form := af.Form
		for form == formIndirect && r.err == "" {
			form = Form(r.uleb())
		}
		v = Value{Attr: af.Attr, Form: form}
		start := r.off
		switch form {
		case formRef1, formRef2, formRef4, formRef8:
			v.Ref, v.IsRef = dwarf.Offset(r.fixed(d.fmt.fixedSize(form)))+d.u.Offset, true
		case formRefUdata:
			v.Ref, v.IsRef = dwarf.Offset(r.uleb())+d.u.Offset, true
		case formString:
			s.off = r.off
			s.skipForm(form)
			if s.err == nil && s.off-1 > start {
				v.Str = unsafe.String(&d.info[start], s.off-1-start)
			}
			v.IsStr, r.off = true, s.off
		case formStrp, formLineStrp, formStrx, formStrx1, formStrx2, formStrx3, formStrx4:
			v.Str, v.IsStr = r.str(form), true
		case formImplicitConst:
			v.Implicit = af.Implicit
		default:
			s.off = r.off
			s.skipForm(form)
			v.Raw, r.off = d.info[start:min(s.off, len(d.info))], s.off
			v.Elsewhere = pointsElsewhere(form)
		}
		if s.err != nil {
			r.fail(s.err.Error())
		}
		if r.err != "" {
			return d.f.errorf(".debug_info", int64(off), "attribute %s: %s", attrName(af.Attr), r.err)
		}
		fn(&v)
	}
	return nil
}

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
