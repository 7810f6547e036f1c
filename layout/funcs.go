package layout

import (
	"debug/dwarf"
	"slices"
	"strings"
)

// origins follows DW_AT_abstract_origin and DW_AT_specification from n to
// the entries that hold the attributes a concrete instance omits, appending
// n and them to buf[:0] (callers pass an array of their own: most chains
// are short, and there is one per function and parameter). A chain that
// leads back to one of its entries is an error.
func (b *builder) origins(n *node, buf []*node) ([]*node, error) {
	chain := append(buf[:0], n)
	for i := 0; i < 8; i++ {
		attr, name := dwarf.AttrAbstractOrigin, "abstract_origin"
		off, ok := n.Val(attr).(dwarf.Offset)
		if !ok {
			attr, name = dwarf.AttrSpecification, "specification"
			off, ok = n.Val(attr).(dwarf.Offset)
		}
		if !ok {
			break
		}
		next, _, err := b.nodeAt(off)
		if err != nil {
			return nil, err
		}
		if slices.Contains(chain, next) {
			return nil, b.errorf(n.Offset, "DW_AT_%s leads back to the entry at %#x (a cycle)", name, off)
		}
		chain = append(chain, next)
		n = next
	}
	return chain, nil
}

// attr returns the first value of a along n's origin chain.
func attr(chain []*node, a dwarf.Attr) any {
	for _, n := range chain {
		if v := n.Val(a); v != nil {
			return v
		}
	}
	return nil
}

// nameOf is the qualified name of the last entry of chain that names it.
func (b *builder) nameOf(chain []*node) string {
	for i := len(chain) - 1; i >= 0; i-- {
		if _, ok := chain[i].Val(dwarf.AttrName).(string); ok {
			tree := b.tree
			if _, t, err := b.nodeAt(chain[i].Offset); err == nil {
				tree = t
			}
			return b.qualifiedName(chain[i], tree)
		}
	}
	return ""
}

// function builds a defined subprogram; declarations and abstract inline
// instances give nil.
//
// A function in b.shells is made as a shell: no result, parameters or
// generic arguments, and its print.
func (b *builder) function(n *node) (*Function, error) {
	if decl, _ := n.Val(dwarf.AttrDeclaration).(bool); decl {
		return nil, nil
	}
	if n.Val(dwarf.AttrLowpc) == nil && n.Val(dwarf.AttrRanges) == nil {
		return nil, nil
	}
	var buf [4]*node
	chain, err := b.origins(n, buf[:0])
	if err != nil {
		return nil, err
	}
	fn := &Function{Name: b.nameOf(chain), Lang: b.tree.lang}
	fn.LinkageName, _ = attr(chain, dwarf.AttrLinkageName).(string)
	if fn.LinkageName == "" {
		fn.LinkageName, _ = attr(chain, dwarf.Attr(0x2007)).(string) // DW_AT_MIPS_linkage_name
	}
	if b.ownNames {
		fn.Name, fn.LinkageName = ownNames(fn.Name, fn.LinkageName)
	}
	fn.NoReturn, _ = attr(chain, dwarf.AttrNoreturn).(bool)
	fn.External, _ = attr(chain, dwarf.AttrExternal).(bool)
	cc, _ := attr(chain, dwarf.Attr(0x36)).(int64) // DW_AT_calling_convention
	fn.NoCall = cc == 3
	fn.LowPC, _ = n.Val(dwarf.AttrLowpc).(uint64)
	fn.File, fn.Line = b.declLocation(chain[len(chain)-1], b.tree)
	if print, ok := b.shells[n.idx]; ok {
		fn.print = print
		return fn, nil
	}
	for _, c := range chain {
		if _, ok := c.Val(dwarf.AttrType).(dwarf.Offset); ok {
			if fn.Result, err = b.typeOf(c); err != nil {
				return nil, err
			}
			break
		}
	}
	// The abstract instance lists the parameters in source order; a concrete
	// instance may list them in another order, or only some of them. (An
	// out-of-line C++ definition lists its own, named ones.)
	decl := n
	if _, inlined := n.Val(dwarf.AttrAbstractOrigin).(dwarf.Offset); inlined && hasParams(chain[len(chain)-1]) {
		decl = chain[len(chain)-1]
	}
	var locs map[dwarf.Offset]any // nil: the parameters are n's own
	if decl != n {
		locs = concreteLocations(n)
	}
	if err := b.params(fn, decl, locs); err != nil {
		return nil, err
	}
	return fn, nil
}

