package explain

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/abidrift/abidrift/diff"
	"github.com/abidrift/abidrift/diff/render"
)

// Schema names the JSON document of `abidrift explain --format json`.
const Schema = "abidrift.explain/v1"

// RenderOptions tune Text and Markdown.
type RenderOptions struct {
	// Verbose lists every library read with its path, and every impact of
	// a silent change.
	Verbose bool
}

// Text writes r for a terminal: the headline, then the missing symbols with
// their causes and changes, the silent changes, the evidence and notes.
func Text(w io.Writer, r *Report, opts RenderOptions) error {
	p := &printer{w: w}
	p.f("%s\n", r.Headline)
	if len(r.Loader) > 0 {
		p.f("\nThe loader said:\n")
		for _, le := range r.Loader {
			p.f("  %s\n", le.Line)
		}
	}
	if len(r.VersionsNotFound) > 0 {
		p.f("\nVersions required but not defined (glibc: \"version `V' not found\"):\n")
		for _, v := range r.VersionsNotFound {
			p.f("  %s from %s, which defines %s\n", v.Version, v.Library, orNone(v.Defined))
		}
	}
	if len(r.Missing) > 0 {
		p.f("\nMissing symbols (%d):\n", len(r.Missing))
		needs, has := r.ConsumerName+" needs:", r.ProviderName+" has:"
		wd := max(len(needs), len(has), len("why:"))
		for _, m := range r.Missing {
			mark := ""
			if m.Focus {
				mark = "  <- named by the loader"
			}
			p.f("  %s  [%s]%s\n", m.Demangled, m.Cause, mark)
			p.f("    %-*s %s\n", wd, needs, symVer(m.Symbol, m.Version))
			if m.Candidate != nil {
				p.f("    %-*s %s\n", wd, has, symVer(m.Candidate.Symbol, m.Candidate.Version))
			}
			for _, o := range m.Others {
				p.f("    %-*s %s (%s)\n", wd, "close:", o.Name, symVer(o.Symbol, o.Version))
			}
			p.f("    %-*s %s\n", wd, "why:", m.Why)
			if len(m.Changes) > 0 {
				p.f("    as %s saw it -> as %s has it:\n", r.ConsumerName, r.ProviderName)
				for _, ch := range m.Changes {
					p.f("      %-17s %s\n", ch.Severity, ch.Detail)
				}
			}
		}
	}
	if len(r.Crates) > 0 {
		p.f("\nCrates rebuilt as a whole:\n")
		for _, c := range r.Crates {
			p.f("  %s  [%s]\n", c.Crate, c.Cause)
			for _, e := range c.Evidence {
				p.f("    - %s\n", e)
			}
		}
	}
	if len(r.Silent) > 0 {
		p.f("\nSilent changes: the symbols resolve, but %s and %s disagree on these (%d):\n", r.ConsumerName, r.ProviderName, len(r.Silent))
		for _, ch := range r.Silent {
			p.f("  %-17s %s\n", ch.Severity, ch.Detail)
			for i, im := range ch.Impacts {
				if i == 1 && !opts.Verbose {
					p.f("%21s... and %d more (--verbose)\n", "", len(ch.Impacts)-1)
					break
				}
				p.f("%21sused by %s\n", "", im.Path)
			}
		}
	}
	if len(r.Facts) > 0 {
		p.f("\nEvidence:\n")
		for _, f := range r.Facts {
			p.f("  - %s\n", f)
		}
	}
	libs := libraryLines(r, opts.Verbose)
	if len(libs) > 0 {
		p.f("\nLibraries:\n")
		for _, l := range libs {
			p.f("  %s\n", l)
		}
	}
	if len(r.Notes) > 0 {
		p.f("\nNotes:\n")
		for _, n := range r.Notes {
			p.f("  - %s\n", n)
		}
	}
	return p.err
}

// libraryLines lists the libraries read: all of them when verbose, else
// only those that were not found or not readable.
func libraryLines(r *Report, verbose bool) []string {
	var out []string
	for _, l := range r.Libraries {
		role := ""
		switch {
		case l.Provider && l.NeededBy == "":
			role = " (the provider)"
		case l.NeededBy != "":
			role = " (needed by " + l.NeededBy + ")"
		}
		switch {
		case l.Path == "":
			out = append(out, l.Name+": not found"+role)
		case l.Err != nil:
			out = append(out, fmt.Sprintf("%s: unreadable%s: %v", l.Name, role, l.Err))
		case verbose:
			out = append(out, l.Name+": "+l.Path+role)
		}
	}
	return out
}

