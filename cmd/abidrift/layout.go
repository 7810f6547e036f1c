package main

import (
	"fmt"

	"github.com/abidrift/abidrift/layout/render"
)

func runLayout(c *cli, args []string) int {
	fs := c.flags("layout", "[flags] BINARY [NAME...]",
		"Print the layout of structs, unions and enums: each field's offset and size, holes and\n"+
			"trailing padding, and for enums the tag or niche and every variant with its discriminant.\n"+
			"NAME matches a type's full name (crate::module::Type), its last path segment (Type),\n"+
			"or that segment without generic arguments (Option). Without NAME, every type is shown.")
	var rf readFlags
	rf.register(fs, "text", "json")
	if st := c.parse(fs, args); st >= 0 {
		return st
	}
	if err := rf.checkFormat(); err != nil {
		return c.usageError("layout", "%v", err)
	}
	if fs.NArg() < 1 {
		return c.usageError("layout", "missing BINARY")
	}
	bin, err := rf.load(fs.Arg(0), fs.Args()[1:]...)
	if err != nil {
		return c.fail(err)
	}
	names := fs.Args()[1:]
	entries := render.Select(bin, names)
	if len(entries) == 0 && len(names) > 0 {
		return c.fail(fmt.Errorf("%s: no struct, union or enum named %v", fs.Arg(0), names))
	}
	if rf.format == "json" {
		err = render.WriteLayoutJSON(c.stdout, entries)
	} else {
		err = render.WriteLayoutText(c.stdout, entries)
	}
	if err != nil {
		return c.fail(err)
	}
	return exitOK
}
