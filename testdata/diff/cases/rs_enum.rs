// Rust enums: changes that keep the enum's size must still be caught.

// A niche in `bool` leaves room for 254 more fieldless variants: adding one
// keeps size and niche, only the new discriminant tells.
pub enum Flag {
    Set(bool),
    Unset,
// new
    Unknown, // want: possibly-breaking variant-added fixture::Flag::Unknown
// both
}

// Payload types swapped: same size, same tag, other register class.
pub enum Number {
// old
    Int(u32),
    Float(f32),
// new
    Int(f32), // want: breaking field-type-changed fixture::Number::Int.__0
    Float(u32), // want: breaking field-type-changed fixture::Number::Float.__0
// both
}

// Discriminants renumbered.
#[repr(u8)]
pub enum Msg {
// old
    Ping(u32) = 1,
    Pong = 2,
// new
    Ping(u32) = 2, // want: breaking enum-discriminant-changed fixture::Msg::Ping
    Pong = 1, // want: breaking enum-discriminant-changed fixture::Msg::Pong
// both
}

// A fieldless enum is a DWARF enumeration: renumbered, renamed, removed.
#[repr(u8)]
pub enum Mode {
// old
    Fast = 1,
    Slow = 2,
    Eco = 3,
    Turbo = 4,
// new
    Fast = 2, // want: breaking enum-discriminant-changed fixture::Mode::Fast
    Slow = 1, // want: breaking enum-discriminant-changed fixture::Mode::Slow
    Economy = 3, // want: compatible variant-renamed fixture::Mode::Economy
// both
} // want: breaking variant-removed fixture::Mode::Turbo

// The tag grows from u8 to u32: same variants, new tag.
// old
#[repr(u8)]
// new
#[repr(u32)]
// both
pub enum Wide { // want: breaking enum-tag-changed fixture::Wide
    A(u8),
    B(u8),
} // want: breaking type-size-changed fixture::Wide
// want: breaking type-alignment-changed fixture::Wide
// want: breaking field-offset-changed fixture::Wide::A.__0
// want: breaking field-offset-changed fixture::Wide::B.__0

// A third variant does not fit the pointer's niche: the enum gets a tag.
pub enum Slot {
    Full(&'static u64),
    Empty,
// new
    Broken, // want: breaking variant-added fixture::Slot::Broken
// both
} // want: breaking enum-niche-changed fixture::Slot
// want: breaking type-size-changed fixture::Slot
// want: breaking field-offset-changed fixture::Slot::Full.__0

// A payload gains a field.
pub enum Shape {
    Circle(u32),
// old
    Rect(u32),
// new
    Rect(u32, u32), // want: breaking field-added fixture::Shape::Rect.__1
// both
} // want: breaking type-size-changed fixture::Shape

#[no_mangle]
pub extern "C" fn handle(f: Flag, n: &Number, m: &Msg, mode: Mode, w: &Wide, s: &Slot, sh: &Shape) -> u32 {
    let _ = (f, n, m, w, s, sh);
    mode as u32
}
