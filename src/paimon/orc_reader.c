/* ORC files as rows: the file tail and type tree are read once at open; each
 * stripe's columns are decoded whole into arrays (orc_column.c), and next()
 * walks the column tree with one cursor per column to assemble a row. */
#include "paimon/orc_internal.h"
#include "paimon/orc_proto.h"
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Caps on what a file tail may ask of us. Paimon's footers are a few KiB. */
#define ORC_MAX_FOOTER ((size_t)16 << 20)
#define ORC_MAX_COLUMNS 10000
#define ORC_MAX_DEPTH 64
#define ORC_MAX_BLOCK ((uint64_t)64 << 20)
#define ORC_DEFAULT_BLOCK ((uint64_t)256 << 10)

int pl_orc_decompress(struct pl_orc_reader *r, uint64_t offset, uint64_t length,
		      size_t max_out, struct pl_bytes *buf, const uint8_t **out, size_t *out_len,
		      const char *what, struct pl_error *err)
{
	if (offset > r->len || length > r->len - offset)
		return pl_err_corrupt(err, r->name, offset,
				      "%s: expected %llu bytes inside the %zu-byte file",
				      what, (unsigned long long)length, r->len);
	const uint8_t *in = r->data + offset;
	size_t n = (size_t)length;
	if (r->codec == PL_CODEC_NONE && r->compression == PL_ORC_NONE) {
		/* no chunk framing at all without compression */
		if (n > max_out)
			return pl_err(err, PL_ERR_LIMIT, "%s: offset %llu: %s of %zu bytes exceeds the limit of %zu",
				      r->name, (unsigned long long)offset, what, n, max_out);
		*out = in;
		*out_len = n;
		return 0;
	}
	buf->len = 0;
	size_t pos = 0;
	while (pos < n) {
		if (n - pos < 3)
			return pl_err_corrupt(err, r->name, offset + pos,
					      "%s: expected a 3-byte compression chunk header", what);
		uint32_t h = in[pos] | (uint32_t)in[pos + 1] << 8 | (uint32_t)in[pos + 2] << 16;
		size_t clen = h >> 1;
		int original = h & 1;
		pos += 3;
		if (clen > n - pos)
			return pl_err_corrupt(err, r->name, offset + pos - 3,
					      "%s: expected a chunk of %zu bytes, %zu remain",
					      what, clen, n - pos);
		const uint8_t *chunk = in + pos;
		size_t chunk_len = clen;
		if (pos == 3 && clen == n - pos && (original || buf != &r->scratch)) {
			/* one chunk, the common case: no copy of original bytes,
			 * and compressed ones go straight into buf */
			if (!original) {
				size_t hint = r->codec == PL_CODEC_LZ4 ? (size_t)r->block_size : 0;
				if (pl_decompress(r->codec, chunk, clen, hint, (size_t)r->block_size,
						  buf, r->name, offset + pos, err))
					return pl_err_prefix(err, "%s", what);
				chunk = buf->data;
				chunk_len = buf->len;
			}
			if (chunk_len > max_out)
				return pl_err(err, PL_ERR_LIMIT,
					      "%s: offset %llu: %s decompresses to more than %zu bytes",
					      r->name, (unsigned long long)offset, what, max_out);
			*out = chunk_len ? chunk : in;
			*out_len = chunk_len;
			return 0;
		}
		if (!original) {
			size_t hint = r->codec == PL_CODEC_LZ4 ? (size_t)r->block_size : 0;
			if (pl_decompress(r->codec, in + pos, clen, hint, (size_t)r->block_size,
					  &r->scratch, r->name, offset + pos, err))
				return pl_err_prefix(err, "%s", what);
			chunk = r->scratch.data;
			chunk_len = r->scratch.len;
		}
		if (chunk_len > max_out - buf->len)
			return pl_err(err, PL_ERR_LIMIT,
				      "%s: offset %llu: %s decompresses to more than %zu bytes",
				      r->name, (unsigned long long)offset, what, max_out);
		if (buf->len + chunk_len > buf->cap) {
			size_t cap = buf->cap ? buf->cap : 4096;
			while (cap < buf->len + chunk_len)
				cap = cap > max_out / 2 ? max_out : cap * 2;
			buf->data = pl_realloc(buf->data, cap);
			buf->cap = cap;
		}
		if (chunk_len)
			memcpy(buf->data + buf->len, chunk, chunk_len);
		buf->len += chunk_len;
		pos += clen;
	}
	*out = buf->data ? buf->data : in;
	*out_len = buf->len;
	return 0;
}

