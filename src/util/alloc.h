/* Allocation that never returns NULL: a metadata browser cannot do anything
 * useful once malloc fails, and checking every call hides the real logic.
 * Sizes taken from files are bounded by the readers before they get here. */
#ifndef PL_UTIL_ALLOC_H
#define PL_UTIL_ALLOC_H

#include <stddef.h>

void *pl_malloc(size_t n);
void *pl_calloc(size_t count, size_t size);
void *pl_realloc(void *p, size_t n);
/* realloc for arrays: checks count * size for overflow. */
void *pl_reallocarray(void *p, size_t count, size_t size);
char *pl_strdup(const char *s);
char *pl_strndup(const char *s, size_t n);

/* Growable array helper: ensures cap >= need, doubling. */
#define PL_GROW(ptr, cap, need) do { \
	if ((need) > (cap)) { \
		size_t pl_grow_n_ = (cap) ? (cap) : 8; \
		while (pl_grow_n_ < (need)) pl_grow_n_ *= 2; \
		(ptr) = pl_reallocarray((ptr), pl_grow_n_, sizeof(*(ptr))); \
		(cap) = pl_grow_n_; \
	} \
} while (0)

#endif
