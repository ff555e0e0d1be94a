/* ORC writer for the generator's manifests (see orc_writer.h). Written from
 * the ORC v1 specification and what format-manifests.md §2A records about
 * Java's output. Differences from Java, kept on purpose because no reader
 * of manifests needs them: no ROW_INDEX streams (rowIndexStride 0), no
 * Metadata section (stripe statistics) and only value counts and hasNull
 * in the file statistics; strings are always DIRECT_V2 (Java may choose
 * DICTIONARY_V2 per stripe); integer RLE v2 uses SHORT_REPEAT, DELTA (for
 * fixed steps only) and DIRECT runs, never PATCHED_BASE. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zstd.h>

#include "gen/orc_writer.h"
#include "util/alloc.h"
#include "util/strbuf.h"

/* ORC's Java defaults as seen in the fixtures. */
#define ORC_BLOCK_SIZE 262144
#define ORC_WRITER_VERSION 9
#define ORC_ZSTD_LEVEL 1
#define ORC_MAX_RUN 512
/* 2015-01-01T00:00:00 as seconds since 1970 */
#define ORC_TS_BASE INT64_C(1420070400)

enum orc_kind { K_STRUCT, K_LIST, K_TINYINT, K_INT, K_BIGINT, K_STRING, K_BINARY,
		K_TIMESTAMP };
/* ORC's Type.Kind numbers for the above */
static const unsigned orc_type_code[] = { 12, 10, 1, 3, 4, 7, 8, 9 };

enum { S_PRESENT = 0, S_DATA = 1, S_LENGTH = 2, S_SECONDARY = 5 };
enum { E_DIRECT = 0, E_DIRECT_V2 = 2 };

struct gen_orc_col {
	enum orc_kind kind;
	uint32_t end;                 /* first column id after this subtree */
	uint32_t nchildren;
	uint32_t *children;
	char **names;                 /* struct field names */
	uint8_t *present;             /* one per slot */
	size_t nslots, capslots;
	int has_null;
	int64_t *ints;                /* values, list lengths, string lengths */
	size_t nints, capints;
	struct pl_strbuf blob;        /* string and binary bytes */
};

/* ---- type string ----------------------------------------------------- */

static int parse_type(struct gen_orc_writer *w, const char **s, uint32_t *id)
{
	static const struct { const char *word; enum orc_kind kind; } scalars[] = {
		{ "tinyint", K_TINYINT }, { "int", K_INT }, { "bigint", K_BIGINT },
		{ "string", K_STRING }, { "binary", K_BINARY }, { "timestamp", K_TIMESTAMP },
	};
	PL_GROW(w->cols, w->capcols, w->ncols + 1);
	*id = (uint32_t)w->ncols++;
	struct gen_orc_col col;
	memset(&col, 0, sizeof(col));
	w->cols[*id] = col;
	if (strncmp(*s, "struct<", 7) == 0 || strncmp(*s, "array<", 6) == 0) {
		int is_struct = (*s)[0] == 's';
		*s += is_struct ? 7 : 6;
		w->cols[*id].kind = is_struct ? K_STRUCT : K_LIST;
		while (**s != '>') {
			char *name = NULL;
			if (is_struct) {
				const char *colon = strchr(*s, ':');
				if (!colon)
					return -1;
				name = pl_strndup(*s, (size_t)(colon - *s));
				*s = colon + 1;
			}
			uint32_t child;
			int rc = parse_type(w, s, &child);
			struct gen_orc_col *c = &w->cols[*id];
			c->children = pl_reallocarray(c->children, c->nchildren + 1,
						      sizeof(*c->children));
			c->names = pl_reallocarray(c->names, c->nchildren + 1, sizeof(*c->names));
			c->names[c->nchildren] = name;
			c->children[c->nchildren++] = child;
			if (rc)
				return -1;
			if (**s == ',' && is_struct)
				(*s)++;
			else if (**s != '>')
				return -1;
		}
		(*s)++;
		if (w->cols[*id].kind == K_LIST && w->cols[*id].nchildren != 1)
			return -1;
	} else {
		size_t k = 0, n = strspn(*s, "abcdefghijklmnopqrstuvwxyz");
		while (k < sizeof(scalars) / sizeof(scalars[0]) &&
		       !(strlen(scalars[k].word) == n && strncmp(*s, scalars[k].word, n) == 0))
			k++;
		if (k == sizeof(scalars) / sizeof(scalars[0]))
			return -1;
		w->cols[*id].kind = scalars[k].kind;
		*s += n;
	}
	w->cols[*id].end = (uint32_t)w->ncols;
	return 0;
}

