package diff_test

// Conformance on the external corpora of ../shared/corpus: libabigail's
// curated old/new pairs with abidiff's expected reports, and ddbug's pair of
// executables with its expected per-entity diffs. For each case the set of
// changed entities (functions, variables, types) we report is compared with
// the expected one; where our policy deliberately differs, the tables below
// say why, case by case. The agreement rate is logged.

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/abidrift/abidrift/diff"
	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
)

const corpusDir = "../../shared/corpus"

// libabigailPolicy explains, per case, why our set of changed entities
// differs from abidiff's. "stricter" means we report more (ABI-NOTES §6
// judges the change at least possibly breaking, or visible and compatible);
// "model" means what DWARF or our model can observe differs.
var libabigailPolicy = map[string]string{
	"10-anon-data-member-grows-c": "stricter: S1 gains `char e` in an anonymous union, at an offset inside the union, " +
		"size unchanged. abidiff filters it as harmless; we report field-added as possibly-breaking (code built " +
		"against the new header may store e where old code reads b or c). S2 agrees.",
	"13-base-classes-removed-cxx": "attribution: the base ns1::base_2 moves from offset 8 to 0 inside ns2::C. abidiff " +
		"lists the base class as a changed type; we report field-offset-changed on ns2::C.ns1::base_2 " +
		"(base_2's own layout does not change).",
	"16-enum-append-enumerators-filtered-cxx": "stricter: enumerators appended to E at the same size; abidiff's " +
		"default filter calls it harmless, ABI-NOTES §6 makes a variant added possibly-breaking (old code " +
		"switching over E meets values it does not know). Case 15 shows the same change unfiltered and agrees.",
	"25-fnptr-changes-cxx": "attribution: the typedef `callback` (int (*)(int) -> void (*)(int)) is reported as a " +
		"changed type of its own (fn-pointer-changed on callback); abidiff shows the change under fn0's return type " +
		"without naming the typedef. Functions agree.",
	"36-class-to-typedef-access-cxx": "policy: foo(C0) -> foo(c0_type) with typedef C0 c0_type is a spelling change and " +
		"m0 private -> public an access change; neither moves a byte or a symbol, and the model records no access. " +
		"abidiff shows both with --harmless; we report nothing.",
	"37-typedef-in-ptr-chain-fn-shown-c": "policy: S replaced by typedef_of_S (a typedef of S) deep in a pointer chain " +
		"is a spelling change only; abidiff shows it with --harmless, we report nothing (case 38, the same " +
		"inputs filtered, agrees).",
	"39-typedef-in-ptr-chain-var-cxx": "policy: as case 37, for a variable's type.",
	"41-vtable-method-becomes-virtual-cxx": "model: in v0 S has no data member and DWARF only declares it; in v1 it " +
		"is defined (8 bytes, the vtable pointer). We report type-became-defined (compatible) for S; abidiff " +
		"reports the same event as S::bar becoming virtual. Functions and the vtable/typeinfo symbols agree.",
	"42-vtable-offset-swap-cxx": "model: two virtual methods swap vtable slots. The layout model keeps no member " +
		"functions and no DW_AT_vtable_elem_location, so C++ vtable order is invisible to abidrift (Rust vtables " +
		"are covered by their {vtable_type} structs).",
	"50-lttng-ctl-2.10-vs-newer-c": "attribution (real-world library): the changed functions and variables agree " +
		"(logged above); the type sets differ in naming: abidiff names the struct that holds a changed " +
		"member (lttng_event for its lttng_event_type field, lttng_action for its serialize callback) where we " +
		"name the changed type itself (lttng_event_type, action_serialize_cb), and we count enums that only " +
		"gained enumerators (possibly-breaking) that abidiff's report lists under their holders.",
}

// ddbugPolicy does the same for ddbug's entities.
var ddbugPolicy = map[string]string{
	"array_diff_type": "policy: the typedef's target goes from char to C, itself a typedef of char: a spelling " +
		"change that moves no byte. ddbug compares spellings, we compare types through typedefs.",
	"function_diff_variables": "policy: only the function's local variables change; they are not part of the ABI.",
	"variable_diff_decl": "policy: one unit now declares the variable that another unit of the same executable " +
		"defines; the binary still defines it with the same type. ddbug compares per unit.",
}

