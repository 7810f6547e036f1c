// With --all-types, named types no exported symbol reaches are compared and
// their appearance and disappearance reported.
// option: all-types
struct internal {
	int a;
// new
	int b; // want: possibly-breaking field-added internal.b
// both
}; // want: breaking type-size-changed internal

// old
struct legacy { int x; }; // want: compatible type-removed legacy
static struct legacy legacy_state;
// new
struct modern { int y; }; // want: compatible type-added modern
static struct modern modern_state;
// both

static struct internal state;

int touch(void) {
// old
	return state.a + legacy_state.x;
// new
	return state.a + modern_state.y;
// both
}
