package diff

import (
	"math/rand"
	"testing"
)

// TestDropPathPrefixesMatchesRegexp checks the hand-written shortName
// against the regexp it replaces.
func TestDropPathPrefixesMatchesRegexp(t *testing.T) {
	cases := []string{"", "a", "a::b", "core::option::Option<&plug::E>", "&dyn a::Tr", "9abc::x", "a:b::c",
		"x::", "::x", "a::::b", "<a::b as c::D>::{vtable}", "_::_", "a1::b2::c3", "(u8, m::S)", "fn(a::B) -> c::D"}
	r := rand.New(rand.NewSource(1))
	const alphabet = "ab_Z09:<>&, ()"
	for range 20000 {
		b := make([]byte, r.Intn(16))
		for i := range b {
			b[i] = alphabet[r.Intn(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		if got, want := dropPathPrefixes(c), pathPrefixRE.ReplaceAllString(c, ""); got != want {
			t.Fatalf("dropPathPrefixes(%q) = %q, want %q", c, got, want)
		}
	}
}
