package abi

// A reader for the signatures in an LLVM IR file, and the mechanical
// assignment of LLVM IR arguments to registers and stack slots that the
// backends perform after the front end (rustc, clang) has lowered a
// signature. Together they are the oracle of oracle_test.go.

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// irType is an LLVM IR type.
type irType struct {
	kind   string // int, ptr, float (any FP scalar), x86_fp80, void, struct, array, vector
	bits   int    // int: width; float: width
	n      int    // array, vector: element count
	elem   *irType
	elems  []*irType // struct
	packed bool
}

// irParam is one parameter of a define line.
type irParam struct {
	ty    *irType
	text  string // as written, for messages
	byval *irType
	sret  bool
	align int64
	name  string
}

// irFunc is one define line.
type irFunc struct {
	name     string
	line     string
	ret      *irType
	params   []irParam
	variadic bool
}

// irModule is the signatures of a .ll file.
type irModule struct {
	funcs map[string]*irFunc
	order []string
	named map[string]string // named struct types: %struct.S -> its body
}

// readIR reads the define lines and type definitions of a .ll file.
func readIR(path string) (*irModule, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	mod := &irModule{funcs: map[string]*irFunc{}, named: map[string]string{}}
	var defines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "define "):
			defines = append(defines, line)
		case strings.HasPrefix(line, "%") && strings.Contains(line, " = type "):
			name, body, _ := strings.Cut(line, " = type ")
			mod.named[name] = strings.TrimSpace(body)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, line := range defines {
		fn, err := mod.parseDefine(line)
		if err != nil {
			return nil, fmt.Errorf("%s: %v\n\t%s", path, err, line)
		}
		if fn == nil {
			continue
		}
		mod.funcs[fn.name] = fn
		mod.order = append(mod.order, fn.name)
	}
	return mod, nil
}

// splitTop splits s at sep where no bracket of any kind is open.
func splitTop(s string, sep byte) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '{', '[', '<':
			depth++
		case ')', '}', ']', '>':
			depth--
		case sep:
			if depth == 0 {
				if t := strings.TrimSpace(s[start:i]); t != "" {
					out = append(out, t)
				}
				start = i + 1
			}
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

var typeToken = regexp.MustCompile(`^(i[0-9]+|ptr|half|bfloat|float|double|fp128|x86_fp80|void|\{.*\}|<\{.*\}>|\[.*\]|<.*>|%[-\w.$]+)\**$`)

// takeType splits the leading type off a list of tokens; a typed-pointer
// function type `i32 (i32)*` spans two tokens.
func takeType(toks []string) (string, []string) {
	if len(toks) == 0 {
		return "", nil
	}
	t := toks[0]
	rest := toks[1:]
	if len(rest) > 0 && strings.HasPrefix(rest[0], "(") && strings.HasSuffix(rest[0], "*") {
		t += " " + rest[0]
		rest = rest[1:]
	}
	return t, rest
}

// parseDefine reads one define line; functions with quoted names (mangled
// Rust helpers) are skipped.
func (mod *irModule) parseDefine(line string) (*irFunc, error) {
	at := strings.Index(line, " @")
	if at < 0 {
		return nil, fmt.Errorf("no function name")
	}
	rest := line[at+2:]
	if strings.HasPrefix(rest, `"`) {
		return nil, nil
	}
	open := strings.IndexByte(rest, '(')
	if open < 0 {
		return nil, fmt.Errorf("no parameter list")
	}
	fn := &irFunc{name: rest[:open], line: line}
	// The parameter list ends at the matching parenthesis.
	depth, end := 0, -1
	for i := open; i < len(rest) && end < 0; i++ {
		switch rest[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				end = i
			}
		}
	}
	if end < 0 {
		return nil, fmt.Errorf("unbalanced parameter list")
	}
	// The return type is the one type token among the prefix's attributes.
	var err error
	for _, tok := range splitTop(strings.TrimPrefix(line[:at], "define "), ' ') {
		if typeToken.MatchString(tok) && fn.ret == nil {
			if fn.ret, err = mod.parseType(tok); err != nil {
				return nil, err
			}
		}
	}
	if fn.ret == nil {
		return nil, fmt.Errorf("no return type")
	}
	for _, ptext := range splitTop(rest[open+1:end], ',') {
		if ptext == "..." {
			fn.variadic = true
			continue
		}
		toks := splitTop(ptext, ' ')
		tt, attrs := takeType(toks)
		p := irParam{text: ptext}
		if p.ty, err = mod.parseType(tt); err != nil {
			return nil, err
		}
		for i := 0; i < len(attrs); i++ {
			a := attrs[i]
			switch {
			case strings.HasPrefix(a, "byval("):
				if p.byval, err = mod.parseType(a[len("byval(") : len(a)-1]); err != nil {
					return nil, err
				}
			case strings.HasPrefix(a, "sret"):
				p.sret = true
			case a == "align" && i+1 < len(attrs):
				p.align, _ = strconv.ParseInt(attrs[i+1], 10, 64)
				i++
			case strings.HasPrefix(a, "%"):
				p.name = a[1:]
			}
		}
		fn.params = append(fn.params, p)
	}
	return fn, nil
}

