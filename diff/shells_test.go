package diff_test

import (
	"bytes"
	"os"
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
			withShells, n, ok := shellReport(t, pair[0], pair[1], true)
			if !ok {
				continue
			}
			tested++
			shells += n
			if want, _, _ := shellReport(t, pair[0], pair[1], false); withShells != want {
				t.Errorf("%s -> %s: the reports differ\nexports only:\n%s\nwith %d shells:\n%s", pair[0], pair[1], want, n, withShells)
			}
		}
	}
	t.Logf("%d of %d directed pairs compared with shells, %d shells in all", tested, 2*len(pairs), shells)
	// testdata/diff alone gives about 200 shells (most from rs_unchanged),
	// the libabigail corpus some 1 200 more.
	if tested < len(pairs) || shells < 150 {
		t.Errorf("only %d directed pairs with %d shells: the shells are not exercised", tested, shells)
	}
}

// TestShellsOfItself checks that a binary compared with itself is all
// shells (every export with DWARF), and reports nothing.
func TestShellsOfItself(t *testing.T) {
	for _, path := range []string{"../testdata/diff/bin/rs_enum.old.so", "../testdata/diff/bin/c_struct.old.so"} {
		report, n, ok := shellReport(t, path, path, true)
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

// shellReport opens two binaries and compares them with reportOfFiles.
func shellReport(t testing.TB, oldPath, newPath string, withShells bool) (report string, shells int, ok bool) {
	t.Helper()
	var files [2]*dwarf.File
	for i, path := range []string{oldPath, newPath} {
		f, err := dwarf.Open(path, dwarf.Options{})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		defer f.Close()
		files[i] = f
	}
	report, shells, ok, err := reportOfFiles(files, withShells)
	if err != nil {
		t.Fatalf("%s -> %s: %v", oldPath, newPath, err)
	}
	return report, shells, ok
}

// reportOfFiles compares two opened binaries as the command does: each
// built for its exports (with the shells their prints allow, withShells),
// completed with the other's counterparts, and the report rendered as JSON.
// ok is false when either has no ELF symbol table or diff.ShellsPaired
// refuses the shells.
func reportOfFiles(files [2]*dwarf.File, withShells bool) (report string, shells int, ok bool, err error) {
	var tables [2]*dwarf.SymbolTable
	var prints [2]*layout.Prints
	for i, f := range files {
		if f.ELF == nil {
			return "", 0, false, nil
		}
		if tables[i], err = f.Symbols(); err != nil {
			return "", 0, false, err
		}
		if !withShells {
			continue
		}
		// As the command does, the new side's build reuses the unit
		// indexes its fingerprint took.
		if prints[i], err = layout.Fingerprint(f, layout.Options{Exports: tables[i], KeepUnits: i == 1}); err != nil || prints[i] == nil {
			return "", 0, false, err
		}
	}
	oldShells, newShells := layout.Unchanged(prints[0], prints[1])
	var surfaces [2]*layout.Surface
	for i, sh := range []*layout.Shells{oldShells, newShells} {
		bin, err := layout.Build(files[i], layout.Options{Exports: tables[i], Shells: sh})
		if err != nil {
			return "", 0, false, err
		}
		if bin.VTables, err = layout.VTables(files[i], bin); err != nil {
			return "", 0, false, err
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
		return "", shells, false, nil
	}
	open := func(b *layout.Binary) (*dwarf.File, error) {
		if b == surfaces[0].Binary {
			return files[0], nil
		}
		return files[1], nil
	}
	if err := diff.CompleteCounterparts(surfaces[0].Binary, surfaces[1].Binary, open); err != nil {
		return "", 0, false, err
	}
	var buf bytes.Buffer
	if err := render.JSON(&buf, diff.CompareSurfaces(surfaces[0], surfaces[1], diff.Options{})); err != nil {
		return "", 0, false, err
	}
	return buf.String(), shells, true, nil
}

// FuzzShells checks, on arbitrary pairs of files, that a diff with shells
// reports what one without reports: whatever bytes make two prints agree
// must make the models alike.
func FuzzShells(f *testing.F) {
	for _, c := range []string{"rs_enum", "c_struct", "c_packed", "rs_traits", "rs_passing"} {
		old, err := os.ReadFile("../testdata/diff/bin/" + c + ".old.so")
		if err != nil {
			f.Fatal(err)
		}
		new, err := os.ReadFile("../testdata/diff/bin/" + c + ".new.so")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(old, new)
	}
	f.Fuzz(func(t *testing.T, old, new []byte) {
		opts := dwarf.Options{Limits: dwarf.Limits{SectionSize: 64 << 20, Depth: 256}}
		var files [2]*dwarf.File
		for i, data := range [][]byte{old, new} {
			file, err := dwarf.NewFile("fuzz", bytes.NewReader(data), opts)
			if err != nil {
				return
			}
			files[i] = file
		}
		want, _, ok, err := reportOfFiles(files, false)
		if err != nil || !ok {
			return
		}
		got, _, ok, err := reportOfFiles(files, true)
		if err == nil && ok && got != want {
			t.Errorf("the reports differ\nwithout shells:\n%s\nwith shells:\n%s", want, got)
		}
	})
}
