// Exported functions and statics: signatures, removals, additions.
#[repr(C)]
pub struct Req {
    pub id: u32,
}

#[no_mangle]
// old
pub extern "C" fn submit(r: &Req, flags: u32) -> u32 {
// new
pub extern "C" fn submit(r: &Req, flags: u32, prio: u8) -> u32 { // want: breaking param-count-changed fixture::submit
// both
    r.id + flags
}

#[no_mangle]
// old
pub extern "C" fn widen(x: u32) -> u32 {
// new
pub extern "C" fn widen(x: u64) -> u32 { // want: breaking param-type-changed fixture::widen
// both
    x as u32
}

#[no_mangle]
// old
pub extern "C" fn sign(x: u32) -> u32 {
// new
pub extern "C" fn sign(x: i32) -> u32 { // want: possibly-breaking param-type-changed fixture::sign
// both
    x as u32
}

#[no_mangle]
// old
pub extern "C" fn flag(x: u8) -> u8 {
// new
pub extern "C" fn flag(x: bool) -> u8 { // want: possibly-breaking param-type-changed fixture::flag
// both
    x as u8
}

#[no_mangle]
// old
pub extern "C" fn count() -> u32 {
// new
pub extern "C" fn count() -> u64 { // want: breaking return-type-changed fixture::count
// both
    7
}

#[no_mangle]
// old
pub extern "C" fn halt(code: u32) -> u32 {
    code
// new
pub extern "C" fn halt(code: u32) -> ! { // want: possibly-breaking noreturn-changed fixture::halt
    let _ = code;
    loop {}
// both
}

#[no_mangle]
// old
pub extern "C" fn cast(p: *const u8) -> usize {
// new
pub extern "C" fn cast(p: *const Req) -> usize { // want: breaking param-type-changed fixture::cast
// both
    p as usize
}

// old
#[no_mangle]
pub extern "C" fn legacy() -> u32 { // want: breaking function-removed fixture::legacy
    1
}
// new
#[no_mangle]
pub extern "C" fn modern() -> u32 { // want: compatible function-added fixture::modern
    2
}
// both

#[no_mangle]
// old
pub static LIMIT: u32 = 10;
// new
pub static LIMIT: u64 = 10; // want: breaking variable-type-changed fixture::LIMIT
// both

// old
#[no_mangle]
pub static OLD_TABLE: [u8; 4] = [0; 4]; // want: breaking variable-removed fixture::OLD_TABLE
// new
#[no_mangle]
pub static NEW_TABLE: [u8; 4] = [0; 4]; // want: compatible variable-added fixture::NEW_TABLE
// both
