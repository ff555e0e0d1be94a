/* paimon-lens entry point (batch commands; the browser comes later). */
#include <stdio.h>

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "usage: paimon-lens ls|show ...\n");
	return 2;
}
