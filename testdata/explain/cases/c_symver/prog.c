/* The program of c_symver, linked against v1: it needs x_get@LIBX_1.0. */
#include <stdio.h>

int x_get(void);
int x_put(int v);

int main(void)
{
	printf("x = %d\n", x_put(x_get()));
	return 0;
}
