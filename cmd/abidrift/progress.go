package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/abidrift/abidrift/layout"
)

// Reading a large binary takes seconds; when standard error is a terminal,
// a line there says how far it has got ("abidrift: reading libbig.so:
// 37/120"), counting the units of the binary as they are indexed and then
// built. Nothing is shown for reads shorter than half a second, nor when
// standard error is not a terminal (a pipe, a file, tests).

var stderrIsTerminal = isTerminal(os.Stderr)

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// buildOptions are the layout.Options for reading path.
func buildOptions(path string) layout.Options {
	if !stderrIsTerminal {
		return layout.Options{}
	}
	p := &progress{w: os.Stderr, name: filepath.Base(path), start: time.Now()}
	return layout.Options{Progress: p.update}
}

// progress draws one line that it rewrites in place and erases at the end.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	name  string
	start time.Time
	last  time.Time
	shown bool
}

const (
	progressDelay = 500 * time.Millisecond // show nothing for quicker reads
	progressEvery = 100 * time.Millisecond // redraw at most this often
)

// update is the layout.Options.Progress callback; it may be called from
// several goroutines.
func (p *progress) update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if done >= total {
		if p.shown {
			fmt.Fprint(p.w, "\r\033[K")
			p.shown = false
		}
		return
	}
	now := time.Now()
	if now.Sub(p.start) < progressDelay || now.Sub(p.last) < progressEvery {
		return
	}
	p.last, p.shown = now, true
	fmt.Fprintf(p.w, "\rabidrift: reading %s: %d/%d\033[K", p.name, done, total)
}
