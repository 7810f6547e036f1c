package dump

import (
	"fmt"
	"runtime"
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
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("malformed dump: %v", p)
		}
	}()
	return fn(i)
}
