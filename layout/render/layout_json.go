package render

import (
	"encoding/json"
	"io"
	"math/big"

	"github.com/abidrift/abidrift/layout"
)

// LayoutSchema names the JSON document of `abidrift layout`.
const LayoutSchema = "abidrift.layout/v1"

// LayoutDoc is the JSON document of `abidrift layout`.
type LayoutDoc struct {
	Schema string       `json:"schema"`
	Types  []LayoutType `json:"types"`
}

// LayoutType is one struct, union or enum.
type LayoutType struct {
	Name      string          `json:"name"`
	Kind      string          `json:"kind"`
	Size      int64           `json:"size"`
	Align     int64           `json:"align"`
	Fields    []LayoutField   `json:"fields"`
	Tag       *LayoutTag      `json:"tag"`
	Variants  []LayoutVariant `json:"variants"`
	Holes     []layout.Hole   `json:"holes,omitempty"`
	Padding   int64           `json:"padding,omitempty"`
	DeclOrder bool            `json:"decl_order"`
	File      string          `json:"file,omitempty"`
	Line      int             `json:"line,omitempty"`
}

// LayoutField is a member at an offset from the start of the value.
type LayoutField struct {
	Name      string `json:"name"`
	Offset    int64  `json:"offset"`
	Size      int64  `json:"size"`
	Type      string `json:"type"`
	BitOffset *int64 `json:"bit_offset,omitempty"`
	BitSize   int64  `json:"bit_size,omitempty"`
	// Fields of an anonymous struct or union member, at offsets from the
	// start of the outermost value.
	Fields []LayoutField `json:"fields,omitempty"`
}

// LayoutTag locates an enum's discriminant.
type LayoutTag struct {
	Offset int64  `json:"offset"`
	Size   int64  `json:"size"`
	Type   string `json:"type"`
	Niche  bool   `json:"niche"`
}

// LayoutVariant is an enum variant; Discr is null only for the dataful variant.
type LayoutVariant struct {
	Name   string        `json:"name"`
	Discr  *big.Int      `json:"discr"`
	Ranges [][2]*big.Int `json:"ranges,omitempty"`
	Fields []LayoutField `json:"fields"`
}

// NewLayoutDoc converts the selected types to their JSON form.
func NewLayoutDoc(entries []Entry) LayoutDoc {
	doc := LayoutDoc{Schema: LayoutSchema, Types: []LayoutType{}}
	for _, e := range entries {
		t := e.Type
		lt := LayoutType{Name: e.Name, Kind: string(t.Kind), Size: t.Size, Align: t.Align,
			Fields: fields(t.Fields), Variants: []LayoutVariant{}, Holes: t.Holes, Padding: t.Padding,
			DeclOrder: t.DeclOrder, File: t.File, Line: t.Line}
		if t.Tag != nil {
			lt.Tag = &LayoutTag{Offset: t.Tag.Offset, Size: sizeOf(t.Tag.Type), Type: layout.TypeName(t.Tag.Type), Niche: t.Tag.Niche}
		}
		for _, v := range t.Variants {
			lv := LayoutVariant{Name: v.Name, Discr: v.Discr, Fields: fields(v.Fields)}
			for _, r := range v.Ranges {
				lv.Ranges = append(lv.Ranges, [2]*big.Int{r.Lo, r.Hi})
			}
			lt.Variants = append(lt.Variants, lv)
		}
		doc.Types = append(doc.Types, lt)
	}
	return doc
}

func fields(fs []layout.Field) []LayoutField { return fieldsAt(fs, 0) }

func fieldsAt(fs []layout.Field, base int64) []LayoutField {
	out := []LayoutField{}
	for _, f := range fs {
		lf := LayoutField{Name: f.Name, Offset: base + f.Offset, Size: sizeOf(f.Type), Type: layout.TypeName(f.Type)}
		if f.BitSize > 0 {
			bo := base*8 + f.BitOffset
			lf.BitOffset, lf.BitSize = &bo, f.BitSize
		}
		if anon := AnonymousMember(f); anon != nil {
			lf.Fields = fieldsAt(anon.Fields, base+f.Offset)
		}
		out = append(out, lf)
	}
	return out
}

// AnonymousMember returns the struct or union type of a member whose type has
// no name (C11 anonymous members, or unnamed nested types), nil otherwise.
func AnonymousMember(f layout.Field) *layout.Type {
	t := f.Type
	if t == nil || t.Name != "" || (t.Kind != layout.KindStruct && t.Kind != layout.KindUnion) {
		return nil
	}
	return t
}

func sizeOf(t *layout.Type) int64 {
	if t == nil {
		return 0
	}
	return t.Size
}

// WriteLayoutJSON writes the selected types as an abidrift.layout/v1 document.
func WriteLayoutJSON(w io.Writer, entries []Entry) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(NewLayoutDoc(entries))
}
