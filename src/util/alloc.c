#include "util/alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void out_of_memory(size_t n)
{
	fprintf(stderr, "paimon-lens: out of memory (allocating %zu bytes)\n", n);
	abort();
}

/* Large blocks (manifest bytes, the live file records, response bodies)
 * ask for transparent huge pages where the kernel leaves it to madvise:
 * first-touch page faults of 4 KiB pages were a fifth of loading a
 * million-file table, more than decoding it. Only the 2 MiB-aligned
 * interior is advised, so nothing outside the block changes. */
#define HUGE_HINT_MIN ((size_t)4 << 20)
#define HUGE_PAGE ((uintptr_t)2 << 20)

static void *hint_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	if (n >= HUGE_HINT_MIN) {
		uintptr_t start = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		uintptr_t end = ((uintptr_t)p + n) & ~(HUGE_PAGE - 1);
		if (end > start)
			(void)madvise((void *)start, end - start, MADV_HUGEPAGE);
	}
#else
	(void)n;
#endif
	return p;
}

void *pl_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return hint_huge(p, n);
}

void *pl_calloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory(count * size);
	return p;
}

void *pl_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return hint_huge(q, n);
}

void *pl_reallocarray(void *p, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	return pl_realloc(p, count * size);
}

char *pl_strdup(const char *s)
{
	return pl_strndup(s, strlen(s));
}

char *pl_strndup(const char *s, size_t n)
{
	char *p = pl_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
