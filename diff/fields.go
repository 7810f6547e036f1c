package diff

import (
	"fmt"
	"strings"

	"github.com/abidrift/abidrift/layout"
)

// fields compares the members of a struct or union (or a Rust variant's
// fields), judged by the bytes: members of unnamed struct and union members
// count as members of the parent, so wrapping a field into an anonymous
// union moves nothing.
func (c *comparer) fields(a, b []layout.Field, union bool, oldSize int64, w where) {
	la, lb := leaves(a), leaves(b)
	pairs, removed, added := pairFields(la, lb)
	removed, added, renames := detectRenames(c, removed, added)
	for _, p := range pairs {
		c.field(p[0], p[1], w)
	}
	soft := w.rust || w.payload
	for _, r := range renames {
		sev := Compatible
		if soft {
			sev = PossiblyBreaking
		}
		c.add(c.fieldWhere(w, r[1]), FieldRenamed, sev, "%s `%s` of %s was renamed to `%s` (same offset %d, same type)",
			memberWord(r[0]), r[0].Name, w.subject, r[1].Name, r[1].Offset)
	}
	oldEnd := int64(0)
	for _, f := range la {
		if _, end := span(f.Field); end > oldEnd {
			oldEnd = end
		}
	}
	for _, f := range removed {
		fw := c.fieldWhere(w, f)
		fw.file, fw.line = f.File, f.Line
		sev := Breaking
		switch {
		case fieldSize(f.Field) == 0:
			sev = Compatible
		case w.payload:
		case w.rust:
			sev = PossiblyBreaking
		}
		c.add(fw, FieldRemoved, sev, "%s `%s` (%s at offset %d) was removed from %s", memberWord(f), f.Name,
			spell(f.Type), f.Offset, w.subject)
	}
	for _, f := range added {
		sev, verb, note := Breaking, "inserted", ", moving the members after it"
		switch {
		case fieldSize(f.Field) == 0:
			sev, verb, note = Compatible, "added", " with no size"
		case w.payload:
			verb, note = "added", ""
		case w.rust:
			sev, verb, note = PossiblyBreaking, "added", ""
		case union:
			sev, verb, note = PossiblyBreaking, "added", ""
		case !pushes(pairs, f):
			sev, verb, note = PossiblyBreaking, "appended", ""
			if f.Offset < oldEnd {
				verb, note = "added", ", moving no other member"
			}
		}
		c.add(c.fieldWhere(w, f), FieldAdded, sev, "%s `%s` (%s) was %s at offset %d of %s%s", memberWord(f), f.Name,
			spell(f.Type), verb, f.Offset, w.subject, note)
	}
}

func memberWord(f *fieldLeaf) string {
	if f.Base {
		return "base class"
	}
	return "field"
}

// fieldWhere is the place of a member's own changes.
func (c *comparer) fieldWhere(w where, f *fieldLeaf) where {
	fw := w.at(w.subject + "." + f.Name)
	if f.File != "" {
		fw.file, fw.line = f.File, f.Line
	}
	return fw
}

// field compares one member present in both builds.
func (c *comparer) field(fo, fn *fieldLeaf, w where) {
	fw := c.fieldWhere(w, fn)
	what := memberWord(fn)
	if fo.BitSize > 0 || fn.BitSize > 0 {
		if fo.BitSize != fn.BitSize || fo.BitOffset != fn.BitOffset {
			c.add(fw, BitfieldChanged, Breaking, "%s `%s` of %s changed from %s to %s", what, fn.Name, w.subject,
				bits(fo.Field), bits(fn.Field))
		}
	} else if fo.Offset != fn.Offset {
		c.add(fw, FieldOffsetChanged, Breaking, "%s `%s` of %s moved from offset %d to %d", what, fn.Name, w.subject,
			fo.Offset, fn.Offset)
	}
	if fo.Via != fn.Via && fo.Offset == fn.Offset && fo.BitSize == fn.BitSize && fo.BitOffset == fn.BitOffset {
		c.add(fw, FieldWrapped, Compatible, "%s `%s` of %s %s (same offset %d)", what, fn.Name, w.subject,
			wrapping(fo.Via, fn.Via), fn.Offset)
	}
	if c.fatPointerVtable(fo, fn, w) {
		return
	}
	d := c.typeDelta(fo.Type, fn.Type, fw)
	if d == nil {
		return
	}
	sev := d.sev
	if w.rust || w.payload {
		sev = worse(sev, PossiblyBreaking)
	}
	kind := FieldTypeChanged
	if d.fnptr {
		kind = FnPointerChanged
	}
	c.add(fw, kind, sev, "%s `%s` of %s changed type from %s to %s (%s)", what, fn.Name, w.subject,
		spell(fo.Type), spell(fn.Type), d.why)
}

func bits(f layout.Field) string {
	if f.BitSize == 0 {
		return fmt.Sprintf("offset %d (not a bitfield)", f.Offset)
	}
	return fmt.Sprintf("%d bits at bit %d", f.BitSize, f.BitOffset)
}

func fieldSize(f layout.Field) int64 {
	if f.BitSize > 0 {
		return (f.BitSize + 7) / 8
	}
	if f.Type == nil || f.Type.Size < 0 {
		return 0
	}
	return f.Type.Size
}

// span is the byte range [start, end) a member occupies.
func span(f layout.Field) (int64, int64) {
	if f.BitSize > 0 {
		return f.BitOffset / 8, (f.BitOffset + f.BitSize + 7) / 8
	}
	return f.Offset, f.Offset + fieldSize(f)
}

// pushes reports whether the added member f was inserted before members
// that moved to higher offsets: an insertion rather than an addition in
// padding, a hole or a union alternative.
func pushes(pairs [][2]*fieldLeaf, f *fieldLeaf) bool {
	for _, p := range pairs {
		if p[1].Offset > p[0].Offset && f.Offset <= p[1].Offset && f.Offset >= 0 && p[0].Offset >= f.Offset {
			return true
		}
	}
	return false
}

// detectRenames pairs a removed and an added member at the same place with
// the same type: a rename, which moves no byte.
func detectRenames(c *comparer, removed, added []*fieldLeaf) (r, a []*fieldLeaf, renames [][2]*fieldLeaf) {
	used := map[*fieldLeaf]bool{}
	for _, o := range removed {
		var match *fieldLeaf
		for _, n := range added {
			if !used[n] && o.Offset == n.Offset && o.BitSize == n.BitSize && o.BitOffset == n.BitOffset &&
				o.Base == n.Base && c.eq.same(o.Type, n.Type) {
				match = n
				break
			}
		}
		if match == nil {
			r = append(r, o)
			continue
		}
		used[match] = true
		renames = append(renames, [2]*fieldLeaf{o, match})
	}
	for _, n := range added {
		if !used[n] {
			a = append(a, n)
		}
	}
	return r, a, renames
}

// wrapping says how a member's enclosing anonymous members changed.
func wrapping(from, to string) string {
	place := func(via string) string {
		if via == "" {
			return "directly in the type"
		}
		return "inside " + strings.TrimSuffix(via, " > ")
	}
	return "was " + place(from) + ", now " + place(to)
}
