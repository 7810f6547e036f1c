// No noise: the same source built -O0 with DWARF 4 and -O2 with DWARF 5
// reports nothing.
// old-flags: -C opt-level=0 -C dwarf-version=4
// new-flags: -C opt-level=2 -C dwarf-version=5
#[repr(C)]
pub struct Config {
    pub verbose: u8,
    pub level: u32,
    pub name: *const u8,
}

pub enum Event {
    Key(u32),
    Click { x: i32, y: i32 },
    Quit,
}

pub trait Handler {
    fn handle(&self, e: &Event) -> u32;
}

pub struct Count;

// In a dylib, -O2 stops exporting small functions: rustc marks them
// inlinable across crates and leaves them to each caller. A consumer built
// against the -O0 build, which called the exported one, no longer loads.
impl Handler for Count {
    fn handle(&self, e: &Event) -> u32 { // want[dylib]: breaking function-removed <fixture::Count as fixture::Handler>::handle
        match e {
            Event::Key(k) => *k,
            Event::Click { x, y } => (*x + *y) as u32,
            Event::Quit => 0,
        }
    }
}

static COUNT: Count = Count;

#[no_mangle]
pub extern "C" fn handler() -> &'static dyn Handler {
    &COUNT
}

#[no_mangle]
pub extern "C" fn dispatch(c: &Config, e: Option<&Event>, h: &dyn Handler) -> u32 {
    match e {
        Some(e) => h.handle(e) + c.level,
        None => c.verbose as u32,
    }
}

#[no_mangle]
pub static mut LEVEL: u32 = 3;
