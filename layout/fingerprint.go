package layout

import (
	"debug/dwarf"
	"encoding/binary"
	"fmt"
	"hash/maphash"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// Prints are the fingerprints of what the exports of a binary reach, taken
// from the raw entries without building a model: for each function and
// variable that may define an export, a hash of its entry and of the
// anonymous types it reaches, and the named types it refers to; for each
// named type, a hash of its definition and the named types that refers to.
// Two builds whose prints agree on an export and on everything it reaches
// give that export the same model, so diff need not build it (Unchanged).
type Prints struct {
	file    string
	units   []unitPrints
	surveys []unitSurvey // per unit, for the build (Shells)
	opened  []*surveyor  // per unit, with Options.KeepUnits
}

// unitPrints are the prints of one unit.
type unitPrints struct {
	items []itemPrint
	names []namePrint
	// refs holds the named types each print refers to, as indexes into
	// names: one list for the unit, which prints slice (span), so that
	// prints hold no pointers and cost one allocation, not one each.
	refs []int32
}

// span is a print's slice of unitPrints.refs.
type span struct{ start, end int32 }

// refsOf returns the named types a print refers to.
func (u *unitPrints) refsOf(s span) []int32 { return u.refs[s.start:s.end] }

// itemPrint is the print of an exported function or variable candidate.
type itemPrint struct {
	idx  int32 // entry index in the unit
	hash uint64
	refs span
	bad  bool // could not be fingerprinted: never unchanged
}

// namePrint is the print of a named type a unit's items reach, by key: its
// tag, size and qualified name, hashed, as merge keeps one definition per
// kind, name and size (canonKey).
type namePrint struct {
	key  uint64
	hash uint64
	// def is set for a definition; a declaration says nothing of the type.
	def, bad bool
	// elsewhere is set on a definition another unit prints (Fingerprint).
	elsewhere bool
	refs      span
	entry     int32 // its index in the unit
}

// printSeed keys every fingerprint hash of this process.
var printSeed = maphash.MakeSeed()

// maxPrintDepth bounds the nesting of children and anonymous references
// one print follows, and maxPrintEntries the entries it hashes (anonymous
// types are hashed wherever they are referred to): deeper, cyclic or
// larger prints are not taken.
const (
	maxPrintDepth   = 64
	maxPrintEntries = 1 << 14
)

// Fingerprint takes the prints of what the exports of opts.Exports reach in
// f, reading each unit once, as an exports-only Build surveys it; nil when
// Build could not restrict a model to those exports. It uses opts.Workers
// and reports each unit done to opts.Progress; other options are ignored.
//
// Each named type is printed once, in one of the units that reach it (the
// copies rustc gives every codegen unit are read once, not once a unit):
// first the candidates of every unit, then, in rounds, the named types the
// last round reached, each by the first unit, in unit order, that reached it
// in the round it was first reached. Which copy is printed so depends on
// the file alone.
func Fingerprint(f *ddwarf.File, opts Options) (*Prints, error) {
	if !usableExports(f, opts.Exports) {
		return nil, nil
	}
	units := f.Units()
	want := newExportFilter(f, opts.Exports)
	p := &Prints{file: f.Path, units: make([]unitPrints, len(units)), surveys: make([]unitSurvey, len(units))}
	if opts.KeepUnits {
		p.opened = make([]*surveyor, len(units))
	}
	printers := make([]*unitPrinter, len(units))
	// The units keep their indexes (no Indexes to recycle them into) for
	// the rounds.
	err := eachSurveyed(f, opts, nil, func(ui int, u *ddwarf.Unit, s *surveyor) error {
		// The survey is the build's (Shells hands it over), taken here
		// while the unit is at hand.
		p.surveys[ui] = want.survey(s)
		if opts.KeepUnits {
			p.opened[ui] = s
		}
		up := &unitPrinter{s: s, slot: touched(make([]int32, s.x.Len())), out: &p.units[ui],
			prefix: fmt.Sprintf("%s/%d/%v/%s", f.Arch, f.PtrSize, s.lang, s.producer)}
		for _, it := range p.surveys[ui].items {
			if it.kind == itemFunc || it.kind == itemVar {
				up.item(int(it.idx))
			}
		}
		printers[ui] = up
		return nil
	})
	active := make([]int, 0, len(printers)) // the units with named types queued
	queued := 0
	for ui, up := range printers {
		if up != nil {
			active = append(active, ui)
			queued += len(up.queue)
		}
	}
	printed := newKeySet(queued) // the keys of the named types printed
	for err == nil {
		if active = claim(printers, active, printed); len(active) == 0 {
			break
		}
		parallel(len(active), opts.Workers, func(k int) { printers[active[k]].round() })
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// claim leaves in the queue of each active unit the named types it is the
// one to print, in unit order, marks the others as printed elsewhere, and
// returns the units left with some. A unit left with none is done: its
// printer (and index) is let go.
func claim(printers []*unitPrinter, active []int, printed *keySet) []int {
	left := active[:0]
	for _, ui := range active {
		up := printers[ui]
		queue := up.queue[:0]
		for _, slot := range up.queue {
			n := &up.out.names[slot]
			if !printed.add(n.key) {
				n.elsewhere = true
				continue
			}
			queue = append(queue, slot)
		}
		if up.queue = queue; len(queue) > 0 {
			left = append(left, ui)
		} else {
			printers[ui] = nil
		}
	}
	return left
}

// unitPrinter fingerprints the entries of one unit.
type unitPrinter struct {
	s      *surveyor
	prefix string // the file's target and the unit's producer and language
	// slot holds, per entry, 1 + its index in out.names for a named type,
	// -1 - its index in anons for another entry a print refers to, 0
	// until seen.
	slot   []int32
	out    *unitPrints
	queue  []int32 // slots of the named types to fingerprint in the next round
	budget int     // entries the current print may still hash
	buf    []byte  // what the current print hashes
	// anons are the prints of the other entries prints refer to (base,
	// pointer, array and anonymous types), each taken once; anonRefs holds
	// the named types they refer to.
	anons    []anonPrint
	anonRefs []int32
}

// anonPrint is the print of an entry, not a named type, that prints refer
// to: they hash its hash.
type anonPrint struct {
	hash     uint64
	refs     span // into unitPrinter.anonRefs
	ok, busy bool // busy while it is being taken: a reference then is a cycle
}

// item fingerprints exported candidate i, queueing the named types it reaches.
func (p *unitPrinter) item(i int) {
	hash, refs, ok := p.print(i)
	hash = max(hash, 1) // 0 marks what is not a shell (Function.Print)
	p.out.items = append(p.out.items, itemPrint{idx: int32(i), hash: hash, refs: refs, bad: !ok})
}

// round fingerprints the named types queued, queueing those they reach
// for the next round.
func (p *unitPrinter) round() {
	queue := p.queue
	p.queue = nil
	for _, slot := range queue {
		p.named(slot)
	}
}

// named fingerprints the named type in slot of out.names.
func (p *unitPrinter) named(slot int32) {
	n := &p.out.names[slot]
	if n.bad || !n.def {
		return
	}
	hash, refs, ok := p.print(int(n.entry))
	n = &p.out.names[slot] // printing may have grown names
	n.hash, n.refs, n.bad = hash, refs, !ok
}

// print hashes entry i, as entry spells it, after the unit's prefix, and
// returns the named types it refers to.
func (p *unitPrinter) print(i int) (uint64, span, bool) {
	p.buf = append(p.buf[:0], p.prefix...)
	p.budget = maxPrintEntries
	start := int32(len(p.out.refs))
	ok := p.entry(i, true, 0)
	return maphash.Bytes(printSeed, p.buf), span{start, int32(len(p.out.refs))}, ok
}

// entry adds entry i to the current print: its tag, its attributes (those
// that can change the model) and the children the builder reads; a
// reference to a named type by the type's key (recorded in out.refs with
// record), any other reference by what it refers to. It reports false when
// the entry cannot be fingerprinted.
func (p *unitPrinter) entry(i int, record bool, depth int) bool {
	if p.budget--; depth > maxPrintDepth || p.budget < 0 {
		return false
	}
	x := p.s.x
	tag := x.Tag(i)
	p.writeUint(uint64(tag))
	values := p.s.d.Values(i)
	var v ddwarf.Value
	for values.Next(&v) {
		if ignoredInPrint(v.Attr) {
			continue
		}
		p.writeUint(uint64(v.Attr)<<16 | uint64(v.Form))
		switch {
		case v.Elsewhere:
			return false // what it points at is not hashed
		case v.IsRef:
			if !p.ref(v.Ref, record, depth) {
				return false
			}
		case v.IsStr:
			p.writeUint(uint64(len(v.Str)))
			p.buf = append(p.buf, v.Str...)
		default:
			p.writeUint(uint64(len(v.Raw)))
			p.buf = append(p.buf, v.Raw...)
			p.writeUint(uint64(v.Implicit))
		}
	}
	if values.Err() != nil {
		return false
	}
	if opaqueBody(tag) {
		return true
	}
	for c := x.FirstChild(i); c >= 0; c = x.NextSibling(c) {
		if !readChild(tag, x.Tag(c)) {
			continue
		}
		p.buf = append(p.buf, '{')
		// diff never looks into generic arguments: what they refer to
		// changes no comparison, only their names do (the types they
		// name are printed all the same, see slotOf).
		if !p.entry(c, record && !templateArg(x.Tag(c)), depth+1) {
			return false
		}
		p.buf = append(p.buf, '}')
	}
	return true
}

// ref hashes a reference to the entry at off: a named type by its key
// (recorded with record), any other entry by its contents.
func (p *unitPrinter) ref(off dwarf.Offset, record bool, depth int) bool {
	t := p.s.x.Find(off)
	if t < 0 {
		return false
	}
	if p.slot[t] < 0 {
		return p.anon(t, record, depth)
	}
	if slot, ok := p.slotOf(t); ok {
		p.buf = append(p.buf, 'N')
		p.writeUint(p.out.names[slot].key)
		if record {
			p.out.refs = append(p.out.refs, slot)
		}
		return true
	}
	return p.anon(t, record, depth)
}

// anon hashes a reference to entry t, not a named type, by the hash of its
// print, taking that on first sight; the named types it refers to are
// recorded with record.
func (p *unitPrinter) anon(t int, record bool, depth int) bool {
	if s := p.slot[t]; s < 0 {
		a := &p.anons[-s-1]
		if a.busy {
			return false
		}
		p.buf = append(p.buf, 'A')
		p.writeUint(a.hash)
		if record {
			p.out.refs = append(p.out.refs, p.anonRefs[a.refs.start:a.refs.end]...)
		}
		return a.ok
	}
	k := len(p.anons)
	p.anons = append(p.anons, anonPrint{busy: true})
	p.slot[t] = int32(-k - 1)
	start, refStart := len(p.buf), len(p.out.refs)
	ok := p.entry(t, true, depth+1)
	hash := maphash.Bytes(printSeed, p.buf[start:])
	p.buf = p.buf[:start]
	anonStart := int32(len(p.anonRefs))
	p.anonRefs = append(p.anonRefs, p.out.refs[refStart:]...)
	if !record {
		p.out.refs = p.out.refs[:refStart]
	}
	p.anons[k] = anonPrint{hash: hash, refs: span{anonStart, int32(len(p.anonRefs))}, ok: ok}
	p.buf = append(p.buf, 'A')
	p.writeUint(hash)
	return ok
}

// slotOf returns the index in out.names of the named type at entry t,
// giving it one (and queueing it) on first sight; ok is false when t is not
// a named type.
func (p *unitPrinter) slotOf(t int) (slot int32, ok bool) {
	if s := p.slot[t]; s > 0 {
		return s - 1, true
	}
	x, d := p.s.x, p.s.d
	tag := x.Tag(t)
	switch tag {
	case dwarf.TagStructType, dwarf.TagClassType, dwarf.TagUnionType, dwarf.TagEnumerationType, dwarf.TagTypedef:
	default:
		return 0, false
	}
	name, named := d.String(t, dwarf.AttrName)
	if !named || name == "" {
		return 0, false
	}
	n := namePrint{entry: int32(t)}
	var h maphash.Hash
	h.SetSeed(printSeed)
	var head [16]byte
	size, sized := d.Int(t, dwarf.AttrByteSize)
	if !sized {
		size = -1
	}
	binary.LittleEndian.PutUint64(head[:], uint64(tag))
	binary.LittleEndian.PutUint64(head[8:], uint64(size))
	h.Write(head[:])
	if p.s.lang == LangC {
		h.WriteString(name)
	} else {
		scope, known := p.s.scopes.scope(x.Parent(t), 0)
		n.bad = !known
		h.WriteString(scope)
		h.WriteString("::")
		h.WriteString(name)
	}
	n.key = h.Sum64()
	decl, _ := d.Flag(t, dwarf.AttrDeclaration)
	n.def = !decl && !d.Has(t, dwarf.AttrSpecification)
	p.out.names = append(p.out.names, n)
	slot = int32(len(p.out.names) - 1)
	p.slot[t] = slot + 1
	if n.def && !n.bad {
		// Queued also when only generic arguments reach it: merge may keep
		// the copy such a unit builds.
		p.queue = append(p.queue, slot)
	}
	return slot, true
}

// ignoredInPrint reports the attributes that never change a model that
// diff compares: source positions, code addresses and locations.
func ignoredInPrint(a dwarf.Attr) bool {
	switch a {
	case dwarf.AttrSibling, dwarf.AttrLocation, dwarf.AttrLowpc, dwarf.AttrHighpc, dwarf.AttrRanges,
		dwarf.AttrFrameBase, dwarf.AttrDeclColumn, dwarf.AttrDeclFile, dwarf.AttrDeclLine,
		dwarf.AttrCallColumn, dwarf.AttrCallFile, dwarf.AttrCallLine, dwarf.AttrEntrypc,
		0x7a, 0x7b, 0x7c, // DW_AT_call_all_calls, call_all_source_calls, call_all_tail_calls
		0x2116, 0x2117, 0x2137, 0x2138: // GNU all_tail_call_sites, all_call_sites, locviews, entry_view
		return true
	}
	return false
}

// templateArg reports the tags of generic arguments.
func templateArg(tag dwarf.Tag) bool {
	switch tag {
	case dwarf.TagTemplateTypeParameter, dwarf.TagTemplateValueParameter, 0x4107: // GNU template_parameter_pack
		return true
	}
	return false
}

// readChild reports whether the builder reads a child tagged child of an
// entry tagged parent: of a function, its parameters and generic arguments
// (not its body); of a struct, class or union, its members, bases, variant
// part and generic arguments (not the methods and nested types rustc and
// C++ declare there: a nested type the model needs is referred to); of
// other entries, every child.
func readChild(parent, child dwarf.Tag) bool {
	switch parent {
	case dwarf.TagSubprogram:
		switch child {
		case dwarf.TagFormalParameter, dwarf.TagUnspecifiedParameters, dwarf.TagTemplateTypeParameter,
			dwarf.TagTemplateValueParameter, 0x4107, 0x4108: // GNU template_parameter_pack, formal_parameter_pack
			return true
		}
		return false
	case dwarf.TagStructType, dwarf.TagClassType, dwarf.TagUnionType:
		switch child {
		case dwarf.TagMember, dwarf.TagInheritance, dwarf.TagVariantPart, dwarf.TagTemplateTypeParameter,
			dwarf.TagTemplateValueParameter:
			return true
		}
		return false
	}
	return true
}

func (p *unitPrinter) writeUint(v uint64) {
	p.buf = binary.LittleEndian.AppendUint64(p.buf, v)
}
