// Fixture functions for the calling-convention oracle test (layout/abi).
// Included by sigfix_std.rs (x86_64, with std) and sigfix_core.rs (aarch64,
// #![no_core]), so everything here must compile without core: bodies only
// move parameters around and build values. `c_` functions use extern "C",
// `r_` functions keep the Rust ABI (#[no_mangle] does not change the ABI).
// The crate root provides Option, Result and NZ32 (a non-zero u32).

// ---- types ----
#[repr(C)] pub struct S8 { pub a: u32, pub b: u32 }
#[repr(C)] pub struct S12 { pub a: u32, pub b: u32, pub c: u32 }
#[repr(C)] pub struct S16 { pub a: u64, pub b: u64 }
#[repr(C)] pub struct S24 { pub a: u64, pub b: u64, pub c: u64 }
#[repr(C)] pub struct F2 { pub a: f32, pub b: f32 }
#[repr(C)] pub struct F3 { pub a: f32, pub b: f32, pub c: f32 }
#[repr(C)] pub struct F4 { pub a: f32, pub b: f32, pub c: f32, pub d: f32 }
#[repr(C)] pub struct D2 { pub a: f64, pub b: f64 }
#[repr(C)] pub struct D3 { pub a: f64, pub b: f64, pub c: f64 }
#[repr(C)] pub struct D4 { pub a: [f64; 4] }
#[repr(C)] pub struct DU { pub d: f64, pub u: u64 }
#[repr(C)] pub struct UF { pub u: u32, pub f: f32, pub d: f64 }
#[repr(C)] pub struct FI { pub f: f32, pub i: i32 }
#[repr(C, packed)] pub struct Pk { pub a: u8, pub b: u32 }
#[repr(C, packed)] pub struct Pk2 { pub a: u32, pub b: u8 }
#[repr(C, packed)] pub struct Pk3 { pub a: u8, pub b: u64, pub c: u8 }
#[repr(C)] pub union UD { pub u: u64, pub d: f64 }
#[repr(C)] pub union UFD { pub f: f32, pub d: f64 }
#[repr(C)] pub struct A3 { pub a: [u8; 3] }
#[repr(C)] pub struct AF3 { pub a: [f32; 3] }
#[repr(C)] pub struct Big { pub a: [u64; 5] }
#[repr(C, align(16))] pub struct Al16 { pub a: u64, pub b: u64 }
#[repr(C)] pub struct W128 { pub a: u128 }
#[repr(C)] pub struct Nested { pub s: S8, pub d: f64 }
#[repr(C)] pub struct WithZst { pub a: u32, pub z: (), pub b: f32 }
#[repr(C)] pub struct Empty {}
pub struct Unit;
#[repr(transparent)] pub struct Tr(pub u64);
#[repr(transparent)] pub struct TF64(pub f64);
#[repr(C)] pub struct CF64 { pub a: f64 }
pub struct Meters(pub f64);
pub struct Pt { pub x: f32, pub y: f32 }
pub struct Rgb { pub r: u8, pub g: u8, pub b: u8 }
pub struct Mix { pub a: u8, pub b: f64 }
pub struct Quad { pub a: u32, pub b: u32, pub c: u32, pub d: u32 }
pub struct Wrap { pub inner: Pt }
pub struct Two { pub a: Meters, pub b: u64 }
pub struct ArrOne { pub a: [u32; 1], pub b: u32 }
#[repr(packed)] pub struct RPk(pub u8, pub u32);
#[repr(packed)] pub struct RPk2(pub u8, pub u8);
pub enum E2 { A(u64), B(u64) }
pub enum E3 { A(u8), B(u16) }
pub enum Shape { Circle(f64), Rect(f64, f64) }
pub enum Flag { On, Off }
pub enum Lit { I(i64), F(f64) }
pub enum Ptr<'a> { R(&'a u64), N(u64) }
pub enum One { Only(u64, u64) }
pub enum T16 { A(u16), B(u16) }
pub union RU { pub a: u64, pub b: u64 }
pub union RUF { pub a: f64, pub b: f64 }
pub union RUM { pub a: u64, pub b: f64 }

