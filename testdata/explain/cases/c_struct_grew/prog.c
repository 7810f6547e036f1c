/* The program of c_struct_grew, compiled against v1's cfg.h. */
#include <stdio.h>
#include "cfg.h"

int main(void)
{
	struct cfg c;
	cfg_init(&c);
	printf("sum = %d\n", cfg_sum(&c));
	return 0;
}
