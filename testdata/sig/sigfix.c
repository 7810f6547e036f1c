/* C fixture functions for the calling-convention oracle test (layout/abi).
 * Built with gcc -g for DWARF and with clang -S -emit-llvm for the IR oracle,
 * for x86_64 and aarch64. No #includes: clang has no aarch64 sysroot here. */

typedef struct { unsigned a, b; } S8;
typedef struct { unsigned a, b, c; } S12;
typedef struct { long a, b; } S16;
typedef struct { long a, b, c; } S24;
typedef struct { float a, b; } F2;
typedef struct { float a, b, c; } F3;
typedef struct { float a, b, c, d; } F4;
typedef struct { float a, b, c, d, e; } F5;
typedef struct { double a, b; } D2;
typedef struct { double a, b, c; } D3;
typedef struct { double a[4]; } D4;
typedef struct { double d; unsigned long u; } DU;
typedef struct { unsigned u; float f; double d; } UF;
typedef struct { float f; int i; } FI;
typedef struct { float f[2]; double d; } F2D;
typedef struct { double a[2]; double b; } DA3;
struct __attribute__((packed)) Pk { char a; int b; };
struct __attribute__((packed)) Pk2 { int a; char b; };
struct __attribute__((packed)) Pk3 { char a; long b; char c; };
union UD { long u; double d; };
union UFD { float f; double d; };
union UF4 { float f[4]; int i; };
union UFF { float f; float g[2]; };
struct A3 { char a[3]; };
struct A16 { char a[16]; };
struct AF3 { float a[3]; };
struct Big { long a[5]; };
struct __attribute__((aligned(16))) Al16 { long a, b; };
struct W128 { __int128 a; };
struct Nested { S8 s; double d; };
struct NestU { union { float f; int i; } u; float g; };
struct Empty {};
struct Bits { unsigned a : 3, b : 5; float f; };
struct Bits2 { unsigned long x : 40; unsigned y : 10; };
struct Flex { int n; int data[]; };
struct LD { long double x; };
struct LD2 { long double a, b; };
struct CD { _Complex double z; };
struct CF2 { _Complex float z; float w[2]; };
struct CD8 { char c; double d; };
struct IFF { int a; float b, c; };
struct PF { void *p; float f; };
struct LDI { long double x; int y; };
enum Color { RED, GREEN, BLUE };
typedef int (*callback)(int);

/* scalars */
long c_ints(char a, signed char b, unsigned char c, short d, unsigned short e, int f) { return 0; }
unsigned char c_ints2(unsigned a, long b, unsigned long c, long long d) { return 0; }
_Bool c_bool(_Bool a) { return a; }
short c_ret_short(short a) { return a; }
signed char c_ret_schar(signed char a) { return a; }
unsigned long long c_ret_ull(unsigned long long a) { return a; }
float c_floats(float a, double b) { return a; }
double c_ret_double(double a) { return a; }
long double c_ld(long double a, double b) { return a; }
__int128 c_i128(__int128 a, unsigned __int128 b) { return a; }
unsigned __int128 c_i128_late(long a, long b, long c, long d, long e, __int128 x, long y) { return x; }
long c_i128_late7(long a, long b, long c, long d, long e, long f, long g, __int128 x, long y) { return y; }
_Complex float c_cf(_Complex float a) { return a; }
_Complex double c_cd(_Complex double a, _Complex float b) { return a; }
_Complex long double c_cld(_Complex long double a) { return a; }
void *c_ptrs(const char *p, callback f, void *q) { return q; }
enum Color c_enum(enum Color c) { return c; }
int c_variadic(int n, ...) { return n; }
void c_void(void) {}
#ifdef __x86_64__
__float128 c_f128(__float128 a, int b) { return a; }
#endif

/* aggregates */
S8 c_s8(S8 x) { return x; }
S12 c_s12(S12 x) { return x; }
S16 c_s16(S16 x) { return x; }
S24 c_s24(S24 x) { return x; }
F2 c_f2(F2 x) { return x; }
F3 c_f3(F3 x) { return x; }
F4 c_f4(F4 x) { return x; }
F5 c_f5(F5 x) { return x; }
D2 c_d2(D2 x) { return x; }
D3 c_d3(D3 x) { return x; }
D4 c_d4(D4 x) { return x; }
DU c_du(DU x) { return x; }
UF c_uf(UF x) { return x; }
FI c_fi(FI x) { return x; }
F2D c_f2d(F2D x) { return x; }
DA3 c_da3(DA3 x) { return x; }
struct Pk c_pk(struct Pk x) { return x; }
struct Pk2 c_pk2(struct Pk2 x) { return x; }
struct Pk3 c_pk3(struct Pk3 x) { return x; }
union UD c_ud(union UD x) { return x; }
union UFD c_ufd(union UFD x) { return x; }
union UF4 c_uf4(union UF4 x) { return x; }
union UFF c_uff(union UFF x) { return x; }
struct A3 c_a3(struct A3 x) { return x; }
struct A16 c_a16(struct A16 x) { return x; }
struct AF3 c_af3(struct AF3 x) { return x; }
struct Big c_big(struct Big x) { return x; }
struct Al16 c_al16(long a, struct Al16 x) { return x; }
struct W128 c_w128(long a, struct W128 x) { return x; }
struct Nested c_nested(struct Nested x) { return x; }
struct NestU c_nestu(struct NestU x) { return x; }
struct Empty c_empty(int a, struct Empty e, int b) { return e; }
struct Bits c_bits(struct Bits x) { return x; }
struct Bits2 c_bits2(struct Bits2 x) { return x; }
int c_flex(struct Flex x) { return x.n; }
struct LD c_sld(struct LD x) { return x; }
struct LD2 c_sld2(struct LD2 x) { return x; }
struct CD c_scd(struct CD x) { return x; }
struct CF2 c_scf2(struct CF2 x) { return x; }
S24 c_sret(long a, S24 x) { return x; }
struct CD8 c_cd8(struct CD8 x) { return x; }
struct IFF c_iff(struct IFF x) { return x; }
struct PF c_pf(struct PF x) { return x; }
struct LDI c_ldi(struct LDI x) { return x; }

/* running out of registers */
long c_ex_int(long a, long b, long c, long d, long e, S16 x, long y) { return y; }
long c_ex_int2(long a, long b, long c, long d, long e, long f, S8 x, S16 y, char z) { return a; }
long c_ex_int7(long a, long b, long c, long d, long e, long f, long g, S16 x, long y) { return y; }
double c_ex_sse(double a, double b, double c, double d, double e, double f, double g, D2 x, double y) { return y; }
double c_ex_mixed(long a, long b, long c, long d, long e, long f, DU x, double y) { return y; }
double c_ex_hfa(double a, double b, double c, double d, double e, double f, F4 x, double y) { return y; }
long c_ex_big(long a, long b, long c, long d, long e, long f, long g, long h, struct Big x, S24 y) { return a; }
long c_ex_al16(long a, long b, long c, long d, long e, long f, long g, struct W128 x, struct Al16 y, int z) { return a; }
long c_ex_w128(long a, struct W128 x, long b, struct W128 y) { return a; }
long c_ex_ld(long double a, int b, long double c, double d) { return b; }
S24 c_ex_sret(long a, long b, long c, long d, long e, long f, S8 x) { S24 r = {0, 0, 0}; return r; }
