//! Fixture for DW_CC_nocall (testdata/surface/build.sh).
//!
//! LLVM's argument promotion and dead-argument elimination rewrite
//! `internal`: it receives `b.a[3]` by value in rdi and `k` in rsi, while
//! DWARF still lists (b: &Big, unused: u64, k: u64) and marks the function
//! DW_CC_nocall. LLVM only does this to functions with internal linkage, so
//! no real build exports one: build.sh makes the symbol global with
//! `objcopy --globalize-symbol` before linking, which gives an exported
//! function whose DWARF signature is not its real one.
#![no_std]
#![crate_type = "lib"]

pub struct Big {
    pub a: [u64; 8],
}

// sig x86_64 internal | nocall | abi: Rust
#[inline(never)]
fn internal(b: &Big, unused: u64, k: u64) -> u64 {
    let _ = unused;
    b.a[3].wrapping_mul(k)
}

// sig x86_64 api | x: rdi | ret: rax | abi: Rust
#[inline(never)]
pub fn api(x: u64) -> u64 {
    let b = Big { a: [x; 8] };
    internal(&b, 99, x).wrapping_add(internal(&b, 98, x.wrapping_add(1)))
}
