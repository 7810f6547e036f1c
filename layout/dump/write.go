package dump

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	ddwarf "github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/abi"
)

// Model is what a dump holds: the layout model of a binary and, when it was
// read, its symbol table.
type Model struct {
	Binary  *layout.Binary
	Symbols *ddwarf.SymbolTable
}

// Options tune New and Write.
type Options struct {
	// Passing says how each parameter and the result of fn are passed; ok
	// is false when it cannot tell. The dump records the answer beside the
	// signature. When nil, layout/sig predicts it for the exported functions
	// of a model that has its symbol table. It is called from several
	// goroutines at once.
	Passing func(fn *layout.Function) (params []abi.Pass, result *abi.Pass, ok bool)
}

// Write writes m as an indented abidrift.dump/v1 document, byte for byte as
// json.Encoder indented by "  " without HTML escaping would write New(m)
// (encode.go). The function and type records, the bulk of a dump, are made
// as they are written, in parallel, and never held all at once.
func Write(w io.Writer, m Model, opts Options) error {
	doc, recs := newDoc(m, opts)
	if err := encode(w, doc, recs); err != nil {
		return err
	}
	if recs.late() {
		return errLate
	}
	return nil
}

// errLate is a bug: a record references a type that was not given an id
// before the records were written.
var errLate = errors.New("dump: internal error: a type was reached only when written")

// New converts m to its dump document.
func New(m Model, opts Options) *Doc {
	doc, recs := newDoc(m, opts)
	var s scratch // never reset: the records keep their lists
	doc.Functions = make([]Function, len(recs.funcs))
	for i := range doc.Functions {
		doc.Functions[i] = recs.function(i, &s)
	}
	recs.wait()
	doc.Types = make([]Type, len(recs.types))
	for i := range doc.Types {
		doc.Types[i] = recs.typ(i, &s)
	}
	if recs.late() {
		panic(errLate)
	}
	return doc
}

// records makes the function and type records of a document, in order:
// the functions' once their references have their ids, the types' once
// every type has its id (wait). Records only read the writers' tables, so
// they can be made on several goroutines at once, each with its scratch.
type records struct {
	w       *writer // the ids of all types, once sorted is closed
	roots   *writer // the ids of the types the roots reference
	funcs   []*layout.Function
	types   []typeID // sorted by id once sorted is closed
	sorted  chan struct{}
	failed  any // what discovery panicked with
	passing func(fn *layout.Function) (params []abi.Pass, result *abi.Pass, ok bool)
}

func (r *records) function(i int, s *scratch) Function {
	return r.roots.function(r.funcs[i], r.passing, s)
}

// wait waits until every type has its id and r.types is sorted, and raises
// in the caller's goroutine what discovery panicked with.
func (r *records) wait() {
	<-r.sorted
	if r.failed != nil {
		panic(r.failed)
	}
}

// late reports whether a record referenced a type without an id.
func (r *records) late() bool { return r.w.late.Load() || r.roots.late.Load() }

func (r *records) typ(i int, s *scratch) Type { return r.w.typ(r.types[i].t, r.types[i].id, s) }

// typeID is a type with its own record, and its id.
type typeID struct {
	id string
	t  *layout.Type
}

