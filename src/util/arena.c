#include "util/arena.h"
#include "util/alloc.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

struct pl_arena_block {
	struct pl_arena_block *next;
	size_t size;
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

#define ARENA_ALIGN (alignof(max_align_t))

void pl_arena_init(struct pl_arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : 64 * 1024;
	a->total = 0;
}

/* Uninitialised: for callers that overwrite every byte at once. */
static void *arena_alloc_raw(struct pl_arena *a, size_t n)
{
	size_t need = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (need < n)
		need = n; /* overflow guard; pl_malloc aborts on absurd sizes */
	struct pl_arena_block *b = a->head;
	if (!b || b->size - b->used < need) {
		size_t size = need > a->block_size ? need : a->block_size;
		b = pl_malloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		/* A block bigger than the usual size goes behind the current
		 * head so the head's free space is not wasted. */
		if (a->head && size > a->block_size) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = b->data + b->used;
	b->used += need;
	a->total += need;
	return p;
}

void *pl_arena_alloc(struct pl_arena *a, size_t n)
{
	void *p = arena_alloc_raw(a, n);
	memset(p, 0, n);
	return p;
}

void *pl_arena_memdup(struct pl_arena *a, const void *p, size_t n)
{
	void *q = arena_alloc_raw(a, n);
	if (n)
		memcpy(q, p, n);
	return q;
}

char *pl_arena_strndup(struct pl_arena *a, const char *s, size_t n)
{
	char *q = arena_alloc_raw(a, n + 1);
	if (n)
		memcpy(q, s, n);
	q[n] = '\0';
	return q;
}

char *pl_arena_strdup(struct pl_arena *a, const char *s)
{
	return pl_arena_strndup(a, s, strlen(s));
}

char *pl_arena_printf(struct pl_arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *q = pl_arena_alloc(a, (size_t)n + 1);
	vsnprintf(q, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return q;
}

void pl_arena_reset(struct pl_arena *a)
{
	struct pl_arena_block *keep = NULL;
	for (struct pl_arena_block *b = a->head, *next; b; b = next) {
		next = b->next;
		if (!keep && b->size == a->block_size) {
			keep = b;
			continue;
		}
		free(b);
	}
	if (keep) {
		keep->next = NULL;
		keep->used = 0;
	}
	a->head = keep;
	a->total = 0;
}

void pl_arena_free(struct pl_arena *a)
{
	for (struct pl_arena_block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->total = 0;
}
