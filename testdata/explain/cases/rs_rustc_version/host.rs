// The host of rs_rustc_version, built by stable rustc against the v1 plugin.
fn main() {
    let cfg = plug::Config { level: 3, limit: 100 };
    println!("plug {}: run = {}", plug::version(), plug::run(&cfg));
}
