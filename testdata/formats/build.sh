#!/bin/sh
# Rebuilds one C file as an ELF, a Mach-O and a COFF object (clang), and the
# oracle's answer (sizeof/offsetof, by gcc on this machine).
set -eu
cd "$(dirname "$0")"
clang --target=x86_64-linux-gnu -g -c formats.c -o formats-elf.o
clang --target=x86_64-apple-darwin -g -c formats.c -o formats-macho.o
clang --target=x86_64-pc-windows-gnu -g -c formats.c -o formats-coff.o
gcc -o /tmp/formats-oracle oracle.c && /tmp/formats-oracle > expected.txt
# One shared object whose units use DWARF 2, 4 and 5.
gcc -g -gdwarf-2 -fPIC -c formats.c -o /tmp/formats-v2.o
gcc -g -gdwarf-4 -fPIC -c second.c -o /tmp/second-v4.o
gcc -g -gdwarf-5 -fPIC -c third.c -o /tmp/third-v5.o
gcc -shared -o formats-mixed.so /tmp/formats-v2.o /tmp/second-v4.o /tmp/third-v5.o
# A stripped library whose DWARF lives in a separate file named by .gnu_debuglink.
objcopy --only-keep-debug formats-mixed.so formats-mixed.debug
objcopy --strip-debug --add-gnu-debuglink=formats-mixed.debug formats-mixed.so formats-stripped.so
