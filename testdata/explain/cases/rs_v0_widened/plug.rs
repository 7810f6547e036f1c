// The plugin of rs_v0_widened (-C symbol-mangling-version=v0). v0 symbols
// carry no signature, so widening a field keeps every symbol: the host
// built against v1 loads v2 and passes it a Config of the old layout.
pub struct Config {
// old
    pub level: u32,
// new
    pub level: u64,
// both
    pub limit: u32,
}

pub fn run(cfg: &Config) -> u64 {
    cfg.level as u64 + cfg.limit as u64
}

pub fn version() -> u32 {
    2
}