func symVer(sym, ver string) string {
	if ver == "" {
		return sym
	}
	return sym + "@" + ver
}

func orNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// Markdown writes r as a Markdown section, for issues and pull requests.
func Markdown(w io.Writer, r *Report, opts RenderOptions) error {
	p := &printer{w: w}
	p.f("### abidrift explain: `%s` with `%s`\n\n", r.ConsumerName, r.ProviderName)
	p.f("**%s**\n", mdEscape(r.Headline))
	if len(r.Loader) > 0 {
		p.f("\nThe loader said:\n\n```\n")
		for _, le := range r.Loader {
			p.f("%s\n", le.Line)
		}
		p.f("```\n")
	}
	if len(r.VersionsNotFound) > 0 {
		p.f("\n#### Versions required but not defined\n\n")
		for _, v := range r.VersionsNotFound {
			p.f("- `%s` from `%s`, which defines %s\n", v.Version, v.Library, orNone(v.Defined))
		}
	}
	if len(r.Missing) > 0 {
		p.f("\n#### Missing symbols (%d)\n\n", len(r.Missing))
		p.f("| Symbol | Cause | %s needs | %s has |\n|---|---|---|---|\n", r.ConsumerName, r.ProviderName)
		for _, m := range r.Missing {
			has := ""
			if m.Candidate != nil {
				has = "`" + symVer(m.Candidate.Symbol, m.Candidate.Version) + "`"
			}
			focus := ""
			if m.Focus {
				focus = " (named by the loader)"
			}
			p.f("| `%s`%s | %s | `%s` | %s |\n", m.Demangled, focus, m.Cause, symVer(m.Symbol, m.Version), has)
		}
		for _, m := range r.Missing {
			p.f("\n- `%s`: %s\n", m.Demangled, mdEscape(m.Why))
			for _, ch := range m.Changes {
				p.f("  - %s: %s\n", ch.Severity, mdEscape(ch.Detail))
			}
		}
	}
	if len(r.Crates) > 0 {
		p.f("\n#### Crates rebuilt as a whole\n\n")
		for _, c := range r.Crates {
			p.f("- `%s` (%s)\n", c.Crate, c.Cause)
			for _, e := range c.Evidence {
				p.f("  - %s\n", mdEscape(e))
			}
		}
	}
	if len(r.Silent) > 0 {
		p.f("\n#### Silent changes (%d)\n\n| Severity | Change | Used by |\n|---|---|---|\n", len(r.Silent))
		for _, ch := range r.Silent {
			used := ""
			if len(ch.Impacts) > 0 {
				used = "`" + ch.Impacts[0].Path + "`"
				if len(ch.Impacts) > 1 && !opts.Verbose {
					used += fmt.Sprintf(" and %d more", len(ch.Impacts)-1)
				}
			}
			p.f("| %s | %s | %s |\n", ch.Severity, mdCell(ch.Detail), used)
		}
	}
	if len(r.Facts) > 0 || len(r.Notes) > 0 {
		p.f("\n<details><summary>Evidence and notes</summary>\n\n")
		for _, f := range r.Facts {
			p.f("- %s\n", mdEscape(f))
		}
		for _, l := range libraryLines(r, opts.Verbose) {
			p.f("- %s\n", mdEscape(l))
		}
		for _, n := range r.Notes {
			p.f("- %s\n", mdEscape(n))
		}
		p.f("\n</details>\n")
	}
	return p.err
}

func mdEscape(s string) string {
	return strings.NewReplacer("<", "&lt;", ">", "&gt;", "*", "\\*", "_", "\\_").Replace(s)
}

func mdCell(s string) string {
	return strings.ReplaceAll(mdEscape(s), "|", "\\|")
}

