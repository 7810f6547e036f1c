package layout

import ddwarf "github.com/abidrift/abidrift/dwarf"

// readSymbols fills the parts of bin that come from the dynamic section and
// the notes rather than from DWARF: SONAME and build-id. Mach-O and PE files
// leave them empty. The exported symbols are read by Exports.
func readSymbols(f *ddwarf.File, bin *Binary) error {
	st, err := f.LinkInfo()
	if err != nil {
		return err
	}
	bin.SONAME, bin.BuildID = st.SONAME, st.BuildID
	return nil
}
