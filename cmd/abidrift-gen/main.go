// Command abidrift-gen writes a large std-only Rust library for benchmarks:
// many structs, enums and exported functions using them, spread over modules
// (so rustc makes several codegen units, each with its own DWARF unit, as real
// crates have). The types are those real Rust code is made of: #[repr(C)] and
// Rust-layout structs, generic structs instantiated over the crate's types,
// enums whose variants carry tuples, arrays, Option, Result, Box, Vec, String
// and other enums, and trait objects; the functions have bodies that
// instantiate generic std code, as application code does.
//
// With -v2 it plants known ABI changes (listed on stderr, one "planted:" line
// each) so that a diff has something to find. The output depends only on the
// flags.
//
// Compile with
//
//	rustc --crate-type cdylib -C debuginfo=2 -C opt-level=0 --crate-name big lib.rs
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	structs := flag.Int("structs", 4000, "number of structs")
	enums := flag.Int("enums", 1500, "number of enums")
	fns := flag.Int("fns", 6000, "number of exported functions")
	perMod := flag.Int("per-module", 250, "structs per module (enums and functions are spread in proportion)")
	v2 := flag.Bool("v2", false, "plant ABI changes")
	flag.Parse()
	w := bufio.NewWriter(os.Stdout)
	g := gen{w: w, log: os.Stderr, v2: *v2, structs: max(*structs, 1), enums: max(*enums, 1), fns: max(*fns, 0), perMod: max(*perMod, 1)}
	g.write()
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "abidrift-gen:", err)
		os.Exit(1)
	}
}

type gen struct {
	w                   io.Writer
	log                 io.Writer
	v2                  bool
	structs, enums, fns int
	perMod              int
	planted             int
}

var scalars = []string{"u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32", "f64", "bool", "char", "usize"}

// plant reports whether item i of a kind gets a change in v2, and logs it.
func (g *gen) plant(i, every int, what string) bool {
	if !g.v2 || i%every != every/2 {
		return false
	}
	g.planted++
	fmt.Fprintf(g.log, "planted: %s\n", what)
	return true
}

func (g *gen) p(format string, args ...any) { fmt.Fprintf(g.w, format, args...) }

// modules is the number of modules; item i of n lives in module i*mods/n.
func (g *gen) modules() int { return (g.structs + g.perMod - 1) / g.perMod }

func modOf(i, n, mods int) int { return int(int64(i) * int64(mods) / int64(n)) }

// Paths of item i from anywhere in the crate; i wraps around.
func (g *gen) s(i int) string {
	i = (i%g.structs + g.structs) % g.structs
	return fmt.Sprintf("crate::m%d::S%d", modOf(i, g.structs, g.modules()), i)
}
func (g *gen) e(i int) string {
	i = (i%g.enums + g.enums) % g.enums
	return fmt.Sprintf("crate::m%d::E%d", modOf(i, g.enums, g.modules()), i)
}

// The types are layered so that the closure of what a type refers to stays
// small, as in real crates (and so that the DWARF grows linearly with the item
// counts): #[repr(C)] structs ("leaves") point only at a few common structs
// (S0..S7, which refer only to each other); enums hold leaves of their module
// and, for even indices, odd enums; Rust-layout structs hold leaves and enums
// of their module. rustc puts a module's items in one codegen unit.

// inMod is item k, wrapped into the range of items of module m, of a kind
// with n items.
func (g *gen) inMod(n, m, k int) int {
	mods := g.modules()
	lo := (m*n + mods - 1) / mods
	hi := ((m+1)*n + mods - 1) / mods
	if hi <= lo {
		return ((k % n) + n) % n
	}
	size := hi - lo
	return lo + ((k-lo)%size+size)%size
}

func isCommon(i int) bool { return i < 8 }

// common is one of the common structs.
func (g *gen) common(k int) string { return g.s(((k % 8) + 8) % 8) }

// leaf is a #[repr(C)] struct of module m, chosen by k.
func (g *gen) leaf(m, k int) string {
	i := g.inMod(g.structs, m, k)
	if rustStruct(i) {
		i--
	}
	return g.s(i)
}

// sFrom is the k-th struct struct i refers to: a common one for one field
// in 16 (always, from a common struct), else a leaf of its module.
func (g *gen) sFrom(i, k int) string {
	if isCommon(i) || (i+k)%16 == 0 {
		return g.common(i/16 + k)
	}
	return g.leaf(modOf(i, g.structs, g.modules()), i-1-k)
}

// eFrom is the k-th enum type struct i refers to; common structs use u32.
func (g *gen) eFrom(i, k int) string {
	if isCommon(i) {
		return "u32"
	}
	m := modOf(i, g.structs, g.modules())
	return g.e(g.inMod(g.enums, m, int(int64(i)*int64(g.enums)/int64(g.structs))-k))
}