static int codec_of(struct pl_orc_reader *r, struct pl_error *err)
{
	switch (r->compression) {
	case PL_ORC_NONE: r->codec = PL_CODEC_NONE; return 0;
	case PL_ORC_ZLIB: r->codec = PL_CODEC_DEFLATE; return 0;
	case PL_ORC_SNAPPY: r->codec = PL_CODEC_SNAPPY; return 0;
	case PL_ORC_LZ4: r->codec = PL_CODEC_LZ4; return 0;
	case PL_ORC_ZSTD: r->codec = PL_CODEC_ZSTD; return 0;
	case PL_ORC_LZO:
		return pl_err(err, PL_ERR_GENERIC,
			      "%s: ORC compression LZO is not supported", r->name);
	}
	return pl_err_corrupt(err, r->name, r->len,
			      "expected an ORC compression kind 0..5 in the PostScript, found %llu",
			      (unsigned long long)r->compression);
}

static int read_tail(struct pl_orc_reader *r, struct pl_error *err)
{
	size_t len = r->len;
	if (len < 4 || memcmp(r->data, "ORC", 3) != 0)
		return pl_err_corrupt(err, r->name, 0, "expected the ORC magic and a PostScript");
	size_t ps_len = r->data[len - 1];
	if (ps_len == 0 || ps_len > len - 4)
		return pl_err_corrupt(err, r->name, len - 1,
				      "expected a PostScript length of 1..%zu, found %zu",
				      len - 4, ps_len);
	size_t ps_off = len - 1 - ps_len;
	struct pl_orc_postscript ps;
	if (pl_orc_parse_postscript(r->data + ps_off, ps_len, &ps, r->name, ps_off, err))
		return -1;
	if (!ps.has_magic)
		return pl_err_corrupt(err, r->name, ps_off,
				      "expected the magic \"ORC\" in the PostScript");
	r->compression = ps.compression;
	if (codec_of(r, err))
		return -1;
	r->block_size = ps.block_size ? ps.block_size : ORC_DEFAULT_BLOCK;
	if (r->block_size > ORC_MAX_BLOCK)
		return pl_err(err, PL_ERR_LIMIT,
			      "%s: ORC compression block size %llu exceeds the limit of %llu",
			      r->name, (unsigned long long)r->block_size,
			      (unsigned long long)ORC_MAX_BLOCK);
	if (ps.footer_length > ps_off - 3 || ps.metadata_length > ps_off - 3 - ps.footer_length)
		return pl_err_corrupt(err, r->name, ps_off,
				      "expected footer (%llu) and metadata (%llu) lengths that fit before the PostScript",
				      (unsigned long long)ps.footer_length,
				      (unsigned long long)ps.metadata_length);
	size_t footer_off = ps_off - (size_t)ps.footer_length;
	r->content_end = footer_off - (size_t)ps.metadata_length;

	const uint8_t *footer;
	size_t footer_len;
	if (pl_orc_decompress(r, footer_off, ps.footer_length, ORC_MAX_FOOTER, &r->footer_buf,
			      &footer, &footer_len, "Footer", err))
		return -1;
	return pl_orc_parse_footer(footer, footer_len, &r->meta, &r->footer, r->name,
				   footer_off, err);
}

static const char *col_label(struct pl_orc_reader *r, uint32_t parent, const char *name)
{
	if (parent == 0)
		return name;
	return pl_arena_printf(&r->meta, "%s.%s", r->cols[parent].label, name);
}

