//! Fixture for `abidrift sig` and the exported surface (testdata/surface/build.sh).
//!
//! Each `// sig ARCH NAME | PARAM: PASS | ... | ret: PASS` line states how the
//! function below it passes its values on ARCH, as rustc 1.95 lowers it
//! (checked against `--emit=asm`). Optional items: `checks: agree` (the DWARF
//! entry locations were compared for every parameter DWARF places, and all
//! agree), `disagree: PARAM` (that parameter's check disagrees), `abi: C|Rust`
//! (the inferred ABI), `nocall`. A PARAM `#N` is the N-th parameter.
#![crate_type = "dylib"]
#![allow(improper_ctypes_definitions, clippy::all)]

#[repr(C)]
pub struct Pt {
    pub x: f64,
    pub y: f64,
}

#[repr(C)]
pub struct Big {
    pub a: u64,
    pub b: u64,
    pub c: u64,
}

#[repr(C)]
pub struct A2 {
    pub v: [u64; 2],
}

pub struct S {
    pub v: Vec<u8>,
}

// sig x86_64 c_add | a: rdi | b: rsi | ret: rax | abi: C | checks: agree
#[no_mangle]
pub extern "C" fn c_add(a: i32, b: i64) -> i64 {
    a as i64 + b
}

// sig x86_64 c_pt | p: xmm0+xmm1 | s: xmm2 | ret: xmm0 | abi: C
#[no_mangle]
pub extern "C" fn c_pt(p: Pt, s: f32) -> f64 {
    p.x * p.y + s as f64
}

// sig x86_64 c_big | b: stack+0 | k: rsi | ret: sret via rdi | abi: C | checks: agree
#[no_mangle]
pub extern "C" fn c_big(b: Big, k: u64) -> Big {
    Big { a: b.c.wrapping_mul(k), b: b.b, c: b.a }
}

// sig x86_64 r_str | s: rdi+rsi | n: rdx | ret: rax | abi: Rust | checks: agree
#[inline(never)]
pub fn r_str(s: &str, n: u64) -> usize {
    s.len().wrapping_mul(n as usize)
}

// sig x86_64 r_generic<u32> | t: rdi | m: rsi | ret: rax | abi: Rust | checks: agree
// sig x86_64 r_generic<u8> | t: rdi | m: rsi | ret: rax | abi: Rust | checks: agree
#[inline(never)]
pub fn r_generic<T: Copy + Into<u64>>(t: T, m: u64) -> u64 {
    t.into().wrapping_mul(m)
}

// sig x86_64 inst | x: rdi | y: rsi | ret: rax | abi: Rust | checks: agree
#[inline(never)]
pub fn inst(x: u32, y: u8) -> u64 {
    r_generic::<u32>(x, 3) + r_generic::<u8>(y, 5)
}

// sig x86_64 r_arr | a: indirect via rdi | b: rsi+rdx | ret: rax | abi: Rust | checks: agree
#[inline(never)]
pub fn r_arr(a: [u64; 2], b: (u64, u64)) -> u64 {
    a[0] ^ a[1] ^ b.0 ^ b.1
}

// rustc 1.95 gives zero-sized parameters no DW_AT_name: #0 is the first.
// sig x86_64 r_zst | #0: ignored | x: rdi | ret: rax | abi: Rust
#[inline(never)]
pub fn r_zst(z: (), x: u64) -> u64 {
    let () = z;
    x.rotate_left(7)
}

// sig x86_64 r_quad | x: rsi | ret: sret via rdi | abi: Rust
#[inline(never)]
pub fn r_quad(x: u64) -> [u64; 4] {
    [x, x ^ 1, x ^ 2, x ^ 3]
}

// sig x86_64 r_pair | x: rdi | ret: rax+rdx | abi: Rust
#[inline(never)]
pub fn r_pair(x: u64) -> (u64, u64) {
    (x.rotate_left(3), x ^ 0x55)
}

// sig x86_64 r_float | a: xmm0 | b: rdi | ret: xmm0 | abi: Rust | checks: agree
#[inline(never)]
pub fn r_float(a: f64, b: u64) -> f64 {
    a * b as f64
}

// sig x86_64 r_split | a: rdi | b: rsi | c: rdx | d: rcx | e: r8 | s: r9+stack+0 | ret: rax | abi: Rust
#[inline(never)]
pub fn r_split(a: u64, b: u64, c: u64, d: u64, e: u64, s: &str) -> usize {
    (a ^ b ^ c ^ d ^ e) as usize ^ s.len()
}

// A Rust-ABI function exported unmangled: inferred C (wrongly), and the
// DWARF at the entry shows the array behind a pointer.
// sig x86_64 nm_rust | a: rdi+rsi | ret: rax | abi: C | disagree: a
#[no_mangle]
#[inline(never)]
pub fn nm_rust(a: [u64; 2]) -> u64 {
    a[0].wrapping_add(a[1])
}

// An extern "C" function with a mangled name: inferred Rust (wrongly), so
// the struct is predicted behind a pointer while it arrives in two registers.
// sig x86_64 cb_a2 | v: indirect via rdi | ret: rax | abi: Rust | disagree: v
#[inline(never)]
pub extern "C" fn cb_a2(v: A2) -> u64 {
    v.v[0] ^ v.v[1]
}

impl S {
    // sig x86_64 count | self: rdi | extra: rsi | ret: rax | abi: Rust | checks: agree
    #[inline(never)]
    pub fn count(&self, extra: u64) -> u64 {
        self.v.len() as u64 + extra
    }
}

pub trait Tr {
    fn go(&self) -> u32;
}

impl Tr for S {
    // sig x86_64 go | self: rdi | ret: rax | abi: Rust
    #[inline(never)]
    fn go(&self) -> u32 {
        self.v.len() as u32 + 1
    }
}

// sig x86_64 never | x: rdi | ret: ! | abi: Rust
#[inline(never)]
pub fn never(x: u64) -> ! {
    panic!("{}", x)
}

#[no_mangle]
pub static C_VAR: u32 = 5;

pub static R_VAR: u64 = 9;

// Keeps the trait method and generic instances exported.
pub fn vtable() -> &'static dyn Tr {
    static EMPTY: S = S { v: Vec::new() };
    &EMPTY
}
