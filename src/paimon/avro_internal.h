/* Private to the Avro reader: the value decoder shared by the container
 * (avro.c), the value walk (avro_value.c) and selected reading
 * (avro_select.c). */
#ifndef PL_PAIMON_AVRO_INTERNAL_H
#define PL_PAIMON_AVRO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "paimon/avro_schema.h"
#include "paimon/codec.h"
#include "paimon/value.h"
#include "util/arena.h"
#include "util/err.h"

#define AVRO_SYNC_LEN 16
/* Largest decompressed block we accept; Java writes ~64 KiB blocks. */
#define AVRO_MAX_BLOCK ((size_t)256 << 20)

/* Items of zero-byte types (null) cannot be bounded by the input size. */
#define AVRO_MAX_EMPTY_ITEMS ((int64_t)1 << 20)

/* Decoding state for one record. On failure the message goes to what and
 * the field names are collected innermost first while unwinding. */
struct avro_cursor {
	const uint8_t *p, *end, *base;
	struct pl_arena *arena;
	const struct pl_rfield *skip_type;
	uint64_t skip_mask;
	size_t fail_at;
	char what[256];
	const char *path[AVRO_MAX_DEPTH + 2];
	int npath;
};

int avro_bad(struct avro_cursor *c, const uint8_t *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int avro_read_long_slow(struct avro_cursor *c, int64_t *out);

/* A zig-zag varint. Manifests are mostly small numbers, lengths and
 * millisecond times: up to four bytes inline, the rest (and the errors)
 * out of line. */
static inline int avro_read_long(struct avro_cursor *c, int64_t *out)
{
	const uint8_t *p = c->p;
	if (c->end - p >= 4) {
		uint64_t v = p[0] & 0x7f;
		if (p[0] < 0x80)
			goto done1;
		v |= (uint64_t)(p[1] & 0x7f) << 7;
		if (p[1] < 0x80)
			goto done2;
		v |= (uint64_t)(p[2] & 0x7f) << 14;
		if (p[2] < 0x80)
			goto done3;
		v |= (uint64_t)(p[3] & 0x7f) << 21;
		if (p[3] < 0x80)
			goto done4;
		return avro_read_long_slow(c, out);
	done4:	p++;
	done3:	p++;
	done2:	p++;
	done1:	c->p = p + 1;
		*out = (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
		return 0;
	}
	return avro_read_long_slow(c, out);
}

/* A string/bytes length: non-negative and within the remaining data. */
int avro_read_len(struct avro_cursor *c, size_t *out);
/* The count of the next block of an array or map (a negative count is
 * followed by the block's byte size), bounded by the bytes left at min
 * bytes an item; total counts the items of the blocks before. */
int avro_read_block_count(struct avro_cursor *c, size_t min, uint64_t total, int64_t *out);

/* One value of n into v (strings and bytes point into the input; arrays,
 * maps and records are allocated in c->arena). */
int avro_decode(struct avro_cursor *c, const struct avro_node *n, struct pl_value *v, int depth);
/* Steps over one value of n with the same checks, building nothing. */
int avro_skip(struct avro_cursor *c, const struct avro_node *n, int depth);
/* Records the field name while unwinding from a failure. */
void avro_push_path(struct avro_cursor *c, const char *field);

/* A selection (pl_record_reader_select) compiled against the writer
 * schema: per record on a selected path, what to do with each field. */
struct avro_selection;
int avro_select_compile(const struct avro_node *root, const char *const *paths, size_t n,
			struct pl_arena *arena, const struct avro_selection **out,
			const char *file, struct pl_error *err);
/* Decodes one record into vals[0..n) (n as compiled). */
int avro_select_decode(struct avro_cursor *c, const struct avro_selection *s,
		       struct pl_value *vals);

/* ---- blocks (avro_blocks.c) ---- */

/* What block framing needs of an open file. */
struct avro_file {
	const uint8_t *data;
	size_t len;
	const char *name;
	enum pl_codec codec;
	uint8_t sync[AVRO_SYNC_LEN];
};

struct avro_block {
	const uint8_t *data;   /* the payload, decompressed (or in the file) */
	size_t len;
	int64_t count;         /* records, as framed (not yet checked) */
	uint64_t off;          /* file offset of the block's header */
	size_t next;           /* file offset of the next block */
};

/* A varint straight from the file at *pos (header and block framing);
 * errors name what was expected there. */
int avro_file_long(const struct avro_file *f, size_t *pos, int64_t *out, const char *what,
		   struct pl_error *err);

/* The block at file offset pos, its payload decompressed into buf when
 * the codec needs it: 1, 0 at the end of the file, -1 with err. */
int avro_block_read(const struct avro_file *f, size_t pos, struct pl_bytes *buf,
		    struct avro_block *b, struct pl_error *err);

/* Blocks from pos decompressed ahead on a second thread; NULL when not
 * worth it (null codec, a small file, one thread allowed) or no thread
 * could start: read them with avro_block_read then. f must outlive it. */
struct avro_ahead;
struct avro_ahead *avro_ahead_start(const struct avro_file *f, size_t pos);
/* The next block, as avro_block_read would return it; *b stays valid
 * until the next call. */
int avro_ahead_next(struct avro_ahead *a, struct avro_block *b, struct pl_error *err);
void avro_ahead_stop(struct avro_ahead *a);

#endif
