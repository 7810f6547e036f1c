package dump

import (
	"bytes"
	"encoding/json"
	"math/big"
	"strconv"
	"unicode/utf8"

	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/abi"
)

// jsonWriter appends the records of a dump as indented JSON, byte for byte
// as encoding/json's Encoder indented by two spaces without HTML escaping
// writes them, without reflection (TestAppendMatchesEncoder checks it). Its
// methods follow the records' struct fields in order, with their omitempty.
type jsonWriter struct {
	b     []byte
	depth int
	empty bool // an object or array was opened and has nothing yet
}

func (j *jsonWriter) open(c byte) {
	j.b = append(j.b, c)
	j.depth++
	j.empty = true
}

func (j *jsonWriter) close(c byte) {
	j.depth--
	if !j.empty {
		j.b = newline(j.b, j.depth)
	}
	j.empty = false
	j.b = append(j.b, c)
}

// elem starts the next element of an array.
func (j *jsonWriter) elem() {
	if !j.empty {
		j.b = append(j.b, ',')
	}
	j.empty = false
	j.b = newline(j.b, j.depth)
}

// key starts the member k of an object.
func (j *jsonWriter) key(k string) {
	j.elem()
	j.b = append(j.b, '"')
	j.b = append(j.b, k...)
	j.b = append(j.b, '"', ':', ' ')
}

func (j *jsonWriter) str(k, v string) {
	j.key(k)
	j.b = appendString(j.b, v)
}

func (j *jsonWriter) strOmit(k, v string) {
	if v != "" {
		j.str(k, v)
	}
}

func (j *jsonWriter) int(k string, v int64) {
	j.key(k)
	j.b = strconv.AppendInt(j.b, v, 10)
}

func (j *jsonWriter) intOmit(k string, v int64) {
	if v != 0 {
		j.int(k, v)
	}
}

func (j *jsonWriter) uintOmit(k string, v uint64) {
	if v != 0 {
		j.key(k)
		j.b = strconv.AppendUint(j.b, v, 10)
	}
}

func (j *jsonWriter) boolOmit(k string, v bool) {
	if v {
		j.key(k)
		j.b = append(j.b, "true"...)
	}
}

func (j *jsonWriter) bigOmit(k string, v *big.Int) {
	if v != nil {
		j.key(k)
		j.b = v.Append(j.b, 10)
	}
}

// list writes the member k, the array xs written by elem: null when xs is
// nil, nothing when it is empty and omitEmpty.
func list[T any](j *jsonWriter, k string, xs []T, omitEmpty bool, elem func(x *T)) {
	if omitEmpty && len(xs) == 0 {
		return
	}
	j.key(k)
	if xs == nil {
		j.b = append(j.b, "null"...)
		return
	}
	j.open('[')
	for i := range xs {
		j.elem()
		elem(&xs[i])
	}
	j.close(']')
}

func (j *jsonWriter) strings(k string, vs []string, omitEmpty bool) {
	list(j, k, vs, omitEmpty, func(v *string) { j.b = appendString(j.b, *v) })
}

func (j *jsonWriter) function(f *Function) {
	j.open('{')
	j.str("name", f.Name)
	j.strOmit("linkage_name", f.LinkageName)
	list(j, "params", f.Params, false, j.param)
	j.strOmit("result", f.Result)
	j.pass("result_pass", f.ResultPass)
	j.boolOmit("noreturn", f.NoReturn)
	j.boolOmit("variadic", f.Variadic)
	j.strOmit("lang", string(f.Lang))
	j.boolOmit("nocall", f.NoCall)
	j.boolOmit("external", f.External)
	j.uintOmit("low_pc", f.LowPC)
	j.strOmit("file", f.File)
	j.intOmit("line", int64(f.Line))
	list(j, "templates", f.Templates, true, j.template)
	j.close('}')
}

func (j *jsonWriter) param(p *Param) {
	j.open('{')
	j.strOmit("name", p.Name)
	j.str("type", p.Type)
	j.pass("pass", p.Pass)
	if p.Location != nil {
		j.key("location")
		j.open('{')
		j.strOmit("expr", p.Location.Expr)
		if p.Location.LocList != nil {
			j.int("loclist", *p.Location.LocList)
		}
		j.close('}')
	}
	j.close('}')
}

// pass writes the member k unless p is nil.
func (j *jsonWriter) pass(k string, p *abi.Pass) {
	if p == nil {
		return
	}
	j.key(k)
	j.open('{')
	j.str("mode", string(p.Mode))
	j.strings("regs", p.Regs, false)
	j.int("stack_offset", p.StackOffset)
	j.close('}')
}

func (j *jsonWriter) template(tp *TemplateParam) {
	j.open('{')
	j.strOmit("name", tp.Name)
	j.strOmit("type", tp.Type)
	j.bigOmit("value", tp.Value)
	j.close('}')
}

