/* Manifest-type records → C structs (format-manifests.md §3). */
#include "paimon/manifest.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/records.h"
#include "util/alloc.h"

/* ---- field access with context ---------------------------------------- */

struct ctx {
	const char *file;
	size_t record;          /* 0-based record number, for messages */
	const char *parent;     /* enclosing record field, "" at top level */
	struct pl_arena *arena;
	struct pl_error *err;
	/* Bytes point into the reader's record (valid until the next one)
	 * instead of being copied: the per-entry callback copies what it keeps. */
	int borrow;
};

static int bad(struct ctx *c, const char *field, const char *expected, const struct pl_value *v)
{
	return pl_err(c->err, PL_ERR_CORRUPT, "%s: record %zu: %s%s%s: expected %s, got %s",
		      c->file, c->record, c->parent, *c->parent ? "." : "", field, expected,
		      v ? pl_vkind_name(v->kind) : "no such field");
}

static int rtype_index(const struct pl_rtype *t, const char *name)
{
	return pl_rtype_field_index(t, name);
}

/* Type of a nested record field, or NULL. */
static const struct pl_rtype *sub_type(const struct pl_rtype *t, int idx)
{
	if (!t || t->kind != PL_VK_RECORD || idx < 0 || (size_t)idx >= t->nfields)
		return NULL;
	return t->fields[idx].type;
}

static int get_i64(struct ctx *c, const struct pl_value *rec, int idx, const char *name,
		   int required, struct pl_opt_i64 *out)
{
	const struct pl_value *v = pl_value_field_at(rec, idx);
	out->v = 0;
	out->present = 0;
	if (pl_value_is_null(v))
		return required ? bad(c, name, "an integer", v) : 0;
	if (v->kind != PL_VK_INT && v->kind != PL_VK_TIMESTAMP_MS)
		return bad(c, name, "an integer", v);
	out->v = v->u.i;
	out->present = 1;
	return 0;
}

static int req_i64(struct ctx *c, const struct pl_value *rec, int idx, const char *name,
		   int64_t *out)
{
	struct pl_opt_i64 o;
	if (get_i64(c, rec, idx, name, 1, &o))
		return -1;
	*out = o.v;
	return 0;
}

static int req_i32(struct ctx *c, const struct pl_value *rec, int idx, const char *name,
		   int32_t *out)
{
	int64_t v;
	if (req_i64(c, rec, idx, name, &v))
		return -1;
	if (v < INT32_MIN || v > INT32_MAX)
		return pl_err(c->err, PL_ERR_CORRUPT, "%s: record %zu: %s: %" PRId64
			      " does not fit a 32-bit int", c->file, c->record, name, v);
	*out = (int32_t)v;
	return 0;
}

static int get_bytes(struct ctx *c, const struct pl_value *rec, int idx, const char *name,
		     int required, struct pl_blob *out)
{
	const struct pl_value *v = pl_value_field_at(rec, idx);
	memset(out, 0, sizeof(*out));
	if (pl_value_is_null(v))
		return required ? bad(c, name, "bytes", v) : 0;
	if (v->kind != PL_VK_BYTES && v->kind != PL_VK_STRING)
		return bad(c, name, "bytes", v);
	if (v->u.bytes.n > UINT32_MAX)
		return bad(c, name, "bytes under 4 GiB", v);
	out->p = !v->u.bytes.n ? NULL
		 : c->borrow ? v->u.bytes.p
			     : pl_arena_memdup(c->arena, v->u.bytes.p, v->u.bytes.n);
	out->n = (uint32_t)v->u.bytes.n;
	out->has_value = 1;
	return 0;
}

/* Strings that name files become path components: refuse anything that
 * could climb out of the directory it is joined to. */
static int get_str(struct ctx *c, const struct pl_value *rec, int idx, const char *name,
		   int required, int is_file_name, const char **out)
{
	const struct pl_value *v = pl_value_field_at(rec, idx);
	*out = NULL;
	if (pl_value_is_null(v))
		return required ? bad(c, name, "a string", v) : 0;
	if (v->kind != PL_VK_STRING && v->kind != PL_VK_BYTES)
		return bad(c, name, "a string", v);
	const char *s = (const char *)v->u.bytes.p;
	size_t n = v->u.bytes.n;
	if (memchr(s, 0, n))
		return pl_err(c->err, PL_ERR_CORRUPT, "%s: record %zu: %s contains a NUL byte",
			      c->file, c->record, name);
	if (is_file_name && (n == 0 || memchr(s, '/', n) || (n == 1 && s[0] == '.') ||
			     (n == 2 && s[0] == '.' && s[1] == '.')))
		return pl_err(c->err, PL_ERR_CORRUPT,
			      "%s: record %zu: %s \"%.*s\" is not a plain file name", c->file,
			      c->record, name, (int)(n > 200 ? 200 : n), s);
	*out = pl_arena_strndup(c->arena, s, n);
	return 0;
}

