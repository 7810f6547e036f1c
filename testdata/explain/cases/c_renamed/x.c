/* libx.so.1 of c_renamed: v2 renames x_open to x_open_v2 and drops x_close. */
// old
int x_open(const char *name)
// new
int x_open_v2(const char *name)
// both
{
	return name[0];
}

// old
int x_close(int fd)
{
	return fd;
}
// both

int x_read(int fd, char *buf, int n)
{
	return fd + buf[0] + n;
}
