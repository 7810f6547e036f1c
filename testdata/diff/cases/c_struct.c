// C structs and unions: judged by the bytes.
struct config {
	char verbose;
// old
	int level;
// new
	int mode; // want: breaking field-added config.mode
	int level; // want: breaking field-offset-changed config.level
// both
}; // want: breaking type-size-changed config

struct point {
// old
	int x;
	int y;
	void *data;
	int *list;
	unsigned flags : 3;
// new
	unsigned x; // want: possibly-breaking field-type-changed point.x
	int vertical; // want: compatible field-renamed point.vertical
	int *data; // want: compatible field-type-changed point.data
	char *list; // want: breaking field-type-changed point.list
	unsigned flags : 5; // want: breaking bitfield-changed point.flags
// both
};

// Wrapping a member into an anonymous union moves no byte.
struct wrap {
	int kind;
// old
	int value;
// new
	union {
		int value; // want: compatible field-wrapped wrap.value
		float real; // want: possibly-breaking field-added wrap.real
	};
// both
	int end;
};

// A flexible array member has no size.
struct packet {
	int len;
// new
	char data[]; // want: compatible field-added packet.data
// both
};

union number {
	int i;
	float f;
// new
	double d; // want: possibly-breaking field-added number.d
// both
}; // want: breaking type-size-changed number
// want: breaking type-alignment-changed number

// old
struct shape {
// new
union shape { // want: breaking type-kind-changed shape
// both
	int a;
	int b;
}; // want: breaking type-size-changed shape

int use(struct config *c, struct point *p, struct wrap *w, struct packet *k, union number *n,
// old
	struct shape *s)
// new
	union shape *s)
// both
{
	return c->level + p->flags + w->end + k->len + n->i + s->a;
}
