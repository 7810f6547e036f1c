package dwarf

import (
	"cmp"
	"debug/dwarf"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
)

// Entries returns a reader over the entries of u, starting at its unit entry.
// Readers of different units may be used from different goroutines.
func (f *File) Entries(u *Unit) *dwarf.Reader {
	r := f.Data.Reader()
	r.Seek(u.First)
	return r
}

// EachUnit calls fn for every unit, on up to workers goroutines (all CPUs when
// workers <= 0). It returns the error of the earliest unit that failed.
func (f *File) EachUnit(workers int, fn func(i int, u *Unit) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, len(f.units))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(workers, len(f.units)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			debug.SetPanicOnFault(true) // a mapped file cut short while read: an error, not a crash
			for i := range next {
				errs[i] = f.safely(func() error { return fn(i, f.units[i]) })
			}
		}()
	}
	for _, i := range f.largestFirst() {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// largestFirst lists the indexes of f's units from the largest down, so
// that a large unit is not left for one worker at the end while the others
// idle (rustc's codegen units differ in size by 10x and more).
func (f *File) largestFirst() []int {
	order := make([]int, len(f.units))
	for i := range order {
		order[i] = i
	}
	size := func(i int) dwarf.Offset { return f.units[i].End - f.units[i].First }
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(size(b), size(a)) })
	return order
}

// safely runs fn, turning a panic from the standard decoders into an error.
func (f *File) safely(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = f.errorf(".debug_info", -1, "malformed DWARF: %v", r)
		}
	}()
	return fn()
}

// DecodeErr converts an error from a debug/dwarf reader of this file into an
// *Error naming the file and offset.
func (f *File) DecodeErr(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*Error); ok {
		return err
	}
	return f.decodeErr(err)
}
