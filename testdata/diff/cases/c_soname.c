// The SONAME is the name programs record: changing it breaks every consumer.
// old-flags: -Wl,-soname,libfixture.so.1
// new-flags: -Wl,-soname,libfixture.so.2
// want: breaking soname-changed binary
int version(void) { return 1; }
