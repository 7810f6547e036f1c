// The plugin of rs_trait_reordered: v2 declares the methods of a pub trait
// in another order. Neither symbol changes, and the host passes its own
// impl as `&dyn Plugin`: plug v2 calls its slots in the new order.
pub trait Plugin {
// old
    fn start(&self) -> u32;
// both
    fn stop(&self) -> u32;
// new
    fn start(&self) -> u32;
// both
}

pub struct Builtin;

impl Plugin for Builtin {
    fn start(&self) -> u32 {
        1
    }
    fn stop(&self) -> u32 {
        2
    }
}

/// Calls start, then stop: 10 * start + stop.
pub fn call(p: &dyn Plugin) -> u32 {
    p.start() * 10 + p.stop()
}

pub fn builtin() -> Box<dyn Plugin> {
    Box::new(Builtin)
}
