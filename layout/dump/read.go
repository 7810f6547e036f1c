package dump

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"os"
	"sort"

	"github.com/abidrift/abidrift/layout"
)

// Error is a dump that cannot be read: File names it, Err says why.
type Error struct {
	File string
	Err  error
}

func (e *Error) Error() string { return e.File + ": abidrift dump: " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Looks reports whether data, the start of a file, is a dump rather than an
// object file: its first non-blank byte is '{'.
func Looks(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n\ufeff")
	return len(data) > 0 && data[0] == '{'
}

// IsDumpFile reports whether the file at path looks like a dump.
func IsDumpFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 512)
	n, _ := io.ReadFull(f, buf)
	return Looks(buf[:n])
}

// ReadFile reads the dump at path back into a model.
func ReadFile(path string) (Model, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return Model{}, &Error{File: path, Err: err}
	}
	defer f.Close()
	return Read(f, path)
}

// Read decodes a dump from r; name is the file name errors quote. A malformed
// document gives an *Error, never a panic.
func Read(r io.Reader, name string) (m Model, err error) {
	defer func() {
		if p := recover(); p != nil {
			m, err = Model{}, &Error{File: name, Err: fmt.Errorf("malformed dump: %v", p)}
		}
	}()
	// The whole document is read at once; a file's size sizes the buffer,
	// which would otherwise grow by copies to up to twice the document.
	var buf bytes.Buffer
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() {
			buf.Grow(int(fi.Size()) + bytes.MinRead)
		}
	}
	if _, err := buf.ReadFrom(r); err != nil {
		return Model{}, &Error{File: name, Err: err}
	}
	var doc Doc
	if err := decodeDoc(buf.Bytes(), &doc); err != nil {
		return Model{}, &Error{File: name, Err: decodeErr(err)}
	}
	m, err = FromDoc(&doc)
	if err != nil {
		return Model{}, &Error{File: name, Err: err}
	}
	if m.Binary.Path == "" {
		m.Binary.Path = name
	}
	return m, nil
}

func decodeErr(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("invalid JSON at byte offset %d: %v", se.Offset, se)
	case errors.As(err, &te):
		return fmt.Errorf("at byte offset %d: field %q: expected %v, found a JSON %s", te.Offset, te.Field, te.Type, te.Value)
	case errors.Is(err, io.EOF):
		return errors.New("empty file")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("truncated JSON")
	}
	return err
}

var kinds = map[layout.Kind]bool{
	layout.KindBase: true, layout.KindPointer: true, layout.KindReference: true, layout.KindStruct: true,
	layout.KindUnion: true, layout.KindEnum: true, layout.KindArray: true, layout.KindTypedef: true,
	layout.KindQualified: true, layout.KindFunction: true, layout.KindVoid: true, layout.KindPtrToMember: true,
}

// reader links the records of a document into model types.
type reader struct {
	types map[string]*layout.Type
}

// ref returns the type id names; where says what refers to it, for the
// error when the dump does not define it.
func (r *reader) ref(id string, where func() string) (*layout.Type, error) {
	if id == "" {
		return nil, nil
	}
	t := r.types[id]
	if t == nil {
		return nil, fmt.Errorf("%s refers to type %q, which the dump does not define", where(), id)
	}
	return t, nil
}

// FromDoc rebuilds the model a document describes, checking every reference.
func FromDoc(doc *Doc) (Model, error) {
	bin, err := fromDoc(doc)
	if err != nil {
		return Model{}, err
	}
	st, err := symbolTable(doc.Symbols)
	if err != nil {
		return Model{}, err
	}
	for _, v := range doc.VTables {
		bin.VTables = append(bin.VTables, layout.VTable{Type: v.Type, Impl: v.Impl, Trait: v.Trait, Address: v.Address, Slots: v.Slots})
	}
	return Model{Binary: bin, Symbols: st}, nil
}

