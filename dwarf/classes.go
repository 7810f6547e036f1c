package dwarf

import (
	"debug/dwarf"
	"fmt"
	"strings"
)

// classSet is a set of attribute classes (DWARF 5 section 7.5.5).
type classSet uint8

const (
	classAddress classSet = 1 << iota
	// classBlock holds the block forms and exprloc: DWARF 2 and 3 encode
	// expressions as blocks.
	classBlock
	classConstant
	classFlag
	classReference
	classString
	// classSection holds offsets into other sections (sec_offset, the list
	// indexes, and data4 and data8 before DWARF 4).
	classSection
)

var classNames = []string{"address", "block", "constant", "flag", "reference", "string", "section offset"}

func (c classSet) String() string {
	var names []string
	for i, n := range classNames {
		if c&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// formClasses are the classes a value of form may belong to in a unit of
// the given version; 0 for forms this reader does not know.
func formClasses(form Form, version int) classSet {
	switch form {
	case formAddr, formAddrx, formAddrx1, formAddrx2, formAddrx3, formAddrx4, formGnuAddrIndex:
		return classAddress
	case formBlock1, formBlock2, formBlock4, formBlock, formExprloc:
		return classBlock
	case formData4, formData8:
		if version < 4 {
			return classConstant | classSection
		}
		return classConstant
	case formData1, formData2, formData16, formSdata, formUdata, formImplicitConst:
		return classConstant
	case formFlag, formFlagPresent:
		return classFlag
	case formRefAddr, formRef1, formRef2, formRef4, formRef8, formRefUdata, formRefSup4, formRefSup8, formRefSig8, formGnuRefAlt:
		return classReference
	case formString, formStrp, formLineStrp, formStrpSup, formStrx, formStrx1, formStrx2, formStrx3, formStrx4, formGnuStrpAlt, formGnuStrIndex:
		return classString
	case formSecOffset, formLoclistx, formRnglistx:
		return classSection
	}
	return 0
}

// attrRule is the DWARF name of an attribute and the classes its value may have.
type attrRule struct {
	name    string
	classes classSet
}

// attrRules are the attributes abidrift reads, with the classes DWARF 5
// allows them (Table 7.5.4), widened where older versions or real producers
// differ. Other attributes are not checked.
var attrRules = map[dwarf.Attr]attrRule{
	dwarf.AttrName:           {"name", classString},
	dwarf.AttrLinkageName:    {"linkage_name", classString},
	0x2007:                   {"MIPS_linkage_name", classString},
	dwarf.AttrProducer:       {"producer", classString},
	dwarf.AttrCompDir:        {"comp_dir", classString},
	0x76:                     {"dwo_name", classString},
	0x2130:                   {"GNU_dwo_name", classString},
	dwarf.AttrType:           {"type", classReference},
	dwarf.AttrSpecification:  {"specification", classReference},
	dwarf.AttrAbstractOrigin: {"abstract_origin", classReference},
	dwarf.AttrDiscr:          {"discr", classReference},
	dwarf.AttrContainingType: {"containing_type", classReference},
	dwarf.AttrByteSize:       {"byte_size", classConstant | classBlock | classReference},
	dwarf.AttrBitSize:        {"bit_size", classConstant | classBlock | classReference},
	dwarf.AttrBitOffset:      {"bit_offset", classConstant | classBlock | classReference},
	dwarf.AttrUpperBound:     {"upper_bound", classConstant | classBlock | classReference},
	dwarf.AttrLowerBound:     {"lower_bound", classConstant | classBlock | classReference},
	dwarf.AttrCount:          {"count", classConstant | classBlock | classReference},
	dwarf.AttrDataMemberLoc:  {"data_member_location", classConstant | classBlock | classSection},
	dwarf.AttrDataBitOffset:  {"data_bit_offset", classConstant},
	dwarf.AttrAlignment:      {"alignment", classConstant},
	dwarf.AttrEncoding:       {"encoding", classConstant},
	dwarf.AttrLanguage:       {"language", classConstant},
	dwarf.AttrDeclFile:       {"decl_file", classConstant},
	dwarf.AttrDeclLine:       {"decl_line", classConstant},
	dwarf.AttrCalling:        {"calling_convention", classConstant},
	dwarf.AttrDiscrValue:     {"discr_value", classConstant | classBlock},
	dwarf.AttrDiscrList:      {"discr_list", classBlock},
	dwarf.AttrConstValue:     {"const_value", classConstant | classBlock | classString},
	dwarf.AttrDeclaration:    {"declaration", classFlag},
	dwarf.AttrExternal:       {"external", classFlag},
	dwarf.AttrArtificial:     {"artificial", classFlag},
	dwarf.AttrNoreturn:       {"noreturn", classFlag},
	dwarf.AttrLowpc:          {"low_pc", classAddress},
	dwarf.AttrHighpc:         {"high_pc", classAddress | classConstant},
	dwarf.AttrEntrypc:        {"entry_pc", classAddress | classConstant},
	dwarf.AttrRanges:         {"ranges", classSection},
	dwarf.AttrStmtList:       {"stmt_list", classSection},
	dwarf.AttrLocation:       {"location", classBlock | classSection},
	dwarf.AttrFrameBase:      {"frame_base", classBlock | classSection},
	dwarf.AttrVtableElemLoc:  {"vtable_elem_location", classBlock | classSection},
	dwarf.AttrAddrBase:       {"addr_base", classSection},
	dwarf.AttrStrOffsetsBase: {"str_offsets_base", classSection},
	dwarf.AttrRnglistsBase:   {"rnglists_base", classSection},
	dwarf.AttrLoclistsBase:   {"loclists_base", classSection},
}

// wrongClass returns the index of the first attribute of a whose form has a
// class the attribute may not have in units of version, or -1.
func (a *abbrev) wrongClass(version int) int {
	for i, af := range a.attrs {
		if !formFits(af.Attr, af.Form, version) {
			return i
		}
	}
	return -1
}

// formFits reports whether form may encode attr: always for attributes abidrift
// does not read, and for DW_FORM_indirect, whose form is checked once known.
func formFits(attr dwarf.Attr, form Form, version int) bool {
	rule, ok := attrRules[attr]
	return !ok || form == formIndirect || formClasses(form, version)&rule.classes != 0
}

// wrongClassErr reports the entry at off, whose attr has form of a class attr may not have.
func (f *File) wrongClassErr(off int, attr dwarf.Attr, form Form) error {
	return f.errorf(".debug_info", int64(off), "attribute %s has form %v, of the wrong class (want %v)", attrName(attr), form, attrRules[attr].classes)
}

// attrName is the DWARF name of attr (DW_AT_low_pc) when abidrift knows it.
func attrName(attr dwarf.Attr) string {
	if r, ok := attrRules[attr]; ok {
		return "DW_AT_" + r.name
	}
	return fmt.Sprintf("DW_AT_%#x", uint16(attr))
}
