package layout

import (
	"debug/dwarf"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// node is a debugging entry with its place in the tree of its unit. Its
// attributes are decoded one by one when asked for (Val), never all at once.
type node struct {
	tree   *unitTree
	idx    int32 // entry index in tree.idx
	Tag    dwarf.Tag
	Offset dwarf.Offset
	named  bool // name holds the DW_AT_name value
	name   any
	parent *node
	// children are the entry's children, except below the entries whose
	// contents are code rather than declarations (lexical blocks, inlined
	// subroutines, call sites): those list none. Every entry can still be
	// reached by its offset (unitTree.at).
	children []*node
	// expanded is set once children is filled (for the whole subtree).
	expanded bool
}

// unitTree holds the entries of one unit. The unit is indexed up front (the
// offset, tag and nesting of every entry, no attribute decoded); an entry is
// decoded, as a node, when the builder first asks for it, so the bodies of
// functions and the types the unit does not build are never decoded. A node
// the builder gets (at, node) has its subtree decoded; its ancestors (parent,
// which names use) may not have their children listed.
type unitTree struct {
	unit *ddwarf.Unit
	root *node
	idx  *ddwarf.Index
	dec  *ddwarf.Decoder
	// nodes numbers, by entry index, the entry's node in slabs (from 1; 0
	// until decoded): numbers, not pointers, so that the collector need
	// not scan an array as long as the unit has entries.
	nodes    []int32
	slabs    [][]node // of nodeSlab nodes each
	kids     []*node
	lang     Lang
	producer string
	files    []string // line-table file names, read on first use
	scopes   *scopeNames
	err      error // the first attribute that could not be read
}

// readTree indexes the entries of u, in the memory of indexes (nil: its
// own), refusing nesting deeper than maxDepth, and decodes its unit entry.
func readTree(indexes *ddwarf.Indexes, f *ddwarf.File, u *ddwarf.Unit, maxDepth int) (*unitTree, error) {
	x, err := indexes.Scan(f, u, maxDepth)
	if err != nil {
		return nil, err
	}
	return newUnitTree(u, x, f.NewDecoder(x))
}

// newUnitTree makes the tree of u from its index and decoder.
func newUnitTree(u *ddwarf.Unit, x *ddwarf.Index, d *ddwarf.Decoder) (*unitTree, error) {
	t := &unitTree{unit: u, idx: x, dec: d, nodes: touched(make([]int32, x.Len()))}
	var err error
	if t.root, err = t.shallow(0); err != nil {
		return nil, err
	}
	t.lang = langOf(t.root)
	t.producer, _ = t.root.Val(dwarf.AttrProducer).(string)
	return t, nil
}

// scopeNames spells the qualified names of t's entries.
func (t *unitTree) scopeNames() *scopeNames {
	if t.scopes == nil {
		t.scopes = newScopeNames(t.idx, t.dec)
	}
	return t.scopes
}

// at returns the node of the entry at off, with its subtree; nil without
// error when no entry of this unit starts there.
func (t *unitTree) at(off dwarf.Offset) (*node, error) {
	i := t.idx.Find(off)
	if i < 0 {
		return nil, nil
	}
	return t.node(i)
}

// opaqueBody reports the tags whose children are code, not declarations.
func opaqueBody(tag dwarf.Tag) bool {
	switch tag {
	case dwarf.TagLexDwarfBlock, dwarf.TagInlinedSubroutine, 0x48, 0x4109, // call_site, GNU_call_site
		dwarf.TagTryDwarfBlock, dwarf.TagCatchDwarfBlock:
		return true
	}
	return false
}

// node returns entry i with its subtree decoded (unless its contents are
// code) and its ancestors.
func (t *unitTree) node(i int) (*node, error) {
	n, err := t.shallow(i)
	if err != nil || n.expanded {
		return n, err
	}
	return n, t.expand(i, n)
}

// shallow returns entry i and its ancestors, decoding them if needed, without
// listing children.
func (t *unitTree) shallow(i int) (*node, error) {
	if n := t.decoded(i); n != nil {
		return n, nil
	}
	var parent *node
	if p := t.idx.Parent(i); p >= 0 {
		var err error
		if parent, err = t.shallow(p); err != nil {
			return nil, err
		}
	}
	return t.decode(i, parent)
}

// nodeSlab is the number of nodes allocated at once.
const nodeSlab = 512

// decoded returns the node of entry i, nil until decoded.
func (t *unitTree) decoded(i int) *node {
	k := t.nodes[i] - 1
	if k < 0 {
		return nil
	}
	return &t.slabs[k/nodeSlab][k%nodeSlab]
}

// decode builds the node of entry i.
func (t *unitTree) decode(i int, parent *node) (*node, error) {
	last := len(t.slabs) - 1
	if last < 0 || len(t.slabs[last]) == nodeSlab {
		t.slabs = append(t.slabs, touched(make([]node, 0, nodeSlab)))
		last++
	}
	t.slabs[last] = t.slabs[last][:len(t.slabs[last])+1]
	n := &t.slabs[last][len(t.slabs[last])-1]
	*n = node{tree: t, idx: int32(i), Tag: t.idx.Tag(i), Offset: t.idx.Offset(i), parent: parent}
	t.nodes[i] = int32(last*nodeSlab + len(t.slabs[last]))
	return n, nil
}

// Val returns the value of attribute a of n, as dwarf.Entry.Val does. A
// value that cannot be read is nil here, and the error is kept for the
// builder to report (unitTree.err).
func (n *node) Val(a dwarf.Attr) any {
	if a == dwarf.AttrName {
		// Names are read again and again (qualified names read every
		// enclosing scope's): read each once.
		if !n.named {
			n.named = true
			n.name = n.val(a)
		}
		return n.name
	}
	return n.val(a)
}

func (n *node) val(a dwarf.Attr) any {
	v, err := n.tree.dec.Val(int(n.idx), a)
	if err != nil && n.tree.err == nil {
		n.tree.err = err
	}
	return v
}

// Const returns the constant value of attribute a of n with its form.
func (n *node) Const(a dwarf.Attr) (ddwarf.Const, bool, error) {
	return n.tree.dec.Const(int(n.idx), a)
}

// expand lists the children of n, entry i, and theirs, decoding them as needed.
func (t *unitTree) expand(i int, n *node) error {
	n.expanded = true
	if opaqueBody(n.Tag) {
		return nil
	}
	k := 0
	for c := t.idx.FirstChild(i); c >= 0; c = t.idx.NextSibling(c) {
		k++
	}
	if k == 0 {
		return nil
	}
	if cap(t.kids)-len(t.kids) < k {
		t.kids = touched(make([]*node, 0, max(k, 1024)))
	}
	at := len(t.kids)
	t.kids = t.kids[:at+k]
	n.children = t.kids[at : at : at+k]
	for c := t.idx.FirstChild(i); c >= 0; c = t.idx.NextSibling(c) {
		cn := t.decoded(c)
		if cn == nil {
			var err error
			if cn, err = t.decode(c, n); err != nil {
				return err
			}
		}
		if !cn.expanded {
			if err := t.expand(c, cn); err != nil {
				return err
			}
		}
		n.children = append(n.children, cn)
	}
	return nil
}

// valuer is what has attribute values: a node or a decoded entry.
type valuer interface{ Val(dwarf.Attr) any }

func langOf(cu valuer) Lang {
	l, _ := cu.Val(dwarf.AttrLanguage).(int64)
	switch l {
	case 0x1c: // DW_LANG_Rust
		return LangRust
	case 0x01, 0x02, 0x0c, 0x1d, 0x2c: // C89, C, C99, C11, C17
		return LangC
	case 0x04, 0x19, 0x1a, 0x21, 0x2a, 0x2b: // C++, C++03, C++11, C++14, C++17, C++20
		return LangCXX
	}
	return LangOther
}