// ---- extern "C": scalars ----
#[no_mangle] pub extern "C" fn c_ints(a: u8, b: i8, c: u16, d: i16, e: u32, f: i32) -> i64 { 0 }
#[no_mangle] pub extern "C" fn c_ints2(a: u64, b: i64, c: usize, d: isize) -> u8 { 0 }
#[no_mangle] pub extern "C" fn c_ret_u16(a: u16) -> u16 { a }
#[no_mangle] pub extern "C" fn c_ret_i8(a: i8) -> i8 { a }
#[no_mangle] pub extern "C" fn c_ret_u64(a: u64) -> u64 { a }
#[no_mangle] pub extern "C" fn c_bool_char(a: bool, b: char) -> bool { a }
#[no_mangle] pub extern "C" fn c_ret_char(b: char) -> char { b }
#[no_mangle] pub extern "C" fn c_floats(a: f32, b: f64) -> f32 { a }
#[no_mangle] pub extern "C" fn c_ret_f64(a: f64) -> f64 { a }
#[no_mangle] pub extern "C" fn c_i128(a: i128, b: u128) -> i128 { a }
#[no_mangle] pub extern "C" fn c_i128_late(a: u64, b: u64, c: u64, d: u64, e: u64, x: i128, y: u64) -> u128 { 0 }
#[no_mangle] pub extern "C" fn c_i128_late7(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, x: i128, y: u64) -> u64 { y }
#[no_mangle] pub extern "C" fn c_ptrs(p: *const u8, q: &u64, f: extern "C" fn(u32) -> u32) -> *const u8 { p }

// ---- extern "C": aggregates ----
#[no_mangle] pub extern "C" fn c_s8(x: S8) -> S8 { x }
#[no_mangle] pub extern "C" fn c_s12(x: S12) -> S12 { x }
#[no_mangle] pub extern "C" fn c_s16(x: S16) -> S16 { x }
#[no_mangle] pub extern "C" fn c_s24(x: S24) -> S24 { x }
#[no_mangle] pub extern "C" fn c_f2(x: F2) -> F2 { x }
#[no_mangle] pub extern "C" fn c_f3(x: F3) -> F3 { x }
#[no_mangle] pub extern "C" fn c_f4(x: F4) -> F4 { x }
#[no_mangle] pub extern "C" fn c_d2(x: D2) -> D2 { x }
#[no_mangle] pub extern "C" fn c_d3(x: D3) -> D3 { x }
#[no_mangle] pub extern "C" fn c_d4(x: D4) -> D4 { x }
#[no_mangle] pub extern "C" fn c_du(x: DU) -> DU { x }
#[no_mangle] pub extern "C" fn c_uf(x: UF) -> UF { x }
#[no_mangle] pub extern "C" fn c_fi(x: FI) -> FI { x }
#[no_mangle] pub extern "C" fn c_pk(x: Pk) -> Pk { x }
#[no_mangle] pub extern "C" fn c_pk2(x: Pk2) -> Pk2 { x }
#[no_mangle] pub extern "C" fn c_pk3(x: Pk3) -> Pk3 { x }
#[no_mangle] pub extern "C" fn c_ud(x: UD) -> UD { x }
#[no_mangle] pub extern "C" fn c_ufd(x: UFD) -> UFD { x }
#[no_mangle] pub extern "C" fn c_a3(x: A3) -> A3 { x }
#[no_mangle] pub extern "C" fn c_af3(x: AF3) -> AF3 { x }
#[no_mangle] pub extern "C" fn c_big(x: Big) -> Big { x }
#[no_mangle] pub extern "C" fn c_al16(a: u64, x: Al16) -> Al16 { x }
#[no_mangle] pub extern "C" fn c_w128(a: u64, x: W128) -> W128 { x }
#[no_mangle] pub extern "C" fn c_nested(x: Nested) -> Nested { x }
#[no_mangle] pub extern "C" fn c_withzst(x: WithZst) -> WithZst { x }
#[no_mangle] pub extern "C" fn c_empty(a: u32, e: Empty, b: u32) -> Empty { e }
#[no_mangle] pub extern "C" fn c_sret(a: u64, x: S24) -> S24 { x }
#[no_mangle] pub extern "C" fn c_meters(x: Meters, t: Tr) -> Meters { x }
#[no_mangle] pub extern "C" fn c_flag(x: Flag) -> Flag { x }
#[no_mangle] pub extern "C" fn c_opt_u64(x: Option<u64>) -> Option<u64> { x }
#[no_mangle] pub extern "C" fn c_opt_f64(x: Option<f64>) -> Option<f64> { x }
#[no_mangle] pub extern "C" fn c_e2(x: E2) -> E2 { x }
#[no_mangle] pub extern "C" fn c_lit(x: Lit) -> Lit { x }
#[no_mangle] pub extern "C" fn c_shape(x: Shape) -> Shape { x }
#[no_mangle] pub extern "C" fn c_str(s: &str, t: &[u16]) -> usize { 0 }
#[no_mangle] pub extern "C" fn c_pt(x: Pt, m: Mix) -> Pt { x }

