#include "util/arena.h"
#include "util/alloc.h"

#include <pthread.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
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

/* Big blocks (a stripe's column vectors, a file's decoded records) that an
 * arena frees are kept for the next arena on the same thread: loading a
 * table opens its manifests one after another, and fresh pages from the
 * system (cleared by the kernel on first touch) cost more than decoding
 * into them. A few blocks and a bounded total per thread; the rest goes
 * back to malloc. */
#define CACHE_MIN ((size_t)256 << 10)
#define CACHE_BLOCKS 16
#define CACHE_BYTES ((size_t)256 << 20)

struct block_cache {
	struct pl_arena_block *blocks[CACHE_BLOCKS];
	size_t n, bytes;
};

static _Thread_local struct block_cache *cache;
static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static int cache_key_ok;

static void cache_destroy(void *p)
{
	struct block_cache *c = p;
	for (size_t i = 0; i < c->n; i++)
		free(c->blocks[i]);
	free(c);
}

void pl_arena_release_cache(void)
{
	if (cache) {
		for (size_t i = 0; i < cache->n; i++)
			free(cache->blocks[i]);
		cache->n = 0;
		cache->bytes = 0;
	}
}

/* Thread keys' destructors do not run for the main thread. */
static void cache_free_current(void)
{
	if (cache) {
		if (cache_key_ok)
			pthread_setspecific(cache_key, NULL);
		cache_destroy(cache);
		cache = NULL;
	}
}

static void cache_init_key(void)
{
	cache_key_ok = pthread_key_create(&cache_key, cache_destroy) == 0;
	atexit(cache_free_current);
}

/* Keeps b for reuse or frees it. */
static void release_block(struct pl_arena_block *b)
{
	if (b->size >= CACHE_MIN && b->size <= CACHE_BYTES) {
		if (!cache) {
			pthread_once(&cache_once, cache_init_key);
			if (cache_key_ok) {
				cache = pl_calloc(1, sizeof(*cache));
				pthread_setspecific(cache_key, cache);
			}
		}
		struct block_cache *c = cache;
		if (c) {
			/* Full: make room by dropping the smallest, if b is bigger. */
			size_t smallest = 0;
			for (size_t i = 1; i < c->n; i++)
				if (c->blocks[i]->size < c->blocks[smallest]->size)
					smallest = i;
			while (c->n && (c->n == CACHE_BLOCKS || c->bytes + b->size > CACHE_BYTES) &&
			       c->blocks[smallest]->size < b->size) {
				c->bytes -= c->blocks[smallest]->size;
				free(c->blocks[smallest]);
				c->blocks[smallest] = c->blocks[--c->n];
				smallest = 0;
				for (size_t i = 1; i < c->n; i++)
					if (c->blocks[i]->size < c->blocks[smallest]->size)
						smallest = i;
			}
			if (c->n < CACHE_BLOCKS && c->bytes + b->size <= CACHE_BYTES) {
				c->blocks[c->n++] = b;
				c->bytes += b->size;
				return;
			}
		}
	}
	free(b);
}

/* A kept block of at least size bytes (and not much more), or NULL. */
static struct pl_arena_block *take_block(size_t size)
{
	struct block_cache *c = cache;
	if (!c || size < CACHE_MIN)
		return NULL;
	size_t best = SIZE_MAX;
	for (size_t i = 0; i < c->n; i++) {
		size_t s = c->blocks[i]->size;
		if (s >= size && s / 2 <= size && (best == SIZE_MAX || s < c->blocks[best]->size))
			best = i;
	}
	if (best == SIZE_MAX)
		return NULL;
	struct pl_arena_block *b = c->blocks[best];
	c->blocks[best] = c->blocks[--c->n];
	c->bytes -= b->size;
	return b;
}

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
		b = take_block(size);
		if (!b) {
			b = pl_malloc(sizeof(*b) + size);
			b->size = size;
		}
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
		release_block(b);
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
		release_block(b);
	}
	a->head = NULL;
	a->total = 0;
}
