// Rust symbols: a dylib's `pub fn`s and statics are bound by their mangled
// symbol. A legacy symbol's hash covers the item's signature, so some changes
// rename the symbol as well; a v0 symbol carries no signature and stays.
pub struct Config {
// new
    pub verbose: bool, // want[dylib]: possibly-breaking field-added fixture::Config.verbose
// both
    pub level: u32,
} // want[dylib]: breaking type-size-changed fixture::Config

pub struct Limits {
// old
    pub max: u32,
// new
    pub max: u64, // want[dylib]: breaking field-type-changed fixture::Limits.max
// both
} // want[dylib]: breaking type-size-changed fixture::Limits
// want[dylib]: breaking type-alignment-changed fixture::Limits

// The parameter's struct gained a field: the legacy hash covers the
// definitions of the types in the signature.
#[inline(never)]
pub fn configure(c: &Config) -> u32 { // want[dylib,legacy]: breaking symbol-hash-changed fixture::configure
    c.level
}

// A field's type widened: field types are not hashed, the symbol stays.
#[inline(never)]
pub fn limit(l: &Limits) -> u64 {
    l.max as u64
}

// The parameter itself widened.
#[inline(never)]
// old
pub fn scale(x: u32) -> u32 {
// new
pub fn scale(x: u64) -> u32 { // want[dylib]: breaking param-type-changed fixture::scale
    // want[dylib,legacy]: breaking symbol-hash-changed fixture::scale
// both
    x as u32
}

// Only the body changed.
#[inline(never)]
pub fn answer() -> u32 {
// old
    41
// new
    42
// both
}

// A static's type is part of its legacy hash.
// old
pub static LEVEL: u32 = 3;
// new
pub static LEVEL: u64 = 3; // want[dylib]: breaking variable-type-changed fixture::LEVEL
// want[dylib,legacy]: breaking symbol-hash-changed fixture::LEVEL
// both