// ---- extern "C": running out of registers ----
#[no_mangle] pub extern "C" fn c_ex_int(a: u64, b: u64, c: u64, d: u64, e: u64, x: S16, y: u64) -> u64 { y }
#[no_mangle] pub extern "C" fn c_ex_int2(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, x: S8, y: S16, z: u8) -> u64 { a }
#[no_mangle] pub extern "C" fn c_ex_int7(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, x: S16, y: u64) -> u64 { y }
#[no_mangle] pub extern "C" fn c_ex_sse(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, x: D2, y: f64) -> f64 { y }
#[no_mangle] pub extern "C" fn c_ex_mixed(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, x: DU, y: f64) -> f64 { y }
#[no_mangle] pub extern "C" fn c_ex_hfa(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, x: F4, y: f64) -> f64 { y }
#[no_mangle] pub extern "C" fn c_ex_big(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, h: u64, x: Big, y: S24) -> u64 { a }
#[no_mangle] pub extern "C" fn c_ex_al16(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, x: W128, y: Al16, z: u32) -> u64 { a }
#[no_mangle] pub extern "C" fn c_ex_w128(a: u64, x: W128, b: u64, y: W128) -> u64 { a }

// ---- Rust ABI: scalars ----
#[no_mangle] pub fn r_ints(a: u8, b: i8, c: u16, d: i16, e: u32, f: i32) -> i64 { 0 }
#[no_mangle] pub fn r_ints2(a: u64, b: i64, c: usize, d: isize) -> u8 { 0 }
#[no_mangle] pub fn r_bool_char(a: bool, b: char) -> char { b }
#[no_mangle] pub fn r_ret_bool(a: bool) -> bool { a }
#[no_mangle] pub fn r_floats(a: f32, b: f64) -> f32 { a }
#[no_mangle] pub fn r_ret_f64(a: f64) -> f64 { a }
#[no_mangle] pub fn r_i128(a: i128, b: u128) -> u128 { b }
#[no_mangle] pub fn r_i128_odd(a: u64, b: i128) -> i128 { b }
#[no_mangle] pub fn r_i128_late(a: u64, b: u64, c: u64, d: u64, e: u64, x: i128, y: u64) -> i128 { x }
#[no_mangle] pub fn r_i128_late7(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, x: i128, y: u64) -> u64 { y }
#[no_mangle] pub fn r_ret_i8(a: i8) -> i8 { a }
#[no_mangle] pub fn r_ret_u16(a: u16) -> u16 { a }
#[no_mangle] pub fn r_ret_i32(a: i32) -> i32 { a }
#[no_mangle] pub fn r_ret_usize(a: usize) -> usize { a }
#[no_mangle] pub fn r_ret_ptr(p: *const u8) -> *const u8 { p }
#[no_mangle] pub fn r_ret_slice<'a>(s: &'a [u32]) -> &'a [u32] { s }
#[no_mangle] pub fn r_ptrs<'a>(p: *const u8, q: &'a u64, r: &mut u32, f: fn(u8) -> u8) -> &'a u64 { q }

