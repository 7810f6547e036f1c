package diff

import (
	"fmt"
	"regexp"
	"sort"

	"github.com/abidrift/abidrift/layout"
	"github.com/abidrift/abidrift/layout/abi"
)

// PassingFunc says how each parameter and the result of fn are passed on
// arch under the calling convention conv ("C" or "Rust"); ok is false when it
// cannot tell.
type PassingFunc func(arch, conv string, fn *layout.Function) (params []abi.Pass, result *abi.Pass, ok bool)

// Options tune Compare.
type Options struct {
	// AllTypes compares every named type, not only those that exported
	// functions and variables reach, and reports types added and removed.
	AllTypes bool
	// Types, when set, limits type changes to named types whose qualified
	// name matches, reachable or not; changes of functions and variables are
	// still reported.
	Types *regexp.Regexp
	// Passing predicts how values are passed, so that a parameter or result
	// that moves between registers, stack and memory is reported; nil means
	// Passing (layout/sig's prediction).
	Passing PassingFunc
	// ABIRules override the calling convention of the exported functions
	// they match, on both sides, as `abidrift sig --abi` does; the last
	// matching rule wins.
	ABIRules []layout.ABIRule
}

// Compare finds the ABI changes from old to new. Without symbol tables, the
// exported surface is approximated from DWARF: functions with external
// linkage or a mangled name, and file-scope variables.
func Compare(old, new *layout.Binary, opts Options) *Report {
	return compare(newSide(old, nil, opts.ABIRules), newSide(new, nil, opts.ABIRules), opts)
}

// CompareSurfaces finds the ABI changes from old to new, whose exported
// symbols (from their symbol tables) are the functions and variables compared.
func CompareSurfaces(old, new *layout.Surface, opts Options) *Report {
	return compare(newSide(old.Binary, old, opts.ABIRules), newSide(new.Binary, new, opts.ABIRules), opts)
}

func compare(old, new *side, opts Options) *Report {
	if opts.Passing == nil {
		opts.Passing = Passing
	}
	c := &comparer{old: old, new: new, opts: opts,
		seen: map[[2]*layout.Type]bool{}, deltas: map[[2]*layout.Type]*delta{}, reported: map[string]bool{}}
	c.eq = &equiv{c: c, known: map[[2]*layout.Type]bool{}}
	c.matchSymbols()
	c.crates = inferCrateRenames(c.old, c.new)
	// The sides are independent until they are compared: each on a core.
	both(func() { c.old.scope(c.crates, opts) }, func() { c.new.scope(nil, opts) })
	c.compareBinary()
	// The impact graphs (needed when something changed) are built meanwhile,
	// from the sides alone, which the comparison only reads.
	graphs := async(func() { both(func() { c.old.buildGraph() }, func() { c.new.buildGraph() }) })
	c.compareSymbols()
	c.compareTypes()
	graphs()
	c.computeImpacts()
	c.compareSymbolNames()
	r := &Report{Old: old.bin.Path, New: new.bin.Path, Changes: c.changes}
	r.Sort()
	return r
}

// both runs f and g at once and returns when both are done. A panic in g
// is raised again in the caller's goroutine, where the command recovers it.
func both(f, g func()) {
	wait := async(g)
	f()
	wait()
}

// async starts f on its own goroutine; wait returns once f is done, raising
// again in its caller's goroutine a panic of f.
func async(f func()) (wait func()) {
	var failed any
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() { failed = recover() }()
		f()
	}()
	return func() {
		<-done
		if failed != nil {
			panic(failed)
		}
	}
}

// comparer holds the state of one comparison.
type comparer struct {
	old, new *side
	opts     Options
	crates   crateMap // old crate name -> new crate name
	eq       *equiv
	// seen holds the aggregate pairs already compared, so that a type reached
	// along several paths is reported once.
	seen     map[[2]*layout.Type]bool
	deltas   map[[2]*layout.Type]*delta
	depth    int
	reported map[string]bool
	changes  []*Change
	// fnPairs and varPairs are the corresponding exported symbols, by key.
	fnPairs  []pair
	varPairs []pair
}

// pair is an exported symbol in the old and the new build; one side is nil
// when it was added or removed.
type pair struct {
	key      string
	old, new *entry
}

