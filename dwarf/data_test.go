package dwarf

import (
	"debug/elf"
	"reflect"
	"slices"
	"testing"
)

// TestDataReaderDynamic checks Pointers against the relocations debug/elf
// reads from two diff fixtures: a dylib, whose vtables point to exported
// functions by symbol (R_X86_64_64), and a cdylib, whose vtables point to
// local functions by address (R_X86_64_RELATIVE).
func TestDataReaderDynamic(t *testing.T) {
	for _, path := range []string{"../testdata/diff/bin/rs_vtable_order.dylib-legacy.old.so", "../testdata/diff/bin/rs_vtable_order.old.so"} {
		t.Run(path, func(t *testing.T) {
			f, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			d, err := f.DataReader()
			if err != nil {
				t.Fatal(err)
			}
			e := f.ELF
			dyn, _ := e.DynamicSymbols()
			syms, _ := e.Symbols()
			funcAt := map[uint64][]string{}
			for _, s := range syms {
				if elf.ST_TYPE(s.Info) == elf.STT_FUNC && s.Value != 0 {
					funcAt[s.Value] = append(funcAt[s.Value], s.Name)
				}
			}
			rela := e.Section(".rela.dyn")
			if rela == nil {
				t.Fatal("no .rela.dyn")
			}
			data, err := rela.Data()
			if err != nil {
				t.Fatal(err)
			}
			checked := map[elf.R_X86_64]int{}
			var spans []Span     // the words checked one by one, read again at once
			var single []Pointer // what Pointers gave for each
			for off := 0; off+24 <= len(data); off += 24 {
				at := e.ByteOrder.Uint64(data[off:])
				info := e.ByteOrder.Uint64(data[off+8:])
				addend := e.ByteOrder.Uint64(data[off+16:])
				typ, sym := elf.R_X86_64(uint32(info)), info>>32
				var want string
				switch {
				case typ == elf.R_X86_64_64 && sym > 0 && elf.ST_TYPE(dyn[sym-1].Info) == elf.STT_FUNC:
					want = dyn[sym-1].Name
				case typ == elf.R_X86_64_RELATIVE && len(funcAt[addend]) > 0:
					want = funcAt[addend][0]
				default:
					continue
				}
				ps, err := d.Pointers(at, 1)
				if err != nil {
					t.Fatalf("%#x: %v", at, err)
				}
				if !ps[0].Reloc || !slices.Contains(ps[0].Symbols, want) {
					t.Errorf("%#x (%s): got %+v, want a relocated pointer to %s", at, typ, ps[0], want)
				}
				if typ == elf.R_X86_64_RELATIVE && ps[0].Value != addend {
					t.Errorf("%#x: value %#x, want the addend %#x", at, ps[0].Value, addend)
				}
				checked[typ]++
				spans, single = append(spans, Span{at, 1}), append(single, ps[0])
			}
			// Read together, with a span no section holds in the middle: the
			// same words, and an error for that span alone.
			bad := len(spans) / 2
			spans = slices.Insert(spans, bad, Span{0xfffffff0, 1})
			out, errs := d.PointersAt(spans)
			for i := range spans {
				k := i // in single
				if i > bad {
					k--
				}
				switch {
				case i == bad:
					if errs[i] == nil || out[i] != nil {
						t.Errorf("span %d at no section: %v, %v; want an error", i, out[i], errs[i])
					}
				case errs[i] != nil || len(out[i]) != 1 || !reflect.DeepEqual(out[i][0], single[k]):
					t.Errorf("span %d (%#x) read at once: %+v, %v; want %+v", i, spans[i].Addr, out[i], errs[i], single[k])
				}
			}
			if checked[elf.R_X86_64_64]+checked[elf.R_X86_64_RELATIVE] < 4 {
				t.Errorf("only %v function pointers checked", checked)
			}
			if _, err := d.Pointers(0xfffffff0, 1); err == nil {
				t.Error("no error for an address no section holds")
			}
			if _, err := d.SectionPointers(1, 0, 1); err == nil {
				t.Error("SectionPointers accepted a linked file")
			}
			if _, _, ok, err := d.DebugTarget(".debug_info", 0, 1<<40); ok || err != nil {
				t.Errorf("DebugTarget on a linked file: %v, %v", ok, err)
			}
		})
	}
}
