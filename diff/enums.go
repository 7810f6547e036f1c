package diff

import (
	"math/big"

	"github.com/abidrift/abidrift/layout"
)

// enum compares two enums of the same sort: C-like enumerations (and
// fieldless Rust enums) by enumerator name and value, Rust enums with data by
// tag, niche, variant, discriminant and payload layout.
func (c *comparer) enum(a, b *layout.Type, w where) {
	if isCEnum(a) && isCEnum(b) {
		c.cEnum(a, b, w)
		return
	}
	c.rustEnum(a, b, w)
}

func bigEq(a, b *big.Int) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Cmp(b) == 0
}

func discrStr(v *big.Int) string {
	if v == nil {
		return "none (the dataful variant)"
	}
	return v.String()
}

// tagType is the integer an enum's discriminant is stored in.
func tagType(t *layout.Type) *layout.Type {
	if t.Tag != nil && t.Tag.Type != nil {
		return t.Tag.Type.Strip()
	}
	return t.Elem.Strip()
}

func (c *comparer) cEnum(a, b *layout.Type, w where) {
	ta, tb := tagType(a), tagType(b)
	if ta != nil && tb != nil && ta.Signed != tb.Signed {
		c.add(w, EnumUnderlyingTypeChanged, PossiblyBreaking, "the underlying type of %s changed from %s to %s",
			w.subject, spell(ta), spell(tb))
	}
	grew := a.Size != b.Size || ta != nil && tb != nil && ta.Size != tb.Size
	byName := map[string]*layout.Variant{}
	for i := range b.Variants {
		byName[b.Variants[i].Name] = &b.Variants[i]
	}
	oldNames := map[string]bool{}
	var removed []*layout.Variant
	for i := range a.Variants {
		va := &a.Variants[i]
		oldNames[va.Name] = true
		vb := byName[va.Name]
		if vb == nil {
			removed = append(removed, va)
			continue
		}
		if !bigEq(va.Discr, vb.Discr) {
			c.add(w.at(w.subject+"::"+va.Name), EnumDiscriminantChanged, Breaking,
				"%s `%s` of %s changed value from %s to %s", enumeratorWord(a), va.Name, w.subject, discrStr(va.Discr), discrStr(vb.Discr))
		}
	}
	var added []*layout.Variant
	for i := range b.Variants {
		if !oldNames[b.Variants[i].Name] {
			added = append(added, &b.Variants[i])
		}
	}
	used := map[*layout.Variant]bool{}
	for _, va := range removed {
		var match *layout.Variant
		for _, vb := range added {
			if !used[vb] && bigEq(va.Discr, vb.Discr) {
				match = vb
				break
			}
		}
		if match != nil {
			used[match] = true
			c.add(w.at(w.subject+"::"+match.Name), VariantRenamed, Compatible, "%s `%s` of %s was renamed to `%s` (value %s)",
				enumeratorWord(a), va.Name, w.subject, match.Name, discrStr(va.Discr))
			continue
		}
		c.add(w.at(w.subject+"::"+va.Name), VariantRemoved, Breaking, "%s `%s` (value %s) was removed from %s",
			enumeratorWord(a), va.Name, discrStr(va.Discr), w.subject)
	}
	for _, vb := range added {
		if used[vb] {
			continue
		}
		sev := PossiblyBreaking
		if grew {
			sev = Breaking
		}
		c.add(w.at(w.subject+"::"+vb.Name), VariantAdded, sev, "%s `%s` (value %s) was added to %s",
			enumeratorWord(b), vb.Name, discrStr(vb.Discr), w.subject)
	}
}

func enumeratorWord(t *layout.Type) string {
	if t.Lang == layout.LangRust {
		return "variant"
	}
	return "enumerator"
}

func tagStr(t *layout.Type) string {
	if t.Tag == nil {
		return "no tag"
	}
	s := "a tag " + spell(t.Tag.Type) + " (" + sizeStr(t.Tag.Type) + " bytes) at offset " + itoa(int(t.Tag.Offset))
	if t.Tag.Niche {
		s += " (niche)"
	}
	return s
}

// rustEnum compares Rust enums with data. Their layout is rustc's: any
// change to the tag, the niche, a discriminant or a variant's payload layout
// breaks; a variant added is possibly breaking, and breaking when the enum's
// size or tag changed with it.
func (c *comparer) rustEnum(a, b *layout.Type, w where) {
	tagChanged := a.Size != b.Size
	nicheChanged := a.Tag != nil && b.Tag != nil && a.Tag.Niche != b.Tag.Niche
	moved := (a.Tag == nil) != (b.Tag == nil) ||
		a.Tag != nil && (a.Tag.Offset != b.Tag.Offset || sizeStr(a.Tag.Type) != sizeStr(b.Tag.Type))
	switch {
	case nicheChanged && b.Tag.Niche:
		tagChanged = true
		c.add(w, EnumNicheChanged, Breaking, "%s gained a niche: its tag now lives inside a payload (%s; it had %s)", w.subject, tagStr(b), tagStr(a))
	case nicheChanged:
		tagChanged = true
		c.add(w, EnumNicheChanged, Breaking, "%s lost its niche: it now has a separate tag (%s; it had %s)", w.subject, tagStr(b), tagStr(a))
	case moved:
		tagChanged = true
		c.add(w, EnumTagChanged, Breaking, "%s had %s, now %s", w.subject, tagStr(a), tagStr(b))
	}
	byName := map[string]*layout.Variant{}
	for i := range b.Variants {
		byName[b.Variants[i].Name] = &b.Variants[i]
	}
	oldNames := map[string]bool{}
	for i := range a.Variants {
		va := &a.Variants[i]
		oldNames[va.Name] = true
		vw := w.at(w.subject + "::" + va.Name)
		if va.Type != nil && va.Type.File != "" {
			vw.file, vw.line = va.Type.File, va.Type.Line
		}
		vb := byName[va.Name]
		if vb == nil {
			c.add(vw, VariantRemoved, Breaking, "variant `%s` was removed from %s", va.Name, w.subject)
			continue
		}
		// With the niche gained or lost every stored value changes; the
		// niche change says it once.
		if !nicheChanged && (!bigEq(va.Discr, vb.Discr) || !rangesEq(va.Ranges, vb.Ranges)) {
			c.add(vw, EnumDiscriminantChanged, Breaking, "variant `%s` of %s changed discriminant from %s to %s",
				va.Name, w.subject, discrStr(va.Discr), discrStr(vb.Discr))
		}
		pw := vw
		pw.payload = true
		c.fields(va.Fields, vb.Fields, false, a.Size, pw)
	}
	for i := range b.Variants {
		vb := &b.Variants[i]
		if oldNames[vb.Name] {
			continue
		}
		sev := PossiblyBreaking
		if tagChanged {
			sev = Breaking
		}
		vw := w.at(w.subject + "::" + vb.Name)
		c.add(vw, VariantAdded, sev, "variant `%s` (discriminant %s) was added to %s", vb.Name, discrStr(vb.Discr), w.subject)
	}
}

func rangesEq(a, b []layout.DiscrRange) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bigEq(a[i].Lo, b[i].Lo) || !bigEq(a[i].Hi, b[i].Hi) {
			return false
		}
	}
	return true
}
