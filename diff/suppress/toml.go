package suppress

import (
	"errors"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/abidrift/abidrift/diff"
)

type tomlFile struct {
	Rule []tomlRule `toml:"rule"`
}

type tomlRule struct {
	Kind     string `toml:"kind"`
	Subject  string `toml:"subject"`
	Symbol   string `toml:"symbol"`
	Severity string `toml:"severity"`
	Reason   string `toml:"reason"`
}

var knownKinds = func() map[diff.Kind]bool {
	m := map[diff.Kind]bool{}
	for _, k := range diff.Kinds {
		m[k.Kind] = true
	}
	return m
}()

func parseTOML(data []byte, name string) (*Set, error) {
	var f tomlFile
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{File: name, Line: pe.Position.Line, Err: errors.New(pe.Message)}
		}
		return nil, &Error{File: name, Err: err}
	}
	if und := md.Undecoded(); len(und) > 0 {
		var keys []string
		for _, k := range und {
			keys = append(keys, k.String())
		}
		return nil, &Error{File: name, Err: fmt.Errorf("unknown key %s (rules take kind, subject, symbol, severity, reason)", strings.Join(keys, ", "))}
	}
	if len(f.Rule) == 0 {
		return nil, &Error{File: name, Err: errors.New("no [[rule]] tables (and no [suppress_type], [suppress_function] or [suppress_variable] sections)")}
	}
	s := &Set{}
	for i, tr := range f.Rule {
		where := fmt.Sprintf("rule %d", i+1)
		fail := func(format string, args ...any) (*Set, error) {
			return nil, &Error{File: name, Err: fmt.Errorf(where+": "+format, args...)}
		}
		ru := &rule{where: name + " " + where, reason: strings.TrimSpace(tr.Reason)}
		if ru.reason == "" {
			return fail("a reason is mandatory")
		}
		if tr.Kind == "" && tr.Subject == "" && tr.Symbol == "" {
			return fail("give at least one of kind, subject and symbol")
		}
		if tr.Kind != "" {
			if !knownKinds[diff.Kind(tr.Kind)] {
				return fail("unknown kind %q", tr.Kind)
			}
			ru.kinds = map[diff.Kind]bool{diff.Kind(tr.Kind): true}
		}
		var err error
		if tr.Subject != "" {
			if ru.subject, err = compile(tr.Subject, name, 0, where+": subject"); err != nil {
				return nil, err
			}
		}
		if tr.Symbol != "" {
			if ru.symbol, err = compile(tr.Symbol, name, 0, where+": symbol"); err != nil {
				return nil, err
			}
		}
		if tr.Severity != "" {
			sev := diff.Severity(tr.Severity)
			if tr.Severity == "possibly" {
				sev = diff.PossiblyBreaking
			}
			if !sev.Valid() {
				return fail("unknown severity %q (use breaking, possibly-breaking or compatible)", tr.Severity)
			}
			ru.severity = sev
		}
		s.rules = append(s.rules, ru)
	}
	return s, nil
}
