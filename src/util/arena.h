/* Bump allocator: many small allocations freed together. Decoders hand out
 * values that live in an arena owned by the caller, so a whole manifest or a
 * whole view is released with one call. */
#ifndef PL_UTIL_ARENA_H
#define PL_UTIL_ARENA_H

#include <stddef.h>

struct pl_arena_block;

struct pl_arena {
	struct pl_arena_block *head;
	size_t block_size;
	size_t total;          /* bytes handed out, for memory accounting */
};

void pl_arena_init(struct pl_arena *a, size_t block_size);
/* Returns zeroed memory aligned for any type; aborts on out-of-memory, as
 * every allocation in this program does (see util/alloc.h). */
void *pl_arena_alloc(struct pl_arena *a, size_t n);
void *pl_arena_memdup(struct pl_arena *a, const void *p, size_t n);
/* Copies n bytes and appends a NUL. */
char *pl_arena_strndup(struct pl_arena *a, const char *s, size_t n);
char *pl_arena_strdup(struct pl_arena *a, const char *s);
char *pl_arena_printf(struct pl_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Frees all blocks but the first, which is kept for reuse. Big blocks
 * freed by any arena are kept for the next arena on the same thread (a
 * bounded few); pl_arena_release_cache gives them back now (a thread's are
 * given back when it ends). */
void pl_arena_release_cache(void);
/* Frees all blocks but the first, which is kept for reuse. */
void pl_arena_reset(struct pl_arena *a);
void pl_arena_free(struct pl_arena *a);

#endif
