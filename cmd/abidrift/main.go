// Command abidrift reads DWARF from binaries, rebuilds the layouts of their
// types and the signatures of their exported functions, and finds ABI breaks.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"
)

// Exit statuses, as abidiff's bitmask.
const (
	exitOK           = 0
	exitError        = 1
	exitUsage        = 2
	exitChange       = 4
	exitIncompatible = 8
)

// command is one subcommand.
type command struct {
	name, args, summary string
	run                 func(c *cli, args []string) int
}

func commands() []command {
	return []command{
		{"layout", "[flags] BINARY [NAME...]", "print type layouts: offsets, sizes, holes, enum tags, niches, variants", runLayout},
		{"sig", "[flags] BINARY [NAME...]", "print exported functions and how every argument and result is passed", runSig},
		{"diff", "[flags] OLD NEW", "report ABI changes between two builds (binaries or dumps), by severity", runDiff},
		{"dump", "[-o FILE] [--format json] BINARY", "write the ABI model as a JSON baseline (abidrift.dump/v1)", runDump},
		{"explain", "[flags] CONSUMER PROVIDER", "explain why a program or library fails to load with a rebuilt library, or misbehaves", runExplain},
	}
}

// cli carries the output streams of one invocation.
type cli struct {
	stdout, stderr io.Writer
}

func main() {
	stop := startProfiles()
	status := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(status)
}

// run executes abidrift with args and returns its exit status.
func run(args []string, stdout, stderr io.Writer) (status int) {
	c := &cli{stdout: stdout, stderr: stderr}
	// Inputs are mapped (dwarf.Options.Map): one cut short while read
	// faults, which is then reported, not a crash.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "abidrift: internal error: %v\n", r)
			status = exitError
		}
	}()
	if len(args) == 0 {
		c.usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		c.usage(stdout)
		return exitOK
	}
	for _, cmd := range commands() {
		if cmd.name == args[0] {
			return cmd.run(c, args[1:])
		}
	}
	fmt.Fprintf(stderr, "abidrift: unknown command %q\n", args[0])
	c.usage(stderr)
	return exitUsage
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprintln(w, "abidrift: find ABI breaks in Rust, C and C++ libraries from their DWARF debug info.")
	fmt.Fprintln(w, "\nUsage:")
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  abidrift %s %s\n      %s\n", cmd.name, cmd.args, cmd.summary)
	}
	fmt.Fprintln(w, "\nRun 'abidrift COMMAND --help' for a command's flags.")
}

// flags makes a flag set for a subcommand whose --help prints its usage.
func (c *cli) flags(cmd, args, about string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(cmd, pflag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: abidrift %s %s\n\n%s\n\nFlags:\n%s", cmd, args, about, fs.FlagUsages())
	}
	return fs
}

// parse parses args; it returns the exit status to stop with, or -1 to go on.
// --help prints the usage on stdout; a bad flag is reported once on stderr.
func (c *cli) parse(fs *pflag.FlagSet, args []string) int {
	usage := fs.Usage
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.Usage = usage
	if errors.Is(err, pflag.ErrHelp) {
		fs.SetOutput(c.stdout)
		fs.Usage()
		return exitOK
	}
	fs.SetOutput(c.stderr)
	if err != nil {
		return c.usageError(fs.Name(), "%v", err)
	}
	return -1
}

// fail prints err as one line and returns the error status.
func (c *cli) fail(err error) int {
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	fmt.Fprintf(c.stderr, "abidrift: %s\n", msg)
	return exitError
}

// usageError prints a usage problem and returns the usage status.
func (c *cli) usageError(cmd, format string, args ...any) int {
	fmt.Fprintf(c.stderr, "abidrift %s: %s\n", cmd, fmt.Sprintf(format, args...))
	fmt.Fprintf(c.stderr, "Run 'abidrift %s --help' for usage.\n", cmd)
	return exitUsage
}
