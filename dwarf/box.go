package dwarf

import (
	"debug/dwarf"
	"unsafe"
)

// Boxing a value in an interface allocates it on its own. A Decoder instead
// stores the values of the entries it decodes in blocks and makes the
// interfaces point into them, as the runtime itself would point at a
// single-value allocation: an empty interface is a type word and a pointer
// to the value, for every type that is not pointer-shaped. The values are
// never written again, so the interfaces behave as ordinary ones (type
// assertions, comparisons, reflection); the blocks stay alive as long as an
// interface points into them.

type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

func typeWord(v any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&v)).typ }

var (
	int64Type  = typeWord(int64(0))
	uint64Type = typeWord(uint64(0))
	offType    = typeWord(dwarf.Offset(0))
	stringType = typeWord("")
	bytesType  = typeWord([]byte(nil))
)

// valueBlocks holds the values of decoded entries.
type valueBlocks struct {
	words   []uint64
	strs    []string
	slices  [][]byte
	offsets []dwarf.Offset
}

func makeIface(typ, data unsafe.Pointer) any {
	var v any
	e := (*eface)(unsafe.Pointer(&v))
	e.typ, e.data = typ, data
	return v
}

func (b *valueBlocks) int64(v int64) any {
	if len(b.words) == cap(b.words) {
		b.words = make([]uint64, 0, 512)
	}
	b.words = append(b.words, uint64(v))
	return makeIface(int64Type, unsafe.Pointer(&b.words[len(b.words)-1]))
}

func (b *valueBlocks) uint64(v uint64) any {
	if len(b.words) == cap(b.words) {
		b.words = make([]uint64, 0, 512)
	}
	b.words = append(b.words, v)
	return makeIface(uint64Type, unsafe.Pointer(&b.words[len(b.words)-1]))
}

func (b *valueBlocks) offset(v dwarf.Offset) any {
	if len(b.offsets) == cap(b.offsets) {
		b.offsets = make([]dwarf.Offset, 0, 1024)
	}
	b.offsets = append(b.offsets, v)
	return makeIface(offType, unsafe.Pointer(&b.offsets[len(b.offsets)-1]))
}

func (b *valueBlocks) string(v string) any {
	if len(b.strs) == cap(b.strs) {
		b.strs = make([]string, 0, 256)
	}
	b.strs = append(b.strs, v)
	return makeIface(stringType, unsafe.Pointer(&b.strs[len(b.strs)-1]))
}

func (b *valueBlocks) bytes(v []byte) any {
	if v == nil {
		return []byte(nil)
	}
	if len(b.slices) == cap(b.slices) {
		b.slices = make([][]byte, 0, 128)
	}
	b.slices = append(b.slices, v)
	return makeIface(bytesType, unsafe.Pointer(&b.slices[len(b.slices)-1]))
}
