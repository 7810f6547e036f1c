/* Oracle for testdata/layout/c/fixture.c: prints gcc's own layout facts, one
 * JSON object per line, in the format of ../rust/oracle.rs:
 *
 *   {"lang":"c","name":N,"kind":"struct|union|enum","size":S,"align":A,
 *    "fields":[{"name","offset","size","type"[,"bit_offset","bit_size"]}],
 *    "tag":null|{"offset","size","niche":false},
 *    "variants":[{"name","discr":exact-int,"samples":["hex"],"fields":[]}]}
 *
 * A field size of -1 means "not checked" (an anonymous member's size is not
 * expressible in C); an anonymous member lists its own members in "fields". Bitfields: bit_offset (from the start of the struct,
 * counting from the least significant bit of byte 0) and bit_size are found
 * by setting every bit of the field in a zeroed value; "offset" is then the
 * byte holding the first bit and "size" the size of the declared type.
 * A flexible array member has size 0 (C11 6.7.2.1p18: it occupies no bytes).
 * "type" is "" (C type spellings are not checked).
 */
#include <stdio.h>
#include <string.h>
#include "fixture.c"

/* Field counts per nesting level (anonymous members nest their fields). */
static int nfields_stack[8], depth;
#define nfields nfields_stack[depth]

static void begin(const char *name, const char *kind, size_t size, size_t align)
{
	printf("{\"lang\":\"c\",\"name\":\"%s\",\"kind\":\"%s\",\"size\":%zu,\"align\":%zu,\"fields\":[",
	       name, kind, size, align);
	nfields = 0;
}

static void field(const char *name, long off, long size)
{
	printf("%s{\"name\":\"%s\",\"offset\":%ld,\"size\":%ld,\"type\":\"\"}", nfields++ ? "," : "", name, off, size);
}

/* Finds the bits set in a value whose only non-zero member is a bitfield set to all ones. */
static void bitfield(const char *name, const unsigned char *p, size_t n, long typesize)
{
	long first = -1, count = 0;
	for (size_t i = 0; i < n * 8; i++) {
		if (p[i / 8] >> (i % 8) & 1) {
			if (first < 0)
				first = (long)i;
			count++;
		}
	}
	printf("%s{\"name\":\"%s\",\"offset\":%ld,\"size\":%ld,\"type\":\"\",\"bit_offset\":%ld,\"bit_size\":%ld}",
	       nfields++ ? "," : "", name, first / 8, typesize, first, count);
}

static void end_aggregate(void)
{
	printf("],\"tag\":null,\"variants\":[]}\n");
}

#define STRUCT(T, NAME) begin(NAME, "struct", sizeof(T), _Alignof(T))
#define UNION(T, NAME) begin(NAME, "union", sizeof(T), _Alignof(T))
#define F(T, f) field(#f, (long)offsetof(T, f), (long)sizeof(((T *)0)->f))
/* An anonymous member, located by its first member; its own members follow
 * (offsets from the start of the outer type) until ANON_END. */
#define ANON(T, first) ANON_AT((long)offsetof(T, first))
#define ANON_AT(off)                                                                          \
	do {                                                                                  \
		printf("%s{\"name\":\"\",\"offset\":%ld,\"size\":-1,\"type\":\"\",\"fields\":[", \
		       nfields++ ? "," : "", (long)(off));                                    \
		depth++;                                                                      \
		nfields = 0;                                                                  \
	} while (0)
#define ANON_END()           \
	do {                 \
		depth--;     \
		printf("]}"); \
	} while (0)
