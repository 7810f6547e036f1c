#!/bin/sh
# Rebuilds one C file as an ELF, a Mach-O and a COFF object (clang), and the
# oracle's answer (sizeof/offsetof, by gcc on this machine).
set -eu
cd "$(dirname "$0")"
clang --target=x86_64-linux-gnu -g -c formats.c -o formats-elf.o
clang --target=x86_64-apple-darwin -g -c formats.c -o formats-macho.o
clang --target=x86_64-pc-windows-gnu -g -c formats.c -o formats-coff.o
gcc -o /tmp/formats-oracle oracle.c && /tmp/formats-oracle > expected.txt
