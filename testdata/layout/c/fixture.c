/* abidrift layout fixture (C): one type per layout feature.
 *
 * Built by ../build.sh into relocatable objects and shared libraries; oracle.c
 * #includes this file and prints gcc's sizeof/_Alignof/offsetof for each type.
 * Every type has a global of its type (fx_*) so it reaches the DWARF at -O2 too.
 */
#include <stddef.h>
#include <stdint.h>

/* Holes after a, c and e; trailing padding. */
struct holes {
	char a;
	int b;
	char c;
	double d;
	short e;
};

/* Trailing padding only. */
struct padded_tail {
	long l;
	char c;
};

/* Bitfields: packed into storage units, one straddling a 4-byte boundary
 * (y: 40 bits in an 8-byte unit after x), a signed one, a zero-width
 * separator, and a bool. */
struct bits {
	unsigned a : 3;
	unsigned b : 5;
	unsigned c : 12;
	signed int s : 7;
	unsigned : 0;
	unsigned d : 20;
	unsigned long long y : 40;
	unsigned char e : 1;
	_Bool flag : 1;
	unsigned long long z : 33;
};

/* Bitfields in a packed struct: b spans three bytes and crosses a 2-byte unit. */
struct __attribute__((packed)) packed_bits {
	unsigned char a : 3;
	unsigned short b : 15;
	unsigned int c : 20;
	char tail;
};

struct __attribute__((packed)) packed_s {
	char a;
	int b;
	short c;
	long long d;
};

/* An over-aligned member (_Alignas on a member) and an over-aligned struct. */
struct aligned16 {
	char c;
	_Alignas(16) int x;
	short s;
};

struct __attribute__((aligned(32))) aligned32 {
	int i;
};

/* Flexible array member. */
struct flex {
	int n;
	short s;
	char data[];
};

/* Multi-dimensional arrays. */
struct multi {
	int m[2][3][4];
	char c[3][5];
	double d[2];
};

/* Anonymous union and struct members. */
struct anon {
	int kind;
	union {
		int i;
		float f;
		char bytes[6];
	};
	struct {
		short x, y;
	};
	char tail;
};

/* typedef'd anonymous struct and union. */
typedef struct {
	int a;
	char b;
	void *p;
} point_t;

typedef union {
	uint8_t b[3];
	uint16_t h;
} small_u;

union u {
	int i;
	double d;
	char c[9];
};

/* Enums: defaults, negative, > INT_MAX (unsigned int), > UINT_MAX (long),
 * a full 64-bit unsigned one, and a packed (1-byte) one. */
enum color { RED, GREEN = 5, BLUE };
enum neg { NEG_MIN = -2147483647 - 1, NEG_ONE = -1, NEG_ZERO = 0, NEG_MAX = 2147483647 };
enum big { BIG_A = 0x80000000u, BIG_MAX = 0xFFFFFFFFu, BIG_ZERO = 0 };
enum huge { HUGE_A = 0x100000000LL, HUGE_NEG = -1, HUGE_MIN = -9223372036854775807LL - 1 };
enum uhuge { UHUGE_MAX = 0xFFFFFFFFFFFFFFFFull, UHUGE_ONE = 1 };
enum __attribute__((packed)) small_enum { SE_A, SE_B = 200 };
enum __attribute__((packed)) small_signed { SS_NEG = -3, SS_POS = 100 };

struct with_enums {
	char c;
	enum color col;
	enum small_enum s;
	enum huge h;
	enum small_signed ss;
};

/* Function pointers. */
struct fnptrs {
	int (*cb)(int);
	void (*v)(void);
	int (*var)(const char *, ...);
	struct node *(*next)(struct node *, long);
};

/* Self-referential list. */
struct node {
	int val;
	struct node *next;
	struct node *prev;
};

/* A struct containing structs and unions by value. */
struct outer {
	char tag;
	struct holes h;
	union u un;
	point_t pt;
	enum color col;
	long double ld;
};

/* Alignment from an over-aligned typedef (DW_AT_alignment on the typedef). */
typedef int aligned_int __attribute__((aligned(16)));
struct typedef_aligned {
	char c;
	aligned_int x;
};

/* An over-aligned struct of one char. */
struct __attribute__((aligned(8))) char8 {
	char c;
};

/* Self-reference through a typedef declared before the struct. */
typedef struct list list_t;
struct list {
	list_t *next;
	int v;
};

/* A struct first reached through a pointer member of another struct. */
struct later;
struct points_later {
	struct later *p;
	char c;
};
struct later {
	int v;
	struct later *self;
};

/* Bitfields inside an anonymous union. */
struct union_bits {
	union {
		unsigned a : 3;
		unsigned b : 9;
	};
	int x;
};

/* Wide scalars: alignment 16 and complex types. */
struct wide {
	char c;
	__int128 i;
	_Complex double z;
	_Complex float zf;
	long double ld;
	unsigned __int128 u;
};

/* An array of over-aligned structs. */
struct array_of_aligned {
	char c;
	struct aligned16 a[2];
	char d;
};

struct holes fx_holes;
struct padded_tail fx_padded_tail;
struct bits fx_bits;
struct packed_bits fx_packed_bits;
struct packed_s fx_packed_s;
struct aligned16 fx_aligned16;
struct aligned32 fx_aligned32;
struct flex *fx_flex;
struct multi fx_multi;
struct anon fx_anon;
point_t fx_point;
small_u fx_small_u;
union u fx_u;
enum color fx_color;
enum neg fx_neg;
enum big fx_big;
enum huge fx_huge;
enum uhuge fx_uhuge;
enum small_enum fx_small_enum;
enum small_signed fx_small_signed;
struct with_enums fx_with_enums;
struct fnptrs fx_fnptrs;
struct node fx_node;
struct outer fx_outer;
struct typedef_aligned fx_typedef_aligned;
struct char8 fx_char8;
list_t fx_list;
struct points_later fx_points_later;
struct later fx_later;
struct union_bits fx_union_bits;
struct wide fx_wide;
struct array_of_aligned fx_array_of_aligned;

int fx_sum(struct node *n)
{
	int s = 0;
	for (; n; n = n->next)
		s += n->val;
	return s;
}
