package render

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/abidrift/abidrift/layout"
)

// WriteLayoutText prints the selected types in the spirit of pahole: one
// block per type, fields in offset order with their offset and size, holes
// and padding as comments, and for enums the tag or niche and each variant.
func WriteLayoutText(w io.Writer, entries []Entry) error {
	for i, e := range entries {
		if i > 0 {
			fmt.Fprintln(w)
		}
		writeType(w, e)
	}
	return nil
}

func writeType(w io.Writer, e Entry) {
	t := e.Type
	keyword := string(t.Kind)
	fmt.Fprintf(w, "%s %s {", keyword, e.Name)
	if t.File != "" {
		fmt.Fprintf(w, " /* %s:%d */", t.File, t.Line)
	}
	fmt.Fprintln(w)
	switch {
	case t.Kind == layout.KindEnum && len(t.Variants) > 0 && t.Variants[0].Type == nil && len(t.Variants[0].Fields) == 0 && t.Tag != nil && t.Tag.Offset == 0 && !t.Tag.Niche && isFieldless(t):
		for _, v := range t.Variants {
			fmt.Fprintf(w, "\t%s = %s,\n", v.Name, v.Discr)
		}
	case t.Kind == layout.KindEnum:
		writeEnum(w, t)
	default:
		writeFields(w, t.Fields, t.Holes, "\t")
	}
	fmt.Fprintf(w, "\n\t/* size: %s, align: %d", size(t.Size), t.Align)
	if len(t.Holes) > 0 {
		sum := int64(0)
		for _, h := range t.Holes {
			sum += h.Size
		}
		fmt.Fprintf(w, ", holes: %d (%d bytes)", len(t.Holes), sum)
	}
	if t.Padding > 0 {
		fmt.Fprintf(w, ", padding: %d", t.Padding)
	}
	fmt.Fprintln(w, " */")
	if t.Kind == layout.KindStruct && !t.DeclOrder {
		fmt.Fprintln(w, "\t/* fields reordered: offsets do not follow declaration order (not a C-like layout) */")
	}
	fmt.Fprintln(w, "};")
}

func bytes(n int64) string {
	if n == 1 {
		return "1 byte"
	}
	return size(n) + " bytes"
}

func isFieldless(t *layout.Type) bool {
	for _, v := range t.Variants {
		if v.Type != nil || len(v.Fields) > 0 {
			return false
		}
	}
	return true
}

func size(n int64) string {
	if n < 0 {
		return "unknown"
	}
	return fmt.Sprint(n)
}

// writeFields prints fields sorted by offset with the holes between them;
// members of anonymous structs and unions are shown inline, pahole style.
func writeFields(w io.Writer, fs []layout.Field, holes []layout.Hole, indent string) {
	writeFieldsAt(w, fs, holes, indent, 0)
}

func writeFieldsAt(w io.Writer, fs []layout.Field, holes []layout.Hole, indent string, base int64) {
	sorted := append([]layout.Field(nil), fs...)
	sort.SliceStable(sorted, func(i, j int) bool { return bitPos(sorted[i]) < bitPos(sorted[j]) })
	width := 0
	for _, f := range sorted {
		if AnonymousMember(f) == nil {
			width = max(width, len(layout.TypeName(f.Type)))
		}
	}
	width = min(width, 40)
	for _, f := range sorted {
		if anon := AnonymousMember(f); anon != nil {
			fmt.Fprintf(w, "%-*s /* %4d %4s */\n", len(indent)+width+24, indent+string(anon.Kind)+" {", base+f.Offset, size(anon.Size))
			writeFieldsAt(w, anon.Fields, anon.Holes, indent+"\t", base+f.Offset)
			fmt.Fprintf(w, "%s}%s;\n", indent, map[bool]string{true: " " + f.Name, false: ""}[f.Name != ""])
			continue
		}
		f.Offset += base
		f.BitOffset += base * 8
		name := f.Name
		if f.BitSize > 0 {
			name += fmt.Sprintf(":%d", f.BitSize)
		}
		where := fmt.Sprintf("%4d %4s", f.Offset, size(fieldSize(f)))
		if f.BitSize > 0 {
			where = fmt.Sprintf("%4d:%d %2d", f.Offset, f.BitOffset%8, f.BitSize)
		}
		line := fmt.Sprintf("%s%-*s %s;", indent, width, layout.TypeName(f.Type), name)
		fmt.Fprintf(w, "%-*s /* %s */\n", len(indent)+width+24, line, where)
		for _, h := range holes {
			if h.After == f.Name && h.After != "" {
				fmt.Fprintf(w, "\n%s/* XXX %d byte hole, try to pack */\n\n", indent, h.Size)
			}
		}
	}
}

func bitPos(f layout.Field) int64 {
	if f.BitSize > 0 {
		return f.BitOffset
	}
	return f.Offset * 8
}

func fieldSize(f layout.Field) int64 {
	if f.Type == nil {
		return 0
	}
	return f.Type.Size
}

func writeEnum(w io.Writer, t *layout.Type) {
	if tag := t.Tag; tag != nil {
		what := "tag"
		if tag.Niche {
			what = "niche"
		}
		fmt.Fprintf(w, "\t/* %s: %s at offset %d, %s", what, layout.TypeName(tag.Type), tag.Offset, bytes(tag.Type.Size))
		if tag.Niche {
			var stored []string
			for _, v := range t.Variants {
				if v.Discr != nil {
					stored = append(stored, fmt.Sprintf("%s=%s", v.Name, v.Discr))
				}
			}
			fmt.Fprintf(w, "; stored values: %s", strings.Join(stored, ", "))
		}
		fmt.Fprintln(w, " */")
	} else {
		fmt.Fprintln(w, "\t/* no tag: single variant */")
	}
	fmt.Fprintln(w)
	for _, v := range t.Variants {
		discr := "default (dataful)"
		if v.Discr != nil {
			discr = "= " + v.Discr.String()
		}
		for _, r := range v.Ranges {
			discr += fmt.Sprintf(" [%s..=%s]", r.Lo, r.Hi)
		}
		if len(v.Fields) == 0 {
			fmt.Fprintf(w, "\tvariant %s %s {}\n", v.Name, discr)
			continue
		}
		fmt.Fprintf(w, "\tvariant %s %s {\n", v.Name, discr)
		var holes []layout.Hole
		if v.Type != nil {
			holes = v.Type.Holes
		}
		writeFields(w, v.Fields, holes, "\t\t")
		fmt.Fprintln(w, "\t}")
	}
}
