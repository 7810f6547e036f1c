package diff

import (
	"fmt"
	"regexp"
	"strconv"
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
	// shared is set when other exported symbols have the same key (legacy
	// generic instances DWARF does not name): the symbol is then not known
	// to be the counterpart of the other build's.
	shared bool
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
		name := fn.Name
		if strings.Contains(name, "{impl#") && mangled(sym) {
			name = k
		}
		if prev := fns[k]; prev == nil || len(prev.fn.Params) == 0 && len(fn.Params) > 0 {
			fns[k] = &entry{key: k, symbol: sym, name: name, fn: fn, conv: inferConv(fn, sym)}
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
// definition and adds V3's. The `rust_metadata_<crate>_<id>` symbols of Rust
// dylibs are no variables: they name each crate's StableCrateId, returned in
// crates. rules, when given, override the calling convention of the
// functions they match, as `abidrift sig --abi` does.
func surfaceExports(s *layout.Surface, rules []layout.ABIRule) (fns, vars map[string]*entry, crates map[string]string) {
	fns, vars, crates = map[string]*entry{}, map[string]*entry{}, map[string]string{}
	for _, e := range s.Functions {
		k := exportKey(e)
		if fns[k] != nil {
			fns[k].shared = true
			continue
		}
		en := &entry{key: k, symbol: e.Symbol, name: e.Name, fn: e.Function, conv: string(e.ABI)}
		if e.Function != nil && e.Function.Name != "" && !strings.Contains(e.Function.Name, "{impl#") {
			en.name = e.Function.Name
		}
		for _, r := range rules {
			if r.Match(e) {
				en.conv = string(r.ABI)
			}
		}
		fns[k] = en
	}
	for _, e := range s.Variables {
		if m := rustMetadataRE.FindStringSubmatch(e.Symbol); m != nil && e.Variable == nil {
			crates[m[1]] = m[2]
			continue
		}
		k := exportKey(e)
		if vars[k] != nil {
			vars[k].shared = true
			continue
		}
		en := &entry{key: k, symbol: e.Symbol, name: e.Name, v: e.Variable}
		if e.Variable != nil && e.Variable.Name != "" && !strings.Contains(e.Variable.Name, "{impl#") {
			en.name = e.Variable.Name
		}
		vars[k] = en
	}
	return fns, vars, crates
}

// rustMetadataRE matches the symbol a Rust dylib exports for its crate
// metadata: the crate name and its StableCrateId in hex.
var rustMetadataRE = regexp.MustCompile(`^rust_metadata_(.+)_([0-9a-f]{1,16})$`)

// exportKey is layout's key with the version of a default-version symbol
// too (layout's key carries only non-default versions).
func exportKey(e *layout.Export) string {
	if e.Version != "" && !e.Hidden {
		return e.Key + "@" + e.Version
	}
	return e.Key
}

// dwarfRule matches the ABI rules against a function known only from DWARF,
// as layout matches them against an export: by its demangled symbol, name
// and symbol.
func dwarfRule(rules []layout.ABIRule, e *entry) {
	if len(rules) == 0 || e.fn == nil {
		return
	}
	d, m := layout.Demangle(e.symbol)
	x := &layout.Export{Symbol: e.symbol, Demangled: d, Mangling: m, Name: d, Key: e.key}
	for _, r := range rules {
		if r.Match(x) {
			e.conv = string(r.ABI)
		}
	}
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
		case p.old.fn != nil && p.new.fn != nil && !unchanged(p.old, p.new):
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
		case p.old.v != nil && p.new.v != nil && !unchanged(p.old, p.new):
			c.variable(p.old.v, p.new.v, c.symWhere(p.new, EntityVariable, false))
		}
	}
}

