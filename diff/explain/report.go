package explain

import (
	"github.com/abidrift/abidrift/diff"
)

// Cause says why a symbol the consumer needs is not defined any more.
type Cause string

// The causes, from the crate as a whole down to one item.
const (
	// CauseCrateIdentity: every symbol of a Rust crate changed because the
	// crate's StableCrateId changed (another -C metadata, crate name or
	// kind) while the rustc stayed the same; the code need not have changed.
	CauseCrateIdentity Cause = "crate-identity-changed"
	// CauseRustcVersion: every symbol of a Rust crate changed because the
	// provider was built by another rustc (its version is part of the
	// StableCrateId).
	CauseRustcVersion Cause = "rustc-version-changed"
	// CauseItemChanged: the item is still there under a new legacy hash,
	// and its signature or a type it reaches changed (Changes say how).
	CauseItemChanged Cause = "item-changed"
	// CauseHashChanged: the item is still there under a new hash, but
	// DWARF shows no difference in its signature or the types it reaches.
	CauseHashChanged Cause = "hash-changed"
	// CauseVersionMismatch: the provider defines the name, but not at the
	// symbol version the consumer was linked against.
	CauseVersionMismatch Cause = "version-mismatch"
	// CauseRenamed: no item has the same path; Candidate is a close one.
	CauseRenamed Cause = "renamed"
	// CauseRemoved: no item has the same or a close path.
	CauseRemoved Cause = "removed"
)

// Candidate is an exported symbol of the provider offered as the
// counterpart of a missing one.
type Candidate struct {
	Symbol  string `json:"symbol"`
	Version string `json:"version,omitempty"`
	// Name is its demangled path (the symbol itself when not mangled).
	Name string `json:"name"`
	// Distance is the edit distance between the two demangled paths (0 for
	// a counterpart with the same stable key).
	Distance int `json:"distance"`
}

// Missing is one symbol the consumer needs that nothing it loads defines.
type Missing struct {
	Symbol  string
	Version string
	// Library is the DT_NEEDED entry a versioned reference names.
	Library string
	// Demangled is the path people read (plug::run), Key its stable key.
	Demangled string
	Key       string
	// Crate is the Rust crate the symbol belongs to, "" for other symbols.
	Crate string
	// FromProvider is false when the symbol is known to come from another
	// library (a versioned reference to it) and the provider has nothing
	// like it.
	FromProvider bool
	Cause        Cause
	// Why says in one sentence why the symbol is missing.
	Why string
	// Candidate is the provider's counterpart: the same item under its new
	// name, or the closest path; nil when there is none.
	Candidate *Candidate
	// Others are further close paths, for removed or renamed symbols.
	Others []Candidate
	// Changes are the differences between the item as the consumer saw it
	// and the Candidate (its signature and the types it reaches).
	Changes []*diff.Change
	// Focus is true for the symbol (or version) the loader's message names.
	Focus bool
}

// CrateFinding says that a whole Rust crate was rebuilt, and why.
type CrateFinding struct {
	Crate string `json:"crate"`
	Cause Cause  `json:"cause"`
	// OldID is the StableCrateId (hex) the consumer was linked against, NewID
	// the provider's; "" when unknown.
	OldID string `json:"old_id,omitempty"`
	NewID string `json:"new_id,omitempty"`
	// OldRustc is the rustc of the consumer (or of --old), NewRustc the
	// provider's; "" when unknown.
	OldRustc string `json:"old_rustc,omitempty"`
	NewRustc string `json:"new_rustc,omitempty"`
	// Changed counts the consumer's symbols of the crate that changed, of Used.
	Changed int `json:"changed"`
	Used    int `json:"used"`
	// Evidence lists the facts the finding rests on.
	Evidence []string `json:"evidence"`
}

// Report is the explanation of why a consumer fails with a provider, or
// loads and misbehaves. It is plain data: Text, Markdown and JSON print it.
type Report struct {
	// Consumer, Provider and Old are the paths given; ConsumerName and
	// ProviderName the short names used in sentences.
	Consumer, Provider, Old    string
	ConsumerName, ProviderName string
	// Headline says in one sentence what is wrong, or that nothing is.
	Headline string
	// Loader holds the failures read from the loader's message (--error).
	Loader []LoaderError
	// Missing are the symbols nothing defines: those the loader message
	// names first, then by name.
	Missing []*Missing
	// Silent are the differences in types and signatures of symbols that
	// do resolve: the consumer loads and then misbehaves.
	Silent []*diff.Change
	// Crates are the Rust crates rebuilt as a whole.
	Crates []*CrateFinding
	// VersionsNotFound are the version nodes the consumer requires that a
	// library it loads does not define (glibc refuses to load then).
	VersionsNotFound []VersionNeed
	// Unchecked are needed symbols not found in the libraries read, while
	// some library could not be found: they may well be defined there.
	Unchecked []string
	// Libraries are the objects the references were resolved against.
	Libraries []*Library
	// Resolved counts the consumer's references the provider satisfies;
	// Compared the functions and variables whose types were compared.
	Resolved, Compared int
	// Facts are the evidence lines about the two builds (rustc versions,
	// crate ids); Notes other remarks (no DWARF, object not loaded...).
	Facts, Notes []string
}

// VersionNeed is a version node an object requires from a library.
type VersionNeed struct {
	Library string `json:"library"`
	Version string `json:"version"`
	// Defined are the version nodes the library does define.
	Defined []string `json:"defined"`
}

// Breaking reports whether the consumer fails with the provider: symbols
// are missing, a required version is absent, or a silent change is breaking.
func (r *Report) Breaking() bool {
	if len(r.Missing) > 0 || len(r.VersionsNotFound) > 0 {
		return true
	}
	for _, ch := range r.Silent {
		if ch.Severity == diff.Breaking {
			return true
		}
	}
	return false
}

// Differs reports whether anything at all differs between the two views.
func (r *Report) Differs() bool {
	return r.Breaking() || len(r.Silent) > 0
}
