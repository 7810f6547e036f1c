package diff

import (
	"regexp"
	"slices"
	"sort"
	"strings"
)

// compareBinary reports changes of the object file as a whole: SONAME,
// target, the rustc that built it, renamed crates.
func (c *comparer) compareBinary() {
	o, n := c.old.bin, c.new.bin
	w := where{subject: "binary", owner: "binary", entity: EntityBinary}
	if o.SONAME != n.SONAME && o.SONAME != "" {
		if n.SONAME == "" {
			c.add(w, SONAMEChanged, Breaking, "the SONAME %s was dropped", o.SONAME)
		} else {
			c.add(w, SONAMEChanged, Breaking, "the SONAME changed from %s to %s: programs linked against the old name will not load the new file", o.SONAME, n.SONAME)
		}
	}
	if o.Arch != n.Arch && o.Arch != "" && n.Arch != "" || o.PtrSize != n.PtrSize && o.PtrSize != 0 && n.PtrSize != 0 {
		c.add(w, ArchChanged, Breaking, "the target changed from %s (%d-byte pointers) to %s (%d-byte pointers)", o.Arch, o.PtrSize, n.Arch, n.PtrSize)
	}
	ov, nv := rustcVersions(o.Producers), rustcVersions(n.Producers)
	if len(ov) > 0 && len(nv) > 0 && !slices.Equal(ov, nv) {
		c.add(w, RustcVersionChanged, PossiblyBreaking, "the Rust code was built by rustc %s, now by rustc %s: the Rust ABI and repr(Rust) layouts may differ",
			strings.Join(ov, ", "), strings.Join(nv, ", "))
	}
	for _, from := range sortedKeys(c.crates) {
		c.add(w.at("crate "+from), CrateRenamed, PossiblyBreaking, "crate %s is now named %s: its mangled symbols and type names change", from, c.crates[from])
	}
}

var rustcRE = regexp.MustCompile(`rustc version ([0-9][^ )]*)`)

// rustcVersions lists the distinct rustc versions in DW_AT_producer strings.
func rustcVersions(producers []string) []string {
	set := map[string]bool{}
	for _, p := range producers {
		if m := rustcRE.FindStringSubmatch(p); m != nil {
			set[m[1]] = true
		}
	}
	var out []string
	for v := range set {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}