// parseType parses an LLVM type as written.
func (mod *irModule) parseType(s string) (*irType, error) {
	return mod.parseTypeDepth(strings.TrimSpace(s), 0)
}

func (mod *irModule) parseTypeDepth(s string, depth int) (*irType, error) {
	if depth > 32 {
		return nil, fmt.Errorf("type %q nested too deeply", s)
	}
	switch {
	case strings.HasSuffix(s, "*") || s == "ptr":
		return &irType{kind: "ptr", bits: 64}, nil
	case s == "void":
		return &irType{kind: "void"}, nil
	case s == "half" || s == "bfloat":
		return &irType{kind: "float", bits: 16}, nil
	case s == "float":
		return &irType{kind: "float", bits: 32}, nil
	case s == "double":
		return &irType{kind: "float", bits: 64}, nil
	case s == "fp128":
		return &irType{kind: "float", bits: 128}, nil
	case s == "x86_fp80":
		return &irType{kind: "x86_fp80", bits: 80}, nil
	case strings.HasPrefix(s, "i"):
		n, err := strconv.Atoi(s[1:])
		if err != nil {
			return nil, fmt.Errorf("bad type %q", s)
		}
		return &irType{kind: "int", bits: n}, nil
	case strings.HasPrefix(s, "%"):
		body, ok := mod.named[s]
		if !ok {
			return nil, fmt.Errorf("unknown named type %s", s)
		}
		return mod.parseTypeDepth(body, depth+1)
	case strings.HasPrefix(s, "<{") && strings.HasSuffix(s, "}>"):
		t, err := mod.parseTypeDepth(s[1:len(s)-1], depth+1)
		if err == nil {
			t.packed = true
		}
		return t, err
	case strings.HasPrefix(s, "{"):
		t := &irType{kind: "struct"}
		for _, e := range splitTop(strings.TrimSpace(s[1:len(s)-1]), ',') {
			et, err := mod.parseTypeDepth(e, depth+1)
			if err != nil {
				return nil, err
			}
			t.elems = append(t.elems, et)
		}
		return t, nil
	case strings.HasPrefix(s, "[") || strings.HasPrefix(s, "<"):
		inner := strings.TrimSpace(s[1 : len(s)-1])
		ns, es, ok := strings.Cut(inner, " x ")
		if !ok {
			return nil, fmt.Errorf("bad type %q", s)
		}
		n, err := strconv.Atoi(ns)
		if err != nil {
			return nil, fmt.Errorf("bad type %q", s)
		}
		et, err := mod.parseTypeDepth(es, depth+1)
		if err != nil {
			return nil, err
		}
		kind := "array"
		if s[0] == '<' {
			kind = "vector"
		}
		return &irType{kind: kind, n: n, elem: et}, nil
	}
	return nil, fmt.Errorf("unknown type %q", s)
}

// size and align of an IR type on x86_64 and aarch64 (i128 16-byte aligned,
// as since LLVM 18 and in the psABI; x86_fp80 stored in 16 bytes).
func (t *irType) sizeAlign() (int64, int64) {
	switch t.kind {
	case "ptr":
		return 8, 8
	case "int", "float":
		n := int64(1)
		for n*8 < int64(t.bits) {
			n *= 2
		}
		return n, n
	case "x86_fp80":
		return 16, 16
	case "array":
		s, a := t.elem.sizeAlign()
		return s * int64(t.n), a
	case "vector":
		s, _ := t.elem.sizeAlign()
		return s * int64(t.n), min(s*int64(t.n), 16)
	case "struct":
		var off, al int64 = 0, 1
		for _, e := range t.elems {
			s, a := e.sizeAlign()
			if t.packed {
				a = 1
			}
			off = (off+a-1)/a*a + s
			al = max(al, a)
		}
		return (off + al - 1) / al * al, al
	}
	return 0, 1
}

// pieces flattens a first-class aggregate into the values the backend
// assigns one by one (vectors stay whole).
func (t *irType) pieces() []*irType {
	switch t.kind {
	case "struct":
		var out []*irType
		for _, e := range t.elems {
			out = append(out, e.pieces()...)
		}
		return out
	case "array":
		var out []*irType
		for i := 0; i < t.n; i++ {
			out = append(out, t.elem.pieces()...)
		}
		return out
	case "void":
		return nil
	}
	return []*irType{t}
}

func (t *irType) isFP() bool {
	return t.kind == "float" || t.kind == "vector" || t.kind == "x86_fp80"
}

// irLoc is where one IR argument (or piece of one) ends up.
type irLoc struct {
	regs  []string
	stack int64 // -1 when in registers
}