#define BITS(T, f, ones, typesize)                                  \
	do {                                                        \
		T v_;                                               \
		memset(&v_, 0, sizeof v_);                          \
		v_.f = ones;                                        \
		bitfield(#f, (const unsigned char *)&v_, sizeof v_, typesize); \
	} while (0)

static int nvariants;

static void begin_enum(const char *name, size_t size, size_t align)
{
	printf("{\"lang\":\"c\",\"name\":\"%s\",\"kind\":\"enum\",\"size\":%zu,\"align\":%zu,\"fields\":[],"
	       "\"tag\":{\"offset\":0,\"size\":%zu,\"niche\":false},\"variants\":[",
	       name, size, align, size);
	nvariants = 0;
}

static void enumerator(const char *name, int is_signed, long long sv, unsigned long long uv, const void *p, size_t n)
{
	printf("%s{\"name\":\"%s\",\"discr\":", nvariants++ ? "," : "", name);
	if (is_signed)
		printf("%lld", sv);
	else
		printf("%llu", uv);
	printf(",\"samples\":[\"");
	for (size_t i = 0; i < n; i++)
		printf("%02x", ((const unsigned char *)p)[i]);
	printf("\"],\"fields\":[]}");
}

#define ENUM(T, NAME)                              \
	{                                          \
		T v_;                              \
		int signed_ = ((T)-1 < 0);         \
		begin_enum(NAME, sizeof(T), _Alignof(T));
#define E(T, e)                                                                             \
	v_ = e;                                                                             \
	enumerator(#e, signed_, (long long)(e), (unsigned long long)(e), &v_, sizeof(T));
#define END_ENUM()          \
	printf("]}\n"); \
	}

int main(void)
{
	STRUCT(struct holes, "holes");
	F(struct holes, a); F(struct holes, b); F(struct holes, c); F(struct holes, d); F(struct holes, e);
	end_aggregate();

	STRUCT(struct padded_tail, "padded_tail");
	F(struct padded_tail, l); F(struct padded_tail, c);
	end_aggregate();

	STRUCT(struct bits, "bits");
	BITS(struct bits, a, -1, sizeof(unsigned));
	BITS(struct bits, b, -1, sizeof(unsigned));
	BITS(struct bits, c, -1, sizeof(unsigned));
	BITS(struct bits, s, -1, sizeof(int));
	BITS(struct bits, d, -1, sizeof(unsigned));
	BITS(struct bits, y, -1, sizeof(unsigned long long));
	BITS(struct bits, e, -1, sizeof(unsigned char));
	BITS(struct bits, flag, 1, sizeof(_Bool));
	BITS(struct bits, z, -1, sizeof(unsigned long long));
	end_aggregate();

	STRUCT(struct packed_bits, "packed_bits");
	BITS(struct packed_bits, a, -1, sizeof(unsigned char));
	BITS(struct packed_bits, b, -1, sizeof(unsigned short));
	BITS(struct packed_bits, c, -1, sizeof(unsigned int));
	F(struct packed_bits, tail);
	end_aggregate();

	STRUCT(struct packed_s, "packed_s");
	F(struct packed_s, a); F(struct packed_s, b); F(struct packed_s, c); F(struct packed_s, d);
	end_aggregate();

	STRUCT(struct aligned16, "aligned16");
	F(struct aligned16, c); F(struct aligned16, x); F(struct aligned16, s);
	end_aggregate();

	STRUCT(struct aligned32, "aligned32");
	F(struct aligned32, i);
	end_aggregate();

	STRUCT(struct flex, "flex");
	F(struct flex, n); F(struct flex, s);
	field("data", (long)offsetof(struct flex, data), 0);
	end_aggregate();

	STRUCT(struct multi, "multi");
	F(struct multi, m); F(struct multi, c); F(struct multi, d);
	end_aggregate();

	STRUCT(struct anon, "anon");
	F(struct anon, kind);
	ANON(struct anon, i); F(struct anon, i); F(struct anon, f); F(struct anon, bytes); ANON_END();
	ANON(struct anon, x); F(struct anon, x); F(struct anon, y); ANON_END();
	F(struct anon, tail);
	end_aggregate();

	STRUCT(point_t, "point_t");
	F(point_t, a); F(point_t, b); F(point_t, p);
	end_aggregate();

	UNION(small_u, "small_u");
	F(small_u, b); F(small_u, h);
	end_aggregate();

	UNION(union u, "u");
	F(union u, i); F(union u, d); F(union u, c);
	end_aggregate();

	STRUCT(struct with_enums, "with_enums");
	F(struct with_enums, c); F(struct with_enums, col); F(struct with_enums, s); F(struct with_enums, h);
	F(struct with_enums, ss);
	end_aggregate();

	STRUCT(struct fnptrs, "fnptrs");
	F(struct fnptrs, cb); F(struct fnptrs, v); F(struct fnptrs, var); F(struct fnptrs, next);
	end_aggregate();

	STRUCT(struct node, "node");
	F(struct node, val); F(struct node, next); F(struct node, prev);
	end_aggregate();

	STRUCT(struct outer, "outer");
	F(struct outer, tag); F(struct outer, h); F(struct outer, un); F(struct outer, pt); F(struct outer, col);
	F(struct outer, ld);
	end_aggregate();

	STRUCT(struct typedef_aligned, "typedef_aligned");
	F(struct typedef_aligned, c); F(struct typedef_aligned, x);
	end_aggregate();

	STRUCT(struct char8, "char8");
	F(struct char8, c);
	end_aggregate();

	STRUCT(struct list, "list");
	F(struct list, next); F(struct list, v);
	end_aggregate();

	STRUCT(struct points_later, "points_later");
	F(struct points_later, p); F(struct points_later, c);
	end_aggregate();

	STRUCT(struct later, "later");
	F(struct later, v); F(struct later, self);
	end_aggregate();

	STRUCT(struct union_bits, "union_bits");
	ANON_AT(0); /* the first member is at offset 0 (C11 6.7.2.1p15); offsetof takes no bitfield */
	BITS(struct union_bits, a, -1, sizeof(unsigned));
	BITS(struct union_bits, b, -1, sizeof(unsigned));
	ANON_END();
	F(struct union_bits, x);
	end_aggregate();

	STRUCT(struct wide, "wide");
	F(struct wide, c); F(struct wide, i); F(struct wide, z); F(struct wide, zf); F(struct wide, ld); F(struct wide, u);
	end_aggregate();

	STRUCT(struct array_of_aligned, "array_of_aligned");
	F(struct array_of_aligned, c); F(struct array_of_aligned, a); F(struct array_of_aligned, d);
	end_aggregate();

	ENUM(enum color, "color") E(enum color, RED) E(enum color, GREEN) E(enum color, BLUE) END_ENUM()
	ENUM(enum neg, "neg")
		E(enum neg, NEG_MIN) E(enum neg, NEG_ONE) E(enum neg, NEG_ZERO) E(enum neg, NEG_MAX)
	END_ENUM()
	ENUM(enum big, "big") E(enum big, BIG_A) E(enum big, BIG_MAX) E(enum big, BIG_ZERO) END_ENUM()
	ENUM(enum huge, "huge") E(enum huge, HUGE_A) E(enum huge, HUGE_NEG) E(enum huge, HUGE_MIN) END_ENUM()
	ENUM(enum uhuge, "uhuge") E(enum uhuge, UHUGE_MAX) E(enum uhuge, UHUGE_ONE) END_ENUM()
	ENUM(enum small_enum, "small_enum") E(enum small_enum, SE_A) E(enum small_enum, SE_B) END_ENUM()
	ENUM(enum small_signed, "small_signed") E(enum small_signed, SS_NEG) E(enum small_signed, SS_POS) END_ENUM()
	return 0;
}
