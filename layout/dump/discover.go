package dump

import (
	"strconv"

	"github.com/abidrift/abidrift/layout"
)

// discover gives every type the records of bin reach its id, in the order
// the records meet them: the named types, the functions and the variables
// of bin, then the types with a record of their own in the order they were
// given their ids (breadth first). That order decides the ids of unnamed
// aggregates (by the place that first reaches them) and of clashing names
// ("#2"). The records' references are looked up in batches, in a loop of
// its own whose cache misses (nearly every lookup is one) overlap; only the
// references not known at the start of a batch are then gone through in
// order.
func (w *writer) discover(bin *layout.Binary) {
	d := discovery{w: w, bin: bin}
	const batch = 512 // sources
	for next := 0; next < d.sources(); {
		end := min(next+batch, d.sources())
		d.refs, d.from = d.refs[:0], d.from[:0]
		for src := next; src < end; src++ {
			n := len(d.refs)
			d.walk(src, -1)
			for range len(d.refs) - n {
				d.from = append(d.from, int32(src))
			}
		}
		if cap(d.known) < len(d.refs) {
			d.known = make([]bool, 2*len(d.refs))
		}
		d.known = d.known[:len(d.refs)]
		for i, t := range d.refs {
			_, d.known[i] = w.ids.Get(t)
		}
		k := 0 // the reference's number in its source
		for i, t := range d.refs {
			if i > 0 && d.from[i] != d.from[i-1] {
				k = 0
			}
			if !d.known[i] {
				if _, ok := w.ids.Get(t); !ok {
					src, k := int(d.from[i]), k
					w.assign(t, func() string { return d.walk(src, k) })
				}
			}
			k++
		}
		next = end
	}
}

// discovery walks the sources of references: bin's named types (each a
// reference to itself), functions and variables, then w.queue.
type discovery struct {
	w     *writer
	bin   *layout.Binary
	refs  []*layout.Type // a batch's references, in order
	from  []int32        // the source of each
	known []bool         // whether each had an id when the batch began
}

func (d *discovery) sources() int {
	return len(d.bin.Types) + len(d.bin.Functions) + len(d.bin.Variables) + len(d.w.queue)
}

// walk appends the types source src references to d.refs, in the order
// its record names them, when want is negative; otherwise it returns the
// place of its want-th reference (from 0), where an unnamed aggregate
// first met there takes its id from.
func (d *discovery) walk(src, want int) string {
	k := 0
	// at notes the reference t; it reports whether t is the wanted one.
	at := func(t *layout.Type) bool {
		if t == nil {
			return false
		}
		if want < 0 {
			d.refs = append(d.refs, t)
			return false
		}
		k++
		return k-1 == want
	}
	bin := d.bin
	if src < len(bin.Types) {
		at(bin.Types[src])
		return ""
	}
	if src -= len(bin.Types); src < len(bin.Functions) {
		fn := bin.Functions[src]
		place := func() string {
			if fn.LinkageName != "" {
				return "fn:" + fn.LinkageName
			}
			return "fn:" + fn.Name
		}
		if at(fn.Result) {
			return place() + "/result"
		}
		for i, tp := range fn.Templates {
			if at(tp.Type) {
				return place() + "/template:" + strconv.Itoa(i)
			}
		}
		for i, p := range fn.Params {
			if at(p.Type) {
				return place() + "/param:" + strconv.Itoa(i)
			}
		}
		return ""
	}
	if src -= len(bin.Functions); src < len(bin.Variables) {
		v := bin.Variables[src]
		if at(v.Type) {
			return "var:" + v.Name
		}
		return ""
	}
	t := d.w.queue[src-len(bin.Variables)]
	id := func() string {
		id, _ := d.w.ids.Get(t)
		return id
	}
	if at(t.Elem) {
		return id() + "/elem"
	}
	for i, f := range t.Fields {
		if at(f.Type) {
			return id() + "/field:" + slot(f.Name, i)
		}
	}
	if t.Tag != nil && at(t.Tag.Type) {
		return id() + "/tag"
	}
	for i, v := range t.Variants {
		if at(v.Type) {
			return id() + "/variant:" + slot(v.Name, i)
		}
		for j, f := range v.Fields {
			if at(f.Type) {
				return id() + "/variant:" + slot(v.Name, i) + "/field:" + slot(f.Name, j)
			}
		}
	}
	for i, tp := range t.Templates {
		if at(tp.Type) {
			return id() + "/template:" + strconv.Itoa(i)
		}
	}
	for i, p := range t.Params {
		if at(p) {
			return id() + "/param:" + strconv.Itoa(i)
		}
	}
	if at(t.Result) {
		return id() + "/result"
	}
	return ""
}

// assign gives t, which has no id yet, its id (from its name, spelling or
// place) and, unless it shares the id of a type equal to it, a record of
// its own. place names where t is first reached; it is called only for an
// unnamed struct, union or enum.
func (w *writer) assign(t *layout.Type, place func() string) {
	base := baseID(t, place)
	id := base
	for n := 2; ; n++ {
		u, taken := w.byID[id]
		if !taken {
			w.byID[id] = t
			w.ids.Set(t, id)
			w.queue = append(w.queue, t)
			return
		}
		if w.eq.equal(t, u) {
			w.ids.Set(t, id)
			return
		}
		id = base + "#" + strconv.Itoa(n)
	}
}