// where says what is being compared: the subject a change is reported
// against, the named type, function or variable that owns it, and the rules
// that apply.
type where struct {
	subject  string
	owner    string
	ownerKey string // node of the impact graph
	entity   Entity
	symbol   string
	file     string
	line     int
	// rust: a repr(Rust) layout, where field-set and type changes are
	// possibly breaking even at unchanged offsets.
	rust bool
	// payload: the fields of a Rust enum variant, whose layout is breaking.
	payload bool
	// oldSide: the owner exists only in the old build (impacts come from it).
	oldSide bool
}

// at returns w for a sub-subject.
func (w where) at(subject string) where {
	w.subject = subject
	return w
}

// add records a change made at w, once.
func (c *comparer) add(w where, kind Kind, sev Severity, format string, args ...any) *Change {
	ch := &Change{Kind: kind, Severity: sev, Subject: w.subject, Detail: fmt.Sprintf(format, args...),
		File: w.file, Line: w.line, Entity: w.entity, Owner: w.owner, Symbol: w.symbol,
		ownerKey: w.ownerKey, oldSide: w.oldSide}
	key := string(kind) + "\x00" + ch.Subject + "\x00" + ch.Detail
	if c.reported[key] {
		return nil
	}
	c.reported[key] = true
	c.changes = append(c.changes, ch)
	return ch
}

// oldName renames the crates of an old qualified name to the new ones.
func (c *comparer) oldName(name string) string { return c.crates.rename(name) }

// sameName reports whether an old and a new named type are the same type.
func (c *comparer) sameName(a, b *layout.Type) bool {
	return a.Name != "" && c.oldName(a.Name) == b.Name
}

// compareTypes compares the named types in scope on either side.
func (c *comparer) compareTypes() {
	keys := map[string]bool{}
	for k := range c.old.named {
		keys[k] = true
	}
	for k := range c.new.named {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		o, n := c.old.named[k], c.new.named[k]
		if o == nil {
			o = c.old.byKey[k]
		}
		if n == nil {
			n = c.new.byKey[k]
		}
		switch {
		case o != nil && n != nil && c.sameDefinitions(k):
			// Several units define the name differently, and both builds
			// hold the same definitions: which one a reference resolves to
			// depends on link order, not on the ABI.
		case o != nil && n != nil:
			c.namedType(k, o, n)
		case c.opts.AllTypes || c.opts.Types != nil:
			// Typedefs are aliases: compilers drop unused ones (icc does), so
			// their coming and going says nothing about the ABI.
			if o != nil && o.Kind == layout.KindTypedef || n != nil && n.Kind == layout.KindTypedef {
				continue
			}
			if o != nil && !o.Payload {
				w := c.typeWhere(k, o, true)
				c.add(w, TypeRemoved, Compatible, "%s %s was removed", o.Kind, o.Name)
			}
			if n != nil && !n.Payload {
				w := c.typeWhere(k, n, false)
				c.add(w, TypeAdded, Compatible, "%s %s was added", n.Kind, n.Name)
			}
		}
	}
}

// sameDefinitions reports whether a name defined more than once in either
// build has the same set of definitions in both.
func (c *comparer) sameDefinitions(key string) bool {
	a, b := c.old.defs[key], c.new.defs[key]
	if len(a) < 2 && len(b) < 2 {
		return false
	}
	covered := func(xs, ys []*layout.Type, oldFirst bool) bool {
		for _, x := range xs {
			found := false
			for _, y := range ys {
				if oldFirst && c.eq.sameLayout(x, y) || !oldFirst && c.eq.sameLayout(y, x) {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		}
		return true
	}
	return covered(a, b, true) && covered(b, a, false)
}

// typeWhere is the place of a named type's own changes.
func (c *comparer) typeWhere(key string, t *layout.Type, oldSide bool) where {
	return where{subject: t.Name, owner: t.Name, ownerKey: key, entity: EntityType, file: t.File, line: t.Line,
		oldSide: oldSide}
}

// namedType compares the definitions of one named type.
func (c *comparer) namedType(key string, o, n *layout.Type) {
	if o.Payload || n.Payload {
		return // compared with their enum
	}
	w := c.typeWhere(key, n, false)
	if n.File == "" {
		w.file, w.line = o.File, o.Line
	}
	if o.Kind == layout.KindTypedef || n.Kind == layout.KindTypedef {
		c.typedef(o, n, w)
		return
	}
	c.aggregate(o, n, w)
}