// Doc is the JSON document of a report (abidrift.explain/v1).
type Doc struct {
	Schema   string `json:"schema"`
	Consumer string `json:"consumer"`
	Provider string `json:"provider"`
	Old      string `json:"old,omitempty"`
	Headline string `json:"headline"`
	// Breaking is true when the consumer fails with the provider.
	Breaking bool              `json:"breaking"`
	Loader   []JSONLoaderError `json:"loader,omitempty"`
	Missing  []JSONMissing     `json:"missing"`
	// Silent are diff change objects, as in abidrift.diff/v1.
	Silent           []render.JSONChange `json:"silent"`
	Crates           []*CrateFinding     `json:"crates,omitempty"`
	VersionsNotFound []VersionNeed       `json:"versions_not_found,omitempty"`
	Unchecked        []string            `json:"unchecked,omitempty"`
	Libraries        []JSONLibrary       `json:"libraries"`
	Facts            []string            `json:"facts,omitempty"`
	Notes            []string            `json:"notes,omitempty"`
}

// JSONMissing is one missing symbol in the JSON document.
type JSONMissing struct {
	Symbol    string `json:"symbol"`
	Version   string `json:"version,omitempty"`
	Library   string `json:"library,omitempty"`
	Demangled string `json:"demangled"`
	Crate     string `json:"crate,omitempty"`
	Cause     Cause  `json:"cause"`
	Why       string `json:"why"`
	// Candidate is the provider's counterpart symbol, "" when there is none;
	// CandidateName its demangled path.
	Candidate        string              `json:"candidate"`
	CandidateVersion string              `json:"candidate_version,omitempty"`
	CandidateName    string              `json:"candidate_name,omitempty"`
	Others           []Candidate         `json:"others,omitempty"`
	FromProvider     bool                `json:"from_provider"`
	Focus            bool                `json:"focus,omitempty"`
	Changes          []render.JSONChange `json:"changes"`
}

// JSONLoaderError is one failure read from the loader's message.
type JSONLoaderError struct {
	Kind    LoaderErrorKind `json:"kind"`
	Object  string          `json:"object,omitempty"`
	Symbol  string          `json:"symbol,omitempty"`
	Version string          `json:"version,omitempty"`
	Library string          `json:"library,omitempty"`
	Line    string          `json:"line"`
}

// JSONLibrary is one library of the load set.
type JSONLibrary struct {
	Name     string `json:"name"`
	Path     string `json:"path,omitempty"`
	NeededBy string `json:"needed_by,omitempty"`
	Provider bool   `json:"provider,omitempty"`
	Error    string `json:"error,omitempty"`
}

// jsonChanges converts changes to the diff package's JSON change objects.
func jsonChanges(chs []*diff.Change) []render.JSONChange {
	out := render.NewDoc(&diff.Report{Changes: chs}).Changes
	if out == nil {
		out = []render.JSONChange{}
	}
	return out
}

// NewDoc converts a report to its JSON document.
func NewDoc(r *Report) Doc {
	d := Doc{Schema: Schema, Consumer: r.Consumer, Provider: r.Provider, Old: r.Old, Headline: r.Headline,
		Breaking: r.Breaking(), Missing: []JSONMissing{}, Silent: jsonChanges(r.Silent), Crates: r.Crates,
		VersionsNotFound: r.VersionsNotFound, Unchecked: r.Unchecked, Libraries: []JSONLibrary{},
		Facts: r.Facts, Notes: r.Notes}
	for _, le := range r.Loader {
		d.Loader = append(d.Loader, JSONLoaderError{Kind: le.Kind, Object: le.Object, Symbol: le.Symbol,
			Version: le.Version, Library: le.Library, Line: le.Line})
	}
	for _, m := range r.Missing {
		jm := JSONMissing{Symbol: m.Symbol, Version: m.Version, Library: m.Library, Demangled: m.Demangled,
			Crate: m.Crate, Cause: m.Cause, Why: m.Why, Others: m.Others, FromProvider: m.FromProvider,
			Focus: m.Focus, Changes: jsonChanges(m.Changes)}
		if c := m.Candidate; c != nil {
			jm.Candidate, jm.CandidateVersion, jm.CandidateName = c.Symbol, c.Version, c.Name
		}
		d.Missing = append(d.Missing, jm)
	}
	for _, l := range r.Libraries {
		jl := JSONLibrary{Name: l.Name, Path: l.Path, NeededBy: l.NeededBy, Provider: l.Provider}
		if l.Err != nil {
			jl.Error = l.Err.Error()
		}
		d.Libraries = append(d.Libraries, jl)
	}
	return d
}

// JSON writes r as an indented abidrift.explain/v1 document.
func JSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(NewDoc(r))
}
