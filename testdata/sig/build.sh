#!/bin/sh
# Builds the calling-convention fixtures of layout/abi's oracle test.
#
#   sh build.sh [OUTDIR]      (default: bin/ next to this script)
#
# For each of Rust and C, on x86_64 and aarch64, it writes an object file with
# DWARF (the input of layout.Build) and the signatures of the LLVM IR of the
# same source (the oracle): the `define` lines plus the named type
# definitions they use. Rust: rustc 1.95 (aarch64: a #![no_core] crate built
# with RUSTC_BOOTSTRAP=1, as no std is installed for that target). C: gcc -g
# for the objects, clang -S -emit-llvm for the IR. Paths are remapped so the
# output does not depend on where the checkout lives; VERSIONS records the
# tools, so a rebuild with other tools can be told apart.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/bin}
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$here"

# sigs keeps what the oracle reads from a .ll file.
sigs() {
	grep -E '^(target triple|%[^ ]+ = type |define )' "$1" |
		sed -e 's/ *{$//' -e 's/ !dbg ![0-9]*//' >"$2"
}

RUSTFLAGS_COMMON="--edition=2021 --crate-name sigfix --crate-type cdylib -C debuginfo=2 -C opt-level=0 -C codegen-units=1 --remap-path-prefix=$here=."

rustc $RUSTFLAGS_COMMON --target x86_64-unknown-linux-gnu \
	--emit=obj="$out/rust-x86_64.o",llvm-ir="$tmp/rust-x86_64.ll" sigfix_std.rs
sigs "$tmp/rust-x86_64.ll" "$out/rust-x86_64.ll"

RUSTC_BOOTSTRAP=1 rustc $RUSTFLAGS_COMMON --target aarch64-unknown-linux-gnu \
	--emit=obj="$out/rust-aarch64.o",llvm-ir="$tmp/rust-aarch64.ll" sigfix_core.rs
sigs "$tmp/rust-aarch64.ll" "$out/rust-aarch64.ll"

CFLAGS_COMMON="-g -O0 -fdebug-prefix-map=$here=."
gcc $CFLAGS_COMMON -c -o "$out/c-x86_64.o" sigfix.c 2>/dev/null
aarch64-linux-gnu-gcc $CFLAGS_COMMON -c -o "$out/c-aarch64.o" sigfix.c 2>/dev/null

IRFLAGS="-S -emit-llvm -O0 -fno-discard-value-names"
# Clang 14 prints typed pointers unless asked for opaque ones (the default
# from Clang 15 on; the option is gone in 17).
if clang -mllvm -opaque-pointers -x c -S -emit-llvm -o /dev/null /dev/null 2>/dev/null; then
	IRFLAGS="$IRFLAGS -mllvm -opaque-pointers"
fi
clang $IRFLAGS --target=x86_64-linux-gnu -o "$tmp/c-x86_64.ll" sigfix.c
sigs "$tmp/c-x86_64.ll" "$out/c-x86_64.ll"
clang $IRFLAGS --target=aarch64-linux-gnu -o "$tmp/c-aarch64.ll" sigfix.c
sigs "$tmp/c-aarch64.ll" "$out/c-aarch64.ll"

{
	rustc -V
	gcc --version | head -n 1
	aarch64-linux-gnu-gcc --version | head -n 1
	clang --version | head -n 1
} >"$out/VERSIONS"
