/* libmode.so.1 of c_enum_added. */
#include "mode.h"

int mode_run(enum mode m)
{
	return (int)m + 1;
}