/* ---- appending values ------------------------------------------------ */

static struct gen_orc_col *slot(struct gen_orc_writer *w, int present)
{
	if (w->cursor == 0 || w->cursor >= w->ncols) {
		w->misuse = 1;
		return NULL;
	}
	struct gen_orc_col *c = &w->cols[w->cursor];
	PL_GROW(c->present, c->capslots, c->nslots + 1);
	c->present[c->nslots++] = (uint8_t)present;
	if (!present)
		c->has_null = 1;
	return c;
}

static void add_int(struct gen_orc_writer *w, struct gen_orc_col *c, int64_t v)
{
	PL_GROW(c->ints, c->capints, c->nints + 1);
	c->ints[c->nints++] = v;
	w->buffered += 2;
}

/* After a value: back to a list's element column while elements remain. */
static void settle(struct gen_orc_writer *w)
{
	while (w->depth > 0 && w->cursor == w->cols[w->lists[w->depth - 1].elem].end) {
		if (--w->lists[w->depth - 1].left > 0) {
			w->cursor = w->lists[w->depth - 1].elem;
			return;
		}
		w->depth--;
	}
}

void gen_orc_long(struct gen_orc_writer *w, int64_t v)
{
	struct gen_orc_col *c = slot(w, 1);
	if (!c)
		return;
	if (c->kind != K_TINYINT && c->kind != K_INT && c->kind != K_BIGINT &&
	    c->kind != K_TIMESTAMP)
		w->misuse = 1;
	add_int(w, c, v);
	w->cursor++;
	settle(w);
}

void gen_orc_bytes(struct gen_orc_writer *w, const void *p, size_t n)
{
	struct gen_orc_col *c = slot(w, 1);
	if (!c)
		return;
	if (c->kind != K_STRING && c->kind != K_BINARY)
		w->misuse = 1;
	add_int(w, c, (int64_t)n);
	if (n)
		pl_strbuf_add(&c->blob, p, n);
	w->buffered += n;
	w->cursor++;
	settle(w);
}

void gen_orc_null(struct gen_orc_writer *w)
{
	struct gen_orc_col *c = slot(w, 0);
	if (!c)
		return;
	w->cursor = c->end;
	settle(w);
}

void gen_orc_struct(struct gen_orc_writer *w)
{
	struct gen_orc_col *c = slot(w, 1);
	if (!c)
		return;
	if (c->kind != K_STRUCT)
		w->misuse = 1;
	w->cursor++;
	settle(w);
}

void gen_orc_list(struct gen_orc_writer *w, uint64_t n)
{
	uint32_t id = w->cursor;
	struct gen_orc_col *c = slot(w, 1);
	if (!c)
		return;
	if (c->kind != K_LIST)
		w->misuse = 1;
	add_int(w, c, (int64_t)n);
	if (n == 0 || c->kind != K_LIST) {
		w->cursor = c->end;
		settle(w);
		return;
	}
	if (w->depth == (int)(sizeof(w->lists) / sizeof(w->lists[0]))) {
		w->misuse = 1;
		return;
	}
	w->lists[w->depth].elem = id + 1;
	w->lists[w->depth].left = n;
	w->depth++;
	w->cursor = id + 1;
}

