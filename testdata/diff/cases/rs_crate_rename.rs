// A crate renamed: #[no_mangle] symbols stay, type paths follow the crate.
// old-flags: --crate-name one
// new-flags: --crate-name two
// want: possibly-breaking crate-renamed crate one
pub struct Foo {
    pub a: u32,
// new
    pub b: u32, // want: possibly-breaking field-added two::Foo.b
// both
} // want: breaking type-size-changed two::Foo

#[no_mangle]
pub extern "C" fn foo(x: u32) -> Foo {
// old
    Foo { a: x }
// new
    Foo { a: x, b: x }
// both
}
