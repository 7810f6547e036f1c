package diff

import (
	"strings"

	"github.com/abidrift/abidrift/layout"
)

// entry is one exported function or variable of a build.
type entry struct {
	key    string // stable key pairing it with its counterpart
	symbol string // the name in the symbol table
	name   string // qualified source name (DWARF's, else the demangled symbol)
	// fn or v is the DWARF entity; both nil for a symbol without DWARF.
	fn *layout.Function
	v  *layout.Variable
	// conv is the calling convention of a function: "C" or "Rust".
	conv string
}

func (e *entry) file() (string, int) {
	switch {
	case e.fn != nil:
		return e.fn.File, e.fn.Line
	case e.v != nil:
		return e.v.File, e.v.Line
	}
	return "", 0
}

// dwarfExports stands in for a symbol table: the functions with external
// linkage or a mangled name, and the file-scope variables (compiler-made
// ones like Rust vtables and `{closure}` statics left out). The key is the
// demangled symbol, as layout.Export.Key is for unversioned symbols.
func dwarfExports(bin *layout.Binary) (fns, vars map[string]*entry) {
	fns, vars = map[string]*entry{}, map[string]*entry{}
	for _, fn := range bin.Functions {
		if !fn.External && fn.LinkageName == "" {
			continue
		}
		sym := symbolOf(fn.LinkageName, fn.Name)
		k := stableKey(sym)
		if prev := fns[k]; prev == nil || len(prev.fn.Params) == 0 && len(fn.Params) > 0 {
			fns[k] = &entry{key: k, symbol: sym, name: fn.Name, fn: fn, conv: inferConv(fn, sym)}
		}
	}
	for _, v := range bin.Variables {
		if strings.Contains(v.Name, "{") {
			continue
		}
		sym := symbolOf(v.LinkageName, v.Name)
		k := stableKey(sym)
		if vars[k] == nil {
			vars[k] = &entry{key: k, symbol: sym, name: v.Name, v: v}
		}
	}
	return fns, vars
}

// surfaceExports are the exported symbols of a symbol table, by layout's
// key, with the symbol version: a program binds to name@VERSION, so a
// default version that moved (foo@@V2 -> foo@V2 plus foo@@V3) keeps V2's
// definition and adds V3's.
func surfaceExports(s *layout.Surface) (fns, vars map[string]*entry) {
	fns, vars = map[string]*entry{}, map[string]*entry{}
	for _, e := range s.Functions {
		k := exportKey(e)
		if fns[k] != nil {
			continue
		}
		en := &entry{key: k, symbol: e.Symbol, name: e.Name, fn: e.Function, conv: string(e.ABI)}
		if e.Function != nil && e.Function.Name != "" {
			en.name = e.Function.Name
		}
		fns[k] = en
	}
	for _, e := range s.Variables {
		k := exportKey(e)
		if vars[k] != nil {
			continue
		}
		en := &entry{key: k, symbol: e.Symbol, name: e.Name, v: e.Variable}
		if e.Variable != nil && e.Variable.Name != "" {
			en.name = e.Variable.Name
		}
		vars[k] = en
	}
	return fns, vars
}

// exportKey is layout's key with the version of a default-version symbol
// too (layout's key carries only non-default versions).
func exportKey(e *layout.Export) string {
	if e.Version != "" && !e.Hidden {
		return e.Key + "@" + e.Version
	}
	return e.Key
}

// stableKey is a symbol's demangled name without rustc's hash and crate
// disambiguators; the symbol itself when it is not mangled.
func stableKey(sym string) string {
	d, _ := layout.Demangle(sym)
	return d
}

// inferConv is the calling convention assumed for a function without a
// symbol table: Rust for Rust-mangled Rust functions, C otherwise.
func inferConv(fn *layout.Function, sym string) string {
	if fn.Lang == layout.LangRust && mangled(sym) {
		return "Rust"
	}
	return "C"
}

// mangled reports a C++ or Rust mangled symbol.
func mangled(sym string) bool {
	return strings.HasPrefix(sym, "_Z") || strings.HasPrefix(sym, "_R")
}

