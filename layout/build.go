package layout

import (
	"debug/dwarf"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// Options tune Build.
type Options struct {
	// Workers decoding units in parallel; 0 means all CPUs.
	Workers int
	// Progress, when not nil, is called as the work on the units advances:
	// each unit is surveyed, then built, so total is twice the number of
	// units. Calls may come from several goroutines at once; the last one
	// has done == total, also when Build fails.
	Progress func(done, total int)
	// Names, when not empty, restricts the model to the structs, unions,
	// enums and typedefs whose qualified name matches one of them as
	// render.Select matches names (full name, last path segment, or that
	// segment without generic arguments), and what they reference; it has no
	// functions or variables. Only the units defining them are decoded.
	Names []string
	// Exports, when it is an ELF symbol table, restricts the model to what
	// its exported symbols reach: the functions and variables that may
	// define them (NewSurface matches them as usual), the types those reach,
	// and the Rust vtable types. Other types are never decoded, so this is
	// much cheaper than a whole model when only the exported surface counts
	// (diff and sig by default). Names takes precedence.
	Exports *ddwarf.SymbolTable
	// Shells, with Exports, makes the exported candidates Unchanged found
	// alike in the other build of a diff as shells: their signatures and
	// what those reach are not built. Only diff, which compares shells by
	// their prints, reads such a model.
	Shells *Shells
	// KeepUnits makes Fingerprint keep every unit's index for the build
	// that takes its Shells, which then indexes no unit again: faster, for
	// the memory of the indexes meanwhile.
	KeepUnits bool

	noStubs bool // build every unit's copy of every type (the fallback path)
}

// Build reads every unit of f and returns its ABI model: the named types once
// each, the defined functions and the variables.
//
// It works in two passes over the units, each in parallel. The first indexes
// every unit and lists what it defines: named types (with, for structs and
// unions whose alignment DWARF records, the key merge identifies them by:
// kind, qualified name and size), functions and variables. Then each such
// type is owned by the first unit defining it, as merge keeps the first
// definition. The second pass builds each unit's functions and variables and
// the types it owns; a type it defines but does not own is a stand-in (its
// kind, name, size and alignment: all that building other types reads from
// it) that merge points at the kept definition, so the copies of a type that
// every codegen unit of a Rust crate carries are built once.
func Build(f *ddwarf.File, opts Options) (*Binary, error) {
	if len(opts.Names) > 0 {
		return buildNamed(f, opts)
	}
	if usableExports(f, opts.Exports) {
		return buildExported(f, opts)
	}
	units := f.Units()
	step, finish := stepper(opts.Progress, 2*len(units))
	defer finish()
	work := make([]*unitWork, len(units))
	indexes := &ddwarf.Indexes{} // both passes index in the memory of finished units
	err := f.EachUnit(opts.Workers, func(i int, u *ddwarf.Unit) error {
		items, err := survey(indexes, f, u, !opts.noStubs)
		if err != nil {
			return err
		}
		work[i] = &unitWork{items: items}
		step()
		return nil
	})
	if err != nil {
		return nil, err
	}
	keys := owners(work, opts.Workers)
	parts := make([]*unitModel, len(units))
	var mismatch atomic.Bool
	err = f.EachUnit(opts.Workers, func(i int, u *ddwarf.Unit) error {
		items := work[i].items
		work[i] = nil
		t, err := readTree(indexes, f, u, depthLimit(f))
		if err != nil {
			return err
		}
		defer indexes.Done(t.idx) // the models keep nothing of the entries
		b := newBuilder(f, t)
		ok, err := b.build(items)
		if err != nil {
			return err
		}
		if !ok {
			mismatch.Store(true)
		}
		if b.model.vtables, err = indexedVtableVars(f, u, t.idx, t.dec); err != nil {
			return err
		}
		parts[i] = b.model
		step()
		return nil
	})
	if err != nil {
		return nil, err
	}
	bin := &Binary{Path: f.Path, Arch: f.Arch, PtrSize: f.PtrSize, Format: f.Format, Kind: f.Kind, vtablesFound: true}
	if !merge(bin, parts, keys, opts.Workers) || mismatch.Load() {
		// A stand-in without its definition: build every copy instead.
		fallbacks.Add(1)
		opts.noStubs = true
		return Build(f, opts)
	}
	if err := readSymbols(f, bin); err != nil {
		return nil, err
	}
	return bin, nil
}

// stepper returns a function that reports one more of total steps done to
// progress, and one, to defer, that reports them all done (the last call
// says the work is over, also on errors); both do nothing when progress is
// nil.
func stepper(progress func(done, total int), total int) (step, finish func()) {
	if progress == nil {
		return func() {}, func() {}
	}
	var done atomic.Int64
	return func() { progress(int(done.Add(1)), total) }, func() { progress(total, total) }
}

// fallbacks counts the builds redone without stand-ins, for tests.
var fallbacks atomic.Int64

// unitWork is a unit between the two passes of Build.
type unitWork struct {
	items []item
}

// owners numbers the stand-in keys and gives each to the first unit that
// defines it: the other units' definitions become stand-ins. The keys are
// split between goroutines by the hashes of their names (item.hash).
func owners(work []*unitWork, workers int) int {
	shards := shardCount(workers)
	counts := make([]int, shards)
	parallel(shards, shards, func(s int) {
		type owned struct{ id, unit int32 }
		owner := map[canonKey]owned{}
		for u, w := range work {
			for k := range w.items {
				it := &w.items[k]
				if !it.stubbable || int(it.hash%uint64(shards)) != s {
					continue
				}
				o, ok := owner[it.key]
				if !ok {
					o = owned{id: int32(len(owner)*shards + s), unit: int32(u)}
					owner[it.key] = o
				}
				it.keyID, it.stub = o.id, o.unit != int32(u)
			}
		}
		counts[s] = len(owner)
	})
	return slices.Max(counts) * shards
}

// shardCount is the number of shards work is split in for workers
// goroutines (all CPUs when workers <= 0).
func shardCount(workers int) int {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return min(workers, 64) // shard numbers are bytes
}

// dwoName is the split-DWARF file a skeleton unit points to, or "".
func dwoName(root *dwarf.Entry) string {
	for _, a := range []dwarf.Attr{0x76, 0x2130} { // DW_AT_dwo_name, DW_AT_GNU_dwo_name
		if s, ok := root.Val(a).(string); ok {
			return s
		}
	}
	if root.Tag == 0x4a { // DW_TAG_skeleton_unit
		return "a .dwo file"
	}
	return ""
}

func depthLimit(f *ddwarf.File) int { return f.Limits().Depth }

// unitModel is what one unit contributes to the Binary.
type unitModel struct {
	types     []*Type
	functions []*Function
	variables []*Variable
	producer  string
	// stubs stand in for types this unit defines but another unit builds;
	// keyed are the stand-in candidates it owns and built.
	stubs, keyed []stub
	// built holds every type the unit built.
	built []*Type
	// declared are the names of the declarations among them (exports-only
	// builds, which complete them from other units).
	declared []string
	// vtables are the unit's `{vtable}` variables, for VTables.
	vtables []vtableVar
}

// stub is a stand-in type, or an owned definition, with the number of the
// key of the definition.
type stub struct {
	t  *Type
	id int32
}

// merge joins the units' models into bin, keeping one definition per named
// type and pointing every reference at it; the types bin already has come
// first (and their references are left alone). It reports false if a
// stand-in has no definition to point at.
func merge(bin *Binary, parts []*unitModel, keys, workers int) bool {
	// The units' types are numbered, and the shards of their named types
	// found, in parallel.
	first := make([]int32, len(parts))
	n := 0
	for i, p := range parts {
		first[i] = bin.numbered + 1
		if p != nil {
			bin.numbered += int32(len(p.built))
			n += len(p.types)
		}
	}
	c := newCanon(n, workers, bin.numbered)
	c.base = bin.Types
	shards := make([][]uint8, len(parts))
	parallel(len(parts), workers, func(i int) {
		p := parts[i]
		if p == nil {
			return
		}
		for k, t := range p.built {
			t.Num = first[i] + int32(k)
		}
		shards[i] = make([]uint8, len(p.types))
		for k, t := range p.types {
			shards[i][k] = uint8(c.shardOf(t.Name))
		}
	})
	c.addAll(parts, shards)
	kept := make([]*Type, keys)
	for _, p := range parts {
		if p != nil {
			for _, k := range p.keyed {
				kept[k.id] = c.lookup(k.t)
			}
		}
	}
	for _, p := range parts {
		if p == nil {
			continue
		}
		for _, st := range p.stubs {
			if kept[st.id] == nil {
				return false
			}
			c.dup[st.t.Num] = kept[st.id]
		}
	}
	// Every type belongs to the unit that built it, so the units' references
	// are rewritten in parallel; the canon is only read.
	parallel(len(parts), workers, func(i int) {
		if p := parts[i]; p != nil {
			c.rewrite(p)
		}
	})
	producers := map[string]bool{}
	for _, p := range parts {
		if p == nil {
			continue
		}
		if p.producer != "" {
			producers[p.producer] = true
		}
		bin.Functions = append(bin.Functions, p.functions...)
		bin.Variables = append(bin.Variables, p.variables...)
		bin.vtableVars = append(bin.vtableVars, p.vtables...)
	}
	added := c.added()
	bin.Types = c.types(added)
	for _, ts := range added {
		const chunk = 512
		parallel((len(ts)+chunk-1)/chunk, workers, func(i int) {
			for _, k := range ts[i*chunk : min((i+1)*chunk, len(ts))] {
				computeFacts(k.t)
			}
		})
	}
	for p := range producers {
		bin.Producers = append(bin.Producers, p)
	}
	sort.Strings(bin.Producers)
	return true
}

// parallel calls fn(0) to fn(n-1) on up to workers goroutines (all CPUs when
// workers <= 0). A panic in fn is raised again in the caller's goroutine;
// so is a fault on a mapped input cut short (dwarf.Options.Map).
func parallel(n, workers int, fn func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Value
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			debug.SetPanicOnFault(true)
			defer func() {
				if r := recover(); r != nil {
					failed.CompareAndSwap(nil, fmt.Sprint(r))
				}
			}()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		}()
	}
	wg.Wait()
	if r := failed.Load(); r != nil {
		panic(r) // in the caller's goroutine, where it is recovered
	}
}

