package diff

import (
	"strconv"
	"strings"

	"github.com/abidrift/abidrift/layout"
)

// symbolOf is the symbol a function or variable is exported under, as far as DWARF tells.
func symbolOf(linkage, name string) string {
	if linkage != "" {
		return linkage
	}
	return layout.LastSegment(name)
}

// typeKey pairs named types: typedefs live apart from struct, union and enum
// tags (C's `typedef struct S S`), and a struct that became a union keeps its key.
func typeKey(t *layout.Type, name string) string {
	if t.Kind == layout.KindTypedef {
		return "typedef:" + name
	}
	return "tag:" + name
}

// firstSegment is the crate (or namespace) a qualified name starts with, or "".
func firstSegment(name string) string {
	head, _, ok := strings.Cut(name, "::")
	if !ok || strings.ContainsAny(head, "<([{ ") {
		return ""
	}
	return head
}

// crateMap renames the crates of old names to their new names, when the
// exported functions show that a crate was renamed (libone -> libtwo).
type crateMap map[string]string

// rename rewrites every path in name that starts with a renamed crate.
func (m crateMap) rename(name string) string {
	if len(m) == 0 {
		return name
	}
	var b strings.Builder
	for i := 0; i < len(name); {
		start := i == 0 || !isIdent(name[i-1]) && !(i >= 2 && name[i-2:i] == "::")
		if start && isIdentStart(name[i]) {
			j := i
			for j < len(name) && isIdent(name[j]) {
				j++
			}
			if j+1 < len(name) && name[j:j+2] == "::" {
				if to, ok := m[name[i:j]]; ok {
					b.WriteString(to)
					i = j
					continue
				}
			}
			b.WriteString(name[i:j])
			i = j
			continue
		}
		b.WriteByte(name[i])
		i++
	}
	return b.String()
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdent(c byte) bool      { return isIdentStart(c) || c >= '0' && c <= '9' }

// fieldLeaf is a member as the bytes see it: members of unnamed struct and
// union members are promoted into their parent (C11 anonymous members), with
// offsets from the start of the outer type.
type fieldLeaf struct {
	layout.Field
	// Via names the anonymous members the leaf was promoted through, "" for direct members.
	Via string
}

// leaves flattens the members of a struct or union.
func leaves(fields []layout.Field) []fieldLeaf {
	var out []fieldLeaf
	var walk func(fs []layout.Field, base int64, via string, depth int)
	walk = func(fs []layout.Field, base int64, via string, depth int) {
		for _, f := range fs {
			f.Offset += base
			if f.BitSize > 0 {
				f.BitOffset += base * 8
			}
			if f.Name == "" && !f.Base {
				st := f.Type.Strip()
				if st != nil && st.Name == "" && (st.Kind == layout.KindStruct || st.Kind == layout.KindUnion) && depth < 16 {
					walk(st.Fields, f.Offset, via+"anonymous "+string(st.Kind)+" > ", depth+1)
				}
				continue // unnamed padding bitfields carry no data
			}
			out = append(out, fieldLeaf{Field: f, Via: via})
		}
	}
	walk(fields, 0, "", 0)
	return out
}

// pairFields matches old and new members by name; the rest are returned
// unmatched, in order.
func pairFields(old, new []fieldLeaf) (pairs [][2]*fieldLeaf, removed, added []*fieldLeaf) {
	byName := map[string]*fieldLeaf{}
	for i := range new {
		if _, dup := byName[new[i].Name]; !dup {
			byName[new[i].Name] = &new[i]
		}
	}
	used := map[*fieldLeaf]bool{}
	for i := range old {
		o := &old[i]
		if n := byName[o.Name]; n != nil && !used[n] {
			used[n] = true
			pairs = append(pairs, [2]*fieldLeaf{o, n})
			continue
		}
		removed = append(removed, o)
	}
	for i := range new {
		if !used[&new[i]] {
			added = append(added, &new[i])
		}
	}
	return pairs, removed, added
}

func itoa(i int) string { return strconv.Itoa(i) }