static int check_type(struct pl_orc_reader *r, uint32_t id, struct pl_error *err)
{
	const struct pl_orc_type *t = &r->footer.types[id];
	struct pl_orc_col *c = &r->cols[id];
	size_t want = 0;
	switch (t->kind) {
	case PL_ORC_STRUCT:
		want = t->nsubtypes;
		if (t->nnames != t->nsubtypes)
			return pl_err_corrupt(err, r->name, r->content_end,
					      "ORC type of column %u (%s): expected %zu field names, found %zu",
					      id, c->label, t->nsubtypes, t->nnames);
		break;
	case PL_ORC_LIST: want = 1; break;
	case PL_ORC_MAP: want = 2; break;
	case PL_ORC_BOOLEAN: case PL_ORC_BYTE: case PL_ORC_SHORT: case PL_ORC_INT:
	case PL_ORC_LONG: case PL_ORC_FLOAT: case PL_ORC_DOUBLE: case PL_ORC_STRING:
	case PL_ORC_BINARY: case PL_ORC_TIMESTAMP: case PL_ORC_DATE: case PL_ORC_VARCHAR:
	case PL_ORC_CHAR: case PL_ORC_TIMESTAMP_INSTANT: case PL_ORC_DECIMAL:
		break;
	case PL_ORC_UNION:
		return pl_err(err, PL_ERR_GENERIC,
			      "%s: unsupported ORC type %s in column %u (%s)", r->name,
			      pl_orc_type_kind_name(t->kind), id, c->label);
	default:
		return pl_err_corrupt(err, r->name, r->content_end,
				      "expected an ORC type kind 0..18 for column %u (%s), found %llu",
				      id, c->label, (unsigned long long)t->kind);
	}
	if (t->nsubtypes != want)
		return pl_err_corrupt(err, r->name, r->content_end,
				      "ORC %s column %u (%s): expected %zu subtypes, found %zu",
				      pl_orc_type_kind_name(t->kind), id, c->label, want,
				      t->nsubtypes);
	return 0;
}

/* Checks that the types form one tree whose children always have higher
 * ids than their parent (so decoding in id order sees parents first), and
 * names every column for messages. */
static int read_types(struct pl_orc_reader *r, struct pl_error *err)
{
	size_t n = r->footer.ntypes;
	if (n == 0 || r->footer.types[0].kind != PL_ORC_STRUCT)
		return pl_err_corrupt(err, r->name, r->content_end,
				      "expected an ORC type tree with a struct root");
	if (n > ORC_MAX_COLUMNS)
		return pl_err(err, PL_ERR_LIMIT, "%s: %zu ORC columns exceed the limit of %d",
			      r->name, n, ORC_MAX_COLUMNS);
	r->ncols = n;
	r->cols = pl_calloc(n, sizeof(*r->cols));
	int *depth = pl_calloc(n, sizeof(*depth));
	int rc = -1;
	r->cols[0].label = "(root)";
	r->cols[0].parent = UINT32_MAX;
	for (uint32_t id = 1; id < n; id++)
		r->cols[id].parent = UINT32_MAX;
	for (uint32_t id = 0; id < n; id++) {
		const struct pl_orc_type *t = &r->footer.types[id];
		struct pl_orc_col *c = &r->cols[id];
		c->id = id;
		c->type = t;
		if (id > 0 && c->parent == UINT32_MAX) {
			pl_err_corrupt(err, r->name, r->content_end,
				       "expected ORC column %u to be the child of an earlier column", id);
			goto out;
		}
		if (check_type(r, id, err))
			goto out;
		for (size_t k = 0; k < t->nsubtypes; k++) {
			uint32_t child = t->subtypes[k];
			if (child <= id || child >= n || r->cols[child].parent != UINT32_MAX) {
				pl_err_corrupt(err, r->name, r->content_end,
					       "ORC column %u: expected a new child id in %u..%zu, found %u",
					       id, id + 1, n - 1, child);
				goto out;
			}
			if (depth[id] + 1 > ORC_MAX_DEPTH) {
				pl_err(err, PL_ERR_LIMIT, "%s: ORC types nest deeper than %d",
				       r->name, ORC_MAX_DEPTH);
				goto out;
			}
			depth[child] = depth[id] + 1;
			r->cols[child].parent = id;
			const char *name = t->kind == PL_ORC_STRUCT ? t->names[k]
				: t->kind == PL_ORC_LIST ? "element" : k == 0 ? "key" : "value";
			r->cols[child].label = col_label(r, id, name);
		}
	}
	rc = 0;
out:
	free(depth);
	return rc;
}

