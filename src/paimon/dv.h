/* Deletion-vector index files (format-manifests.md §8): a version byte 01,
 * then per data file a length-prefixed, CRC-protected Roaring bitmap of
 * deleted row positions, located by the (offset, length) of its
 * _DELETIONS_VECTORS_RANGES item. Needed for the number of deleted rows
 * when the index manifest predates _CARDINALITY (Paimon < 1.0). */
#ifndef PL_PAIMON_DV_H
#define PL_PAIMON_DV_H

#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "util/err.h"

struct pl_dv_info {
	int bitmap64;           /* 1: 64-bit (Iceberg-compatible) kind */
	uint64_t cardinality;   /* deleted rows */
};

/* Called with each deleted position in ascending order; returning
 * non-zero stops the calls (decoding still completes). */
typedef int (*pl_dv_position_fn)(void *ctx, uint64_t position);

/* A 32-bit portable-format Roaring bitmap at p[0..n): its cardinality
 * (from the headers) and its byte size; with fn, every value too. */
int pl_roaring32_walk(const uint8_t *p, size_t n, const char *file, uint64_t file_offset,
		      uint64_t *cardinality, size_t *size, pl_dv_position_fn fn, void *ctx,
		      struct pl_error *err);

/* Decodes the deletion vector that starts at p (the range's offset inside
 * the index file; n bytes available from there). length is the range's
 * recorded length (f2); offset is only used in messages. Checks the
 * length prefix, magic and CRC-32. */
int pl_dv_decode(const uint8_t *p, size_t n, const char *file, uint64_t offset, int32_t length,
		 struct pl_dv_info *out, pl_dv_position_fn fn, void *ctx, struct pl_error *err);

/* Checks the version byte of a whole index file. */
int pl_dv_check_version(const uint8_t *p, size_t n, const char *file, struct pl_error *err);

/* Reads one range of the index file at path through the storage. */
int pl_dv_read(struct pl_storage *st, const char *path, int32_t offset, int32_t length,
	       struct pl_dv_info *out, struct pl_error *err);

#endif
