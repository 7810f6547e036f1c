// A method appended after the last vtable slot keeps every old slot where
// it was: callers built against the old trait still work, only code that
// builds or sizes these vtables itself notices.
pub trait Sensor {
    fn read(&self) -> u32;
    fn id(&self) -> u32;
// new
    fn calibrate(&self, x: u32) -> u32;
// both
}
// want: possibly-breaking vtable-slot-added <fixture::Probe as fixture::Sensor>::{vtable_type}

pub struct Probe {
    pub v: u32,
}

impl Sensor for Probe {
    fn read(&self) -> u32 { self.v }
    fn id(&self) -> u32 { 7 }
// new
    fn calibrate(&self, x: u32) -> u32 { x + self.v } // want[dylib]: compatible function-added <fixture::Probe as fixture::Sensor>::calibrate
// both
}

static PROBE: Probe = Probe { v: 1 };

#[no_mangle]
pub extern "C" fn sensor() -> &'static dyn Sensor {
    &PROBE
}
