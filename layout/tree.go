package layout

import (
	"debug/dwarf"
	"fmt"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// node is a debugging entry with its place in the tree of its unit.
type node struct {
	*dwarf.Entry
	parent   *node
	children []*node
}

// unitTree holds every entry of one unit, indexed by offset.
type unitTree struct {
	unit     *ddwarf.Unit
	root     *node
	byOff    map[dwarf.Offset]*node
	lang     Lang
	producer string
	files    []string // line-table file names, read on first use
}

// readTree decodes every entry of u into a tree, refusing nesting deeper than maxDepth.
func readTree(f *ddwarf.File, u *ddwarf.Unit, maxDepth int) (*unitTree, error) {
	r := f.Entries(u)
	t := &unitTree{unit: u, byOff: map[dwarf.Offset]*node{}}
	var stack []*node
	for {
		e, err := r.Next()
		if err != nil {
			return nil, f.DecodeErr(err)
		}
		if e == nil {
			break
		}
		if e.Tag == 0 { // end of a sibling list
			if len(stack) == 0 {
				return nil, &ddwarf.Error{File: f.Path, Section: ".debug_info", Offset: int64(e.Offset), Err: fmt.Errorf("unbalanced end of children")}
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				break
			}
			continue
		}
		n := &node{Entry: e}
		t.byOff[e.Offset] = n
		if len(stack) == 0 {
			if t.root != nil {
				break // next unit
			}
			t.root = n
		} else {
			n.parent = stack[len(stack)-1]
			n.parent.children = append(n.parent.children, n)
		}
		if e.Children {
			if len(stack) >= maxDepth {
				return nil, &ddwarf.Error{File: f.Path, Section: ".debug_info", Offset: int64(e.Offset),
					Err: fmt.Errorf("%w: entries nested deeper than %d (raise it with --max-depth)", ddwarf.ErrLimit, maxDepth)}
			}
			stack = append(stack, n)
		} else if len(stack) == 0 {
			break
		}
	}
	if t.root == nil {
		return nil, &ddwarf.Error{File: f.Path, Section: ".debug_info", Offset: int64(u.Offset), Err: fmt.Errorf("unit has no entries")}
	}
	t.lang = langOf(t.root)
	t.producer, _ = t.root.Val(dwarf.AttrProducer).(string)
	return t, nil
}

func langOf(cu *node) Lang {
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
