// Passing: values that move between registers, the stack and memory.
#[repr(C)]
pub struct Small {
    pub a: u64,
// new
    pub b: u64, // want: possibly-breaking field-added fixture::Small.b
// both
} // want: breaking type-size-changed fixture::Small

#[repr(C)]
pub struct Pair {
    pub a: u64,
    pub b: u64,
// new
    pub c: u64, // want: possibly-breaking field-added fixture::Pair.c
// both
} // want: breaking type-size-changed fixture::Pair

#[repr(C)]
pub struct Coord {
// old
    pub x: f64,
// new
    pub x: u64, // want: breaking field-type-changed fixture::Coord.x
// both
}

#[no_mangle]
pub extern "C" fn by_value(a: u64, s: Small, b: u64, c: u64, d: u64, e: u64) -> u64 { // want: breaking param-passing-changed fixture::by_value
    a + s.a + b + c + d + e
}

#[no_mangle]
pub extern "C" fn make() -> Pair { // want: breaking return-passing-changed fixture::make
// old
    Pair { a: 1, b: 2 }
// new
    Pair { a: 1, b: 2, c: 3 }
// both
}

#[no_mangle]
pub extern "C" fn coord(c: Coord) -> u64 { // want: breaking param-passing-changed fixture::coord
    c.x as u64
}
