/* libx.so.1 of c_symver: the same code, exported under version LIBX_1.0
 * in v1 and LIBX_2.0 in v2 (see build.sh). */
int x_get(void)
{
	return 42;
}

int x_put(int v)
{
	return v;
}