type entitySet map[string]bool

func (s entitySet) String() string {
	var out []string
	for k := range s {
		out = append(out, k)
	}
	sort.Strings(out)
	return "{" + strings.Join(out, ", ") + "}"
}

func (s entitySet) equal(o entitySet) bool {
	if len(s) != len(o) {
		return false
	}
	for k := range s {
		if !o[k] {
			return false
		}
	}
	return true
}

var (
	// [A] 'function void foo(S&)', [D] 'int var_removed', [C] 'method ...'
	symbolLineRE = regexp.MustCompile(`^\s*\[([ADC])\] '([^']*)'`)
	funcNameRE   = regexp.MustCompile(`([A-Za-z_~][A-Za-z0-9_:~]*)\(`)
	varNameRE    = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_:]*)(\[[^\]]*\])*$`)
	typeRE       = regexp.MustCompile(`'(?:struct|class|union|enum|typedef) ([A-Za-z_][A-Za-z0-9_:]*)'`)
	bareSymbolRE = regexp.MustCompile(`^\s*\[[ADC]\] ([^ ']+)\s*$`)
	// abidiff prints Rust (and namespaced) types without a struct keyword.
	renamedRE = regexp.MustCompile(`type name changed from '([A-Za-z_][A-Za-z0-9_]*::[A-Za-z0-9_:]+)' to '([A-Za-z_][A-Za-z0-9_]*::[A-Za-z0-9_:]+)'`)
)

// expectedEntities reads the changed entities of an abidiff report.
func expectedEntities(report string) entitySet {
	set := entitySet{}
	sc := bufio.NewScanner(strings.NewReader(report))
	section := ""
	for sc.Scan() {
		line := sc.Text()
		if strings.Contains(line, "symbols not referenced by debug info:") {
			section = "fn:"
			if strings.Contains(line, "ariable") {
				section = "var:"
			}
			continue
		}
		if section != "" {
			// [A] _ZTV1S: an ELF symbol without DWARF
			if m := bareSymbolRE.FindStringSubmatch(line); m != nil {
				d, _ := layout.Demangle(m[1])
				set[section+lastPathSegment(d)] = true
				continue
			}
		}
		if m := symbolLineRE.FindStringSubmatch(line); m != nil {
			decl := m[2]
			if strings.HasPrefix(decl, "function ") || strings.HasPrefix(decl, "method ") {
				if f := funcNameRE.FindStringSubmatch(decl); f != nil {
					set["fn:"+lastPathSegment(f[1])] = true
				}
			} else if v := varNameRE.FindStringSubmatch(strings.TrimSpace(decl)); v != nil {
				set["var:"+lastPathSegment(v[1])] = true
			}
		}
		for _, m := range typeRE.FindAllStringSubmatch(line, -1) {
			set["type:"+lastPathSegment(m[1])] = true
		}
		if m := renamedRE.FindStringSubmatch(line); m != nil {
			set["type:"+lastPathSegment(m[1])] = true
			set["type:"+lastPathSegment(m[2])] = true
		}
	}
	return set
}

// symbols keeps the functions and variables of a set.
func symbols(s entitySet) entitySet {
	out := entitySet{}
	for k := range s {
		if !strings.HasPrefix(k, "type:") {
			out[k] = true
		}
	}
	return out
}

func lastPathSegment(s string) string {
	if i := strings.LastIndex(s, "::"); i >= 0 {
		return s[i+2:]
	}
	return s
}

// rootName is the function or variable name a path starts with.
func rootName(path string) string {
	end := strings.IndexAny(path, "(:")
	if end < 0 {
		end = len(path)
	}
	return strings.TrimSpace(path[:end])
}

// reportedEntities splits the changed entities of our report in two: direct
// (the functions and variables changed, removed or added, and the named
// types that changed) and impacted (the exported functions and variables
// the changed types reach). Compatible changes count only when
// withCompatible is set, except added functions and variables, which
// abidiff always lists.
func reportedEntities(r *diff.Report, withCompatible bool) (direct, impacted entitySet) {
	direct, impacted = entitySet{}, entitySet{}
	for _, c := range r.Changes {
		if c.Severity == diff.Compatible && !withCompatible && c.Kind != diff.FunctionAdded && c.Kind != diff.VariableAdded {
			continue
		}
		switch c.Entity {
		case diff.EntityFunction:
			direct["fn:"+lastPathSegment(c.Owner)] = true
		case diff.EntityVariable:
			direct["var:"+lastPathSegment(c.Owner)] = true
		case diff.EntityType:
			direct["type:"+lastPathSegment(c.Owner)] = true
			for _, im := range c.Impacts {
				name := lastPathSegment(rootName(im.Path))
				if strings.Contains(im.Path, "(") && strings.Index(im.Path, "(") < strings.Index(im.Path+":", ":") {
					impacted["fn:"+name] = true
				} else {
					impacted["var:"+name] = true
				}
			}
		}
	}
	return direct, impacted
}

// agrees compares our entities with abidiff's under the case's options.
// With --redundant (and without --leaf-changes-only) abidiff lists every
// function a changed type reaches, so the sets must be equal. By default it
// lists a type's change under the first such function only, and with
// --leaf-changes-only under none: then the types and the functions changed
// in their own right must be equal, and every function abidiff lists must
// be one we found impacted.
func agrees(options string, direct, impacted, want entitySet) (bool, entitySet) {
	all := entitySet{}
	for k := range direct {
		all[k] = true
	}
	for k := range impacted {
		all[k] = true
	}
	if strings.Contains(options, "--redundant") && !strings.Contains(options, "--no-redundant") &&
		!strings.Contains(options, "--leaf-changes-only") {
		return all.equal(want), all
	}
	for k := range want {
		if !all[k] {
			return false, all
		}
	}
	for k := range direct {
		if !want[k] {
			return false, all
		}
	}
	return true, all
}

// loadSide reads a binary with its symbol table, as the command does.
func loadSide(t *testing.T, path string) *layout.Surface {
	t.Helper()
	f, err := dwarf.Open(path, dwarf.Options{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer f.Close()
	bin, err := layout.Build(f, layout.Options{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	s, err := layout.Exports(f, bin, layout.ExportOptions{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

func readTSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	head := strings.Split(lines[0], "\t")
	var rows []map[string]string
	for _, l := range lines[1:] {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		row := map[string]string{}
		for i, v := range strings.Split(l, "\t") {
			if i < len(head) {
				row[head[i]] = v
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func requireCorpus(t *testing.T, sub string) string {
	dir := filepath.Join(corpusDir, sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("conformance corpus %s is absent (%v): skipping; it lives beside the repository as ../shared/corpus", dir, err)
	}
	return dir
}

// conformance tallies agreements and explains disagreements.
type conformance struct {
	t                 *testing.T
	name              string
	policy            map[string]string
	agree, total      int
	explained, issues []string
}

func (c *conformance) record(id string, got, want entitySet) {
	c.recordAgreement(id, got.equal(want), got, want)
}

func (c *conformance) recordAgreement(id string, ok bool, got, want entitySet) {
	c.total++
	if ok {
		c.agree++
		if why, ok := c.policy[id]; ok {
			c.t.Errorf("%s %s: agrees now, drop its policy entry (%q)", c.name, id, why)
		}
		return
	}
	line := fmt.Sprintf("%s: ours %v, expected %v", id, got, want)
	if why, ok := c.policy[id]; ok {
		c.explained = append(c.explained, line+"\n\t\t"+why)
		return
	}
	c.issues = append(c.issues, line)
}

func (c *conformance) finish() {
	c.t.Logf("%s agreement: %d/%d cases (%.0f%%)", c.name, c.agree, c.total, 100*float64(c.agree)/float64(max(c.total, 1)))
	for _, e := range c.explained {
		c.t.Logf("deliberate difference: %s", e)
	}
	for _, e := range c.issues {
		c.t.Errorf("unexplained difference: %s", e)
	}
	for id := range c.policy {
		if !strings.Contains(strings.Join(c.explained, "\n"), id+":") && !c.t.Failed() {
			// the case agreed (reported above) or is not in the manifest
			if !c.known(id) {
				c.t.Errorf("%s policy entry %s names no case", c.name, id)
			}
		}
	}
}

func (c *conformance) known(id string) bool {
	for _, line := range append(c.explained, c.issues...) {
		if strings.HasPrefix(line, id+":") {
			return true
		}
	}
	return false
}

func TestLibabigailConformance(t *testing.T) {
	dir := requireCorpus(t, "libabigail")
	conf := &conformance{t: t, name: "libabigail", policy: libabigailPolicy}
	for _, row := range readTSV(t, filepath.Join(dir, "manifest.tsv")) {
		id := row["id"]
		old, new := filepath.Join(dir, row["old"]), filepath.Join(dir, row["new"])
		report, err := os.ReadFile(filepath.Join(dir, row["expected"]))
		if err != nil {
			t.Fatal(err)
		}
		r := diff.CompareSurfaces(loadSide(t, old), loadSide(t, new), diff.Options{})
		harmless := strings.Contains(row["options"], "--harmless")
		direct, impacted := reportedEntities(r, harmless)
		want := expectedEntities(string(report))
		ok, all := agrees(row["options"], direct, impacted, want)
		conf.recordAgreement(id, ok, all, want)
		if !ok {
			if symbols(all).equal(symbols(want)) {
				t.Logf("%s: the changed functions and variables agree (%d)", id, len(symbols(want)))
			}
		}
	}
	conf.finish()
}

func TestDdbugConformance(t *testing.T) {
	dir := requireCorpus(t, "ddbug")
	rows := readTSV(t, filepath.Join(dir, "manifest.tsv"))
	old, new := filepath.Join(dir, rows[0]["old"]), filepath.Join(dir, rows[0]["new"])
	// Executables export nothing: compare what DWARF shows, every type.
	ob, nb := loadSide(t, old).Binary, loadSide(t, new).Binary
	r := diff.Compare(ob, nb, diff.Options{AllTypes: true})
	conf := &conformance{t: t, name: "ddbug", policy: ddbugPolicy}
	for _, row := range rows {
		id := row["id"]
		// ddbug shows a typedef of a named struct with the struct's changes.
		owners := map[string]bool{id: true}
		for _, b := range []*layout.Binary{ob, nb} {
			for _, ty := range b.Types {
				if ty.Name == id && ty.Kind == layout.KindTypedef {
					if s := ty.Strip(); s != nil && s.Name != "" {
						owners[s.Name] = true
					}
				}
			}
		}
		changed := false
		for _, c := range r.Changes {
			if owners[c.Owner] {
				changed = true
			}
		}
		got, want := entitySet{}, entitySet{}
		if changed {
			got[id] = true
		}
		if row["verdict"] == "change" {
			want[id] = true
		}
		conf.record(id, got, want)
	}
	conf.finish()
}

// TestNoNoise checks that builds differing only by compiler, optimisation
// level, DWARF version or link order report nothing at all, compatible
// changes included: libabigail cases 43 to 48.
func TestNoNoise(t *testing.T) {
	dir := requireCorpus(t, "libabigail")
	for _, row := range readTSV(t, filepath.Join(dir, "manifest.tsv")) {
		id := row["id"]
		if id < "43" || id >= "49" {
			continue
		}
		t.Run(id, func(t *testing.T) {
			old, new := loadSide(t, filepath.Join(dir, row["old"])), loadSide(t, filepath.Join(dir, row["new"]))
			for _, r := range []*diff.Report{
				diff.CompareSurfaces(old, new, diff.Options{}),
				diff.CompareSurfaces(old, new, diff.Options{AllTypes: true}),
			} {
				for _, c := range r.Changes {
					t.Errorf("%s %s %s: %s", c.Severity, c.Kind, c.Subject, c.Detail)
				}
			}
		})
	}
}
