package layout

import (
	"debug/dwarf"
	"fmt"
	"sort"

	ddwarf "github.com/abidrift/abidrift/dwarf"
)

// Options tune Build.
type Options struct {
	// Workers decoding units in parallel; 0 means all CPUs.
	Workers int
}

// Build reads every unit of f and returns its ABI model: the named types once
// each, the defined functions and the variables.
func Build(f *ddwarf.File, opts Options) (*Binary, error) {
	units := f.Units()
	parts := make([]*unitModel, len(units))
	err := f.EachUnit(opts.Workers, func(i int, u *ddwarf.Unit) error {
		t, err := readTree(f, u, depthLimit(f))
		if err != nil {
			return err
		}
		if dwo := dwoName(t.root); dwo != "" {
			return &ddwarf.Error{File: f.Path, Section: ".debug_info", Offset: int64(u.Offset),
				Err: fmt.Errorf("split DWARF: the types of this unit are in %s, which abidrift does not read; rebuild without split debug info (-C split-debuginfo=off, or gcc without -gsplit-dwarf)", dwo)}
		}
		b := newBuilder(f, t)
		if err := b.buildUnit(); err != nil {
			return err
		}
		parts[i] = b.model
		return nil
	})
	if err != nil {
		return nil, err
	}
	bin := &Binary{Path: f.Path, Arch: f.Arch, PtrSize: f.PtrSize, Format: f.Format, Kind: f.Kind}
	merge(bin, parts)
	if err := readSymbols(f, bin); err != nil {
		return nil, err
	}
	return bin, nil
}

// dwoName is the split-DWARF file a skeleton unit points to, or "".
func dwoName(root *node) string {
	for _, a := range []dwarf.Attr{0x76, 0x2130} { // DW_AT_dwo_name, DW_AT_GNU_dwo_name
		if s, ok := root.Val(a).(string); ok {
			return s
		}
	}
	if root.Tag == 0x4a { // DW_TAG_skeleton_unit
		return "a .dwo file"
	}
	return ""
}

func depthLimit(f *ddwarf.File) int { return f.Limits().Depth }

// unitModel is what one unit contributes to the Binary.
type unitModel struct {
	types     []*Type
	functions []*Function
	variables []*Variable
	producer  string
}

// merge joins the units' models, keeping one definition per named type and
// pointing every reference at it.
func merge(bin *Binary, parts []*unitModel) {
	c := newCanon()
	producers := map[string]bool{}
	for _, p := range parts {
		if p == nil {
			continue
		}
		if p.producer != "" {
			producers[p.producer] = true
		}
		for _, t := range p.types {
			c.add(t)
		}
	}
	for _, p := range parts {
		if p == nil {
			continue
		}
		for _, fn := range p.functions {
			c.function(fn)
			bin.Functions = append(bin.Functions, fn)
		}
		for _, v := range p.variables {
			v.Type = c.resolve(v.Type)
			bin.Variables = append(bin.Variables, v)
		}
	}
	bin.Types = c.types()
	for _, t := range bin.Types {
		computeFacts(t)
	}
	for p := range producers {
		bin.Producers = append(bin.Producers, p)
	}
	sort.Strings(bin.Producers)
}

// builder turns the entries of one unit into model types.
type builder struct {
	f     *ddwarf.File
	tree  *unitTree
	types map[dwarf.Offset]*Type
	model *unitModel
	depth int
	// others caches trees of other units reached by cross-unit references.
	others map[*ddwarf.Unit]*unitTree
	// pending pointees, built once the outermost type is done.
	pending  []pointee
	draining bool
}

func newBuilder(f *ddwarf.File, t *unitTree) *builder {
	return &builder{f: f, tree: t, types: map[dwarf.Offset]*Type{}, model: &unitModel{producer: t.producer}}
}

func (b *builder) errorf(off dwarf.Offset, format string, args ...any) error {
	return &ddwarf.Error{File: b.f.Path, Section: ".debug_info", Offset: int64(off), Err: fmt.Errorf(format, args...)}
}

// buildUnit builds every named aggregate, function and variable of the unit.
func (b *builder) buildUnit() error {
	var walk func(n *node, depth int) error
	walk = func(n *node, depth int) error {
		switch n.Tag {
		case dwarf.TagStructType, dwarf.TagClassType, dwarf.TagUnionType, dwarf.TagEnumerationType, dwarf.TagTypedef:
			if _, ok := n.Val(dwarf.AttrName).(string); ok {
				t, err := b.typeAt(n.Offset)
				if err != nil {
					return err
				}
				b.model.types = append(b.model.types, t)
			}
		case dwarf.TagSubprogram:
			fn, err := b.function(n)
			if err != nil {
				return err
			}
			if fn != nil {
				b.model.functions = append(b.model.functions, fn)
			}
			return nil // nested functions and local types are not part of the ABI
		case dwarf.TagVariable:
			v, err := b.variable(n)
			if err != nil {
				return err
			}
			if v != nil {
				b.model.variables = append(b.model.variables, v)
			}
		case dwarf.TagLexDwarfBlock, dwarf.TagInlinedSubroutine:
			return nil
		}
		for _, c := range n.children {
			if err := walk(c, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(b.tree.root, 0)
}
