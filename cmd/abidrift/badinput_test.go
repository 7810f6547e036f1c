package main

import (
	"bufio"
	"bytes"
	"context"
	"debug/dwarf"
	"encoding/binary"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-delve/delve/pkg/dwarf/dwarfbuilder"

	"github.com/abidrift/abidrift/dwarf/dwarftest"
)

// unitSections builds one DWARF unit with build and returns its sections.
func unitSections(t *testing.T, build func(b *dwarfbuilder.Builder)) []dwarftest.Section {
	b := dwarfbuilder.New()
	build(b)
	abbrev, _, _, info, _, _, _, str, _, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return dwarftest.Sections(abbrev, info, str)
}

// unitELF is an ELF file holding the unit build makes.
func unitELF(t *testing.T, build func(b *dwarfbuilder.Builder)) []byte {
	return dwarftest.ELF(unitSections(t, build))
}

// goodSections is a small valid DWARF unit: a struct with two members.
func goodSections(t *testing.T) []dwarftest.Section {
	return unitSections(t, func(b *dwarfbuilder.Builder) {
		u32 := b.AddBaseType("u32", dwarfbuilder.DW_ATE_unsigned, 4)
		b.AddStructType("Pair", 8)
		b.AddMember("a", u32, []byte{0x23, 0})
		b.AddMember("b", u32, []byte{0x23, 4})
		b.TagClose()
	})
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

// A badCase is a file abidrift must refuse.
type badCase struct {
	path string
	// offset is set when the damage lies inside a section or the file is
	// cut short: the message must then name an offset.
	offset bool
	// want, when set, is a part of the message, to check the offset named
	// is that of the damaged entry.
	want string
	// dwarf is set for files whose object format is sound and whose DWARF
	// is not: every command that reads DWARF must refuse them.
	dwarf bool
}

// The bounds the issue sets for refusing a bad input.
const (
	maxCPU     = 2 * time.Second
	maxPeakKiB = 512 << 10
)

// TestBadInput runs abidrift on broken files, each in a process of its own:
// each must fail with exit status 1 and one line naming the file (and the
// offset of the damage, when it lies inside a section), using at most 2 s of
// CPU time and 512 MiB of memory, without a Go stack trace.
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
	damaged := func(name, section string, edit func(*dwarftest.Section)) badCase {
		return badCase{path: write(name, dwarftest.ELF(withSection(good, section, edit))), offset: true, dwarf: true}
	}
	cases := map[string]badCase{
		"empty":       {path: write("empty", nil)},
		"directory":   {path: dir},
		"missing":     {path: filepath.Join(dir, "does-not-exist")},
		"text":        {path: write("text", []byte("#!/bin/sh\necho hello\n"))},
		"no-dwarf":    {path: write("nodwarf", dwarftest.ELF(nil))},
		"unit-length": damaged("unitlen", ".debug_info", func(s *dwarftest.Section) { s.Data[0] = 0xf0 }),
		"version":     damaged("version", ".debug_info", func(s *dwarftest.Section) { s.Data[4] = 9 }),
		"abbrev-gone": damaged("abbrevgone", ".debug_abbrev", func(s *dwarftest.Section) { s.Data = s.Data[:2] }),
		"abbrev-code": damaged("abbrevcode", ".debug_info", func(s *dwarftest.Section) { s.Data[11] = 0x7e }),
		"zlib-bomb":   damaged("bomb", ".debug_info", func(s *dwarftest.Section) { s.Zlib, s.Declared = true, 1<<40 }),
		"zlib-short":  damaged("short", ".debug_info", func(s *dwarftest.Section) { s.Zlib, s.Declared = true, uint64(len(s.Data))+100 }),
		"zlib-long":   damaged("long", ".debug_info", func(s *dwarftest.Section) { s.Zlib, s.Declared = true, 3 }),
		// A true bomb: the header is honest, the stream inflates a
		// thousand times (real sections inflate 3 to 20 times).
		"zlib-inflation": {path: write("inflation", dwarftest.ELF(append(withSection(good, "", nil),
			dwarftest.Section{Name: ".debug_str", Data: make([]byte, 64<<20), Zlib: true}))), offset: true, dwarf: true},
		"nobits-info": {path: write("nobits", dwarftest.ELF(withSection(good, ".debug_info", func(s *dwarftest.Section) { s.Type = 8 })))},
	}
	// An object of a machine whose relocations abidrift does not know: its
	// DWARF cannot be read right (every string offset would be 0).
	if obj, err := os.ReadFile("../../testdata/layout/bin/c-O0-dw4.o"); err == nil {
		binary.LittleEndian.PutUint16(obj[18:], 0x1234) // e_machine
		cases["unknown-arch-object"] = badCase{path: write("unknownarch.o", obj), offset: true, dwarf: true}
	} else {
		t.Errorf("fixture: %v", err)
	}
	bigEndian := append([]byte(nil), elfFile...)
	bigEndian[5] = 2 // EI_DATA: ELFDATA2MSB, with little-endian contents
	cases["wrong-endian"] = badCase{path: write("bigendian", bigEndian), offset: true}
	cases["deep-nesting"] = badCase{path: write("deep", deepNesting(t, 3000)), offset: true, dwarf: true}
	for i := 0; i < len(elfFile); i += 37 {
		cases[fmt.Sprintf("truncated-%04d", i)] = badCase{path: write(fmt.Sprintf("trunc%d", i), elfFile[:i]), offset: i >= 4}
	}
	cases["truncated-64"] = badCase{path: write("trunc64", elfFile[:64]), offset: true}
	for name, c := range wrongForms() {
		c.path = write(name, unitELFOf(t, c))
		cases[name] = c.badCase
	}
	for name, c := range crafted() {
		c.path = write(name, unitELFOf(t, c))
		cases[name] = c.badCase
	}

	exe := testExecutable(t)
	slowest := cliRun{}
	for name, c := range cases {
		cmds := [][]string{{"layout", c.path}, {"dump", c.path}}
		if c.dwarf {
			cmds = append(cmds, []string{"sig", c.path}, []string{"diff", c.path, c.path})
		}
		for _, args := range cmds {
			t.Run(name+"/"+args[0], func(t *testing.T) {
				r := runCLI(t, exe, nil, args...)
				checkRefused(t, r, c)
				if r.cpu > slowest.cpu {
					slowest = r
				}
			})
		}
	}
	t.Run("unreadable", func(t *testing.T) { testUnreadable(t, elfFile) })
	t.Logf("slowest: %v CPU, %d KiB peak: abidrift %s", slowest.cpu, slowest.peakKiB, strings.Join(slowest.args, " "))

	// The unmodified file works, so the failures above come from the damage.
	if r := runCLI(t, exe, nil, "layout", write("good", elfFile)); r.status != exitOK || !strings.Contains(r.stdout, "struct Pair") {
		t.Fatalf("good file: status %d, out %q, err %q", r.status, r.stdout, r.stderr)
	}
}