// enumS is the k-th struct enum i refers to, a leaf of its module.
func (g *gen) enumS(i, k int) string {
	m := modOf(i, g.enums, g.modules())
	return g.leaf(m, int(int64(i)*int64(g.structs)/int64(g.enums))-k)
}

// enumE is the enum an even enum i refers to, an odd one of its module; ""
// for odd enums.
func (g *gen) enumE(i, k int) string {
	if i%2 == 1 || g.enums < 2 {
		return ""
	}
	t := g.inMod(g.enums, modOf(i, g.enums, g.modules()), i-1-k) | 1
	if t >= g.enums {
		t = 1
	}
	return g.e(t)
}

// rustStruct reports whether struct i has Rust layout (else #[repr(C)]).
func rustStruct(i int) bool { return i%4 == 3 }

func (g *gen) write() {
	g.p("// Generated by abidrift-gen (structs=%d enums=%d fns=%d v2=%v). Do not edit.\n", g.structs, g.enums, g.fns, g.v2)
	g.p("#![allow(dead_code, non_camel_case_types, non_snake_case, improper_ctypes_definitions, unused_variables, unused_mut, clippy::all)]\n")
	g.p("use std::collections::BTreeMap;\n\n")
	io.WriteString(g.w, `pub trait Shape {
    fn area(&self) -> f64;
    fn id(&self) -> u32 { 0 }
    fn boxed(&self) -> Box<dyn Shape>;
}
impl Clone for Box<dyn Shape> { fn clone(&self) -> Self { self.boxed() } }
impl std::fmt::Debug for dyn Shape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { write!(f, "Shape#{}", self.id()) }
}
pub trait Visit { fn visit(&mut self, depth: u32) -> usize; }

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pair<A, B> { pub first: A, pub second: B }

#[derive(Clone, Debug, Default)]
pub struct Wrap<T> { pub inner: T, pub tag: u16, pub next: Option<Box<Wrap<T>>> }

#[derive(Clone, Debug)]
pub enum Tree<T> { Leaf(T), Node(Box<Tree<T>>, Box<Tree<T>>), Empty }

#[derive(Clone, Debug)]
pub struct Table<K, V> { pub keys: Vec<K>, pub vals: Vec<V>, pub len: usize }

// generic helpers instantiated by the exported functions
#[inline(never)]
pub fn collect<T: Clone>(x: &T, n: u32) -> Vec<T> {
    let mut v = Vec::with_capacity(n as usize % 4);
    for _ in 0..(n % 3) { v.push(x.clone()); }
    v
}
#[inline(never)]
pub fn pick<T: Clone>(a: Option<&T>, b: &T) -> Result<T, u32> {
    match a { Some(x) => Ok(x.clone()), None => Err(b as *const T as usize as u32) }
}
#[inline(never)]
pub fn wrap<T: Clone + Default>(x: &T, tag: u16) -> Wrap<T> {
    Wrap { inner: x.clone(), tag, next: None }
}
#[inline(never)]
pub fn grow<T: Clone>(t: Tree<T>, x: &T) -> Tree<T> {
    match t {
        Tree::Empty => Tree::Leaf(x.clone()),
        other => Tree::Node(Box::new(other), Box::new(Tree::Leaf(x.clone()))),
    }
}
#[inline(never)]
pub fn total(shapes: &[&dyn Shape]) -> f64 { shapes.iter().map(|s| s.area()).sum() }

`)
	mods := g.modules()
	si, ei, fi := 0, 0, 0
	for m := 0; m < mods; m++ {
		g.p("pub mod m%d {\n    use super::*;\n\n", m)
		for ; si < g.structs && modOf(si, g.structs, mods) == m; si++ {
			g.structDef(si)
		}
		for ; ei < g.enums && modOf(ei, g.enums, mods) == m; ei++ {
			g.enumDef(ei)
		}
		for ; fi < g.fns && modOf(fi, max(g.fns, 1), mods) == m; fi++ {
			g.fnDef(fi)
		}
		g.p("}\n\n")
	}
}

