// The plugin of rs_field_added (legacy mangling). Lines after `// old` are
// only in v1, after `// new` only in v2, after `// both` in both.

/// Passed by reference to `run` and returned by `make`: the field v2 adds
/// changes the legacy hash of both functions, so a host built against v1
/// no longer finds them.
pub struct Config {
    pub level: u32,
    pub limit: u64,
    pub flags: u32,
// new
    pub verbose: bool,
// both
}

/// Widened in v2: legacy hashes cover a struct's definition but not the
/// types of its fields, so `stats` keeps its symbol and breaks silently.
pub struct Stats {
// old
    pub count: u32,
// new
    pub count: u64,
// both
    pub max: u32,
}

pub fn make(level: u32) -> Config {
// old
    Config { level, limit: 100, flags: 0 }
// new
    Config { level, limit: 100, flags: 0, verbose: false }
// both
}

pub fn run(cfg: &Config) -> u64 {
    cfg.level as u64 + cfg.limit
}

pub fn stats(s: &Stats) -> u32 {
    s.max + s.count as u32
}

pub fn version() -> u32 {
    2
}