// offsetRE matches an offset in a message.
var offsetRE = regexp.MustCompile(`(offset|byte) 0x[0-9a-f]+`)

// checkRefused checks that r refused the bad input c as the issue asks.
func checkRefused(t *testing.T, r cliRun, c badCase) {
	t.Helper()
	msg := r.stderr
	if r.status != exitError {
		t.Errorf("exit status %d, want 1; stderr %q", r.status, msg)
	}
	if !strings.HasPrefix(msg, "abidrift: "+c.path) || strings.Count(msg, "\n") != 1 {
		t.Errorf("want one line naming %s, got %q", c.path, msg)
	}
	if c.offset && !offsetRE.MatchString(msg) {
		t.Errorf("the damage is inside a section, but the message names no offset: %q", msg)
	}
	if c.want != "" && !strings.Contains(msg, c.want) {
		t.Errorf("message %q does not say %q", msg, c.want)
	}
	if strings.Contains(msg, "panic") || strings.Contains(msg, "internal error") || strings.Contains(msg, "goroutine") {
		t.Errorf("crash instead of a clean error: %q", msg)
	}
	checkBounds(t, r)
	t.Log(strings.TrimSpace(msg))
}

// checkBounds checks the CPU time and memory of a run against the bounds.
func checkBounds(t *testing.T, r cliRun) {
	t.Helper()
	if r.cpu > maxCPU {
		t.Errorf("used %v of CPU time, more than %v", r.cpu, maxCPU)
	}
	if r.peakKiB > maxPeakKiB {
		t.Errorf("peak resident set %d MiB, more than %d MiB", r.peakKiB>>10, maxPeakKiB>>10)
	}
}