// field types a struct or variant may hold, by index; they reference the
// crate's other types so that every unit sees many of them.
func (g *gen) fieldType(i, j int) string {
	switch (i + 3*j) % 17 {
	case 0:
		return fmt.Sprintf("*const %s", g.sFrom(i, (j*37+i)%61))
	case 1:
		return fmt.Sprintf("Option<&'static %s>", g.sFrom(i, (j*13+i)%47))
	case 2:
		return fmt.Sprintf("[%s; %d]", scalars[(i+j)%len(scalars)], 2+(i+j)%6)
	case 3:
		return fmt.Sprintf("(%s, %s, u8)", scalars[(i+j)%len(scalars)], scalars[(i+2*j)%len(scalars)])
	case 4:
		return fmt.Sprintf("Vec<%s>", g.sFrom(i, 1+(j*29+i)%53))
	case 5:
		return fmt.Sprintf("Option<%s>", g.eFrom(i, j))
	case 6:
		return fmt.Sprintf("Result<%s, %s>", scalars[(i+j)%len(scalars)], g.eFrom(i, 1+j*3))
	case 7:
		return "String"
	case 8:
		return fmt.Sprintf("Pair<%s, %s>", scalars[(i+j)%len(scalars)], scalars[(i+j+5)%len(scalars)])
	case 9:
		return "Option<Box<dyn Shape>>"
	case 10:
		return fmt.Sprintf("Wrap<%s>", scalars[(i+j)%(len(scalars)-2)])
	case 11:
		return fmt.Sprintf("Box<[%s]>", scalars[(i+j)%len(scalars)])
	case 12:
		return fmt.Sprintf("Tree<%s>", g.sFrom(i, 2+j))
	case 13:
		return fmt.Sprintf("Option<(%s, %s)>", scalars[(i+j)%len(scalars)], g.eFrom(i, 2+j*5))
	case 14:
		if (i/4)%8 == 0 {
			return fmt.Sprintf("BTreeMap<u32, %s>", scalars[(i+j)%len(scalars)])
		}
		return fmt.Sprintf("Option<Pair<%s, u8>>", g.sFrom(i, 3+j))
	}
	return scalars[(i+j)%len(scalars)]
}

// cField is a field type usable in a #[repr(C)] struct the old generator
// made (scalars and raw pointers), so planted changes stay meaningful.
func (g *gen) cField(i, j int) string {
	if j == 1 && i > 0 {
		return fmt.Sprintf("*const %s", g.common(i/8))
	}
	if j == 3 {
		return fmt.Sprintf("[%s; %d]", scalars[(i+j)%len(scalars)], 2+i%5)
	}
	if j == 4 {
		return fmt.Sprintf("Pair<%s, %s>", scalars[(i+j)%len(scalars)], scalars[(i+1)%len(scalars)])
	}
	return scalars[(i+j)%len(scalars)]
}

func (g *gen) structDef(i int) {
	if !rustStruct(i) {
		g.p("    #[repr(C)]\n    #[derive(Clone, Copy, Debug)]\n    pub struct S%d {\n", i)
		n := 2 + i%6
		for j := 0; j < n; j++ {
			ty := g.cField(i, j)
			if j == 0 && ty == "u32" && g.plant(i, 53, fmt.Sprintf("S%d.f0 widened u32 -> u64", i)) {
				ty = "u64"
			}
			g.p("        pub f%d: %s,\n", j, ty)
		}
		if g.plant(i, 97, fmt.Sprintf("S%d gained field extra", i)) {
			g.p("        pub extra: u64,\n")
		}
		g.p("    }\n")
		g.p("    impl Shape for S%d { fn area(&self) -> f64 { %d.0 } fn boxed(&self) -> Box<dyn Shape> { Box::new(*self) } }\n\n", i, i%89)
		return
	}
	// Rust layout: rustc reorders the fields; std types and generics.
	g.p("    #[derive(Clone, Debug)]\n    pub struct S%d {\n", i)
	n := 3 + i%5
	for j := 0; j < n; j++ {
		ty := g.fieldType(i, j)
		if j == 2 && g.plant(i, 71, fmt.Sprintf("S%d.f2 type changed %s -> Option<u128>", i, ty)) {
			ty = "Option<u128>"
		}
		g.p("        pub f%d: %s,\n", j, ty)
	}
	g.p("    }\n")
	g.p("    impl Shape for S%d {\n        fn area(&self) -> f64 { self.f0_area() }\n        fn id(&self) -> u32 { %d }\n        fn boxed(&self) -> Box<dyn Shape> { Box::new(self.clone()) }\n    }\n", i, i)
	g.p("    impl S%d { #[inline(never)] pub fn f0_area(&self) -> f64 { %d.5 } }\n\n", i, i%97)
}