static enum pl_vkind vkind_of(uint64_t kind)
{
	switch (kind) {
	case PL_ORC_BOOLEAN: return PL_VK_BOOL;
	case PL_ORC_FLOAT: return PL_VK_FLOAT;
	case PL_ORC_DOUBLE: return PL_VK_DOUBLE;
	case PL_ORC_STRING: case PL_ORC_VARCHAR: case PL_ORC_CHAR: return PL_VK_STRING;
	case PL_ORC_DECIMAL: return PL_VK_STRING;   /* exact text, e.g. "-12.30" */
	case PL_ORC_BINARY: return PL_VK_BYTES;
	case PL_ORC_TIMESTAMP: case PL_ORC_TIMESTAMP_INSTANT: return PL_VK_TIMESTAMP_MS;
	case PL_ORC_LIST: return PL_VK_ARRAY;
	case PL_ORC_MAP: return PL_VK_MAP;
	case PL_ORC_STRUCT: return PL_VK_RECORD;
	default: return PL_VK_INT;   /* tinyint..bigint, date (days) */
	}
}

/* Children have higher ids, so building from the last id backwards finds
 * every child's rtype ready. */
static void build_rtypes(struct pl_orc_reader *r)
{
	for (size_t id = r->ncols; id-- > 0;) {
		struct pl_orc_col *c = &r->cols[id];
		const struct pl_orc_type *t = c->type;
		struct pl_rtype *rt = pl_arena_alloc(&r->meta, sizeof(*rt));
		rt->kind = vkind_of(t->kind);
		rt->nullable = 1;
		if (t->kind == PL_ORC_STRUCT) {
			struct pl_rfield *f = pl_arena_alloc(&r->meta,
							     (t->nsubtypes ? t->nsubtypes : 1) * sizeof(*f));
			for (size_t k = 0; k < t->nsubtypes; k++) {
				f[k].name = t->names[k];
				f[k].type = r->cols[t->subtypes[k]].rtype;
			}
			rt->fields = f;
			rt->nfields = t->nsubtypes;
		} else if (t->kind == PL_ORC_LIST) {
			rt->items = r->cols[t->subtypes[0]].rtype;
		} else if (t->kind == PL_ORC_MAP) {
			rt->keys = r->cols[t->subtypes[0]].rtype;
			rt->items = r->cols[t->subtypes[1]].rtype;
		} else if (t->kind == PL_ORC_DATE) {
			rt->logical = "date";
		} else if (t->kind == PL_ORC_DECIMAL) {
			rt->logical = "decimal";
		}
		c->rtype = rt;
	}
}

/* ---- row assembly ---------------------------------------------------- */

static int assemble(struct pl_orc_reader *r, struct pl_orc_col *c, struct pl_value *out,
		    struct pl_error *err);

/* Value i of a column without children (decoded and bounded at load). */
static inline void scalar_value(const struct pl_orc_col *c, size_t i, struct pl_value *out)
{
	out->kind = c->rtype->kind;
	switch (c->type->kind) {
	case PL_ORC_BOOLEAN:
		out->u.b = c->ints[i] != 0;
		return;
	case PL_ORC_FLOAT:
	case PL_ORC_DOUBLE:
		out->u.d = c->dbls[i];
		return;
	case PL_ORC_STRING: case PL_ORC_VARCHAR: case PL_ORC_CHAR: case PL_ORC_BINARY:
	case PL_ORC_DECIMAL: {
		size_t k = c->dict ? (size_t)c->ints[i] : i;
		out->u.bytes.p = c->bytes + c->offs[k];
		out->u.bytes.n = (size_t)(c->offs[k + 1] - c->offs[k]);
		return;
	}
	default:
		out->u.i = c->ints[i];
		return;
	}
}

/* n values cycling through the column's children: a struct's fields once,
 * or n list elements, or n map entries as key, value pairs. */
static int assemble_children(struct pl_orc_reader *r, struct pl_orc_col *c, size_t n,
			     struct pl_value **items, struct pl_error *err)
{
	const struct pl_orc_type *t = c->type;
	size_t per = t->nsubtypes;
	struct pl_value *v = n ? pl_arena_alloc(&r->row_arena, n * sizeof(*v)) : NULL;
	for (size_t i = 0; i < n; i++)
		if (assemble(r, &r->cols[t->subtypes[i % per]], &v[i], err))
			return -1;
	*items = v;
	return 0;
}

/* The column's next row slot, or -1 when the stripe has no more (the
 * counts of a corrupt file disagree between parent and child). */
