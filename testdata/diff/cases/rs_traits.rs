// Trait objects: vtable slots and function pointers.
pub trait Plugin {
    fn name(&self) -> u32;
    fn run(&self, x: u32) -> u32;
// new
    fn stop(&self);
// both
}

pub struct Echo {
    pub v: u32,
}

// A dylib exports trait methods: the new one is a new symbol.
impl Plugin for Echo {
    fn name(&self) -> u32 { 1 }
    fn run(&self, x: u32) -> u32 { x + self.v }
// new
    fn stop(&self) {} // want[dylib]: compatible function-added <fixture::Echo as fixture::Plugin>::stop
// both
}
// want: possibly-breaking vtable-slot-added <fixture::Echo as fixture::Plugin>::{vtable_type}

// A trait the library only receives objects of: only the fat pointer's
// vtable length tells.
pub trait Sink {
    fn put(&self, x: u32);
// old
    fn flush(&self);
    fn close(&self);
// both
}
// want: breaking vtable-slot-removed dyn fixture::Sink

#[repr(C)]
pub struct Hooks {
// old
    pub on_event: extern "C" fn(u32) -> u32,
    pub on_error: extern "C" fn(u32),
// new
    pub on_event: extern "C" fn(u64) -> u32, // want: breaking fn-pointer-changed fixture::Hooks.on_event
    pub on_error: fn(u32), // want: breaking fn-pointer-changed fixture::Hooks.on_error
// both
}

static ECHO: Echo = Echo { v: 1 };

#[no_mangle]
pub extern "C" fn plugin() -> &'static dyn Plugin {
    &ECHO
}

#[no_mangle]
pub extern "C" fn drain(s: &dyn Sink, h: &Hooks) {
    s.put((h.on_event)(1) as u32);
}
