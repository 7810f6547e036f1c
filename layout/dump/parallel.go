package dump

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// inParallel calls fn(0) to fn(n-1) on all CPUs, in chunks, and returns the
// error of the lowest i that failed, as a loop would. A panic in fn is that
// i's error: a hostile document must not crash the command.
func inParallel(n int, fn func(i int) error) error {
	const chunk = 256
	errs := make([]error, n)
	chunks := (n + chunk - 1) / chunk
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), chunks) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := int(next.Add(1)) - 1; c < chunks; c = int(next.Add(1)) - 1 {
				for i := c * chunk; i < min((c+1)*chunk, n); i++ {
					errs[i] = call(fn, i)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func call(fn func(i int) error, i int) (err error) {
	if p := catch(func() { err = fn(i) }); p != nil {
		return fmt.Errorf("malformed dump: %v", p)
	}
	return err
}

// catch runs fn and returns what it panicked with (nil when it returned),
// with a fault reading a mapped file that shrank made a panic
// (debug.SetPanicOnFault). For the goroutines the package starts: a panic
// there would end the program; returned, it becomes an error (call) or is
// raised again in the caller's goroutine, where the command reports it.
func catch(fn func()) (failed any) {
	debug.SetPanicOnFault(true)
	defer func() { failed = recover() }()
	fn()
	return nil
}