// ownNames copies the names of a function or variable out of the input
// file (strings read from a mapped file point into it). An exports-only
// model does: NewSurface and diff look every exported function up by its
// names, which would otherwise bring most pages of .debug_str back after
// the file's pages were let go (dwarf.File.Evict), at a tenth of the memory
// in copies.
func ownNames(name, linkage string) (string, string) {
	return strings.Clone(name), strings.Clone(linkage)
}

func hasParams(n *node) bool {
	for _, c := range n.children {
		if c.Tag == dwarf.TagFormalParameter || c.Tag == dwarf.TagUnspecifiedParameters {
			return true
		}
	}
	return false
}

// concreteLocations maps each parameter of a concrete instance to its
// DW_AT_location, keyed by the parameter itself and by its abstract origin.
func concreteLocations(n *node) map[dwarf.Offset]any {
	locs := map[dwarf.Offset]any{}
	for _, c := range n.children {
		if c.Tag != dwarf.TagFormalParameter {
			continue
		}
		loc := c.Val(dwarf.AttrLocation)
		locs[c.Offset] = loc
		if o, ok := c.Val(dwarf.AttrAbstractOrigin).(dwarf.Offset); ok {
			locs[o] = loc
		}
	}
	return locs
}

// params adds the formal parameters listed under n, with their locations
// in the concrete instance: in locs (concreteLocations) when n is not the
// concrete instance, else their own.
func (b *builder) params(fn *Function, n *node, locs map[dwarf.Offset]any) error {
	var buf [4]*node
	for _, c := range n.children {
		switch c.Tag {
		case dwarf.TagFormalParameter:
			chain, err := b.origins(c, buf[:0])
			if err != nil {
				return err
			}
			var p Param
			if locs == nil {
				p.Location = c.Val(dwarf.AttrLocation)
			} else {
				p.Location = locs[c.Offset]
			}
			p.Name, _ = attr(chain, dwarf.AttrName).(string)
			for _, pc := range chain {
				if _, ok := pc.Val(dwarf.AttrType).(dwarf.Offset); ok {
					t, err := b.typeOf(pc)
					if err != nil {
						return err
					}
					p.Type = t
					break
				}
			}
			fn.Params = append(fn.Params, p)
		case dwarf.TagUnspecifiedParameters:
			fn.Variadic = true
		case dwarf.TagTemplateTypeParameter, dwarf.TagTemplateValueParameter:
			tp, err := b.templateParam(c, b.tree)
			if err != nil {
				return err
			}
			fn.Templates = append(fn.Templates, tp)
		}
	}
	return nil
}

// variable builds a variable defined at file or namespace scope; one in
// b.shells is made as a shell, without its type.
func (b *builder) variable(n *node) (*Variable, error) {
	if decl, _ := n.Val(dwarf.AttrDeclaration).(bool); decl {
		return nil, nil
	}
	if n.Val(dwarf.AttrLocation) == nil {
		return nil, nil
	}
	var buf [4]*node
	chain, err := b.origins(n, buf[:0])
	if err != nil {
		return nil, err
	}
	v := &Variable{Name: b.nameOf(chain), Lang: b.tree.lang}
	v.LinkageName, _ = attr(chain, dwarf.AttrLinkageName).(string)
	if b.ownNames {
		v.Name, v.LinkageName = ownNames(v.Name, v.LinkageName)
	}
	v.File, v.Line = b.declLocation(chain[len(chain)-1], b.tree)
	if print, ok := b.shells[n.idx]; ok {
		v.print = print
		return v, nil
	}
	for _, c := range chain {
		if _, ok := c.Val(dwarf.AttrType).(dwarf.Offset); ok {
			t, err := b.typeOf(c)
			if err != nil {
				return nil, err
			}
			v.Type = t
			break
		}
	}
	return v, nil
}
