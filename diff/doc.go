// Package diff finds the ABI differences between two builds of a library.
//
// Like golang.org/x/exp/apidiff it keeps two ideas apart. Correspondence
// (match.go) decides which old function, variable, type, field and variant is
// which new one: functions and variables by a stable key (the linkage name
// without rustc's legacy hash, or the unmangled symbol), types by qualified
// name, unnamed types by their place in the parent that holds them. Rules
// then judge each pair and each thing left over; they live in small files by
// subject (binary.go, symbols.go, functions.go, variables.go, types.go,
// fields.go, enums.go, vtables.go) and give every Change a stable Kind and a
// Severity following ABI-NOTES section 6. Scope (scope.go) limits the
// comparison to what exported functions and variables reach and computes,
// for each change, the paths from them to it.
//
// The Report is plain data; package diff/render prints it.
package diff