func (j *jsonWriter) typ(t *Type) {
	j.open('{')
	j.str("id", t.ID)
	j.str("kind", string(t.Kind))
	j.strOmit("name", t.Name)
	j.int("size", t.Size)
	j.intOmit("align", t.Align)
	j.strOmit("lang", string(t.Lang))
	j.boolOmit("decl", t.Decl)
	j.strOmit("file", t.File)
	j.intOmit("line", int64(t.Line))
	j.strOmit("encoding", string(t.Encoding))
	j.boolOmit("signed", t.Signed)
	j.strOmit("elem", t.Elem)
	j.strOmit("qualifier", t.Qualifier)
	list(j, "dims", t.Dims, true, func(d *int64) { j.b = strconv.AppendInt(j.b, *d, 10) })
	list(j, "fields", t.Fields, true, j.field)
	if t.Tag != nil {
		j.key("tag")
		j.open('{')
		j.int("offset", t.Tag.Offset)
		j.strOmit("type", t.Tag.Type)
		j.boolOmit("niche", t.Tag.Niche)
		j.close('}')
	}
	list(j, "variants", t.Variants, true, j.variant)
	list(j, "templates", t.Templates, true, j.template)
	j.strings("params", t.Params, true)
	j.strOmit("result", t.Result)
	j.boolOmit("variadic", t.Variadic)
	j.strOmit("abi", t.ABI)
	list(j, "holes", t.Holes, true, func(h *layout.Hole) {
		j.open('{')
		j.int("offset", h.Offset)
		j.int("size", h.Size)
		j.str("after", h.After)
		j.close('}')
	})
	j.intOmit("padding", t.Padding)
	j.boolOmit("decl_order", t.DeclOrder)
	j.boolOmit("payload", t.Payload)
	j.close('}')
}

func (j *jsonWriter) field(f *Field) {
	j.open('{')
	j.strOmit("name", f.Name)
	j.int("offset", f.Offset)
	j.strOmit("type", f.Type)
	j.intOmit("bit_size", f.BitSize)
	j.intOmit("bit_offset", f.BitOffset)
	j.intOmit("align", f.Align)
	j.boolOmit("artificial", f.Artificial)
	j.boolOmit("base", f.Base)
	j.strOmit("file", f.File)
	j.intOmit("line", int64(f.Line))
	j.close('}')
}

func (j *jsonWriter) variant(v *Variant) {
	j.open('{')
	j.str("name", v.Name)
	j.bigOmit("discr", v.Discr)
	list(j, "ranges", v.Ranges, true, func(r *[2]*big.Int) {
		j.open('[')
		for _, x := range r {
			j.elem()
			if x == nil {
				j.b = append(j.b, "null"...)
			} else {
				j.b = x.Append(j.b, 10)
			}
		}
		j.close(']')
	})
	list(j, "fields", v.Fields, true, j.field)
	j.strOmit("type", v.Type)
	j.close('}')
}

func (j *jsonWriter) symbols(d *Symbols) {
	j.open('{')
	j.str("source", d.Source)
	j.strOmit("soname", d.SONAME)
	j.strings("needed", d.Needed, true)
	j.strings("runpath", d.RunPath, true)
	j.strings("rpath", d.RPath, true)
	j.strOmit("build_id", d.BuildID)
	list(j, "exported", d.Exported, false, j.symbol)
	list(j, "undefined", d.Undefined, true, j.symbol)
	j.close('}')
}

func (j *jsonWriter) symbol(s *Symbol) {
	j.open('{')
	j.str("name", s.Name)
	j.str("kind", string(s.Kind))
	j.strOmit("version", s.Version)
	j.boolOmit("hidden", s.Hidden)
	j.strOmit("library", s.Library)
	j.boolOmit("weak", s.Weak)
	j.boolOmit("protected", s.Protected)
	j.uintOmit("value", s.Value)
	j.uintOmit("size", s.Size)
	j.close('}')
}

// appendString appends s as a JSON string. Strings of printable ASCII
// without quotes or backslashes, nearly all in a dump, are copied; others
// go through encoding/json, whose escaping (control characters, invalid
// UTF-8, U+2028 and U+2029) they must match.
func appendString(dst []byte, s string) []byte {
	if !plain(s) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.Encode(s) // a string always encodes
		return append(dst, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// plain reports whether s is printable ASCII without '"' or '\\', eight
// bytes at a time: a byte below 0x20 or equal to one of the two, or with
// its high bit set, sets the high bit of its lane in the word's mask.
func plain(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		q, b := x^(ones*'"'), x^(ones*'\\')
		if (x|(x-ones*0x20)|(q-ones)&^q|(b-ones)&^b)&highs != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