// builder turns the entries of one unit into model types.
type builder struct {
	f    *ddwarf.File
	tree *unitTree
	// slots says, by entry index of the unit's own tree, what b made of the
	// entry: 1 + the index of its type in model.built, or -(1 + the index
	// of its survey item in stubItems) for a stand-in not made yet (stubAt),
	// or 0; allocated on first use. foreign holds the types built from
	// other units' entries (cross-unit references), by offset.
	slots     []int32
	stubItems []item
	foreign   map[dwarf.Offset]*Type
	// offsets are the offsets of the entries of model.built.
	offsets []dwarf.Offset
	model   *unitModel
	depth   int
	// others caches trees of other units reached by cross-unit references.
	others map[*ddwarf.Unit]*unitTree
	// pending pointees, built once the outermost type is done.
	pending  []pointee
	draining bool
	// open lists the entries of the types being built that hold the one
	// being built now by value (valueOf).
	open []dwarf.Offset
	// shells are the exported candidates to make as shells, by entry
	// index, with their prints (Options.Shells).
	shells map[int32]uint64
	// ownNames has the names of functions and variables copied out of the
	// file (ownNames).
	ownNames bool
}

func newBuilder(f *ddwarf.File, t *unitTree) *builder {
	return &builder{f: f, tree: t, model: &unitModel{producer: t.producer}}
}

