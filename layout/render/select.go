// Package render prints layout models as text and JSON.
package render

import (
	"strings"

	"github.com/abidrift/abidrift/layout"
)

// Entry is a type to show, under the name it is shown by (a typedef's name for
// an anonymous struct it names).
type Entry struct {
	Name string
	Type *layout.Type
}

// Select returns the structs, unions and enums of bin matching any of names
// (all when names is empty). A name matches the full type name, its last path
// segment, or that segment without generic arguments.
func Select(bin *layout.Binary, names []string) []Entry {
	var out []Entry
	for _, t := range bin.Types {
		e := Entry{Name: t.Name, Type: t}
		if t.Kind == layout.KindTypedef {
			s := t.Strip()
			if s == nil || s.Name != "" || !s.IsAggregate() {
				continue
			}
			e.Type = s
		} else if !t.IsAggregate() || (t.Payload && len(names) == 0) {
			continue
		}
		if len(names) == 0 || matches(e.Name, names) {
			out = append(out, e)
		}
	}
	return out
}

func matches(name string, names []string) bool {
	last := layout.LastSegment(name)
	bare, _, _ := strings.Cut(last, "<")
	for _, n := range names {
		if n == name || n == last || n == bare {
			return true
		}
	}
	return false
}
