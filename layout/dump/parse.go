package dump

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// decodeDoc decodes data, a whole dump document, as json.Unmarshal would,
// but the elements of its two large arrays ("functions" and "types") are
// decoded on all CPUs at once. A cheap pass finds where each member and
// element starts and ends (only strings and nesting matter to it); the rest
// of the document is decoded by encoding/json with those two arrays left
// out, and every element by encoding/json too, so the checks are encoding/json's.
// Errors give byte offsets in data.
func decodeDoc(data []byte, doc *Doc) error {
	s := spanner{b: data}
	s.space()
	if s.i == len(data) {
		return io.EOF
	}
	if data[s.i] != '{' {
		return json.Unmarshal(data, doc) // encoding/json says what is wrong
	}
	// The document without its large arrays, each replaced by null, and
	// where the arrays were, to give offsets in data.
	var skeleton []byte
	var cuts []cut
	from := 0
	// The arrays of "functions" and "types", at their offsets: each is
	// decoded, as encoding/json decodes every member; the last value of
	// the key is the one kept.
	var arrays [2][]span
	var lastIsArray [2]bool
	s.i++
	for {
		s.space()
		if s.i < len(data) && data[s.i] == '}' {
			break
		}
		keyAt := s.i
		if !s.value() || data[keyAt] != '"' {
			return s.failed(data, doc)
		}
		var key string
		if err := json.Unmarshal(data[keyAt:s.i], &key); err != nil {
			return json.Unmarshal(data, doc)
		}
		s.space()
		if s.i >= len(data) || data[s.i] != ':' {
			return s.failed(data, doc)
		}
		s.i++
		s.space()
		valAt := s.i
		if !s.value() {
			return s.failed(data, doc)
		}
		// encoding/json matches keys without regard to case.
		if k := slices.IndexFunc([]string{"functions", "types"}, func(s string) bool { return strings.EqualFold(s, key) }); k >= 0 {
			lastIsArray[k] = data[valAt] == '['
			if lastIsArray[k] {
				skeleton = append(skeleton, data[from:valAt]...)
				cuts = append(cuts, cut{at: len(skeleton), skipped: s.i - valAt - len("null")})
				skeleton = append(skeleton, "null"...)
				from = s.i
				arrays[k] = append(arrays[k], span{valAt, s.i})
			}
		}
		s.space()
		if s.i < len(data) && data[s.i] == ',' {
			s.i++
		}
	}
	s.i++
	if s.space(); s.i < len(data) {
		return fmt.Errorf("unexpected data after the document")
	}
	if cuts == nil {
		return json.Unmarshal(data, doc)
	}
	skeleton = append(skeleton, data[from:]...)
	if err := json.Unmarshal(skeleton, doc); err != nil {
		return shiftErr(err, "", func(off int64) int64 {
			shift := 0
			for _, c := range cuts {
				if off > int64(c.at) {
					shift += c.skipped
				}
			}
			return off + int64(shift)
		})
	}
	if err := decodeArrays(data, arrays[0], lastIsArray[0], "functions", &doc.Functions); err != nil {
		return err
	}
	return decodeArrays(data, arrays[1], lastIsArray[1], "types", &doc.Types)
}

// decodeArrays decodes the arrays at spans of data, the values of the
// member key, into *out when the last value of key is the last of them.
func decodeArrays[T any](data []byte, spans []span, lastIsArray bool, key string, out *[]T) error {
	for _, sp := range spans {
		elems, err := decodeArray[T](data[sp.from:sp.to], sp.from, key)
		if err != nil {
			return err
		}
		if lastIsArray {
			*out = elems
		}
	}
	return nil
}

// span is where a value lies in a document.
type span struct{ from, to int }

// cut is where the skeleton of a document left out an array: skipped more
// bytes of the document than the null put in its place at at.
type cut struct{ at, skipped int }

// decodeArray decodes arr, a JSON array at offset base of the document
// whose member key holds it, element by element on all CPUs.
func decodeArray[T any](arr []byte, base int, key string) ([]T, error) {
	s := spanner{b: arr, i: 1}
	var spans []span
	// What the spanner cannot follow, encoding/json decodes or explains.
	whole := func() ([]T, error) {
		var out []T
		if err := json.Unmarshal(arr, &out); err != nil {
			return nil, shiftErr(err, key, func(off int64) int64 { return int64(base) + off })
		}
		return out, nil
	}
	for {
		s.space()
		if s.i < len(arr) && arr[s.i] == ']' && len(spans) == 0 {
			break
		}
		at := s.i
		if !s.value() {
			return whole()
		}
		spans = append(spans, span{at, s.i})
		s.space()
		if s.i < len(arr) && arr[s.i] == ',' {
			s.i++
			continue
		}
		if s.i < len(arr) && arr[s.i] == ']' {
			break
		}
		return whole()
	}
	out := make([]T, len(spans))
	err := inParallel(len(spans), func(i int) error {
		sp := spans[i]
		if err := json.Unmarshal(arr[sp.from:sp.to], &out[i]); err != nil {
			return shiftErr(err, key, func(off int64) int64 { return int64(base+sp.from) + off })
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// shiftErr gives err, an error of encoding/json decoding a part of a
// document, the offsets in the document that at maps the part's to, and the
// field names under key.
func shiftErr(err error, key string, at func(int64) int64) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("invalid JSON at byte offset %d: %v", at(se.Offset), se)
	case errors.As(err, &te):
		field := te.Field
		if key != "" {
			field = key + "." + field
		}
		return fmt.Errorf("at byte offset %d: field %q: expected %v, found a JSON %s", at(te.Offset), strings.TrimSuffix(field, "."), te.Type, te.Value)
	}
	return err
}

// spanner finds where JSON values end, trusting encoding/json to check them
// afterwards: it tells strings and nesting apart, nothing else.
type spanner struct {
	b []byte
	i int
}

// failed is the error of a document the spanner could not follow: truncated
// when it ended first, else what encoding/json says of it.
func (s *spanner) failed(data []byte, doc *Doc) error {
	if s.i >= len(data) {
		return io.ErrUnexpectedEOF
	}
	return json.Unmarshal(data, doc)
}

func (s *spanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
		default:
			return
		}
	}
}

// value moves past the value at s.i; false when the data ends first or
// brackets do not match.
func (s *spanner) value() bool {
	var stack []byte
	for s.i < len(s.b) {
		c := s.b[s.i]
		s.i++
		switch c {
		case '"':
			for s.i < len(s.b) && s.b[s.i] != '"' {
				if s.b[s.i] == '\\' {
					s.i++
				}
				s.i++
			}
			if s.i >= len(s.b) {
				return false
			}
			s.i++
		case '{', '[':
			stack = append(stack, c+2) // '}' is '{'+2, ']' is '['+2
			continue
		case '}', ']':
			if len(stack) == 0 || stack[len(stack)-1] != c {
				return false
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) > 0 {
				continue
			}
			// A bare literal: it ends before a delimiter.
			for s.i < len(s.b) {
				switch s.b[s.i] {
				case ',', '}', ']', ' ', '\t', '\r', '\n', ':', '"', '{', '[':
					return true
				}
				s.i++
			}
			return true
		}
		if len(stack) == 0 {
			return true
		}
	}
	return false
}
