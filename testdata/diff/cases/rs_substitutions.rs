// The substitutions Rust guarantees ABI-compatible are compatible; a plain
// wrapper struct is not.
use core::num::NonZeroU32;
use core::ptr::NonNull;

pub struct Wrap(pub u32);

#[no_mangle]
// old
pub extern "C" fn ptr(p: *mut u32) -> usize {
// new
pub extern "C" fn ptr(p: NonNull<u32>) -> usize { // want: compatible param-type-changed fixture::ptr
// both
// old
    p as usize
// new
    p.as_ptr() as usize
// both
}

#[no_mangle]
// old
pub extern "C" fn nonzero(x: u32) -> u32 {
    x
// new
pub extern "C" fn nonzero(x: NonZeroU32) -> u32 { // want: compatible param-type-changed fixture::nonzero
    // A dylib exports the generic instances it makes (shared generics at -O0).
    x.get() // want[dylib]: compatible function-added core::num::nonzero::NonZero<u32>::get<u32>
// both
}

#[no_mangle]
// old
pub extern "C" fn optional(p: Option<&u32>) -> usize {
    p.map_or(0, |r| *r as usize)
// new
pub extern "C" fn optional(p: *const u32) -> usize { // want: compatible param-type-changed fixture::optional
    p as usize
// both
}

#[no_mangle]
// old
pub extern "C" fn reference(p: &u32) -> u32 {
// new
pub extern "C" fn reference(p: *const u32) -> u32 {
    let p = unsafe { &*p };
// both
    *p
}

#[no_mangle]
// old
pub extern "C" fn wrapped(x: u32) -> u32 {
    x
// new
pub extern "C" fn wrapped(x: Wrap) -> u32 { // want: possibly-breaking param-type-changed fixture::wrapped
    x.0
// both
}
