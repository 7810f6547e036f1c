// Fixture for `abidrift sig` with C++ symbols (testdata/surface/build.sh).
// Annotations as in ../c/surface.c; NAME is the demangled name.
namespace geo {

struct Pt {
	double x, y;
};

// sig x86_64 geo::scale(geo::Pt, double) | p: xmm0+xmm1 | k: xmm2 | ret: xmm0+xmm1 | abi: C
Pt scale(Pt p, double k) { return Pt{p.x * k, p.y * k}; }

// sig x86_64 geo::area(long, long) | w: rdi | h: rsi | ret: rax | abi: C | checks: agree
long area(long w, long h) { return w * h; }

// sig x86_64 geo::area(double, double) | w: xmm0 | h: xmm1 | ret: xmm0 | abi: C | checks: agree
double area(double w, double h) { return w * h; }

template <typename T> T twice(T v) { return v + v; }
template int twice<int>(int);
template double twice<double>(double);

class Counter {
public:
	long n;
	long add(long k);
};

// sig x86_64 geo::Counter::add(long) | this: rdi | k: rsi | ret: rax | abi: C | checks: agree
long Counter::add(long k) { return n += k; }

// A class with a user-provided copy constructor and destructor is passed by
// invisible reference (Itanium C++ ABI), which the C rules do not predict:
// the DWARF location at the entry shows it.
struct Handle {
	long v;
	Handle(const Handle &o);
	~Handle();
};
Handle::Handle(const Handle &o) : v(o.v + 1) {}
Handle::~Handle() {}

// sig x86_64 geo::take(geo::Handle) | h: rdi | ret: rax | abi: C | disagree: h
long take(Handle h) { return h.v; }

} // namespace geo

// sig x86_64 cxx_plain | x: rdi | ret: rax | abi: C | checks: agree
extern "C" long cxx_plain(long x) { return x - 1; }
