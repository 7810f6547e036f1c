package main

// Oracle tests of `abidrift layout --format json`: every committed fixture
// binary in testdata/layout/bin is read by the CLI (in process) and its report
// is compared with what the compiler itself says about the same types
// (sizeof/align_of/offset_of, and the bytes of a value of each enum variant),
// printed by testdata/layout/{rust,c}/oracle.*. See testdata/layout/build.sh.

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const layoutTestdata = "../../testdata/layout"

// ---- the oracle's line format (testdata/layout/rust/oracle.rs) ----

type oracleType struct {
	Lang     string          `json:"lang"`
	Name     string          `json:"name"`
	Kind     string          `json:"kind"`
	Size     int64           `json:"size"`
	Align    int64           `json:"align"`
	Fields   []oracleField   `json:"fields"`
	Tag      *oracleTag      `json:"tag"`
	Variants []oracleVariant `json:"variants"`
}

type oracleField struct {
	Name      string        `json:"name"`
	Offset    int64         `json:"offset"`
	Size      int64         `json:"size"` // -1: not checked
	Type      string        `json:"type"` // "": not checked
	BitOffset *int64        `json:"bit_offset"`
	BitSize   *int64        `json:"bit_size"`
	Fields    []oracleField `json:"fields"` // members of an anonymous member
}

type oracleTag struct {
	Offset int64 `json:"offset"`
	Size   int64 `json:"size"`
	Niche  bool  `json:"niche"`
}

type oracleVariant struct {
	Name    string          `json:"name"`
	Discr   json.RawMessage `json:"discr"` // exact value, or null when the language leaves it open
	Samples []string        `json:"samples"`
	Fields  []oracleField   `json:"fields"`
}

// ---- abidrift.layout/v1 ----

type layoutDoc struct {
	Schema string       `json:"schema"`
	Types  []layoutType `json:"types"`
}

type layoutType struct {
	Name     string          `json:"name"`
	Kind     string          `json:"kind"`
	Size     json.Number     `json:"size"`
	Align    json.Number     `json:"align"`
	Fields   []layoutField   `json:"fields"`
	Tag      *layoutTag      `json:"tag"`
	Variants []layoutVariant `json:"variants"`
}

type layoutField struct {
	Name      string        `json:"name"`
	Offset    json.Number   `json:"offset"`
	Size      json.Number   `json:"size"`
	Type      string        `json:"type"`
	BitOffset *json.Number  `json:"bit_offset"`
	BitSize   *json.Number  `json:"bit_size"`
	Fields    []layoutField `json:"fields"`
}

type layoutTag struct {
	Offset json.Number `json:"offset"`
	Size   json.Number `json:"size"`
	Type   string      `json:"type"`
	Niche  bool        `json:"niche"`
}

type layoutVariant struct {
	Name   string          `json:"name"`
	Discr  json.RawMessage `json:"discr"`
	Fields []layoutField   `json:"fields"`
}

// ---- loading ----

type manifestEntry struct{ file, oracle, desc string }

func readManifest(t *testing.T) []manifestEntry {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(layoutTestdata, "bin", "MANIFEST"))
	if err != nil {
		t.Fatalf("reading the fixture manifest: %v (run testdata/layout/build.sh)", err)
	}
	var out []manifestEntry
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, " ", 3)
		if len(parts) < 3 {
			t.Fatalf("bad MANIFEST line %q", line)
		}
		out = append(out, manifestEntry{parts[0], parts[1], parts[2]})
	}
	return out
}

func parseOracle(t *testing.T, path string) []oracleType {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("reading oracle output: %v", err)
	}
	defer f.Close()
	var out []oracleType
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.UseNumber()
		dec.DisallowUnknownFields()
		var ot oracleType
		if err := dec.Decode(&ot); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, ot)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// toolchainVersions reads expected/toolchain.txt: "rustc: ..." and "gcc: ...".
func toolchainVersions(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(layoutTestdata, "expected", "toolchain.txt"))
	if err != nil {
		t.Fatalf("reading expected/toolchain.txt: %v", err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok && !strings.HasPrefix(k, "#") {
			out[k] = strings.TrimSpace(v)
		}
	}
	return out
}

