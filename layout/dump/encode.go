package dump

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"runtime"
	"strings"
	"sync"
)

// encode writes doc exactly as a json.Encoder with SetIndent("", "  ") and
// SetEscapeHTML(false) would, but faster and in bounded memory: the elements
// of the document's large arrays (functions, types) are marshalled in chunks
// on all CPUs, each indented by a byte loop instead of json.Indent, and the
// pieces are written in order as they are done. Everything else goes through
// encoding/json as before (TestEncodeMatchesEncoder checks the bytes).
//
// The type records come from types, made as they are written, when the
// document has none.
func encode(w io.Writer, doc *Doc, types *typeStream) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	v := reflect.ValueOf(doc).Elem()
	t := v.Type()
	bw.WriteByte('{')
	first := true
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		fv := v.Field(i)
		if strings.Contains(","+opts+",", ",omitempty,") && isEmptyValue(fv) {
			continue
		}
		if !first {
			bw.WriteByte(',')
		}
		first = false
		bw.WriteString("\n  ")
		key, _ := marshal(name)
		bw.Write(key)
		bw.WriteString(": ")
		var err error
		lazy := sf.Name == "Types" && types != nil
		switch {
		case lazy && len(types.order) >= parallelMin:
			err = encodeArray(bw, len(types.order), func(i int) any { return types.record(i) })
		case !lazy && fv.Kind() == reflect.Slice && !fv.IsNil() && fv.Len() >= parallelMin:
			err = encodeArray(bw, fv.Len(), func(i int) any { return fv.Index(i).Interface() })
		default:
			val := fv.Interface()
			if lazy {
				val = types.all()
			}
			var b []byte
			if b, err = marshal(val); err == nil {
				bw.Write(indent(nil, b, 1))
			}
		}
		if err != nil {
			return err
		}
	}
	if first {
		bw.WriteString("}\n")
	} else {
		bw.WriteString("\n}\n")
	}
	return bw.Flush()
}

// parallelMin is the length from which an array is encoded in parallel chunks.
const parallelMin = 1024

// encodeArray writes a top-level array field's value of n elements, made
// by elem (they sit two levels deep in the document); elem is called on
// several goroutines at once.
func encodeArray(w *bufio.Writer, n int, elem func(i int) any) error {
	const chunk = 256
	chunks := (n + chunk - 1) / chunk
	workers := runtime.GOMAXPROCS(0)
	type piece struct {
		b    []byte
		err  error
		done chan struct{}
	}
	pieces := make([]*piece, chunks)
	for i := range pieces {
		pieces[i] = &piece{done: make(chan struct{})}
	}
	// At most window chunks are encoded ahead of the writer.
	window := make(chan struct{}, 2*workers)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			for c := range next {
				p := pieces[c]
				var out []byte
				for i := c * chunk; i < min((c+1)*chunk, n) && p.err == nil; i++ {
					buf.Reset()
					if p.err = enc.Encode(elem(i)); p.err != nil {
						break
					}
					out = append(out, ",\n    "[boolInt(i == 0):]...)
					out = indent(out, bytes.TrimSuffix(buf.Bytes(), []byte("\n")), 2)
				}
				p.b = out
				close(p.done)
			}
		}()
	}
	go func() {
		for c := range chunks {
			window <- struct{}{}
			next <- c
		}
		close(next)
	}()
	w.WriteByte('[')
	var err error
	for _, p := range pieces {
		<-p.done
		<-window
		if err == nil {
			if err = p.err; err == nil {
				w.Write(p.b)
			}
		}
		p.b = nil
	}
	wg.Wait()
	w.WriteString("\n  ]")
	return err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
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

// isEmptyValue is encoding/json's omitempty test.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}