static int get_array(struct ctx *c, const struct pl_value *rec, int idx, const char *name,
		     int required, const struct pl_value **out)
{
	const struct pl_value *v = pl_value_field_at(rec, idx);
	*out = NULL;
	if (pl_value_is_null(v))
		return required ? bad(c, name, "an array", v) : 0;
	if (v->kind != PL_VK_ARRAY)
		return bad(c, name, "an array", v);
	*out = v;
	return 0;
}

static int get_str_list(struct ctx *c, const struct pl_value *rec, int idx, const char *name,
			int required, int file_names, struct pl_string_list *out)
{
	const struct pl_value *a;
	memset(out, 0, sizeof(*out));
	if (get_array(c, rec, idx, name, required, &a))
		return -1;
	if (!a)
		return 0;
	out->present = 1;
	out->n = (uint32_t)a->u.array.n;
	out->items = pl_arena_alloc(c->arena, (a->u.array.n ? a->u.array.n : 1) * sizeof(char *));
	for (size_t k = 0; k < a->u.array.n; k++) {
		const struct pl_value *it = &a->u.array.items[k];
		if (it->kind != PL_VK_STRING && it->kind != PL_VK_BYTES)
			return bad(c, name, "an array of strings", it);
		if (memchr(it->u.bytes.p, 0, it->u.bytes.n) ||
		    (file_names && (it->u.bytes.n == 0 ||
				    memchr(it->u.bytes.p, '/', it->u.bytes.n))))
			return pl_err(c->err, PL_ERR_CORRUPT,
				      "%s: record %zu: %s[%zu] is not a plain name", c->file,
				      c->record, name, k);
		out->items[k] = pl_arena_strndup(c->arena, (const char *)it->u.bytes.p,
						 it->u.bytes.n);
	}
	return 0;
}

static int get_i64_array(struct ctx *c, const struct pl_value *rec, int idx, const char *name,
			 int64_t **items, uint32_t *n, uint32_t *present)
{
	const struct pl_value *a;
	*items = NULL;
	*n = 0;
	if (present)
		*present = 0;
	if (get_array(c, rec, idx, name, 0, &a))
		return -1;
	if (!a)
		return 0;
	if (present)
		*present = 1;
	*n = (uint32_t)a->u.array.n;
	*items = pl_arena_alloc(c->arena, (a->u.array.n ? a->u.array.n : 1) * sizeof(int64_t));
	for (size_t k = 0; k < a->u.array.n; k++) {
		const struct pl_value *it = &a->u.array.items[k];
		if (it->kind == PL_VK_NULL)
			(*items)[k] = PL_NULL_COUNT_UNKNOWN;
		else if (it->kind == PL_VK_INT)
			(*items)[k] = it->u.i;
		else
			return bad(c, name, "an array of integers", it);
	}
	return 0;
}

/* ---- SimpleStats ------------------------------------------------------ */

struct stats_plan {
	int field;
	int min, max, nulls;
};

static void stats_plan_init(struct stats_plan *p, const struct pl_rtype *parent, const char *name)
{
	p->field = rtype_index(parent, name);
	const struct pl_rtype *t = sub_type(parent, p->field);
	p->min = rtype_index(t, "_MIN_VALUES");
	p->max = rtype_index(t, "_MAX_VALUES");
	p->nulls = rtype_index(t, "_NULL_COUNTS");
}

static int get_stats(struct ctx *c, const struct pl_value *rec, const struct stats_plan *p,
		     const char *name, struct pl_simple_stats *out)
{
	memset(out, 0, sizeof(*out));
	const struct pl_value *s = pl_value_field_at(rec, p->field);
	/* Old files make the stats record nullable; Java always fills it, so
	 * a null one reads as "no statistics". */
	if (pl_value_is_null(s))
		return 0;
	if (s->kind != PL_VK_RECORD)
		return bad(c, name, "a record", s);
	const char *saved = c->parent;
	c->parent = name;
	int rc = get_bytes(c, s, p->min, "_MIN_VALUES", 0, &out->min_values) ||
		 get_bytes(c, s, p->max, "_MAX_VALUES", 0, &out->max_values) ||
		 get_i64_array(c, s, p->nulls, "_NULL_COUNTS", &out->null_counts,
			       &out->n_null_counts, &out->has_null_counts);
	c->parent = saved;
	return rc ? -1 : 0;
}

