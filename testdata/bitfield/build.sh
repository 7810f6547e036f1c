#!/bin/sh
# Rebuilds the bitfield fixtures: one relocatable object per DWARF version
# (2 and 3 use DW_AT_bit_offset, 5 uses DW_AT_data_bit_offset) and the oracle output.
set -eu
cd "$(dirname "$0")"
for v in 2 3 4 5; do gcc -g -gdwarf-$v -c bitfield.c -o bitfield-dwarf$v.o; done
gcc -o /tmp/bitfield-oracle oracle.c && /tmp/bitfield-oracle > expected.txt