// compareSymbolNames reports the exported Rust functions and variables that
// pair by stable key but whose symbol changed: a consumer binds to the
// symbol, so it no longer finds the item. Keys several symbols share are
// left out (their pairing is unknown). Each change carries the reasons
// found for it: a new mangling scheme, a crate-level cause (another rustc,
// another StableCrateId), or the changes of the item's signature and types
// this diff found. It runs after the impacts of the other changes are known.
func (c *comparer) compareSymbolNames() {
	type renamed struct {
		p      pair
		entity Entity
	}
	var list []renamed
	kept := 0
	for _, group := range []struct {
		pairs  []pair
		entity Entity
	}{{c.fnPairs, EntityFunction}, {c.varPairs, EntityVariable}} {
		for _, p := range group.pairs {
			if p.old == nil || p.new == nil || p.old.shared || p.new.shared || !rustSymbol(p.old.symbol) || !rustSymbol(p.new.symbol) {
				continue
			}
			if p.old.symbol == p.new.symbol {
				kept++
				continue
			}
			list = append(list, renamed{p, group.entity})
		}
	}
	if len(list) == 0 {
		return
	}
	crateWide := c.crateCauses()
	for _, r := range list {
		p := r.p
		var reasons []string
		_, mo := layout.Demangle(p.old.symbol)
		_, mn := layout.Demangle(p.new.symbol)
		switch {
		case mo != mn:
			reasons = []string{fmt.Sprintf("the symbol mangling changed from %s to %s (-C symbol-mangling-version)", mo, mn)}
		case len(crateWide) > 0:
			reasons = crateWide
		default:
			reasons = c.itemReasons(p, r.entity)
			if len(reasons) == 0 && kept == 0 && len(list) > 1 {
				reasons = []string{"every Rust symbol of the binary changed, so the cause is crate-wide (another rustc, other -C metadata), though the producers and rust_metadata symbols show no difference"}
			}
			if len(reasons) == 0 {
				reasons = []string{"no change of its signature or of the types it reaches was found; the symbol hash also covers generic arguments and the crate that instantiates it"}
			}
		}
		w := c.symWhere(p.new, r.entity, false)
		what := "function"
		if r.entity == EntityVariable {
			what = "variable"
		}
		ch := c.add(w, SymbolHashChanged, Breaking, "the symbol of %s %s changed from %s to %s: consumers linked against the old symbol fail to load (undefined symbol)",
			what, p.new.name, p.old.symbol, p.new.symbol)
		if ch == nil {
			continue
		}
		ch.Reasons = reasons
		ch.Impacts = c.new.impacts(ch)
		if ch.Impacts == nil {
			ch.Impacts = []Impact{}
		}
	}
}

// rustSymbol reports a legacy or v0 Rust symbol.
func rustSymbol(sym string) bool {
	_, m := layout.Demangle(sym)
	return m == layout.MangleRustLegacy || m == layout.MangleRustV0
}

// crateCauses lists the causes that change every Rust symbol of a build:
// another rustc (its version is part of the StableCrateId every symbol
// carries), or another StableCrateId, as the rust_metadata symbols of dylibs
// and the crate roots of v0 symbols show.
func (c *comparer) crateCauses() []string {
	var out []string
	ov, nv := rustcVersions(c.old.bin.Producers), rustcVersions(c.new.bin.Producers)
	if len(ov) > 0 && len(nv) > 0 && strings.Join(ov, ",") != strings.Join(nv, ",") {
		out = append(out, fmt.Sprintf("the crate was built by rustc %s, now by rustc %s: the compiler version is part of the StableCrateId every symbol carries",
			strings.Join(ov, ", "), strings.Join(nv, ", ")))
	}
	explained := map[string]bool{}
	for _, crate := range sortedKeys(c.old.crates) {
		a, b := c.old.crates[crate], c.new.crates[c.oldName(crate)]
		if b == "" || a == b {
			continue
		}
		explained[crate] = true
		out = append(out, fmt.Sprintf("crate %s has another StableCrateId (rust_metadata_%s_%s, now rust_metadata_%s_%s): it was built with other -C metadata "+
			"(for Cargo: another package version, source, feature set, profile or dependency) or as another crate type", crate, crate, a, c.oldName(crate), b))
	}
	// v0 symbols name their crates with a disambiguator derived from the
	// StableCrateId.
	changed := map[string][2]string{}
	for _, pairs := range [][]pair{c.fnPairs, c.varPairs} {
		for _, p := range pairs {
			if p.old == nil || p.new == nil {
				continue
			}
			da, db := v0Crates(p.old.symbol), v0Crates(p.new.symbol)
			for crate, a := range da {
				if b, ok := db[crate]; ok && a != b && !explained[crate] {
					changed[crate] = [2]string{a, b}
				}
			}
		}
	}
	for _, crate := range sortedKeys(changed) {
		d := changed[crate]
		out = append(out, fmt.Sprintf("the v0 disambiguator of crate %s changed from Cs%s_ to Cs%s_: its StableCrateId changed "+
			"(other -C metadata, another crate type or another rustc)", crate, d[0], d[1]))
	}
	return out
}

