// The host of rs_trait_reordered, built against the v1 plugin: it prints
// 34 and 12 with v1, 43 and 21 with v2.
struct Mine;

impl plug::Plugin for Mine {
    fn start(&self) -> u32 {
        3
    }
    fn stop(&self) -> u32 {
        4
    }
}

fn main() {
    let b = plug::builtin();
    println!("mine = {}, builtin = {}", plug::call(&Mine), plug::call(&*b));
}
