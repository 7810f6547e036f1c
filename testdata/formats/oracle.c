/* Prints the layout facts of formats.c that every object format must agree on. */
#include <stddef.h>
#include <stdio.h>
#include "formats.c"
int main(void) {
	printf("point size %zu\n", sizeof(struct point));
	printf("point.tag %zu\npoint.x %zu\npoint.y %zu\n", offsetof(struct point, tag), offsetof(struct point, x), offsetof(struct point, y));
	printf("color size %zu\n", sizeof(enum color));
	return 0;
}
