// The plugin of rs_crate_id_v0: rs_crate_id with v0 mangling. Each symbol
// carries the crate's StableCrateId as its `Cs<base62>_` disambiguator, so
// the host's own references tell which crate id it was linked against.
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
