package diff_test

import (
	"io"
	"os"
	"testing"

	"github.com/abidrift/abidrift/diff"
	"github.com/abidrift/abidrift/diff/render"
	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
)

// Benchmarks run on a small committed pair and, when ABIDRIFT_BENCH_BIN names
// a file (testdata/bench/bench.sh builds large ones), on that file against
// ABIDRIFT_BENCH_BIN2 (itself when unset):
//
//	ABIDRIFT_BENCH_BIN=/tmp/abidrift-bench/gen-1x-v1.so \
//	ABIDRIFT_BENCH_BIN2=/tmp/abidrift-bench/gen-1x-v2.so go test -run X -bench . ./diff

const (
	benchOld = "../testdata/diff/bin/rs_enum.old.so"
	benchNew = "../testdata/diff/bin/rs_enum.new.so"
)

func benchPairs(b *testing.B, fn func(b *testing.B, oldPath, newPath string)) {
	b.Run("fixture", func(b *testing.B) { fn(b, benchOld, benchNew) })
	b.Run("large", func(b *testing.B) {
		old := os.Getenv("ABIDRIFT_BENCH_BIN")
		if old == "" {
			b.Skip("set ABIDRIFT_BENCH_BIN (and ABIDRIFT_BENCH_BIN2) to large binaries")
		}
		new := os.Getenv("ABIDRIFT_BENCH_BIN2")
		if new == "" {
			new = old
		}
		fn(b, old, new)
	})
}

// benchSurface reads path as abidrift diff does: its model, symbol table and
// vtables, and its exported surface.
func benchSurface(b *testing.B, path string) *layout.Surface {
	b.Helper()
	f, err := dwarf.Open(path, dwarf.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	bin, err := layout.Build(f, layout.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if bin.VTables, err = layout.VTables(f, bin); err != nil {
		b.Fatal(err)
	}
	st, err := f.Symbols()
	if err != nil {
		b.Fatal(err)
	}
	return layout.NewSurface(bin, st, layout.ExportOptions{})
}

// BenchmarkCompare compares two surfaces already read.
func BenchmarkCompare(b *testing.B) {
	benchPairs(b, func(b *testing.B, oldPath, newPath string) {
		so, sn := benchSurface(b, oldPath), benchSurface(b, newPath)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			r := diff.CompareSurfaces(so, sn, diff.Options{})
			b.ReportMetric(float64(len(r.Changes)), "changes")
		}
	})
}

// BenchmarkDiff is abidrift diff without the process: both binaries read,
// compared, and the report rendered as text.
func BenchmarkDiff(b *testing.B) {
	benchPairs(b, func(b *testing.B, oldPath, newPath string) {
		b.ReportAllocs()
		for b.Loop() {
			so, sn := benchSurface(b, oldPath), benchSurface(b, newPath)
			r := diff.CompareSurfaces(so, sn, diff.Options{})
			if err := render.Text(io.Discard, r, render.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDiffShells is abidrift diff of two binaries as the command runs
// it: both fingerprinted, built for their exports with what is alike as
// shells, completed, compared, and the report rendered as JSON.
func BenchmarkDiffShells(b *testing.B) {
	benchPairs(b, func(b *testing.B, oldPath, newPath string) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, ok := shellReport(b, oldPath, newPath, true); !ok {
				b.Fatal("the shells do not pair")
			}
		}
	})
}
