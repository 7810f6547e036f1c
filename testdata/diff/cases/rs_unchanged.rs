// Most of a release is unchanged: diff fingerprints both builds and builds only the exports that differ.
// One type changes here. Every export that reaches it (directly, behind a
// reference, inside another type or an enum variant) is impacted; the
// exports that do not reach it, some through types next to it, are not.
#[repr(C)]
pub struct Header {
    pub tag: u8,
// old
    pub len: u16,
// new
    pub len: u32, // want: breaking field-type-changed fixture::Header.len
    // want: breaking field-offset-changed fixture::Header.len
// both
} // want: breaking type-size-changed fixture::Header
// want: breaking type-alignment-changed fixture::Header

#[repr(C)]
pub struct Packet {
    pub head: Header,
    pub body: [u8; 4], // want: breaking field-offset-changed fixture::Packet.body
} // want: breaking type-size-changed fixture::Packet
// want: breaking type-alignment-changed fixture::Packet

pub enum Event {
    Ping,
    Data(Packet), // want: breaking field-offset-changed fixture::Event::Data.__0
    Quit(u8),
} // want: breaking type-size-changed fixture::Event
// want: breaking type-alignment-changed fixture::Event

#[repr(C)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

#[repr(C)]
pub struct Rect {
    pub a: Point,
    pub b: Point,
}

#[repr(C)]
pub struct Buffer {
    pub ptr: *const u8,
    pub len: usize,
}

#[repr(u8)]
pub enum Color {
    Red,
    Green,
    Blue,
}

pub enum Shape {
    Dot(Point),
    Box(Rect),
    Empty,
}

#[no_mangle]
pub extern "C" fn header_len(h: &Header) -> u32 {
    h.len as u32
}

#[no_mangle]
pub extern "C" fn packet_body(p: &Packet) -> u8 {
    p.body[0]
}

#[no_mangle]
pub extern "C" fn event_kind(e: &Event) -> u8 {
    match e {
        Event::Ping => 0,
        Event::Data(_) => 1,
        Event::Quit(c) => *c,
    }
}

#[no_mangle]
pub extern "C" fn point_sum(p: Point) -> i32 {
    p.x + p.y
}

#[no_mangle]
pub extern "C" fn rect_area(r: &Rect) -> i32 {
    (r.b.x - r.a.x) * (r.b.y - r.a.y)
}

#[no_mangle]
pub extern "C" fn rect_new(a: Point, b: Point) -> Rect {
    Rect { a, b }
}

#[no_mangle]
pub extern "C" fn buffer_len(b: &Buffer) -> usize {
    b.len
}

#[no_mangle]
pub extern "C" fn color_code(c: Color) -> u32 {
    c as u32
}

#[no_mangle]
pub extern "C" fn shape_kind(s: &Shape) -> u8 {
    match s {
        Shape::Dot(_) => 0,
        Shape::Box(_) => 1,
        Shape::Empty => 2,
    }
}

#[no_mangle]
pub extern "C" fn add(a: u64, b: u64) -> u64 {
    a.wrapping_add(b)
}

#[no_mangle]
pub extern "C" fn scale(x: f64, k: f64) -> f64 {
    x * k
}

#[no_mangle]
pub extern "C" fn first(p: *const Point) -> i32 {
    if p.is_null() { 0 } else { unsafe { (*p).x } }
}

#[no_mangle]
pub static ORIGIN: Point = Point { x: 0, y: 0 };