int gen_orc_end_row(struct gen_orc_writer *w, struct pl_error *err)
{
	if (w->misuse || w->cursor != w->ncols || w->depth != 0)
		return pl_err(err, PL_ERR_GENERIC,
			      "%s: internal error: row %llu does not match the ORC type (column %u)",
			      w->path, (unsigned long long)w->rows, w->cursor);
	w->rows++;
	w->cursor = 1;
	return 0;
}

/* ---- run-length encoders --------------------------------------------- */

static void put_varint(struct pl_strbuf *out, uint64_t u)
{
	while (u >= 0x80) {
		pl_strbuf_addch(out, (char)(u | 0x80));
		u >>= 7;
	}
	pl_strbuf_addch(out, (char)u);
}

static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static unsigned bits_of(uint64_t z)
{
	return z ? 64 - (unsigned)__builtin_clzll(z) : 1;
}

/* DIRECT runs use byte-friendly widths, as Java's writer does. */
static unsigned aligned_bits(unsigned b)
{
	static const unsigned widths[] = { 1, 2, 4, 8, 16, 24, 32, 40, 48, 56, 64 };
	size_t k = 0;
	while (widths[k] < b)
		k++;
	return widths[k];
}

static unsigned width_code(unsigned bits)
{
	return bits <= 24 ? bits - 1 : bits == 32 ? 27 : 28 + (bits - 40) / 8;
}

static void short_repeat(struct pl_strbuf *out, uint64_t z, size_t run)
{
	unsigned nbytes = (bits_of(z) + 7) / 8;
	pl_strbuf_addch(out, (char)((nbytes - 1) << 3 | (unsigned)(run - 3)));
	for (unsigned k = nbytes; k-- > 0;)
		pl_strbuf_addch(out, (char)(z >> (8 * k)));
}

/* A DELTA run of fixed step (delta width 0): base, step, no packed deltas. */
static void fixed_delta(struct pl_strbuf *out, int64_t base, int64_t step, size_t run,
			int is_signed)
{
	pl_strbuf_addch(out, (char)(0xc0 | (unsigned)((run - 1) >> 8)));
	pl_strbuf_addch(out, (char)((run - 1) & 0xff));
	put_varint(out, is_signed ? zigzag(base) : (uint64_t)base);
	put_varint(out, zigzag(step));
}

static void direct(struct pl_strbuf *out, const int64_t *v, size_t n, int is_signed)
{
	unsigned bits = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned b = bits_of(is_signed ? zigzag(v[i]) : (uint64_t)v[i]);
		if (b > bits)
			bits = b;
	}
	bits = aligned_bits(bits);
	pl_strbuf_addch(out, (char)(0x40 | width_code(bits) << 1 | (unsigned)((n - 1) >> 8)));
	pl_strbuf_addch(out, (char)((n - 1) & 0xff));
	unsigned __int128 acc = 0;
	unsigned have = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t z = is_signed ? zigzag(v[i]) : (uint64_t)v[i];
		acc = acc << bits | z;
		have += bits;
		while (have >= 8) {
			have -= 8;
			pl_strbuf_addch(out, (char)(uint8_t)(acc >> have));
		}
	}
	if (have)
		pl_strbuf_addch(out, (char)(uint8_t)(acc << (8 - have)));
}

/* Length of the run at v[0..n) with a fixed step (*step), at most
 * ORC_MAX_RUN; 1 when fewer than two values or the step overflows. */
static size_t step_run(const int64_t *v, size_t n, int64_t *step)
{
	if (n < 2 || __builtin_sub_overflow(v[1], v[0], step))
		return 1;
	size_t r = 2;
	int64_t d;
	while (r < n && r < ORC_MAX_RUN && !__builtin_sub_overflow(v[r], v[r - 1], &d) &&
	       d == *step)
		r++;
	return r;
}

