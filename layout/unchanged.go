package layout

import "slices"

// Shells name the exported candidates of a binary that an exports-only
// Build makes as shells: the function or variable without the types it
// reaches (no parameters, result or type), marked with its print
// (Function.Print, Variable.Print). Unchanged gives them.
type Shells struct {
	file  string
	units []map[int32]uint64 // per unit: entry index -> print
	// surveys are the units' surveys Fingerprint took, which the build
	// takes over rather than surveying every unit again.
	surveys []unitSurvey
	// opened are the units as Fingerprint opened them, with
	// Options.KeepUnits: the build indexes them no more.
	opened []*surveyor
}

// Unchanged compares the prints of two builds and returns, for each, the
// candidates whose print, and the prints of every named type they reach,
// are the same in the other: the ones diff need not build. A named type is
// the same when each build defines it with equal prints and refers only to
// such types; its copies in other units of a build are not printed
// (Fingerprint), since merge keeps one definition per kind, name and size,
// whatever the others hold. Prints do not cover the vtables diff pairs with
// the trait objects reached: diff.ShellsPaired checks them.
func Unchanged(old, new *Prints) (oldShells, newShells *Shells) {
	if old == nil || new == nil {
		return nil, nil
	}
	sides := [2]*Prints{old, new}
	// There are at least as many named types as the largest unit refers
	// to, and seldom more than twice as many: room for them up front.
	n := 0
	for _, p := range sides {
		for _, u := range p.units {
			n = max(n, 2*len(u.names))
		}
	}
	ids := make(map[uint64]int32, n)
	// Per side and named type (by id): the print of its definition and
	// whether it has one.
	var def [2][]uint64
	var defined [2][]bool
	unstable := make([]bool, 0, n)
	var refs []ref // between the named types of both sides
	idOf := func(key uint64) int32 {
		id, ok := ids[key]
		if !ok {
			id = int32(len(ids))
			ids[key] = id
			for s := range sides {
				def[s], defined[s] = append(def[s], 0), append(defined[s], false)
			}
			unstable = append(unstable, false)
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
				switch {
				case n.elsewhere:
					continue // printed by another unit
				case n.bad || !n.def:
					unstable[id] = true
					continue
				}
				def[s][id], defined[s][id] = n.hash, true
				for _, r := range p.units[u].refsOf(n.refs) {
					refs = append(refs, ref{from: id, to: local[s][u][r]})
				}
			}
		}
	}
	users := usersOf(refs, len(unstable))
	var work []int32
	for id := range unstable {
		if unstable[id] || !defined[0][id] || !defined[1][id] || def[0][id] != def[1][id] {
			unstable[id] = true
			work = append(work, int32(id))
		}
	}
	for len(work) > 0 {
		id := work[len(work)-1]
		work = work[:len(work)-1]
		for _, u := range users.of(id) {
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
		sh := &Shells{file: p.file, units: make([]map[int32]uint64, len(p.units)), surveys: p.surveys, opened: p.opened}
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

// ref is a reference from the definition of one named type to another.
type ref struct{ from, to int32 }

// users lists, for each named type, those whose definitions refer to it:
// users of id are list[start[id]:start[id+1]].
type users struct{ start, list []int32 }

// usersOf turns refs among n named types into their users.
func usersOf(refs []ref, n int) users {
	u := users{start: make([]int32, n+1), list: make([]int32, len(refs))}
	for _, r := range refs {
		u.start[r.to+1]++
	}
	for id := range n {
		u.start[id+1] += u.start[id]
	}
	next := slices.Clone(u.start[:n])
	for _, r := range refs {
		u.list[next[r.to]] = r.from
		next[r.to]++
	}
	return u
}

func (u users) of(id int32) []int32 { return u.list[u.start[id]:u.start[id+1]] }

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

// survey returns the survey of unit u of the file at path, which has units
// units, as Fingerprint took it; ok is false when s was not made for that file.
func (s *Shells) survey(path string, u, units int) (sv unitSurvey, ok bool) {
	if s == nil || s.file != path || len(s.surveys) != units {
		return unitSurvey{}, false
	}
	return s.surveys[u], true
}

// take returns unit u of the file at path, which has units units, as
// Fingerprint opened it, and lets s forget it; nil when s kept none.
func (s *Shells) take(path string, u, units int) *surveyor {
	if s == nil || s.file != path || len(s.opened) != units {
		return nil
	}
	o := s.opened[u]
	s.opened[u] = nil
	return o
}
