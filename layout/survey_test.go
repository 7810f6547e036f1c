package layout

import (
	"os"
	"sync"
	"testing"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/dwarf/dwarftest"
)

// TestSurveyKeysAgree builds every committed binary (and the shared corpora
// when present) and checks that no build had to be redone without stand-ins:
// the keys the survey computes agree with the types the builder makes.
func TestSurveyKeysAgree(t *testing.T) {
	files := dwarftest.ELFFiles("../testdata", "../../shared/corpus")
	if p := os.Getenv("ABIDRIFT_BENCH_BIN"); p != "" {
		files = append(files, p)
	}
	built := 0
	for _, p := range files {
		f, err := ddwarf.Open(p, ddwarf.Options{})
		if err != nil {
			continue
		}
		before := fallbacks.Load()
		if _, err := Build(f, Options{}); err == nil {
			built++
		}
		if fallbacks.Load() != before {
			t.Errorf("%s: built again without stand-ins", p)
		}
		f.Close()
	}
	t.Logf("%d files built", built)
}

func TestProgressReachesTotal(t *testing.T) {
	f, st := openWithSymbols(t, "../testdata/layout/bin/rust-dylib-O0-dw4-legacy.so", ddwarf.Options{})
	for _, c := range []struct {
		name  string
		run   func(Options) error
		total int
	}{
		{"Build", func(o Options) error { _, err := Build(f, o); return err }, 2 * len(f.Units())},
		{"Fingerprint", func(o Options) error {
			o.Exports = st
			p, err := Fingerprint(f, o)
			if p == nil && err == nil {
				t.Fatal("no prints")
			}
			return err
		}, len(f.Units())},
	} {
		var mu sync.Mutex
		var calls [][2]int
		err := c.run(Options{Progress: func(done, total int) {
			mu.Lock()
			calls = append(calls, [2]int{done, total})
			mu.Unlock()
		}})
		if err != nil {
			t.Fatal(err)
		}
		if len(calls) == 0 {
			t.Fatalf("%s: no progress", c.name)
		}
		if last := calls[len(calls)-1]; last[0] != last[1] || last[1] != c.total {
			t.Fatalf("%s: last call %v, want done == total == %d", c.name, last, c.total)
		}
	}
}
