package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/abidrift/abidrift/layout"
)

// equiv decides whether an old and a new type are the same as far as the ABI
// goes: typedefs and qualifiers are looked through at every level, named
// structs, unions and enums are the same when their names are (their
// definitions are compared on their own), base types when their size,
// encoding and signedness are, and unnamed types by structure. Cycles are
// assumed equal while in progress.
type equiv struct {
	c     *comparer
	known map[[2]*layout.Type]bool
}

func (e *equiv) same(a, b *layout.Type) bool {
	assumed := map[[2]*layout.Type]bool{}
	if !e.eq(a, b, assumed, false) {
		return false
	}
	for p := range assumed {
		e.known[p] = true
	}
	return true
}

// sameLayout is same for two aggregates whose own names may differ.
func (e *equiv) sameLayout(a, b *layout.Type) bool {
	return e.eq(a, b, map[[2]*layout.Type]bool{}, true)
}

func (e *equiv) eq(a, b *layout.Type, assumed map[[2]*layout.Type]bool, ignoreName bool) bool {
	a, b = a.Strip(), b.Strip()
	if a == nil || b == nil {
		return isVoid(a) && isVoid(b)
	}
	if a == b {
		return true
	}
	p := [2]*layout.Type{a, b}
	if e.known[p] || assumed[p] {
		return true
	}
	if isVoid(a) || isVoid(b) {
		return isVoid(a) && isVoid(b)
	}
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case layout.KindArray:
		da, ea := flatArray(a)
		db, eb := flatArray(b)
		return slices.Equal(da, db) && e.eq(ea, eb, assumed, false)
	case layout.KindBase:
		return a.Size == b.Size && baseClass(a) == baseClass(b) && a.Signed == b.Signed
	}
	if a.IsAggregate() && !ignoreName && (a.Name != "" || b.Name != "") {
		return e.c.sameName(a, b)
	}
	if a.Size != b.Size || a.Variadic != b.Variadic || !slices.Equal(a.Dims, b.Dims) {
		return false
	}
	if a.Kind == layout.KindFunction && a.ABI != b.ABI && a.ABI != "" && b.ABI != "" {
		return false
	}
	assumed[p] = true
	if !e.eq(a.Elem, b.Elem, assumed, false) || !e.eq(a.Result, b.Result, assumed, false) || len(a.Params) != len(b.Params) {
		return false
	}
	for i := range a.Params {
		if !e.eq(a.Params[i], b.Params[i], assumed, false) {
			return false
		}
	}
	if !a.IsAggregate() {
		return true
	}
	if a.Decl != b.Decl || !e.fieldsEq(a.Fields, b.Fields, assumed) || (a.Tag == nil) != (b.Tag == nil) ||
		len(a.Variants) != len(b.Variants) {
		return false
	}
	if a.Tag != nil && (a.Tag.Offset != b.Tag.Offset || a.Tag.Niche != b.Tag.Niche || !e.eq(a.Tag.Type, b.Tag.Type, assumed, false)) {
		return false
	}
	for i := range a.Variants {
		va, vb := a.Variants[i], b.Variants[i]
		if va.Name != vb.Name || !bigEq(va.Discr, vb.Discr) || !e.fieldsEq(va.Fields, vb.Fields, assumed) {
			return false
		}
	}
	return true
}

func (e *equiv) fieldsEq(a, b []layout.Field, assumed map[[2]*layout.Type]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		fa, fb := a[i], b[i]
		if fa.Name != fb.Name || fa.Offset != fb.Offset || fa.BitSize != fb.BitSize ||
			fa.BitSize > 0 && fa.BitOffset != fb.BitOffset || !e.eq(fa.Type, fb.Type, assumed, false) {
			return false
		}
	}
	return true
}

// isVoid reports the absence of a type. Some producers (Intel icc) describe
// void as a base type of size 0 named "void".
func isVoid(t *layout.Type) bool {
	return t == nil || t.Kind == layout.KindVoid || t.Kind == layout.KindBase && t.Size == 0 && t.Name == "void"
}

// flatArray sees through arrays of (typedefs of) arrays: `xltab[2]` with
// `typedef xlator xltab[17][2]` is `xlator[2][17][2]`, as gcc writes it.
func flatArray(t *layout.Type) ([]int64, *layout.Type) {
	var d []int64
	for i := 0; t != nil && t.Kind == layout.KindArray && i < 64; i++ {
		d = append(d, t.Dims...)
		t = t.Elem.Strip()
	}
	return d, t
}