func (g *gen) enumDef(i int) {
	derive := "#[derive(Clone, Debug)]"
	g.p("    %s\n    pub enum E%d {\n", derive, i)
	n := 2 + i%7
	for j := 0; j < n; j++ {
		switch j % 7 {
		case 0:
			g.p("        V%d,\n", j)
		case 1:
			g.p("        V%d(%s),\n", j, scalars[(i+j)%len(scalars)])
		case 2:
			g.p("        V%d { a: u32, b: *const %s },\n", j, g.enumS(i, 0)) // the old generator's shape
		case 3:
			g.p("        V%d(Option<std::rc::Rc<%s>>, (u16, %s)),\n", j, g.enumS(i, 1+j*7), scalars[(i+j)%len(scalars)])
		case 4:
			if t := g.enumE(i, (i*7)%23); t != "" {
				g.p("        V%d(Result<std::sync::Arc<%s>, String>),\n", j, t)
			} else {
				g.p("        V%d(Result<u32, String>),\n", j)
			}
		case 5:
			count := 1 + i%4
			if g.plant(i, 83, fmt.Sprintf("E%d.V5 array [%s; %d] grew by one element", i, scalars[(i+j)%len(scalars)], count)) {
				count++
			}
			g.p("        V%d([%s; %d]),\n", j, scalars[(i+j)%len(scalars)], count)
		case 6:
			g.p("        V%d { shape: Box<dyn Shape>, w: Vec<Pair<u8, %s>> },\n", j, scalars[(i+j)%len(scalars)])
		}
	}
	if g.plant(i, 61, fmt.Sprintf("E%d gained variant Added", i)) {
		g.p("        Added(u16),\n")
	}
	g.p("    }\n\n")
}

func (g *gen) fnDef(i int) {
	m := modOf(i, g.fns, g.modules())
	sp := g.s(g.inMod(g.structs, m, int(int64(i)*int64(g.structs)/int64(g.fns))+i%3))
	ep := g.e(g.inMod(g.enums, m, int(int64(i)*int64(g.enums)/int64(g.fns))))
	param := "n: u32"
	if g.plant(i, 131, fmt.Sprintf("f%d parameter n: u32 -> u64", i)) {
		param = "n: u64"
	}
	switch i % 4 {
	case 0, 1:
		g.p("    #[no_mangle]\n    pub extern \"C\" fn f%d(a: &%s, b: &%s, c: Option<&%s>, %s) -> u64 {\n", i, sp, ep, sp, param)
	case 2:
		g.p("    #[no_mangle]\n    pub extern \"C\" fn f%d(a: &%s, b: &%s, c: Option<&%s>, %s, t: (u8, u16)) -> Pair<u32, u64> {\n", i, sp, ep, sp, param)
	default:
		g.p("    #[no_mangle]\n    pub fn f%d(a: &%s, b: &%s, c: Option<&%s>, %s) -> Option<Box<%s>> {\n", i, sp, ep, sp, param, ep)
	}
	g.p("        let k = n as u32;\n")
	// Bodies instantiate the generic helpers and std code for the crate's types.
	// One body in 12 instantiates generic code (helpers, Vec, Box,
	// closures) for the crate's types; the others stay monomorphic.
	switch slot := (i * 7) % 60; slot {
	case 0:
		g.p("        let v = collect(a, k);\n        let r = pick(c, a);\n        let x = v.len() as u64 + r.is_ok() as u64;\n")
	case 1:
		g.p("        let t = grow(Tree::Empty, b);\n        let d: &dyn Shape = a;\n        let x = total(&[d]) as u64 + matches!(t, Tree::Leaf(_)) as u64;\n")
	case 2:
		g.p("        let w = Pair { first: a.clone(), second: (k, b.clone()) };\n        let v = collect(&w, k);\n        let x = v.len() as u64;\n")
	case 3:
		g.p("        let o: Option<&%s> = c.filter(|s| s.id() == k);\n        let r = pick(o, a).map(|s| s.area() as u64);\n        let x = r.unwrap_or(7);\n", sp)
	case 4:
		g.p("        let tb = Table { keys: vec![k, k + 1], vals: vec![b.clone()], len: 1 };\n        let x = tb.keys.len() as u64 + tb.len as u64;\n")
	default:
		switch slot % 3 {
		case 0:
			g.p("        let x = match b { %s::V0 => 1, _ => a.area() as u64 };\n", ep)
		case 1:
			g.p("        let p = (k, c.is_some(), a.id());\n        let x = if p.1 { p.0 as u64 } else { p.2 as u64 };\n")
		default:
			g.p("        let arr = [k; 4];\n        let x = arr[0] as u64 + arr[(k & 3) as usize] as u64;\n")
		}
	}
	switch i % 4 {
	case 0, 1:
		g.p("        x + %d\n    }\n", i)
	case 2:
		g.p("        Pair { first: k ^ t.0 as u32, second: x + %d }\n    }\n", i)
	default:
		g.p("        if x > %d { Some(Box::new(b.clone())) } else { None }\n    }\n", i)
	}
}