// loadOracles returns the oracle output per language ("rust", "c"). When the
// compiler that built the committed binaries is installed (same version as
// expected/toolchain.txt; repr(Rust) layout may change between rustc
// versions), the oracle is rebuilt from source into a temporary directory and
// run, and must agree with the committed expected/ files; otherwise (or with
// -short) the committed files are used, as the test log says.
func loadOracles(t *testing.T) map[string][]oracleType {
	t.Helper()
	versions := toolchainVersions(t)
	committed := filepath.Join(layoutTestdata, "expected")
	live := t.TempDir()
	var liveLangs []string
	if testing.Short() {
		t.Logf("-short: not rebuilding the oracles; using the committed expected/rust.jsonl and expected/c.jsonl")
	}
	for _, lang := range []struct{ name, tool, key string }{{"rust", "rustc", "rustc"}, {"c", "gcc", "gcc"}} {
		if testing.Short() {
			break
		}
		path, err := exec.LookPath(lang.tool)
		if err != nil {
			t.Logf("%s oracle: %s not installed; using the committed expected/%s.jsonl", lang.name, lang.tool, lang.name)
			continue
		}
		args := []string{"--version"}
		out, err := exec.Command(path, args...).Output()
		if err != nil {
			t.Logf("%s oracle: %s --version failed (%v); using the committed expected/%s.jsonl", lang.name, lang.tool, err, lang.name)
			continue
		}
		have := strings.SplitN(strings.TrimSpace(string(out)), "\n", 2)[0]
		if have != versions[lang.key] {
			t.Logf("%s oracle: installed %q is not %q, which built bin/ (layouts may differ); using the committed expected/%s.jsonl",
				lang.name, have, versions[lang.key], lang.name)
			continue
		}
		liveLangs = append(liveLangs, lang.name)
	}
	if len(liveLangs) > 0 {
		if _, err := exec.LookPath("bash"); err != nil {
			t.Logf("bash not installed; using the committed oracle output")
			liveLangs = nil
		}
	}
	if len(liveLangs) > 0 {
		script, err := filepath.Abs(filepath.Join(layoutTestdata, "build.sh"))
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("bash", append([]string{script, "--oracle", live}, liveLangs...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("building the oracles from source (%s --oracle): %v\n%s", script, err, out)
		}
	}
	oracles := map[string][]oracleType{}
	for _, lang := range []string{"rust", "c"} {
		path := filepath.Join(committed, lang+".jsonl")
		if contains(liveLangs, lang) {
			livePath := filepath.Join(live, lang+".jsonl")
			a, _ := os.ReadFile(livePath)
			b, _ := os.ReadFile(path)
			if !bytes.Equal(a, b) {
				t.Errorf("%s oracle: the live output differs from the committed expected/%s.jsonl: the fixture sources changed "+
					"since bin/ was built; rerun testdata/layout/build.sh", lang, lang)
			}
			t.Logf("%s oracle: rebuilt from source with the installed compiler", lang)
			path = livePath
		}
		oracles[lang] = parseOracle(t, path)
	}
	return oracles
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// runLayoutJSON runs `abidrift layout --format json path names...` in process.
func runLayoutJSON(t *testing.T, path string, names ...string) layoutDoc {
	t.Helper()
	var stdout, stderr bytes.Buffer
	args := append([]string{"layout", "--format", "json", path}, names...)
	if st := run(args, &stdout, &stderr); st != 0 {
		t.Fatalf("abidrift %s: exit status %d\nstderr:\n%s", strings.Join(args, " "), st, stderr.String())
	}
	dec := json.NewDecoder(&stdout)
	dec.UseNumber()
	var doc layoutDoc
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("abidrift %s: output is not JSON: %v", strings.Join(args, " "), err)
	}
	if doc.Schema != "abidrift.layout/v1" {
		t.Fatalf("abidrift %s: schema %q, want abidrift.layout/v1", strings.Join(args, " "), doc.Schema)
	}
	return doc
}

// ---- comparing ----

// checker collects precise mismatches and counts the facts it compared.
type checker struct {
	t      *testing.T
	bin    string
	checks int
	errs   int
}

func (c *checker) errorf(typ, where, format string, args ...any) {
	c.t.Helper()
	c.errs++
	if where != "" {
		where = " " + where
	}
	c.t.Errorf("%s: type %s%s: %s", c.bin, typ, where, fmt.Sprintf(format, args...))
}

func num(n json.Number) (int64, bool) {
	v, err := n.Int64()
	return v, err == nil
}

// eq compares one integer fact.
func (c *checker) eq(typ, where, what string, want int64, got json.Number) {
	c.t.Helper()
	c.checks++
	g, ok := num(got)
	if !ok {
		c.errorf(typ, where, "%s: expected %d, got %q (not an integer)", what, want, got)
		return
	}
	if g != want {
		c.errorf(typ, where, "%s: expected %d, got %d", what, want, g)
	}
}

// parseDiscr decodes an exact JSON integer (or null) into a big.Int.
func parseDiscr(raw json.RawMessage) (*big.Int, bool, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return nil, true, nil
	}
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return nil, false, fmt.Errorf("discr %s is not an exact integer", s)
	}
	return v, true, nil
}

