// Crate root of the aarch64 Rust fixture. No std is installed for aarch64, so
// this is a #![no_core] crate (built with RUSTC_BOOTSTRAP=1 by rustc 1.95)
// with the few lang items the shared functions of sigfix.rs need, in the
// manner of rustc's own tests/auxiliary/minicore.rs.
#![feature(no_core, lang_items, rustc_attrs, auto_traits)]
#![no_core]
#![allow(unused, internal_features, improper_ctypes_definitions)]

#[lang = "pointee_sized"]
pub trait PointeeSized {}
#[lang = "meta_sized"]
pub trait MetaSized: PointeeSized {}
#[lang = "sized"]
pub trait Sized: MetaSized {}
#[lang = "copy"]
pub trait Copy {}
#[lang = "freeze"]
pub unsafe auto trait Freeze {}

impl Copy for bool {}
impl Copy for char {}
impl Copy for u8 {}
impl Copy for u16 {}
impl Copy for u32 {}
impl Copy for u64 {}
impl Copy for u128 {}
impl Copy for usize {}
impl Copy for i8 {}
impl Copy for i16 {}
impl Copy for i32 {}
impl Copy for i64 {}
impl Copy for i128 {}
impl Copy for isize {}
impl Copy for f32 {}
impl Copy for f64 {}
impl<T: ?Sized> Copy for &T {}
impl<T: ?Sized> Copy for *const T {}

#[rustc_builtin_macro]
macro_rules! include {
    ($file:expr $(,)?) => {{ /* compiler built-in */ }};
}

pub enum Option<T> {
    None,
    Some(T),
}
pub use Option::*;

pub enum Result<T, E> {
    Ok(T),
    Err(E),
}
pub use Result::*;

#[rustc_layout_scalar_valid_range_start(1)]
#[rustc_nonnull_optimization_guaranteed]
pub struct NZ32(u32);

include!("sigfix.rs");
