package layout

import (
	"strconv"
	"strings"
)

// TypeName spells t the way its language writes it: its own name when it
// has one, otherwise one built from its structure (`*const u8`, `int[4]`,
// `[u8; 4]`, `const char *`, `fn(i32) -> i32`).
func TypeName(t *Type) string {
	budget := 256 // parts spelled at most: shared unnamed types cannot blow up
	return spell(t, 0, &budget)
}

func spell(t *Type, depth int, budget *int) string {
	if t == nil {
		return "void"
	}
	*budget--
	if depth > 16 || *budget < 0 {
		return "…"
	}
	if t.Name != "" && t.Kind != KindQualified {
		return t.Name
	}
	rust := t.Lang == LangRust
	switch t.Kind {
	case KindPointer:
		if t.Elem != nil && t.Elem.Kind == KindFunction {
			return spellFunc(t.Elem, depth, rust, budget) + map[bool]string{true: "", false: " *"}[rust]
		}
		if rust {
			return "*const " + spell(t.Elem, depth+1, budget)
		}
		return spell(t.Elem, depth+1, budget) + " *"
	case KindReference:
		return spell(t.Elem, depth+1, budget) + " " + t.Qualifier
	case KindQualified:
		if e := t.Elem; e != nil && (e.Kind == KindPointer || e.Kind == KindReference) && !rust {
			return spell(e, depth+1, budget) + t.Qualifier // T *const
		}
		return t.Qualifier + " " + spell(t.Elem, depth+1, budget)
	case KindArray:
		if rust {
			s := spell(t.Elem, depth+1, budget)
			for i := len(t.Dims) - 1; i >= 0; i-- {
				s = "[" + s + "; " + dim(t.Dims[i]) + "]"
			}
			return s
		}
		var b strings.Builder
		b.WriteString(spell(t.Elem, depth+1, budget))
		for _, d := range t.Dims {
			b.WriteString("[" + strings.TrimPrefix(dim(d), "?") + "]")
		}
		return b.String()
	case KindFunction:
		return spellFunc(t, depth, rust, budget)
	case KindStruct, KindUnion, KindEnum:
		return "(anonymous " + string(t.Kind) + ")"
	case KindVoid:
		return "void"
	case KindPtrToMember:
		return spell(t.Elem, depth+1, budget) + " ::*"
	}
	return "?"
}

func dim(d int64) string {
	if d < 0 {
		return "?"
	}
	return strconv.FormatInt(d, 10)
}

func spellFunc(t *Type, depth int, rust bool, budget *int) string {
	var ps []string
	for _, p := range t.Params {
		ps = append(ps, spell(p, depth+1, budget))
	}
	if t.Variadic {
		ps = append(ps, "...")
	}
	if rust {
		s := "fn(" + strings.Join(ps, ", ") + ")"
		if t.ABI != "" && t.ABI != "Rust" {
			s = `extern "` + t.ABI + `" ` + s
		}
		if t.Result != nil {
			s += " -> " + spell(t.Result, depth+1, budget)
		}
		return s
	}
	return spell(t.Result, depth+1, budget) + " (" + strings.Join(ps, ", ") + ")"
}
