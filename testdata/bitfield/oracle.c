/* Prints, for each bitfield of struct bf, its name, first bit and width,
   found by setting the field to all ones in a zeroed value. */
#include <stdio.h>
#include <string.h>
#include "bitfield.c"

static void show(const char *name, const unsigned char *p, size_t n) {
	int first = -1, width = 0;
	for (size_t i = 0; i < n * 8; i++)
		if (p[i / 8] >> (i % 8) & 1) { if (first < 0) first = (int)i; width++; }
	printf("%s %d %d\n", name, first, width);
}
#define FIELD(f) do { struct bf v; memset(&v, 0, sizeof v); v.f = -1; show(#f, (unsigned char *)&v, sizeof v); } while (0)
int main(void) { FIELD(a); FIELD(b); FIELD(d); FIELD(e); FIELD(f); printf("sizeof %zu\n", sizeof(struct bf)); return 0; }
