package diff

import (
	"sort"

	"github.com/abidrift/abidrift/dwarf"
	"github.com/abidrift/abidrift/layout"
)

// CompleteCounterparts completes the models of two binaries built for their
// exports only (layout.Options.Exports; a whole model is left alone) with
// the named types each lacks and the other has, so that they compare as
// whole models do: a type reached on one side is compared with its
// definition on the other, reached there or not. open opens the file a
// model comes from again; it is called only when that file has some.
func CompleteCounterparts(old, new *layout.Binary, open func(*layout.Binary) (*dwarf.File, error)) error {
	forOld, forNew := counterparts(old, new)
	for _, side := range []struct {
		bin   *layout.Binary
		names []string
	}{{old, forOld}, {new, forNew}} {
		if !side.bin.ExportsOnly || len(side.names) == 0 {
			continue
		}
		reopen := func() (*dwarf.File, error) { return open(side.bin) }
		if err := layout.Complete(side.bin, side.names, reopen, 0); err != nil {
			return err
		}
	}
	return nil
}

// counterparts lists the names of the named types each model lacks and the
// other has.
func counterparts(old, new *layout.Binary) (forOld, forNew []string) {
	names := func(b *layout.Binary) map[string]bool {
		m := make(map[string]bool, len(b.Types))
		for _, t := range b.Types {
			m[t.Name] = true
		}
		return m
	}
	on, nn := names(old), names(new)
	lacking := func(from, in map[string]bool) []string {
		var out []string
		for n := range from {
			if !in[n] {
				out = append(out, n)
			}
		}
		sort.Strings(out)
		return out
	}
	return lacking(nn, on), lacking(on, nn)
}
