// Crate root of the x86_64 Rust fixture (with std): the shared functions of
// sigfix.rs plus some that need std types.
#![allow(unused, improper_ctypes_definitions)]

pub type NZ32 = core::num::NonZeroU32;

include!("sigfix.rs");

pub trait Speak {
    fn speak(&self) -> u32;
}

#[no_mangle] pub fn r_string(s: String) -> String { s }
#[no_mangle] pub fn r_vec(v: Vec<u8>, n: usize) -> usize { n }
#[no_mangle] pub fn r_box(b: Box<u64>) -> Box<u64> { b }
#[no_mangle] pub fn r_opt_box(b: Option<Box<u64>>) -> Option<Box<u64>> { b }
#[no_mangle] pub fn r_opt_string(s: Option<String>) -> Option<String> { s }
#[no_mangle] pub fn r_dyn(x: &dyn Speak, y: Box<dyn Speak>) -> Box<dyn Speak> { y }
#[no_mangle] pub fn r_phantom(p: core::marker::PhantomData<u64>, a: u8) {}
#[no_mangle] pub fn r_nz64(x: core::num::NonZeroU64) -> Option<core::num::NonZeroU64> { Some(x) }
#[no_mangle] pub fn r_ordering(x: core::cmp::Ordering) -> core::cmp::Ordering { x }
#[no_mangle] pub fn r_opt_duration(x: Option<core::time::Duration>) -> Option<core::time::Duration> { x }
#[no_mangle] pub fn r_opt_ordering(x: Option<core::cmp::Ordering>) -> Option<core::cmp::Ordering> { x }
#[no_mangle] pub fn r_duration(x: core::time::Duration) -> core::time::Duration { x }
#[no_mangle] pub fn r_maybe(x: core::mem::MaybeUninit<u64>, y: core::mem::MaybeUninit<f64>) -> core::mem::MaybeUninit<f64> { y }
#[no_mangle] pub fn r_ex_string(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, s: String) -> String { s }
