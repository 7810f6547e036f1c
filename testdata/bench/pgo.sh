#!/usr/bin/env bash
# Regenerates cmd/abidrift/default.pgo, the CPU profile `go build` optimizes
# abidrift with (profile-guided optimization, -pgo=auto): abidrift dump and
# diff of the 1x and 2x benchmark inputs (built by bench.sh), profiled with a
# build that uses no profile, and merged. A profile only guides inlining and
# code layout: it never changes what abidrift computes. Run it on an idle
# machine after changes that move the hot paths.
#
# Usage: testdata/bench/pgo.sh
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
dir=${ABIDRIFT_BENCH_DIR:-/tmp/abidrift-bench}
"$repo/testdata/bench/bench.sh" --inputs-only -s "1 2"
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
(cd "$repo" && go build -pgo=off -o "$prof/abidrift" ./cmd/abidrift)
# diff exits 4 or 12 when it finds changes (which the inputs plant); 1 and 2
# are errors.
changes() { [ "$1" -ge 4 ]; }
for s in 1 2; do
	for i in 1 2 3; do
		ABIDRIFT_CPUPROFILE=$prof/dump-$s-$i.prof "$prof/abidrift" dump "$dir/gen-${s}x-v1.so" > /dev/null
		ABIDRIFT_CPUPROFILE=$prof/diff-$s-$i.prof "$prof/abidrift" diff "$dir/gen-${s}x-v1.so" "$dir/gen-${s}x-v2.so" > /dev/null ||
			changes $?
	done
done
go tool pprof -proto "$prof"/*.prof > "$repo/cmd/abidrift/default.pgo"
echo "pgo.sh: wrote cmd/abidrift/default.pgo from $(ls "$prof"/*.prof | wc -l) profiles" >&2
