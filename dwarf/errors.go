// Package dwarf opens object files (ELF, Mach-O, PE), assembles their DWARF
// sections by hand, and exposes the raw debugging entries together with the
// forms their attributes were encoded with.
package dwarf

import (
	"errors"
	"fmt"
)

// Error says where in which file reading failed. Section and Offset are
// optional: an empty Section or a negative Offset means "not known".
type Error struct {
	File    string
	Section string
	Offset  int64
	Err     error
}

func (e *Error) Error() string {
	s := e.File
	if e.Section != "" {
		s += ": section " + e.Section
	}
	if e.Offset >= 0 {
		s += fmt.Sprintf(" at offset %#x", e.Offset)
	}
	return s + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// ErrNoDWARF is wrapped by the error returned for files without debugging information.
var ErrNoDWARF = errors.New("no DWARF debugging information")

// ErrLimit is wrapped by errors that stop reading because an input-controlled
// quantity passed one of the Limits.
var ErrLimit = errors.New("limit exceeded")

func (f *File) errorf(section string, off int64, format string, args ...any) error {
	return &Error{File: f.Path, Section: section, Offset: off, Err: fmt.Errorf(format, args...)}
}
