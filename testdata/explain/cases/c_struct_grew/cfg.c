/* libcfg.so.1 of c_struct_grew. */
#include "cfg.h"

void cfg_init(struct cfg *c)
{
	c->level = 1;
	c->limit = 2;
// new
	c->flags = 0;
// both
}

int cfg_sum(const struct cfg *c)
{
	return c->level + c->limit;
}
