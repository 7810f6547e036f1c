// A Rust-ABI library: plain `pub fn`s are exported by a dylib only (a cdylib
// exports just its #[no_mangle] items), and are matched across rebuilds by
// their path. The legacy symbol hash covers the signature, so adding a
// parameter also renames the symbol; the v0 symbol stays.
pub struct Session {
// old
    pub id: u64,
// new
    pub id: i64, // want[dylib]: possibly-breaking field-type-changed fixture::Session.id
// both
    pub name: &'static str,
}

#[inline(never)]
// old
pub fn open(name: &'static str) -> Session {
    Session { id: 1, name }
// new
pub fn open(name: &'static str, id: i64) -> Session { // want[dylib]: breaking param-count-changed fixture::open
    // want[dylib,legacy]: breaking symbol-hash-changed fixture::open
    Session { id, name }
// both
}

// A field's type is not part of the hash: close keeps its symbol.
#[inline(never)]
pub fn close(s: &Session) -> usize {
    s.name.len()
}
