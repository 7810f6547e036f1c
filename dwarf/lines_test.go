package dwarf

import (
	stddwarf "debug/dwarf"
	"encoding/binary"
	"reflect"
	"strings"
	"testing"

	"github.com/abidrift/abidrift/dwarf/dwarftest"
)

// lineHeader is a DWARF 5 line-table header (32-bit, 8-byte addresses)
// with the given directory and file counts and entries, and no program.
func lineHeader(dirCount uint64, dirs string, fileCount uint64, files string) []byte {
	var h []byte
	h = append(h, 1, 1, 1, 0xfb, 14, 13)              // min inst length, max ops, is_stmt, line base, range, opcode base
	h = append(h, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1) // standard opcode lengths
	h = append(h, 1, 1, 0x08)                         // directories: path as DW_FORM_string
	h = binary.AppendUvarint(h, dirCount)
	h = append(h, dirs...)
	h = append(h, 2, 1, 0x08, 2, 0x0b) // files: path string, directory index data1
	h = binary.AppendUvarint(h, fileCount)
	h = append(h, files...)
	body := binary.LittleEndian.AppendUint16(nil, 5)
	body = append(body, 8, 0)
	body = binary.LittleEndian.AppendUint32(body, uint32(len(h)))
	body = append(body, h...)
	return append(binary.LittleEndian.AppendUint32(nil, uint32(len(body))), body...)
}

// TestLineHeaderCounts checks that a DWARF 5 line-table header announcing
// more entries than it has bytes is refused before debug/dwarf allocates
// them, and that a sound one passes.
func TestLineHeaderCounts(t *testing.T) {
	for _, c := range []struct {
		name, want string
		sec        []byte
	}{
		{"sound", "", lineHeader(1, "/d\x00", 1, "a.c\x00\x00")},
		{"huge directory count", "announces 1099511627776 directories", lineHeader(1<<40, "/d\x00", 1, "a.c\x00\x00")},
		{"huge file count", "announces 1000000000 file names", lineHeader(1, "/d\x00", 1e9, "a.c\x00\x00")},
		{"unterminated directory", "line table header", lineHeader(1, "/d", 0, "")},
	} {
		f := &File{Path: "x.so", Sections: map[string][]byte{"line": c.sec}, ByteOrder: binary.LittleEndian}
		err := f.checkLineHeader(0)
		if c.want != "" && err != nil {
			// LineReader checks before debug/dwarf reads (f.Data is nil here).
			cu := &stddwarf.Entry{Tag: stddwarf.TagCompileUnit, Field: []stddwarf.Field{
				{Attr: stddwarf.AttrStmtList, Val: int64(0), Class: stddwarf.ClassLinePtr}}}
			if _, lerr := f.LineReader(cu); lerr == nil || lerr.Error() != err.Error() {
				t.Errorf("%s: LineReader gave %v, want %v", c.name, lerr, err)
			}
		}
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "x.so")):
			t.Errorf("%s: got %v, want an error naming the file with %q", c.name, err, c.want)
		}
	}
}

// TestLineReaderAgreesWithStd checks that the check lets through every line
// table of the committed binaries and corpora that debug/dwarf reads, with
// the same files.
func TestLineReaderAgreesWithStd(t *testing.T) {
	files := dwarftest.ELFFiles("../testdata", "../../shared/corpus")
	if len(files) == 0 {
		t.Skip("no ELF files found")
	}
	tables := 0
	for _, path := range files {
		f, err := Open(path, Options{})
		if err != nil {
			continue
		}
		for _, u := range f.Units() {
			x, err := f.Scan(u, 0)
			if err != nil {
				continue
			}
			cu, err := f.NewDecoder(x).Entry(0)
			if err != nil {
				continue
			}
			want, werr := f.Data.LineReader(cu)
			got, gerr := f.LineReader(cu)
			if werr != nil || want == nil {
				continue
			}
			if gerr != nil {
				t.Fatalf("%s unit %#x: %v", path, u.Offset, gerr)
			}
			if !reflect.DeepEqual(got.Files(), want.Files()) {
				t.Fatalf("%s unit %#x: files differ", path, u.Offset)
			}
			tables++
		}
		f.Close()
	}
	if tables == 0 {
		t.Fatal("no line table read")
	}
	t.Logf("%d line tables", tables)
}
