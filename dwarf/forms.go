package dwarf

import (
	"encoding/binary"
	"fmt"
	"math/big"
)

// Form is a DWARF attribute form (DW_FORM_*).
type Form uint16

// The forms whose encoding matters when interpreting constants.
const (
	FormBlock2        Form = 0x03
	FormBlock4        Form = 0x04
	FormData2         Form = 0x05
	FormData4         Form = 0x06
	FormData8         Form = 0x07
	FormBlock         Form = 0x09
	FormBlock1        Form = 0x0a
	FormData1         Form = 0x0b
	FormSdata         Form = 0x0d
	FormUdata         Form = 0x0f
	FormImplicitConst Form = 0x21
	FormData16        Form = 0x1e
)

var formNames = map[Form]string{
	FormBlock2: "block2", FormBlock4: "block4", FormData2: "data2", FormData4: "data4", FormData8: "data8",
	FormBlock: "block", FormBlock1: "block1", FormData1: "data1", FormSdata: "sdata", FormUdata: "udata",
	FormImplicitConst: "implicit_const", FormData16: "data16",
	formAddr: "addr", formString: "string", formFlag: "flag", formStrp: "strp", formRefAddr: "ref_addr",
	formRef1: "ref1", formRef2: "ref2", formRef4: "ref4", formRef8: "ref8", formRefUdata: "ref_udata",
	formIndirect: "indirect", formSecOffset: "sec_offset", formExprloc: "exprloc", formFlagPresent: "flag_present",
	formStrx: "strx", formAddrx: "addrx", formRefSup4: "ref_sup4", formStrpSup: "strp_sup", formLineStrp: "line_strp",
	formRefSig8: "ref_sig8", formLoclistx: "loclistx", formRnglistx: "rnglistx", formRefSup8: "ref_sup8",
	formStrx1: "strx1", formStrx2: "strx2", formStrx3: "strx3", formStrx4: "strx4",
	formAddrx1: "addrx1", formAddrx2: "addrx2", formAddrx3: "addrx3", formAddrx4: "addrx4",
	formGnuAddrIndex: "GNU_addr_index", formGnuStrIndex: "GNU_str_index", formGnuRefAlt: "GNU_ref_alt", formGnuStrpAlt: "GNU_strp_alt",
}

func (f Form) String() string {
	if s, ok := formNames[f]; ok {
		return "DW_FORM_" + s
	}
	return fmt.Sprintf("DW_FORM_%#x", uint16(f))
}

// width is the number of significant bytes a fixed-size data form carries,
// or 8 for forms whose value is already a full 64-bit integer.
func (f Form) width() int {
	switch f {
	case FormData1:
		return 1
	case FormData2:
		return 2
	case FormData4:
		return 4
	}
	return 8
}

// Const is a constant attribute value together with its form, so that it can
// be interpreted exactly for a type of known size and signedness.
type Const struct {
	Form  Form
	Raw   int64  // for data, sdata, udata and implicit_const forms
	Bytes []byte // for block and data16 forms, in target byte order
}

// Int interprets c as an integer of size bytes with the given signedness.
// Fixed-size data forms are extended from their own width, so data1 0xfb is
// -5 for a signed type and 251 for an unsigned one.
func (c Const) Int(size int, signed bool, bo binary.ByteOrder) *big.Int {
	if size <= 0 || size > 16 {
		size = 8
	}
	var v *big.Int
	if c.Bytes != nil {
		b := append([]byte(nil), c.Bytes...)
		if bo == binary.LittleEndian {
			for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
				b[i], b[j] = b[j], b[i]
			}
		}
		v = new(big.Int).SetBytes(b)
		return truncate(v, min(len(c.Bytes), size), signed)
	}
	w := min(c.Form.width(), size)
	v = new(big.Int).SetUint64(uint64(c.Raw))
	if c.Form == FormSdata || c.Form == FormImplicitConst {
		if c.Raw < 0 && (size > 8 || signed) {
			return truncate(big.NewInt(c.Raw), size, signed)
		}
	}
	return truncate(v, w, signed)
}

// truncate keeps the low width bytes of v and reads them as signed or unsigned.
func truncate(v *big.Int, width int, signed bool) *big.Int {
	bits := uint(width * 8)
	mod := new(big.Int).Lsh(big.NewInt(1), bits)
	v = new(big.Int).Mod(v, mod)
	if signed && v.Bit(int(bits)-1) == 1 {
		v.Sub(v, mod)
	}
	return v
}