/* ---- opening a file --------------------------------------------------- */

struct reader {
	struct pl_record_reader *r;
	const struct pl_rtype *root;
};

static int open_records(const uint8_t *data, size_t len, const char *name, struct reader *rd,
			struct pl_error *err)
{
	if (pl_record_reader_open(data, len, name, &rd->r, err))
		return -1;
	rd->root = pl_record_reader_type(rd->r);
	if (!rd->root || rd->root->kind != PL_VK_RECORD) {
		pl_record_reader_close(rd->r);
		return pl_err(err, PL_ERR_CORRUPT, "%s: expected records, the file holds %s",
			      name, rd->root ? pl_vkind_name(rd->root->kind) : "no type");
	}
	return 0;
}

static int check_version(struct ctx *c, const struct pl_value *row, int idx, int lo, int hi)
{
	int64_t v;
	if (req_i64(c, row, idx, "_VERSION", &v))
		return -1;
	if (v < lo || v > hi)
		return pl_err(c->err, PL_ERR_CORRUPT,
			      "%s: record %zu: _VERSION %" PRId64 ", expected %d%s", c->file,
			      c->record, v, lo,
			      v == 1 && lo == 2 ? " (a pre-0.4 table; Paimon asks to recreate it)"
						: "");
	return 0;
}

/* ---- manifest list ---------------------------------------------------- */

int pl_manifest_list_parse(const uint8_t *data, size_t len, const char *name,
			   struct pl_arena *arena, struct pl_manifest_file_metas *out,
			   struct pl_error *err)
{
	struct reader rd;
	if (open_records(data, len, name, &rd, err))
		return -1;
	const struct pl_rtype *t = rd.root;
	int i_version = rtype_index(t, "_VERSION"), i_name = rtype_index(t, "_FILE_NAME"),
	    i_size = rtype_index(t, "_FILE_SIZE"), i_added = rtype_index(t, "_NUM_ADDED_FILES"),
	    i_deleted = rtype_index(t, "_NUM_DELETED_FILES"),
	    i_schema = rtype_index(t, "_SCHEMA_ID"), i_min_bucket = rtype_index(t, "_MIN_BUCKET"),
	    i_max_bucket = rtype_index(t, "_MAX_BUCKET"),
	    i_min_level = rtype_index(t, "_MIN_LEVEL"), i_max_level = rtype_index(t, "_MAX_LEVEL"),
	    i_min_row = rtype_index(t, "_MIN_ROW_ID"), i_max_row = rtype_index(t, "_MAX_ROW_ID");
	struct stats_plan ps;
	stats_plan_init(&ps, t, "_PARTITION_STATS");

	struct ctx c = { name, 0, "", arena, err, 0 };
	size_t cap = out->n;
	const struct pl_value *row;
	int rc;
	while ((rc = pl_record_reader_next(rd.r, &row, err)) == 1) {
		struct pl_manifest_file_meta m;
		memset(&m, 0, sizeof(m));
		if (check_version(&c, row, i_version, 2, 2) ||
		    get_str(&c, row, i_name, "_FILE_NAME", 1, 1, &m.file_name) ||
		    req_i64(&c, row, i_size, "_FILE_SIZE", &m.file_size) ||
		    req_i64(&c, row, i_added, "_NUM_ADDED_FILES", &m.num_added_files) ||
		    req_i64(&c, row, i_deleted, "_NUM_DELETED_FILES", &m.num_deleted_files) ||
		    get_stats(&c, row, &ps, "_PARTITION_STATS", &m.partition_stats) ||
		    req_i64(&c, row, i_schema, "_SCHEMA_ID", &m.schema_id) ||
		    get_i64(&c, row, i_min_bucket, "_MIN_BUCKET", 0, &m.min_bucket) ||
		    get_i64(&c, row, i_max_bucket, "_MAX_BUCKET", 0, &m.max_bucket) ||
		    get_i64(&c, row, i_min_level, "_MIN_LEVEL", 0, &m.min_level) ||
		    get_i64(&c, row, i_max_level, "_MAX_LEVEL", 0, &m.max_level) ||
		    get_i64(&c, row, i_min_row, "_MIN_ROW_ID", 0, &m.min_row_id) ||
		    get_i64(&c, row, i_max_row, "_MAX_ROW_ID", 0, &m.max_row_id)) {
			rc = -1;
			break;
		}
		PL_GROW(out->items, cap, out->n + 1);
		out->items[out->n++] = m;
		c.record++;
	}
	pl_record_reader_close(rd.r);
	return rc < 0 ? -1 : 0;
}

/* ---- manifest --------------------------------------------------------- */

