package dwarf_test

import (
	"os"
	"testing"

	"github.com/abidrift/abidrift/dwarf"
)

// Benchmarks run on the small committed fixture and, when ABIDRIFT_BENCH_BIN
// names a file (testdata/bench/bench.sh builds large ones), on that file too:
//
//	ABIDRIFT_BENCH_BIN=/tmp/abidrift-bench/gen-1x-v1.so go test -run X -bench . ./dwarf

const benchFixture = "../testdata/layout/bin/rust-dylib-O0-dw4-legacy.so"

// benchInputs runs fn as a sub-benchmark for the fixture and the large input.
func benchInputs(b *testing.B, fn func(b *testing.B, path string)) {
	b.Run("fixture", func(b *testing.B) { fn(b, benchFixture) })
	b.Run("large", func(b *testing.B) {
		path := os.Getenv("ABIDRIFT_BENCH_BIN")
		if path == "" {
			b.Skip("set ABIDRIFT_BENCH_BIN to a large binary")
		}
		fn(b, path)
	})
}

func openBench(b *testing.B, path string) *dwarf.File {
	b.Helper()
	f, err := dwarf.Open(path, dwarf.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close() })
	b.SetBytes(int64(len(f.Sections["info"])))
	return f
}

// BenchmarkBareWalk is the baseline: every entry decoded once by the standard
// library's debug/dwarf Reader, on one goroutine, keeping nothing.
func BenchmarkBareWalk(b *testing.B) {
	benchInputs(b, func(b *testing.B, path string) {
		f := openBench(b, path)
		b.ResetTimer()
		for b.Loop() {
			n := bareWalk(b, f)
			b.ReportMetric(float64(n), "entries")
		}
	})
}

func bareWalk(b *testing.B, f *dwarf.File) int {
	r := f.Data.Reader()
	n := 0
	for {
		e, err := r.Next()
		if err != nil {
			b.Fatal(err)
		}
		if e == nil {
			return n
		}
		n++
	}
}

// BenchmarkEachUnitWalk is abidrift's walk: every unit indexed (Scan) and
// every entry decoded (Decoder), units in parallel on all CPUs.
func BenchmarkEachUnitWalk(b *testing.B) {
	benchInputs(b, func(b *testing.B, path string) {
		f := openBench(b, path)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			counts := make([]int, len(f.Units()))
			err := f.EachUnit(0, func(i int, u *dwarf.Unit) error {
				x, err := f.Scan(u, 0)
				if err != nil {
					return err
				}
				d := f.NewDecoder(x)
				for j := 0; j < x.Len(); j++ {
					if _, err := d.Entry(j); err != nil {
						return err
					}
				}
				counts[i] = x.Len()
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for _, c := range counts {
				n += c
			}
			b.ReportMetric(float64(n), "entries")
		}
	})
}

// BenchmarkScan indexes every unit (offsets, tags and tree shape, no
// attribute decoded), units in parallel on all CPUs.
func BenchmarkScan(b *testing.B) {
	benchInputs(b, func(b *testing.B, path string) {
		f := openBench(b, path)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			err := f.EachUnit(0, func(i int, u *dwarf.Unit) error {
				_, err := f.Scan(u, 0)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkEachUnitStdWalk is BenchmarkBareWalk spread over the units with
// EachUnit (debug/dwarf readers, one per unit, all CPUs).
func BenchmarkEachUnitStdWalk(b *testing.B) {
	benchInputs(b, func(b *testing.B, path string) {
		f := openBench(b, path)
		b.ResetTimer()
		for b.Loop() {
			err := f.EachUnit(0, func(i int, u *dwarf.Unit) error {
				r := f.Entries(u)
				for {
					e, err := r.Next()
					if err != nil {
						return err
					}
					if e == nil || e.Offset >= u.End {
						return nil
					}
				}
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
