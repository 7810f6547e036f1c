// The plugin of rs_rustc_version: the same source built by stable rustc (v1)
// and by nightly (v2). The rustc version is part of the StableCrateId, so
// every symbol changes; nightly also mangles with v0 by default.
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
