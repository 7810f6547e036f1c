// The host of rs_v0_widened, built against the v1 plugin.
fn main() {
    let cfg = plug::Config { level: 3, limit: 100 };
    println!("plug {}: run = {}", plug::version(), plug::run(&cfg));
}