// testUnreadable runs abidrift on a file it may not read. Tests often run
// as root, who reads any file: then abidrift runs as the user nobody.
func testUnreadable(t *testing.T, data []byte) {
	dir, err := os.MkdirTemp("", "abidrift-unreadable")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	exe := testExecutable(t)
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		// nobody must reach the directory and run a copy of this binary.
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		exe = filepath.Join(dir, "abidrift.test")
		if err := copyFile(testExecutable(t), exe); err != nil {
			t.Fatal(err)
		}
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
	}
	path := filepath.Join(dir, "secret.so")
	if err := os.WriteFile(path, data, 0o000); err != nil {
		t.Fatal(err)
	}
	if cred == nil {
		if f, err := os.Open(path); err == nil {
			f.Close()
			t.Skip("cannot make a file unreadable: this user reads files of mode 000")
		}
	}
	r, err := startCLI(exe, cred, "layout", path)
	if err != nil {
		t.Skipf("cannot run abidrift as the user nobody: %v", err)
	}
	checkRefused(t, r, badCase{path: path, want: "permission denied"})
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// A cliRun is one run of abidrift in a process of its own.
type cliRun struct {
	args           []string
	status         int
	stdout, stderr string
	cpu            time.Duration // user and system time
	peakKiB        int64         // peak resident set size
}

// testExecutable is this test binary, which TestMain runs as abidrift when
// started under the name abidrift-measured.
func testExecutable(t *testing.T) string {
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot find the test binary to run abidrift: %v", err)
	}
	return exe
}

// runCLI runs `abidrift args...` as a child process, as cred's user when
// cred is not nil.
func runCLI(t *testing.T, exe string, cred *syscall.Credential, args ...string) cliRun {
	t.Helper()
	r, err := startCLI(exe, cred, args...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// hangGuard is how long a run may take before it is killed: a guard against
// hangs, not the bound (which is on CPU time, as wall time is noisy in CI).
const hangGuard = 10 * time.Second

func startCLI(exe string, cred *syscall.Credential, args ...string) (cliRun, error) {
	r := cliRun{args: args}
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Args[0] = "abidrift-measured"
	cmd.Env = append(os.Environ(), peakEnv+"=3")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	peakR, peakW, err := os.Pipe()
	if err != nil {
		return r, err
	}
	defer peakR.Close()
	cmd.ExtraFiles = []*os.File{peakW}
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		cmd.Dir = filepath.Dir(exe)
	}
	err = cmd.Start()
	peakW.Close()
	if err != nil {
		return r, err
	}
	peak, _ := io.ReadAll(peakR)
	err = cmd.Wait()
	if ctx.Err() != nil {
		return r, fmt.Errorf("abidrift %s: still running after %v", strings.Join(args, " "), hangGuard)
	}
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		return r, err
	}
	r.status = cmd.ProcessState.ExitCode()
	r.stdout, r.stderr = stdout.String(), stderr.String()
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	r.peakKiB, err = strconv.ParseInt(strings.TrimSpace(string(peak)), 10, 64)
	if err != nil {
		// No /proc: the child's ru_maxrss, which on Linux also counts
		// this process's peak, as the child started as its copy.
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.peakKiB = int64(ru.Maxrss)
		}
	}
	return r, nil
}

// peakEnv names the file descriptor abidrift-measured reports its peak
// resident set size on, in KiB.
const peakEnv = "ABIDRIFT_TEST_PEAK_FD"

