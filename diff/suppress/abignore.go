package suppress

import (
	"fmt"
	"strings"

	"github.com/abidrift/abidrift/diff"
)

// section kinds of the libabigail subset, with the change kinds each
// change_kind value selects.
var abignoreSections = map[string]struct {
	entity diff.Entity
	kinds  map[string][]diff.Kind // change_kind value -> kinds; nil entry means every kind of the entity
}{
	"suppress_type": {entity: diff.EntityType},
	"suppress_function": {entity: diff.EntityFunction, kinds: map[string][]diff.Kind{
		"added-function":   {diff.FunctionAdded},
		"deleted-function": {diff.FunctionRemoved},
		"change": {diff.ParamCountChanged, diff.ParamTypeChanged, diff.ParamPassingChanged, diff.ReturnTypeChanged,
			diff.ReturnPassingChanged, diff.VariadicChanged, diff.NoReturnChanged, diff.FnPointerChanged},
		"all": nil,
	}},
	"suppress_variable": {entity: diff.EntityVariable, kinds: map[string][]diff.Kind{
		"added-variable":   {diff.VariableAdded},
		"deleted-variable": {diff.VariableRemoved},
		"change":           {diff.VariableTypeChanged, diff.FnPointerChanged},
		"all":              nil,
	}},
}

// parseAbignore reads the supported subset of a libabigail suppression file.
// Unsupported sections and properties are errors rather than ignored, since
// ignoring a criterion would suppress more than the file says.
func parseAbignore(data []byte, name string) (*Set, error) {
	s := &Set{}
	var cur *rule
	var curSection string
	finish := func() error {
		if cur == nil {
			return nil
		}
		if cur.owner == nil && cur.ownerEq == "" && cur.symbol == nil && cur.symbolEq == "" && cur.kinds == nil {
			return &Error{File: name, Err: fmt.Errorf("%s: [%s] gives no criterion, it would suppress everything", cur.where, curSection)}
		}
		s.rules = append(s.rules, cur)
		return nil
	}
	for i, raw := range strings.Split(string(data), "\n") {
		line := i + 1
		text := strings.TrimSpace(raw)
		if text == "" || text[0] == '#' || text[0] == ';' {
			continue
		}
		if strings.HasPrefix(text, "[") {
			if err := finish(); err != nil {
				return nil, err
			}
			sec := strings.TrimSpace(strings.Trim(text, "[]"))
			spec, ok := abignoreSections[sec]
			if !ok || !strings.HasSuffix(text, "]") {
				return nil, &Error{File: name, Line: line, Err: fmt.Errorf("unsupported section %s (abidrift reads [suppress_type], [suppress_function] and [suppress_variable])", text)}
			}
			curSection = sec
			cur = &rule{where: fmt.Sprintf("%s:%d", name, line), reason: fmt.Sprintf("[%s] at %s:%d", sec, name, line),
				entities: map[diff.Entity]bool{spec.entity: true}}
			continue
		}
		if cur == nil {
			return nil, &Error{File: name, Line: line, Err: fmt.Errorf("property outside a section: %q", text)}
		}
		key, val, ok := strings.Cut(text, "=")
		if !ok {
			return nil, &Error{File: name, Line: line, Err: fmt.Errorf("want property = value, got %q", text)}
		}
		key, val = strings.TrimSpace(key), unquote(strings.TrimSpace(val))
		var err error
		switch key {
		case "label":
			cur.reason = fmt.Sprintf("%s (%s)", val, cur.where)
		case "name":
			cur.ownerEq = val
		case "name_regexp":
			cur.owner, err = compile(val, name, line, "name_regexp")
		case "symbol_name":
			if curSection == "suppress_type" {
				return nil, &Error{File: name, Line: line, Err: fmt.Errorf("symbol_name is not a [suppress_type] property")}
			}
			cur.symbolEq = val
		case "symbol_name_regexp":
			if curSection == "suppress_type" {
				return nil, &Error{File: name, Line: line, Err: fmt.Errorf("symbol_name_regexp is not a [suppress_type] property")}
			}
			cur.symbol, err = compile(val, name, line, "symbol_name_regexp")
		case "change_kind":
			spec := abignoreSections[curSection]
			kinds, ok := spec.kinds[val]
			if !ok {
				return nil, &Error{File: name, Line: line, Err: fmt.Errorf("unsupported change_kind %q in [%s]", val, curSection)}
			}
			if kinds != nil {
				cur.kinds = map[diff.Kind]bool{}
				for _, k := range kinds {
					cur.kinds[k] = true
				}
			}
		default:
			return nil, &Error{File: name, Line: line, Err: fmt.Errorf("unsupported property %q in [%s] (abidrift reads name, name_regexp, symbol_name, symbol_name_regexp, change_kind, label)", key, curSection)}
		}
		if err != nil {
			return nil, err
		}
	}
	if err := finish(); err != nil {
		return nil, err
	}
	if len(s.rules) == 0 {
		return nil, &Error{File: name, Err: fmt.Errorf("no suppression sections")}
	}
	return s, nil
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}
