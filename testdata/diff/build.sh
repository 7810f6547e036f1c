#!/usr/bin/env bash
# Rebuilds testdata/diff/bin: the old and new binaries of every annotated case
# in testdata/diff/cases and bin/VERSIONS, the toolchains used. C cases give
# NAME.old.so and NAME.new.so; Rust cases are built four ways, as a no_std
# cdylib and a std dylib, each with legacy and v0 mangling: NAME.old.so for
# the cdylib-legacy build, NAME.VARIANT.old.so for cdylib-v0, dylib-legacy and
# dylib-v0. The Go test harness (diff/cases_test.go) splits each case into its
# two sources and compiles them exactly as it does when it checks a fresh
# build, so there is one definition of how a case is built.
#
# Needs go, rustc (stable: no_std cdylibs, std dylibs), gcc and clang.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
rm -rf testdata/diff/bin
go test ./diff/ -run '^TestCases$' -count=1 -rebuild
ls -l testdata/diff/bin
du -ch testdata/diff/bin/* | tail -1
