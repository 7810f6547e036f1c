package main

import (
	"bytes"
	"debug/dwarf"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/go-delve/delve/pkg/dwarf/dwarfbuilder"

	"github.com/abidrift/abidrift/dwarf/dwarftest"
)

// goodSections is a small valid DWARF unit: a struct with two members.
func goodSections(t *testing.T) []dwarftest.Section {
	b := dwarfbuilder.New()
	u32 := b.AddBaseType("u32", dwarfbuilder.DW_ATE_unsigned, 4)
	b.AddStructType("Pair", 8)
	b.AddMember("a", u32, []byte{0x23, 0})
	b.AddMember("b", u32, []byte{0x23, 4})
	b.TagClose()
	abbrev, _, _, info, _, _, _, str, _, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return dwarftest.Sections(abbrev, info, str)
}

func withSection(secs []dwarftest.Section, name string, edit func(*dwarftest.Section)) []dwarftest.Section {
	out := make([]dwarftest.Section, len(secs))
	for i, s := range secs {
		s.Data = append([]byte(nil), s.Data...)
		if s.Name == name {
			edit(&s)
		}
		out[i] = s
	}
	return out
}

// TestBadInput runs `abidrift layout` on broken files: each must fail with
// exit status 1 and one line naming the file, quickly, without a panic.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	good := goodSections(t)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	elfFile := dwarftest.ELF(good)
	cases := map[string]string{
		"empty":        write("empty", nil),
		"directory":    dir,
		"missing":      filepath.Join(dir, "does-not-exist"),
		"text":         write("text", []byte("#!/bin/sh\necho hello\n")),
		"no-dwarf":     write("nodwarf", dwarftest.ELF(nil)),
		"unit-length":  write("unitlen", dwarftest.ELF(withSection(good, ".debug_info", func(s *dwarftest.Section) { s.Data[0] = 0xf0 }))),
		"version":      write("version", dwarftest.ELF(withSection(good, ".debug_info", func(s *dwarftest.Section) { s.Data[4] = 9 }))),
		"abbrev-gone":  write("abbrevgone", dwarftest.ELF(withSection(good, ".debug_abbrev", func(s *dwarftest.Section) { s.Data = s.Data[:2] }))),
		"abbrev-code":  write("abbrevcode", dwarftest.ELF(withSection(good, ".debug_info", func(s *dwarftest.Section) { s.Data[11] = 0x7e }))),
		"zlib-bomb":    write("bomb", dwarftest.ELF(withSection(good, ".debug_info", func(s *dwarftest.Section) { s.Zlib, s.Declared = true, 1<<40 }))),
		"zlib-short":   write("short", dwarftest.ELF(withSection(good, ".debug_info", func(s *dwarftest.Section) { s.Zlib, s.Declared = true, uint64(len(s.Data))+100 }))),
		"zlib-long":    write("long", dwarftest.ELF(withSection(good, ".debug_info", func(s *dwarftest.Section) { s.Zlib, s.Declared = true, 3 }))),
		"nobits-info":  write("nobits", dwarftest.ELF(withSection(good, ".debug_info", func(s *dwarftest.Section) { s.Type = 8 }))),
		"truncated-64": write("trunc64", elfFile[:64]),
	}
	bigEndian := append([]byte(nil), elfFile...)
	bigEndian[5] = 2 // EI_DATA: ELFDATA2MSB, with little-endian contents
	cases["wrong-endian"] = write("bigendian", bigEndian)
	cases["deep-nesting"] = write("deep", deepNesting(t, 3000))
	for i := 0; i < len(elfFile); i += 37 {
		cases["truncated-"+string(rune('a'+i%26))+itoa(i)] = write("trunc"+itoa(i), elfFile[:i])
	}
	for name, path := range cases {
		t.Run(name, func(t *testing.T) {
			var out, errb bytes.Buffer
			start := time.Now()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			status := run([]string{"layout", path}, &out, &errb)
			runtime.ReadMemStats(&after)
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 512<<20 {
				t.Errorf("allocated %d MB", alloc>>20)
			}
			if status != exitError {
				t.Fatalf("exit status %d, want 1; stderr %q", status, errb.String())
			}
			msg := errb.String()
			if !strings.HasPrefix(msg, "abidrift: "+path) || strings.Count(msg, "\n") != 1 {
				t.Errorf("want one line naming %s, got %q", path, msg)
			}
			if strings.Contains(msg, "panic") || strings.Contains(msg, "internal error") || strings.Contains(msg, "goroutine") {
				t.Errorf("crash instead of a clean error: %q", msg)
			}
			t.Log(msg)
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d) // a hang guard, not a benchmark: the bound is 2 s on an idle machine
			}
		})
	}
	// The unmodified file works, so the failures above come from the damage.
	var out, errb bytes.Buffer
	if st := run([]string{"layout", write("good", elfFile)}, &out, &errb); st != exitOK || !strings.Contains(out.String(), "struct Pair") {
		t.Fatalf("good file: status %d, out %q, err %q", st, out.String(), errb.String())
	}
	_ = dwarf.TagMember
}

