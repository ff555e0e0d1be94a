/* Avro object container files: header, blocks, and one record per next().
 * The schema is compiled once per file (avro_schema.c); records decode into
 * an arena reset on every call, with strings and bytes pointing into the
 * decompressed block. Every length and count read from the file is checked
 * against the bytes that remain before anything is allocated. */
#include "paimon/avro_internal.h"
#include "paimon/codec.h"
#include "paimon/records.h"
#include "util/alloc.h"
#include "util/sanitize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


struct avro_reader {
	char *name;
	const char *codec_name;         /* avro.codec as written, "null" if absent */
	struct pl_arena schema_arena;   /* plan, rtypes, JSON */
	const struct avro_node *root;   /* what one record is (maybe a union) */
	const struct pl_rtype *root_type;
	struct avro_file file;          /* the bytes, codec and sync marker */
	struct avro_ahead *ahead;       /* blocks read ahead, or NULL */
	int ahead_tried;
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
	const struct avro_selection *selection;   /* pl_record_reader_select */
	int failed;
	struct pl_error saved_err;
};

/* ---- container ---- */

static int fail(struct avro_reader *r, struct pl_error *err)
{
	r->failed = 1;
	if (err)
		r->saved_err = *err;
	return -1;
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
		if (avro_file_long(&r->file, &pos, &count, "a metadata map block count", err))
			return -1;
		if (count == 0)
			break;
		if (count < 0) {
			int64_t bytes;
			if (count == INT64_MIN)
				return pl_err_corrupt(err, r->name, at, "expected a metadata map count");
			if (avro_file_long(&r->file, &pos, &bytes, "a metadata block size", err))
				return -1;
			count = -count;
		}
		if ((uint64_t)count > (r->file.len - pos) / 2)
			return pl_err_corrupt(err, r->name, at,
					      "expected at most %zu metadata entries in the remaining bytes, got %lld",
					      (r->file.len - pos) / 2, (long long)count);
		for (int64_t k = 0; k < count; k++) {
			const uint8_t *s[2];
			size_t n[2], where[2];
			for (int kv = 0; kv < 2; kv++) {
				int64_t l;
				size_t lat = pos;
				if (avro_file_long(&r->file, &pos, &l, kv ? "a metadata value length" :
					      "a metadata key length", err))
					return -1;
				if (l < 0 || (uint64_t)l > r->file.len - pos)
					return pl_err_corrupt(err, r->name, lat,
							      "expected a metadata %s of at most %zu bytes, got %lld",
							      kv ? "value" : "key", r->file.len - pos,
							      (long long)l);
				s[kv] = r->file.data + pos;
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
	if (r->file.len - pos < AVRO_SYNC_LEN)
		return pl_err_corrupt(err, r->name, pos,
				      "expected the 16-byte sync marker, found %zu bytes", r->file.len - pos);
	memcpy(r->file.sync, r->file.data + pos, AVRO_SYNC_LEN);
	r->pos = pos + AVRO_SYNC_LEN;

	if (!schema)
		return pl_err_corrupt(err, r->name, 4, "expected an avro.schema metadata entry");
	if (!codec) {
		r->file.codec = PL_CODEC_NONE;
		r->codec_name = "null";
	} else if (codec_from_name(codec, codec_len, &r->file.codec)) {
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

/* Loads the next block with records, from the read-ahead thread when
 * there is one. Returns 1 with a block loaded, 0 at end of file, -1 on
 * error. */
static int load_block(struct avro_reader *r, struct pl_error *err)
{
	if (!r->ahead_tried) {
		r->ahead_tried = 1;
		r->ahead = avro_ahead_start(&r->file, r->pos);
	}
	for (;;) {
		struct avro_block b;
		int rc = r->ahead ? avro_ahead_next(r->ahead, &b, err)
				  : avro_block_read(&r->file, r->pos, &r->buf, &b, err);
		if (rc <= 0)
			return rc;
		r->pos = b.next;
		r->blk_off = b.off;
		r->blk = b.data;
		r->blk_len = b.len;
		int64_t count = b.count;
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

static int decode_error(struct avro_reader *r, struct avro_cursor *c, struct pl_error *err)
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

/* The next record: decoded whole into *row, or, with a selection, into
 * the selected slots vals. */
static int next_record(struct avro_reader *r, const struct pl_value **row, struct pl_value *vals,
		       struct pl_error *err)
{
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
	/* Set field by field: zeroing the message buffers for every record
	 * costs more than decoding a small one. */
	struct avro_cursor c;
	c.p = r->blk + r->blk_pos;
	c.end = r->blk + r->blk_len;
	c.base = r->blk;
	c.arena = &r->rec_arena;
	c.skip_type = r->skip_type;
	c.skip_mask = r->skip_mask;
	c.fail_at = 0;
	c.what[0] = 0;
	c.npath = 0;
	struct pl_value *v = NULL;
	int rc;
	if (vals) {
		rc = avro_select_decode(&c, r->selection, vals);
	} else {
		v = pl_arena_alloc(&r->rec_arena, sizeof(*v));
		rc = avro_decode(&c, r->root, v, 0);
	}
	if (rc) {
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
	if (row)
		*row = v;
	return 1;
}

static int avro_next(void *impl, const struct pl_value **row, struct pl_error *err)
{
	return next_record(impl, row, NULL, err);
}

static int avro_select(void *impl, const char *const *paths, size_t n, struct pl_error *err)
{
	struct avro_reader *r = impl;
	return avro_select_compile(r->root, paths, n, &r->schema_arena, &r->selection, r->name,
				   err);
}

static int avro_next_selected(void *impl, struct pl_value *vals, struct pl_error *err)
{
	struct avro_reader *r = impl;
	if (!r->selection)
		return pl_err(err, PL_ERR_USAGE, "%s: selected reading before a selection", r->name);
	return next_record(r, NULL, vals, err);
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
	avro_ahead_stop(r->ahead);
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
	.select = avro_select,
	.next_selected = avro_next_selected,
};

int pl_avro_reader_open(const uint8_t *data, size_t len, const char *name, void **impl,
			const struct pl_record_reader_ops **ops, struct pl_error *err)
{
	if (len < 4 || memcmp(data, "Obj\x01", 4) != 0)
		return pl_err_corrupt(err, name, 0, "expected the Avro magic bytes Obj\\x01");
	struct avro_reader *r = pl_calloc(1, sizeof(*r));
	r->file.data = data;
	r->file.len = len;
	r->name = pl_strdup(name ? name : "(input)");
	r->file.name = r->name;
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
