// Trait objects call methods by vtable slot, in declaration order: methods
// reordered, or one inserted before the last slot, send callers built
// against the old trait to the wrong function. DWARF only counts the slots;
// the vtable's data (relocations and symbols) names them.
pub trait Codec {
// old
    fn encode(&self, x: u32) -> u32;
    fn decode(&self, x: u32) -> u32;
// new
    fn decode(&self, x: u32) -> u32;
    fn encode(&self, x: u32) -> u32;
// both
    fn name(&self) -> u32;
}
// want: breaking vtable-slot-reordered <fixture::Rot as fixture::Codec>::{vtable_type}

pub struct Rot;

impl Codec for Rot {
    fn encode(&self, x: u32) -> u32 { x.rotate_left(3) }
    fn decode(&self, x: u32) -> u32 { x.rotate_right(3) }
    fn name(&self) -> u32 { 13 }
}

pub trait Store {
    fn get(&self) -> u32;
// new
    fn reset(&self);
// both
    fn put(&self, x: u32) -> u32;
}
// want: breaking vtable-slot-added <fixture::Mem as fixture::Store>::{vtable_type}

pub struct Mem;

impl Store for Mem {
    fn get(&self) -> u32 { 1 }
// new
    fn reset(&self) {} // want[dylib]: compatible function-added <fixture::Mem as fixture::Store>::reset
// both
    fn put(&self, x: u32) -> u32 { x }
}

static ROT: Rot = Rot;
static MEM: Mem = Mem;

#[no_mangle]
pub extern "C" fn codec() -> &'static dyn Codec {
    &ROT
}

#[no_mangle]
pub extern "C" fn store() -> &'static dyn Store {
    &MEM
}
