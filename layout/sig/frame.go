package sig

import (
	"debug/elf"

	"github.com/go-delve/delve/pkg/dwarf/frame"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// frameBase turns a DW_OP_fbreg offset into an offset from the caller's
// stack pointer (where stack arguments start); ok is false when that cannot
// be known.
type frameBase func(off int64) (stackOff int64, ok bool)

// frames holds the call-frame information of a file, to relate a frame
// base register to the caller's stack pointer.
type frames struct {
	fdes frame.FrameDescriptionEntries
}

// loadFrames parses .eh_frame and .debug_frame of f; a file without them, or
// with unreadable ones, gives an empty table.
func loadFrames(f *ddwarf.File) (fr *frames) {
	fr = &frames{}
	defer func() {
		if recover() != nil {
			fr = &frames{}
		}
	}()
	if f.ELF != nil {
		if s := f.ELF.Section(".eh_frame"); s != nil && s.Type != elf.SHT_NOBITS && s.Addr != 0 {
			if data, err := s.Data(); err == nil {
				if fdes, err := frame.Parse(data, f.ByteOrder, 0, f.PtrSize, s.Addr); err == nil {
					fr.fdes = fr.fdes.Append(fdes)
				}
			}
		}
	}
	if data := f.Sections["frame"]; len(data) > 0 {
		if fdes, err := frame.Parse(data, f.ByteOrder, 0, f.PtrSize, 0); err == nil {
			fr.fdes = fr.fdes.Append(fdes)
		}
	}
	return fr
}

// base returns the frameBase of a subprogram entered at pc whose
// DW_AT_frame_base expression is expr.
func (fr *frames) base(expr []byte, pc uint64) frameBase {
	if len(expr) == 1 && expr[0] == opCallCFA {
		// The CFA is the caller's stack pointer at the call.
		return func(off int64) (int64, bool) { return off, true }
	}
	var reg uint64
	switch {
	case len(expr) == 1 && expr[0] >= opReg0 && expr[0] <= opReg31:
		reg = uint64(expr[0] - opReg0)
	default:
		return func(int64) (int64, bool) { return 0, false }
	}
	cfaOff, ok := fr.bodyCFAOffset(pc, reg)
	return func(off int64) (int64, bool) {
		if !ok {
			return 0, false
		}
		return off - cfaOff, true
	}
}

// bodyCFAOffset returns N such that CFA = reg + N in the body of the
// function entered at pc: the largest such offset over the function (the
// prologue grows it, epilogues shrink it). ok is false when no rule of the
// function's FDE is based on reg.
func (fr *frames) bodyCFAOffset(pc uint64, reg uint64) (n int64, ok bool) {
	defer func() {
		if recover() != nil {
			n, ok = 0, false
		}
	}()
	if fr == nil || len(fr.fdes) == 0 {
		return 0, false
	}
	fde, err := fr.fdes.FDEForPC(pc)
	if err != nil {
		return 0, false
	}
	end := min(fde.End(), fde.Begin()+4096)
	for a := fde.Begin(); a < end; a++ {
		fc, err := fde.EstablishFrame(a)
		if err != nil {
			return 0, false
		}
		if fc.CFA.Rule == frame.RuleCFA && fc.CFA.Reg == reg && (!ok || fc.CFA.Offset > n) {
			n, ok = fc.CFA.Offset, true
		}
	}
	return n, ok
}
