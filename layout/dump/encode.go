package dump

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"runtime"
	"strings"
	"sync"
)

// encode writes doc exactly as a json.Encoder with SetIndent("", "  ") and
// SetEscapeHTML(false) would, but faster and in bounded memory: the
// functions and types, the bulk of a dump, are appended by jsonWriter in
// chunks on all CPUs and written in order as they are done; the small
// members go through encoding/json (TestEncodeMatchesEncoder checks the
// bytes).
//
// The function and type records come from recs, made as they are written,
// when it is not nil; otherwise from doc.
func encode(w io.Writer, doc *Doc, recs *records) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	arrays := newArrayWriter(bw)
	member := func(key string, first bool) {
		if !first {
			bw.WriteByte(',')
		}
		bw.WriteString("\n  \"" + key + "\": ")
	}
	small := func(key string, v any) error {
		member(key, false)
		b, err := marshal(v)
		bw.Write(indent(nil, b, 1))
		return err
	}
	bw.WriteByte('{')
	member("schema", true)
	bw.Write(appendString(nil, doc.Schema))
	if err := small("binary", doc.Binary); err != nil {
		return err
	}
	member("named", false)
	arrays.write(len(doc.Named), doc.Named == nil, nil, func(j *jsonWriter, _ *scratch, i int) { j.b = appendString(j.b, doc.Named[i]) })
	member("functions", false)
	if recs != nil {
		arrays.write(len(recs.funcs), false, recs.functionsAhead, func(j *jsonWriter, s *scratch, i int) {
			f := recs.function(i, s)
			j.function(&f)
		})
	} else {
		arrays.write(len(doc.Functions), doc.Functions == nil, nil, func(j *jsonWriter, _ *scratch, i int) { j.function(&doc.Functions[i]) })
	}
	if err := small("variables", doc.Variables); err != nil {
		return err
	}
	member("types", false)
	if recs != nil {
		recs.wait()
		arrays.write(len(recs.types), false, recs.typesAhead, func(j *jsonWriter, s *scratch, i int) {
			t := recs.typ(i, s)
			j.typ(&t)
		})
	} else {
		arrays.write(len(doc.Types), doc.Types == nil, nil, func(j *jsonWriter, _ *scratch, i int) { j.typ(&doc.Types[i]) })
	}
	if doc.Symbols != nil {
		member("symbols", false)
		arrays.writeOne(func(j *jsonWriter) { j.symbols(doc.Symbols) })
	}
	if len(doc.VTables) > 0 {
		if err := small("vtables", doc.VTables); err != nil {
			return err
		}
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// parallelMin is the length from which an array is written in parallel chunks.
const parallelMin = 1024

// arrayWriter writes the top-level arrays of a document to w. At most
// window chunks of an array are appended ahead of the writer; their buffers
// are used again once written, for this array and the next.
type arrayWriter struct {
	w       *bufio.Writer
	workers int
	free    chan []byte
}

func newArrayWriter(w *bufio.Writer) *arrayWriter {
	workers := runtime.GOMAXPROCS(0)
	window := 2 * workers
	a := &arrayWriter{w: w, workers: workers, free: make(chan []byte, window)}
	for range window {
		a.free <- make([]byte, 0, 64<<10)
	}
	return a
}

// writeOne writes the value of a top-level member, appended by value in
// one of the buffers.
func (a *arrayWriter) writeOne(value func(j *jsonWriter)) {
	j := jsonWriter{b: (<-a.free)[:0], depth: 1}
	value(&j)
	a.w.Write(j.b)
	a.free <- j.b
}

// write writes a top-level member's array of n elements (null when isNil),
// each appended by elem two levels deep with a scratch of its goroutine,
// reset after each; from parallelMin elements on, chunks of them are
// appended on all CPUs at once, each after ahead (when not nil) read ahead
// what its elements read (ahead.go).
func (a *arrayWriter) write(n int, isNil bool, ahead func(lo, hi int), elem func(j *jsonWriter, s *scratch, i int)) {
	const chunk = 256
	w, workers, free := a.w, a.workers, a.free
	switch {
	case isNil:
		w.WriteString("null")
		return
	case n < parallelMin:
		a.writeOne(func(j *jsonWriter) {
			var s scratch
			j.open('[')
			for i := range n {
				j.elem()
				elem(j, &s, i)
				s.reset()
			}
			j.close(']')
		})
		return
	}
	chunks := (n + chunk - 1) / chunk
	type piece struct {
		b      []byte
		failed any // what appending it panicked with
		done   chan struct{}
	}
	pieces := make([]*piece, chunks)
	for i := range pieces {
		pieces[i] = &piece{done: make(chan struct{})}
	}
	// The buffers are handed out in chunk order, so the chunk the writer
	// waits for always has one.
	type job struct {
		c   int
		buf []byte
	}
	next := make(chan job)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var s scratch
			for jb := range next {
				c := jb.c
				j := jsonWriter{b: jb.buf[:0], depth: 2, empty: c == 0}
				pieces[c].failed = catch(func() {
					if ahead != nil {
						ahead(c*chunk, min((c+1)*chunk, n))
					}
					for i := c * chunk; i < min((c+1)*chunk, n); i++ {
						j.elem()
						elem(&j, &s, i)
						s.reset()
					}
				})
				pieces[c].b = j.b
				close(pieces[c].done)
			}
		}()
	}
	go func() {
		for c := range chunks {
			next <- job{c, <-free}
		}
		close(next)
	}()
	w.WriteByte('[')
	for _, p := range pieces {
		if <-p.done; p.failed != nil {
			panic(p.failed)
		}
		w.Write(p.b)
		free <- p.b
		p.b = nil
	}
	wg.Wait()
	w.WriteString("\n  ]")
}

// marshal encodes v compactly without escaping HTML characters.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// indent appends src, compact JSON starting depth levels deep, indented by
// two spaces per level as json.Indent with no prefix does: one member or
// element per line, empty objects and arrays kept as {} and [].
func indent(dst, src []byte, depth int) []byte {
	open := false // after { or [, the newline waits for the next token
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			dst = newline(dst, depth)
		}
		switch c {
		case '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			dst = append(dst, src[i:min(j+1, len(src))]...)
			i = j
		case '{', '[':
			dst = append(dst, c)
			open = true
		case ',':
			dst = append(dst, c)
			dst = newline(dst, depth)
		case ':':
			dst = append(dst, ':', ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				dst = newline(dst, depth)
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// newlines is a newline followed by spaces, for the usual depths.
var newlines = "\n" + strings.Repeat(" ", 2*32)

func newline(dst []byte, depth int) []byte {
	if n := 1 + 2*depth; n <= len(newlines) {
		return append(dst, newlines[:n]...)
	}
	dst = append(dst, '\n')
	for range depth {
		dst = append(dst, ' ', ' ')
	}
	return dst
}
