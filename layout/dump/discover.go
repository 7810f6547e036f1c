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
// ("#2"). It returns once the roots (bin's named types, functions and
// variables) have been gone through, whose references then have their
// final ids; finish goes through the rest.
func (w *writer) discover(bin *layout.Binary) *discovery {
	d := &discovery{w: w, bin: bin}
	d.through(len(bin.Types) + len(bin.Functions) + len(bin.Variables))
	return d
}

// finish gives the types the roots reach their ids.
func (d *discovery) finish() {
	for d.next < d.sources() {
		d.through(d.sources())
	}
}

// through goes through the sources from d.next to end, in batches. Nearly
// every lookup of a batch's references misses the cache, so each kind of
// lookup is made for the whole batch in a loop of its own, where the misses
// overlap: whether the references have ids, then the names and base ids of
// those that had none, then whether other types hold those. Then the
// references not known at the start of the batch are gone through in order.
func (d *discovery) through(end int) {
	w := d.w
	const batch = 512 // sources
	for ; d.next < end; d.next = min(d.next+batch, end) {
		last := min(d.next+batch, end)
		d.refs, d.from = d.refs[:0], d.from[:0]
		for src := d.next; src < last; src++ {
			n := len(d.refs)
			d.walk(src, -1)
			for range len(d.refs) - n {
				d.from = append(d.from, int32(src))
			}
		}
		d.news, d.bases = d.news[:0], d.bases[:0]
		for i, t := range d.refs {
			if _, known := w.ids.Get(t); !known {
				d.news = append(d.news, int32(i))
			}
		}
		var sum uint64 // the names, read ahead (ahead.go)
		for _, i := range d.news {
			sum += first(d.refs[i].Name)
		}
		aheadSum.Add(sum)
		for _, i := range d.news {
			d.bases = append(d.bases, baseID(d.refs[i], func() string { return d.place(int(i)) }))
		}
		for _, base := range d.bases {
			_ = w.byID[base]
		}
		for j, i := range d.news {
			if t := d.refs[i]; !w.has(t) {
				w.assign(t, d.bases[j])
			}
		}
	}
}

// place is where d.refs[i] is reached: the place of its source's reference
// of the same number.
func (d *discovery) place(i int) string {
	src, k := d.from[i], 0
	for j := i - 1; j >= 0 && d.from[j] == src; j-- {
		k++
	}
	return d.walk(int(src), k)
}

// discovery walks the sources of references: bin's named types (each a
// reference to itself), functions and variables, then w.queue.
type discovery struct {
	w     *writer
	bin   *layout.Binary
	next  int            // the first source not gone through
	refs  []*layout.Type // a batch's references, in order
	from  []int32        // the source of each
	news  []int32        // the references without an id when the batch began
	bases []string       // the base id of each of news
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

// has reports whether t has an id.
func (w *writer) has(t *layout.Type) bool {
	_, ok := w.ids.Get(t)
	return ok
}

// assign gives t, which has no id yet, its id (base, unless another type
// has it) and, unless it shares the id of a type equal to it, a record of
// its own.
func (w *writer) assign(t *layout.Type, base string) {
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
