package layout

import (
	"debug/dwarf"
	"path"
)

// qualifiedName is n's name prefixed with its enclosing namespaces and types
// (crate::module::Type, ns::Class::Inner). C has one scope for tags, so C
// names stay bare. Unnamed entries give "".
func (b *builder) qualifiedName(n *node, tree *unitTree) string {
	name, _ := n.Val(dwarf.AttrName).(string)
	if name == "" || tree.lang == LangC {
		return name
	}
	scopes, p := tree.scopeNames(), tree.idx.Parent(int(n.idx))
	if spec, ok := n.Val(dwarf.AttrSpecification).(dwarf.Offset); ok {
		if s, st, err := b.nodeAt(spec); err == nil {
			scopes, p = st.scopeNames(), st.idx.Parent(int(s.idx))
		}
	}
	return scopes.inScope(p, name)
}

// declLocation returns the source file and line DW_AT_decl_file and
// DW_AT_decl_line give for n, or "" and 0.
func (b *builder) declLocation(n *node, tree *unitTree) (string, int) {
	line, _ := n.Val(dwarf.AttrDeclLine).(int64)
	idx, ok := n.Val(dwarf.AttrDeclFile).(int64)
	if !ok {
		return "", int(line)
	}
	files := tree.fileNames(b)
	if idx < 0 || idx >= int64(len(files)) {
		return "", int(line)
	}
	return files[idx], int(line)
}

// fileNames returns the unit's line-table file names, read once.
func (t *unitTree) fileNames(b *builder) []string {
	if t.files != nil {
		return t.files
	}
	t.files = []string{}
	root, err := t.dec.Entry(0)
	if err != nil {
		return t.files
	}
	lr, err := b.f.LineReader(root)
	if err != nil || lr == nil {
		return t.files
	}
	for _, f := range lr.Files() {
		name := ""
		if f != nil {
			name = path.Clean(f.Name)
		}
		t.files = append(t.files, name)
	}
	return t.files
}

// LastSegment is the part of a qualified name after its last "::" outside
// angle brackets and parentheses: `Option<&a::B>` for `core::option::Option<&a::B>`.
func LastSegment(name string) string {
	depth, start := 0, 0
	for i := 0; i < len(name); i++ {
		switch name[i] {
		case '<', '(', '[':
			depth++
		case '>', ')', ']':
			depth--
		case ':':
			if depth == 0 && i+1 < len(name) && name[i+1] == ':' {
				start = i + 2
				i++
			}
		}
	}
	return name[start:]
}
