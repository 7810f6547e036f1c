// A crate in several codegen units: each unit that uses a type carries its
// own copy of the type's DWARF. diff fingerprints each copy once, in one
// unit, and still sees the change every unit's exports reach.
// old-flags: -C codegen-units=4
// new-flags: -C codegen-units=4
#[repr(C)]
pub struct Shared {
    pub id: u32,
// old
    pub len: u16,
// new
    pub len: u32, // want: breaking field-type-changed fixture::Shared.len
// both
}

#[repr(C)]
pub struct Stable {
    pub x: i64,
    pub y: i64,
}

pub mod a {
    use super::{Shared, Stable};
    #[no_mangle]
    pub extern "C" fn a_shared(s: &Shared) -> u32 { s.id }
    #[no_mangle]
    pub extern "C" fn a_stable(s: &Stable) -> i64 { s.x }
}

pub mod b {
    use super::{Shared, Stable};
    #[no_mangle]
    pub extern "C" fn b_shared(s: Shared) -> u32 { s.id }
    #[no_mangle]
    pub extern "C" fn b_stable(s: Stable) -> i64 { s.y }
}

pub mod c {
    use super::Stable;
    #[no_mangle]
    pub extern "C" fn c_stable(s: *const Stable) -> bool { s.is_null() }
}

pub mod d {
    use super::Shared;
    #[no_mangle]
    pub extern "C" fn d_shared(s: Option<&Shared>) -> bool { s.is_some() }
}
