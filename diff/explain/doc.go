// Package explain says why a consumer (a program or a library) fails to
// load with a rebuilt provider library, or loads and then misbehaves.
//
// It works in the order a person asks the questions:
//
//   - Which references are missing? The consumer's undefined, non-weak
//     dynamic symbols are bound, with their symbol versions, against the
//     provider and the DT_NEEDED closure of both, found the way the loader
//     finds them (resolve.go). Nothing is executed or mapped.
//   - What became of each? Its counterpart in the provider is found by the
//     stable key layout gives exports (the demangled path without legacy
//     hash or v0 disambiguator), by name at another version, or by edit
//     distance; the cause is the crate as a whole (another StableCrateId:
//     -C metadata or rustc, read from rust_metadata_* symbols, v0
//     disambiguators, the `.rustc` header, DW_AT_producer and `.comment`),
//     the item, the version, a rename or a removal (cause.go, rustc.go).
//   - What did the consumer expect? Its own DWARF records the types it was
//     compiled against: the provider's signatures are rebuilt over those
//     types (view.go) and compared with package diff, so the old provider
//     is not needed (compare.go). Differences reached from symbols that do
//     resolve are silent breaks.
//
// ParseLoaderError reads the loader's own message, so that the explanation
// starts with what it names. The Report is plain data; Text, Markdown and
// JSON print it, the last as abidrift.explain/v1 with package diff's change
// objects.
package explain
