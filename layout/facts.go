package layout

import "sort"

// computeFacts sets the holes, trailing padding and declaration-order flag
// of a struct, pahole style. Bitfields occupy the bytes their bits touch.
func computeFacts(t *Type) {
	if t.Kind != KindStruct || t.Size < 0 {
		return
	}
	t.Holes, t.Padding, t.DeclOrder = nil, 0, true
	type span struct {
		start, end int64
		name       string
	}
	var spans []span
	last := int64(-1)
	for _, fl := range t.Fields {
		start, end := fieldSpan(fl)
		if start < 0 {
			continue
		}
		if start < last {
			t.DeclOrder = false
		}
		last = start
		spans = append(spans, span{start, end, fl.Name})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	covered := int64(0)
	after := ""
	for _, s := range spans {
		if s.start > covered && s.end > s.start {
			t.Holes = append(t.Holes, Hole{Offset: covered, Size: s.start - covered, After: after})
		}
		if s.end > covered {
			covered, after = s.end, s.name
		}
	}
	if t.Size > covered {
		t.Padding = t.Size - covered
	}
}

// fieldSpan is the byte range [start, end) a field occupies; start is -1 when unknown.
func fieldSpan(fl Field) (int64, int64) {
	if fl.BitSize > 0 {
		return fl.BitOffset / 8, (fl.BitOffset + fl.BitSize + 7) / 8
	}
	if fl.Offset < 0 || fl.Type == nil {
		return -1, -1
	}
	size := fl.Type.Size
	if size < 0 {
		size = 0
	}
	return fl.Offset, fl.Offset + size
}
