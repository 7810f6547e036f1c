package diff

import (
	"github.com/abidrift/abidrift/layout"
)

// aggregate compares two structs, unions or enums in the place w: their
// kind, completeness, size and alignment here, their members and variants
// in fields.go and enums.go.
func (c *comparer) aggregate(a, b *layout.Type, w where) {
	p := [2]*layout.Type{a, b}
	if c.seen[p] {
		return
	}
	c.seen[p] = true
	name := w.subject
	if a.Decl != b.Decl {
		if a.Decl {
			c.add(w, TypeBecameDefined, Compatible, "%s is now defined (%s bytes); it was only declared", name, sizeStr(b))
		} else {
			c.add(w, TypeBecameOpaque, PossiblyBreaking, "%s is now only declared (opaque); it was defined with %s bytes", name, sizeStr(a))
		}
		return
	}
	if a.Decl {
		return
	}
	if kindWord(a) != kindWord(b) {
		c.add(w, TypeKindChanged, Breaking, "%s changed from %s to %s", name, article(kindWord(a)), article(kindWord(b)))
		if a.Size != b.Size {
			c.add(w, TypeSizeChanged, Breaking, "the size of %s changed from %s to %s bytes", name, sizeStr(a), sizeStr(b))
		}
		return
	}
	if isVtableType(a) && isVtableType(b) {
		c.vtable(a, b, w)
		return
	}
	if a.Size != b.Size && a.Size >= 0 && b.Size >= 0 {
		c.add(w, TypeSizeChanged, Breaking, "the size of %s changed from %d to %d bytes", name, a.Size, b.Size)
	}
	if a.Align != b.Align && a.Align > 0 && b.Align > 0 {
		c.add(w, TypeAlignmentChanged, Breaking, "the alignment of %s changed from %d to %d bytes", name, a.Align, b.Align)
	}
	w.rust = w.rust || isReprRust(a) || isReprRust(b)
	switch a.Kind {
	case layout.KindStruct, layout.KindUnion:
		c.fields(a.Fields, b.Fields, a.Kind == layout.KindUnion, a.Size, w)
	case layout.KindEnum:
		c.enum(a, b, w)
	}
}

// isReprRust reports a struct whose layout rustc chose: Rust, with offsets
// that do not follow the declaration order. (A repr(Rust) struct that rustc
// happened to leave in order cannot be told from repr(C).)
func isReprRust(t *layout.Type) bool {
	return t.Lang == layout.LangRust && t.Kind == layout.KindStruct && !t.DeclOrder
}

// kindWord names the kind of an aggregate as the source does.
func kindWord(t *layout.Type) string {
	if t.Kind == layout.KindEnum && !isCEnum(t) {
		return "enum with data"
	}
	return string(t.Kind)
}

func article(s string) string {
	if s != "" && (s[0] == 'a' || s[0] == 'e' || s[0] == 'u' && s != "union") {
		return "an " + s
	}
	return "a " + s
}

// typedef compares a typedef's target.
func (c *comparer) typedef(a, b *layout.Type, w where) {
	if a.Kind != layout.KindTypedef || b.Kind != layout.KindTypedef {
		return
	}
	d := c.typeDelta(a.Elem, b.Elem, w)
	if d == nil {
		return
	}
	kind := TypedefChanged
	if d.fnptr {
		kind = FnPointerChanged
	}
	c.add(w, kind, d.sev, "typedef %s changed from %s to %s (%s)", w.subject, spell(a.Elem), spell(b.Elem), d.why)
}
