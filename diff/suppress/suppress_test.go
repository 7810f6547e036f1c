package suppress_test

import (
	"strings"
	"testing"

	"github.com/abidrift/abidrift/diff"
	"github.com/abidrift/abidrift/diff/suppress"
)

func report() *diff.Report {
	return &diff.Report{Changes: []*diff.Change{
		{Kind: diff.FieldAdded, Severity: diff.PossiblyBreaking, Subject: "plug::Config.extra", Owner: "plug::Config",
			Entity: diff.EntityType, Impacts: []diff.Impact{{Symbol: "plug_run", Path: "plug_run(&Config) -> Config.extra"}}},
		{Kind: diff.FieldAdded, Severity: diff.PossiblyBreaking, Subject: "plug::Shared.extra", Owner: "plug::Shared",
			Entity: diff.EntityType, Impacts: []diff.Impact{{Symbol: "plug_run", Path: "x"}, {Symbol: "other", Path: "y"}}},
		{Kind: diff.FunctionRemoved, Severity: diff.Breaking, Subject: "plug::internal_helper", Owner: "plug::internal_helper",
			Entity: diff.EntityFunction, Symbol: "internal_helper"},
		{Kind: diff.VariableAdded, Severity: diff.Compatible, Subject: "plug::COUNT", Owner: "plug::COUNT",
			Entity: diff.EntityVariable, Symbol: "COUNT"},
	}}
}

func apply(t *testing.T, src string) *diff.Report {
	t.Helper()
	s, err := suppress.Parse([]byte(src), "rules")
	if err != nil {
		t.Fatal(err)
	}
	r := report()
	s.Apply(r)
	return r
}

func subjects(cs []*diff.Change) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Subject+"="+string(c.Severity))
	}
	return strings.Join(out, " ")
}

func TestTOML(t *testing.T) {
	r := apply(t, `
[[rule]]
symbol = '^plug_'
reason = "only plug_ functions reach it"

[[rule]]
kind = "function-removed"
subject = 'internal_'
severity = "compatible"
reason = "never documented"
`)
	// A symbol rule suppresses a type change only when every impacted symbol matches.
	if got, want := subjects(r.Changes), "plug::Shared.extra=possibly-breaking plug::COUNT=compatible plug::internal_helper=compatible"; got != want {
		t.Errorf("kept %s, want %s", got, want)
	}
	if len(r.Suppressed) != 1 || r.Suppressed[0].Suppressed != "only plug_ functions reach it" {
		t.Errorf("suppressed %v", r.Suppressed)
	}
}

func TestAbignore(t *testing.T) {
	r := apply(t, `# comment
[suppress_type]
  name = Config

[suppress_function]
  name_regexp = ^plug::internal_
  change_kind = deleted-function

; another comment
[suppress_variable]
  symbol_name_regexp = ^COUNT$
  change_kind = added-variable
`)
	if got, want := subjects(r.Changes), "plug::Shared.extra=possibly-breaking"; got != want {
		t.Errorf("kept %s, want %s", got, want)
	}
}

func TestErrors(t *testing.T) {
	for src, want := range map[string]string{
		"[[rule]]\nkind = \"field-added\"\n":                        "rule 1: a reason is mandatory",
		"[[rule]]\nreason = \"r\"\n":                                "give at least one of kind, subject and symbol",
		"[[rule]]\nkind = \"x\"\nreason = \"r\"\n":                  `unknown kind "x"`,
		"[[rule]]\nkind = \"field-added\"\nreason = \"r\"\nwho=1\n": "unknown key rule.who",
		"[[rule]]\nsubject='['\nreason='r'\n":                       "subject: error parsing regexp",
		"[[rule]]\nsubject='a'\nseverity='fatal'\nreason='r'\n":     `unknown severity "fatal"`,
		"title = 1\n":       "unknown key title",
		"# nothing\n":       "no [[rule]] tables",
		"[suppress_type]\n": "gives no criterion",
		"[suppress_file]\nfile_name_regexp = x\n":                "unsupported section [suppress_file]",
		"[suppress_type]\n  has_data_member_inserted_at = end\n": `unsupported property "has_data_member_inserted_at"`,
		"[suppress_function]\n  change_kind = sometimes\n":       `unsupported change_kind "sometimes"`,
		"[suppress_type]\n  symbol_name = f\n":                   "symbol_name is not a [suppress_type] property",
		"[suppress_type]\n  name\n":                              "want property = value",
	} {
		_, err := suppress.Parse([]byte(src), "rules.txt")
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "rules.txt") {
			t.Errorf("%q: got %v, want an error naming rules.txt with %q", src, err, want)
		}
	}
}
