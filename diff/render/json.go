// Package render prints a diff.Report as text, JSON or Markdown.
package render

import (
	"encoding/json"
	"io"

	"github.com/abidrift/abidrift/diff"
)

// Schema names the JSON document of `abidrift diff --format json`.
const Schema = "abidrift.diff/v1"

// Doc is the JSON document of a report.
type Doc struct {
	Schema     string       `json:"schema"`
	Old        string       `json:"old"`
	New        string       `json:"new"`
	Changes    []JSONChange `json:"changes"`
	Summary    diff.Summary `json:"summary"`
	Suppressed []JSONChange `json:"suppressed,omitempty"`
}

// JSONChange is one change in the JSON document.
type JSONChange struct {
	Kind       diff.Kind     `json:"kind"`
	Severity   diff.Severity `json:"severity"`
	Subject    string        `json:"subject"`
	Detail     string        `json:"detail"`
	Impacts    []diff.Impact `json:"impacts"`
	File       string        `json:"file,omitempty"`
	Line       int           `json:"line,omitempty"`
	Entity     diff.Entity   `json:"entity"`
	Owner      string        `json:"owner"`
	Symbol     string        `json:"symbol,omitempty"`
	Reasons    []string      `json:"reasons,omitempty"`
	Suppressed string        `json:"suppressed_by,omitempty"`
}

func jsonChanges(cs []*diff.Change) []JSONChange {
	out := []JSONChange{}
	for _, c := range cs {
		impacts := c.Impacts
		if impacts == nil {
			impacts = []diff.Impact{}
		}
		out = append(out, JSONChange{Kind: c.Kind, Severity: c.Severity, Subject: c.Subject, Detail: c.Detail,
			Impacts: impacts, File: c.File, Line: c.Line, Entity: c.Entity, Owner: c.Owner, Symbol: c.Symbol,
			Reasons: c.Reasons, Suppressed: c.Suppressed})
	}
	return out
}

// NewDoc converts a report to its JSON document.
func NewDoc(r *diff.Report) Doc {
	d := Doc{Schema: Schema, Old: r.Old, New: r.New, Changes: jsonChanges(r.Changes), Summary: r.Summary()}
	if len(r.Suppressed) > 0 {
		d.Suppressed = jsonChanges(r.Suppressed)
	}
	return d
}

// JSON writes r as an indented abidrift.diff/v1 document.
func JSON(w io.Writer, r *diff.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(NewDoc(r))
}
