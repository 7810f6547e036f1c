#!/usr/bin/env bash
# Usage: build.sh [OUTDIR [CASE...]]
#
# Builds the scenarios of `abidrift explain` from testdata/explain/cases into
# OUTDIR (default: testdata/explain/bin, which is committed), all of them or
# the CASEs named:
#
#   OUTDIR/CASE/old/CONSUMER, OUTDIR/CASE/old/PROVIDER   built together (v1)
#   OUTDIR/CASE/new/PROVIDER                             the provider rebuilt (v2)
#   OUTDIR/CASE/run.status, run.stdout, run.stderr       the v1 consumer run
#                                                        against the v2 provider
#
# Each case directory holds one provider and one consumer source. Lines after
# a `// old` line go only to v1, after `// new` only to v2, after `// both`
# to both (the marker lines and excluded lines become blank lines, so line
# numbers match the case file).
#
#   rs_field_added  Rust dylib, legacy mangling: a field added to a struct a
#                   pub fn takes changes that fn's hash; another struct widened
#                   u32 -> u64 keeps its fn's hash (silent)
#   rs_v0_widened   Rust dylib, v0 mangling: a field widened, every symbol kept
#   rs_crate_id     Rust dylib rebuilt with another -C metadata: every hash changes
#   rs_crate_id_v0  the same with v0 mangling: the crate disambiguator changes
#   rs_trait_reordered  Rust dylib whose pub trait's methods were reordered:
#                   the host's trait objects break silently
#   c_struct_grew   C library whose struct grew: every symbol kept (silent)
#   c_symver        C library whose version node LIBX_1.0 became LIBX_2.0
#   c_renamed       C library with a function renamed and one removed
#   c_enum_added    C library whose enum gained an enumerator (compatible)
#   rs_rustc_version  Rust dylib rebuilt by nightly rustc (needs rustc +nightly)
#
# Needs rustc (with its std dylib) for the rs_ cases, a nightly rustc
# ($RUSTC_NIGHTLY, default `rustc +nightly`) for rs_rustc_version and gcc for
# the c_ cases; a case whose compiler is missing is skipped with a message. The Go tests
# (diff/explain, cmd/abidrift) run this script into a temporary directory
# when the compilers exist, and otherwise use the committed OUTDIR.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/bin}
shift || true
only=" $* "
mkdir -p "$out"
out=$(cd "$out" && pwd)
RUSTC=${RUSTC:-rustc}
RUSTC_NIGHTLY=${RUSTC_NIGHTLY:-rustc +nightly}
CC=${CC:-gcc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# split SIDE FILE OUT: the SIDE (old or new) version of an annotated source.
split() {
	awk -v side="$1" '
		/^[ \t]*\/\/ (old|new|both)[ \t]*$/ { mode = $2; print ""; next }
		{ if (mode == "" || mode == "both" || mode == side) print; else print "" }
	' "$2" >"$3"
}

# sources CASE SIDE: the case's sources split into $tmp/CASE/SIDE; prints the directory.
sources() {
	local dir=$tmp/$1/$2
	mkdir -p "$dir"
	for f in "$here/cases/$1"/*; do
		split "$2" "$f" "$dir/$(basename "$f")"
	done
	echo "$dir"
}

# run CASE CONSUMER PROVIDER [LIBDIR]: runs old/CONSUMER next to new/PROVIDER
# in a scratch directory and records its status and output. The loader
# prints the scratch directory where $ORIGIN led it; it is written `.` so
# that the recorded message does not change from one build to the next.
run() {
	local c=$out/$1 dir=$tmp/$1/run
	mkdir -p "$dir"
	cp "$c/old/$2" "$c/new/$3" "$dir/"
	local st=0
	(cd "$dir" && LD_LIBRARY_PATH=${4:-} "./$2" >"$c/run.stdout" 2>"$tmp/stderr") || st=$?
	sed "s|$dir/|./|g" "$tmp/stderr" >"$c/run.stderr"
	echo "$st" >"$c/run.status"
}

have() { command -v "$1" >/dev/null 2>&1; }

# want CASE: whether CASE is to be built.
want() { [[ $only == "  " || $only == *" $1 "* ]]; }

rustflags=(--edition 2021 -C debuginfo=2 -C opt-level=0 -A warnings)
# Without separate code pages the C binaries are half as large.
cflags=(-g -O0 -Wl,-z,noseparate-code)

# rust_case CASE 'FLAGS' 'V1 FLAGS' 'V2 FLAGS': plug (dylib) v1 and v2, host
# against v1; FLAGS go to all three. $rustc_new, when set, builds v2.
rust_case() {
	local name=$1 common=$2 c=$out/$1
	shift
	rm -rf "$c"
	mkdir -p "$c/old" "$c/new"
	for side in old new; do
		local src flags
		src=$(sources "$name" "$side")
		flags=$2
		[[ $side == new ]] && flags=$3
		local rc=$RUSTC
		[[ $side == new && -n ${rustc_new:-} ]] && rc=$rustc_new
		# shellcheck disable=SC2086
		$rc "${rustflags[@]}" --remap-path-prefix "$src=testdata/explain/cases/$name" \
			--crate-type dylib --crate-name plug -C prefer-dynamic $common $flags \
			-o "$c/$side/libplug.so" "$src/plug.rs"
	done
	local src
	src=$(sources "$name" old)
	# shellcheck disable=SC2086
	"$RUSTC" "${rustflags[@]}" --remap-path-prefix "$src=testdata/explain/cases/$name" \
		--crate-name host -C prefer-dynamic $common -C metadata=host \
		--extern plug="$c/old/libplug.so" -L "$c/old" -C 'link-arg=-Wl,-rpath,$ORIGIN' \
		-o "$c/old/host" "$src/host.rs"
	run "$name" host libplug.so "$stdlib${stdlib_new:+:$stdlib_new}"
}

# c_case CASE LIB SONAME 'V1 LINK FLAGS' 'V2 LINK FLAGS': the library from
# CASE's library source, prog.c against v1.
c_case() {
	local name=$1 lib=$2 soname=$3 c=$out/$1
	rm -rf "$c"
	mkdir -p "$c/old" "$c/new"
	for side in old new; do
		local src flags
		src=$(sources "$name" "$side")
		flags=$4
		[[ $side == new ]] && flags=$5
		flags=${flags//@SRC@/$src}
		# shellcheck disable=SC2086
		"$CC" "${cflags[@]}" -fPIC -shared -ffile-prefix-map="$src=testdata/explain/cases/$name" \
			-Wl,-soname,"$soname" $flags -o "$c/$side/$soname" "$src/$lib"
	done
	local src
	src=$(sources "$name" old)
	"$CC" "${cflags[@]}" -ffile-prefix-map="$src=testdata/explain/cases/$name" -o "$c/old/prog" "$src/prog.c" \
		"$c/old/$soname" -Wl,-rpath,'$ORIGIN'
	run "$name" prog "$soname"
}

if have "$RUSTC"; then
	host=$("$RUSTC" -vV | sed -n 's/^host: //p')
	stdlib=$("$RUSTC" --print sysroot)/lib/rustlib/$host/lib
	want rs_field_added && rust_case rs_field_added "" "-C metadata=plug" "-C metadata=plug"
	want rs_v0_widened && rust_case rs_v0_widened "-C symbol-mangling-version=v0" "-C metadata=plug" "-C metadata=plug"
	want rs_crate_id && rust_case rs_crate_id "" "-C metadata=plug-1" "-C metadata=plug-2"
	want rs_trait_reordered && rust_case rs_trait_reordered "" "-C metadata=plug" "-C metadata=plug"
	want rs_crate_id_v0 && rust_case rs_crate_id_v0 "-C symbol-mangling-version=v0" "-C metadata=plug-1" "-C metadata=plug-2"
	"$RUSTC" --version >"$out/rustc.txt"
	# shellcheck disable=SC2086
	if ! want rs_rustc_version; then
		:
	elif $RUSTC_NIGHTLY --version >/dev/null 2>&1; then
		rustc_new=$RUSTC_NIGHTLY
		stdlib_new=$($RUSTC_NIGHTLY --print sysroot)/lib/rustlib/$host/lib
		rust_case rs_rustc_version "" "-C metadata=plug" "-C metadata=plug"
		$RUSTC_NIGHTLY --version >>"$out/rustc.txt"
		unset rustc_new stdlib_new
	else
		echo "build.sh: $RUSTC_NIGHTLY not found: skipping rs_rustc_version" >&2
	fi
else
	echo "build.sh: $RUSTC not found: skipping the Rust cases" >&2
fi

if have "$CC"; then
	want c_struct_grew && c_case c_struct_grew cfg.c libcfg.so.1 "" ""
	echo 'LIBX_1.0 { global: x_get; x_put; local: *; };' >"$tmp/v1.map"
	echo 'LIBX_2.0 { global: x_get; x_put; local: *; };' >"$tmp/v2.map"
	want c_symver && c_case c_symver x.c libx.so.1 "-Wl,--version-script=$tmp/v1.map" "-Wl,--version-script=$tmp/v2.map"
	want c_renamed && c_case c_renamed x.c libx.so.1 "" ""
	want c_enum_added && c_case c_enum_added mode.c libmode.so.1 "" ""
	"$CC" --version | head -1 >"$out/cc.txt"
else
	echo "build.sh: $CC not found: skipping the C cases" >&2
fi

for c in "$out"/*/; do
	[[ -f $c/run.status ]] || continue
	printf '%s: v1 consumer against v2 provider exits %s\n' "$(basename "$c")" "$(cat "$c/run.status")"
done
