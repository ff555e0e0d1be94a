/* Deletion-vector index files (format-manifests.md §8.3/§8.4): a version
 * byte 01, then per data file a length-prefixed, CRC-protected 32-bit
 * Roaring bitmap of deleted row positions in the portable serialization
 * (array and bitmap containers; no run containers). */
#ifndef PL_GEN_DV_WRITER_H
#define PL_GEN_DV_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/* Portable RoaringBitmap of sorted, distinct positions. */
void gen_roaring_serialize(struct pl_strbuf *sb, const uint32_t *pos, size_t n);

/* Starts an index file: the version byte. */
void gen_dv_file_begin(struct pl_strbuf *file);
/* Appends one deletion vector; returns its range (f1 offset, f2 length as
 * Java records it for 32-bit bitmaps: magic + bitmap, without the length
 * prefix and the CRC). */
void gen_dv_file_add(struct pl_strbuf *file, const uint32_t *pos, size_t n, int32_t *offset,
		     int32_t *length);

#endif
