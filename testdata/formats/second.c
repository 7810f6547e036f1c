struct second { short s; struct second *next; double d; };
double second_sum(struct second *p) { return p->d + p->s; }