struct entry_plan {
	int version, kind, partition, bucket, total_buckets, file;
	int name, size, rows, min_key, max_key, min_seq, max_seq, schema, level, extra,
	    created, delete_rows, embedded, source, stats_cols, external, first_row, write_cols,
	    write_seqs;
	struct stats_plan key_stats, value_stats;
};

static void entry_plan_init(struct entry_plan *p, const struct pl_rtype *t)
{
	p->version = rtype_index(t, "_VERSION");
	p->kind = rtype_index(t, "_KIND");
	p->partition = rtype_index(t, "_PARTITION");
	p->bucket = rtype_index(t, "_BUCKET");
	p->total_buckets = rtype_index(t, "_TOTAL_BUCKETS");
	p->file = rtype_index(t, "_FILE");
	const struct pl_rtype *f = sub_type(t, p->file);
	p->name = rtype_index(f, "_FILE_NAME");
	p->size = rtype_index(f, "_FILE_SIZE");
	p->rows = rtype_index(f, "_ROW_COUNT");
	p->min_key = rtype_index(f, "_MIN_KEY");
	p->max_key = rtype_index(f, "_MAX_KEY");
	stats_plan_init(&p->key_stats, f, "_KEY_STATS");
	stats_plan_init(&p->value_stats, f, "_VALUE_STATS");
	p->min_seq = rtype_index(f, "_MIN_SEQUENCE_NUMBER");
	p->max_seq = rtype_index(f, "_MAX_SEQUENCE_NUMBER");
	p->schema = rtype_index(f, "_SCHEMA_ID");
	p->level = rtype_index(f, "_LEVEL");
	p->extra = rtype_index(f, "_EXTRA_FILES");
	p->created = rtype_index(f, "_CREATION_TIME");
	p->delete_rows = rtype_index(f, "_DELETE_ROW_COUNT");
	p->embedded = rtype_index(f, "_EMBEDDED_FILE_INDEX");
	p->source = rtype_index(f, "_FILE_SOURCE");
	p->stats_cols = rtype_index(f, "_VALUE_STATS_COLS");
	p->external = rtype_index(f, "_EXTERNAL_PATH");
	p->first_row = rtype_index(f, "_FIRST_ROW_ID");
	p->write_cols = rtype_index(f, "_WRITE_COLS");
	p->write_seqs = rtype_index(f, "_WRITE_COLS_SEQUENCES");
}

static int decode_file(struct ctx *c, const struct entry_plan *p, const struct pl_value *f,
		       struct pl_data_file_meta *m)
{
	struct pl_opt_i64 source;
	if (get_str(c, f, p->name, "_FILE_NAME", 1, 1, &m->file_name) ||
	    req_i64(c, f, p->size, "_FILE_SIZE", &m->file_size) ||
	    req_i64(c, f, p->rows, "_ROW_COUNT", &m->row_count) ||
	    get_bytes(c, f, p->min_key, "_MIN_KEY", 0, &m->min_key) ||
	    get_bytes(c, f, p->max_key, "_MAX_KEY", 0, &m->max_key) ||
	    get_stats(c, f, &p->key_stats, "_KEY_STATS", &m->key_stats) ||
	    get_stats(c, f, &p->value_stats, "_VALUE_STATS", &m->value_stats) ||
	    req_i64(c, f, p->min_seq, "_MIN_SEQUENCE_NUMBER", &m->min_sequence_number) ||
	    req_i64(c, f, p->max_seq, "_MAX_SEQUENCE_NUMBER", &m->max_sequence_number) ||
	    req_i64(c, f, p->schema, "_SCHEMA_ID", &m->schema_id) ||
	    req_i32(c, f, p->level, "_LEVEL", &m->level) ||
	    get_str_list(c, f, p->extra, "_EXTRA_FILES", 0, 1, &m->extra_files) ||
	    get_i64(c, f, p->created, "_CREATION_TIME", 0, &m->creation_time) ||
	    get_i64(c, f, p->delete_rows, "_DELETE_ROW_COUNT", 0, &m->delete_row_count) ||
	    get_bytes(c, f, p->embedded, "_EMBEDDED_FILE_INDEX", 0, &m->embedded_index) ||
	    get_i64(c, f, p->source, "_FILE_SOURCE", 0, &source) ||
	    get_str_list(c, f, p->stats_cols, "_VALUE_STATS_COLS", 0, 0, &m->value_stats_cols) ||
	    get_str(c, f, p->external, "_EXTERNAL_PATH", 0, 0, &m->external_path) ||
	    get_i64(c, f, p->first_row, "_FIRST_ROW_ID", 0, &m->first_row_id) ||
	    get_str_list(c, f, p->write_cols, "_WRITE_COLS", 0, 0, &m->write_cols) ||
	    get_i64_array(c, f, p->write_seqs, "_WRITE_COLS_SEQUENCES", &m->write_cols_sequences,
			  &m->n_write_cols_sequences, NULL))
		return -1;
	if (m->row_count < 0 || m->file_size < 0)
		return pl_err(c->err, PL_ERR_CORRUPT,
			      "%s: record %zu: negative _ROW_COUNT or _FILE_SIZE for %s", c->file,
			      c->record, m->file_name);
	m->file_source = source.present ? (int32_t)(source.v == 0 || source.v == 1 ? source.v : -1)
					: PL_SOURCE_UNKNOWN;
	return 0;
}

