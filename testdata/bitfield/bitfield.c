struct bf { unsigned a:3; unsigned b:7; int c; unsigned long long d:40; unsigned char e:2; short f:9; };
struct bf g;
