package diff

import (
	"slices"
	"testing"

	"github.com/abidrift/abidrift/layout"
)

// TestCounterparts checks the names each model lacks, from types listed
// in any order, a name several times (a struct and a typedef).
func TestCounterparts(t *testing.T) {
	bin := func(names ...string) *layout.Binary {
		b := &layout.Binary{}
		for _, n := range names {
			b.Types = append(b.Types, &layout.Type{Kind: layout.KindStruct, Name: n})
		}
		return b
	}
	old := bin("c::S", "a::T", "a::T", "b::Gone", "z::Only")
	new := bin("a::T", "c::S", "a::New", "c::S", "d::Added")
	forOld, forNew := counterparts(old, new)
	if want := []string{"a::New", "d::Added"}; !slices.Equal(forOld, want) {
		t.Errorf("the old model lacks %q, want %q", forOld, want)
	}
	if want := []string{"b::Gone", "z::Only"}; !slices.Equal(forNew, want) {
		t.Errorf("the new model lacks %q, want %q", forNew, want)
	}
}