// baseClass groups base encodings by how the ABI treats them.
func baseClass(t *layout.Type) string {
	switch t.Encoding {
	case layout.EncSigned, layout.EncUnsigned, layout.EncChar:
		return "integer"
	case layout.EncFloat:
		return "float"
	case layout.EncComplex:
		return "complex"
	case layout.EncBool:
		return "bool"
	case layout.EncUTF:
		return "utf"
	}
	return "other"
}

// scalarClass is the register class a scalar travels in, "" for aggregates and arrays.
func scalarClass(t *layout.Type) string {
	switch t.Kind {
	case layout.KindBase:
		switch baseClass(t) {
		case "float", "complex":
			return "float"
		}
		return "integer"
	case layout.KindEnum:
		if isCEnum(t) {
			return "integer"
		}
	case layout.KindPointer, layout.KindReference, layout.KindPtrToMember:
		return "pointer"
	}
	return ""
}

// isCEnum reports a C-like enum: enumerators without payloads.
func isCEnum(t *layout.Type) bool {
	if t.Kind != layout.KindEnum {
		return false
	}
	if t.Elem != nil {
		return true
	}
	for _, v := range t.Variants {
		if v.Type != nil || len(v.Fields) > 0 {
			return false
		}
	}
	return t.Tag == nil || !t.Tag.Niche
}

func signedOf(t *layout.Type) bool {
	if t.Kind == layout.KindEnum {
		if t.Tag != nil && t.Tag.Type != nil {
			return t.Tag.Type.Strip() != nil && t.Tag.Type.Strip().Signed
		}
		return t.Signed
	}
	return t.Signed
}

// delta is how the type at one place changed.
type delta struct {
	sev   Severity
	why   string // what about it changed, in a few words
	fnptr bool   // a function-pointer type changed
}

func worse(a, b Severity) Severity {
	if b.Rank() > a.Rank() {
		return b
	}
	return a
}

// typeDelta compares the types an old and a new place hold. Named types with
// the same name give nil: their definitions are compared on their own.
// Unnamed structs, unions and enums are compared in place (their changes are
// reported at w) and give nil too.
func (c *comparer) typeDelta(a, b *layout.Type, w where) *delta {
	if a != nil && b != nil && a.Kind == layout.KindTypedef && b.Kind == layout.KindTypedef && c.sameName(a, b) {
		return nil
	}
	sa, sb := a.Strip(), b.Strip()
	if c.eq.same(sa, sb) {
		return nil
	}
	// A pair's delta does not depend on where it is met (unnamed aggregates,
	// the only ones compared in place, are reported once anyway), so it is
	// computed once; the depth bound keeps hostile models from recursing
	// without end.
	p := [2]*layout.Type{sa, sb}
	if d, ok := c.deltas[p]; ok {
		return d
	}
	if c.depth > maxDepth {
		return &delta{sev: PossiblyBreaking, why: "types nested too deeply to compare"}
	}
	c.depth++
	d := c.shapeDelta(sa, sb, w)
	c.depth--
	c.deltas[p] = d
	return d
}

// maxDepth bounds the nesting of type comparisons.
const maxDepth = 200

func (c *comparer) shapeDelta(a, b *layout.Type, w where) *delta {
	if isVoid(a) || isVoid(b) {
		other := a
		if isVoid(a) {
			other = b
		}
		if isVoid(other) {
			return nil
		}
		if other.Size == 0 {
			return &delta{sev: Compatible, why: "a zero-sized type replaces nothing"}
		}
		return &delta{sev: Breaking, why: fmt.Sprintf("size %s -> %s", sizeStr(a), sizeStr(b))}
	}
	if d := substitution(a, b); d != nil {
		return d
	}
	switch {
	case a.IsAggregate() && b.IsAggregate() && (a.Name != "" || b.Name != ""):
		if c.sameName(a, b) {
			return nil
		}
		if a.Kind == b.Kind && c.eq.sameLayout(a, b) {
			return &delta{sev: Compatible, why: "another type with the same layout"}
		}
		if a.Size != b.Size {
			return &delta{sev: Breaking, why: fmt.Sprintf("size %s -> %s", sizeStr(a), sizeStr(b))}
		}
		return &delta{sev: PossiblyBreaking, why: "another type of the same size"}
	case a.IsAggregate() && b.IsAggregate() && a.Kind == b.Kind:
		c.aggregate(a, b, w)
		return nil
	case a.Kind != b.Kind:
		return kindDelta(a, b)
	}
	switch a.Kind {
	case layout.KindBase:
		return baseDelta(a, b)
	case layout.KindPointer, layout.KindReference:
		return c.pointeeDelta(a.Elem, b.Elem, w)
	case layout.KindPtrToMember:
		return c.pointeeDelta(a.Elem, b.Elem, w)
	case layout.KindArray:
		return c.arrayDelta(a, b, w)
	case layout.KindFunction:
		return c.fnDelta(a, b, w)
	}
	if a.Size != b.Size {
		return &delta{sev: Breaking, why: fmt.Sprintf("size %s -> %s", sizeStr(a), sizeStr(b))}
	}
	return &delta{sev: PossiblyBreaking, why: "a different type"}
}

