package layout

import "iter"

// Refs yields pointers to every type reference t holds, so a walk can read
// or replace them: element, fields, tag, variants, templates, parameters,
// result. It allocates nothing (the merge of a build walks every type).
func (t *Type) Refs() iter.Seq[**Type] {
	return func(yield func(**Type) bool) {
		if t.Elem != nil && !yield(&t.Elem) {
			return
		}
		for i := range t.Fields {
			if !yield(&t.Fields[i].Type) {
				return
			}
		}
		if t.Tag != nil && !yield(&t.Tag.Type) {
			return
		}
		for i := range t.Variants {
			v := &t.Variants[i]
			if v.Type != nil && !yield(&v.Type) {
				return
			}
			for j := range v.Fields {
				if !yield(&v.Fields[j].Type) {
					return
				}
			}
		}
		for i := range t.Templates {
			if !yield(&t.Templates[i].Type) {
				return
			}
		}
		for i := range t.Params {
			if !yield(&t.Params[i]) {
				return
			}
		}
		if t.Result != nil {
			yield(&t.Result)
		}
	}
}
