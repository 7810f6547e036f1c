package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/abidrift/abidrift/layout/sig"
)

const surfaceBin = "../../testdata/surface/bin/"

func sigRun(t *testing.T, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errb bytes.Buffer
	status = run(append([]string{"sig"}, args...), &out, &errb)
	return out.String(), errb.String(), status
}

// squeeze collapses runs of blanks so table rows compare independently of
// column widths.
func squeeze(s string) string { return regexp.MustCompile(`[ \t]+`).ReplaceAllString(s, " ") }

func TestSigText(t *testing.T) {
	out, errs, st := sigRun(t, surfaceBin+"rust-O3-dw4-legacy.so", "r_str", "c_big", "r_quad", "never", "r_zst")
	if st != exitOK || errs != "" {
		t.Fatalf("status %d, stderr %q", st, errs)
	}
	got := squeeze(out)
	for _, want := range []string{
		"fn surface::r_str (_ZN7surface5r_str17hce29e053eb451bfcE, ABI: Rust inferred)",
		"| # | param | type | size | passed | DWARF at entry |",
		"| 0 | s | &str | 16 | rdi+rsi | rdi+rsi (agrees) |",
		"| 1 | n | u64 | 8 | rdx | rdx (agrees) |",
		"| ret | | usize | 8 | rax | |",
		"fn c_big (c_big, ABI: C inferred)",
		"| 0 | b | surface::Big | 24 | stack+0 | stack+0 (agrees) |",
		"| 1 | k | u64 | 8 | rsi | rsi (agrees) |",
		"| ret | | surface::Big | 24 | sret via rdi | |",
		"| ret | | [u64; 4] | 32 | sret via rdi |",
		"| ret | | ! | 0 | does not return |",
		"| 0 | | () | 0 | ignored |", // rustc leaves zero-sized parameters unnamed
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestSigTextDisagreementAndOverride(t *testing.T) {
	bin := surfaceBin + "rust-O3-dw4-legacy.so"
	out, _, st := sigRun(t, bin, "nm_rust")
	if st != exitOK {
		t.Fatalf("status %d", st)
	}
	got := squeeze(out)
	for _, want := range []string{
		"fn nm_rust (nm_rust, ABI: C inferred)",
		"| 0 | a | [u64; 2] | 16 | rdi+rsi | [rdi] (DISAGREES) |",
		"check: parameter 0 (a) predicted in rdi+rsi but DWARF has it in [rdi] at the entry",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, st = sigRun(t, "--abi", "nm_rust=Rust", bin, "nm_rust")
	got = squeeze(out)
	if st != exitOK || !strings.Contains(got, "ABI: Rust from --abi nm_rust=Rust)") ||
		!strings.Contains(got, "| 0 | a | [u64; 2] | 16 | indirect via rdi | [rdi] (agrees) |") || strings.Contains(got, "check:") {
		t.Errorf("with --abi: status %d\n%s", st, out)
	}
}

func TestSigNoCall(t *testing.T) {
	out, _, st := sigRun(t, surfaceBin+"rust-nocall.so", "internal")
	got := squeeze(out)
	if st != exitOK || !strings.Contains(out, sig.NoCallNote) || !strings.Contains(got, "| 2 | k | u64 | 8 | not predicted | rsi |") {
		t.Errorf("status %d\n%s", st, out)
	}
}

// sigDoc is the part of the JSON the schema promises to keep stable.
type sigDoc struct {
	Schema    string `json:"schema"`
	Arch      string `json:"arch"`
	Functions []struct {
		Name        string `json:"name"`
		Symbol      string `json:"symbol"`
		ABI         string `json:"abi"`
		ABIInferred *bool  `json:"abi_inferred"`
		Params      []struct {
			Name string `json:"name"`
			Type string `json:"type"`
			Size int64  `json:"size"`
			Pass *struct {
				Mode        string   `json:"mode"`
				Regs        []string `json:"regs"`
				StackOffset *int64   `json:"stack_offset"`
			} `json:"pass"`
		} `json:"params"`
		Ret *struct {
			Type string `json:"type"`
			Size int64  `json:"size"`
			Pass *struct {
				Mode string   `json:"mode"`
				Regs []string `json:"regs"`
			} `json:"pass"`
		} `json:"ret"`
		NoReturn *bool            `json:"noreturn"`
		NoCall   *bool            `json:"nocall"`
		Checks   []map[string]any `json:"checks"`
	} `json:"functions"`
}

func sigJSON(t *testing.T, args ...string) sigDoc {
	t.Helper()
	out, errs, st := sigRun(t, append([]string{"--format", "json"}, args...)...)
	if st != exitOK {
		t.Fatalf("status %d: %s", st, errs)
	}
	var doc sigDoc
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, key := range []string{`"name"`, `"symbol"`, `"abi"`, `"abi_inferred"`, `"params"`, `"ret"`, `"noreturn"`, `"nocall"`, `"checks"`} {
		if !strings.Contains(out, key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
	return doc
}

func TestSigJSON(t *testing.T) {
	doc := sigJSON(t, surfaceBin+"c-O2-dw5-x86_64.so", "c_add", "c_pt", "c_big", "c_many")
	if doc.Schema != "abidrift.sig/v1" || doc.Arch != "x86_64" || len(doc.Functions) != 4 {
		t.Fatalf("%+v", doc)
	}
	byName := map[string]int{}
	for i, fn := range doc.Functions {
		byName[fn.Name] = i
		if fn.ABI != "C" || fn.ABIInferred == nil || !*fn.ABIInferred || fn.Symbol != fn.Name || fn.NoCall == nil || *fn.NoCall {
			t.Errorf("%s: %+v", fn.Name, fn)
		}
		if len(fn.Checks) == 0 {
			t.Errorf("%s: no checks", fn.Name)
		}
		for _, c := range fn.Checks {
			if c["agree"] != true {
				t.Errorf("%s: check %v", fn.Name, c)
			}
		}
	}
	add := doc.Functions[byName["c_add"]]
	if len(add.Params) != 2 || add.Params[0].Name != "a" || add.Params[0].Type != "int" || add.Params[0].Size != 4 ||
		add.Params[0].Pass.Mode != "registers" || strings.Join(add.Params[0].Pass.Regs, ",") != "rdi" ||
		strings.Join(add.Params[1].Pass.Regs, ",") != "rsi" || add.Ret == nil || strings.Join(add.Ret.Pass.Regs, ",") != "rax" {
		t.Errorf("c_add: %+v", add)
	}
	pt := doc.Functions[byName["c_pt"]]
	if strings.Join(pt.Params[0].Pass.Regs, ",") != "xmm0,xmm1" || strings.Join(pt.Params[1].Pass.Regs, ",") != "xmm2" {
		t.Errorf("c_pt: %+v", pt)
	}
	big := doc.Functions[byName["c_big"]]
	if p := big.Params[0].Pass; p.Mode != "stack" || p.StackOffset == nil || *p.StackOffset != 0 ||
		big.Ret.Pass.Mode != "indirect" || strings.Join(big.Ret.Pass.Regs, ",") != "rdi" {
		t.Errorf("c_big: %+v", big)
	}
	many := doc.Functions[byName["c_many"]]
	if p := many.Params[8].Pass; p.Mode != "stack" || *p.StackOffset != 16 || strings.Join(many.Params[5].Pass.Regs, ",") != "r9" {
		t.Errorf("c_many: %+v", many)
	}
}

func TestSigJSONAArch64(t *testing.T) {
	doc := sigJSON(t, surfaceBin+"c-O2-dw5-aarch64.so", "c_hfa", "c_big")
	for _, fn := range doc.Functions {
		switch fn.Name {
		case "c_hfa":
			if strings.Join(fn.Params[0].Pass.Regs, ",") != "v0,v1,v2" || strings.Join(fn.Ret.Pass.Regs, ",") != "v0" {
				t.Errorf("c_hfa: %+v", fn)
			}
		case "c_big":
			if fn.Params[0].Pass.Mode != "indirect" || strings.Join(fn.Ret.Pass.Regs, ",") != "x8" {
				t.Errorf("c_big: %+v", fn)
			}
		}
	}
	if doc.Arch != "aarch64" || len(doc.Functions) != 2 {
		t.Errorf("%+v", doc)
	}
}

func TestSigJSONNoCall(t *testing.T) {
	doc := sigJSON(t, surfaceBin+"rust-nocall.so")
	if len(doc.Functions) != 2 {
		t.Fatalf("%+v", doc)
	}
	for _, fn := range doc.Functions {
		nocall := fn.Name == "nocall::internal"
		if *fn.NoCall != nocall || fn.ABI != "Rust" {
			t.Errorf("%s: nocall %v abi %s", fn.Name, *fn.NoCall, fn.ABI)
		}
		if nocall && (fn.Params[0].Pass != nil || fn.Ret.Pass != nil) {
			t.Errorf("%s: passing predicted despite DW_CC_nocall", fn.Name)
		}
	}
}

func TestSigUsage(t *testing.T) {
	bin := surfaceBin + "c-O2-dw5-x86_64.so"
	for _, c := range []struct {
		args   []string
		status int
		stderr string
	}{
		{[]string{}, exitUsage, "missing BINARY"},
		{[]string{"--arch", "mips", bin}, exitUsage, `unknown --arch "mips"`},
		{[]string{"--abi", "c_add=Go", bin}, exitUsage, `unknown ABI "Go"`},
		{[]string{"--abi", "c_add", bin}, exitUsage, "want PATTERN=C or PATTERN=Rust"},
		{[]string{"--format", "xml", bin}, exitUsage, `unknown --format "xml"`},
		{[]string{bin, "no_such_function"}, exitError, "no exported function named [no_such_function]"},
		{[]string{filepath.Join(t.TempDir(), "missing.so")}, exitError, "missing.so"},
	} {
		_, errs, st := sigRun(t, c.args...)
		if st != c.status || !strings.Contains(errs, c.stderr) {
			t.Errorf("sig %q: status %d, stderr %q; want %d, %q", c.args, st, errs, c.status, c.stderr)
		}
	}
	out, errs, st := sigRun(t, "--help")
	out += errs // the usage text goes to stderr (cli.flags prints it there)
	if st != exitOK || !strings.Contains(out, "--abi") || !strings.Contains(out, "glob") {
		t.Errorf("--help: status %d\n%s", st, out)
	}
	out, _, st = sigRun(t, "--arch", "aarch64", bin, "c_add")
	if st != exitOK || !strings.Contains(out, "note: predicted for aarch64 but the binary is x86_64") || !strings.Contains(squeeze(out), "| 0 | a | int | 4 | x0 |") {
		t.Errorf("--arch aarch64: status %d\n%s", st, out)
	}
}

// TestSigLive compiles a C library with the local gcc at -O2 and checks
// registers and the DWARF cross-check on it.
func TestSigLive(t *testing.T) {
	cc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("gcc not found: live sig test skipped")
	}
	dir := t.TempDir()
	src, so := filepath.Join(dir, "live.c"), filepath.Join(dir, "liblive.so")
	code := `struct v2 { double x, y; };
long live_mix(long a, double b, struct v2 v, int c) { return a + (long)(b * v.x * v.y) + c; }
`
	if err := os.WriteFile(src, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(cc, "-O2", "-g", "-fPIC", "-shared", "-o", so, src).CombinedOutput(); err != nil {
		t.Skipf("gcc failed: %v\n%s", err, out)
	}
	doc := sigJSON(t, so, "live_mix")
	if len(doc.Functions) != 1 {
		t.Fatalf("%+v", doc)
	}
	fn := doc.Functions[0]
	want := []string{"rdi", "xmm0", "xmm1,xmm2", "rsi"}
	for i, p := range fn.Params {
		if got := strings.Join(p.Pass.Regs, ","); got != want[i] {
			t.Errorf("%s: %s, want %s", p.Name, got, want[i])
		}
	}
	if len(fn.Checks) == 0 {
		t.Error("no parameter checked against DWARF")
	}
	for _, c := range fn.Checks {
		if c["agree"] != true {
			t.Errorf("check %v", c)
		}
	}
}
