struct point { char tag; long long x; short y; };
enum color { RED = -1, GREEN = 7 };
struct point origin(struct point p, enum color c) { p.x += c; return p; }