// newDoc converts m to its dump document without the function and type
// records, and gives the types the roots reference their ids; the other
// types get theirs on another goroutine (records.wait). Meanwhile the
// exported surface is made, which says under which convention each
// function's values travel.
func newDoc(m Model, opts Options) (*Doc, *records) {
	bin := m.Binary
	type passing = func(*layout.Function) ([]abi.Pass, *abi.Pass, bool)
	predicted := make(chan passing, 1)
	var failed any // what predicting panicked with
	if opts.Passing != nil {
		predicted <- opts.Passing
	} else {
		go func() {
			var p passing
			failed = catch(func() { p = sigPassing(m) })
			predicted <- p
		}()
	}
	n := 2 * len(bin.Types) // about as many types as the named ones reach
	w := &writer{byID: make(map[string]*layout.Type, n), queue: make([]*layout.Type, 0, n), eq: newEquality()}
	w.ids.Reserve(bin)
	d := w.discover(bin)
	// The roots' references have their final ids: the rest of the types get
	// theirs, and are sorted, while the roots' records are written.
	recs := &records{w: w, roots: &writer{ids: w.ids.Snapshot()}, funcs: bin.Functions, sorted: make(chan struct{})}
	go func() {
		defer close(recs.sorted)
		recs.failed = catch(func() {
			d.finish()
			recs.types = make([]typeID, len(w.queue))
			for i, t := range w.queue {
				id, _ := w.ids.Get(t)
				recs.types[i] = typeID{id, t}
			}
			slices.SortFunc(recs.types, func(a, b typeID) int { return strings.Compare(a.id, b.id) })
		})
	}()
	doc := &Doc{
		Schema: Schema,
		Binary: BinaryDoc{Path: bin.Path, Arch: bin.Arch, PtrSize: bin.PtrSize, Format: bin.Format, Kind: bin.Kind,
			SONAME: bin.SONAME, BuildID: bin.BuildID, Producers: append([]string{}, bin.Producers...)},
		Named:     make([]string, len(bin.Types)),
		Variables: []Variable{},
		Symbols:   symbolsDoc(m.Symbols),
	}
	for _, v := range bin.VTables {
		doc.VTables = append(doc.VTables, VTable{Type: v.Type, Impl: v.Impl, Trait: v.Trait, Address: v.Address, Slots: v.Slots})
	}
	for i, t := range bin.Types {
		doc.Named[i] = recs.roots.ref(t)
	}
	for _, v := range bin.Variables {
		doc.Variables = append(doc.Variables, Variable{Name: v.Name, LinkageName: v.LinkageName,
			Type: recs.roots.ref(v.Type), Lang: v.Lang, File: v.File, Line: v.Line})
	}
	if recs.passing = <-predicted; failed != nil {
		panic(failed)
	}
	return doc, recs
}

// writer assigns ids to types (discover) and converts them. Once every
// type has its id, it only reads its tables: records can be made on
// several goroutines at once.
type writer struct {
	ids   layout.TypeTable[string]
	byID  map[string]*layout.Type
	queue []*layout.Type // types with their own record, in discovery order
	eq    *equality
	// late is set when a record references a type discovery missed.
	late atomic.Bool
}

// ref returns t's id, "" for nil.
func (w *writer) ref(t *layout.Type) string {
	if t == nil {
		return ""
	}
	id, ok := w.ids.Get(t)
	if !ok {
		w.late.Store(true)
	}
	return id
}

// id returns t's id, "" for nil or a type without one.
func (w *writer) id(t *layout.Type) string {
	if t == nil {
		return ""
	}
	id, _ := w.ids.Get(t)
	return id
}

// baseID is the id a type would get without clashes.
func baseID(t *layout.Type, place func() string) string {
	kind := string(t.Kind)
	switch {
	case t.Name != "" && t.Kind != layout.KindQualified:
		return kind + ":" + t.Name
	case t.IsAggregate():
		return kind + ":{" + place() + "}"
	}
	return kind + ":" + layout.TypeName(t)
}