func fromDoc(doc *Doc) (*layout.Binary, error) {
	if doc.Schema != Schema {
		if doc.Schema == "" {
			return nil, fmt.Errorf("not an abidrift dump (no \"schema\": %q)", Schema)
		}
		return nil, fmt.Errorf("unsupported schema %q (this abidrift reads %q)", doc.Schema, Schema)
	}
	r := &reader{types: map[string]*layout.Type{}}
	for i, rec := range doc.Types {
		if rec.ID == "" {
			return nil, fmt.Errorf("types[%d] has no id", i)
		}
		if r.types[rec.ID] != nil {
			return nil, fmt.Errorf("type id %q is defined twice", rec.ID)
		}
		if !kinds[rec.Kind] {
			return nil, fmt.Errorf("type %q has unknown kind %q", rec.ID, rec.Kind)
		}
		r.types[rec.ID] = &layout.Type{Num: int32(i + 1)}
	}
	// Each record fills its own type and only reads the others' ids.
	if err := inParallel(len(doc.Types), func(i int) error { return r.fill(&doc.Types[i]) }); err != nil {
		return nil, err
	}
	if err := checkGraph(r.types); err != nil {
		return nil, err
	}
	b := doc.Binary
	if b.PtrSize < 0 || b.PtrSize > 16 {
		return nil, fmt.Errorf("binary.ptr_size %d is out of range", b.PtrSize)
	}
	bin := &layout.Binary{Path: b.Path, Arch: b.Arch, PtrSize: b.PtrSize, Format: b.Format, Kind: b.Kind,
		SONAME: b.SONAME, BuildID: b.BuildID, Producers: append([]string(nil), b.Producers...)}
	for i, id := range doc.Named {
		t, err := r.ref(id, func() string { return fmt.Sprintf("named[%d]", i) })
		if err != nil {
			return nil, err
		}
		if t == nil {
			return nil, fmt.Errorf("named[%d] is empty", i)
		}
		bin.Types = append(bin.Types, t)
	}
	for i, f := range doc.Functions {
		fn, err := r.function(f, func() string { return fmt.Sprintf("functions[%d] (%s)", i, f.Name) })
		if err != nil {
			return nil, err
		}
		bin.Functions = append(bin.Functions, fn)
	}
	for i, v := range doc.Variables {
		t, err := r.ref(v.Type, func() string { return fmt.Sprintf("variables[%d] (%s)", i, v.Name) })
		if err != nil {
			return nil, err
		}
		bin.Variables = append(bin.Variables, &layout.Variable{Name: v.Name, LinkageName: v.LinkageName, Type: t,
			Lang: v.Lang, File: v.File, Line: v.Line})
	}
	return bin, nil
}

func (r *reader) function(f Function, where func() string) (*layout.Function, error) {
	fn := &layout.Function{Name: f.Name, LinkageName: f.LinkageName, NoReturn: f.NoReturn, Variadic: f.Variadic,
		Lang: f.Lang, NoCall: f.NoCall, External: f.External, LowPC: f.LowPC, File: f.File, Line: f.Line}
	var err error
	if fn.Result, err = r.ref(f.Result, func() string { return where() + " result" }); err != nil {
		return nil, err
	}
	for j, p := range f.Params {
		t, err := r.ref(p.Type, func() string { return where() + fmt.Sprintf(" parameter %d", j) })
		if err != nil {
			return nil, err
		}
		lp := layout.Param{Name: p.Name, Type: t}
		if p.Location != nil {
			switch {
			case p.Location.LocList != nil:
				lp.Location = *p.Location.LocList
			default:
				b, err := hex.DecodeString(p.Location.Expr)
				if err != nil {
					return nil, fmt.Errorf("%s parameter %d: location expression is not hex", where(), j)
				}
				lp.Location = b
			}
		}
		fn.Params = append(fn.Params, lp)
	}
	if fn.Templates, err = r.templates(f.Templates, where); err != nil {
		return nil, err
	}
	return fn, nil
}

func (r *reader) templates(tps []TemplateParam, where func() string) ([]layout.TemplateParam, error) {
	var out []layout.TemplateParam
	for i, tp := range tps {
		t, err := r.ref(tp.Type, func() string { return where() + fmt.Sprintf(" template %d", i) })
		if err != nil {
			return nil, err
		}
		out = append(out, layout.TemplateParam{Name: tp.Name, Type: t, Value: copyInt(tp.Value)})
	}
	return out, nil
}

func (r *reader) fields(fs []Field, where func() string) ([]layout.Field, error) {
	var out []layout.Field
	for i, f := range fs {
		t, err := r.ref(f.Type, func() string { return where() + fmt.Sprintf(" field %d (%s)", i, f.Name) })
		if err != nil {
			return nil, err
		}
		if f.BitSize < 0 {
			return nil, fmt.Errorf("%s field %d (%s) has a negative bit size", where(), i, f.Name)
		}
		out = append(out, layout.Field{Name: f.Name, Offset: f.Offset, Type: t, BitSize: f.BitSize,
			BitOffset: f.BitOffset, Align: f.Align, Artificial: f.Artificial, Base: f.Base, File: f.File, Line: f.Line})
	}
	return out, nil
}

