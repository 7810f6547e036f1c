package dwarf

import (
	"debug/dwarf"
	"fmt"
	"math/bits"
	"sync"
)

// Index is the shape of one unit: the offset, abbreviation and place in the
// tree of every entry, found by skipping over attribute values without
// decoding them. Entries are numbered in file (pre-)order from 0, the unit
// entry; null entries that end sibling lists are not counted. Decode one
// entry's attributes with a Decoder.
type Index struct {
	Unit *Unit
	off  []dwarf.Offset
	// abbr holds the ord of each entry's abbreviation in abbrevs, the
	// unit's: numbers, which the garbage collector need not scan.
	abbr    []uint32
	abbrevs []*abbrev
	// parent is the index of the parent entry, -1 for the unit entry; end is
	// one past the index of the last descendant.
	parent, end []int32
	// starts has a bit for each byte from the first entry on, set where an
	// entry starts; rank[w] counts the entries before word w. Find is then
	// a lookup. They are made on the first Find (passes that only walk the
	// entries never need them).
	starts []uint64
	rank   []int32
	ranked sync.Once
}

// Len is the number of entries.
func (x *Index) Len() int { return len(x.off) }

// Offset is the offset of entry i in .debug_info.
func (x *Index) Offset(i int) dwarf.Offset { return x.off[i] }

// Tag is the tag of entry i.
func (x *Index) Tag(i int) dwarf.Tag { return x.abbrev(i).tag }

// abbrev is the abbreviation of entry i.
func (x *Index) abbrev(i int) *abbrev { return x.abbrevs[x.abbr[i]] }

// HasChildren reports whether the abbreviation of entry i says it has children.
func (x *Index) HasChildren(i int) bool { return x.abbrev(i).children }

// Parent is the index of the parent of entry i, -1 for the unit entry.
func (x *Index) Parent(i int) int { return int(x.parent[i]) }

// FirstChild is the index of the first child of i, or -1.
func (x *Index) FirstChild(i int) int {
	if i+1 < int(x.end[i]) {
		return i + 1
	}
	return -1
}

// SubtreeEnd is one past the index of the last descendant of i: the entries
// of i's subtree are i to SubtreeEnd(i)-1.
func (x *Index) SubtreeEnd(i int) int { return int(x.end[i]) }

// NextSibling is the index of the sibling after i, or -1.
func (x *Index) NextSibling(i int) int {
	j := int(x.end[i])
	if j < len(x.off) && x.parent[j] == x.parent[i] {
		return j
	}
	return -1
}

// Find returns the index of the entry at off, or -1.
func (x *Index) Find(off dwarf.Offset) int {
	if len(x.off) == 0 || off < x.off[0] {
		return -1
	}
	x.ranked.Do(x.rankStarts)
	rel := uint64(off - x.off[0])
	w := rel / 64
	if w >= uint64(len(x.starts)) {
		return -1
	}
	word, bit := x.starts[w], uint64(1)<<(rel%64)
	if word&bit == 0 {
		return -1
	}
	return int(x.rank[w]) + bits.OnesCount64(word&(bit-1))
}

// rankStarts fills starts and rank from off.
func (x *Index) rankStarts() {
	words := 0
	if n := len(x.off); n > 0 {
		words = int(x.off[n-1]-x.off[0])/64 + 1
	}
	x.starts, x.rank = resize(x.starts, words), resize(x.rank, words)
	clear(x.starts)
	for _, o := range x.off {
		rel := o - x.off[0]
		x.starts[rel/64] |= 1 << (rel % 64)
	}
	n := int32(0)
	for w, word := range x.starts {
		x.rank[w] = n
		n += int32(bits.OnesCount64(word))
	}
}

