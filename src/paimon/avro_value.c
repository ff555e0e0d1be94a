/* Avro values: one value of a compiled schema node decoded into a pl_value
 * or stepped over. Every length and count read is checked against the bytes
 * that remain before anything is allocated. */
#include "paimon/avro_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>


int avro_bad(struct avro_cursor *c, const uint8_t *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->what, sizeof(c->what), fmt, ap);
	va_end(ap);
	c->fail_at = (size_t)(at - c->base);
	c->npath = 0;
	return -1;
}

int avro_read_long_slow(struct avro_cursor *c, int64_t *out)
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
			return avro_bad(c, c->p, "expected a varint, found end of data");
		uint8_t b = *p++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			break;
		shift += 7;
		if (shift >= 70)
			return avro_bad(c, c->p, "expected a varint of at most 10 bytes");
	}
	c->p = p;
	*out = (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
	return 0;
}

/* A string/bytes length: non-negative and within the remaining data. */
int avro_read_len(struct avro_cursor *c, size_t *out)
{
	const uint8_t *at = c->p;
	int64_t n;
	if (avro_read_long(c, &n))
		return -1;
	if (n < 0 || (uint64_t)n > (uint64_t)(c->end - c->p))
		return avro_bad(c, at, "expected a length of at most %zu remaining bytes, got %lld",
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
int avro_read_block_count(struct avro_cursor *c, size_t min, uint64_t total, int64_t *out)
{
	const uint8_t *at = c->p;
	int64_t count;
	if (avro_read_long(c, &count))
		return -1;
	if (count < 0) {
		int64_t bytes;
		if (count == INT64_MIN)
			return avro_bad(c, at, "expected an item count, got %lld", (long long)count);
		count = -count;
		if (avro_read_long(c, &bytes))
			return -1;
	}
	size_t left = (size_t)(c->end - c->p);
	if (min ? (uint64_t)count > left / min
		: (uint64_t)count + total > (uint64_t)AVRO_MAX_EMPTY_ITEMS)
		return avro_bad(c, at, "expected at most %zu items in the remaining %zu bytes, got %lld",
			   min ? left / min : (size_t)AVRO_MAX_EMPTY_ITEMS, left, (long long)count);
	*out = count;
	return 0;
}

static int decode(struct avro_cursor *c, const struct avro_node *n, struct pl_value *v, int depth);

/* Arrays and maps: blocks of count items, a 0 count ends; a negative count
 * is followed by the block's byte size (which we do not need). */
static int decode_items(struct avro_cursor *c, const struct avro_node *n, struct pl_value *v,
			int depth)
{
	int is_map = n->op == AVRO_MAP;
	size_t per = is_map ? 2 : 1;
	size_t min = n->items->min_size + (is_map ? 1 : 0);
	struct pl_value *items = NULL;
	size_t total = 0;
	for (;;) {
		int64_t count;
		if (avro_read_block_count(c, min, total, &count))
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
				if (avro_read_len(c, &klen))
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
static int skip(struct avro_cursor *c, const struct avro_node *n, int depth)
{
	const uint8_t *at = c->p;
	int64_t i;
	size_t len;
	if (depth > AVRO_MAX_DEPTH)
		return avro_bad(c, at, "values nested deeper than %d levels", AVRO_MAX_DEPTH);
	switch (n->op) {
	case AVRO_NULL:
		return 0;
	case AVRO_BOOLEAN:
		if (c->p >= c->end || *c->p > 1)
			return avro_bad(c, at, "expected a boolean byte 0 or 1");
		c->p++;
		return 0;
	case AVRO_INT:
	case AVRO_TIMESTAMP:
		return avro_read_long(c, &i);
	case AVRO_ENUM:
		if (avro_read_long(c, &i))
			return -1;
		if (i < 0 || (uint64_t)i >= n->nsymbols)
			return avro_bad(c, at, "expected an enum index below %zu, got %lld", n->nsymbols,
				   (long long)i);
		return 0;
	case AVRO_FLOAT:
	case AVRO_DOUBLE:
	case AVRO_FIXED:
		len = n->op == AVRO_FLOAT ? 4 : n->op == AVRO_DOUBLE ? 8 : n->fixed_size;
		if ((size_t)(c->end - c->p) < len)
			return avro_bad(c, at, "expected %zu bytes, found %zu", len,
				   (size_t)(c->end - c->p));
		c->p += len;
		return 0;
	case AVRO_STRING:
	case AVRO_BYTES:
		if (avro_read_len(c, &len))
			return -1;
		c->p += len;
		return 0;
	case AVRO_UNION:
		if (avro_read_long(c, &i))
			return -1;
		if (i < 0 || (uint64_t)i >= n->nchildren)
			return avro_bad(c, at, "expected a union branch below %zu, got %lld", n->nchildren,
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
		if (avro_read_block_count(c, min, total, &count))
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
					if (avro_read_long(c, &i))
						return -1;
					if (i != 0 && i != 1)
						return avro_bad(c, at, "expected a union branch below 2, got %lld",
							   (long long)i);
					if (i == 0)
						continue;
				}
				if (avro_read_long(c, &i))
					return -1;
			}
			continue;
		}
		for (int64_t k = 0; k < count; k++) {
			if (is_map) {
				if (avro_read_len(c, &len))
					return -1;
				c->p += len;
			}
			if (skip(c, n->items, depth + 1))
				return -1;
		}
	}
}

static int decode_record(struct avro_cursor *c, const struct avro_node *n, struct pl_value *v,
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
				avro_push_path(c, n->rtype->fields[i].name);
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
			avro_push_path(c, n->rtype->fields[i].name);
			return -1;
		}
	}
	v->kind = PL_VK_RECORD;
	v->u.record.type = n->rtype;
	v->u.record.fields = fields;
	return 0;
}