// fill sets the type of rec from its record.
func (r *reader) fill(rec *Type) error {
	where := func() string { return fmt.Sprintf("type %q", rec.ID) }
	if rec.Size < -1 {
		return fmt.Errorf("%s has size %d", where(), rec.Size)
	}
	if rec.Align < 0 {
		return fmt.Errorf("%s has alignment %d", where(), rec.Align)
	}
	for _, d := range rec.Dims {
		if d < -1 {
			return fmt.Errorf("%s has array bound %d", where(), d)
		}
	}
	t := r.types[rec.ID]
	*t = layout.Type{Num: t.Num, Kind: rec.Kind, Name: rec.Name, Size: rec.Size, Align: rec.Align, Lang: rec.Lang, Decl: rec.Decl,
		File: rec.File, Line: rec.Line, Encoding: rec.Encoding, Signed: rec.Signed, Qualifier: rec.Qualifier,
		Dims: rec.Dims, Variadic: rec.Variadic, ABI: rec.ABI, Holes: rec.Holes, Padding: rec.Padding,
		DeclOrder: rec.DeclOrder, Payload: rec.Payload}
	var err error
	if t.Elem, err = r.ref(rec.Elem, func() string { return where() + " elem" }); err != nil {
		return err
	}
	if t.Fields, err = r.fields(rec.Fields, where); err != nil {
		return err
	}
	if rec.Tag != nil {
		tt, err := r.ref(rec.Tag.Type, func() string { return where() + " tag" })
		if err != nil {
			return err
		}
		t.Tag = &layout.Tag{Offset: rec.Tag.Offset, Type: tt, Niche: rec.Tag.Niche}
	}
	for i, v := range rec.Variants {
		vw := func() string { return where() + fmt.Sprintf(" variant %d (%s)", i, v.Name) }
		lv := layout.Variant{Name: v.Name, Discr: copyInt(v.Discr)}
		if lv.Type, err = r.ref(v.Type, vw); err != nil {
			return err
		}
		if lv.Fields, err = r.fields(v.Fields, vw); err != nil {
			return err
		}
		for _, rg := range v.Ranges {
			if rg[0] == nil || rg[1] == nil {
				return fmt.Errorf("%s has an incomplete discriminant range", vw())
			}
			lv.Ranges = append(lv.Ranges, layout.DiscrRange{Lo: copyInt(rg[0]), Hi: copyInt(rg[1])})
		}
		t.Variants = append(t.Variants, lv)
	}
	if t.Templates, err = r.templates(rec.Templates, where); err != nil {
		return err
	}
	for i, p := range rec.Params {
		pt, err := r.ref(p, func() string { return where() + fmt.Sprintf(" parameter %d", i) })
		if err != nil {
			return err
		}
		t.Params = append(t.Params, pt)
	}
	if t.Result, err = r.ref(rec.Result, func() string { return where() + " result" }); err != nil {
		return err
	}
	return nil
}

func copyInt(v *big.Int) *big.Int {
	if v == nil {
		return nil
	}
	return new(big.Int).Set(v)
}

// maxSpelling bounds the length of the spelling of any type of a dump: the
// spelling of an unnamed type repeats its parts, so a small hostile document
// could describe types whose names take exponential time to write.
const maxSpelling = 1 << 20

// checkGraph rejects type graphs no compiler produces and that would make
// the readers of a model loop or blow up: a cycle that passes through no
// named struct, union or enum (C and Rust can only close a cycle through a
// named aggregate), and types whose spelling would be huge.
func checkGraph(types map[string]*layout.Type) error {
	const (
		white = iota
		grey
		black
	)
	state := map[*layout.Type]int{}
	size := map[*layout.Type]int64{}
	names := map[*layout.Type]string{}
	for id, t := range types {
		names[t] = id
	}
	stops := func(t *layout.Type) bool { return t.Name != "" && t.IsAggregate() }
	var visit func(t *layout.Type, depth int) error
	visit = func(t *layout.Type, depth int) error {
		switch state[t] {
		case grey:
			return fmt.Errorf("type %q is part of a reference cycle that passes through no named struct, union or enum", names[t])
		case black:
			return nil
		}
		if depth > 10000 {
			return fmt.Errorf("type %q: references nested deeper than 10000", names[t])
		}
		state[t] = grey
		n := int64(len(t.Name)) + 8
		for r := range t.Refs() {
			u := *r
			if u == nil {
				continue
			}
			if stops(u) {
				n += int64(len(u.Name))
				continue
			}
			if err := visit(u, depth+1); err != nil {
				return err
			}
			n += size[u]
			if n > maxSpelling {
				return fmt.Errorf("type %q is too large to spell (its parts repeat more than %d bytes)", names[t], maxSpelling)
			}
		}
		state[t], size[t] = black, n
		return nil
	}
	ids := make([]string, 0, len(types))
	for id := range types {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if t := types[id]; !stops(t) {
			if err := visit(t, 0); err != nil {
				return err
			}
			continue
		}
		// A named aggregate stops spellings, but its own parts are checked.
		t := types[id]
		state[t] = black
		for r := range t.Refs() {
			if u := *r; u != nil && !stops(u) {
				if err := visit(u, 0); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