// resize returns s with length n, in its memory when it has room.
func resize[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

// Forms returns the attributes of entry i with their forms, in encoding order.
func (x *Index) Forms(i int) []AttrForm { return x.abbrev(i).attrs }

// Scan indexes the entries of u, refusing nesting deeper than maxDepth (the
// file's limit when maxDepth <= 0). It stops at the end of the unit entry's
// children or at the end of the unit, whichever comes first.
func (f *File) Scan(u *Unit, maxDepth int) (*Index, error) {
	return f.scan(nil, u, maxDepth)
}

// Indexes holds the memory of indexes no longer used, for the next Scan:
// one pass over many units then allocates about as many indexes as it
// runs at once. Safe for concurrent use.
type Indexes struct {
	mu   sync.Mutex
	free []*Index
}

// Scan is f.Scan, in the memory of an index handed back with Done; a nil
// p keeps no memory.
func (p *Indexes) Scan(f *File, u *Unit, maxDepth int) (*Index, error) {
	if p == nil {
		return f.Scan(u, maxDepth)
	}
	p.mu.Lock()
	var old *Index
	if n := len(p.free); n > 0 {
		old, p.free = p.free[n-1], p.free[:n-1]
	}
	p.mu.Unlock()
	return f.scan(old, u, maxDepth)
}

// Done hands back x, which neither the caller nor a Decoder of it may use
// any more; a nil p drops it.
func (p *Indexes) Done(x *Index) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.free = append(p.free, x)
	p.mu.Unlock()
}

// scan is Scan, in the memory of old when it is not nil.
func (f *File) scan(old *Index, u *Unit, maxDepth int) (*Index, error) {
	if maxDepth <= 0 {
		maxDepth = f.limits.Depth
	}
	info := f.Sections["info"]
	if int(u.End) > len(info) || u.First > u.End {
		return nil, f.errorf(".debug_info", int64(u.Offset), "unit outside .debug_info")
	}
	s := scanner{f: f, u: u, b: info[:u.End], off: int(u.First), fmt: u.format()}
	x := newIndex(u, old)
	// Appended to as locals, stored in x at the end: a slice kept in a
	// heap object would cost a write barrier per append while the
	// collector runs.
	off, abbr, parents, end := x.off, x.abbr, x.parent, x.end
	var stack []int32
	// The plans of the abbreviations met, by code when codes are dense:
	// one lookup per entry.
	plans := make([]*skipPlan, len(u.abbrevList))
	for s.off < len(s.b) {
		at := s.off
		var code uint64
		if b := s.b[s.off]; b < 0x80 { // the usual one-byte code
			code = uint64(b)
			s.off++
		} else if code = s.uleb(); s.err != nil {
			break
		}
		if code == 0 {
			if len(stack) == 0 {
				return nil, f.errorf(".debug_info", int64(at), "unbalanced end of children")
			}
			top := stack[len(stack)-1]
			end[top] = int32(len(off))
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				break
			}
			continue
		}
		var p *skipPlan
		if code < uint64(len(plans)) {
			p = plans[code]
		}
		if p == nil {
			a := u.abbrev(code)
			if a == nil {
				return nil, f.errorf(".debug_info", int64(at), "unknown abbreviation code %d", code)
			}
			if p = a.plan(s.fmt); code < uint64(len(plans)) {
				plans[code] = p
			}
		}
		i := int32(len(off))
		parent := int32(-1)
		if len(stack) > 0 {
			parent = stack[len(stack)-1]
		} else if i > 0 {
			break // a second top-level entry: the next unit
		}
		if w := p.wrong; w >= 0 {
			return nil, f.wrongClassErr(at, p.a.attrs[w].Attr, p.a.attrs[w].Form)
		}
		off = append(off, dwarf.Offset(at))
		abbr = append(abbr, p.ord)
		parents = append(parents, parent)
		end = append(end, i+1)
		s.follow(p)
		if s.err != nil {
			break
		}
		if p.children {
			if len(stack) >= maxDepth {
				return nil, &Error{File: f.Path, Section: ".debug_info", Offset: int64(at),
					Err: fmt.Errorf("%w: entries nested deeper than %d (raise it with --max-depth)", ErrLimit, maxDepth)}
			}
			stack = append(stack, i)
		} else if len(stack) == 0 {
			break
		}
	}
	if s.err != nil {
		return nil, f.errorf(".debug_info", int64(s.errAt), "%v", s.err)
	}
	// Entries left open at the end of the unit end there.
	for _, top := range stack {
		end[top] = int32(len(off))
	}
	x.off, x.abbr, x.parent, x.end = off, abbr, parents, end
	if len(off) == 0 {
		return nil, f.errorf(".debug_info", int64(u.Offset), "unit has no entries")
	}
	return x, nil
}

