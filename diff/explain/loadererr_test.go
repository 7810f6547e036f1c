package explain

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseLoaderError(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []LoaderError
	}{
		{"dlopen", "dlopen failed: ./libplug.so: undefined symbol: _ZN4plug3run17ha7e8523b746139b9E",
			[]LoaderError{{Kind: UndefinedSymbol, Object: "./libplug.so", Symbol: "_ZN4plug3run17ha7e8523b746139b9E"}}},
		{"dlerror", "./libplug.so: undefined symbol: plug_init",
			[]LoaderError{{Kind: UndefinedSymbol, Object: "./libplug.so", Symbol: "plug_init"}}},
		{"python", "OSError: /opt/app/libplug.so: undefined symbol: _RNvCs9tAp0S78N9j_4plug3run",
			[]LoaderError{{Kind: UndefinedSymbol, Object: "/opt/app/libplug.so", Symbol: "_RNvCs9tAp0S78N9j_4plug3run"}}},
		{"startup", "./host: symbol lookup error: ./host: undefined symbol: _ZN4plug4make17h6c62e31aea44e143E",
			[]LoaderError{{Kind: UndefinedSymbol, Object: "./host", Symbol: "_ZN4plug4make17h6c62e31aea44e143E"}}},
		{"startup versioned", "./host: symbol lookup error: ./host: undefined symbol: x_get, version LIBX_1.0",
			[]LoaderError{{Kind: UndefinedSymbol, Object: "./host", Symbol: "x_get", Version: "LIBX_1.0"}}},
		{"dlerror versioned", "dlopen failed: ./libplug.so: undefined symbol: x_get, version LIBX_1.0\n",
			[]LoaderError{{Kind: UndefinedSymbol, Object: "./libplug.so", Symbol: "x_get", Version: "LIBX_1.0"}}},
		{"version backquote", "./prog: ./libx.so.1: version `LIBX_1.0' not found (required by ./prog)",
			[]LoaderError{{Kind: VersionNotFound, Object: "./prog", Version: "LIBX_1.0", Library: "./libx.so.1"}}},
		{"version quotes", "./prog: /lib/x86_64-linux-gnu/libc.so.6: version 'GLIBC_2.38' not found (required by ./prog)",
			[]LoaderError{{Kind: VersionNotFound, Object: "./prog", Version: "GLIBC_2.38", Library: "/lib/x86_64-linux-gnu/libc.so.6"}}},
		{"version dlopen", "dlopen failed: libx.so.1: version `LIBX_1.0' not found (required by /opt/libplug.so)",
			[]LoaderError{{Kind: VersionNotFound, Object: "/opt/libplug.so", Version: "LIBX_1.0", Library: "libx.so.1"}}},
		{"two versions", "./prog: ./libx.so.1: version `LIBX_1.0' not found (required by ./prog)\n" +
			"./prog: ./libx.so.1: version `LIBX_1.1' not found (required by ./prog)\n",
			[]LoaderError{{Kind: VersionNotFound, Object: "./prog", Version: "LIBX_1.0", Library: "./libx.so.1"},
				{Kind: VersionNotFound, Object: "./prog", Version: "LIBX_1.1", Library: "./libx.so.1"}}},
		{"relocation", "./prog: relocation error: ./prog: symbol x_get version LIBX_1.0 not defined in file libx.so.1 with link time reference",
			[]LoaderError{{Kind: SymbolVersionNotDefined, Object: "./prog", Symbol: "x_get", Version: "LIBX_1.0", Library: "libx.so.1"}}},
		{"no library", "./host: error while loading shared libraries: libplug.so: cannot open shared object file: No such file or directory",
			[]LoaderError{{Kind: LibraryNotFound, Object: "./host", Library: "libplug.so"}}},
		{"musl", "Error relocating ./host: plug_run: symbol not found",
			[]LoaderError{{Kind: UndefinedSymbol, Object: "./host", Symbol: "plug_run"}}},
		{"musl library", "Error loading shared library libplug.so: No such file or directory (needed by ./host)",
			[]LoaderError{{Kind: LibraryNotFound, Object: "./host", Library: "libplug.so"}}},
		{"bionic", `dlopen failed: cannot locate symbol "_ZN4plug3run17ha7e8523b746139b9E" referenced by "/data/app/libhost.so"...`,
			[]LoaderError{{Kind: UndefinedSymbol, Object: "/data/app/libhost.so", Symbol: "_ZN4plug3run17ha7e8523b746139b9E"}}},
		{"dyld", "dyld[4242]: Symbol not found: _plug_run\n  Referenced from: <1B2C-33> /Users/me/host\n  Expected in: <9F0A-11> /Users/me/libplug.dylib\n",
			[]LoaderError{{Kind: UndefinedSymbol, Object: "/Users/me/host", Symbol: "_plug_run", Library: "/Users/me/libplug.dylib"}}},
		{"log around", "running tests\nthread 'main' panicked at src/main.rs:3:5:\ncalled `Result::unwrap()` on an `Err` value: " +
			"DlOpen { desc: \"./libplug.so: undefined symbol: plug_run\" }\nerror: test failed",
			[]LoaderError{{Kind: UndefinedSymbol, Object: "./libplug.so", Symbol: "plug_run"}}},
		{"crlf", "./host: symbol lookup error: ./host: undefined symbol: f\r\n",
			[]LoaderError{{Kind: UndefinedSymbol, Object: "./host", Symbol: "f"}}},
		{"nothing", "Segmentation fault (core dumped)", nil},
		{"empty symbol", "./host: undefined symbol: ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseLoaderError(tt.text)
			for i := range got {
				got[i].Line = ""
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseLoaderError(%q)\n got %+v\nwant %+v", tt.text, got, tt.want)
			}
		})
	}
}