/* The _FILE fields a brief parse does not read, as a mask of their indices. */
static uint64_t stats_fields(const struct entry_plan *p)
{
	const int idx[] = { p->min_key, p->max_key, p->key_stats.field, p->value_stats.field,
			    p->stats_cols, p->write_cols, p->write_seqs };
	uint64_t mask = 0;
	for (size_t k = 0; k < sizeof(idx) / sizeof(idx[0]); k++)
		if (idx[k] >= 0 && idx[k] < 64)
			mask |= (uint64_t)1 << idx[k];
	return mask;
}

static int parse_each(const uint8_t *data, size_t len, const char *name, int brief,
		      struct pl_arena *scratch, pl_manifest_entry_fn fn, void *fn_ctx,
		      struct pl_error *err)
{
	struct reader rd;
	if (open_records(data, len, name, &rd, err))
		return -1;
	struct entry_plan p;
	entry_plan_init(&p, rd.root);
	if (brief)
		pl_record_reader_skip_fields(rd.r, sub_type(rd.root, p.file), stats_fields(&p));
	struct ctx c = { name, 0, "", scratch, err, 1 };
	const struct pl_value *row;
	int rc;
	while ((rc = pl_record_reader_next(rd.r, &row, err)) == 1) {
		struct pl_manifest_entry e;
		memset(&e, 0, sizeof(e));
		int32_t kind;
		if (check_version(&c, row, p.version, 2, 2) ||
		    req_i32(&c, row, p.kind, "_KIND", &kind) ||
		    get_bytes(&c, row, p.partition, "_PARTITION", 1, &e.partition) ||
		    req_i32(&c, row, p.bucket, "_BUCKET", &e.bucket) ||
		    req_i32(&c, row, p.total_buckets, "_TOTAL_BUCKETS", &e.total_buckets)) {
			rc = -1;
			break;
		}
		if (kind != PL_FILE_ADD && kind != PL_FILE_DELETE) {
			rc = pl_err(err, PL_ERR_CORRUPT,
				    "%s: record %zu: _KIND %" PRId32 ", expected 0 (ADD) or 1 (DELETE)",
				    name, c.record, kind);
			break;
		}
		e.kind = kind;
		const struct pl_value *f = pl_value_field_at(row, p.file);
		if (pl_value_is_null(f) || f->kind != PL_VK_RECORD) {
			rc = bad(&c, "_FILE", "a record", f);
			break;
		}
		c.parent = "_FILE";
		if (decode_file(&c, &p, f, &e.file)) {
			rc = -1;
			break;
		}
		c.parent = "";
		if (fn(fn_ctx, &e, err)) {
			rc = -1;
			break;
		}
		c.record++;
		/* What the entry's strings took is garbage once fn has returned. */
		pl_arena_reset(scratch);
	}
	pl_record_reader_close(rd.r);
	return rc < 0 ? -1 : 0;
}

int pl_manifest_parse_each(const uint8_t *data, size_t len, const char *name,
			   struct pl_arena *scratch, pl_manifest_entry_fn fn, void *fn_ctx,
			   struct pl_error *err)
{
	return parse_each(data, len, name, 0, scratch, fn, fn_ctx, err);
}

int pl_manifest_parse_each_brief(const uint8_t *data, size_t len, const char *name,
				 struct pl_arena *scratch, pl_manifest_entry_fn fn, void *fn_ctx,
				 struct pl_error *err)
{
	return parse_each(data, len, name, 1, scratch, fn, fn_ctx, err);
}

struct collect_ctx {
	struct pl_arena *arena;
	struct pl_manifest_entries *out;
	size_t cap;
};

static int collect_entry(void *ctx, const struct pl_manifest_entry *e, struct pl_error *err)
{
	struct collect_ctx *cc = ctx;
	(void)err;
	PL_GROW(cc->out->items, cc->cap, cc->out->n + 1);
	pl_manifest_entry_copy(cc->arena, &cc->out->items[cc->out->n++], e);
	return 0;
}