void gen_orc_rle2(struct pl_strbuf *out, const int64_t *v, size_t n, int is_signed)
{
	size_t i = 0, lit = 0, nlit = 0;
	while (i < n) {
		int64_t step;
		size_t run = step_run(v + i, n - i, &step);
		if (run >= 3) {
			if (nlit)
				direct(out, v + lit, nlit, is_signed);
			nlit = 0;
			if (step == 0 && run <= 10)
				short_repeat(out, is_signed ? zigzag(v[i]) : (uint64_t)v[i], run);
			else
				fixed_delta(out, v[i], step, run, is_signed);
			i += run;
			continue;
		}
		if (nlit == 0)
			lit = i;
		nlit++;
		i++;
		if (nlit == ORC_MAX_RUN) {
			direct(out, v + lit, nlit, is_signed);
			nlit = 0;
		}
	}
	if (nlit)
		direct(out, v + lit, nlit, is_signed);
}

void gen_orc_byte_rle(struct pl_strbuf *out, const uint8_t *b, size_t n)
{
	size_t i = 0, lit = 0, nlit = 0;
	while (i < n) {
		size_t run = 1;
		while (i + run < n && run < 130 && b[i + run] == b[i])
			run++;
		if (run >= 3) {
			if (nlit) {
				pl_strbuf_addch(out, (char)(-(int)nlit));
				pl_strbuf_add(out, b + lit, nlit);
			}
			nlit = 0;
			pl_strbuf_addch(out, (char)(run - 3));
			pl_strbuf_addch(out, (char)b[i]);
			i += run;
			continue;
		}
		if (nlit == 0)
			lit = i;
		nlit++;
		i++;
		if (nlit == 128) {
			pl_strbuf_addch(out, (char)(-(int)nlit));
			pl_strbuf_add(out, b + lit, nlit);
			nlit = 0;
		}
	}
	if (nlit) {
		pl_strbuf_addch(out, (char)(-(int)nlit));
		pl_strbuf_add(out, b + lit, nlit);
	}
}

static void bool_rle(struct pl_strbuf *out, const uint8_t *bits, size_t n)
{
	size_t nbytes = (n + 7) / 8;
	uint8_t *packed = pl_calloc(nbytes ? nbytes : 1, 1);
	for (size_t i = 0; i < n; i++)
		if (bits[i])
			packed[i / 8] |= (uint8_t)(0x80 >> (i % 8));
	gen_orc_byte_rle(out, packed, nbytes);
	free(packed);
}

/* ---- protobuf -------------------------------------------------------- */

static void pb_uint(struct pl_strbuf *m, unsigned field, uint64_t v)
{
	put_varint(m, (uint64_t)field << 3);
	put_varint(m, v);
}

static void pb_bytes(struct pl_strbuf *m, unsigned field, const void *p, size_t n)
{
	put_varint(m, (uint64_t)field << 3 | 2);
	put_varint(m, n);
	if (n)
		pl_strbuf_add(m, p, n);
}

/* ---- file assembly --------------------------------------------------- */

/* ORC's chunk framing: 3-byte header (length << 1 | original), then the
 * chunk; a file without compression has no framing at all. */
static int frame(struct gen_orc_writer *w, const void *p, size_t n, struct pl_strbuf *out,
		 struct pl_error *err)
{
	if (w->codec != GEN_CODEC_ZSTD) {
		if (n)
			pl_strbuf_add(out, p, n);
		return 0;
	}
	const uint8_t *in = p;
	size_t cap = ZSTD_compressBound(ORC_BLOCK_SIZE);
	uint8_t *tmp = pl_malloc(cap);
	for (size_t at = 0; at < n;) {
		size_t piece = n - at < ORC_BLOCK_SIZE ? n - at : ORC_BLOCK_SIZE;
		size_t c = ZSTD_compress2(w->zstd, tmp, cap, in + at, piece);
		if (ZSTD_isError(c)) {
			free(tmp);
			return pl_err(err, PL_ERR_GENERIC, "%s: zstd: %s", w->path,
				      ZSTD_getErrorName(c));
		}
		int original = c >= piece;
		size_t len = original ? piece : c;
		uint32_t h = (uint32_t)len << 1 | (uint32_t)original;
		char hdr[3] = { (char)(h & 0xff), (char)(h >> 8 & 0xff), (char)(h >> 16 & 0xff) };
		pl_strbuf_add(out, hdr, 3);
		pl_strbuf_add(out, original ? in + at : tmp, len);
		at += piece;
	}
	free(tmp);
	return 0;
}