// occurrenceKey names the i-th field called name (anonymous members are all "").
func fieldKeys[F any](fs []F, name func(F) string) []string {
	seen := map[string]int{}
	keys := make([]string, len(fs))
	for i, f := range fs {
		n := name(f)
		keys[i] = fmt.Sprintf("%s#%d", n, seen[n])
		seen[n]++
	}
	return keys
}

func fieldLabel(key string) string {
	name, idx, _ := strings.Cut(key, "#")
	if name == "" {
		return "(anonymous member " + idx + ")"
	}
	if idx != "0" {
		return name + " (occurrence " + idx + ")"
	}
	return name
}

// fields compares a field list: the same fields (by name, in order of
// occurrence), each at the same offset with the same size, bit position and,
// where the oracle names it, type.
func (c *checker) fields(typ, where string, want []oracleField, got []layoutField) {
	c.t.Helper()
	wk := fieldKeys(want, func(f oracleField) string { return f.Name })
	gk := fieldKeys(got, func(f layoutField) string { return f.Name })
	gotBy := map[string]layoutField{}
	for i, k := range gk {
		gotBy[k] = got[i]
	}
	c.checks++
	if len(want) != len(got) {
		c.errorf(typ, where, "expected %d fields %v, got %d %v", len(want), wk, len(got), gk)
	}
	wantSet := map[string]bool{}
	for i, w := range want {
		wantSet[wk[i]] = true
		fw := strings.TrimSpace(where + " field " + fieldLabel(wk[i]))
		g, ok := gotBy[wk[i]]
		if !ok {
			c.errorf(typ, fw, "missing from abidrift's output")
			continue
		}
		c.eq(typ, fw, "offset", w.Offset, g.Offset)
		if w.Size >= 0 {
			c.eq(typ, fw, "size", w.Size, g.Size)
		}
		if w.Type != "" {
			c.checks++
			if g.Type != w.Type {
				c.errorf(typ, fw, "type: expected %q, got %q", w.Type, g.Type)
			}
		}
		switch {
		case w.BitOffset != nil:
			c.checks++
			if g.BitOffset == nil || g.BitSize == nil {
				c.errorf(typ, fw, "is a bitfield (bit_offset %d, bit_size %d) but abidrift gives no bit_offset/bit_size",
					*w.BitOffset, *w.BitSize)
				break
			}
			c.eq(typ, fw, "bit_offset", *w.BitOffset, *g.BitOffset)
			c.eq(typ, fw, "bit_size", *w.BitSize, *g.BitSize)
		case g.BitOffset != nil || g.BitSize != nil:
			c.errorf(typ, fw, "is not a bitfield but abidrift gives bit_offset/bit_size")
		}
		if w.Fields != nil {
			c.fields(typ, fw, w.Fields, g.Fields)
		}
	}
	for _, k := range gk {
		if !wantSet[k] {
			c.errorf(typ, where, "abidrift shows a field %s that the type does not have", fieldLabel(k))
		}
	}
}

