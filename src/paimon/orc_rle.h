/* ORC's run-length encodings: byte RLE, boolean RLE (bits over byte RLE),
 * and integer RLE versions 1 and 2 (SHORT_REPEAT, DIRECT, PATCHED_BASE,
 * DELTA). Each decoder turns one whole decompressed stream into exactly n
 * values; a stream that ends early or holds an impossible header is
 * PL_ERR_CORRUPT naming the stream (where) and the byte inside it. Values of
 * a run beyond n are ignored, as ORC's own readers never look past the last
 * value they need. */
#ifndef PL_PAIMON_ORC_RLE_H
#define PL_PAIMON_ORC_RLE_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* Where a stream lives, for error messages: the file, the file offset of
 * the stream's first (compressed) byte, and a label such as
 * "column 3 (_FILE_SIZE) DATA". */
struct pl_orc_where {
	const char *file;
	uint64_t offset;
	const char *what;
};

/* The most values one input byte can expand to (boolean RLE: a 2-byte run
 * of 130 bytes of 8 bits). Callers reject value counts above
 * len * PL_ORC_MAX_EXPANSION before allocating for them. */
#define PL_ORC_MAX_EXPANSION 520

int pl_orc_byte_rle(const uint8_t *in, size_t len, uint8_t *out, size_t n,
		    const struct pl_orc_where *where, struct pl_error *err);
/* out[i] is 0 or 1; bits are MSB first. */
int pl_orc_bool_rle(const uint8_t *in, size_t len, uint8_t *out, size_t n,
		    const struct pl_orc_where *where, struct pl_error *err);
/* version 1 or 2; is_signed selects zig-zag decoding. Unsigned values above
 * INT64_MAX come back as their two's-complement bit pattern. */
int pl_orc_int_rle(int version, int is_signed, const uint8_t *in, size_t len, int64_t *out,
		   size_t n, const struct pl_orc_where *where, struct pl_error *err);

/* Base-128 varint as ORC uses outside RLE (e.g. decimal data); 0 or -1
 * when the input ends or the value exceeds 64 bits. */
int pl_orc_read_varint(const uint8_t *in, size_t len, size_t *pos, uint64_t *out);
static inline int64_t pl_orc_unzigzag(uint64_t u)
{
	return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

#endif
