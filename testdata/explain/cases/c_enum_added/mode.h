/* The library interface of c_enum_added: v2 appends an enumerator, which
 * moves no byte: a program built against v1 never passes it. */
enum mode {
	MODE_FAST,
	MODE_SLOW,
// new
	MODE_TURBO,
// both
};

int mode_run(enum mode m);
