package diff_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/abidrift/abidrift/diff"
	"github.com/abidrift/abidrift/diff/render"
	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
)

// TestShellsAgree checks that leaving out what two builds' prints say is
// alike (layout.Fingerprint, layout.Unchanged, layout.Options.Shells: what
// `abidrift diff` does with two binaries) changes nothing in a report: on
// every pair of the libabigail corpus and of testdata/diff, both ways, the
// JSON report from models with shells equals the one from exports-only
// models, whenever diff.ShellsPaired accepts the shells (the command builds
// without them otherwise). It fails if too few pairs had shells to test.
func TestShellsAgree(t *testing.T) {
	pairs := diffPairs(t)
	tested, shells := 0, 0
	for _, p := range pairs {
		for _, pair := range [][2]string{p, {p[1], p[0]}} {
			withShells, n, ok := shellReport(t, pair[0], pair[1])
			if !ok {
				continue
			}
			tested++
			shells += n
			o, nw := surfaceOf(t, pair[0], true), surfaceOf(t, pair[1], true)
			if want := reportOf(t, o, nw); withShells != want {
				t.Errorf("%s -> %s: the reports differ\nexports only:\n%s\nwith %d shells:\n%s", pair[0], pair[1], want, n, withShells)
			}
		}
	}
	t.Logf("%d of %d directed pairs compared with shells, %d shells in all", tested, 2*len(pairs), shells)
	if tested < len(pairs) || shells < 200 {
		t.Errorf("only %d directed pairs with %d shells: the shells are not exercised", tested, shells)
	}
}

// TestShellsOfItself checks that a binary compared with itself is all
// shells (every export with DWARF), and reports nothing.
func TestShellsOfItself(t *testing.T) {
	for _, path := range []string{"../testdata/diff/bin/rs_enum.old.so", "../testdata/diff/bin/c_struct.old.so"} {
		report, n, ok := shellReport(t, path, path)
		if !ok || n == 0 {
			t.Fatalf("%s: shells paired %v, %d shells", path, ok, n)
		}
		s := surfaceOf(t, path, true)
		withDWARF := 0
		for _, list := range [][]*layout.Export{s.Functions, s.Variables} {
			for _, e := range list {
				if e.Function != nil || e.Variable != nil {
					withDWARF++
				}
			}
		}
		if n != 2*withDWARF {
			t.Errorf("%s: %d shells on both sides, want %d (every export with DWARF)", path, n, 2*withDWARF)
		}
		if !strings.Contains(report, `"changes": []`) {
			t.Errorf("%s: changes against itself:\n%s", path, report)
		}
	}
}

// diffPairs lists the pairs of testdata/diff and of the libabigail corpus.
func diffPairs(t *testing.T) [][2]string {
	var pairs [][2]string
	olds, _ := filepath.Glob("../testdata/diff/bin/*.old.so")
	if len(olds) < 10 {
		t.Fatalf("only %d pairs in testdata/diff/bin", len(olds))
	}
	for _, old := range olds {
		pairs = append(pairs, [2]string{old, strings.TrimSuffix(old, ".old.so") + ".new.so"})
	}
	if dir := filepath.Join(corpusDir, "libabigail"); fileExists(dir) {
		for _, row := range readTSV(t, filepath.Join(dir, "manifest.tsv")) {
			pairs = append(pairs, [2]string{filepath.Join(dir, row["old"]), filepath.Join(dir, row["new"])})
		}
	} else {
		t.Logf("conformance corpus %s is absent: the testdata pairs only", dir)
	}
	return pairs
}

// shellReport reads two binaries as the command does, with the shells
// their prints allow, and returns the JSON report and the number of shells
// in the surfaces; ok is false when either has no ELF symbol table or
// diff.ShellsPaired refuses the shells.
func shellReport(t testing.TB, oldPath, newPath string) (report string, shells int, ok bool) {
	t.Helper()
	var files [2]*dwarf.File
	var tables [2]*dwarf.SymbolTable
	var prints [2]*layout.Prints
	for i, path := range []string{oldPath, newPath} {
		f, err := dwarf.Open(path, dwarf.Options{})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		defer f.Close()
		if f.ELF == nil {
			return "", 0, false
		}
		files[i] = f
		if tables[i], err = f.Symbols(); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if prints[i], err = layout.Fingerprint(f, tables[i], 0); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if prints[i] == nil {
			return "", 0, false
		}
	}
	oldShells, newShells := layout.Unchanged(prints[0], prints[1])
	var surfaces [2]*layout.Surface
	for i, sh := range []*layout.Shells{oldShells, newShells} {
		bin, err := layout.Build(files[i], layout.Options{Exports: tables[i], Shells: sh})
		if err != nil {
			t.Fatalf("%s: %v", files[i].Path, err)
		}
		if bin.VTables, err = layout.VTables(files[i], bin); err != nil {
			t.Fatalf("%s: %v", files[i].Path, err)
		}
		surfaces[i] = layout.NewSurface(bin, tables[i], layout.ExportOptions{})
		for _, e := range surfaces[i].Functions {
			if e.Function != nil && e.Function.Print() != 0 {
				shells++
			}
		}
		for _, e := range surfaces[i].Variables {
			if e.Variable != nil && e.Variable.Print() != 0 {
				shells++
			}
		}
	}
	if !diff.ShellsPaired(surfaces[0], surfaces[1], nil) {
		return "", shells, false
	}
	return reportOf(t, surfaces[0], surfaces[1]), shells, true
}

// reportOf completes two exports-only surfaces' counterparts and renders
// their comparison as JSON.
func reportOf(t testing.TB, o, n *layout.Surface) string {
	t.Helper()
	reopen := func(b *layout.Binary) (*dwarf.File, error) { return dwarf.Open(b.Path, dwarf.Options{}) }
	if err := diff.CompleteCounterparts(o.Binary, n.Binary, reopen); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := render.JSON(&buf, diff.CompareSurfaces(o, n, diff.Options{})); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
