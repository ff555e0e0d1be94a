/* Helpers for the ORC reader tests: reading a whole file, and a small ORC
 * writer (protobuf, simple RLE forms, chunk framing with every codec) to
 * build files with the types and encodings the fixtures lack. */
#ifndef PL_TEST_ORC_TESTLIB_H
#define PL_TEST_ORC_TESTLIB_H

#include <stddef.h>
#include <stdint.h>

#include "paimon/records.h"
#include "util/err.h"

/* Opens d as ORC through the back end directly and reads every row; returns
 * the row count or -1 (err set). */
long orc_read_all(const uint8_t *d, size_t len, const char *name, struct pl_error *err);

struct obuf {
	uint8_t *d;
	size_t n, cap;
};

void ob_put(struct obuf *b, const void *p, size_t n);
void ob_byte(struct obuf *b, uint8_t c);
void ob_varint(struct obuf *b, uint64_t v);
void ob_free(struct obuf *b);
/* protobuf fields */
void pb_uint(struct obuf *b, unsigned field, uint64_t v);
void pb_blob(struct obuf *b, unsigned field, const void *p, size_t n);
void pb_str(struct obuf *b, unsigned field, const char *s);

/* Encoders in their simplest legal forms. */
void enc_bytes(struct obuf *b, const uint8_t *v, size_t n);         /* byte RLE literals */
void enc_bools(struct obuf *b, const uint8_t *bits, size_t n);      /* boolean RLE */
void enc_v2(struct obuf *b, const int64_t *v, size_t n, int is_signed); /* DIRECT, 64 bits */
void enc_v1(struct obuf *b, const int64_t *v, size_t n, int is_signed); /* v1 literals */

/* Builds one ORC file: declare types in column-id order, then per stripe
 * add streams (in file order) and one encoding per column, end the stripe,
 * finish. compression is an ORC CompressionKind (0 NONE .. 5 ZSTD); chunks
 * are block_size bytes of input, stored compressed when that is smaller. */
struct orc_build {
	int compression;
	size_t block_size;
	struct obuf file, types, stripes, streams, encodings, data;
	uint64_t rows;
};

void ob_init(struct orc_build *o, int compression, size_t block_size);
/* kind: ORC Type.Kind; names only for structs */
void ob_type(struct orc_build *o, unsigned kind, const uint32_t *sub, size_t nsub,
	     const char *const *names);
/* a decimal(precision, scale) column type */
void ob_type_decimal(struct orc_build *o, unsigned precision, unsigned scale);
void ob_stream(struct orc_build *o, unsigned kind, unsigned column, const struct obuf *payload);
void ob_encoding(struct orc_build *o, unsigned kind, uint64_t dictionary_size);
void ob_end_stripe(struct orc_build *o, uint64_t rows);
/* Returns the file (malloc'ed); o is freed. */
uint8_t *ob_finish(struct orc_build *o, size_t *len);

#endif
