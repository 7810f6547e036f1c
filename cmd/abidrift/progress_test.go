package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &buf, name: "lib.so", start: time.Now()}
	p.update(1, 10)
	if buf.Len() != 0 {
		t.Fatalf("drew %q before the delay", buf.String())
	}
	p.start = time.Now().Add(-time.Second)
	p.update(2, 10)
	if got := buf.String(); got != "\rabidrift: reading lib.so: 2/10\033[K" {
		t.Fatalf("line %q", got)
	}
	p.update(3, 10) // too soon to redraw
	if strings.Count(buf.String(), "\r") != 1 {
		t.Fatalf("redrew too soon: %q", buf.String())
	}
	p.update(10, 10)
	if !strings.HasSuffix(buf.String(), "\r\033[K") {
		t.Fatalf("line not erased: %q", buf.String())
	}
	n := buf.Len()
	p.update(10, 10)
	if buf.Len() != n {
		t.Fatalf("erased twice")
	}
}

func TestNoProgressWithoutTerminal(t *testing.T) {
	// Under go test standard error is not a terminal.
	if stderrIsTerminal {
		t.Skip("standard error is a terminal")
	}
	if buildOptions("x").Progress != nil {
		t.Fatal("progress callback without a terminal")
	}
}
