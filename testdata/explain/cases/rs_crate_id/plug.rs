// The plugin of rs_crate_id: the same source built twice with different
// `-C metadata` values (as Cargo does when a version, a feature or the
// source of the package changes). The crate's StableCrateId changes, so
// every legacy hash changes although no item did.
pub struct Config {
    pub level: u32,
    pub limit: u64,
}

pub fn run(cfg: &Config) -> u64 {
    cfg.level as u64 + cfg.limit
}

pub fn version() -> u32 {
    1
}
