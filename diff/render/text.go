package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/abidrift/abidrift/diff"
)

// Options tune the text and Markdown renderers.
type Options struct {
	// Verbose lists every change with its location and every impact;
	// otherwise each owner shows its first few changes and one impact.
	Verbose bool
}

// shortChanges and shortImpacts bound the non-verbose output.
const (
	shortChanges = 3
	shortImpacts = 1
)

// group is the changes of one owner within a severity.
type group struct {
	owner   string
	changes []*diff.Change
}

// bySeverity groups the changes of one severity by owner, in report order.
func bySeverity(r *diff.Report, sev diff.Severity) []group {
	var out []group
	index := map[string]int{}
	for _, c := range r.Changes {
		if c.Severity != sev {
			continue
		}
		i, ok := index[c.Owner]
		if !ok {
			i = len(out)
			index[c.Owner] = i
			out = append(out, group{owner: c.Owner})
		}
		out[i].changes = append(out[i].changes, c)
	}
	return out
}

func title(s diff.Severity) string {
	return strings.ToUpper(string(s))
}

// summaryRows are the rows of the summary table.
func summaryRows(r *diff.Report) [][]string {
	s := r.Summary()
	rows := [][]string{}
	for _, sev := range diff.Severities {
		rows = append(rows, []string{string(sev), fmt.Sprint(s.Count(sev))})
	}
	if len(r.Suppressed) > 0 {
		rows = append(rows, []string{"suppressed", fmt.Sprint(len(r.Suppressed))})
	}
	return rows
}

// Text writes r for a terminal: a summary table, then the changes grouped by
// severity and owner.
func Text(w io.Writer, r *diff.Report, opts Options) error {
	fmt.Fprintf(w, "abidrift diff %s %s\n", r.Old, r.New)
	if len(r.Changes) == 0 {
		fmt.Fprint(w, "no ABI changes")
		if n := len(r.Suppressed); n > 0 {
			fmt.Fprintf(w, " (%d suppressed)", n)
		}
		fmt.Fprintln(w)
		return nil
	}
	fmt.Fprintln(w)
	table := tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleASCII)})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: []tw.Align{tw.AlignLeft, tw.AlignRight}}),
	)
	table.Header([]string{"severity", "changes"})
	if err := table.Bulk(summaryRows(r)); err != nil {
		return err
	}
	if err := table.Render(); err != nil {
		return err
	}
	for _, sev := range diff.Severities {
		groups := bySeverity(r, sev)
		if len(groups) == 0 {
			continue
		}
		n := 0
		for _, g := range groups {
			n += len(g.changes)
		}
		fmt.Fprintf(w, "\n%s (%d)\n", title(sev), n)
		for _, g := range groups {
			writeGroup(w, g, opts)
		}
	}
	if !opts.Verbose && hidden(r) {
		fmt.Fprintln(w, "\nRun with --verbose to see every change, its source location and every impact.")
	}
	return nil
}

// hidden reports whether the short output left something out.
func hidden(r *diff.Report) bool {
	for _, sev := range diff.Severities {
		for _, g := range bySeverity(r, sev) {
			if len(g.changes) > shortChanges {
				return true
			}
			for _, c := range g.changes {
				if len(c.Impacts) > shortImpacts {
					return true
				}
			}
		}
	}
	return false
}

func writeGroup(w io.Writer, g group, opts Options) {
	fmt.Fprintf(w, "\n  %s\n", g.owner)
	shown := g.changes
	if !opts.Verbose && len(shown) > shortChanges {
		shown = shown[:shortChanges]
	}
	for _, c := range shown {
		fmt.Fprintf(w, "    [%s] %s\n", c.Kind, c.Detail)
		for _, why := range c.Reasons {
			fmt.Fprintf(w, "        why: %s\n", why)
		}
		if opts.Verbose && c.File != "" {
			loc := c.File
			if c.Line > 0 {
				loc = fmt.Sprintf("%s:%d", c.File, c.Line)
			}
			fmt.Fprintf(w, "        at %s\n", loc)
		}
		impacts := c.Impacts
		if c.Entity == diff.EntityFunction || c.Entity == diff.EntityVariable || c.Entity == diff.EntityBinary {
			continue // the subject is the exported symbol itself
		}
		if !opts.Verbose && len(impacts) > shortImpacts {
			impacts = impacts[:shortImpacts]
		}
		for _, im := range impacts {
			fmt.Fprintf(w, "        via %s\n", im.Path)
		}
		if more := len(c.Impacts) - len(impacts); more > 0 {
			fmt.Fprintf(w, "        and %d more exported symbol%s\n", more, plural(more))
		}
	}
	if more := len(g.changes) - len(shown); more > 0 {
		fmt.Fprintf(w, "    ... and %d more change%s\n", more, plural(more))
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