// kindDelta judges a type replaced by one of another kind.
func kindDelta(a, b *layout.Type) *delta {
	ca, cb := scalarClass(a), scalarClass(b)
	switch {
	case a.Size != b.Size && a.Size >= 0 && b.Size >= 0:
		return &delta{sev: Breaking, why: fmt.Sprintf("%s -> %s, size %s -> %s", a.Kind, b.Kind, sizeStr(a), sizeStr(b))}
	case ca != "" && cb != "" && ca != cb:
		return &delta{sev: Breaking, why: fmt.Sprintf("%s value -> %s value", ca, cb)}
	case ca != "" && ca == cb:
		if signedOf(a) != signedOf(b) {
			return &delta{sev: PossiblyBreaking, why: "signedness changed"}
		}
		return &delta{sev: Compatible, why: "same size and class"}
	}
	return &delta{sev: PossiblyBreaking, why: fmt.Sprintf("%s -> %s of the same size", a.Kind, b.Kind)}
}

func baseDelta(a, b *layout.Type) *delta {
	ca, cb := baseClass(a), baseClass(b)
	switch {
	case a.Size != b.Size:
		return &delta{sev: Breaking, why: fmt.Sprintf("size %s -> %s", sizeStr(a), sizeStr(b))}
	case scalarClass(a) != scalarClass(b):
		return &delta{sev: Breaking, why: fmt.Sprintf("%s -> %s", ca, cb)}
	case ca == "bool" || cb == "bool":
		return &delta{sev: PossiblyBreaking, why: fmt.Sprintf("%s -> %s", ca, cb)}
	case a.Signed != b.Signed:
		return &delta{sev: PossiblyBreaking, why: "signedness changed"}
	case ca != cb: // char <-> u32 and the like: guaranteed compatible
		return &delta{sev: Compatible, why: fmt.Sprintf("%s -> %s of the same size", ca, cb)}
	}
	return nil
}

// pointeeDelta judges a pointer whose pointee changed. The pointer itself
// does not move; what it points to is read differently.
func (c *comparer) pointeeDelta(pa, pb *layout.Type, w where) *delta {
	if pa != nil && pb != nil && pa.Kind == layout.KindTypedef && pb.Kind == layout.KindTypedef && c.sameName(pa, pb) {
		return nil
	}
	a, b := pa.Strip(), pb.Strip()
	if c.eq.same(a, b) {
		return nil
	}
	if isVoid(a) || isVoid(b) {
		return &delta{sev: Compatible, why: "void pointer <-> typed pointer"}
	}
	if a.Kind == layout.KindFunction && b.Kind == layout.KindFunction {
		d := c.fnDelta(a, b, w)
		if d != nil {
			d.fnptr = true
		}
		return d
	}
	wd := w.at("*" + w.subject)
	d := c.shapeDelta(a, b, wd)
	if d != nil {
		d.why = "pointee: " + d.why
	}
	return d
}

func (c *comparer) arrayDelta(a, b *layout.Type, w where) *delta {
	var d *delta
	da, ea := flatArray(a)
	db, eb := flatArray(b)
	if !slices.Equal(da, db) {
		if a.Size != b.Size {
			d = &delta{sev: Breaking, why: fmt.Sprintf("array bounds %s -> %s, size %s -> %s", dims(da), dims(db), sizeStr(a), sizeStr(b))}
		} else {
			d = &delta{sev: PossiblyBreaking, why: fmt.Sprintf("array bounds %s -> %s", dims(da), dims(db))}
		}
	}
	if ed := c.typeDelta(ea, eb, w.at(w.subject+"[]")); ed != nil {
		if d == nil {
			return &delta{sev: ed.sev, why: "element: " + ed.why, fnptr: ed.fnptr}
		}
		d.sev = worse(d.sev, ed.sev)
		d.why += "; element: " + ed.why
	}
	return d
}

