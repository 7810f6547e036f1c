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

// Markdown writes r as a Markdown section, for pull-request comments.
func Markdown(w io.Writer, r *diff.Report, opts Options) error {
	fmt.Fprintf(w, "## ABI changes: `%s` → `%s`\n\n", r.Old, r.New)
	if len(r.Changes) == 0 {
		fmt.Fprint(w, "No ABI changes")
		if n := len(r.Suppressed); n > 0 {
			fmt.Fprintf(w, " (%d suppressed)", n)
		}
		fmt.Fprintln(w, ".")
		return nil
	}
	table := tablewriter.NewTable(w, tablewriter.WithRenderer(renderer.NewMarkdown()),
		tablewriter.WithHeaderAutoFormat(tw.Off))
	table.Header([]string{"Severity", "Changes"})
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
		fmt.Fprintf(w, "\n### %s\n\n", capitalize(string(sev)))
		for _, g := range groups {
			fmt.Fprintf(w, "- `%s`\n", g.owner)
			shown := g.changes
			if !opts.Verbose && len(shown) > shortChanges {
				shown = shown[:shortChanges]
			}
			for _, c := range shown {
				fmt.Fprintf(w, "  - **%s**: %s", c.Kind, mdEscape(c.Detail))
				if opts.Verbose && c.File != "" {
					fmt.Fprintf(w, " (`%s:%d`)", c.File, c.Line)
				}
				fmt.Fprintln(w)
				for _, why := range c.Reasons {
					fmt.Fprintf(w, "    - why: %s\n", mdEscape(why))
				}
				if c.Entity != diff.EntityType {
					continue
				}
				impacts := c.Impacts
				if !opts.Verbose && len(impacts) > shortImpacts {
					impacts = impacts[:shortImpacts]
				}
				for _, im := range impacts {
					fmt.Fprintf(w, "    - via `%s`\n", im.Path)
				}
				if more := len(c.Impacts) - len(impacts); more > 0 {
					fmt.Fprintf(w, "    - and %d more exported symbol%s\n", more, plural(more))
				}
			}
			if more := len(g.changes) - len(shown); more > 0 {
				fmt.Fprintf(w, "  - … and %d more change%s\n", more, plural(more))
			}
		}
	}
	return nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// mdEscape keeps details readable: they already quote code in backquotes;
// only characters that would start Markdown markup mid-line are escaped.
func mdEscape(s string) string {
	r := strings.NewReplacer("*", `\*`, "_", `\_`, "<", `\<`, "|", `\|`)
	var b strings.Builder
	inCode := false
	for _, part := range strings.SplitAfter(s, "`") {
		if inCode {
			b.WriteString(part)
		} else {
			b.WriteString(r.Replace(part))
		}
		if strings.HasSuffix(part, "`") {
			inCode = !inCode
		}
	}
	return b.String()
}