// newIndex returns an empty index of u, in the memory of old when it is
// not nil.
func newIndex(u *Unit, old *Index) *Index {
	if old == nil {
		// Typical producers spend 8 to 12 bytes per entry.
		n := int(u.End-u.First)/10 + 16
		return &Index{Unit: u, abbrevs: u.abbrevOrder, off: make([]dwarf.Offset, 0, n), abbr: make([]uint32, 0, n),
			parent: make([]int32, 0, n), end: make([]int32, 0, n)}
	}
	return &Index{Unit: u, abbrevs: u.abbrevOrder, off: old.off[:0], abbr: old.abbr[:0], parent: old.parent[:0], end: old.end[:0],
		starts: old.starts, rank: old.rank}
}

// abbrev returns the abbreviation with the given code, or nil.
func (u *Unit) abbrev(code uint64) *abbrev {
	if code < uint64(len(u.abbrevList)) {
		return u.abbrevList[code]
	}
	if u.abbrevList != nil {
		return nil
	}
	return u.abbrevs[code]
}

// unitFormat is what decoding a unit's values depends on.
type unitFormat struct {
	version  int
	addrSize int
	is64     bool
}

func (u *Unit) format() unitFormat {
	return unitFormat{version: u.Version, addrSize: u.AddrSize, is64: u.Is64}
}

func (uf unitFormat) offSize() int {
	if uf.is64 {
		return 8
	}
	return 4
}

// The attribute forms of DWARF 2 to 5 and the GNU extensions.
const (
	formAddr          = 0x01
	formBlock2        = 0x03
	formBlock4        = 0x04
	formData2         = 0x05
	formData4         = 0x06
	formData8         = 0x07
	formString        = 0x08
	formBlock         = 0x09
	formBlock1        = 0x0a
	formData1         = 0x0b
	formFlag          = 0x0c
	formSdata         = 0x0d
	formStrp          = 0x0e
	formUdata         = 0x0f
	formRefAddr       = 0x10
	formRef1          = 0x11
	formRef2          = 0x12
	formRef4          = 0x13
	formRef8          = 0x14
	formRefUdata      = 0x15
	formIndirect      = 0x16
	formSecOffset     = 0x17
	formExprloc       = 0x18
	formFlagPresent   = 0x19
	formStrx          = 0x1a
	formAddrx         = 0x1b
	formRefSup4       = 0x1c
	formStrpSup       = 0x1d
	formData16        = 0x1e
	formLineStrp      = 0x1f
	formRefSig8       = 0x20
	formImplicitConst = 0x21
	formLoclistx      = 0x22
	formRnglistx      = 0x23
	formRefSup8       = 0x24
	formStrx1         = 0x25
	formStrx2         = 0x26
	formStrx3         = 0x27
	formStrx4         = 0x28
	formAddrx1        = 0x29
	formAddrx2        = 0x2a
	formAddrx3        = 0x2b
	formAddrx4        = 0x2c
	formGnuAddrIndex  = 0x1f01
	formGnuStrIndex   = 0x1f02
	formGnuRefAlt     = 0x1f20
	formGnuStrpAlt    = 0x1f21
)

// fixedSize is the encoded size of a value of form f, or -1 when it varies.
func (uf unitFormat) fixedSize(f Form) int {
	switch f {
	case formFlagPresent, formImplicitConst:
		return 0
	case formData1, formRef1, formFlag, formStrx1, formAddrx1:
		return 1
	case formData2, formRef2, formStrx2, formAddrx2:
		return 2
	case formStrx3, formAddrx3:
		return 3
	case formData4, formRef4, formRefSup4, formStrx4, formAddrx4:
		return 4
	case formData8, formRef8, formRefSig8, formRefSup8:
		return 8
	case formData16:
		return 16
	case formAddr:
		return uf.addrSize
	case formStrp, formLineStrp, formSecOffset, formStrpSup, formGnuRefAlt, formGnuStrpAlt:
		return uf.offSize()
	case formRefAddr:
		if uf.version == 2 {
			return uf.addrSize
		}
		return uf.offSize()
	}
	return -1
}