// ---- Rust ABI: pairs ----
#[no_mangle] pub fn r_str<'a>(s: &'a str, t: &[u32], m: &mut [u8]) -> &'a str { s }
#[no_mangle] pub fn r_t2(x: (u64, u64)) -> (u64, u64) { x }
#[no_mangle] pub fn r_tf(x: (f32, f32)) -> (f32, f32) { x }
#[no_mangle] pub fn r_tdu(x: (f64, u64)) -> (f64, u64) { x }
#[no_mangle] pub fn r_t8_32(x: (u8, u32)) -> (u8, u32) { x }
#[no_mangle] pub fn r_t64_128(x: (u64, u128)) -> (u64, u128) { x }
#[no_mangle] pub fn r_t_i128_8(x: (i128, u8)) -> u64 { 0 }
#[no_mangle] pub fn r_t3(x: (u64, u64, u64)) -> (u64, u64, u64) { x }
#[no_mangle] pub fn r_t16x3(x: (u16, u16, u16)) -> (u16, u16, u16) { x }
#[no_mangle] pub fn r_t32x3(x: (u32, u32, u32)) -> (u32, u32, u32) { x }
#[no_mangle] pub fn r_s8(x: S8) -> S8 { x }
#[no_mangle] pub fn r_s12(x: S12) -> S12 { x }
#[no_mangle] pub fn r_s16(x: S16) -> S16 { x }
#[no_mangle] pub fn r_s24(x: S24) -> S24 { x }
#[no_mangle] pub fn r_f2(x: F2) -> F2 { x }
#[no_mangle] pub fn r_f4(x: F4) -> F4 { x }
#[no_mangle] pub fn r_d2(x: D2) -> D2 { x }
#[no_mangle] pub fn r_du(x: DU) -> DU { x }
#[no_mangle] pub fn r_fi(x: FI) -> FI { x }
#[no_mangle] pub fn r_pk(x: Pk, y: Pk2) -> Pk { x }
#[no_mangle] pub fn r_pk3(x: Pk3) -> Pk3 { x }
#[no_mangle] pub fn r_rpk(x: RPk, y: RPk2) -> RPk2 { y }
#[no_mangle] pub fn r_ud(x: UD, y: UFD) -> UD { x }
#[no_mangle] pub fn r_ru(x: RU, y: RUF, z: RUM) -> RUF { y }
#[no_mangle] pub fn r_a3(x: A3, y: AF3) -> A3 { x }
#[no_mangle] pub fn r_big(x: Big) -> Big { x }
#[no_mangle] pub fn r_al16(x: Al16) -> Al16 { x }
// repr(C) keeps rustc from giving a one-field struct its field's Scalar
// representation; DWARF does not record repr, so Classify cannot tell W128
// and CF64 from repr(Rust) newtypes (a known divergence of the oracle test).
#[no_mangle] pub fn r_reprc_newtype(x: W128, y: CF64) -> W128 { x }
#[no_mangle] pub fn r_nested(x: Nested, y: WithZst) -> WithZst { y }
#[no_mangle] pub fn r_newtypes(m: Meters, t: Tr, w: Wrap, two: Two, tf: TF64) -> Meters { m }
#[no_mangle] pub fn r_ret_tf64(t: TF64) -> TF64 { t }
#[no_mangle] pub fn r_ret_wrap(w: Wrap) -> Wrap { w }
#[no_mangle] pub fn r_ret_two(w: Two) -> Two { w }
#[no_mangle] pub fn r_pt(x: Pt) -> Pt { x }
#[no_mangle] pub fn r_rgb(x: Rgb) -> Rgb { x }
#[no_mangle] pub fn r_mix(x: Mix) -> Mix { x }
#[no_mangle] pub fn r_quad(x: Quad) -> Quad { x }
#[no_mangle] pub fn r_arr_one(x: ArrOne) -> ArrOne { x }
#[no_mangle] pub fn r_arr2(x: [u64; 2]) -> [u64; 2] { x }
#[no_mangle] pub fn r_arr3(x: [u8; 3]) -> [u8; 3] { x }
#[no_mangle] pub fn r_arr_f1(x: [f64; 1]) -> [f64; 1] { x }
#[no_mangle] pub fn r_arr_f2(x: [f32; 2]) -> [f32; 2] { x }