// tagSignedness reads the signedness of a tag's integer type from its name:
// Rust uN/iN/usize/isize/char, C's integer spellings. known is false for
// names it does not recognise.
func tagSignedness(name string) (signed, known bool) {
	n := strings.TrimSpace(name)
	if regexp.MustCompile(`^(u(8|16|32|64|128|size)|char|bool)$`).MatchString(n) {
		return false, true
	}
	if regexp.MustCompile(`^i(8|16|32|64|128|size)$`).MatchString(n) {
		return true, true
	}
	switch {
	case strings.Contains(n, "unsigned"), n == "_Bool":
		return false, true
	case n == "int", n == "signed char", strings.Contains(n, "short"), strings.Contains(n, "long"), strings.HasPrefix(n, "signed"):
		return true, true
	}
	return false, false
}

// sampleTag reads size bytes at off of a sample (hex, ".." for padding) as a
// little-endian unsigned integer.
func sampleTag(sample string, off, size int64) (*big.Int, error) {
	if off < 0 || size <= 0 || (off+size)*2 > int64(len(sample)) {
		return nil, fmt.Errorf("tag bytes [%d, %d) lie outside the %d-byte value", off, off+size, len(sample)/2)
	}
	chunk := sample[off*2 : (off+size)*2]
	if strings.Contains(chunk, "..") {
		return nil, fmt.Errorf("tag bytes [%d, %d) are padding in the compiler's value (%s)", off, off+size, sample)
	}
	b, err := hex.DecodeString(chunk)
	if err != nil {
		return nil, err
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return new(big.Int).SetBytes(b), nil
}

// modBits reduces v to its two's-complement bit pattern in size bytes.
func modBits(v *big.Int, size int64) *big.Int {
	m := new(big.Int).Lsh(big.NewInt(1), uint(size*8))
	return new(big.Int).Mod(v, m)
}

// enum compares the tag and the variants, and checks every variant sample:
// the bytes at abidrift's tag location must be the variant's discr, and for
// the dataful (discr null) variant must be no other variant's discr.
func (c *checker) enum(o oracleType, g layoutType) {
	c.t.Helper()
	typ := o.Name
	c.checks++
	switch {
	case o.Tag == nil && g.Tag != nil:
		c.errorf(typ, "tag", "expected no tag (no discriminant is stored), got %+v", *g.Tag)
	case o.Tag != nil && g.Tag == nil:
		c.errorf(typ, "tag", "expected a tag at offset %d of %d bytes (niche %v), got null", o.Tag.Offset, o.Tag.Size, o.Tag.Niche)
	case o.Tag != nil:
		c.eq(typ, "tag", "offset", o.Tag.Offset, g.Tag.Offset)
		c.eq(typ, "tag", "size", o.Tag.Size, g.Tag.Size)
		c.checks++
		if o.Tag.Niche != g.Tag.Niche {
			c.errorf(typ, "tag", "niche: expected %v, got %v", o.Tag.Niche, g.Tag.Niche)
		}
	}

	gotBy := map[string]layoutVariant{}
	var gotNames, wantNames []string
	for _, v := range g.Variants {
		if _, dup := gotBy[v.Name]; dup {
			c.errorf(typ, "", "variant %s listed twice", v.Name)
		}
		gotBy[v.Name] = v
		gotNames = append(gotNames, v.Name)
	}
	for _, v := range o.Variants {
		wantNames = append(wantNames, v.Name)
	}
	c.checks++
	if strings.Join(gotNames, ",") != strings.Join(wantNames, ",") {
		c.errorf(typ, "", "variants: expected %v, got %v", wantNames, gotNames)
	}

	// Decode abidrift's discriminants.
	discr := map[string]*big.Int{}
	nulls := 0
	for _, v := range g.Variants {
		d, ok, err := parseDiscr(v.Discr)
		if !ok {
			c.errorf(typ, "variant "+v.Name, "%v", err)
			continue
		}
		if d == nil {
			nulls++
		}
		discr[v.Name] = d
	}

	var tagOff, tagSize int64 = -1, -1
	signed, signKnown := false, false
	if g.Tag != nil {
		tagOff, _ = num(g.Tag.Offset)
		tagSize, _ = num(g.Tag.Size)
		signed, signKnown = tagSignedness(g.Tag.Type)
	}
	if g.Tag != nil && o.Tag != nil {
		c.checks++
		switch {
		case !o.Tag.Niche && nulls > 0:
			c.errorf(typ, "", "the tag is not a niche, so every variant needs a discr; %d have null", nulls)
		case o.Tag.Niche && nulls != 1:
			c.errorf(typ, "", "a niche-optimised enum has exactly one dataful variant (discr null); abidrift has %d", nulls)
		}
		// Distinct discriminants (as stored: modulo 2^(8*size)).
		seen := map[string]string{}
		for _, v := range g.Variants {
			if d := discr[v.Name]; d != nil && tagSize > 0 {
				k := modBits(d, tagSize).String()
				c.checks++
				if prev, dup := seen[k]; dup {
					c.errorf(typ, "variant "+v.Name, "discr %s is also the discr of %s", d, prev)
				}
				seen[k] = v.Name
			}
		}
	}

	for _, ov := range o.Variants {
		where := "variant " + ov.Name
		gv, ok := gotBy[ov.Name]
		if !ok {
			c.errorf(typ, where, "missing from abidrift's output")
			continue
		}
		c.fields(typ, where, ov.Fields, gv.Fields)
		d := discr[ov.Name]
		want, _, err := parseDiscr(ov.Discr)
		if err != nil {
			c.t.Fatalf("oracle %s %s: %v", typ, where, err)
		}
		if want != nil {
			c.checks++
			if d == nil || d.Cmp(want) != 0 {
				c.errorf(typ, where, "discr: expected %s, got %s", want, string(gv.Discr))
			}
		}
		if d != nil && g.Tag != nil && signKnown && tagSize > 0 {
			c.checks++
			lo, hi := new(big.Int), new(big.Int).Lsh(big.NewInt(1), uint(tagSize*8)) // unsigned [0, 2^n)
			if signed {
				hi.Rsh(hi, 1)
				lo.Neg(hi) // [-2^(n-1), 2^(n-1))
			}
			if d.Cmp(lo) < 0 || d.Cmp(hi) >= 0 {
				c.errorf(typ, where, "discr %s is out of range for the %d-byte %s tag type %q", d,
					tagSize, map[bool]string{true: "signed", false: "unsigned"}[signed], g.Tag.Type)
			}
		}
		if g.Tag == nil {
			continue
		}
		for si, s := range ov.Samples {
			sw := fmt.Sprintf("%s sample %d (%s)", where, si, s)
			stored, err := sampleTag(s, tagOff, tagSize)
			c.checks++
			if err != nil {
				c.errorf(typ, sw, "%v", err)
				continue
			}
			if d != nil {
				if got := modBits(d, tagSize); got.Cmp(stored) != 0 {
					c.errorf(typ, sw, "the value stores %#x at the tag (offset %d, %d bytes); abidrift's discr is %s (%#x)",
						stored, tagOff, tagSize, d, got)
				}
				continue
			}
			for _, other := range g.Variants {
				if od := discr[other.Name]; od != nil && modBits(od, tagSize).Cmp(stored) == 0 {
					c.errorf(typ, sw, "the dataful variant's value stores %#x at the tag, which abidrift says is variant %s's discr %s",
						stored, other.Name, od)
				}
			}
		}
	}
}

// compare checks every oracle type against abidrift's report of one binary.
func (c *checker) compare(oracle []oracleType, doc layoutDoc) {
	c.t.Helper()
	byName := map[string][]layoutType{}
	for _, lt := range doc.Types {
		byName[lt.Name] = append(byName[lt.Name], lt)
	}
	found := 0
	for _, o := range oracle {
		got := byName[o.Name]
		c.checks++
		if len(got) == 0 {
			c.errorf(o.Name, "", "not in abidrift's output (%d types listed)%s", len(doc.Types), nearNames(o.Name, doc))
			continue
		}
		found++
		for i, g := range got {
			if len(got) > 1 {
				c.t.Logf("%s: type %s is listed %d times; checking copy %d", c.bin, o.Name, len(got), i)
			}
			c.checks++
			if g.Kind != o.Kind {
				c.errorf(o.Name, "", "kind: expected %s, got %s", o.Kind, g.Kind)
			}
			c.eq(o.Name, "", "size", o.Size, g.Size)
			c.eq(o.Name, "", "align", o.Align, g.Align)
			c.fields(o.Name, "", o.Fields, g.Fields)
			if o.Kind == "enum" {
				c.enum(o, g)
			} else {
				c.checks++
				if g.Tag != nil || len(g.Variants) != 0 {
					c.errorf(o.Name, "", "a %s has no tag or variants; abidrift gives tag %v and %d variants", o.Kind, g.Tag, len(g.Variants))
				}
			}
		}
	}
	if found != len(oracle) {
		c.t.Errorf("%s: only %d of the %d oracle types were found in abidrift's output", c.bin, found, len(oracle))
	}
}

// nearNames suggests output names that share the oracle name's last segment.
func nearNames(name string, doc layoutDoc) string {
	last := name
	if i := strings.LastIndex(name, "::"); i >= 0 && !strings.ContainsAny(name[i:], "<>()") {
		last = name[i+2:]
	}
	var near []string
	for _, lt := range doc.Types {
		if strings.Contains(lt.Name, last) && len(near) < 5 {
			near = append(near, lt.Name)
		}
	}
	if len(near) == 0 {
		return ""
	}
	return fmt.Sprintf("; similar names: %q", near)
}

// TestLayoutOracle runs `abidrift layout --format json` on every committed
// fixture binary and compares every size, alignment, field offset, bit
// position, tag and discriminant with what rustc and gcc say.
func TestLayoutOracle(t *testing.T) {
	manifest := readManifest(t)
	oracles := loadOracles(t)

	// Non-vacuity: the manifest lists every binary, each exists, both
	// languages are covered, and the oracles are not empty.
	listed := map[string]bool{}
	perLang := map[string]int{}
	for _, e := range manifest {
		listed[e.file] = true
		perLang[e.oracle]++
		if _, ok := oracles[e.oracle]; !ok {
			t.Fatalf("MANIFEST: %s names unknown oracle %q", e.file, e.oracle)
		}
	}
	entries, err := os.ReadDir(filepath.Join(layoutTestdata, "bin"))
	if err != nil {
		t.Fatal(err)
	}
	for _, de := range entries {
		if de.Name() != "MANIFEST" && !listed[de.Name()] {
			t.Errorf("bin/%s is not in bin/MANIFEST", de.Name())
		}
	}
	if perLang["rust"] < 6 || perLang["c"] < 6 {
		t.Fatalf("MANIFEST lists %d Rust and %d C binaries; expected at least 6 of each", perLang["rust"], perLang["c"])
	}
	if len(oracles["rust"]) < 50 || len(oracles["c"]) < 20 {
		t.Fatalf("the oracles describe %d Rust and %d C types; expected at least 50 and 20", len(oracles["rust"]), len(oracles["c"]))
	}

	for _, e := range manifest {
		e := e
		t.Run(e.file, func(t *testing.T) {
			path := filepath.Join(layoutTestdata, "bin", e.file)
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("%v (listed in MANIFEST: %s)", err, e.desc)
			}
			doc := runLayoutJSON(t, path)
			c := &checker{t: t, bin: e.file}
			c.compare(oracles[e.oracle], doc)
			t.Logf("%s (%s): %d types in the oracle, %d facts compared, %d mismatches",
				e.file, e.desc, len(oracles[e.oracle]), c.checks, c.errs)
			// Every type contributes at least its kind, size, align and field count.
			if min := 4 * len(oracles[e.oracle]); c.checks < min {
				t.Errorf("only %d facts compared; expected at least %d", c.checks, min)
			}
		})
	}
}

