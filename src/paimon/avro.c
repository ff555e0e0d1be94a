/* Avro object container files: header, blocks, and one record per next().
 * The schema is compiled once per file (avro_schema.c); records decode into
 * an arena reset on every call, with strings and bytes pointing into the
 * decompressed block. Every length and count read from the file is checked
 * against the bytes that remain before anything is allocated. */
#include "paimon/avro_schema.h"
#include "paimon/codec.h"
#include "paimon/records.h"
#include "util/alloc.h"
#include "util/sanitize.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#define AVRO_SYNC_LEN 16
/* Largest decompressed block we accept; Java writes ~64 KiB blocks. */
#define AVRO_MAX_BLOCK ((size_t)256 << 20)
/* Items of zero-byte types (null) cannot be bounded by the input size. */
#define AVRO_MAX_EMPTY_ITEMS ((int64_t)1 << 20)

struct avro_reader {
	const uint8_t *data;
	size_t len;
	char *name;
	const char *codec_name;         /* avro.codec as written, "null" if absent */
	enum pl_codec codec;
	uint8_t sync[AVRO_SYNC_LEN];
	struct pl_arena schema_arena;   /* plan, rtypes, JSON */
	const struct avro_node *root;   /* what one record is (maybe a union) */
	const struct pl_rtype *root_type;
	size_t pos;                     /* file offset of the next block */
	/* the current block */
	struct pl_bytes buf;
	const uint8_t *blk;
	size_t blk_len, blk_pos;
	uint64_t blk_off;               /* file offset of the block header */
	int64_t blk_count, blk_left;
	struct pl_arena rec_arena;
	/* Fields the caller does not read (pl_record_reader_skip_fields). */
	const struct pl_rfield *skip_type;   /* the record type's fields array */
	uint64_t skip_mask;
	int failed;
	struct pl_error saved_err;
};

/* Decoding state for one record. On failure the message goes to what and
 * the field names are collected innermost first while unwinding. */
struct cursor {
	const uint8_t *p, *end, *base;
	struct pl_arena *arena;
	const struct pl_rfield *skip_type;
	uint64_t skip_mask;
	size_t fail_at;
	char what[256];
	const char *path[AVRO_MAX_DEPTH + 2];
	int npath;
};

static int bad(struct cursor *c, const uint8_t *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bad(struct cursor *c, const uint8_t *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->what, sizeof(c->what), fmt, ap);
	va_end(ap);
	c->fail_at = (size_t)(at - c->base);
	c->npath = 0;
	return -1;
}

