// Command barewalk is the baseline of testdata/bench/bench.sh: it opens an
// ELF file with the standard library and decodes every DWARF entry once with
// debug/dwarf's Reader, keeping nothing. Run it with GOMAXPROCS=1 for the
// single-threaded baseline.
package main

import (
	"debug/elf"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: barewalk ELF-FILE")
		os.Exit(2)
	}
	f, err := elf.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "barewalk:", err)
		os.Exit(1)
	}
	d, err := f.DWARF()
	if err != nil {
		fmt.Fprintln(os.Stderr, "barewalk:", err)
		os.Exit(1)
	}
	r := d.Reader()
	n := 0
	for {
		e, err := r.Next()
		if err != nil {
			fmt.Fprintln(os.Stderr, "barewalk:", err)
			os.Exit(1)
		}
		if e == nil {
			break
		}
		n++
	}
	fmt.Println(n, "entries")
}
