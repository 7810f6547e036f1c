package dump

import "github.com/abidrift/abidrift/layout/abi"

// scratch holds the lists of the records one goroutine makes. While a dump
// is written, each record is dropped once appended, and its lists' space
// is used again for the next (reset): a record no longer allocates its
// lists, which kept the collector busy while writing.
type scratch struct {
	fields    []Field
	variants  []Variant
	templates []TemplateParam
	params    []Param
	passes    []abi.Pass
}

// reset makes the space of the lists handed out so far free for others.
func (s *scratch) reset() {
	s.fields, s.variants, s.templates = s.fields[:0], s.variants[:0], s.templates[:0]
	s.params, s.passes = s.params[:0], s.passes[:0]
}

// take returns an empty list, never nil, with room for n elements from the
// free space of arena, which grows (into a new array: the lists handed out
// before keep the old one) when it has too little.
func take[T any](arena *[]T, n int) []T {
	a := *arena
	if a == nil || cap(a)-len(a) < n {
		a = make([]T, 0, max(2*cap(a), n, 16))
	}
	*arena = a[:len(a)+n]
	return a[len(a) : len(a) : len(a)+n]
}