// fnDelta judges a function type that changed: a different calling
// convention, parameter count or variadic flag breaks callers, and so does a
// parameter or result that changed beyond a compatible substitution.
func (c *comparer) fnDelta(a, b *layout.Type, w where) *delta {
	var whys []string
	sev := Compatible
	if a.ABI != b.ABI && a.ABI != "" && b.ABI != "" {
		sev = Breaking
		whys = append(whys, fmt.Sprintf("calling convention %q -> %q", a.ABI, b.ABI))
	}
	if len(a.Params) != len(b.Params) {
		sev = Breaking
		whys = append(whys, fmt.Sprintf("%d -> %d parameters", len(a.Params), len(b.Params)))
	}
	if a.Variadic != b.Variadic {
		sev = Breaking
		whys = append(whys, "variadic changed")
	}
	for i := 0; i < min(len(a.Params), len(b.Params)); i++ {
		if d := c.typeDelta(a.Params[i], b.Params[i], w.at(fmt.Sprintf("%s(parameter %d)", w.subject, i+1))); d != nil {
			whys = append(whys, fmt.Sprintf("parameter %d: %s", i+1, d.why))
			if d.sev != Compatible {
				sev = Breaking
			}
		}
	}
	if d := c.typeDelta(a.Result, b.Result, w.at(w.subject+"(result)")); d != nil {
		whys = append(whys, "result: "+d.why)
		if d.sev != Compatible {
			sev = Breaking
		}
	}
	if len(whys) == 0 {
		return nil
	}
	return &delta{sev: sev, why: joinWhy(whys), fnptr: true}
}

func joinWhy(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += "; "
		}
		out += x
	}
	return out
}

func sizeStr(t *layout.Type) string {
	switch {
	case t == nil || t.Kind == layout.KindVoid:
		return "0"
	case t.Size < 0:
		return "unknown"
	}
	return fmt.Sprint(t.Size)
}

func dims(d []int64) string {
	s := ""
	for _, x := range d {
		if x < 0 {
			s += "[]"
		} else {
			s += fmt.Sprintf("[%d]", x)
		}
	}
	return s
}

// spell spells a type for details, in backquotes.
func spell(t *layout.Type) string { return "`" + layout.TypeName(t) + "`" }

// guaranteedWrappers are the std types Rust guarantees to be passed and laid
// out as the scalar they wrap (std's `fn` documentation, ABI-NOTES §4).
var guaranteedWrappers = []string{
	"core::ptr::non_null::NonNull<", "alloc::boxed::Box<", "core::ptr::unique::Unique<",
	"core::num::nonzero::NonZero<", "core::num::niche_types::", "core::option::Option<",
}

// unwrapGuaranteed sees through the guaranteed wrappers to the scalar they
// hold: NonNull<T> and Box<T> are a pointer, NonZero<u32> a u32, Option of a
// non-null pointer a (nullable) pointer. Anything else is returned as is.
func unwrapGuaranteed(t *layout.Type) *layout.Type {
	for i := 0; t != nil && i < 8; i++ {
		t = t.Strip()
		if t == nil || !t.IsAggregate() || !hasPrefixAny(t.Name, guaranteedWrappers) {
			return t
		}
		var inner *layout.Type
		switch {
		case t.Kind == layout.KindStruct:
			inner = soleField(t.Fields, t.Size)
		case t.Kind == layout.KindEnum && strings.HasPrefix(t.Name, "core::option::Option<") && t.Tag != nil && t.Tag.Niche:
			// Option<P> with P non-null: None is the null value.
			for _, v := range t.Variants {
				if v.Discr == nil {
					inner = soleField(v.Fields, t.Size)
				}
			}
		}
		if inner == nil {
			return t
		}
		t = inner
	}
	return t
}

// soleField is the type of the only member of non-zero size, at offset 0
// and as large as the whole; nil when there is no such member.
func soleField(fs []layout.Field, size int64) *layout.Type {
	var out *layout.Type
	for _, f := range fs {
		st := f.Type.Strip()
		if st == nil || st.Size == 0 {
			continue
		}
		if out != nil || f.Offset != 0 || st.Size != size {
			return nil
		}
		out = st
	}
	return out
}

func hasPrefixAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// substitution recognises a guaranteed ABI-compatible substitution: one
// side a std wrapper of a scalar the other side is (or wraps) too.
func substitution(a, b *layout.Type) *delta {
	ua, ub := unwrapGuaranteed(a), unwrapGuaranteed(b)
	if ua == a && ub == b || ua == nil || ub == nil {
		return nil
	}
	ca, cb := scalarClass(ua), scalarClass(ub)
	if ca == "" || ca != cb || ua.Size != ub.Size || ca != "pointer" && signedOf(ua) != signedOf(ub) {
		return nil
	}
	return &delta{sev: Compatible, why: "a substitution Rust guarantees ABI-compatible"}
}