// v0CrateRE finds the crate roots of a v0 symbol: `Cs<base62>_<len><name>`.
var v0CrateRE = regexp.MustCompile(`Cs([0-9A-Za-z]*)_([0-9]+)(_?)`)

// v0Crates maps each crate a v0 symbol names to its disambiguator.
func v0Crates(sym string) map[string]string {
	if !strings.HasPrefix(sym, "_R") {
		return nil
	}
	out := map[string]string{}
	for _, m := range v0CrateRE.FindAllStringSubmatchIndex(sym, -1) {
		n, err := strconv.Atoi(sym[m[4]:m[5]])
		if err != nil || n <= 0 || m[7]+n > len(sym) {
			continue
		}
		out[sym[m[7]:m[7]+n]] = sym[m[2]:m[3]]
	}
	return out
}

// itemReasons phrases the changes this diff found that reach the item of p:
// its own (parameters, result, type) first, then those of the types it
// reaches. The legacy symbol hash covers the signature and the definitions
// of the types named in it, so one of them is why it changed.
func (c *comparer) itemReasons(p pair, entity Entity) []string {
	node := "fn:" + p.key
	if entity == EntityVariable {
		node = "var:" + p.key
	}
	// own changes first, then those that change a type's definition (what
	// the hash covers), then their consequences (sizes, offsets).
	var ranked [3][]string
	for _, ch := range c.changes {
		if ch.Kind == SymbolHashChanged || ch.Entity == EntityBinary {
			continue
		}
		if ch.ownerKey == node {
			ranked[0] = append(ranked[0], reasonPhrase(ch))
			continue
		}
		for _, im := range ch.Impacts {
			if im.Symbol == p.new.symbol || im.Symbol == p.old.symbol {
				r := 2
				switch ch.Kind {
				case FieldAdded, FieldRemoved, FieldRenamed, VariantAdded, VariantRemoved, VariantRenamed, TypeKindChanged:
					r = 1
				}
				ranked[r] = append(ranked[r], reasonPhrase(ch))
				break
			}
		}
	}
	all := append(append(ranked[0], ranked[1]...), ranked[2]...)
	const most = 4
	if len(all) > most {
		all = append(all[:most], fmt.Sprintf("and %d more changes that reach it", len(all)-most))
	}
	for i := range all {
		if i == 0 {
			all[i] = "hash changed because " + all[i]
		} else if !strings.HasPrefix(all[i], "and ") {
			all[i] = "and because " + all[i]
		}
	}
	return all
}

// reasonPhrase says briefly what a change did: `plug::Config gained field
// `verbose“, else its detail.
func reasonPhrase(ch *Change) string {
	rest, ok := strings.CutPrefix(ch.Subject, ch.Owner)
	member := strings.TrimPrefix(rest, ".")
	if !ok || !strings.HasPrefix(rest, ".") || strings.ContainsAny(member, ".:") {
		if v := strings.TrimPrefix(rest, "::"); ok && strings.HasPrefix(rest, "::") && !strings.ContainsAny(v, ".:") {
			switch ch.Kind {
			case VariantAdded:
				return fmt.Sprintf("%s gained variant `%s`", ch.Owner, v)
			case VariantRemoved:
				return fmt.Sprintf("%s lost variant `%s`", ch.Owner, v)
			}
		}
		return ch.Detail
	}
	switch ch.Kind {
	case FieldAdded:
		return fmt.Sprintf("%s gained field `%s`", ch.Owner, member)
	case FieldRemoved:
		return fmt.Sprintf("%s lost field `%s`", ch.Owner, member)
	}
	return ch.Detail
}
