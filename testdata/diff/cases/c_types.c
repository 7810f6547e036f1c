// C typedefs, opaque types, function pointers.
// old
typedef int handle_t;
// new
typedef long handle_t; // want: breaking typedef-changed handle_t
// both

typedef struct {
	int x;
// new
	int y; // want: possibly-breaking field-added vec_t.y
// both
} vec_t; // want: breaking type-size-changed vec_t

// old
typedef int (*callback_t)(int);
// new
typedef int (*callback_t)(int, void *); // want: breaking fn-pointer-changed callback_t
// both

// A type the library stops defining in its DWARF: callers can no longer
// allocate it.
struct session;
// old
struct session { int id; }; // want: possibly-breaking type-became-opaque session
int session_id(struct session *s) { return s->id; }
// new
int session_id(struct session *s) { return s != 0; }
// both

struct token;
// new
struct token { int kind; }; // want: compatible type-became-defined token
int token_kind(struct token *t) { return t->kind; }
// old
int token_kind(struct token *t) { return t != 0; }
// both

int open_handle(handle_t h, vec_t *v, callback_t cb) { return (int)h + v->x + (cb != 0); }
