// Command abidrift-gen writes a large std-only Rust library for benchmarks:
// many structs, enums and exported functions using them. With -v2 it plants
// known ABI changes (listed on stderr) so that a diff has something to find.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
)

func main() {
	structs := flag.Int("structs", 4000, "number of structs")
	enums := flag.Int("enums", 1500, "number of enums")
	fns := flag.Int("fns", 6000, "number of exported functions")
	v2 := flag.Bool("v2", false, "plant ABI changes")
	flag.Parse()
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	g := gen{w: w, v2: *v2, structs: *structs, enums: *enums}
	g.write(*fns)
}

type gen struct {
	w              *bufio.Writer
	v2             bool
	structs, enums int
	planted        int
}

var scalars = []string{"u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32", "f64", "bool", "char", "usize"}

// planted reports whether item i of a kind gets a change in v2.
func (g *gen) plant(i, every int, what string) bool {
	if !g.v2 || i%every != every/2 {
		return false
	}
	g.planted++
	fmt.Fprintf(os.Stderr, "planted: %s\n", what)
	return true
}

func (g *gen) write(fns int) {
	fmt.Fprintln(g.w, "#![allow(dead_code, non_camel_case_types, improper_ctypes_definitions)]")
	for i := 0; i < g.structs; i++ {
		fmt.Fprintf(g.w, "#[repr(C)]\npub struct S%d {\n", i)
		n := 2 + i%6
		for j := 0; j < n; j++ {
			ty := scalars[(i+j)%len(scalars)]
			if j == 1 && i > 0 {
				ty = fmt.Sprintf("*const S%d", (i*7)%i)
			}
			if j == 0 && ty == "u32" && g.plant(i, 53, fmt.Sprintf("S%d.f0 widened u32 -> u64", i)) {
				ty = "u64"
			}
			fmt.Fprintf(g.w, "    pub f%d: %s,\n", j, ty)
		}
		if g.plant(i, 97, fmt.Sprintf("S%d gained field extra", i)) {
			fmt.Fprintln(g.w, "    pub extra: u64,")
		}
		fmt.Fprintln(g.w, "}")
	}
	for i := 0; i < g.enums; i++ {
		fmt.Fprintf(g.w, "pub enum E%d {\n", i)
		n := 2 + i%5
		for j := 0; j < n; j++ {
			switch j % 3 {
			case 0:
				fmt.Fprintf(g.w, "    V%d,\n", j)
			case 1:
				fmt.Fprintf(g.w, "    V%d(%s),\n", j, scalars[(i+j)%len(scalars)])
			default:
				fmt.Fprintf(g.w, "    V%d { a: u32, b: *const S%d },\n", j, i%max(g.structs, 1))
			}
		}
		if g.plant(i, 61, fmt.Sprintf("E%d gained variant Added", i)) {
			fmt.Fprintln(g.w, "    Added(u16),")
		}
		fmt.Fprintln(g.w, "}")
	}
	for i := 0; i < fns; i++ {
		s, e := i%max(g.structs, 1), i%max(g.enums, 1)
		fmt.Fprintf(g.w, "#[no_mangle]\npub extern \"C\" fn f%d(a: &S%d, b: &E%d, c: Option<&S%d>, n: u32) -> u64 {\n", i, s, e, s)
		fmt.Fprintf(g.w, "    let _ = (a, b, c); n as u64 + %d\n}\n", i)
	}
}
