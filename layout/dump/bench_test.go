package dump_test

import (
	"io"
	"os"
	"testing"

	"github.com/abidrift/abidrift/layout/dump"
)

// BenchmarkWrite writes the dump of a model already built (ids, records,
// JSON), on the committed fixture and, when ABIDRIFT_BENCH_BIN names a file
// (testdata/bench/bench.sh builds large ones), on that file too:
//
//	ABIDRIFT_BENCH_BIN=/tmp/abidrift-bench/gen-1x-v1.so go test -run X -bench Write ./layout/dump
func BenchmarkWrite(b *testing.B) {
	run := func(b *testing.B, path string) {
		m := load(b, path)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			var n countingWriter
			if err := dump.Write(&n, m, dump.Options{}); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(n))
		}
	}
	b.Run("fixture", func(b *testing.B) { run(b, "../../testdata/layout/bin/rust-dylib-O0-dw4-legacy.so") })
	b.Run("large", func(b *testing.B) {
		path := os.Getenv("ABIDRIFT_BENCH_BIN")
		if path == "" {
			b.Skip("set ABIDRIFT_BENCH_BIN to a large binary")
		}
		run(b, path)
	})
}

// countingWriter discards what it is given and counts the bytes.
type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)
