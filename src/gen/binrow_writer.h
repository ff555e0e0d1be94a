/* BinaryRow encoder (format-manifests.md §4): the bytes Paimon stores in
 * _PARTITION, _MIN_KEY/_MAX_KEY and the statistics rows, including the
 * 4-byte big-endian arity prefix. Fixed slots are little-endian; strings up
 * to 7 bytes live inside their slot, longer ones in the 8-byte aligned
 * variable part. Only the compact forms are needed by the generator:
 * DECIMAL with precision <= 18 and TIMESTAMP with precision <= 3 are plain
 * int64 slots (use gen_binrow_set_long). */
#ifndef PL_GEN_BINROW_WRITER_H
#define PL_GEN_BINROW_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

struct gen_binrow {
	struct pl_strbuf buf;   /* arity prefix + row */
	uint32_t arity;
	size_t null_bytes;      /* W: header byte + null bit set */
};

#define GEN_BINROW_INIT { PL_STRBUF_INIT, 0, 0 }

/* Starts a row of arity fields, all zero (non-null). Reuses the buffer. */
void gen_binrow_begin(struct gen_binrow *r, uint32_t arity);
void gen_binrow_set_null(struct gen_binrow *r, uint32_t i);
void gen_binrow_set_bool(struct gen_binrow *r, uint32_t i, int v);
void gen_binrow_set_int(struct gen_binrow *r, uint32_t i, int32_t v);
void gen_binrow_set_long(struct gen_binrow *r, uint32_t i, int64_t v);
void gen_binrow_set_string(struct gen_binrow *r, uint32_t i, const char *s, size_t n);
static inline const uint8_t *gen_binrow_data(const struct gen_binrow *r)
{
	return (const uint8_t *)r->buf.buf;
}
static inline size_t gen_binrow_len(const struct gen_binrow *r) { return r->buf.len; }
void gen_binrow_free(struct gen_binrow *r);

#endif
