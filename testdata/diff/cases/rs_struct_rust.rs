// repr(Rust) structs: rustc chooses the layout, so a field-set or field-type
// change is possibly breaking even when no offset moves.
use core::marker::PhantomData;

pub struct Stats {
    pub a: u8,
    pub b: u64,
// old
    pub c: u16,
// new
    pub c: i16, // want: possibly-breaking field-type-changed fixture::Stats.c
    pub tag: PhantomData<u8>, // want: compatible field-added fixture::Stats.tag
// both
}

pub struct Pair {
    pub small: u8,
// old
    pub big: u64,
// new
    pub large: u64, // want: possibly-breaking field-renamed fixture::Pair.large
// both
    pub mid: u16,
}

pub struct Moved {
    pub a: u8,
    pub b: u32,
// old
    pub c: u16,
// new
    pub c: u64, // want: breaking field-type-changed fixture::Moved.c
    // want: breaking field-offset-changed fixture::Moved.a
    // want: breaking field-offset-changed fixture::Moved.b
    // want: breaking field-offset-changed fixture::Moved.c
// both
} // want: breaking type-size-changed fixture::Moved
// want: breaking type-alignment-changed fixture::Moved

#[repr(C)]
pub union Value {
    pub i: u32,
    pub f: f32,
// new
    pub b: [u8; 4], // want: possibly-breaking field-added fixture::Value.b
// both
}

#[no_mangle]
pub extern "C" fn stats(s: &Stats, p: &Pair, m: &Moved, v: &Value) -> u64 {
    let _ = (p, m, v);
    s.b
}
