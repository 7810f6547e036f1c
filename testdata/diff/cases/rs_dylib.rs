// A Rust dylib: Rust-ABI functions, matched across rebuilds by their path
// (the legacy hash changes with the signature).
// build: dylib
pub struct Session {
// old
    pub id: u64,
// new
    pub id: i64, // want: possibly-breaking field-type-changed fixture::Session.id
// both
    pub name: String,
}

#[inline(never)]
// old
pub fn open(name: String) -> Session {
    Session { id: 1, name }
// new
pub fn open(name: String, id: i64) -> Session { // want: breaking param-count-changed fixture::open
    Session { id, name }
// both
}

#[inline(never)]
pub fn close(s: &Session) -> usize {
    s.name.len()
}
