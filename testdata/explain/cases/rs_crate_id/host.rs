// The host of rs_crate_id, built against the plugin with -C metadata=plug-1.
fn main() {
    let cfg = plug::Config { level: 3, limit: 100 };
    println!("plug {}: run = {}", plug::version(), plug::run(&cfg));
}