// matchSymbols pairs the exported functions and variables by stable key.
func (c *comparer) matchSymbols() {
	for _, k := range sortedKeys(c.old.fns) {
		c.fnPairs = append(c.fnPairs, pair{key: k, old: c.old.fns[k], new: c.new.fns[k]})
	}
	for _, k := range sortedKeys(c.new.fns) {
		if c.old.fns[k] == nil {
			c.fnPairs = append(c.fnPairs, pair{key: k, new: c.new.fns[k]})
		}
	}
	for _, k := range sortedKeys(c.old.vars) {
		c.varPairs = append(c.varPairs, pair{key: k, old: c.old.vars[k], new: c.new.vars[k]})
	}
	for _, k := range sortedKeys(c.new.vars) {
		if c.old.vars[k] == nil {
			c.varPairs = append(c.varPairs, pair{key: k, new: c.new.vars[k]})
		}
	}
}

// inferCrateRenames finds crates renamed between the builds: when unmangled
// (#[no_mangle]) functions keep their symbol but their qualified names start
// with another crate, and no function still uses the old crate name.
func inferCrateRenames(old, new *side) crateMap {
	votes := map[string]map[string]int{}
	for k, o := range old.fns {
		n := new.fns[k]
		if n == nil || o.fn == nil || n.fn == nil || mangled(o.symbol) || mangled(n.symbol) || o.fn.Lang != layout.LangRust {
			continue
		}
		a, b := firstSegment(o.fn.Name), firstSegment(n.fn.Name)
		if a == "" || b == "" || a == b {
			continue
		}
		if votes[a] == nil {
			votes[a] = map[string]int{}
		}
		votes[a][b]++
	}
	m := crateMap{}
	for from, tos := range votes {
		best, n := "", 0
		for to, v := range tos {
			if v > n || v == n && to < best {
				best, n = to, v
			}
		}
		if !usesCrate(new, from) {
			m[from] = best
		}
	}
	return m
}

func usesCrate(s *side, crate string) bool {
	for _, e := range s.fns {
		if e.fn != nil && firstSegment(e.fn.Name) == crate {
			return true
		}
	}
	return false
}

// symWhere is the place of the changes of an exported function or variable.
func (c *comparer) symWhere(e *entry, entity Entity, oldSide bool) where {
	file, line := e.file()
	node := "fn:" + e.key
	if entity == EntityVariable {
		node = "var:" + e.key
	}
	return where{subject: e.name, owner: e.name, ownerKey: node, entity: entity, symbol: e.symbol,
		file: file, line: line, oldSide: oldSide}
}

// compareSymbols reports exported functions and variables removed and added,
// and compares those in both builds.
func (c *comparer) compareSymbols() {
	for _, p := range c.fnPairs {
		switch {
		case p.new == nil:
			w := c.symWhere(p.old, EntityFunction, true)
			c.add(w, FunctionRemoved, Breaking, "function %s (symbol %s) was removed", p.old.name, p.old.symbol)
		case p.old == nil:
			w := c.symWhere(p.new, EntityFunction, false)
			c.add(w, FunctionAdded, Compatible, "function %s (symbol %s) was added", p.new.name, p.new.symbol)
		case p.old.fn != nil && p.new.fn != nil:
			c.function(p.old, p.new, c.symWhere(p.new, EntityFunction, false))
		}
	}
	for _, p := range c.varPairs {
		switch {
		case p.new == nil:
			w := c.symWhere(p.old, EntityVariable, true)
			c.add(w, VariableRemoved, Breaking, "variable %s (symbol %s) was removed", p.old.name, p.old.symbol)
		case p.old == nil:
			w := c.symWhere(p.new, EntityVariable, false)
			c.add(w, VariableAdded, Compatible, "variable %s (symbol %s) was added", p.new.name, p.new.symbol)
		case p.old.v != nil && p.new.v != nil:
			c.variable(p.old.v, p.new.v, c.symWhere(p.new, EntityVariable, false))
		}
	}
}