// reportPeak writes this process's peak resident set size (VmHWM), in KiB,
// to the descriptor $ABIDRIFT_TEST_PEAK_FD names. It is read here because a
// child's ru_maxrss on Linux counts the memory of the parent it was
// started from.
func reportPeak() {
	fd, err := strconv.Atoi(os.Getenv(peakEnv))
	if err != nil {
		return
	}
	w := os.NewFile(uintptr(fd), "peak")
	defer w.Close()
	status, err := os.Open("/proc/self/status")
	if err != nil {
		return
	}
	defer status.Close()
	sc := bufio.NewScanner(status)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			fmt.Fprintln(w, strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
		}
	}
}

// deepNesting is a unit of n structs, each holding the next by value.
func deepNesting(t *testing.T, n int) []byte {
	return unitELF(t, func(b *dwarfbuilder.Builder) {
		u8 := b.AddBaseType("u8", dwarfbuilder.DW_ATE_unsigned, 1)
		var patches, structs []dwarf.Offset
		for i := 0; i < n; i++ {
			structs = append(structs, b.AddStructType(fmt.Sprintf("S%d", i), 1))
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
	})
}

// A craftedUnit is a bad case made as one unit by build, which returns the
// part of the message naming the damage.
type craftedUnit struct {
	badCase
	build func(b *dwarfbuilder.Builder) (want string)
}

func unitELFOf(t *testing.T, c *craftedUnit) []byte {
	return unitELF(t, func(b *dwarfbuilder.Builder) { c.want = c.build(b) })
}

func at(off dwarf.Offset) string { return fmt.Sprintf("section .debug_info at offset %#x: ", off) }

// wrongForms are units where an attribute has a form of a class it may not
// have: each is refused at the entry holding it.
func wrongForms() map[string]*craftedUnit {
	wrong := func(attr, form string, build func(b *dwarfbuilder.Builder, u32 dwarf.Offset) dwarf.Offset) *craftedUnit {
		return &craftedUnit{badCase: badCase{offset: true, dwarf: true}, build: func(b *dwarfbuilder.Builder) string {
			u32 := b.AddBaseType("u32", dwarfbuilder.DW_ATE_unsigned, 4)
			return at(build(b, u32)) + "attribute DW_AT_" + attr + " has form DW_FORM_" + form
		}}
	}
	member := func(b *dwarfbuilder.Builder, typ, loc any) dwarf.Offset {
		b.AddStructType("S", 4)
		m := b.TagOpen(dwarf.TagMember, "a")
		b.Attr(dwarf.AttrType, typ)
		b.Attr(dwarf.AttrDataMemberLoc, loc)
		b.TagClose()
		b.TagClose()
		return m
	}
	return map[string]*craftedUnit{
		"form-byte-size-string": wrong("byte_size", "string", func(b *dwarfbuilder.Builder, _ dwarf.Offset) dwarf.Offset {
			s := b.TagOpen(dwarf.TagStructType, "S")
			b.Attr(dwarf.AttrByteSize, "8")
			b.TagClose()
			return s
		}),
		"form-type-constant": wrong("type", "data8", func(b *dwarfbuilder.Builder, u32 dwarf.Offset) dwarf.Offset {
			return member(b, uint64(u32), []byte{0x23, 0})
		}),
		"form-name-constant": wrong("name", "data2", func(b *dwarfbuilder.Builder, _ dwarf.Offset) dwarf.Offset {
			s := b.TagOpen(dwarf.TagStructType, "")
			b.Attr(dwarf.AttrName, uint16(7))
			b.Attr(dwarf.AttrByteSize, uint16(0))
			b.TagClose()
			return s
		}),
		"form-member-location-string": wrong("data_member_location", "string", func(b *dwarfbuilder.Builder, u32 dwarf.Offset) dwarf.Offset {
			return member(b, u32, "0")
		}),
		"form-upper-bound-string": wrong("upper_bound", "string", func(b *dwarfbuilder.Builder, u32 dwarf.Offset) dwarf.Offset {
			b.TagOpen(dwarf.TagArrayType, "")
			b.Attr(dwarf.AttrType, u32)
			r := b.TagOpen(dwarf.TagSubrangeType, "")
			b.Attr(dwarf.AttrUpperBound, "3")
			b.TagClose()
			b.TagClose()
			return r
		}),
	}
}

// crafted are units whose references lead nowhere or round in circles.
func crafted() map[string]*craftedUnit {
	bad := func(build func(b *dwarfbuilder.Builder) string) *craftedUnit {
		return &craftedUnit{badCase: badCase{offset: true, dwarf: true}, build: build}
	}
	// typed opens an entry with a DW_AT_type to be patched.
	typed := func(b *dwarfbuilder.Builder, tag dwarf.Tag, name string) (entry, patch dwarf.Offset) {
		entry = b.TagOpen(tag, name)
		return entry, b.Attr(dwarf.AttrType, dwarf.Offset(0))
	}
	// function opens a defined subprogram with an origin attribute to be patched.
	function := func(b *dwarfbuilder.Builder, name string, origin dwarf.Attr) (entry, patch dwarf.Offset) {
		entry = b.AddSubprogram(name, 0x1000, 0x1010)
		patch = b.Attr(origin, dwarf.Offset(0))
		b.TagClose()
		return entry, patch
	}
	return map[string]*craftedUnit{
		"typedef-self": bad(func(b *dwarfbuilder.Builder) string {
			td, p := typed(b, dwarf.TagTypedef, "T")
			b.TagClose()
			b.PatchOffset(p, td)
			return at(td) + fmt.Sprintf("DW_AT_type makes the type at %#x contain itself", td)
		}),
		"typedef-cycle": bad(func(b *dwarfbuilder.Builder) string {
			t1, p1 := typed(b, dwarf.TagTypedef, "T")
			b.TagClose()
			t2, p2 := typed(b, dwarf.TagTypedef, "U")
			b.TagClose()
			b.PatchOffset(p1, t2)
			b.PatchOffset(p2, t1)
			return "contain itself"
		}),
		"by-value-cycle": bad(func(b *dwarfbuilder.Builder) string {
			sa := b.AddStructType("A", 1)
			_, pa := typed(b, dwarf.TagMember, "b")
			b.TagClose()
			b.TagClose()
			sb := b.AddStructType("B", 1)
			_, pb := typed(b, dwarf.TagMember, "a")
			b.TagClose()
			b.TagClose()
			b.PatchOffset(pa, sb)
			b.PatchOffset(pb, sa)
			return "contain itself"
		}),
		"specification-self": bad(func(b *dwarfbuilder.Builder) string {
			f, p := function(b, "f", dwarf.AttrSpecification)
			b.PatchOffset(p, f)
			return at(f) + "DW_AT_specification leads back to the entry at " + fmt.Sprintf("%#x", f)
		}),
		"abstract-origin-self": bad(func(b *dwarfbuilder.Builder) string {
			f, p := function(b, "f", dwarf.AttrAbstractOrigin)
			b.PatchOffset(p, f)
			return at(f) + "DW_AT_abstract_origin leads back to the entry at " + fmt.Sprintf("%#x", f)
		}),
		"abstract-origin-cycle": bad(func(b *dwarfbuilder.Builder) string {
			f, pf := function(b, "f", dwarf.AttrAbstractOrigin)
			g, pg := function(b, "g", dwarf.AttrSpecification)
			b.PatchOffset(pf, g)
			b.PatchOffset(pg, f)
			return "leads back to the entry at"
		}),
		"type-outside-info": bad(func(b *dwarfbuilder.Builder) string {
			b.AddStructType("S", 4)
			m, p := typed(b, dwarf.TagMember, "a")
			b.TagClose()
			b.TagClose()
			b.PatchOffset(p, 0x7fffff)
			return at(m) + "DW_AT_type refers to offset 0x7fffff, outside .debug_info"
		}),
		"type-mid-entry": bad(func(b *dwarfbuilder.Builder) string {
			u32 := b.AddBaseType("u32", dwarfbuilder.DW_ATE_unsigned, 4)
			b.AddStructType("S", 4)
			_, p := typed(b, dwarf.TagMember, "a")
			b.TagClose()
			b.TagClose()
			b.PatchOffset(p, u32+2)
			return at(u32+2) + "reference to offset"
		}),
	}
}

// TestPointerCycleIsFine: a struct pointing at itself through a member is
// an ordinary linked list, read by every command.
func TestPointerCycleIsFine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "list.so")
	os.WriteFile(path, unitELF(t, func(b *dwarfbuilder.Builder) {
		node := b.AddStructType("Node", 8)
		b.TagOpen(dwarf.TagMember, "next")
		p := b.Attr(dwarf.AttrType, dwarf.Offset(0))
		b.Attr(dwarf.AttrDataMemberLoc, []byte{0x23, 0})
		b.TagClose()
		b.TagClose()
		b.PatchOffset(p, b.AddPointerType("*Node", node))
	}), 0o644)
	exe := testExecutable(t)
	for _, args := range [][]string{{"layout", path}, {"dump", path}, {"sig", path}, {"diff", path, path}} {
		r := runCLI(t, exe, nil, args...)
		if r.status != exitOK || r.stderr != "" {
			t.Errorf("abidrift %s: status %d, stderr %q", strings.Join(args, " "), r.status, r.stderr)
		}
		checkBounds(t, r)
		if args[0] == "layout" && !strings.Contains(r.stdout, "next") {
			t.Errorf("layout of the list: %q", r.stdout)
		}
	}
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