// deepNesting is a unit of n structs, each holding the next by value.
func deepNesting(t *testing.T, n int) []byte {
	b := dwarfbuilder.New()
	u8 := b.AddBaseType("u8", dwarfbuilder.DW_ATE_unsigned, 1)
	var patches, structs []dwarf.Offset
	for i := 0; i < n; i++ {
		structs = append(structs, b.AddStructType("S"+itoa(i), 1))
		b.TagOpen(dwarf.TagMember, "next")
		patches = append(patches, b.Attr(dwarf.AttrType, dwarf.Offset(0)))
		b.TagClose()
		b.TagClose()
	}
	for i := range patches {
		target := u8
		if i+1 < n {
			target = structs[i+1]
		}
		b.PatchOffset(patches[i], target)
	}
	abbrev, _, _, info, _, _, _, str, _, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return dwarftest.ELF(dwarftest.Sections(abbrev, info, str))
}

// TestBitFlips flips bytes all over .debug_info and .debug_abbrev of a good
// file: the result may still be valid, so it may succeed or fail, but only
// with exit status 0 or 1, never a crash.
func TestBitFlips(t *testing.T) {
	good := goodSections(t)
	dir := t.TempDir()
	runs := 0
	for _, name := range []string{".debug_info", ".debug_abbrev", ".debug_str"} {
		var size int
		for _, s := range good {
			if s.Name == name {
				size = len(s.Data)
			}
		}
		for pos := 0; pos < size; pos++ {
			for _, mask := range []byte{0x01, 0x80, 0xff} {
				data := dwarftest.ELF(withSection(good, name, func(s *dwarftest.Section) { s.Data[pos] ^= mask }))
				path := filepath.Join(dir, "flip")
				os.WriteFile(path, data, 0o644)
				var out, errb bytes.Buffer
				status := run([]string{"layout", "--format", "json", path}, &out, &errb)
				runs++
				if status != exitOK && status != exitError {
					t.Fatalf("%s byte %d ^ %#x: exit status %d", name, pos, mask, status)
				}
				if status == exitError && !strings.HasPrefix(errb.String(), "abidrift: "+path) || strings.Contains(errb.String(), "internal error") {
					t.Fatalf("%s byte %d ^ %#x: %q", name, pos, mask, errb.String())
				}
			}
		}
	}
	if runs < 100 {
		t.Fatalf("only %d runs", runs)
	}
}

func itoa(i int) string {
	return strings.TrimLeft(strings.Repeat("0", 1)+string(rune('0'+i/1000%10))+string(rune('0'+i/100%10))+string(rune('0'+i/10%10))+string(rune('0'+i%10)), "0")
}
