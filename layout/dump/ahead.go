package dump

import (
	"iter"
	"sync/atomic"

	"github.com/abidrift/abidrift/layout"
)

// The records of a large model are made from types and functions scattered
// over the heap (and names over a mapped file), so that nearly every read
// making a record misses the cache, one miss after another. Before a chunk
// of records is made, its reads are made ahead, one kind at a time for the
// whole chunk: the misses of a kind do not depend on each other, so the
// processor overlaps them. The type records of the 4x bench input then take
// 107 ms instead of 167 (testdata/bench/RESULTS.md).

// aheadSum keeps what is read ahead, so that the reads are made.
var aheadSum atomic.Uint64

// typesAhead reads ahead what the records of r.types[lo:hi] read: each
// type, its name and lists, the types it references and their ids.
func (r *records) typesAhead(lo, hi int) {
	var sum uint64
	ts := r.types[lo:hi]
	for _, x := range ts {
		t := x.t // a word of each of its cache lines
		sum += uint64(t.Num) + uint64(t.Size+t.Align) + uint64(len(t.File)+t.Line) + uint64(len(t.Qualifier)+len(t.Dims)) +
			uint64(len(t.Fields)+len(t.Variants)) + uint64(len(t.Templates)+len(t.Params)) + uint64(len(t.ABI)+len(t.Holes))
	}
	for _, x := range ts {
		t := x.t
		sum += first(x.id) + first(t.Name)
		for _, f := range t.Fields {
			sum += uint64(f.Offset)
		}
		for _, v := range t.Variants {
			sum += uint64(len(v.Fields))
		}
		if t.Tag != nil {
			sum += uint64(t.Tag.Offset)
		}
	}
	for _, x := range ts {
		for _, f := range x.t.Fields {
			sum += first(f.Name)
		}
		for p := range x.t.Refs() {
			if u := *p; u != nil {
				sum += uint64(u.Num)
			}
		}
	}
	for _, x := range ts {
		for p := range x.t.Refs() {
			sum += first(r.w.id(*p))
		}
	}
	aheadSum.Add(sum)
}

// functionsAhead reads ahead what the records of r.funcs[lo:hi] read: each
// function, its names, parameters and the ids of their types.
func (r *records) functionsAhead(lo, hi int) {
	var sum uint64
	fns := r.funcs[lo:hi]
	for _, fn := range fns {
		sum += uint64(len(fn.Name)+len(fn.Params)+len(fn.Templates)) + fn.LowPC
	}
	for _, fn := range fns {
		sum += first(fn.Name) + first(fn.LinkageName)
		for _, p := range fn.Params {
			sum += uint64(len(p.Name))
		}
	}
	for _, fn := range fns {
		for t := range fnRefs(fn) {
			sum += uint64(t.Num)
		}
		for _, p := range fn.Params {
			sum += first(p.Name)
		}
	}
	for _, fn := range fns {
		for t := range fnRefs(fn) {
			sum += first(r.roots.id(t))
		}
	}
	aheadSum.Add(sum)
}

// fnRefs yields the types fn's record references.
func fnRefs(fn *layout.Function) iter.Seq[*layout.Type] {
	return func(yield func(*layout.Type) bool) {
		if fn.Result != nil && !yield(fn.Result) {
			return
		}
		for _, tp := range fn.Templates {
			if tp.Type != nil && !yield(tp.Type) {
				return
			}
		}
		for _, p := range fn.Params {
			if p.Type != nil && !yield(p.Type) {
				return
			}
		}
	}
}

// first is the first byte of s, to read it.
func first(s string) uint64 {
	if s == "" {
		return 0
	}
	return uint64(s[0])
}
