union third { int i; float f; char bytes[6]; };
int third_first(union third *u) { return u->bytes[0]; }