// TestParseLoaderErrorRoundTrip prints messages the way glibc does for many
// symbol and path spellings and reads them back.
func TestParseLoaderErrorRoundTrip(t *testing.T) {
	syms := []string{"f", "_ZN4plug3run17ha7e8523b746139b9E", "_RNvCs9tAp0S78N9j_4plug3run", "_ZNSt6vectorIiSaIiEE9push_backERKi", "sym$with.dots"}
	objs := []string{"./host", "/usr/lib/libplug.so", "libplug.so", "./dir with space/host"}
	for _, s := range syms {
		for _, o := range objs {
			for _, v := range []string{"", "LIBX_1.0"} {
				msg := o + ": symbol lookup error: " + o + ": undefined symbol: " + s
				if v != "" {
					msg += ", version " + v
				}
				got := ParseLoaderError(msg)
				want := LoaderError{Kind: UndefinedSymbol, Object: o, Symbol: s, Version: v, Line: msg}
				if len(got) != 1 || got[0] != want {
					t.Errorf("ParseLoaderError(%q) = %+v, want %+v", msg, got, want)
				}
			}
		}
	}
}

// FuzzParseLoaderError checks that any text parses without panicking and
// that every failure read names something taken from the text.
func FuzzParseLoaderError(f *testing.F) {
	for _, s := range []string{
		"dlopen failed: ./libplug.so: undefined symbol: _ZN4plug3run17ha7e8523b746139b9E",
		"./host: symbol lookup error: ./host: undefined symbol: x, version V",
		"./prog: ./libx.so.1: version `LIBX_1.0' not found (required by ./prog)",
		"./prog: relocation error: ./prog: symbol x version V not defined in file l.so with link time reference",
		"./host: error while loading shared libraries: libplug.so: cannot open shared object file: No such file",
		"Error relocating ./host: f: symbol not found",
		"Error loading shared library l.so: No such file (needed by ./h)",
		`cannot locate symbol "f" referenced by "x"`,
		"dyld[1]: Symbol not found: _f\n Referenced from: <U> /h\n Expected in: <U> /l",
		"undefined symbol: ,version ",
		"version  not found (required by ",
		"symbol  not defined in file ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, le := range ParseLoaderError(text) {
			switch le.Kind {
			case UndefinedSymbol, SymbolVersionNotDefined:
				if le.Symbol == "" {
					t.Fatalf("%q: %s without a symbol", text, le.Kind)
				}
			case VersionNotFound:
				if le.Version == "" {
					t.Fatalf("%q: %s without a version", text, le.Kind)
				}
			case LibraryNotFound:
				if le.Library == "" {
					t.Fatalf("%q: %s without a library", text, le.Kind)
				}
			default:
				t.Fatalf("%q: unknown kind %q", text, le.Kind)
			}
			for _, s := range []string{le.Symbol, le.Version} {
				if strings.ContainsAny(s, " \t\r\n") {
					t.Fatalf("%q: symbol or version %q holds blanks", text, s)
				}
			}
			for _, s := range []string{le.Symbol, le.Version, le.Object, le.Library, le.Line} {
				if !strings.Contains(text, s) || strings.ContainsAny(s, "\n") {
					t.Fatalf("%q: %q is not a piece of one line of the text", text, s)
				}
			}
			if utf8.ValidString(text) && !utf8.ValidString(le.Symbol) {
				t.Fatalf("%q: invalid UTF-8 symbol %q", text, le.Symbol)
			}
		}
	})
}