// TestNamesFromTheFileAreNotFollowed: a debug link holding a path, a
// split-DWARF file name and a compilation directory are names an untrusted
// file chooses; abidrift never opens what they name. Each names a FIFO,
// which would block the run (until the hang guard kills it) if opened.
func TestNamesFromTheFileAreNotFollowed(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "trap.debug")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	write := func(name string, data []byte) string {
		p := filepath.Join(sub, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	link := func(name string) []byte {
		return dwarftest.ELF([]dwarftest.Section{{Name: ".gnu_debuglink", Data: append([]byte(name), 0, 0, 0, 0, 0)}})
	}
	cases := map[string]struct{ path, want string }{
		"debuglink-relative": {write("rel.so", link("../trap.debug")), "no DWARF"},
		"debuglink-absolute": {write("abs.so", link(fifo)), "no DWARF"},
		"dwo-name": {write("split.so", unitELF(t, func(b *dwarfbuilder.Builder) {
			b.Attr(dwarf.AttrCompDir, dir)
			b.Attr(0x76, fifo) // DW_AT_dwo_name
		})), "split DWARF"},
		// Plain names are looked up next to the binary; a FIFO there
		// (a tar archive can hold one) is not a debug file.
		"debuglink-plain-fifo": {write("plain.so", link("trap.debug")), "no DWARF"},
		// Nor is a FIFO named as the binary itself.
		"fifo-binary": {fifo, "not a regular file"},
	}
	if err := os.Symlink(fifo, filepath.Join(sub, "trap.debug")); err != nil {
		t.Fatal(err)
	}
	exe := testExecutable(t)
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			r := runCLI(t, exe, nil, "layout", c.path)
			if r.status != exitError || !strings.Contains(r.stderr, c.want) {
				t.Errorf("status %d, stderr %q; want 1 and %q", r.status, r.stderr, c.want)
			}
		})
	}
}

// TestNothingIsExecuted: abidrift reads the binaries it analyses and never
// runs or loads them: none of its packages can start a process or load a
// plugin.
func TestNothingIsExecuted(t *testing.T) {
	root := "../.."
	banned := map[string]bool{"os/exec": true, "plugin": true}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); banned[path] || path == "syscall" {
				src, _ := os.ReadFile(p)
				if banned[path] || bytes.Contains(src, []byte("syscall.Exec")) || bytes.Contains(src, []byte("ForkExec")) {
					t.Errorf("%s imports %s to start processes or load code", p, path)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
