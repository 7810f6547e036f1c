package sig

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// WriteJSON writes r as one indented JSON document.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes r for people: per function a header line and a table of
// its parameters and result with how each is passed.
func WriteText(w io.Writer, r *Report) error {
	for _, n := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	for i, fn := range r.Functions {
		if i > 0 || len(r.Notes) > 0 {
			fmt.Fprintln(w)
		}
		if err := writeFunction(w, &fn); err != nil {
			return err
		}
	}
	if r.Omitted > 0 {
		if len(r.Functions) > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%d exported function(s) with no DWARF signature not shown: name them, or pass --all\n", r.Omitted)
	}
	return nil
}

func writeFunction(w io.Writer, fn *Function) error {
	sym := fn.Symbol
	switch {
	case fn.Version != "" && fn.VersionHidden:
		sym += "@" + fn.Version
	case fn.Version != "":
		sym += "@@" + fn.Version
	}
	how := "inferred"
	if !fn.ABIInferred {
		how = "from " + fn.ABIReason
	}
	fmt.Fprintf(w, "fn %s  (%s, ABI: %s %s)\n", fn.Name, sym, fn.ABI, how)
	if fn.Signature {
		if err := writeTable(w, fn); err != nil {
			return err
		}
	}
	for _, c := range fn.Checks {
		if !c.Agree {
			msg := fmt.Sprintf("check: parameter %d (%s) predicted in %s but DWARF has it in %s at the entry", c.Param, c.Name, c.Predicted, c.Entry)
			if c.Note != "" {
				msg += ": " + c.Note
			}
			fmt.Fprintln(w, msg)
		}
	}
	for _, n := range fn.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	return nil
}

func writeTable(w io.Writer, fn *Function) error {
	withEntry := false
	for _, p := range fn.Params {
		if p.Entry != "" {
			withEntry = true
		}
	}
	header := []any{"#", "param", "type", "size", "passed"}
	if withEntry {
		header = append(header, "DWARF at entry")
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleASCII)})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	)
	t.Header(header...)
	for i, p := range fn.Params {
		row := []string{strconv.Itoa(i), p.Name, p.Type, size(p.Size), PassString(p.Pass)}
		if withEntry {
			row = append(row, entryCell(p))
		}
		if err := t.Append(row); err != nil {
			return err
		}
	}
	row := []string{"ret", "", "", "", ""}
	switch {
	case fn.Ret != nil:
		row[2], row[3], row[4] = fn.Ret.Type, size(fn.Ret.Size), RetString(fn.Ret.Pass)
	case fn.NoReturn:
		row[2], row[3], row[4] = "!", "0", "does not return"
	default:
		row[2], row[3], row[4] = "void", "0", "none"
	}
	if withEntry {
		row = append(row, "")
	}
	if err := t.Append(row); err != nil {
		return err
	}
	return t.Render()
}

func entryCell(p Param) string {
	switch {
	case p.Entry == "":
		return ""
	case p.Check == nil:
		return p.Entry
	case p.Check.Agree:
		return p.Entry + " (agrees)"
	}
	return p.Entry + " (DISAGREES)"
}

func size(n int64) string {
	if n < 0 {
		return "?"
	}
	return strconv.FormatInt(n, 10)
}
