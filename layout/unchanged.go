package layout

import "slices"

// Shells name the exported candidates of a binary that an exports-only
// Build makes as shells: the function or variable without the types it
// reaches (no parameters, result or type), marked with its print
// (Function.Print, Variable.Print). Unchanged gives them.
type Shells struct {
	file  string
	units []map[int32]uint64 // per unit: entry index -> print
}

// Unchanged compares the prints of two builds and returns, for each, the
// candidates whose print, and the prints of every named type they reach,
// are the same in the other: the ones diff need not build. A named type is
// the same when each build defines it once over (every unit's copy alike)
// with equal prints and refers only to such types. Prints do not cover the
// vtables diff pairs with the trait objects reached: diff.ShellsPaired
// checks them.
func Unchanged(old, new *Prints) (oldShells, newShells *Shells) {
	if old == nil || new == nil {
		return nil, nil
	}
	sides := [2]*Prints{old, new}
	ids := map[uint64]int32{}
	var defs [2][][]uint64 // by side and id: the distinct prints of its definitions
	var unstable []bool
	var users [][]int32 // by id: the ids whose definitions refer to it
	idOf := func(key uint64) int32 {
		id, ok := ids[key]
		if !ok {
			id = int32(len(ids))
			ids[key] = id
			defs[0], defs[1] = append(defs[0], nil), append(defs[1], nil)
			unstable = append(unstable, false)
			users = append(users, nil)
		}
		return id
	}
	local := [2][][]int32{} // by side and unit: name slot -> id
	for s, p := range sides {
		local[s] = make([][]int32, len(p.units))
		for u := range p.units {
			names := p.units[u].names
			m := make([]int32, len(names))
			for k := range names {
				m[k] = idOf(names[k].key)
			}
			local[s][u] = m
		}
		for u := range p.units {
			for k, n := range p.units[u].names {
				id := local[s][u][k]
				if n.bad || !n.def {
					unstable[id] = true
					continue
				}
				if slices.Contains(defs[s][id], n.hash) {
					continue // another unit's copy: the same references
				}
				defs[s][id] = append(defs[s][id], n.hash)
				for _, r := range p.units[u].refsOf(n.refs) {
					users[local[s][u][r]] = append(users[local[s][u][r]], id)
				}
			}
		}
	}
	var work []int32
	for id := range unstable {
		o, n := defs[0][id], defs[1][id]
		if unstable[id] || len(o) != 1 || len(n) != 1 || o[0] != n[0] {
			unstable[id] = true
			work = append(work, int32(id))
		}
	}
	for len(work) > 0 {
		id := work[len(work)-1]
		work = work[:len(work)-1]
		for _, u := range users[id] {
			if !unstable[u] {
				unstable[u] = true
				work = append(work, u)
			}
		}
	}
	// An item is unchanged when its print is among the other build's
	// stable items.
	var stable [2]map[uint64]bool
	for s, p := range sides {
		stable[s] = map[uint64]bool{}
		eachStableItem(p, local[s], unstable, func(u int, it itemPrint) { stable[s][it.hash] = true })
	}
	var out [2]*Shells
	for s, p := range sides {
		sh := &Shells{file: p.file, units: make([]map[int32]uint64, len(p.units))}
		other := stable[1-s]
		eachStableItem(p, local[s], unstable, func(u int, it itemPrint) {
			if other[it.hash] {
				if sh.units[u] == nil {
					sh.units[u] = map[int32]uint64{}
				}
				sh.units[u][it.idx] = it.hash
			}
		})
		out[s] = sh
	}
	return out[0], out[1]
}

// eachStableItem calls fn with the items of p that were fingerprinted and
// reach only stable named types.
func eachStableItem(p *Prints, local [][]int32, unstable []bool, fn func(u int, it itemPrint)) {
	for u := range p.units {
	items:
		for _, it := range p.units[u].items {
			if it.bad {
				continue
			}
			for _, r := range p.units[u].refsOf(it.refs) {
				if unstable[local[u][r]] {
					continue items
				}
			}
			fn(u, it)
		}
	}
}

// of returns the shells to make in unit u of the file at path, which has
// units units; nil when s was not made for that file.
func (s *Shells) of(path string, u, units int) map[int32]uint64 {
	if s == nil || s.file != path || len(s.units) != units {
		return nil
	}
	return s.units[u]
}