// TestLayoutDoneWhen pins the enums named in the task's acceptance criteria
// on the Rust dylib: Option<&T>, Option<bool>, Result<u32, String> and the
// repr(u8) data enum show tags, niches and variants agreeing with rustc
// (the numbers are the ones docs ABI-NOTES records and the oracle measures).
// It also exercises NAME selection (last path segment, and without generics).
func TestLayoutDoneWhen(t *testing.T) {
	const bin = "rust-dylib-O0-dw4-legacy.so"
	path := filepath.Join(layoutTestdata, "bin", bin)
	oracle := map[string]oracleType{}
	for _, o := range loadOracles(t)["rust"] {
		oracle[o.Name] = o
	}

	type variant struct {
		name  string
		discr string // "null" for the dataful variant
	}
	cases := []struct {
		select_ string // NAME argument
		name    string
		tagOff  int64
		tagSize int64
		tagType string
		niche   bool
		vars    []variant
	}{
		{"Option<&fixture::Cfg>", "core::option::Option<&fixture::Cfg>", 0, 8, "", true,
			[]variant{{"None", "0"}, {"Some", "null"}}},
		{"Option<bool>", "core::option::Option<bool>", 0, 1, "u8", true,
			[]variant{{"None", "2"}, {"Some", "null"}}},
		{"core::result::Result<u32, alloc::string::String>", "core::result::Result<u32, alloc::string::String>", 0, 8, "", true,
			[]variant{{"Ok", "9223372036854775808"}, {"Err", "null"}}},
		{"Msg", "fixture::Msg", 0, 1, "u8", false,
			[]variant{{"Quit", "1"}, {"Move", "5"}, {"Write", "9"}, {"Big", "250"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := runLayoutJSON(t, path, tc.select_)
			var got *layoutType
			var names []string
			for i := range doc.Types {
				names = append(names, doc.Types[i].Name)
				if doc.Types[i].Name == tc.name {
					got = &doc.Types[i]
				}
			}
			if got == nil {
				t.Fatalf("abidrift layout %s %s: %s not among %q", bin, tc.select_, tc.name, names)
			}
			for _, n := range names {
				if n != tc.name {
					t.Errorf("NAME %q selected %s too; expected only %s", tc.select_, n, tc.name)
				}
			}
			if got.Tag == nil {
				t.Fatalf("%s: tag is null; expected offset %d size %d niche %v", tc.name, tc.tagOff, tc.tagSize, tc.niche)
			}
			if o, s := mustInt(t, got.Tag.Offset), mustInt(t, got.Tag.Size); o != tc.tagOff || s != tc.tagSize || got.Tag.Niche != tc.niche {
				t.Errorf("%s: tag offset %d size %d niche %v; expected offset %d size %d niche %v",
					tc.name, o, s, got.Tag.Niche, tc.tagOff, tc.tagSize, tc.niche)
			}
			if tc.tagType != "" && got.Tag.Type != tc.tagType {
				t.Errorf("%s: tag type %q; expected %q", tc.name, got.Tag.Type, tc.tagType)
			}
			var gv []string
			for _, v := range got.Variants {
				d := strings.TrimSpace(string(v.Discr))
				if d == "" {
					d = "null"
				}
				gv = append(gv, v.Name+"="+d)
			}
			var wv []string
			for _, v := range tc.vars {
				wv = append(wv, v.name+"="+v.discr)
			}
			if strings.Join(gv, " ") != strings.Join(wv, " ") {
				t.Errorf("%s: variants %v; expected %v", tc.name, gv, wv)
			}
			// And against rustc's own bytes (the full oracle comparison).
			o, ok := oracle[tc.name]
			if !ok {
				t.Fatalf("the oracle has no %s", tc.name)
			}
			c := &checker{t: t, bin: bin}
			c.compare([]oracleType{o}, layoutDoc{Types: []layoutType{*got}})
			if c.checks < 10 {
				t.Errorf("only %d facts compared for %s", c.checks, tc.name)
			}
		})
	}
}

func mustInt(t *testing.T, n json.Number) int64 {
	t.Helper()
	v, err := n.Int64()
	if err != nil {
		t.Fatalf("%q is not an integer", n)
	}
	return v
}
