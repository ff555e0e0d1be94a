/* Small helpers for the lake generator: a seeded random source (so a lake is
 * reproducible byte for byte from its seed), UUID text, and writing files
 * and directories on the local file system. The generator is the only part
 * of paimon-lens that writes; it does not go through io/storage.h, which is
 * read-only by design. */
#ifndef PL_GEN_UTIL_H
#define PL_GEN_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct gen_rng {
	uint64_t state;
};

void gen_rng_seed(struct gen_rng *r, uint64_t seed);
uint64_t gen_rng_next(struct gen_rng *r);
/* Uniform in [0, n); n > 0. */
uint64_t gen_rng_below(struct gen_rng *r, uint64_t n);
/* Uniform in [lo, hi]. */
int64_t gen_rng_range(struct gen_rng *r, int64_t lo, int64_t hi);
/* Derives an independent stream, e.g. one per file, from a parent seed and
 * a label, so adding a table does not shift the numbers of the others. */
uint64_t gen_mix(uint64_t a, uint64_t b);

#define GEN_UUID_LEN 36
/* Writes a version-4 UUID (36 chars + NUL) drawn from r. */
void gen_uuid(struct gen_rng *r, char out[GEN_UUID_LEN + 1]);

/* mkdir -p. */
int gen_mkdirs(const char *path, struct pl_error *err);
/* Creates or replaces path with exactly data[0..n). */
int gen_write_file(const char *path, const void *data, size_t n, struct pl_error *err);
/* Creates a file of the given size without writing its bytes (sparse). */
int gen_write_placeholder(const char *path, uint64_t size, struct pl_error *err);
int gen_remove_file(const char *path, struct pl_error *err);
/* 1 when path exists. */
int gen_exists(const char *path);

#endif