struct stripe_out {
	struct pl_strbuf data;        /* compressed streams, back to back */
	struct pl_strbuf streams;     /* StripeFooter.streams messages */
	struct pl_strbuf raw, msg;
};

static int add_stream(struct gen_orc_writer *w, struct stripe_out *s, uint32_t col,
		      unsigned kind, struct pl_error *err)
{
	if (s->raw.len == 0)
		return 0;                 /* Java lists no empty streams */
	size_t before = s->data.len;
	if (frame(w, s->raw.buf, s->raw.len, &s->data, err))
		return -1;
	pl_strbuf_reset(&s->msg);
	pb_uint(&s->msg, 1, kind);
	pb_uint(&s->msg, 2, col);
	pb_uint(&s->msg, 3, s->data.len - before);
	pb_bytes(&s->streams, 1, s->msg.buf, s->msg.len);
	pl_strbuf_reset(&s->raw);
	return 0;
}

static int encode_column(struct gen_orc_writer *w, struct stripe_out *s, uint32_t id,
			 struct pl_error *err)
{
	struct gen_orc_col *c = &w->cols[id];
	if (c->has_null) {
		bool_rle(&s->raw, c->present, c->nslots);
		if (add_stream(w, s, id, S_PRESENT, err))
			return -1;
	}
	switch (c->kind) {
	case K_STRUCT:
		return 0;
	case K_TINYINT: {
		uint8_t *b = pl_malloc(c->nints ? c->nints : 1);
		for (size_t i = 0; i < c->nints; i++)
			b[i] = (uint8_t)c->ints[i];
		gen_orc_byte_rle(&s->raw, b, c->nints);
		free(b);
		return add_stream(w, s, id, S_DATA, err);
	}
	case K_INT: case K_BIGINT:
		gen_orc_rle2(&s->raw, c->ints, c->nints, 1);
		return add_stream(w, s, id, S_DATA, err);
	case K_LIST:
		gen_orc_rle2(&s->raw, c->ints, c->nints, 0);
		return add_stream(w, s, id, S_LENGTH, err);
	case K_STRING: case K_BINARY:
		if (c->blob.len)
			pl_strbuf_add(&s->raw, c->blob.buf, c->blob.len);
		if (add_stream(w, s, id, S_DATA, err))
			return -1;
		gen_orc_rle2(&s->raw, c->ints, c->nints, 0);
		return add_stream(w, s, id, S_LENGTH, err);
	case K_TIMESTAMP: {
		int64_t *secs = pl_reallocarray(NULL, c->nints ? c->nints : 1, sizeof(*secs));
		int64_t *nanos = pl_reallocarray(NULL, c->nints ? c->nints : 1, sizeof(*nanos));
		for (size_t i = 0; i < c->nints; i++) {
			/* seconds toward zero and a positive sub-second part, as
			 * Java's TimestampTreeWriter stores java.sql.Timestamp */
			int64_t ms = c->ints[i], sub = ms % 1000;
			secs[i] = ms / 1000 - ORC_TS_BASE;
			uint64_t ns = (uint64_t)(sub < 0 ? sub + 1000 : sub) * 1000000;
			unsigned zeros = 0;
			if (ns && ns % 100 == 0) {
				ns /= 100;
				zeros = 1;
				while (ns % 10 == 0 && zeros < 7) {
					ns /= 10;
					zeros++;
				}
			}
			nanos[i] = (int64_t)(ns << 3 | zeros);
		}
		gen_orc_rle2(&s->raw, secs, c->nints, 1);
		int rc = add_stream(w, s, id, S_DATA, err);
		if (!rc) {
			gen_orc_rle2(&s->raw, nanos, c->nints, 0);
			rc = add_stream(w, s, id, S_SECONDARY, err);
		}
		free(secs);
		free(nanos);
		return rc;
	}
	}
	return 0;
}

