/* The library interface of c_struct_grew: v2 appends a member, so a
 * program compiled against v1 allocates 8 bytes that cfg_init fills with 16. */
struct cfg {
	int level;
	int limit;
// new
	long flags;
// both
};

void cfg_init(struct cfg *c);
int cfg_sum(const struct cfg *c);
