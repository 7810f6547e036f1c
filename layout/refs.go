package layout

// Refs returns pointers to every type reference t holds, so a walk can read
// or replace them: element, fields, tag, variants, templates, parameters, result.
func (t *Type) Refs() []**Type {
	var out []**Type
	if t.Elem != nil {
		out = append(out, &t.Elem)
	}
	for i := range t.Fields {
		out = append(out, &t.Fields[i].Type)
	}
	if t.Tag != nil {
		out = append(out, &t.Tag.Type)
	}
	for i := range t.Variants {
		v := &t.Variants[i]
		if v.Type != nil {
			out = append(out, &v.Type)
		}
		for j := range v.Fields {
			out = append(out, &v.Fields[j].Type)
		}
	}
	for i := range t.Templates {
		out = append(out, &t.Templates[i].Type)
	}
	for i := range t.Params {
		out = append(out, &t.Params[i])
	}
	if t.Result != nil {
		out = append(out, &t.Result)
	}
	return out
}
