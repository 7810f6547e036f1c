/* Fixture for `abidrift sig` and the exported surface (testdata/surface/build.sh).
 *
 * Each `sig ARCH NAME | PARAM: PASS | ... | ret: PASS` comment states how the
 * function below it passes its values on ARCH under the platform C ABI
 * (SysV x86-64 psABI, AAPCS64; checked against gcc's assembly). Optional
 * items: `checks: agree` (every parameter DWARF places at the entry was
 * compared, at least one was, and all agree), `disagree: PARAM`, `abi: C`.
 */
#include <stdarg.h>
#include <stdio.h>

struct pt { double x, y; };
struct big { long a, b, c; };
struct mix { double d; long l; };
struct three { unsigned a, b, c; };
struct hfa3 { float a, b, c; };

/* sig x86_64 c_add | a: rdi | b: rsi | ret: rax | abi: C | checks: agree */
/* sig aarch64 c_add | a: x0 | b: x1 | ret: x0 | abi: C | checks: agree */
long c_add(int a, long b) { return a + b; }

/* sig x86_64 c_pt | p: xmm0+xmm1 | s: xmm2 | ret: xmm0 | checks: agree */
/* sig aarch64 c_pt | p: v0+v1 | s: v2 | ret: v0 | checks: agree */
double c_pt(struct pt p, float s) { return p.x * p.y + s; }

/* sig x86_64 c_big | b: stack+0 | k: rsi | ret: sret via rdi | checks: agree */
/* sig aarch64 c_big | b: indirect via x0 | k: x1 | ret: sret via x8 | checks: agree */
struct big c_big(struct big b, long k)
{
	struct big r = { b.c * k, b.b, b.a };
	return r;
}

/* sig x86_64 c_mix | m: xmm0+rdi | t: rsi+rdx | ret: rax */
/* sig aarch64 c_mix | m: x0+x1 | t: x2+x3 | ret: x0 */
long c_mix(struct mix m, struct three t) { return (long)m.d + m.l + t.a + t.b + t.c; }

/* sig x86_64 c_many | a: rdi | b: rsi | c: rdx | d: rcx | e: r8 | f: r9 | g: stack+0 | h: stack+8 | i: stack+16 | ret: rax | checks: agree */
/* sig aarch64 c_many | a: x0 | b: x1 | c: x2 | d: x3 | e: x4 | f: x5 | g: x6 | h: x7 | i: stack+0 | ret: x0 | checks: agree */
long c_many(long a, long b, long c, long d, long e, long f, long g, long h, long i)
{
	return a ^ (b << 1) ^ (c << 2) ^ (d << 3) ^ (e << 4) ^ (f << 5) ^ (g << 6) ^ (h << 7) ^ (i << 8);
}

/* sig x86_64 c_hfa | h: xmm0+xmm1 | ret: xmm0 */
/* sig aarch64 c_hfa | h: v0+v1+v2 | ret: v0 */
float c_hfa(struct hfa3 h) { return h.a + h.b * h.c; }

/* sig x86_64 c_log | fmt: rdi | ret: rax */
/* sig aarch64 c_log | fmt: x0 | ret: x0 */
int c_log(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

/* Two versions of one symbol: c_ver@V1 (old, hidden) and c_ver@@V2 (default). */
long c_ver_old(long x) { return x + 1; }
long c_ver_new(long x, long y) { return x + y; }
__asm__(".symver c_ver_old,c_ver@V1");
__asm__(".symver c_ver_new,c_ver@@V2");

/* A weak reference that may stay unresolved at load time. */
extern int maybe_missing(int) __attribute__((weak));

/* sig x86_64 c_probe | x: rdi | ret: rax */
int c_probe(int x) { return maybe_missing ? maybe_missing(x) : -1; }

static long helper(long x) { return x * 3; }
long (*c_helper_ptr)(long) = helper;

long c_counter = 7;
__thread long c_tls = 1;
