package main

import (
	"debug/elf"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// The collector's settings while binaries are read. The inputs are mapped
// (dwarf.Options.Map), so the heap holds what is made of them. A diff keeps
// exports-only models, prints and indexes, whose live size peaks near 1.6
// times the inputs' .debug_info together; a dump builds a whole model, and
// the entry trees and names of the units being built, to peak near 7 times
// (testdata/bench). The heap is given a budget of a ratio of the
// .debug_info, diffBudget or dumpBudget, with a target of gcPercent while it
// is under it: less collecting while the heap is small, and a lower peak at
// the end than a target alone gives (a diff: 12-14 % less memory than
// GOGC=150 at the same wall clock time; a dump: 4 % less CPU time than the
// defaults and no more memory, testdata/bench/RESULTS.md). A diff with a
// dump on one side keeps the defaults: a dump is decoded into a whole model
// on the heap.
const (
	gcPercent   = 400
	diffBudget  = 3.3
	dumpBudget  = 10
	budgetFloor = 64 << 20
)

// gcTuning is what tuneGC changed, for restore.
type gcTuning struct {
	mu      sync.Mutex
	active  bool
	percent int
	limit   int64
}

// tuneGC sets the collector for reading the binaries at paths, unless GOGC
// or GOMEMLIMIT sets it: a memory limit of budget times their .debug_info
// (at least budgetFloor) and a target of gcPercent. After each
// collection the limit is raised to twice the live heap when it is lower,
// so that models larger than the estimate are collected as with GOGC=100
// rather than over and over.
func tuneGC(budget float64, paths ...string) *gcTuning {
	g := &gcTuning{}
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return g
	}
	var info int64
	for _, p := range paths {
		info += debugInfoSize(p)
	}
	g.active = true
	g.limit = debug.SetMemoryLimit(max(budgetFloor, int64(budget*float64(info))))
	g.percent = debug.SetGCPercent(gcPercent)
	g.watch()
	return g
}

// debugInfoSize is the size of the .debug_info section of the ELF file at
// path (uncompressed), at most 32 times the file's size; 0 when it has
// none or cannot be read.
func debugInfoSize(path string) int64 {
	f, err := elf.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	s := f.Section(".debug_info")
	st, err := os.Stat(path)
	if s == nil || err != nil {
		return 0
	}
	return min(int64(s.Size), 32*st.Size())
}

// watch calls raise once the next collection is over, and again after
// each one, until restore.
func (g *gcTuning) watch() {
	// The sentinel holds a pointer, so it does not come from the tiny
	// allocator, whose blocks are finalized late.
	type sentinel struct{ _ *byte }
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		if g.raise() {
			g.watch()
		}
	})
}

// raise sets the memory limit to twice the live heap when it is lower; it
// reports whether the tuning is still active.
func (g *gcTuning) raise() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.active {
		return false
	}
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	if live[0].Value.Kind() == metrics.KindUint64 {
		if want := 2 * int64(live[0].Value.Uint64()); want > debug.SetMemoryLimit(-1) {
			debug.SetMemoryLimit(want)
		}
	}
	return true
}

// restore sets the collector back as it was.
func (g *gcTuning) restore() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.active {
		g.active = false
		debug.SetGCPercent(g.percent)
		debug.SetMemoryLimit(g.limit)
	}
}

// settleForWriting collects what building a model left (entry indexes,
// trees) before the model is written, so that the writer's garbage is
// paced by the model alone (8-10 % less peak memory than without). Then,
// unless GOGC or GOMEMLIMIT sets the collector, its target becomes the heap
// the build held: the writer's garbage (its records are made as they are
// written) fills memory the process already has instead of starting a
// collection, which would mark the whole model again (4-5 % of a dump's
// CPU time, testdata/bench/RESULTS.md).
func settleForWriting() {
	runtime.GC()
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if p := percentToFill(ms.HeapSys-ms.HeapReleased, ms.HeapAlloc); p > 100 {
		debug.SetGCPercent(p)
	}
}

// percentToFill is the collector target (GOGC) at which a live heap of
// live bytes grows to held bytes before the next collection.
func percentToFill(held, live uint64) int {
	if live == 0 || held <= live {
		return 0
	}
	return int(min(100*(held-live)/live, 1<<20))
}
