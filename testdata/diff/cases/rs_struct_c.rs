// repr(C) structs: a field inserted moves the ones after it; renames move no byte.
#[repr(C)]
pub struct Config {
    pub verbose: u8,
// old
    pub level: u32,
// new
    pub mode: u32, // want: breaking field-added fixture::Config.mode
    pub level: u32, // want: breaking field-offset-changed fixture::Config.level
// both
} // want: breaking type-size-changed fixture::Config

#[repr(C)]
pub struct Point {
// old
    pub x: i32,
// new
    pub horizontal: i32, // want: compatible field-renamed fixture::Point.horizontal
// both
    pub y: i32,
// old
    pub z: u32,
// new
    pub z: i32, // want: possibly-breaking field-type-changed fixture::Point.z
// both
}

#[repr(C)]
pub struct Grow {
    pub a: u32,
// new
    pub b: u32, // want: possibly-breaking field-added fixture::Grow.b
// both
} // want: breaking type-size-changed fixture::Grow

#[repr(C)]
pub struct Shrink {
    pub a: u64,
// old
    pub b: u64, // want: breaking field-removed fixture::Shrink.b
// both
} // want: breaking type-size-changed fixture::Shrink

#[repr(C, align(8))]
pub struct Aligned {
// old
    pub a: u32,
// new
    pub a: u64, // want: breaking field-type-changed fixture::Aligned.a
// both
}

// old
#[repr(C, align(8))]
// new
#[repr(C, align(16))]
// both
pub struct Page { // want: breaking type-alignment-changed fixture::Page
    pub bytes: [u8; 4],
} // want: breaking type-size-changed fixture::Page

#[no_mangle]
pub extern "C" fn configure(c: &Config, p: &Point, g: &Grow, s: &Shrink, a: &Aligned, pg: &Page) -> u32 {
    c.level + p.y as u32 + g.a + s.a as u32 + a.a as u32 + pg.bytes[0] as u32
}