static int next_slot(struct pl_orc_reader *r, struct pl_orc_col *c, size_t *slot,
		     struct pl_error *err)
{
	if (c->slot >= c->nslots)
		return pl_err_corrupt(err, r->name, r->stripe_offset,
				      "column %u (%s): expected at most %zu values in the stripe",
				      c->id, c->label, c->nslots);
	*slot = c->slot++;
	return 0;
}

static int assemble(struct pl_orc_reader *r, struct pl_orc_col *c, struct pl_value *out,
		    struct pl_error *err)
{
	if (c->skipped) {
		out->kind = PL_VK_NULL;
		return 0;
	}
	size_t slot = 0;
	if (next_slot(r, c, &slot, err))
		return -1;
	if (c->present && !c->present[slot]) {
		out->kind = PL_VK_NULL;
		return 0;
	}
	size_t i = c->val++;
	const struct pl_orc_type *t = c->type;
	struct pl_value *items;
	out->kind = c->rtype->kind;
	switch (t->kind) {
	case PL_ORC_STRUCT:
		if (assemble_children(r, c, t->nsubtypes, &items, err))
			return -1;
		out->u.record.type = c->rtype;
		out->u.record.fields = items;
		return 0;
	case PL_ORC_LIST:
	case PL_ORC_MAP: {
		/* lengths were capped when the stripe was decoded */
		size_t n = (size_t)c->ints[i] * t->nsubtypes;
		if (assemble_children(r, c, n, &items, err))
			return -1;
		out->u.array.items = items;
		out->u.array.n = n;
		return 0;
	}
	default:
		scalar_value(c, i, out);
		return 0;
	}
}

/* Whether any struct on a selected path may be null in the new stripe;
 * when none can, rows need not step them at all. */
static void sel_prepare_stripe(struct pl_orc_reader *r)
{
	r->sel_plain = 1;
	for (size_t i = 0; i < r->nsel_order; i++) {
		struct pl_orc_col *c = &r->cols[r->sel_order[i]];
		c->sel_null = 0;
		if (c->present || c->skipped)
			r->sel_plain = 0;
	}
	for (size_t i = 0; i < r->nsel; i++) {
		struct pl_orc_sel_leaf *s = &r->sel_leaves[i];
		struct pl_orc_col *c = r->sel_cols[i];
		s->c = c;
		s->mode = PL_ORC_SEL_NULL;
		if (!c || c->skipped)
			continue;
		s->vkind = c->rtype->kind;
		switch (c->type->kind) {
		case PL_ORC_STRUCT: case PL_ORC_LIST: case PL_ORC_MAP:
			s->mode = PL_ORC_SEL_TREE;
			break;
		case PL_ORC_BOOLEAN:
			s->mode = PL_ORC_SEL_BOOL;
			break;
		case PL_ORC_FLOAT: case PL_ORC_DOUBLE:
			s->mode = PL_ORC_SEL_DOUBLE;
			break;
		case PL_ORC_STRING: case PL_ORC_VARCHAR: case PL_ORC_CHAR: case PL_ORC_BINARY:
		case PL_ORC_DECIMAL:
			s->mode = c->dict ? PL_ORC_SEL_DICT : PL_ORC_SEL_BYTES;
			break;
		default:
			s->mode = PL_ORC_SEL_INT;
			break;
		}
	}
}

/* 1: a row is ready in the current stripe; 0: end; -1: error (saved). */
static int next_row(struct pl_orc_reader *r, struct pl_error *err)
{
	if (r->failed) {
		if (err)
			*err = r->saved_err;
		return -1;
	}
	while (r->row >= r->stripe_rows) {
		if (r->next_stripe >= r->footer.nstripes)
			return 0;
		if (pl_orc_load_stripe(r, r->next_stripe++, err)) {
			r->failed = 1;
			if (err)
				r->saved_err = *err;
			return -1;
		}
		if (r->selecting)
			sel_prepare_stripe(r);
	}
	return 1;
}

static int orc_next(void *impl, const struct pl_value **row, struct pl_error *err)
{
	struct pl_orc_reader *r = impl;
	int rc = next_row(r, err);
	if (rc != 1)
		return rc;
	pl_arena_reset(&r->row_arena);
	struct pl_value *v = pl_arena_alloc(&r->row_arena, sizeof(*v));
	struct pl_orc_col *root = &r->cols[0];
	if (root->present && !root->present[root->slot]) {
		/* a null root row: give callers a record of nulls */
		root->slot++;
		v->kind = PL_VK_RECORD;
		v->u.record.type = root->rtype;
		v->u.record.fields = pl_arena_alloc(&r->row_arena,
						    (root->type->nsubtypes + 1) * sizeof(*v));
	} else if (assemble(r, root, v, err)) {
		goto fail;
	}
	r->row++;
	*row = v;
	return 1;
fail:
	r->failed = 1;
	if (err)
		r->saved_err = *err;
	return -1;
}

