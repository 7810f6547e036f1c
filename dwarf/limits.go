package dwarf

// Limits bound what an input file can make the reader allocate or walk.
// The defaults never trouble a real binary; raise them for giant inputs.
type Limits struct {
	// SectionSize is the largest (decompressed) debug section accepted, in bytes.
	SectionSize int64
	// Depth is the deepest nesting of entries or type references followed.
	Depth int
	// Inflation is the most a compressed section may inflate, as a multiple
	// of its compressed size (sections of up to 1 MiB are always accepted):
	// real debug sections inflate 3 to 20 times, bombs a thousand times.
	Inflation int64
}

// DefaultLimits are used when Options.Limits is zero.
var DefaultLimits = Limits{SectionSize: 4 << 30, Depth: 512, Inflation: 128}

// smallSection is the size up to which a compressed section is accepted
// whatever its ratio.
const smallSection = 1 << 20

func (l Limits) orDefault() Limits {
	if l.SectionSize <= 0 {
		l.SectionSize = DefaultLimits.SectionSize
	}
	if l.Depth <= 0 {
		l.Depth = DefaultLimits.Depth
	}
	if l.Inflation <= 0 {
		l.Inflation = DefaultLimits.Inflation
	}
	return l
}

// Limits returns the limits this file was opened with.
func (f *File) Limits() Limits { return f.limits }
