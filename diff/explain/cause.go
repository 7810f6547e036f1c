package explain

import (
	"fmt"
	"sort"
	"strings"

	"github.com/abidrift/abidrift/layout"
)

// maxNearSearches bounds the missing symbols for which close paths are
// searched among the provider's exports.
const maxNearSearches = 200

// nearest returns up to n exports of the provider whose demangled paths are
// closest to name by edit distance, within limit.
func (x *explainer) nearest(name string, n, limit int) []Candidate {
	var out []Candidate
	seen := map[string]bool{}
	for _, list := range [][]*layout.Export{x.prov.surf.Functions, x.prov.surf.Variables} {
		for _, e := range list {
			if seen[e.Name] {
				continue
			}
			seen[e.Name] = true
			d := editDistance(name, e.Name, limit)
			if d > limit {
				continue
			}
			out = append(out, Candidate{Symbol: e.Symbol, Version: e.Version, Name: e.Name, Distance: d})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Distance != out[j].Distance {
			return out[i].Distance < out[j].Distance
		}
		return out[i].Name < out[j].Name
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// maxEditLen bounds the length of the paths compared, keeping the distance
// computation cheap for huge generic names.
const maxEditLen = 512

// editDistance is the Levenshtein distance between a and b, or limit+1 when
// it is larger than limit.
func editDistance(a, b string, limit int) int {
	if len(a) > maxEditLen {
		a = a[:maxEditLen]
	}
	if len(b) > maxEditLen {
		b = b[:maxEditLen]
	}
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// renameLimit is the largest edit distance at which a path counts as the
// missing one renamed.
func renameLimit(name string) int {
	return max(3, len(name)/4)
}

// parentPath is a path without its last segment: plug::cfg for plug::cfg::run.
func parentPath(name string) string {
	if i := strings.LastIndex(name, "::"); i >= 0 {
		return name[:i]
	}
	return ""
}

// lastPart is a path's last segment: run for plug::cfg::run.
func lastPart(name string) string {
	if i := strings.LastIndex(name, "::"); i >= 0 {
		return name[i+2:]
	}
	return name
}

// classify gives every missing symbol its cause: the crate rebuilt as a
// whole, the item changed, the version, a rename or a removal.
func (x *explainer) classify() {
	pairOf := map[*Missing]*pairing{}
	for _, p := range x.pairs {
		if p.missing != nil {
			pairOf[p.missing] = p
		}
	}
	x.crateFindings(pairOf)
	for _, m := range x.rep.Missing {
		p := pairOf[m]
		if p != nil && m.Candidate == nil {
			m.Candidate = &Candidate{Symbol: p.exp.Symbol, Version: p.exp.Version, Name: p.exp.Name}
		}
		if m.Cause == "" {
			if len(m.Changes) > 0 {
				m.Cause = CauseItemChanged
			} else {
				m.Cause = CauseHashChanged
			}
		}
		m.Why = x.why(m, p)
	}
	x.sortMissing()
}

// crateFindings finds the Rust crates whose every symbol the consumer uses
// changed, and says whether the crate identity or the rustc changed; the
// missing symbols of such a crate take that cause.
func (x *explainer) crateFindings(pairOf map[*Missing]*pairing) {
	type stat struct {
		used, changed int
		manglings     [2]layout.Mangling // of a changed symbol: the reference's, the export's
		unexplained   bool               // a changed symbol whose signature provably did not change
		oldID, newID  string
		legacy        bool
		members       []*Missing
	}
	stats := map[string]*stat{}
	get := func(c string) *stat {
		if stats[c] == nil {
			stats[c] = &stat{}
		}
		return stats[c]
	}
	for _, p := range x.pairs {
		c := crateOf(p.exp)
		if c == "" {
			continue
		}
		s := get(c)
		s.used++
		if s.newID == "" {
			s.newID, _ = v0CrateID(p.exp.Symbol, c)
		}
		if s.oldID == "" {
			s.oldID, _ = v0CrateID(p.ref.Name, c)
		}
		if p.exp.Mangling == layout.MangleRustLegacy {
			s.legacy = true
		}
		if p.missing != nil && p.missing.Cause == "" {
			s.changed++
			s.members = append(s.members, p.missing)
			if p.imp != nil {
				s.manglings = [2]layout.Mangling{p.imp.Mangling, p.exp.Mangling}
			}
			if len(p.changes) == 0 && p.seen {
				s.unexplained = true
			}
		}
	}
	for _, m := range x.rep.Missing {
		if m.Crate != "" && pairOf[m] == nil && stats[m.Crate] != nil {
			stats[m.Crate].used++ // removed or renamed: not all of the crate changed
		}
	}
	oldRustc, newRustc := x.cons.rust.Rustc, x.prov.rust.Rustc
	if x.old != nil && len(x.old.rust.Rustc) > 0 {
		oldRustc = x.old.rust.Rustc
	}
	rustcDiffers := len(oldRustc) > 0 && len(newRustc) > 0 && !contains(oldRustc, newRustc[0])
	crates := make([]string, 0, len(stats))
	for c := range stats {
		crates = append(crates, c)
	}
	sort.Strings(crates)
	for _, c := range crates {
		s := stats[c]
		if id := x.prov.rust.CrateIDs[c]; id != "" {
			s.newID = id
		}
		if x.old != nil {
			if id := x.old.rust.CrateIDs[c]; id != "" {
				s.oldID = id
			}
		}
		if s.changed == 0 {
			continue
		}
		all := s.changed == s.used
		f := &CrateFinding{Crate: c, OldID: s.oldID, NewID: s.newID, Changed: s.changed, Used: s.used}
		if len(oldRustc) > 0 {
			f.OldRustc = oldRustc[0]
		}
		if len(newRustc) > 0 {
			f.NewRustc = newRustc[0]
		}
		idsDiffer := s.oldID != "" && s.newID != "" && s.oldID != s.newID
		switch {
		case idsDiffer && rustcDiffers, !idsDiffer && all && rustcDiffers:
			f.Cause = CauseRustcVersion
		case idsDiffer:
			f.Cause = CauseCrateIdentity
		case all && s.legacy && s.unexplained:
			f.Cause = CauseCrateIdentity
		default:
			continue
		}
		f.Evidence = x.crateEvidence(f, s.oldID != "" && s.newID != "", s.unexplained)
		if m := s.manglings; m[0] != m[1] && m[0] != "" && m[1] != "" {
			f.Evidence = append(f.Evidence, fmt.Sprintf("the mangling changed too: %s references %s symbols, %s exports %s ones", x.cons.name, m[0], x.prov.name, m[1]))
		}
		x.rep.Crates = append(x.rep.Crates, f)
		for _, m := range s.members {
			m.Cause = f.Cause
		}
	}
}

// crateEvidence lists the facts a crate finding rests on.
func (x *explainer) crateEvidence(f *CrateFinding, ids, unexplained bool) []string {
	var ev []string
	ev = append(ev, fmt.Sprintf("%d of the %d symbols of crate %s that %s uses are missing, each present in %s under a new name",
		f.Changed, f.Used, f.Crate, x.cons.name, x.prov.name))
	oldWho := x.cons.name + " (and the " + f.Crate + " it was linked against)"
	if x.old != nil {
		oldWho = x.old.name
	}
	if ids {
		ev = append(ev, fmt.Sprintf("crate id (StableCrateId) of %s: %s in %s, %s in %s", f.Crate, f.OldID, oldWho, f.NewID, x.prov.name))
	} else if f.NewID != "" {
		ev = append(ev, fmt.Sprintf("%s exports rust_metadata_%s_%s: crate id %s", x.prov.name, f.Crate, strings.TrimLeft(f.NewID, "0"), f.NewID))
	}
	switch {
	case f.OldRustc != "" && f.NewRustc != "" && f.Cause == CauseRustcVersion:
		ev = append(ev, fmt.Sprintf("rustc: %s in %s, %s in %s", f.OldRustc, oldWho, f.NewRustc, x.prov.name))
	case f.OldRustc != "" && f.NewRustc != "":
		ev = append(ev, fmt.Sprintf("rustc: %s in both", f.OldRustc))
	}
	if unexplained {
		ev = append(ev, "the signatures of the changed symbols, and the types they name, are the same in "+x.cons.name+"'s DWARF and "+x.prov.name+"'s")
	}
	return ev
}

// why says in one sentence why m is missing.
func (x *explainer) why(m *Missing, p *pairing) string {
	cons, prov := x.cons.name, x.prov.name
	switch m.Cause {
	case CauseCrateIdentity, CauseRustcVersion:
		for _, f := range x.rep.Crates {
			if f.Crate == m.Crate {
				return x.crateSentence(f, true)
			}
		}
	case CauseItemChanged:
		ph := x.primaryPhrase(m.Changes)
		if m.Candidate != nil && strings.HasPrefix(m.Candidate.Symbol, "_R") {
			return fmt.Sprintf("%s changed: %s", m.Demangled, ph)
		}
		return fmt.Sprintf("the legacy hash of %s covers its signature and the types it names, and %s", m.Demangled, ph)
	case CauseHashChanged:
		s := fmt.Sprintf("%s is still in %s under a new hash, but DWARF shows no difference in its signature or the types it names", m.Demangled, prov)
		if p != nil && !p.seen {
			s += fmt.Sprintf(" (%s's DWARF does not record all of them; --old compares the old %s instead)", cons, prov)
		}
		return s
	case CauseVersionMismatch:
		at := "without a version"
		if m.Candidate != nil && m.Candidate.Version != "" {
			at = "only at version " + m.Candidate.Version
		}
		need := m.Symbol
		if m.Version != "" {
			need += "@" + m.Version
		}
		return fmt.Sprintf("%s was linked against %s; %s defines %s %s", cons, need, prov, m.Symbol, at)
	case CauseRenamed:
		return fmt.Sprintf("%s has no %s any more; the closest path is %s", prov, m.Demangled, m.Candidate.Name)
	case CauseRemoved:
		if m.Library != "" && !m.FromProvider {
			s := fmt.Sprintf("none of the libraries %s loads defines %s", cons, m.Symbol)
			if m.Version != "" {
				s += fmt.Sprintf(" at version %s (required from %s)", m.Version, m.Library)
			}
			return s
		}
		if x.oldDefines(m.Symbol) {
			return fmt.Sprintf("%s defined %s; %s defines nothing named like it: it was removed", x.old.name, m.Demangled, prov)
		}
		return fmt.Sprintf("%s defines nothing named like %s: it was removed", prov, m.Demangled)
	}
	return ""
}

// crateSentence says why a crate was rebuilt as a whole; long adds what
// makes Cargo pass another -C metadata.
func (x *explainer) crateSentence(f *CrateFinding, long bool) string {
	prov, cons := x.prov.name, x.cons.name
	if f.Cause == CauseRustcVersion {
		s := fmt.Sprintf("every symbol of crate %s changed because %s was built by rustc %s, and %s against a build by rustc %s",
			f.Crate, prov, shortRustc(f.NewRustc), cons, shortRustc(f.OldRustc))
		if long {
			s += ": the rustc version is part of every crate's identity, so Rust dylibs and their users must be built by one rustc"
		}
		return s
	}
	how := "a different -C metadata"
	if f.OldRustc != "" && f.OldRustc == f.NewRustc {
		how += ", same rustc " + shortRustc(f.NewRustc)
	}
	if long {
		how += "; with Cargo, another version, source, feature set or profile of the package"
	}
	return fmt.Sprintf("every symbol of crate %s changed because %s is another build of the crate (%s): its crate identity changed, not its code", f.Crate, prov, how)
}

// oldDefines reports whether the old provider (--old) exports sym.
func (x *explainer) oldDefines(sym string) bool {
	if x.old == nil {
		return false
	}
	for _, s := range x.old.table.Exported {
		if s.Name == sym {
			return true
		}
	}
	return false
}