static const struct pl_rtype *orc_type(void *impl)
{
	struct pl_orc_reader *r = impl;
	return r->cols[0].rtype;
}

static const char *orc_codec(void *impl)
{
	struct pl_orc_reader *r = impl;
	return pl_orc_compression_name(r->compression);
}

static void orc_close(void *impl)
{
	struct pl_orc_reader *r = impl;
	if (!r)
		return;
	for (size_t i = 0; i < r->ncols; i++)
		for (size_t k = 0; k < PL_ORC_NSTREAMS; k++)
			pl_bytes_free(&r->cols[i].streams[k].buf);
	free(r->cols);
	free(r->sel_cols);
	free(r->sel_leaves);
	free(r->sel_order);
	pl_bytes_free(&r->scratch);
	pl_bytes_free(&r->footer_buf);
	pl_bytes_free(&r->stripe_footer_buf);
	pl_arena_free(&r->meta);
	pl_arena_free(&r->stripe_arena);
	pl_arena_free(&r->row_arena);
	free(r->name);
	free(r);
}

/* Marks the fields of mask of the struct column whose type is rtype; a new
 * call replaces the previous one, as in the Avro reader. Takes effect from
 * the next stripe on (rows of a stripe already decoded stay complete). */
static void orc_skip_fields(void *impl, const struct pl_rtype *rtype, uint64_t mask)
{
	struct pl_orc_reader *r = impl;
	for (size_t id = 0; id < r->ncols; id++)
		r->cols[id].skip = 0;
	for (size_t id = 0; id < r->ncols && rtype; id++) {
		const struct pl_orc_col *c = &r->cols[id];
		if (c->rtype != rtype || c->type->kind != PL_ORC_STRUCT)
			continue;
		for (size_t k = 0; k < c->type->nsubtypes && k < 64; k++)
			if (mask >> k & 1)
				r->cols[c->type->subtypes[k]].skip = 1;
	}
}

/* The column at a '/'-separated path of struct field names, or UINT32_MAX. */
static uint32_t resolve_path(const struct pl_orc_reader *r, const char *path)
{
	uint32_t id = 0;
	const char *p = path;
	for (;;) {
		const struct pl_orc_type *t = r->cols[id].type;
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		uint32_t found = UINT32_MAX;
		for (size_t k = 0; t->kind == PL_ORC_STRUCT && k < t->nsubtypes; k++)
			if (strlen(t->names[k]) == len && memcmp(t->names[k], p, len) == 0)
				found = t->subtypes[k];
		if (found == UINT32_MAX || !slash)
			return found;
		id = found;
		p = slash + 1;
	}
}

/* Only the selected columns, their subtrees and their ancestors are
 * decoded from then on; next_selected walks just those columns. */
static int orc_select(void *impl, const char *const *paths, size_t n, struct pl_error *err)
{
	struct pl_orc_reader *r = impl;
	(void)err;
	free(r->sel_cols);
	free(r->sel_leaves);
	free(r->sel_order);
	r->sel_cols = pl_calloc(n ? n : 1, sizeof(*r->sel_cols));
	r->sel_leaves = pl_calloc(n ? n : 1, sizeof(*r->sel_leaves));
	r->sel_order = pl_calloc(r->ncols, sizeof(*r->sel_order));   /* path structs */
	r->nsel = n;
	uint8_t *keep = pl_calloc(r->ncols, 1), *on_path = pl_calloc(r->ncols, 1);
	on_path[0] = keep[0] = 1;
	for (size_t i = 0; i < n; i++) {
		uint32_t leaf = resolve_path(r, paths[i]);
		if (leaf == UINT32_MAX)
			continue;
		r->sel_cols[i] = &r->cols[leaf];
		keep[leaf] = 1;
		for (uint32_t a = r->cols[leaf].parent; a != UINT32_MAX; a = r->cols[a].parent)
			keep[a] = on_path[a] = 1;
	}
	/* a kept column's subtree is read whole, except below path ancestors */
	r->nsel_order = 0;
	for (size_t id = 0; id < r->ncols; id++) {
		uint32_t parent = r->cols[id].parent;
		if (parent != UINT32_MAX && keep[parent] && !on_path[parent])
			keep[id] = 1;
		r->cols[id].unselected = !keep[id];
		if (on_path[id])
			r->sel_order[r->nsel_order++] = (uint32_t)id;
	}
	free(keep);
	free(on_path);
	r->selecting = 1;
	sel_prepare_stripe(r);
	return 0;
}

