// Another -C metadata (for Cargo: another version, feature set or profile)
// gives the crate another StableCrateId, which every Rust symbol carries: a
// legacy hash covers it, a v0 symbol spells it as the crate's disambiguator.
// Every symbol of a dylib changes, though no type or signature did;
// #[no_mangle] symbols keep their names.
// old-flags: -C metadata=one
// new-flags: -C metadata=two
pub struct Point {
    pub x: u32,
    pub y: u32,
}

#[inline(never)]
pub fn origin() -> Point { // want[dylib]: breaking symbol-hash-changed fixture::origin
    Point { x: 0, y: 0 }
}

#[inline(never)]
pub fn norm(p: &Point) -> u32 { // want[dylib]: breaking symbol-hash-changed fixture::norm
    p.x + p.y
}

pub static ZERO: u32 = 0; // want[dylib]: breaking symbol-hash-changed fixture::ZERO

#[no_mangle]
pub extern "C" fn point_x(p: &Point) -> u32 {
    p.x
}
