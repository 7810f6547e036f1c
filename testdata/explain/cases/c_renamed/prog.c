/* The program of c_renamed, linked against v1. */
#include <stdio.h>

int x_open(const char *name);
int x_close(int fd);
int x_read(int fd, char *buf, int n);

int main(void)
{
	char buf[4] = "abc";
	int fd = x_open("f");
	printf("%d\n", x_read(fd, buf, 3) + x_close(fd));
	return 0;
}
