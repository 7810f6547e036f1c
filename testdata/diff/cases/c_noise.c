// No noise: the same source built by gcc -O0 with DWARF 4 and by clang -O2
// with DWARF 5 reports nothing.
// old-flags: -O0 -gdwarf-4
// new-cc: clang
// new-flags: -O2 -gdwarf-5
#include <stddef.h>

typedef unsigned long size_type;

struct node {
	struct node *next;
	const char *name;
	unsigned kind : 4;
	unsigned flags : 12;
	union {
		int i;
		double d;
	} value;
	const int weights[4];
	char tail[];
};

enum mode { MODE_A, MODE_B = 4, MODE_C };

typedef int (*visit_fn)(struct node *, void *);

int walk(struct node *n, visit_fn f, void *arg)
{
	int r = 0;
	for (; n; n = n->next)
		r += f(n, arg);
	return r;
}

size_type count(const struct node *n, enum mode m)
{
	size_type c = 0;
	for (; n; n = n->next)
		c += (size_type)m;
	return c;
}

const char *const names[3] = {"a", "b", "c"};
struct node root;
