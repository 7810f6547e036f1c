// Package suppress reads suppression files and applies them to a diff
// report. Two formats are accepted, told apart by content:
//
// abidrift's TOML rules:
//
//	[[rule]]
//	kind = "field-added"              # optional: a change kind
//	subject = '^plug::Config\.'       # optional: regexp on the change's subject
//	symbol = '^plug_internal_'        # optional: regexp on the symbol (see below)
//	severity = "compatible"           # optional: keep the change at this severity
//	reason = "Config is only created by plug_new" # mandatory
//
// and the subset of libabigail's .abignore files made of [suppress_type],
// [suppress_function] and [suppress_variable] sections with the properties
// name, name_regexp, symbol_name, symbol_name_regexp, change_kind and label.
//
// A rule matches a change when every criterion it gives matches. A symbol
// criterion matches a function or variable change by its own symbol, and a
// type change when every exported symbol it impacts matches (the change only
// reaches symbols the rule is about). A matching rule with a severity
// rewrites the change's severity; one without removes the change from the
// report (it is kept in Report.Suppressed).
package suppress

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/abidrift/abidrift/diff"
)

// Set is the rules of one or more suppression files.
type Set struct {
	rules []*rule
}

// rule is one suppression, whichever format it came from.
type rule struct {
	where    string // file:line, for messages
	reason   string
	kinds    map[diff.Kind]bool // nil: any kind
	entities map[diff.Entity]bool
	subject  *regexp.Regexp // on Subject
	owner    *regexp.Regexp // on Owner (abignore names)
	ownerEq  string         // exact owner or its last path segment
	symbol   *regexp.Regexp
	symbolEq string
	severity diff.Severity // "" to suppress
}

// Error is a suppression file that cannot be used.
type Error struct {
	File string
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Load reads a suppression file.
func Load(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if pe, ok := err.(*os.PathError); ok {
			err = pe.Err
		}
		return nil, &Error{File: path, Err: err}
	}
	return Parse(data, path)
}

// Parse reads suppression rules from data; name is the file name messages quote.
func Parse(data []byte, name string) (*Set, error) {
	if isAbignore(data) {
		return parseAbignore(data, name)
	}
	return parseTOML(data, name)
}

// isAbignore reports whether the first section header is a libabigail one.
func isAbignore(data []byte) bool {
	for _, line := range bytes.Split(data, []byte("\n")) {
		s := strings.TrimSpace(string(line))
		if s == "" || s[0] == '#' || s[0] == ';' {
			continue
		}
		return strings.HasPrefix(s, "[suppress_")
	}
	return false
}

// Add appends the rules of o.
func (s *Set) Add(o *Set) {
	if o != nil {
		s.rules = append(s.rules, o.rules...)
	}
}

// Len is the number of rules.
func (s *Set) Len() int { return len(s.rules) }

// Apply rewrites severities and removes suppressed changes from r.
func (s *Set) Apply(r *diff.Report) {
	if s == nil || len(s.rules) == 0 {
		return
	}
	r.Filter(func(c *diff.Change) bool {
		for _, ru := range s.rules {
			if !ru.matches(c) {
				continue
			}
			if ru.severity != "" {
				c.Severity = ru.severity
				continue
			}
			c.Suppressed = ru.reason
			return false
		}
		return true
	})
	r.Sort()
}

func (ru *rule) matches(c *diff.Change) bool {
	if ru.kinds != nil && !ru.kinds[c.Kind] {
		return false
	}
	if ru.entities != nil && !ru.entities[c.Entity] {
		return false
	}
	if ru.subject != nil && !ru.subject.MatchString(c.Subject) {
		return false
	}
	if ru.owner != nil && !ru.owner.MatchString(c.Owner) {
		return false
	}
	if ru.ownerEq != "" && ru.ownerEq != c.Owner && !strings.HasSuffix(c.Owner, "::"+ru.ownerEq) {
		return false
	}
	if ru.symbol != nil || ru.symbolEq != "" {
		return ru.symbolMatches(c)
	}
	return true
}

func (ru *rule) symbolOK(sym string) bool {
	if ru.symbolEq != "" && sym != ru.symbolEq {
		return false
	}
	return ru.symbol == nil || ru.symbol.MatchString(sym)
}

// symbolMatches: the change's own symbol, or else every impacted symbol.
func (ru *rule) symbolMatches(c *diff.Change) bool {
	if c.Symbol != "" {
		return ru.symbolOK(c.Symbol)
	}
	if len(c.Impacts) == 0 {
		return false
	}
	for _, im := range c.Impacts {
		if !ru.symbolOK(im.Symbol) {
			return false
		}
	}
	return true
}

func compile(expr, file string, line int, what string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, &Error{File: file, Line: line, Err: fmt.Errorf("%s: %v", what, err)}
	}
	return re, nil
}