// register records t as the type of the entry at off, entry i of b's own
// tree (-1 for another unit's).
func (b *builder) register(off dwarf.Offset, i int, t *Type) {
	b.model.built = append(b.model.built, t)
	b.offsets = append(b.offsets, off)
	if i < 0 {
		if b.foreign == nil {
			b.foreign = map[dwarf.Offset]*Type{}
		}
		b.foreign[off] = t
		return
	}
	b.slotsOf()[i] = int32(len(b.model.built))
}

// slotsOf returns b.slots, allocating it.
func (b *builder) slotsOf() []int32 {
	if b.slots == nil {
		b.slots = touched(make([]int32, b.tree.idx.Len()))
	}
	return b.slots
}

// builtAt returns the type built for the entry at off, or nil, and the
// entry's index in b's own tree (-1 when off is not one of its entries).
func (b *builder) builtAt(off dwarf.Offset) (*Type, int) {
	i := b.tree.idx.Find(off)
	if i < 0 {
		return b.foreign[off], -1
	}
	if b.slots != nil {
		if s := b.slots[i]; s > 0 {
			return b.model.built[s-1], i
		}
	}
	return nil, i
}

// readErr is the first attribute value that could not be read in the
// trees b used.
func (b *builder) readErr() error {
	if b.tree.err != nil {
		return b.tree.err
	}
	for _, t := range b.others {
		if t.err != nil {
			return t.err
		}
	}
	return nil
}

func (b *builder) errorf(off dwarf.Offset, format string, args ...any) error {
	return &ddwarf.Error{File: b.f.Path, Section: ".debug_info", Offset: int64(off), Err: fmt.Errorf(format, args...)}
}