/* Steps the struct ancestors of the selected columns through one row and
 * assembles each selected column's value (null under a null ancestor). */
static int orc_next_selected(void *impl, struct pl_value *vals, struct pl_error *err)
{
	struct pl_orc_reader *r = impl;
	int rc = next_row(r, err);
	if (rc != 1)
		return rc;
	pl_arena_reset(&r->row_arena);
	for (size_t i = 0; i < r->nsel_order && !r->sel_plain; i++) {
		struct pl_orc_col *c = &r->cols[r->sel_order[i]];
		if ((c->parent != UINT32_MAX && r->cols[c->parent].sel_null) || c->skipped) {
			c->sel_null = 1;
			continue;
		}
		size_t slot = 0;
		if (next_slot(r, c, &slot, err))
			goto fail;
		c->sel_null = c->present && !c->present[slot];
		if (!c->sel_null)
			c->val++;
	}
	for (size_t i = 0; i < r->nsel; i++) {
		const struct pl_orc_sel_leaf *s = &r->sel_leaves[i];
		struct pl_orc_col *c = s->c;
		struct pl_value *out = &vals[i];
		if (s->mode == PL_ORC_SEL_NULL ||
		    (!r->sel_plain && r->cols[c->parent].sel_null)) {
			out->kind = PL_VK_NULL;
			continue;
		}
		if (s->mode == PL_ORC_SEL_TREE) {
			if (assemble(r, c, out, err))
				goto fail;
			continue;
		}
		/* a column without children, without assemble's recursion */
		size_t slot = 0;
		if (next_slot(r, c, &slot, err))
			goto fail;
		if (c->present && !c->present[slot]) {
			out->kind = PL_VK_NULL;
			continue;
		}
		size_t k = c->val++;
		out->kind = s->vkind;
		switch (s->mode) {
		case PL_ORC_SEL_INT: out->u.i = c->ints[k]; break;
		case PL_ORC_SEL_BOOL: out->u.b = c->ints[k] != 0; break;
		case PL_ORC_SEL_DOUBLE: out->u.d = c->dbls[k]; break;
		case PL_ORC_SEL_DICT: k = (size_t)c->ints[k]; /* fall through */
		default:
			out->u.bytes.p = c->bytes + c->offs[k];
			out->u.bytes.n = (size_t)(c->offs[k + 1] - c->offs[k]);
			break;
		}
	}
	r->row++;
	return 1;
fail:
	r->failed = 1;
	if (err)
		r->saved_err = *err;
	return -1;
}

static const struct pl_record_reader_ops orc_ops = {
	.next = orc_next,
	.type = orc_type,
	.codec = orc_codec,
	.close = orc_close,
	.skip_fields = orc_skip_fields,
	.select = orc_select,
	.next_selected = orc_next_selected,
};

int pl_orc_reader_open(const uint8_t *data, size_t len, const char *name, void **impl,
		       const struct pl_record_reader_ops **ops, struct pl_error *err)
{
	struct pl_orc_reader *r = pl_calloc(1, sizeof(*r));
	r->data = data;
	r->len = len;
	r->name = pl_strdup(name ? name : "(orc)");
	pl_arena_init(&r->meta, 0);
	pl_arena_init(&r->stripe_arena, 0);
	pl_arena_init(&r->row_arena, 0);
	if (read_tail(r, err) || read_types(r, err)) {
		orc_close(r);
		return -1;
	}
	for (size_t i = 0; i < r->footer.nstripes; i++) {
		if (pl_orc_check_stripe(r, i, err)) {
			orc_close(r);
			return -1;
		}
	}
	build_rtypes(r);
	*impl = r;
	*ops = &orc_ops;
	return 0;
}
