package diff

import (
	"cmp"
	"slices"
)

// Severity says how likely a change is to break existing callers.
type Severity string

// The severities, from ABI-NOTES section 6.
const (
	Breaking         Severity = "breaking"          // existing callers or loaders fail or misbehave
	PossiblyBreaking Severity = "possibly-breaking" // breaks some uses, or relies on unspecified behaviour
	Compatible       Severity = "compatible"        // visible in the ABI, harmless to existing callers
)

// Severities lists the severities from the most to the least serious.
var Severities = []Severity{Breaking, PossiblyBreaking, Compatible}

// Rank orders severities: Breaking is 2, PossiblyBreaking 1, Compatible 0.
func (s Severity) Rank() int {
	switch s {
	case Breaking:
		return 2
	case PossiblyBreaking:
		return 1
	}
	return 0
}

// Valid reports whether s is one of the three severities.
func (s Severity) Valid() bool { return s == Breaking || s == PossiblyBreaking || s == Compatible }

// Entity says what sort of thing a change is about.
type Entity string

// The entities changes are about.
const (
	EntityBinary   Entity = "binary"
	EntityFunction Entity = "function"
	EntityVariable Entity = "variable"
	EntityType     Entity = "type"
)

// Change is one ABI difference between the old and the new build.
type Change struct {
	// Kind is a stable identifier such as "field-offset-changed" (see Kinds).
	Kind     Kind     `json:"kind"`
	Severity Severity `json:"severity"`
	// Subject is what changed: a type (plug::Config), a member
	// (plug::Config.level), a variant (plug::Mode::Fast), a function or variable.
	Subject string `json:"subject"`
	// Detail is one sentence saying what changed, from what to what.
	Detail string `json:"detail"`
	// Impacts are the exported functions and variables that reach the change.
	Impacts []Impact `json:"impacts"`
	// File and Line locate the subject in the sources (the new build's, or the
	// old one's for removals); empty when DWARF does not say.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`

	// Entity is what sort of thing Subject is.
	Entity Entity `json:"entity"`
	// Owner is the named type, function or variable the subject belongs to
	// (plug::Config for plug::Config.level).
	Owner string `json:"owner"`
	// Symbol is the linkage name of a function or variable subject.
	Symbol string `json:"symbol,omitempty"`
	// Reasons say why the change happened, when the diff found out: for
	// symbol-hash-changed, the changes of the item's signature and types or
	// the crate-level cause that changed its symbol.
	Reasons []string `json:"reasons,omitempty"`
	// Suppressed holds the reason of the suppression rule that matched, when
	// suppressed changes are kept in a report.
	Suppressed string `json:"suppressed,omitempty"`

	ownerKey string // the owner's node in the impact graph
	oldSide  bool   // the owner exists only in the old build
}

// Impact is an exported function or variable that reaches a change, with the
// path from it to the change: `run(&Config) -> Config.level`.
type Impact struct {
	Symbol string `json:"symbol"`
	Path   string `json:"path"`
}

// Report is the outcome of a comparison: the changes, most serious first.
type Report struct {
	Old, New string // paths of the two sides
	Changes  []*Change
	// Suppressed are the changes that suppression rules removed.
	Suppressed []*Change
}

// Summary counts changes by severity.
type Summary struct {
	Breaking         int `json:"breaking"`
	PossiblyBreaking int `json:"possibly-breaking"`
	Compatible       int `json:"compatible"`
}

// Count returns the number of changes of severity s.
func (s Summary) Count(sev Severity) int {
	switch sev {
	case Breaking:
		return s.Breaking
	case PossiblyBreaking:
		return s.PossiblyBreaking
	}
	return s.Compatible
}

// Summary counts the report's changes by severity.
func (r *Report) Summary() Summary {
	var s Summary
	for _, c := range r.Changes {
		switch c.Severity {
		case Breaking:
			s.Breaking++
		case PossiblyBreaking:
			s.PossiblyBreaking++
		default:
			s.Compatible++
		}
	}
	return s
}

// Worst returns the most serious severity in the report and false when there are no changes.
func (r *Report) Worst() (Severity, bool) {
	if len(r.Changes) == 0 {
		return "", false
	}
	w := Compatible
	for _, c := range r.Changes {
		if c.Severity.Rank() > w.Rank() {
			w = c.Severity
		}
	}
	return w, true
}

// Filter keeps the changes for which keep returns true and moves the others to Suppressed.
func (r *Report) Filter(keep func(*Change) bool) {
	var kept []*Change
	for _, c := range r.Changes {
		if keep(c) {
			kept = append(kept, c)
		} else {
			r.Suppressed = append(r.Suppressed, c)
		}
	}
	r.Changes = kept
}

// Sort orders the changes: by severity, then subject, then kind and detail.
func (r *Report) Sort() {
	sortChanges(r.Changes)
	sortChanges(r.Suppressed)
}

func sortChanges(cs []*Change) {
	slices.SortStableFunc(cs, func(a, b *Change) int {
		return cmp.Or(
			cmp.Compare(b.Severity.Rank(), a.Severity.Rank()),
			cmp.Compare(a.Owner, b.Owner),
			cmp.Compare(a.Subject, b.Subject),
			cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Detail, b.Detail),
		)
	})
}