int pl_manifest_parse(const uint8_t *data, size_t len, const char *name, struct pl_arena *arena,
		      struct pl_manifest_entries *out, struct pl_error *err)
{
	struct collect_ctx cc = { arena, out, out->n };
	struct pl_arena scratch;
	pl_arena_init(&scratch, 4 << 10);
	int rc = pl_manifest_parse_each(data, len, name, &scratch, collect_entry, &cc, err);
	pl_arena_free(&scratch);
	return rc;
}

/* ---- index manifest --------------------------------------------------- */

static int decode_dv_ranges(struct ctx *c, const struct pl_value *row, int idx,
			    const struct pl_rtype *item_type, struct pl_index_manifest_entry *e)
{
	const struct pl_value *a;
	if (get_array(c, row, idx, "_DELETIONS_VECTORS_RANGES", 0, &a))
		return -1;
	if (!a)
		return 0;
	int f0 = rtype_index(item_type, "f0"), f1 = rtype_index(item_type, "f1"),
	    f2 = rtype_index(item_type, "f2"), card = rtype_index(item_type, "_CARDINALITY");
	e->has_dv_ranges = 1;
	e->n_dv_ranges = (uint32_t)a->u.array.n;
	e->dv_ranges = pl_arena_alloc(c->arena, (a->u.array.n ? a->u.array.n : 1) *
					       sizeof(*e->dv_ranges));
	c->parent = "_DELETIONS_VECTORS_RANGES";
	for (size_t k = 0; k < a->u.array.n; k++) {
		const struct pl_value *it = &a->u.array.items[k];
		struct pl_dv_range *r = &e->dv_ranges[k];
		if (it->kind != PL_VK_RECORD)
			return bad(c, "item", "a record", it);
		if (get_str(c, it, f0, "f0", 1, 1, &r->data_file) ||
		    req_i32(c, it, f1, "f1", &r->offset) || req_i32(c, it, f2, "f2", &r->length) ||
		    get_i64(c, it, card, "_CARDINALITY", 0, &r->cardinality))
			return -1;
		if (r->offset < 0 || r->length < 0)
			return pl_err(c->err, PL_ERR_CORRUPT,
				      "%s: record %zu: negative deletion-vector range %" PRId32
				      "+%" PRId32 " for %s", c->file, c->record, r->offset,
				      r->length, r->data_file);
	}
	c->parent = "";
	return 0;
}

static int decode_global_index(struct ctx *c, const struct pl_value *row, int idx,
			       const struct pl_rtype *t, struct pl_global_index_meta *g)
{
	const struct pl_value *v = pl_value_field_at(row, idx);
	if (pl_value_is_null(v))
		return 0;
	if (v->kind != PL_VK_RECORD)
		return bad(c, "_GLOBAL_INDEX", "a record", v);
	g->present = 1;
	c->parent = "_GLOBAL_INDEX";
	int64_t *ids = NULL;
	uint32_t nids = 0;
	if (req_i64(c, v, rtype_index(t, "_ROW_RANGE_START"), "_ROW_RANGE_START",
		    &g->row_range_start) ||
	    req_i64(c, v, rtype_index(t, "_ROW_RANGE_END"), "_ROW_RANGE_END", &g->row_range_end) ||
	    req_i32(c, v, rtype_index(t, "_INDEX_FIELD_ID"), "_INDEX_FIELD_ID",
		    &g->index_field_id) ||
	    get_i64_array(c, v, rtype_index(t, "_EXTRA_FIELD_IDS"), "_EXTRA_FIELD_IDS", &ids, &nids,
			  &g->has_extra_field_ids) ||
	    get_bytes(c, v, rtype_index(t, "_INDEX_META"), "_INDEX_META", 0, &g->index_meta) ||
	    get_bytes(c, v, rtype_index(t, "_SOURCE_META"), "_SOURCE_META", 0, &g->source_meta))
		return -1;
	if (nids) {
		g->extra_field_ids = pl_arena_alloc(c->arena, nids * sizeof(int32_t));
		for (uint32_t k = 0; k < nids; k++)
			g->extra_field_ids[k] = (int32_t)ids[k];
	}
	g->n_extra_field_ids = nids;
	c->parent = "";
	return 0;
}