// scanner skips over entries.
type scanner struct {
	f     *File
	u     *Unit
	b     []byte
	off   int
	fmt   unitFormat
	err   error
	errAt int
}

func (s *scanner) fail(format string, args ...any) {
	if s.err == nil {
		s.err, s.errAt = fmt.Errorf(format, args...), s.off
	}
	s.off = len(s.b)
}

func (s *scanner) uleb() uint64 {
	v, n := uleb128(s.b[min(s.off, len(s.b)):])
	if n == 0 {
		s.fail("unexpected end of data")
		return 0
	}
	s.off += n
	return v
}

// fixed reads an n-byte integer in the file's byte order.
func (s *scanner) fixed(n int) uint64 {
	if n > len(s.b)-s.off {
		s.fail("unexpected end of data")
		return 0
	}
	p := s.b[s.off : s.off+n]
	s.off += n
	return readUint(p, s.f.littleEndian())
}

func (s *scanner) advance(n uint64) {
	if n > uint64(len(s.b)-s.off) {
		s.fail("value runs past the end of the unit")
		return
	}
	s.off += int(n)
}

// skip moves past the attribute values of an entry of abbreviation a.
func (s *scanner) skip(a *abbrev) { s.follow(a.plan(s.fmt)) }

// follow moves past the attribute values of an entry as plan p says.
func (s *scanner) follow(p *skipPlan) {
	for _, st := range p.steps {
		s.advance(uint64(st.before))
		s.skipForm(st.form)
	}
	s.advance(uint64(p.tail))
}

func (s *scanner) skipForm(form Form) {
	for form == formIndirect {
		form = Form(s.uleb())
	}
	if n := s.fmt.fixedSize(form); n >= 0 {
		s.advance(uint64(n))
		return
	}
	switch form {
	case formUdata, formSdata, formRefUdata, formStrx, formAddrx, formLoclistx, formRnglistx, formGnuAddrIndex, formGnuStrIndex:
		for s.off < len(s.b) && s.b[s.off]&0x80 != 0 {
			s.off++
		}
		s.advance(1)
	case formString:
		i := s.off
		for i < len(s.b) && s.b[i] != 0 {
			i++
		}
		if i >= len(s.b) {
			s.fail("unterminated string")
			return
		}
		s.off = i + 1
	case formBlock1:
		s.advance(s.fixed(1))
	case formBlock2:
		s.advance(s.fixed(2))
	case formBlock4:
		s.advance(s.fixed(4))
	case formBlock, formExprloc:
		n := s.uleb()
		s.advance(n)
	default:
		s.fail("unknown attribute form %#x", uint16(form))
	}
}

// skipPlan is how to step over an entry: for each value of variable size,
// the bytes of fixed-size values before it; then the fixed bytes after the
// last one.
type skipPlan struct {
	a   *abbrev
	fmt unitFormat
	// ord and children are a's, read here by Scan.
	ord      uint32
	children bool
	steps    []skipStep
	tail     int
	// at is, for each attribute, the offset of its value from the end of
	// the abbreviation code when every value before it has a fixed size;
	// -1 otherwise.
	at []int32
	// wrong is the index of the first attribute whose form has a class the
	// attribute may not have, or -1.
	wrong int
}

type skipStep struct {
	before int
	form   Form
}

// plan returns the skip plan of a for units of format uf, computed once
// (abbreviation tables shared by units of different formats recompute it).
func (a *abbrev) plan(uf unitFormat) *skipPlan {
	if p := a.skip.Load(); p != nil && p.fmt == uf {
		return p
	}
	p := &skipPlan{a: a, fmt: uf, ord: a.ord, children: a.children, at: make([]int32, len(a.attrs)), wrong: a.wrongClass(uf.version)}
	fixed := int32(0)
	for k, af := range a.attrs {
		p.at[k] = fixed
		if n := uf.fixedSize(af.Form); n >= 0 && fixed >= 0 {
			fixed += int32(n)
		} else {
			fixed = -1
		}
	}
	for _, af := range a.attrs {
		if n := uf.fixedSize(af.Form); n >= 0 {
			p.tail += n
		} else {
			p.steps = append(p.steps, skipStep{before: p.tail, form: af.Form})
			p.tail = 0
		}
	}
	a.skip.Store(p)
	return p
}