// function converts fn to its record, with the passing of its values when
// passing is not nil, and its lists in s.
func (w *writer) function(fn *layout.Function, passing func(*layout.Function) ([]abi.Pass, *abi.Pass, bool), s *scratch) Function {
	out := Function{Name: fn.Name, LinkageName: fn.LinkageName,
		Result: w.ref(fn.Result), NoReturn: fn.NoReturn, Variadic: fn.Variadic, Lang: fn.Lang,
		NoCall: fn.NoCall, External: fn.External, LowPC: fn.LowPC, File: fn.File, Line: fn.Line,
		Templates: w.templates(fn.Templates, s), Params: take(&s.params, len(fn.Params))}
	for _, p := range fn.Params {
		out.Params = append(out.Params, Param{Name: p.Name, Type: w.ref(p.Type), Location: location(p.Location)})
	}
	if passing == nil {
		return out
	}
	if params, result, ok := passing(fn); ok && len(params) == len(out.Params) {
		passes := append(take(&s.passes, len(params)), params...)
		for i := range passes {
			out.Params[i].Pass = &passes[i]
		}
		out.ResultPass = result
	}
	return out
}

func location(v any) *Location {
	switch v := v.(type) {
	case []byte:
		return &Location{Expr: hex.EncodeToString(v)}
	case int64:
		return &Location{LocList: &v}
	case uint64:
		n := int64(v)
		return &Location{LocList: &n}
	}
	return nil
}

func (w *writer) templates(tps []layout.TemplateParam, s *scratch) []TemplateParam {
	if len(tps) == 0 {
		return nil
	}
	out := take(&s.templates, len(tps))
	for _, tp := range tps {
		out = append(out, TemplateParam{Name: tp.Name, Type: w.ref(tp.Type), Value: tp.Value})
	}
	return out
}

func (w *writer) fields(fs []layout.Field, s *scratch) []Field {
	if len(fs) == 0 {
		return nil
	}
	out := take(&s.fields, len(fs))
	for _, f := range fs {
		out = append(out, Field{Name: f.Name, Offset: f.Offset, Type: w.ref(f.Type),
			BitSize: f.BitSize, BitOffset: f.BitOffset, Align: f.Align, Artificial: f.Artificial, Base: f.Base,
			File: f.File, Line: f.Line})
	}
	return out
}

// typ converts t, whose id is id, to its record, with its lists in s.
func (w *writer) typ(t *layout.Type, id string, s *scratch) Type {
	out := Type{ID: id, Kind: t.Kind, Name: t.Name, Size: t.Size, Align: t.Align, Lang: t.Lang, Decl: t.Decl,
		File: t.File, Line: t.Line, Encoding: t.Encoding, Signed: t.Signed, Qualifier: t.Qualifier,
		Dims: t.Dims, Variadic: t.Variadic, ABI: t.ABI, Holes: t.Holes, Padding: t.Padding,
		DeclOrder: t.DeclOrder, Payload: t.Payload}
	out.Elem = w.ref(t.Elem)
	out.Fields = w.fields(t.Fields, s)
	if t.Tag != nil {
		out.Tag = &Tag{Offset: t.Tag.Offset, Type: w.ref(t.Tag.Type), Niche: t.Tag.Niche}
	}
	if len(t.Variants) > 0 {
		out.Variants = take(&s.variants, len(t.Variants))
	}
	for _, v := range t.Variants {
		ov := Variant{Name: v.Name, Discr: v.Discr, Type: w.ref(v.Type), Fields: w.fields(v.Fields, s)}
		for _, r := range v.Ranges {
			ov.Ranges = append(ov.Ranges, [2]*bigInt{r.Lo, r.Hi})
		}
		out.Variants = append(out.Variants, ov)
	}
	out.Templates = w.templates(t.Templates, s)
	for _, p := range t.Params {
		out.Params = append(out.Params, w.ref(p))
	}
	out.Result = w.ref(t.Result)
	return out
}

// slot names the i-th field or variant in a place: its name, or "#i".
func slot(name string, i int) string {
	if name != "" {
		return name
	}
	return "#" + strconv.Itoa(i)
}

// String gives the dump of bin as a string, for tests and debugging.
func String(bin *layout.Binary) string {
	b, err := json.MarshalIndent(New(Model{Binary: bin}, Options{}), "", "  ")
	if err != nil {
		return fmt.Sprintf("dump: %v", err)
	}
	return string(b)
}