int pl_index_manifest_parse(const uint8_t *data, size_t len, const char *name,
			    struct pl_arena *arena, struct pl_index_manifest_entries *out,
			    struct pl_error *err)
{
	struct reader rd;
	if (open_records(data, len, name, &rd, err))
		return -1;
	const struct pl_rtype *t = rd.root;
	int i_version = rtype_index(t, "_VERSION"), i_kind = rtype_index(t, "_KIND"),
	    i_partition = rtype_index(t, "_PARTITION"), i_bucket = rtype_index(t, "_BUCKET"),
	    i_type = rtype_index(t, "_INDEX_TYPE"), i_name = rtype_index(t, "_FILE_NAME"),
	    i_size = rtype_index(t, "_FILE_SIZE"), i_rows = rtype_index(t, "_ROW_COUNT"),
	    i_ranges = rtype_index(t, "_DELETIONS_VECTORS_RANGES"),
	    i_external = rtype_index(t, "_EXTERNAL_PATH"),
	    i_global = rtype_index(t, "_GLOBAL_INDEX");
	const struct pl_rtype *ranges_t = sub_type(t, i_ranges);
	const struct pl_rtype *range_item_t =
		ranges_t && ranges_t->kind == PL_VK_ARRAY ? ranges_t->items : NULL;
	const struct pl_rtype *global_t = sub_type(t, i_global);

	struct ctx c = { name, 0, "", arena, err, 0 };
	size_t cap = out->n;
	const struct pl_value *row;
	int rc;
	while ((rc = pl_record_reader_next(rd.r, &row, err)) == 1) {
		struct pl_index_manifest_entry e;
		memset(&e, 0, sizeof(e));
		/* _VERSION 2 was written briefly on master before 2.0; the
		 * fields are read by name, so accept it. */
		if (check_version(&c, row, i_version, 1, 2) ||
		    req_i32(&c, row, i_kind, "_KIND", &e.kind) ||
		    get_bytes(&c, row, i_partition, "_PARTITION", 1, &e.partition) ||
		    req_i32(&c, row, i_bucket, "_BUCKET", &e.bucket) ||
		    get_str(&c, row, i_type, "_INDEX_TYPE", 1, 0, &e.index_type) ||
		    get_str(&c, row, i_name, "_FILE_NAME", 1, 1, &e.file_name) ||
		    req_i64(&c, row, i_size, "_FILE_SIZE", &e.file_size) ||
		    req_i64(&c, row, i_rows, "_ROW_COUNT", &e.row_count) ||
		    decode_dv_ranges(&c, row, i_ranges, range_item_t, &e) ||
		    get_str(&c, row, i_external, "_EXTERNAL_PATH", 0, 0, &e.external_path) ||
		    decode_global_index(&c, row, i_global, global_t, &e.global_index)) {
			rc = -1;
			break;
		}
		PL_GROW(out->items, cap, out->n + 1);
		out->items[out->n++] = e;
		c.record++;
	}
	pl_record_reader_close(rd.r);
	return rc < 0 ? -1 : 0;
}

/* ---- reading through the storage -------------------------------------- */

static int read_manifest_file(struct pl_storage *st, const char *table_root, const char *name,
			      uint64_t size_hint, struct pl_buf *buf, char **path,
			      struct pl_error *err)
{
	char *dir = pl_path_join_dup(table_root, "manifest");
	*path = pl_path_join_dup(dir, name);
	free(dir);
	if (pl_storage_read(st, *path, 0, buf, err))
		return -1;
	if (size_hint && buf->len != size_hint) {
		pl_buf_free(buf);
		return pl_err(err, PL_ERR_CORRUPT, "%s: %zu bytes, but its metadata says %" PRIu64,
			      *path, buf->len, size_hint);
	}
	return 0;
}

int pl_manifest_list_read(struct pl_storage *st, const char *table_root, const char *name,
			  uint64_t size_hint, struct pl_arena *arena,
			  struct pl_manifest_file_metas *out, struct pl_error *err)
{
	struct pl_buf buf = { 0 };
	char *path = NULL;
	int rc = read_manifest_file(st, table_root, name, size_hint, &buf, &path, err);
	if (!rc)
		rc = pl_manifest_list_parse(buf.data, buf.len, path, arena, out, err);
	pl_buf_free(&buf);
	free(path);
	return rc;
}

int pl_manifest_read(struct pl_storage *st, const char *table_root, const char *name,
		     uint64_t size_hint, struct pl_arena *arena, struct pl_manifest_entries *out,
		     struct pl_error *err)
{
	struct pl_buf buf = { 0 };
	char *path = NULL;
	int rc = read_manifest_file(st, table_root, name, size_hint, &buf, &path, err);
	if (!rc)
		rc = pl_manifest_parse(buf.data, buf.len, path, arena, out, err);
	pl_buf_free(&buf);
	free(path);
	return rc;
}

