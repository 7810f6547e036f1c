package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/abidrift/abidrift/dwarf"
)

// gcPercentNow reads the collector's target without changing it.
func gcPercentNow() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestDebugInfoSize checks the size the memory budget is made from against
// the .debug_info the reader decodes, compressed sections included.
func TestDebugInfoSize(t *testing.T) {
	for _, name := range []string{"c-O0-dw5.so", "c-O0-dw5-zlib.so", "c-O0-dw5-zstd.so", "rust-cdylib-O0-dw5-legacy.so"} {
		path := "../../testdata/layout/bin/" + name
		f, err := dwarf.Open(path, dwarf.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := int64(len(f.Sections["info"]))
		f.Close()
		if got := debugInfoSize(path); got != want || want == 0 {
			t.Errorf("%s: debugInfoSize = %d, want %d", name, got, want)
		}
	}
	if got := debugInfoSize("gc_test.go"); got != 0 {
		t.Errorf("a file that is not ELF: %d, want 0", got)
	}
}

// TestTuneGC checks that the tuning sets the budget and the target,
// raises the limit to twice a live heap that outgrows it, and is undone by
// restore; and that GOGC leaves the collector alone.
func TestTuneGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	oldPercent, oldLimit := gcPercentNow(), debug.SetMemoryLimit(-1)
	g := tuneGC(diffBudget, "gc_test.go") // no .debug_info: the floor
	if p, l := gcPercentNow(), debug.SetMemoryLimit(-1); p != gcPercent || l != budgetFloor {
		t.Fatalf("tuned: GOGC %d, limit %d; want %d, %d", p, l, gcPercent, budgetFloor)
	}
	live := make([]byte, budgetFloor) // a live heap of the whole budget
	for i := range live {
		live[i] = byte(i)
	}
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) < 2*budgetFloor && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if l := debug.SetMemoryLimit(-1); l < 2*budgetFloor {
		t.Errorf("limit %d with %d bytes live, want at least twice that", l, len(live))
	}
	runtime.KeepAlive(live)
	g.restore()
	if p, l := gcPercentNow(), debug.SetMemoryLimit(-1); p != oldPercent || l != oldLimit {
		t.Errorf("restored: GOGC %d, limit %d; want %d, %d", p, l, oldPercent, oldLimit)
	}

	// The budget is a ratio of the inputs' .debug_info.
	const bin = "../../testdata/layout/bin/c-O0-dw5.so"
	g = tuneGC(1e5, bin, bin)
	if l, want := debug.SetMemoryLimit(-1), int64(2e5*float64(debugInfoSize(bin))); l != want {
		t.Errorf("budget 1e5 for two inputs: limit %d, want %d", l, want)
	}
	g.restore()

	t.Setenv("GOGC", "100")
	tuneGC(diffBudget, "gc_test.go").restore()
	if p, l := gcPercentNow(), debug.SetMemoryLimit(-1); p != oldPercent || l != oldLimit {
		t.Errorf("with GOGC set: GOGC %d, limit %d; want %d, %d", p, l, oldPercent, oldLimit)
	}
}

// TestSettleForWriting checks that after the build's garbage is collected
// the collector lets the heap grow back to what the process held, and
// leaves a collector set by GOGC alone.
func TestSettleForWriting(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	old := gcPercentNow()
	defer debug.SetGCPercent(old)
	live := make([]byte, 8<<20)
	garbage := make([][]byte, 64)
	for i := range garbage {
		garbage[i] = make([]byte, 1<<20)
		garbage[i][0] = 1
	}
	garbage = nil
	settleForWriting()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	held, p := ms.HeapSys-ms.HeapReleased, gcPercentNow()
	if p <= 100 {
		t.Fatalf("GOGC %d with %d MiB held and %d MiB live, want more than 100", p, held>>20, ms.HeapAlloc>>20)
	}
	if goal := ms.HeapAlloc * uint64(100+p) / 100; goal > held*11/10 || goal < held*9/10 {
		t.Errorf("heap goal %d MiB, want about the %d MiB held", goal>>20, held>>20)
	}
	runtime.KeepAlive(live)

	debug.SetGCPercent(old)
	t.Setenv("GOGC", "100")
	settleForWriting()
	if p := gcPercentNow(); p != old {
		t.Errorf("with GOGC set: GOGC %d, want %d", p, old)
	}
}

func TestPercentToFill(t *testing.T) {
	for _, c := range []struct {
		held, live uint64
		want       int
	}{{300, 100, 200}, {150, 100, 50}, {100, 100, 0}, {50, 100, 0}, {100, 0, 0}, {1 << 40, 1, 1 << 20}} {
		if got := percentToFill(c.held, c.live); got != c.want {
			t.Errorf("percentToFill(%d, %d) = %d, want %d", c.held, c.live, got, c.want)
		}
	}
}
