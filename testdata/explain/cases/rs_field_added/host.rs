// The host of rs_field_added, built against the v1 plugin.
fn main() {
    let cfg = plug::make(3);
    let st = plug::Stats { count: 1, max: 2 };
    println!("plug {}: run = {}, stats = {}", plug::version(), plug::run(&cfg), plug::stats(&st));
}