static int read_long(struct cursor *c, int64_t *out)
{
	const uint8_t *p = c->p;
	if (p < c->end && *p < 0x80) {  /* the common one-byte case */
		*out = (int64_t)(*p >> 1) ^ -(int64_t)(*p & 1);
		c->p = p + 1;
		return 0;
	}
	uint64_t v = 0;
	unsigned shift = 0;
	for (;;) {
		if (p >= c->end)
			return bad(c, c->p, "expected a varint, found end of data");
		uint8_t b = *p++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			break;
		shift += 7;
		if (shift >= 70)
			return bad(c, c->p, "expected a varint of at most 10 bytes");
	}
	c->p = p;
	*out = (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
	return 0;
}

/* A string/bytes length: non-negative and within the remaining data. */
static int read_len(struct cursor *c, size_t *out)
{
	const uint8_t *at = c->p;
	int64_t n;
	if (read_long(c, &n))
		return -1;
	if (n < 0 || (uint64_t)n > (uint64_t)(c->end - c->p))
		return bad(c, at, "expected a length of at most %zu remaining bytes, got %lld",
			   (size_t)(c->end - c->p), (long long)n);
	*out = (size_t)n;
	return 0;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* The count of the next block of an array or map (a negative count is
 * followed by the block's byte size). Bounded by the bytes left, at
 * least `min` each, so a hostile count is an error, not an allocation;
 * items of size 0 are bounded by AVRO_MAX_EMPTY_ITEMS over all blocks. */
static int read_block_count(struct cursor *c, size_t min, uint64_t total, int64_t *out)
{
	const uint8_t *at = c->p;
	int64_t count;
	if (read_long(c, &count))
		return -1;
	if (count < 0) {
		int64_t bytes;
		if (count == INT64_MIN)
			return bad(c, at, "expected an item count, got %lld", (long long)count);
		count = -count;
		if (read_long(c, &bytes))
			return -1;
	}
	size_t left = (size_t)(c->end - c->p);
	if (min ? (uint64_t)count > left / min
		: (uint64_t)count + total > (uint64_t)AVRO_MAX_EMPTY_ITEMS)
		return bad(c, at, "expected at most %zu items in the remaining %zu bytes, got %lld",
			   min ? left / min : (size_t)AVRO_MAX_EMPTY_ITEMS, left, (long long)count);
	*out = count;
	return 0;
}

static int decode(struct cursor *c, const struct avro_node *n, struct pl_value *v, int depth);

/* Arrays and maps: blocks of count items, a 0 count ends; a negative count
 * is followed by the block's byte size (which we do not need). */
static int decode_items(struct cursor *c, const struct avro_node *n, struct pl_value *v,
			int depth)
{
	int is_map = n->op == AVRO_MAP;
	size_t per = is_map ? 2 : 1;
	size_t min = n->items->min_size + (is_map ? 1 : 0);
	struct pl_value *items = NULL;
	size_t total = 0;
	for (;;) {
		int64_t count;
		if (read_block_count(c, min, total, &count))
			return -1;
		if (count == 0)
			break;
		size_t grown = total + (size_t)count;
		struct pl_value *next = pl_arena_alloc(c->arena, grown * per * sizeof(*next));
		if (total)
			memcpy(next, items, total * per * sizeof(*next));
		items = next;
		for (size_t i = total; i < grown; i++) {
			if (is_map) {
				size_t klen;
				if (read_len(c, &klen))
					return -1;
				items[2 * i].kind = PL_VK_STRING;
				items[2 * i].u.bytes.p = c->p;
				items[2 * i].u.bytes.n = klen;
				c->p += klen;
				if (decode(c, n->items, &items[2 * i + 1], depth + 1))
					return -1;
			} else if (decode(c, n->items, &items[i], depth + 1)) {
				return -1;
			}
		}
		total = grown;
	}
	v->kind = is_map ? PL_VK_MAP : PL_VK_ARRAY;
	v->u.array.items = items;
	v->u.array.n = total * per;
	return 0;
}

/* Steps over one value of n: the same checks as decode, nothing built. */
static int skip(struct cursor *c, const struct avro_node *n, int depth)
{
	const uint8_t *at = c->p;
	int64_t i;
	size_t len;
	if (depth > AVRO_MAX_DEPTH)
		return bad(c, at, "values nested deeper than %d levels", AVRO_MAX_DEPTH);
	switch (n->op) {
	case AVRO_NULL:
		return 0;
	case AVRO_BOOLEAN:
		if (c->p >= c->end || *c->p > 1)
			return bad(c, at, "expected a boolean byte 0 or 1");
		c->p++;
		return 0;
	case AVRO_INT:
	case AVRO_TIMESTAMP:
		return read_long(c, &i);
	case AVRO_ENUM:
		if (read_long(c, &i))
			return -1;
		if (i < 0 || (uint64_t)i >= n->nsymbols)
			return bad(c, at, "expected an enum index below %zu, got %lld", n->nsymbols,
				   (long long)i);
		return 0;
	case AVRO_FLOAT:
	case AVRO_DOUBLE:
	case AVRO_FIXED:
		len = n->op == AVRO_FLOAT ? 4 : n->op == AVRO_DOUBLE ? 8 : n->fixed_size;
		if ((size_t)(c->end - c->p) < len)
			return bad(c, at, "expected %zu bytes, found %zu", len,
				   (size_t)(c->end - c->p));
		c->p += len;
		return 0;
	case AVRO_STRING:
	case AVRO_BYTES:
		if (read_len(c, &len))
			return -1;
		c->p += len;
		return 0;
	case AVRO_UNION:
		if (read_long(c, &i))
			return -1;
		if (i < 0 || (uint64_t)i >= n->nchildren)
			return bad(c, at, "expected a union branch below %zu, got %lld", n->nchildren,
				   (long long)i);
		return skip(c, n->children[i], depth + 1);
	case AVRO_RECORD:
		for (size_t k = 0; k < n->nchildren; k++)
			if (skip(c, n->children[k], depth + 1))
				return -1;
		return 0;
	case AVRO_ARRAY:
	case AVRO_MAP:
		break;
	}
	int is_map = n->op == AVRO_MAP;
	size_t min = n->items->min_size + (is_map ? 1 : 0);
	uint64_t total = 0;
	for (;;) {
		int64_t count;
		if (read_block_count(c, min, total, &count))
			return -1;
		if (count == 0)
			return 0;
		total += (uint64_t)count;
		const struct avro_node *it = n->items;
		/* Null counts: arrays of longs or of ["null", long]. */
		int nullable_long = it->op == AVRO_UNION && it->nchildren == 2 &&
				    it->children[0]->op == AVRO_NULL && it->children[1]->op == AVRO_INT;
		if (!is_map && (it->op == AVRO_INT || nullable_long)) {
			for (int64_t k = 0; k < count; k++) {
				if (nullable_long) {
					at = c->p;
					if (read_long(c, &i))
						return -1;
					if (i != 0 && i != 1)
						return bad(c, at, "expected a union branch below 2, got %lld",
							   (long long)i);
					if (i == 0)
						continue;
				}
				if (read_long(c, &i))
					return -1;
			}
			continue;
		}
		for (int64_t k = 0; k < count; k++) {
			if (is_map) {
				if (read_len(c, &len))
					return -1;
				c->p += len;
			}
			if (skip(c, n->items, depth + 1))
				return -1;
		}
	}
}

static int decode_record(struct cursor *c, const struct avro_node *n, struct pl_value *v,
			 int depth)
{
	size_t nf = n->nchildren;
	struct pl_value *fields = pl_arena_alloc(c->arena, (nf ? nf : 1) * sizeof(*fields));
	/* A nullable record's type is a copy sharing the fields array: that
	 * array is what names the record type. */
	uint64_t skipped = c->skip_type && n->rtype->fields == c->skip_type ? c->skip_mask : 0;
	for (size_t i = 0; i < nf; i++) {
		const struct avro_node *f = n->children[i];
		struct pl_value *fv = &fields[i];
		if (i < 64 && (skipped >> i & 1)) {
			fv->kind = PL_VK_NULL;
			if (skip(c, f, depth + 1)) {
				if (c->npath < (int)(sizeof(c->path) / sizeof(c->path[0])))
					c->path[c->npath++] = n->rtype->fields[i].name;
				return -1;
			}
			continue;
		}
		/* Fast paths for the field shapes manifests are made of: plain
		 * ints and strings, and ["null", int|string] unions. */
		if (f->op == AVRO_UNION && f->nchildren == 2 && c->p < c->end &&
		    (*c->p == 0 || *c->p == 2)) {
			const struct avro_node *b = f->children[*c->p >> 1];
			if (b->op == AVRO_NULL || b->op == AVRO_INT || b->op == AVRO_STRING ||
			    b->op == AVRO_BYTES) {
				c->p++;
				f = b;
			}
		}
		if (f->op == AVRO_INT && c->p < c->end && *c->p < 0x80) {
			fv->kind = PL_VK_INT;
			fv->u.i = (int64_t)(*c->p >> 1) ^ -(int64_t)(*c->p & 1);
			c->p++;
			continue;
		}
		if (f->op == AVRO_NULL) {
			fv->kind = PL_VK_NULL;
			continue;
		}
		if ((f->op == AVRO_STRING || f->op == AVRO_BYTES) && c->p < c->end &&
		    *c->p < 0x80 && !(*c->p & 1) &&
		    (size_t)(c->end - c->p) > (size_t)(*c->p >> 1)) {
			size_t len = *c->p >> 1;    /* short, non-negative length */
			fv->kind = f->op == AVRO_STRING ? PL_VK_STRING : PL_VK_BYTES;
			fv->u.bytes.p = c->p + 1;
			fv->u.bytes.n = len;
			c->p += 1 + len;
			continue;
		}
		if (decode(c, f, fv, depth + 1)) {
			if (c->npath < (int)(sizeof(c->path) / sizeof(c->path[0])))
				c->path[c->npath++] = n->rtype->fields[i].name;
			return -1;
		}
	}
	v->kind = PL_VK_RECORD;
	v->u.record.type = n->rtype;
	v->u.record.fields = fields;
	return 0;
}

static int decode(struct cursor *c, const struct avro_node *n, struct pl_value *v, int depth)
{
	const uint8_t *at = c->p;
	int64_t i;
	size_t len;
	switch (n->op) {
	case AVRO_NULL:
		v->kind = PL_VK_NULL;
		return 0;
	case AVRO_BOOLEAN:
		if (c->p >= c->end)
			return bad(c, at, "expected a boolean, found end of data");
		if (*c->p > 1)
			return bad(c, at, "expected a boolean byte 0 or 1, got %u", *c->p);
		v->kind = PL_VK_BOOL;
		v->u.b = *c->p++;
		return 0;
	case AVRO_INT:
		if (read_long(c, &v->u.i))
			return -1;
		v->kind = PL_VK_INT;
		return 0;
	case AVRO_TIMESTAMP:
		if (read_long(c, &i))
			return -1;
		v->kind = PL_VK_TIMESTAMP_MS;
		v->u.i = n->ts_divisor == 1 ? i : floor_div(i, n->ts_divisor);
		return 0;
	case AVRO_FLOAT: {
		if (c->end - c->p < 4)
			return bad(c, at, "expected a 4-byte float, found end of data");
		uint32_t bits = (uint32_t)c->p[0] | (uint32_t)c->p[1] << 8 |
				(uint32_t)c->p[2] << 16 | (uint32_t)c->p[3] << 24;
		float f;
		memcpy(&f, &bits, sizeof(f));
		c->p += 4;
		v->kind = PL_VK_FLOAT;
		v->u.d = f;
		return 0;
	}
	case AVRO_DOUBLE: {
		if (c->end - c->p < 8)
			return bad(c, at, "expected an 8-byte double, found end of data");
		uint64_t bits = 0;
		for (int k = 7; k >= 0; k--)
			bits = bits << 8 | c->p[k];
		memcpy(&v->u.d, &bits, sizeof(v->u.d));
		c->p += 8;
		v->kind = PL_VK_DOUBLE;
		return 0;
	}
	case AVRO_STRING:
	case AVRO_BYTES:
		if (read_len(c, &len))
			return -1;
		v->kind = n->op == AVRO_STRING ? PL_VK_STRING : PL_VK_BYTES;
		v->u.bytes.p = c->p;
		v->u.bytes.n = len;
		c->p += len;
		return 0;
	case AVRO_FIXED:
		if ((size_t)(c->end - c->p) < n->fixed_size)
			return bad(c, at, "expected %zu fixed bytes, found %zu", n->fixed_size,
				   (size_t)(c->end - c->p));
		v->kind = PL_VK_BYTES;
		v->u.bytes.p = c->p;
		v->u.bytes.n = n->fixed_size;
		c->p += n->fixed_size;
		return 0;
	case AVRO_ENUM:
		if (read_long(c, &i))
			return -1;
		if (i < 0 || (uint64_t)i >= n->nsymbols)
			return bad(c, at, "expected an enum index below %zu, got %lld", n->nsymbols,
				   (long long)i);
		v->kind = PL_VK_STRING;
		v->u.bytes.p = (const uint8_t *)n->symbols[i];
		v->u.bytes.n = n->symbol_lens[i];
		return 0;
	case AVRO_UNION:
		if (depth > AVRO_MAX_DEPTH)
			return bad(c, at, "values nested deeper than %d levels", AVRO_MAX_DEPTH);
		if (read_long(c, &i))
			return -1;
		if (i < 0 || (uint64_t)i >= n->nchildren)
			return bad(c, at, "expected a union branch below %zu, got %lld", n->nchildren,
				   (long long)i);
		return decode(c, n->children[i], v, depth + 1);
	case AVRO_ARRAY:
	case AVRO_MAP:
		if (depth > AVRO_MAX_DEPTH)
			return bad(c, at, "values nested deeper than %d levels", AVRO_MAX_DEPTH);
		return decode_items(c, n, v, depth);
	case AVRO_RECORD:
		if (depth > AVRO_MAX_DEPTH)
			return bad(c, at, "values nested deeper than %d levels", AVRO_MAX_DEPTH);
		return decode_record(c, n, v, depth);
	}
	return bad(c, at, "internal: unknown schema node");
}

/* ---- container ---- */

static int fail(struct avro_reader *r, struct pl_error *err)
{
	r->failed = 1;
	if (err)
		r->saved_err = *err;
	return -1;
}

/* A varint straight from the file, for the header and block framing. */
static int file_long(struct avro_reader *r, size_t *pos, int64_t *out, const char *what,
		     struct pl_error *err)
{
	struct cursor c = { .p = r->data + *pos, .end = r->data + r->len, .base = r->data };
	if (read_long(&c, out))
		return pl_err_corrupt(err, r->name, *pos, "expected %s: %s", what, c.what);
	*pos = (size_t)(c.p - r->data);
	return 0;
}

static int codec_from_name(const uint8_t *s, size_t n, enum pl_codec *out)
{
	static const struct { const char *name; enum pl_codec codec; } codecs[] = {
		{ "null", PL_CODEC_NONE }, { "deflate", PL_CODEC_DEFLATE },
		{ "snappy", PL_CODEC_SNAPPY }, { "zstandard", PL_CODEC_ZSTD },
	};
	for (size_t i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++)
		if (strlen(codecs[i].name) == n && memcmp(codecs[i].name, s, n) == 0) {
			*out = codecs[i].codec;
			return 0;
		}
	return -1;
}

/* Header: magic, the metadata map<string, bytes>, the sync marker. */
static int read_header(struct avro_reader *r, struct pl_error *err)
{
	size_t pos = 4;
	const uint8_t *schema = NULL, *codec = NULL;
	size_t schema_len = 0, codec_len = 0, schema_pos = 0, codec_pos = 0;
	for (;;) {
		size_t at = pos;
		int64_t count;
		if (file_long(r, &pos, &count, "a metadata map block count", err))
			return -1;
		if (count == 0)
			break;
		if (count < 0) {
			int64_t bytes;
			if (count == INT64_MIN)
				return pl_err_corrupt(err, r->name, at, "expected a metadata map count");
			if (file_long(r, &pos, &bytes, "a metadata block size", err))
				return -1;
			count = -count;
		}
		if ((uint64_t)count > (r->len - pos) / 2)
			return pl_err_corrupt(err, r->name, at,
					      "expected at most %zu metadata entries in the remaining bytes, got %lld",
					      (r->len - pos) / 2, (long long)count);
		for (int64_t k = 0; k < count; k++) {
			const uint8_t *s[2];
			size_t n[2], where[2];
			for (int kv = 0; kv < 2; kv++) {
				int64_t l;
				size_t lat = pos;
				if (file_long(r, &pos, &l, kv ? "a metadata value length" :
					      "a metadata key length", err))
					return -1;
				if (l < 0 || (uint64_t)l > r->len - pos)
					return pl_err_corrupt(err, r->name, lat,
							      "expected a metadata %s of at most %zu bytes, got %lld",
							      kv ? "value" : "key", r->len - pos,
							      (long long)l);
				s[kv] = r->data + pos;
				n[kv] = (size_t)l;
				where[kv] = pos;
				pos += (size_t)l;
			}
			if (n[0] == 11 && memcmp(s[0], "avro.schema", 11) == 0) {
				schema = s[1], schema_len = n[1], schema_pos = where[1];
			} else if (n[0] == 10 && memcmp(s[0], "avro.codec", 10) == 0) {
				codec = s[1], codec_len = n[1], codec_pos = where[1];
			}
		}
	}
	if (r->len - pos < AVRO_SYNC_LEN)
		return pl_err_corrupt(err, r->name, pos,
				      "expected the 16-byte sync marker, found %zu bytes", r->len - pos);
	memcpy(r->sync, r->data + pos, AVRO_SYNC_LEN);
	r->pos = pos + AVRO_SYNC_LEN;

	if (!schema)
		return pl_err_corrupt(err, r->name, 4, "expected an avro.schema metadata entry");
	if (!codec) {
		r->codec = PL_CODEC_NONE;
		r->codec_name = "null";
	} else if (codec_from_name(codec, codec_len, &r->codec)) {
		const char *shown = pl_sanitize(&r->schema_arena, (const char *)codec,
						codec_len > 40 ? 40 : codec_len);
		return pl_err_corrupt(err, r->name, codec_pos,
				      "unsupported avro.codec \"%s\" (expected null, deflate, snappy or zstandard)",
				      shown);
	} else {
		r->codec_name = pl_arena_strndup(&r->schema_arena, (const char *)codec, codec_len);
	}
	return avro_schema_compile((const char *)schema, schema_len, r->name, schema_pos,
				   &r->schema_arena, &r->root, err);
}

/* Reads the framing of the block at r->pos and decompresses its payload.
 * Returns 1 with a block loaded, 0 at end of file, -1 on error. */
static int load_block(struct avro_reader *r, struct pl_error *err)
{
	for (;;) {
		if (r->pos >= r->len)
			return 0;
		size_t pos = r->pos;
		int64_t count, size;
		r->blk_off = pos;
		if (file_long(r, &pos, &count, "a block record count", err) ||
		    file_long(r, &pos, &size, "a block byte size", err))
			return -1;
		if (count < 0)
			return pl_err_corrupt(err, r->name, r->blk_off,
					      "expected a non-negative block record count, got %lld",
					      (long long)count);
		if (size < 0 || (uint64_t)size + AVRO_SYNC_LEN > r->len - pos)
			return pl_err_corrupt(err, r->name, r->blk_off,
					      "block of %lld bytes plus sync marker runs past the end of the file (%zu bytes left)",
					      (long long)size, r->len - pos);
		const uint8_t *payload = r->data + pos;
		size_t n = (size_t)size;
		if (memcmp(payload + n, r->sync, AVRO_SYNC_LEN) != 0)
			return pl_err_corrupt(err, r->name, pos + n,
					      "expected the file's sync marker after the block at offset %llu",
					      (unsigned long long)r->blk_off);
		r->pos = pos + n + AVRO_SYNC_LEN;
		if (r->codec == PL_CODEC_NONE) {
			r->blk = payload;
			r->blk_len = n;
		} else {
			size_t body = n;
			if (r->codec == PL_CODEC_SNAPPY) {
				/* Avro appends a big-endian CRC-32 of the uncompressed data. */
				if (n < 4)
					return pl_err_corrupt(err, r->name, pos,
							      "expected a snappy block and its 4-byte CRC, found %zu bytes", n);
				body = n - 4;
			}
			if (pl_decompress(r->codec, payload, body, 0, AVRO_MAX_BLOCK, &r->buf, r->name,
					  pos, err))
				return -1;
			if (r->codec == PL_CODEC_SNAPPY) {
				const uint8_t *t = payload + body;
				uint32_t want = (uint32_t)t[0] << 24 | (uint32_t)t[1] << 16 |
						(uint32_t)t[2] << 8 | t[3];
				uint32_t got = (uint32_t)crc32(0L, r->buf.data, (uInt)r->buf.len);
				if (got != want)
					return pl_err_corrupt(err, r->name, pos + body,
							      "snappy block CRC-32 mismatch (stored %08x, computed %08x)",
							      want, got);
			}
			r->blk = r->buf.data;
			r->blk_len = r->buf.len;
		}
		size_t min = r->root->min_size;
		if (min ? (uint64_t)count > r->blk_len / min : count > AVRO_MAX_EMPTY_ITEMS)
			return pl_err_corrupt(err, r->name, r->blk_off,
					      "block claims %lld records but holds only %zu bytes",
					      (long long)count, r->blk_len);
		if (count == 0 && r->blk_len != 0)
			return pl_err_corrupt(err, r->name, r->blk_off,
					      "block of 0 records holds %zu bytes", r->blk_len);
		r->blk_pos = 0;
		r->blk_count = r->blk_left = count;
		if (count > 0)
			return 1;
	}
}

static int decode_error(struct avro_reader *r, struct cursor *c, struct pl_error *err)
{
	char path[512];
	size_t n = 0;
	path[0] = 0;
	for (int i = c->npath - 1; i >= 0 && n < sizeof(path); i--) {
		/* Field names come from the file: escape them for the terminal. */
		const char *name = pl_sanitize(&r->rec_arena, c->path[i], strlen(c->path[i]));
		int k = snprintf(path + n, sizeof(path) - n, "%s%s", n ? "." : "", name);
		if (k < 0)
			break;
		n += (size_t)k;
	}
	return pl_err_corrupt(err, r->name, r->blk_off,
			      "block record %lld of %lld, byte %zu of %zu decompressed%s%s: %s",
			      (long long)(r->blk_count - r->blk_left + 1), (long long)r->blk_count,
			      c->fail_at, r->blk_len, c->npath ? ", field " : "", path, c->what);
}

static int avro_next(void *impl, const struct pl_value **row, struct pl_error *err)
{
	struct avro_reader *r = impl;
	if (r->failed) {
		if (err)
			*err = r->saved_err;
		return -1;
	}
	if (r->blk_left == 0) {
		int rc = load_block(r, err);
		if (rc <= 0)
			return rc < 0 ? fail(r, err) : 0;
	}
	pl_arena_reset(&r->rec_arena);
	struct cursor c = {
		.p = r->blk + r->blk_pos, .end = r->blk + r->blk_len, .base = r->blk,
		.arena = &r->rec_arena, .skip_type = r->skip_type, .skip_mask = r->skip_mask,
	};
	struct pl_value *v = pl_arena_alloc(&r->rec_arena, sizeof(*v));
	if (decode(&c, r->root, v, 0)) {
		decode_error(r, &c, err);
		return fail(r, err);
	}
	r->blk_pos = (size_t)(c.p - r->blk);
	if (--r->blk_left == 0 && r->blk_pos != r->blk_len) {
		pl_err_corrupt(err, r->name, r->blk_off,
			       "expected the block to end after its %lld records, %zu bytes remain",
			       (long long)r->blk_count, r->blk_len - r->blk_pos);
		return fail(r, err);
	}
	*row = v;
	return 1;
}

static const struct pl_rtype *avro_type(void *impl)
{
	return ((struct avro_reader *)impl)->root_type;
}

static const char *avro_codec(void *impl)
{
	return ((struct avro_reader *)impl)->codec_name;
}

static void avro_skip_fields(void *impl, const struct pl_rtype *rtype, uint64_t mask)
{
	struct avro_reader *r = impl;
	r->skip_type = rtype && rtype->kind == PL_VK_RECORD ? rtype->fields : NULL;
	r->skip_mask = mask;
}

static void avro_close(void *impl)
{
	struct avro_reader *r = impl;
	if (!r)
		return;
	pl_arena_free(&r->schema_arena);
	pl_arena_free(&r->rec_arena);
	pl_bytes_free(&r->buf);
	free(r->name);
	free(r);
}

static const struct pl_record_reader_ops avro_ops = {
	.next = avro_next,
	.type = avro_type,
	.codec = avro_codec,
	.close = avro_close,
	.skip_fields = avro_skip_fields,
};

int pl_avro_reader_open(const uint8_t *data, size_t len, const char *name, void **impl,
			const struct pl_record_reader_ops **ops, struct pl_error *err)
{
	if (len < 4 || memcmp(data, "Obj\x01", 4) != 0)
		return pl_err_corrupt(err, name, 0, "expected the Avro magic bytes Obj\\x01");
	struct avro_reader *r = pl_calloc(1, sizeof(*r));
	r->data = data;
	r->len = len;
	r->name = pl_strdup(name ? name : "(input)");
	pl_arena_init(&r->schema_arena, 16384);
	pl_arena_init(&r->rec_arena, 65536);
	if (read_header(r, err)) {
		avro_close(r);
		return -1;
	}
	/* Old Paimon wraps the whole record in ["null", record]: callers get
	 * the record type; the plan keeps the union so its index is read. */
	const struct avro_node *root = r->root;
	if (root->op == AVRO_UNION && root->nchildren == 2) {
		for (size_t i = 0; i < 2; i++)
			if (root->children[i]->op == AVRO_RECORD &&
			    root->children[1 - i]->op == AVRO_NULL)
				r->root_type = root->children[i]->rtype;
	}
	if (!r->root_type)
		r->root_type = root->rtype;
	*impl = r;
	*ops = &avro_ops;
	return 0;
}