static int decode(struct avro_cursor *c, const struct avro_node *n, struct pl_value *v, int depth)
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
			return avro_bad(c, at, "expected a boolean, found end of data");
		if (*c->p > 1)
			return avro_bad(c, at, "expected a boolean byte 0 or 1, got %u", *c->p);
		v->kind = PL_VK_BOOL;
		v->u.b = *c->p++;
		return 0;
	case AVRO_INT:
		if (avro_read_long(c, &v->u.i))
			return -1;
		v->kind = PL_VK_INT;
		return 0;
	case AVRO_TIMESTAMP:
		if (avro_read_long(c, &i))
			return -1;
		v->kind = PL_VK_TIMESTAMP_MS;
		v->u.i = n->ts_divisor == 1 ? i : floor_div(i, n->ts_divisor);
		return 0;
	case AVRO_FLOAT: {
		if (c->end - c->p < 4)
			return avro_bad(c, at, "expected a 4-byte float, found end of data");
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
			return avro_bad(c, at, "expected an 8-byte double, found end of data");
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
		if (avro_read_len(c, &len))
			return -1;
		v->kind = n->op == AVRO_STRING ? PL_VK_STRING : PL_VK_BYTES;
		v->u.bytes.p = c->p;
		v->u.bytes.n = len;
		c->p += len;
		return 0;
	case AVRO_FIXED:
		if ((size_t)(c->end - c->p) < n->fixed_size)
			return avro_bad(c, at, "expected %zu fixed bytes, found %zu", n->fixed_size,
				   (size_t)(c->end - c->p));
		v->kind = PL_VK_BYTES;
		v->u.bytes.p = c->p;
		v->u.bytes.n = n->fixed_size;
		c->p += n->fixed_size;
		return 0;
	case AVRO_ENUM:
		if (avro_read_long(c, &i))
			return -1;
		if (i < 0 || (uint64_t)i >= n->nsymbols)
			return avro_bad(c, at, "expected an enum index below %zu, got %lld", n->nsymbols,
				   (long long)i);
		v->kind = PL_VK_STRING;
		v->u.bytes.p = (const uint8_t *)n->symbols[i];
		v->u.bytes.n = n->symbol_lens[i];
		return 0;
	case AVRO_UNION:
		if (depth > AVRO_MAX_DEPTH)
			return avro_bad(c, at, "values nested deeper than %d levels", AVRO_MAX_DEPTH);
		if (avro_read_long(c, &i))
			return -1;
		if (i < 0 || (uint64_t)i >= n->nchildren)
			return avro_bad(c, at, "expected a union branch below %zu, got %lld", n->nchildren,
				   (long long)i);
		return decode(c, n->children[i], v, depth + 1);
	case AVRO_ARRAY:
	case AVRO_MAP:
		if (depth > AVRO_MAX_DEPTH)
			return avro_bad(c, at, "values nested deeper than %d levels", AVRO_MAX_DEPTH);
		return decode_items(c, n, v, depth);
	case AVRO_RECORD:
		if (depth > AVRO_MAX_DEPTH)
			return avro_bad(c, at, "values nested deeper than %d levels", AVRO_MAX_DEPTH);
		return decode_record(c, n, v, depth);
	}
	return avro_bad(c, at, "internal: unknown schema node");
}

void avro_push_path(struct avro_cursor *c, const char *field)
{
	if (c->npath < (int)(sizeof(c->path) / sizeof(c->path[0])))
		c->path[c->npath++] = field;
}

int avro_decode(struct avro_cursor *c, const struct avro_node *n, struct pl_value *v, int depth)
{
	return decode(c, n, v, depth);
}

int avro_skip(struct avro_cursor *c, const struct avro_node *n, int depth)
{
	return skip(c, n, depth);
}
