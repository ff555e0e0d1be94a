/* Minimal protobuf wire-format decoding for ORC's PostScript, Footer and
 * StripeFooter. Repeated fields are counted in a first pass so that arrays
 * are sized by what the buffer really holds, never by a count read from it. */
#include "paimon/orc_proto.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { WT_VARINT = 0, WT_FIXED64 = 1, WT_LEN = 2, WT_FIXED32 = 5 };

struct pb {
	const uint8_t *p;
	size_t len, pos;
	const char *file;
	uint64_t offset;       /* file offset of the message (or its compressed form) */
	const char *msg;       /* message name for errors */
	struct pl_error *err;
};

static int pb_bad(struct pb *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int pb_bad(struct pb *c, const char *fmt, ...)
{
	char what[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return pl_err_corrupt(c->err, c->file, c->offset, "ORC %s, byte %zu: expected %s",
			      c->msg, c->pos, what);
}

static void pb_init(struct pb *c, const uint8_t *p, size_t len, const char *file,
		    uint64_t offset, const char *msg, struct pl_error *err)
{
	c->p = p;
	c->len = len;
	c->pos = 0;
	c->file = file;
	c->offset = offset;
	c->msg = msg;
	c->err = err;
}

static int pb_varint(struct pb *c, uint64_t *out)
{
	uint64_t v = 0;
	for (unsigned shift = 0; shift < 64; shift += 7) {
		if (c->pos >= c->len)
			return pb_bad(c, "a varint, found the end of the message");
		uint8_t b = c->p[c->pos++];
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*out = v;
			return 0;
		}
	}
	return pb_bad(c, "a varint of at most 10 bytes");
}

static int pb_done(const struct pb *c)
{
	return c->pos >= c->len;
}

static int pb_key(struct pb *c, uint64_t *field, unsigned *wt)
{
	uint64_t key;
	if (pb_varint(c, &key))
		return -1;
	*field = key >> 3;
	*wt = key & 7;
	if (*field == 0)
		return pb_bad(c, "a field number above 0");
	return 0;
}

static int pb_bytes(struct pb *c, unsigned wt, const uint8_t **p, size_t *n)
{
	uint64_t len;
	if (wt != WT_LEN)
		return pb_bad(c, "a length-delimited field, found wire type %u", wt);
	if (pb_varint(c, &len))
		return -1;
	if (len > c->len - c->pos)
		return pb_bad(c, "a field of %llu bytes, %zu remain",
			      (unsigned long long)len, c->len - c->pos);
	*p = c->p + c->pos;
	*n = (size_t)len;
	c->pos += (size_t)len;
	return 0;
}

static int pb_uint(struct pb *c, unsigned wt, uint64_t *out)
{
	if (wt != WT_VARINT)
		return pb_bad(c, "a varint field, found wire type %u", wt);
	return pb_varint(c, out);
}

static int pb_skip(struct pb *c, unsigned wt)
{
	uint64_t v;
	const uint8_t *p;
	size_t n;
	switch (wt) {
	case WT_VARINT:
		return pb_varint(c, &v);
	case WT_LEN:
		return pb_bytes(c, wt, &p, &n);
	case WT_FIXED64:
	case WT_FIXED32:
		n = wt == WT_FIXED64 ? 8 : 4;
		if (n > c->len - c->pos)
			return pb_bad(c, "a %zu-byte fixed field", n);
		c->pos += n;
		return 0;
	default:
		return pb_bad(c, "a known wire type, found %u", wt);
	}
}

/* Counts occurrences of a repeated message or string field. */
static int pb_count(struct pb c, uint64_t want, size_t *count)
{
	uint64_t field;
	unsigned wt;
	*count = 0;
	while (!pb_done(&c)) {
		if (pb_key(&c, &field, &wt) || pb_skip(&c, wt))
			return -1;
		if (field == want)
			(*count)++;
	}
	return 0;
}

/* Counts the values of a repeated varint field, packed or not. */
static int pb_count_varints(struct pb c, uint64_t want, size_t *count)
{
	uint64_t field, v;
	unsigned wt;
	*count = 0;
	while (!pb_done(&c)) {
		if (pb_key(&c, &field, &wt))
			return -1;
		if (field == want && wt == WT_LEN) {
			struct pb sub = c;
			const uint8_t *p;
			size_t n;
			if (pb_bytes(&c, wt, &p, &n))
				return -1;
			sub.p = p;
			sub.len = n;
			sub.pos = 0;
			while (!pb_done(&sub)) {
				if (pb_varint(&sub, &v))
					return -1;
				(*count)++;
			}
			continue;
		}
		if (pb_skip(&c, wt))
			return -1;
		if (field == want)
			(*count)++;
	}
	return 0;
}

/* Appends the value(s) of one occurrence of a repeated varint field. */
static int pb_read_varints(struct pb *c, unsigned wt, uint64_t *out, size_t cap, size_t *n)
{
	uint64_t v;
	if (wt == WT_VARINT) {
		if (pb_varint(c, &v))
			return -1;
		if (*n < cap)
			out[(*n)++] = v;
		return 0;
	}
	const uint8_t *p;
	size_t len;
	if (pb_bytes(c, wt, &p, &len))
		return -1;
	struct pb sub = *c;
	sub.p = p;
	sub.len = len;
	sub.pos = 0;
	while (!pb_done(&sub)) {
		if (pb_varint(&sub, &v))
			return -1;
		if (*n < cap)
			out[(*n)++] = v;
	}
	return 0;
}

/* A sub-message shares the parent's file and error context. */
static struct pb pb_sub(const struct pb *parent, const uint8_t *p, size_t n, const char *msg)
{
	struct pb c = *parent;
	c.p = p;
	c.len = n;
	c.pos = 0;
	c.msg = msg;
	return c;
}

int pl_orc_parse_postscript(const uint8_t *buf, size_t len, struct pl_orc_postscript *out,
			    const char *file, uint64_t offset, struct pl_error *err)
{
	struct pb c;
	pb_init(&c, buf, len, file, offset, "PostScript", err);
	memset(out, 0, sizeof(*out));
	while (!pb_done(&c)) {
		uint64_t field;
		unsigned wt;
		if (pb_key(&c, &field, &wt))
			return -1;
		switch (field) {
		case 1: if (pb_uint(&c, wt, &out->footer_length)) return -1; break;
		case 2: if (pb_uint(&c, wt, &out->compression)) return -1; break;
		case 3: if (pb_uint(&c, wt, &out->block_size)) return -1; break;
		case 5: if (pb_uint(&c, wt, &out->metadata_length)) return -1; break;
		case 6: if (pb_uint(&c, wt, &out->writer_version)) return -1; break;
		case 4: {
			uint64_t ver[2] = { 0, 0 };
			size_t n = 0;
			if (pb_read_varints(&c, wt, ver, 2, &n))
				return -1;
			out->version[0] = (uint32_t)ver[0];
			out->version[1] = (uint32_t)ver[1];
			break;
		}
		case 8000: {
			const uint8_t *p;
			size_t n;
			if (pb_bytes(&c, wt, &p, &n))
				return -1;
			out->has_magic = n == 3 && memcmp(p, "ORC", 3) == 0;
			break;
		}
		default:
			if (pb_skip(&c, wt))
				return -1;
		}
	}
	return 0;
}

static int parse_stripe_info(struct pb *c, struct pl_orc_stripe_info *out)
{
	memset(out, 0, sizeof(*out));
	while (!pb_done(c)) {
		uint64_t field;
		unsigned wt;
		uint64_t *dst = NULL;
		if (pb_key(c, &field, &wt))
			return -1;
		switch (field) {
		case 1: dst = &out->offset; break;
		case 2: dst = &out->index_length; break;
		case 3: dst = &out->data_length; break;
		case 4: dst = &out->footer_length; break;
		case 5: dst = &out->rows; break;
		}
		if (dst ? pb_uint(c, wt, dst) : pb_skip(c, wt))
			return -1;
	}
	return 0;
}

static int parse_type(struct pb *c, struct pl_arena *arena, struct pl_orc_type *out)
{
	memset(out, 0, sizeof(*out));
	size_t nsub, nnames;
	if (pb_count_varints(*c, 2, &nsub) || pb_count(*c, 3, &nnames))
		return -1;
	uint64_t *sub = pl_arena_alloc(arena, (nsub ? nsub : 1) * sizeof(*sub));
	out->subtypes = pl_arena_alloc(arena, (nsub ? nsub : 1) * sizeof(*out->subtypes));
	out->names = pl_arena_alloc(arena, (nnames ? nnames : 1) * sizeof(*out->names));
	while (!pb_done(c)) {
		uint64_t field;
		unsigned wt;
		const uint8_t *p;
		size_t n;
		if (pb_key(c, &field, &wt))
			return -1;
		switch (field) {
		case 1:
			if (pb_uint(c, wt, &out->kind))
				return -1;
			break;
		case 2:
			if (pb_read_varints(c, wt, sub, nsub, &out->nsubtypes))
				return -1;
			break;
		case 3:
			if (pb_bytes(c, wt, &p, &n))
				return -1;
			if (out->nnames < nnames)
				out->names[out->nnames++] = pl_arena_strndup(arena, (const char *)p, n);
			break;
		case 4:
			if (pb_uint(c, wt, &out->max_length))
				return -1;
			break;
		case 5:
			if (pb_uint(c, wt, &out->precision))
				return -1;
			break;
		case 6:
			if (pb_uint(c, wt, &out->scale))
				return -1;
			break;
		default:
			if (pb_skip(c, wt))
				return -1;
		}
	}
	for (size_t i = 0; i < out->nsubtypes; i++) {
		if (sub[i] > UINT32_MAX)
			return pb_bad(c, "a column id below 2^32, found %llu",
				      (unsigned long long)sub[i]);
		out->subtypes[i] = (uint32_t)sub[i];
	}
	return 0;
}

int pl_orc_parse_footer(const uint8_t *buf, size_t len, struct pl_arena *arena,
			struct pl_orc_footer *out, const char *file, uint64_t offset,
			struct pl_error *err)
{
	struct pb c;
	pb_init(&c, buf, len, file, offset, "Footer", err);
	memset(out, 0, sizeof(*out));
	size_t nstripes, ntypes;
	if (pb_count(c, 3, &nstripes) || pb_count(c, 4, &ntypes))
		return -1;
	out->stripes = pl_arena_alloc(arena, (nstripes ? nstripes : 1) * sizeof(*out->stripes));
	out->types = pl_arena_alloc(arena, (ntypes ? ntypes : 1) * sizeof(*out->types));
	while (!pb_done(&c)) {
		uint64_t field;
		unsigned wt;
		const uint8_t *p;
		size_t n;
		struct pb sub;
		if (pb_key(&c, &field, &wt))
			return -1;
		switch (field) {
		case 1: if (pb_uint(&c, wt, &out->header_length)) return -1; break;
		case 2: if (pb_uint(&c, wt, &out->content_length)) return -1; break;
		case 6: if (pb_uint(&c, wt, &out->rows)) return -1; break;
		case 8: if (pb_uint(&c, wt, &out->row_index_stride)) return -1; break;
		case 3:
			if (pb_bytes(&c, wt, &p, &n))
				return -1;
			sub = pb_sub(&c, p, n, "StripeInformation");
			if (parse_stripe_info(&sub, &out->stripes[out->nstripes++]))
				return -1;
			break;
		case 4:
			if (pb_bytes(&c, wt, &p, &n))
				return -1;
			sub = pb_sub(&c, p, n, "Type");
			if (parse_type(&sub, arena, &out->types[out->ntypes++]))
				return -1;
			break;
		case 12:
			if (pb_bytes(&c, wt, &p, &n))
				return -1;
			out->software_version = pl_arena_strndup(arena, (const char *)p, n);
			break;
		default:
			if (pb_skip(&c, wt))
				return -1;
		}
	}
	return 0;
}

static int parse_stream(struct pb *c, struct pl_orc_stream *out)
{
	memset(out, 0, sizeof(*out));
	while (!pb_done(c)) {
		uint64_t field;
		unsigned wt;
		uint64_t *dst = NULL;
		if (pb_key(c, &field, &wt))
			return -1;
		switch (field) {
		case 1: dst = &out->kind; break;
		case 2: dst = &out->column; break;
		case 3: dst = &out->length; break;
		}
		if (dst ? pb_uint(c, wt, dst) : pb_skip(c, wt))
			return -1;
	}
	return 0;
}

static int parse_encoding(struct pb *c, struct pl_orc_encoding *out)
{
	memset(out, 0, sizeof(*out));
	while (!pb_done(c)) {
		uint64_t field;
		unsigned wt;
		uint64_t *dst = NULL;
		if (pb_key(c, &field, &wt))
			return -1;
		switch (field) {
		case 1: dst = &out->kind; break;
		case 2: dst = &out->dictionary_size; break;
		}
		if (dst ? pb_uint(c, wt, dst) : pb_skip(c, wt))
			return -1;
	}
	return 0;
}

int pl_orc_parse_stripe_footer(const uint8_t *buf, size_t len, struct pl_arena *arena,
			       struct pl_orc_stripe_footer *out, const char *file,
			       uint64_t offset, struct pl_error *err)
{
	struct pb c;
	pb_init(&c, buf, len, file, offset, "StripeFooter", err);
	memset(out, 0, sizeof(*out));
	size_t nstreams, nencodings;
	if (pb_count(c, 1, &nstreams) || pb_count(c, 2, &nencodings))
		return -1;
	out->streams = pl_arena_alloc(arena, (nstreams ? nstreams : 1) * sizeof(*out->streams));
	out->encodings = pl_arena_alloc(arena,
					(nencodings ? nencodings : 1) * sizeof(*out->encodings));
	while (!pb_done(&c)) {
		uint64_t field;
		unsigned wt;
		const uint8_t *p;
		size_t n;
		struct pb sub;
		if (pb_key(&c, &field, &wt))
			return -1;
		switch (field) {
		case 1:
			if (pb_bytes(&c, wt, &p, &n))
				return -1;
			sub = pb_sub(&c, p, n, "Stream");
			if (parse_stream(&sub, &out->streams[out->nstreams++]))
				return -1;
			break;
		case 2:
			if (pb_bytes(&c, wt, &p, &n))
				return -1;
			sub = pb_sub(&c, p, n, "ColumnEncoding");
			if (parse_encoding(&sub, &out->encodings[out->nencodings++]))
				return -1;
			break;
		case 3:
			if (pb_bytes(&c, wt, &p, &n))
				return -1;
			out->writer_timezone = pl_arena_strndup(arena, (const char *)p, n);
			break;
		default:
			if (pb_skip(&c, wt))
				return -1;
		}
	}
	return 0;
}

const char *pl_orc_compression_name(uint64_t kind)
{
	static const char *const names[] = { "NONE", "ZLIB", "SNAPPY", "LZO", "LZ4", "ZSTD" };
	return kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "UNKNOWN";
}

const char *pl_orc_type_kind_name(uint64_t kind)
{
	static const char *const names[] = {
		"boolean", "tinyint", "smallint", "int", "bigint", "float", "double",
		"string", "binary", "timestamp", "array", "map", "struct", "uniontype",
		"decimal", "date", "varchar", "char", "timestamp with local time zone",
	};
	return kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "unknown";
}

const char *pl_orc_stream_kind_name(uint64_t kind)
{
	static const char *const names[] = {
		"PRESENT", "DATA", "LENGTH", "DICTIONARY_DATA", "DICTIONARY_COUNT",
		"SECONDARY", "ROW_INDEX", "BLOOM_FILTER", "BLOOM_FILTER_UTF8",
	};
	return kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "UNKNOWN";
}