int pl_index_manifest_read(struct pl_storage *st, const char *table_root, const char *name,
			   struct pl_arena *arena, struct pl_index_manifest_entries *out,
			   struct pl_error *err)
{
	struct pl_buf buf = { 0 };
	char *path = NULL;
	int rc = read_manifest_file(st, table_root, name, 0, &buf, &path, err);
	if (!rc)
		rc = pl_index_manifest_parse(buf.data, buf.len, path, arena, out, err);
	pl_buf_free(&buf);
	free(path);
	return rc;
}

/* ---- copying and names ------------------------------------------------ */

static void copy_blob(struct pl_arena *a, struct pl_blob *b)
{
	if (b->p)
		b->p = pl_arena_memdup(a, b->p, b->n);
}

static const char *copy_str(struct pl_arena *a, const char *s)
{
	return s ? pl_arena_strdup(a, s) : NULL;
}

static void copy_list(struct pl_arena *a, struct pl_string_list *l)
{
	if (!l->items)
		return;
	const char **items = pl_arena_alloc(a, (l->n ? l->n : 1) * sizeof(char *));
	for (uint32_t k = 0; k < l->n; k++)
		items[k] = pl_arena_strdup(a, l->items[k]);
	l->items = items;
}

static void copy_stats(struct pl_arena *a, struct pl_simple_stats *s)
{
	copy_blob(a, &s->min_values);
	copy_blob(a, &s->max_values);
	if (s->null_counts)
		s->null_counts = pl_arena_memdup(a, s->null_counts,
						 (s->n_null_counts ? s->n_null_counts : 1) *
							 sizeof(int64_t));
}

void pl_manifest_entry_copy(struct pl_arena *arena, struct pl_manifest_entry *dst,
			    const struct pl_manifest_entry *src)
{
	*dst = *src;
	struct pl_data_file_meta *f = &dst->file;
	copy_blob(arena, &dst->partition);
	f->file_name = copy_str(arena, f->file_name);
	copy_blob(arena, &f->min_key);
	copy_blob(arena, &f->max_key);
	copy_stats(arena, &f->key_stats);
	copy_stats(arena, &f->value_stats);
	copy_list(arena, &f->extra_files);
	copy_blob(arena, &f->embedded_index);
	copy_list(arena, &f->value_stats_cols);
	f->external_path = copy_str(arena, f->external_path);
	copy_list(arena, &f->write_cols);
	if (f->write_cols_sequences)
		f->write_cols_sequences =
			pl_arena_memdup(arena, f->write_cols_sequences,
					(f->n_write_cols_sequences ? f->n_write_cols_sequences : 1) *
						sizeof(int64_t));
}

const char *pl_file_kind_name(int32_t kind)
{
	return kind == PL_FILE_ADD ? "ADD" : kind == PL_FILE_DELETE ? "DELETE" : "?";
}

const char *pl_file_source_name(int32_t source)
{
	return source == PL_SOURCE_APPEND ? "APPEND" : source == PL_SOURCE_COMPACT ? "COMPACT" : NULL;
}

size_t pl_value_stats_columns(const struct pl_data_file_meta *f, const char *const *schema_fields,
			      size_t n_schema_fields, const char *const **out)
{
	if (f->value_stats_cols.present) {
		*out = f->value_stats_cols.items;
		return f->value_stats_cols.n;
	}
	if (f->write_cols.present) {
		*out = f->write_cols.items;
		return f->write_cols.n;
	}
	*out = schema_fields;
	return n_schema_fields;
}

void pl_render_null_counts(const char *const *names, const int32_t *fields, size_t n,
			   const struct pl_simple_stats *stats, int64_t absent_count,
			   struct pl_strbuf *sb)
{
	size_t *idx = pl_calloc(n ? n : 1, sizeof(*idx));
	/* insertion sort by name: a handful of columns */
	for (size_t k = 0; k < n; k++) {
		size_t j = k;
		while (j > 0 && strcmp(names[idx[j - 1]], names[k]) > 0) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = k;
	}
	pl_strbuf_addch(sb, '{');
	for (size_t k = 0; k < n; k++) {
		size_t c = idx[k];
		if (k)
			pl_strbuf_addstr(sb, ", ");
		pl_strbuf_addf(sb, "%s=", names[c]);
		int64_t v = PL_NULL_COUNT_UNKNOWN;
		if (fields[c] < 0)
			v = absent_count;
		else if ((uint32_t)fields[c] < stats->n_null_counts)
			v = stats->null_counts[fields[c]];
		if (v == PL_NULL_COUNT_UNKNOWN)
			pl_strbuf_addstr(sb, "null");
		else
			pl_strbuf_addf(sb, "%" PRId64, v);
	}
	pl_strbuf_addch(sb, '}');
	free(idx);
}