// ---- Rust ABI: enums ----
#[no_mangle] pub fn r_opt_u64(x: Option<u64>) -> Option<u64> { x }
#[no_mangle] pub fn r_opt_u32(x: Option<u32>) -> Option<u32> { x }
#[no_mangle] pub fn r_opt_u8(x: Option<u8>) -> Option<u8> { x }
#[no_mangle] pub fn r_opt_bool(x: Option<bool>) -> Option<bool> { x }
#[no_mangle] pub fn r_opt_char(x: Option<char>) -> Option<char> { x }
#[no_mangle] pub fn r_opt_ref<'a>(x: Option<&'a u64>) -> Option<&'a u64> { x }
#[no_mangle] pub fn r_opt_str<'a>(x: Option<&'a str>) -> Option<&'a str> { x }
#[no_mangle] pub fn r_opt_u128(x: Option<u128>) -> Option<u128> { x }
#[no_mangle] pub fn r_opt_i128_ret(x: i128) -> Option<i128> { None }
#[no_mangle] pub fn r_opt_f64(x: Option<f64>) -> Option<f64> { x }
#[no_mangle] pub fn r_opt_f32(x: Option<f32>) -> Option<f32> { x }
#[no_mangle] pub fn r_opt_t32(x: Option<(u32, u32)>) -> Option<(u32, u32)> { x }
#[no_mangle] pub fn r_opt_t16(x: Option<(u16, u16)>) -> Option<(u16, u16)> { x }
#[no_mangle] pub fn r_opt_opt(x: Option<Option<bool>>) -> Option<Option<bool>> { x }
#[no_mangle] pub fn r_opt_nz(x: Option<NZ32>) -> Option<NZ32> { x }
#[no_mangle] pub fn r_opt_pt(x: Option<Pt>) -> Option<Pt> { x }
#[no_mangle] pub fn r_opt_refpair<'a>(x: Option<(&'a u64, u64)>) -> Option<(&'a u64, u64)> { x }
#[no_mangle] pub fn r_opt_unit(x: Option<()>) -> Option<()> { x }
#[no_mangle] pub fn r_opt_opt_u64(x: Option<Option<u64>>) -> Option<Option<u64>> { x }
#[no_mangle] pub fn r_opt_u64_bool(x: Option<(u64, bool)>) -> Option<(u64, bool)> { x }
#[no_mangle] pub fn r_res_u64_unit(x: Result<u64, ()>) -> Result<u64, ()> { x }
#[no_mangle] pub fn r_res_units(x: Result<(), ()>) -> Result<(), ()> { x }
#[no_mangle] pub fn r_res_u128(x: Result<u128, u128>) -> Result<u128, u128> { x }
#[no_mangle] pub fn r_t16(x: T16) -> T16 { x }
#[no_mangle] pub fn r_res_u64(x: Result<u64, u64>) -> Result<u64, u64> { x }
#[no_mangle] pub fn r_res_i64(x: Result<u64, i64>) -> Result<u64, i64> { x }
#[no_mangle] pub fn r_res_f(x: Result<f64, u64>) -> Result<f64, u64> { x }
#[no_mangle] pub fn r_res_ff(x: Result<f64, f64>) -> Result<f64, f64> { x }
#[no_mangle] pub fn r_res_unit(x: Result<(), u32>) -> Result<(), u32> { x }
#[no_mangle] pub fn r_res_32_64(x: Result<u32, u64>) -> Result<u32, u64> { x }
#[no_mangle] pub fn r_res_ref<'a>(x: Result<&'a u64, u64>) -> Result<&'a u64, u64> { x }
#[no_mangle] pub fn r_res_u8_bool(x: Result<u8, bool>) -> Result<u8, bool> { x }
#[no_mangle] pub fn r_e2(x: E2) -> E2 { x }
#[no_mangle] pub fn r_e3(x: E3) -> E3 { x }
#[no_mangle] pub fn r_shape(x: Shape) -> Shape { x }
#[no_mangle] pub fn r_flag(x: Flag) -> Flag { x }
#[no_mangle] pub fn r_lit(x: Lit) -> Lit { x }
#[no_mangle] pub fn r_ptr_enum<'a>(x: Ptr<'a>) -> Ptr<'a> { x }
#[no_mangle] pub fn r_one(x: One) -> One { x }

// ---- Rust ABI: zero-sized and unit ----
#[no_mangle] pub fn r_zst(a: u32, u: (), z: Unit, e: [u64; 0], em: Empty, b: u32) -> Unit { z }
#[no_mangle] pub fn r_unit(a: u32) {}
#[no_mangle] pub fn r_ret_unit_tuple(a: u32) -> ((), Unit) { ((), Unit) }

// ---- Rust ABI: running out of registers ----
#[no_mangle] pub fn r_ex_pair(a: u64, b: u64, c: u64, d: u64, e: u64, x: (u64, u64), y: u64) -> u64 { y }
#[no_mangle] pub fn r_ex_pair7(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, x: (u64, u64), y: u64) -> u64 { y }
#[no_mangle] pub fn r_ex_str(a: u64, b: u64, c: u64, d: u64, e: u64, s: &str, y: u32) -> u32 { y }
#[no_mangle] pub fn r_ex_f(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, x: (f64, f64), y: f64) -> f64 { y }
#[no_mangle] pub fn r_ex_mixed(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, x: (f64, u64), y: f64) -> f64 { y }
#[no_mangle] pub fn r_ex_indirect(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, h: u64, x: S24, y: Quad) -> u64 { a }
#[no_mangle] pub fn r_ex_sret(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, x: (u64, u64)) -> S24 { S24 { a, b, c } }
#[no_mangle] pub fn r_ex_cast(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, h: u64, x: Rgb, y: [f32; 2]) -> u64 { a }
