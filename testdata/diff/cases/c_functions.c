// C functions and variables.
#include <stdarg.h>

// old
int add(int a, int b) { return a + b; }
// new
int add(int a, int b, int c) { return a + b + c; } // want: breaking param-count-changed add
// both

// old
long scale(int x) { return x; }
// new
long scale(long x) { return x; } // want: breaking param-type-changed scale
// both

// old
int total(void) { return 1; }
// new
long total(void) { return 1; } // want: breaking return-type-changed total
// both

// old
int logf_(const char *fmt) { return fmt != 0; }
// new
int logf_(const char *fmt, ...) { return 0; } // want: breaking variadic-changed logf_
// both

// old
void stop(int code) { (void)code; }
// new
_Noreturn void stop(int code) { (void)code; for (;;) {} } // want: possibly-breaking noreturn-changed stop
// both

// old
int gone(void) { return 0; } // want: breaking function-removed gone
// new
int fresh(void) { return 0; } // want: compatible function-added fresh
// both

static int helper(int x) { return x; } // static: not exported, never reported

// old
int counter;
// new
long counter; // want: breaking variable-type-changed counter
// both

// old
int old_flag = 1; // want: breaking variable-removed old_flag
// new
int new_flag = 1; // want: compatible variable-added new_flag
// both

int use_helper(void) { return helper(1); }