static void type_messages(struct gen_orc_writer *w, struct pl_strbuf *footer)
{
	struct pl_strbuf t = PL_STRBUF_INIT, packed = PL_STRBUF_INIT;
	for (size_t id = 0; id < w->ncols; id++) {
		const struct gen_orc_col *c = &w->cols[id];
		pl_strbuf_reset(&t);
		pl_strbuf_reset(&packed);
		pb_uint(&t, 1, orc_type_code[c->kind]);
		for (uint32_t k = 0; k < c->nchildren; k++)
			put_varint(&packed, c->children[k]);
		if (c->nchildren)
			pb_bytes(&t, 2, packed.buf, packed.len);
		for (uint32_t k = 0; k < c->nchildren && c->kind == K_STRUCT; k++)
			pb_bytes(&t, 3, c->names[k], strlen(c->names[k]));
		pb_bytes(footer, 4, t.buf, t.len);
	}
	/* file statistics: value counts and hasNull per column */
	for (size_t id = 0; id < w->ncols; id++) {
		const struct gen_orc_col *c = &w->cols[id];
		size_t values = id == 0 ? w->rows : 0;
		for (size_t i = 0; i < c->nslots; i++)
			values += c->present[i];
		pl_strbuf_reset(&t);
		pb_uint(&t, 1, values);
		pb_uint(&t, 10, (uint64_t)c->has_null);
		pb_bytes(footer, 7, t.buf, t.len);
	}
	pl_strbuf_free(&t);
	pl_strbuf_free(&packed);
}

static int assemble(struct gen_orc_writer *w, struct pl_strbuf *file, struct pl_error *err)
{
	struct stripe_out s = { PL_STRBUF_INIT, PL_STRBUF_INIT, PL_STRBUF_INIT, PL_STRBUF_INIT };
	struct pl_strbuf sf = PL_STRBUF_INIT, footer = PL_STRBUF_INIT, ps = PL_STRBUF_INIT;
	int rc = -1;
	pl_strbuf_add(file, "ORC", 3);
	if (w->rows > 0) {
		for (uint32_t id = 0; id < w->ncols; id++)
			if (encode_column(w, &s, id, err))
				goto out;
		/* StripeFooter: streams, one encoding per column, writer zone */
		pl_strbuf_add(&sf, s.streams.buf, s.streams.len);
		for (uint32_t id = 0; id < w->ncols; id++) {
			enum orc_kind k = w->cols[id].kind;
			pl_strbuf_reset(&s.msg);
			pb_uint(&s.msg, 1, k == K_STRUCT || k == K_TINYINT ? E_DIRECT : E_DIRECT_V2);
			pb_bytes(&sf, 2, s.msg.buf, s.msg.len);
		}
		pb_bytes(&sf, 3, "UTC", 3);
		size_t data_len = s.data.len;
		if (frame(w, sf.buf, sf.len, &s.data, err))
			goto out;
		pl_strbuf_add(file, s.data.buf, s.data.len);
		pl_strbuf_reset(&s.msg);
		pb_uint(&s.msg, 1, 3);
		pb_uint(&s.msg, 2, 0);
		pb_uint(&s.msg, 3, data_len);
		pb_uint(&s.msg, 4, s.data.len - data_len);
		pb_uint(&s.msg, 5, w->rows);
	}
	size_t content = file->len;
	pb_uint(&footer, 1, 3);
	pb_uint(&footer, 2, content);
	if (w->rows > 0)
		pb_bytes(&footer, 3, s.msg.buf, s.msg.len);
	type_messages(w, &footer);
	pb_uint(&footer, 6, w->rows);
	pb_uint(&footer, 8, 0);
	pb_uint(&footer, 11, 1);
	pb_bytes(&footer, 12, "paimon-lens-gen", 15);
	if (frame(w, footer.buf, footer.len, file, err))
		goto out;
	pb_uint(&ps, 1, file->len - content);
	pb_uint(&ps, 2, w->codec == GEN_CODEC_ZSTD ? 5 : 0);
	pb_uint(&ps, 3, ORC_BLOCK_SIZE);
	pb_bytes(&ps, 4, "\x00\x0c", 2);
	pb_uint(&ps, 5, 0);
	pb_uint(&ps, 6, ORC_WRITER_VERSION);
	pb_bytes(&ps, 8000, "ORC", 3);
	pl_strbuf_add(file, ps.buf, ps.len);
	pl_strbuf_addch(file, (char)ps.len);
	rc = 0;
out:
	pl_strbuf_free(&s.data);
	pl_strbuf_free(&s.streams);
	pl_strbuf_free(&s.raw);
	pl_strbuf_free(&s.msg);
	pl_strbuf_free(&sf);
	pl_strbuf_free(&footer);
	pl_strbuf_free(&ps);
	return rc;
}

