package suppress

import (
	"testing"

	"github.com/abidrift/abidrift/diff"
)

// FuzzParse feeds arbitrary suppression files (TOML and .abignore) to the
// parser and applies what it accepts: errors are fine, panics are not.
func FuzzParse(f *testing.F) {
	f.Add([]byte("[[rule]]\nkind = \"field-added\"\nsubject = \"^plug::\"\nreason = \"r\"\n"))
	f.Add([]byte("[[rule]]\nsymbol = \"(\"\nseverity = \"compatible\"\nreason = \"x\"\n"))
	f.Add([]byte("[suppress_type]\n  name_regexp = ^foo.*\n  change_kind = added-type\n"))
	f.Add([]byte("[suppress_function]\nsymbol_name = bar\n[suppress_variable]\nname = v\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := Parse(data, "fuzz.toml")
		if err != nil {
			return
		}
		r := &diff.Report{Changes: []*diff.Change{{Kind: "field-added", Severity: diff.Breaking, Subject: "plug::Config.x",
			Impacts: []diff.Impact{{Symbol: "bar", Path: "bar(&Config) -> Config.x"}}}}}
		set.Apply(r)
	})
}