// irAssigner hands out registers and stack slots as LLVM's X86 and AArch64
// calling-convention lowering does for the C and Rust conventions.
type irAssigner struct {
	arch       string
	gpr, fpr   []string
	ngpr, nfpr int
	stack      int64
}

func newIRAssigner(arch string) *irAssigner {
	a := &irAssigner{arch: arch}
	if arch == "x86_64" {
		a.gpr = []string{"rdi", "rsi", "rdx", "rcx", "r8", "r9"}
		a.fpr = []string{"xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7"}
	} else {
		a.gpr = []string{"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7"}
		a.fpr = []string{"v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7"}
	}
	return a
}

func (a *irAssigner) push(size, align int64) int64 {
	align = max(align, 8)
	off := (a.stack + align - 1) / align * align
	a.stack = off + (size+7)/8*8
	return off
}

// param assigns one IR parameter: its pieces' locations, in order.
func (a *irAssigner) param(p irParam) []irLoc {
	if p.sret {
		if a.arch == "aarch64" {
			return []irLoc{{regs: []string{"x8"}, stack: -1}}
		}
		return []irLoc{a.gp(1)}
	}
	if p.byval != nil {
		size, _ := p.byval.sizeAlign()
		return []irLoc{{stack: a.push(size, max(p.align, 8))}}
	}
	if a.arch == "aarch64" && p.ty.kind == "array" {
		return []irLoc{a.block(p.ty)}
	}
	var out []irLoc
	for _, t := range p.ty.pieces() {
		out = append(out, a.scalar(t))
	}
	return out
}

// gp takes n general registers or a stack slot of 8n bytes.
func (a *irAssigner) gp(n int) irLoc {
	if a.ngpr+n <= len(a.gpr) {
		l := irLoc{regs: a.gpr[a.ngpr : a.ngpr+n], stack: -1}
		a.ngpr += n
		return l
	}
	return irLoc{stack: a.push(int64(8*n), int64(8*n))}
}

// scalar assigns one first-class scalar or vector.
func (a *irAssigner) scalar(t *irType) irLoc {
	size, align := t.sizeAlign()
	switch {
	case t.kind == "x86_fp80":
		return irLoc{stack: a.push(16, 16)} // x87 values are passed in memory
	case t.isFP():
		if a.nfpr < len(a.fpr) {
			a.nfpr++
			return irLoc{regs: a.fpr[a.nfpr-1 : a.nfpr], stack: -1}
		}
		return irLoc{stack: a.push(size, align)}
	case size > 8: // i128: a register pair or the stack, never split
		if a.arch == "aarch64" {
			a.ngpr += a.ngpr % 2
			if a.ngpr+2 > len(a.gpr) {
				a.ngpr = len(a.gpr)
			}
		}
		return a.gp(2)
	}
	return a.gp(1)
}

// block assigns an AArch64 array argument ([2 x i64], [4 x float], i128
// elements): consecutive registers of one class, or the stack with that
// class closed to later arguments.
func (a *irAssigner) block(t *irType) irLoc {
	ps := t.pieces()
	size, align := t.sizeAlign()
	if ps[0].isFP() {
		if a.nfpr+len(ps) <= len(a.fpr) {
			l := irLoc{regs: a.fpr[a.nfpr : a.nfpr+len(ps)], stack: -1}
			a.nfpr += len(ps)
			return l
		}
		a.nfpr = len(a.fpr)
		return irLoc{stack: a.push(size, align)}
	}
	n := 0
	for _, p := range ps {
		s, _ := p.sizeAlign()
		n += int((s + 7) / 8)
	}
	if align >= 16 {
		a.ngpr += a.ngpr % 2
	}
	if a.ngpr+n <= len(a.gpr) {
		l := irLoc{regs: a.gpr[a.ngpr : a.ngpr+n], stack: -1}
		a.ngpr += n
		return l
	}
	a.ngpr = len(a.gpr)
	return irLoc{stack: a.push(size, align)}
}

// returnRegs gives the registers an IR return value comes back in.
func returnRegs(arch string, t *irType) []string {
	ints, fps, x87 := []string{"rax", "rdx", "rcx", "r8"}, []string{"xmm0", "xmm1", "xmm2", "xmm3"}, []string{"st0", "st1"}
	if arch == "aarch64" {
		ints, fps = []string{"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7"}, []string{"v0", "v1", "v2", "v3"}
	}
	var out []string
	for _, p := range t.pieces() {
		size, _ := p.sizeAlign()
		switch {
		case p.kind == "x86_fp80":
			out, x87 = append(out, x87[0]), x87[1:]
		case p.isFP():
			out, fps = append(out, fps[0]), fps[1:]
		default:
			n := int((size + 7) / 8)
			out, ints = append(out, ints[:n]...), ints[n:]
		}
	}
	return out
}
