package layout_test

import (
	"os"
	"testing"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
)

// Benchmarks run on the small committed fixture and, when ABIDRIFT_BENCH_BIN
// names a file (testdata/bench/bench.sh builds large ones), on that file too:
//
//	ABIDRIFT_BENCH_BIN=/tmp/abidrift-bench/gen-1x-v1.so go test -run X -bench . ./layout

const benchFixture = "../testdata/layout/bin/rust-dylib-O0-dw4-legacy.so"

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

func openBench(b *testing.B, path string) *ddwarf.File {
	b.Helper()
	f, err := ddwarf.Open(path, ddwarf.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close() })
	b.SetBytes(int64(len(f.Sections["info"])))
	return f
}

// BenchmarkBuild builds the whole model (every unit, merged), on all CPUs.
func BenchmarkBuild(b *testing.B) {
	benchInputs(b, func(b *testing.B, path string) {
		f := openBench(b, path)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			bin, err := layout.Build(f, layout.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(len(bin.Types)), "types")
		}
	})
}

// BenchmarkBuild1CPU is BenchmarkBuild on one goroutine.
func BenchmarkBuild1CPU(b *testing.B) {
	benchInputs(b, func(b *testing.B, path string) {
		f := openBench(b, path)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			if _, err := layout.Build(f, layout.Options{Workers: 1}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkOpenAndBuild includes opening the file (reading, decompressing and
// relocating the debug sections, parsing unit headers and abbreviations).
func BenchmarkOpenAndBuild(b *testing.B) {
	benchInputs(b, func(b *testing.B, path string) {
		b.ReportAllocs()
		for b.Loop() {
			f, err := ddwarf.Open(path, ddwarf.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := layout.Build(f, layout.Options{}); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
}

// BenchmarkFingerprint1CPU takes the prints of what the exports reach (the
// first pass of a diff of two binaries), on one goroutine.
func BenchmarkFingerprint1CPU(b *testing.B) {
	benchInputs(b, func(b *testing.B, path string) {
		f := openBench(b, path)
		st, err := f.Symbols()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			if _, err := layout.Fingerprint(f, layout.Options{Workers: 1, Exports: st}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