int gen_orc_open(struct gen_orc_writer *w, const char *path, const char *type,
		 enum gen_codec codec, struct pl_error *err)
{
	memset(w, 0, sizeof(*w));
	w->path = pl_strdup(path);
	w->codec = codec;
	const char *s = type;
	uint32_t root;
	if (parse_type(w, &s, &root) || *s || w->cols[0].kind != K_STRUCT) {
		gen_orc_abort(w);
		return pl_err(err, PL_ERR_GENERIC, "internal error: bad ORC type near \"%.20s\"", s);
	}
	if (codec == GEN_CODEC_ZSTD) {
		ZSTD_CCtx *c = ZSTD_createCCtx();
		if (!c) {
			gen_orc_abort(w);
			return pl_err(err, PL_ERR_NOMEM, "zstd: cannot create context");
		}
		ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, ORC_ZSTD_LEVEL);
		w->zstd = c;
	}
	w->cursor = 1;
	return 0;
}

int gen_orc_close(struct gen_orc_writer *w, struct pl_error *err)
{
	struct pl_strbuf file = PL_STRBUF_INIT;
	int rc = assemble(w, &file, err);
	if (rc == 0) {
		int fd = open(w->path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		if (fd < 0) {
			rc = pl_err(err, PL_ERR_IO, "%s: cannot create: %s", w->path, strerror(errno));
		} else {
			size_t at = 0;
			while (at < file.len) {
				ssize_t n = write(fd, file.buf + at, file.len - at);
				if (n < 0 && errno == EINTR)
					continue;
				if (n < 0) {
					rc = pl_err(err, PL_ERR_IO, "%s: write failed: %s", w->path,
						    strerror(errno));
					break;
				}
				at += (size_t)n;
			}
			if (close(fd) != 0 && rc == 0)
				rc = pl_err(err, PL_ERR_IO, "%s: close failed: %s", w->path,
					    strerror(errno));
		}
	}
	uint64_t size = file.len;
	pl_strbuf_free(&file);
	gen_orc_abort(w);
	w->size = size;
	return rc;
}

void gen_orc_abort(struct gen_orc_writer *w)
{
	for (size_t i = 0; i < w->ncols; i++) {
		struct gen_orc_col *c = &w->cols[i];
		for (uint32_t k = 0; k < c->nchildren; k++)
			free(c->names[k]);
		free(c->names);
		free(c->children);
		free(c->present);
		free(c->ints);
		pl_strbuf_free(&c->blob);
	}
	free(w->cols);
	free(w->path);
	ZSTD_freeCCtx(w->zstd);
	memset(w, 0, sizeof(*w));
}
