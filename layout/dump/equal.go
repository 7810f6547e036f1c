package dump

import (
	"math/big"
	"slices"

	"github.com/abidrift/abidrift/layout"
)

type bigInt = big.Int

// equality decides whether two types of a model are the same graph, so that
// the dump can list one record for both. Pairs proven equal are remembered.
type equality struct {
	known map[[2]*layout.Type]bool
}

func newEquality() *equality { return &equality{known: map[[2]*layout.Type]bool{}} }

// equal reports whether a and b have the same attributes and reach equal
// types through every reference. Cycles are assumed equal while in progress,
// which makes the answer the largest consistent one.
func (e *equality) equal(a, b *layout.Type) bool {
	assumed := map[[2]*layout.Type]bool{}
	if !e.eq(a, b, assumed) {
		return false
	}
	for p := range assumed {
		e.known[p] = true
	}
	return true
}

func (e *equality) eq(a, b *layout.Type, assumed map[[2]*layout.Type]bool) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	p := [2]*layout.Type{a, b}
	if e.known[p] || assumed[p] {
		return true
	}
	if !shallowEqual(a, b) {
		return false
	}
	assumed[p] = true
	ra, rb := slices.Collect(a.Refs()), slices.Collect(b.Refs())
	if len(ra) != len(rb) {
		return false
	}
	for i := range ra {
		if !e.eq(*ra[i], *rb[i], assumed) {
			return false
		}
	}
	return true
}

// shallowEqual compares every attribute of a and b except type references.
func shallowEqual(a, b *layout.Type) bool {
	if a.Kind != b.Kind || a.Name != b.Name || a.Size != b.Size || a.Align != b.Align || a.Lang != b.Lang ||
		a.Decl != b.Decl || a.File != b.File || a.Line != b.Line || a.Encoding != b.Encoding || a.Signed != b.Signed ||
		a.Qualifier != b.Qualifier || !slices.Equal(a.Dims, b.Dims) || a.Variadic != b.Variadic || a.ABI != b.ABI ||
		!slices.Equal(a.Holes, b.Holes) || a.Padding != b.Padding || a.DeclOrder != b.DeclOrder || a.Payload != b.Payload {
		return false
	}
	if (a.Elem == nil) != (b.Elem == nil) || (a.Result == nil) != (b.Result == nil) || len(a.Params) != len(b.Params) {
		return false
	}
	if len(a.Fields) != len(b.Fields) || len(a.Variants) != len(b.Variants) || len(a.Templates) != len(b.Templates) {
		return false
	}
	for i := range a.Fields {
		if !fieldEqual(a.Fields[i], b.Fields[i]) {
			return false
		}
	}
	if (a.Tag == nil) != (b.Tag == nil) {
		return false
	}
	if a.Tag != nil && (a.Tag.Offset != b.Tag.Offset || a.Tag.Niche != b.Tag.Niche || (a.Tag.Type == nil) != (b.Tag.Type == nil)) {
		return false
	}
	for i := range a.Variants {
		va, vb := a.Variants[i], b.Variants[i]
		if va.Name != vb.Name || !bigEqual(va.Discr, vb.Discr) || len(va.Ranges) != len(vb.Ranges) ||
			len(va.Fields) != len(vb.Fields) || (va.Type == nil) != (vb.Type == nil) {
			return false
		}
		for j := range va.Ranges {
			if !bigEqual(va.Ranges[j].Lo, vb.Ranges[j].Lo) || !bigEqual(va.Ranges[j].Hi, vb.Ranges[j].Hi) {
				return false
			}
		}
		for j := range va.Fields {
			if !fieldEqual(va.Fields[j], vb.Fields[j]) {
				return false
			}
		}
	}
	for i := range a.Templates {
		if a.Templates[i].Name != b.Templates[i].Name || !bigEqual(a.Templates[i].Value, b.Templates[i].Value) ||
			(a.Templates[i].Type == nil) != (b.Templates[i].Type == nil) {
			return false
		}
	}
	for i := range a.Params {
		if (a.Params[i] == nil) != (b.Params[i] == nil) {
			return false
		}
	}
	return true
}

func fieldEqual(a, b layout.Field) bool {
	return a.Name == b.Name && a.Offset == b.Offset && a.BitSize == b.BitSize && a.BitOffset == b.BitOffset &&
		a.Align == b.Align && a.Artificial == b.Artificial && a.Base == b.Base && a.File == b.File &&
		a.Line == b.Line && (a.Type == nil) == (b.Type == nil)
}

func bigEqual(a, b *big.Int) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Cmp(b) == 0
}
