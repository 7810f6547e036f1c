/* The program of c_enum_added, compiled against v1's mode.h. */
#include <stdio.h>
#include "mode.h"

int main(void)
{
	enum mode m = MODE_SLOW;
	printf("run = %d\n", mode_run(m));
	return 0;
}
