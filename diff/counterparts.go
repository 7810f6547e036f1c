package diff

import (
	"slices"

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
// other has, sorted.
func counterparts(old, new *layout.Binary) (forOld, forNew []string) {
	on, nn := sortedNames(old), sortedNames(new)
	for len(on) > 0 || len(nn) > 0 {
		switch {
		case len(nn) == 0 || len(on) > 0 && on[0] < nn[0]:
			forNew, on = append(forNew, on[0]), on[1:]
		case len(on) == 0 || nn[0] < on[0]:
			forOld, nn = append(forOld, nn[0]), nn[1:]
		default:
			on, nn = on[1:], nn[1:]
		}
	}
	return forOld, forNew
}

// sortedNames lists the names of b's named types once each, sorted (as
// Build sorts its types already).
func sortedNames(b *layout.Binary) []string {
	names := make([]string, len(b.Types))
	for i, t := range b.Types {
		names[i] = t.Name
	}
	if !slices.IsSorted(names) {
		slices.Sort(names)
	}
	return slices.Compact(names)
}
