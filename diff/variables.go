package diff

import "github.com/abidrift/abidrift/layout"

// variable compares the type of an exported variable present in both builds.
func (c *comparer) variable(o, n *layout.Variable, w where) {
	d := c.typeDelta(o.Type, n.Type, w)
	if d == nil {
		return
	}
	kind := VariableTypeChanged
	if d.fnptr {
		kind = FnPointerChanged
	}
	c.add(w, kind, d.sev, "variable %s changed type from %s to %s (%s)", w.subject, spell(o.Type), spell(n.Type), d.why)
}
