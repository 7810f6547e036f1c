package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles writes a CPU profile to $ABIDRIFT_CPUPROFILE and a heap
// profile to $ABIDRIFT_MEMPROFILE when they are set, for `go tool pprof`;
// without the latter, it turns allocation sampling off.
// The returned function finishes them.
func startProfiles() (stop func()) {
	cpu, mem := os.Getenv("ABIDRIFT_CPUPROFILE"), os.Getenv("ABIDRIFT_MEMPROFILE")
	if mem == "" {
		// Sampling allocations for a profile nobody reads costs a stack
		// walk per 512 KiB allocated: nearly 1 % of a dump.
		runtime.MemProfileRate = 0
	}
	var cpuFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "abidrift: cpu profile: %v\n", err)
		} else {
			cpuFile = f
		}
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			cpuFile.Close()
		}
		if mem != "" {
			f, err := os.Create(mem)
			if err == nil {
				runtime.GC()
				err = pprof.WriteHeapProfile(f)
				f.Close()
			}
			if err != nil {
				fmt.Fprintf(os.Stderr, "abidrift: memory profile: %v\n", err)
			}
		}
	}
}
