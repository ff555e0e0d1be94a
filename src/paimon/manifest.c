/* Manifest-type records → C structs (format-manifests.md §3). */
#include "paimon/manifest.h"

#include <inttypes.h>
#include <stdio.h>
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

#if defined(__GNUC__)
__attribute__((cold))
#endif
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

/* Field idx of record rec: NULL when the file has no such field. The
 * readers below take the field's value (NULL or null: absent). */
static const struct pl_value *at(const struct pl_value *rec, int idx)
{
	return pl_value_field_at(rec, idx);
}

static inline int get_i64(struct ctx *c, const struct pl_value *v, const char *name,
		   int required, struct pl_opt_i64 *out)
{
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

static inline int req_i64(struct ctx *c, const struct pl_value *v, const char *name,
		   int64_t *out)
{
	struct pl_opt_i64 o;
	if (get_i64(c, v, name, 1, &o))
		return -1;
	*out = o.v;
	return 0;
}

static inline int req_i32(struct ctx *c, const struct pl_value *v, const char *name,
		   int32_t *out)
{
	int64_t n;
	if (req_i64(c, v, name, &n))
		return -1;
	if (n < INT32_MIN || n > INT32_MAX)
		return pl_err(c->err, PL_ERR_CORRUPT, "%s: record %zu: %s: %" PRId64
			      " does not fit a 32-bit int", c->file, c->record, name, n);
	*out = (int32_t)n;
	return 0;
}

static inline int get_bytes(struct ctx *c, const struct pl_value *v, const char *name,
		     int required, struct pl_blob *out)
{
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
static int get_str(struct ctx *c, const struct pl_value *v, const char *name,
		   int required, int is_file_name, const char **out)
{
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

static int get_array(struct ctx *c, const struct pl_value *v, const char *name,
		     int required, const struct pl_value **out)
{
	*out = NULL;
	if (pl_value_is_null(v))
		return required ? bad(c, name, "an array", v) : 0;
	if (v->kind != PL_VK_ARRAY)
		return bad(c, name, "an array", v);
	*out = v;
	return 0;
}

static int get_str_list(struct ctx *c, const struct pl_value *v, const char *name,
			int required, int file_names, struct pl_string_list *out)
{
	const struct pl_value *a;
	memset(out, 0, sizeof(*out));
	if (get_array(c, v, name, required, &a))
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

static int get_i64_array(struct ctx *c, const struct pl_value *v, const char *name,
			 int64_t **items, uint32_t *n, uint32_t *present)
{
	const struct pl_value *a;
	*items = NULL;
	*n = 0;
	if (present)
		*present = 0;
	if (get_array(c, v, name, 0, &a))
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

static int get_stats(struct ctx *c, const struct pl_value *s, const struct stats_plan *p,
		     const char *name, struct pl_simple_stats *out)
{
	memset(out, 0, sizeof(*out));
	/* Old files make the stats record nullable; Java always fills it, so
	 * a null one reads as "no statistics". */
	if (pl_value_is_null(s))
		return 0;
	if (s->kind != PL_VK_RECORD)
		return bad(c, name, "a record", s);
	const char *saved = c->parent;
	c->parent = name;
	int rc = get_bytes(c, at(s, p->min), "_MIN_VALUES", 0, &out->min_values) ||
		 get_bytes(c, at(s, p->max), "_MAX_VALUES", 0, &out->max_values) ||
		 get_i64_array(c, at(s, p->nulls), "_NULL_COUNTS", &out->null_counts,
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
	if (req_i64(c, at(row, idx), "_VERSION", &v))
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
		    get_str(&c, at(row, i_name), "_FILE_NAME", 1, 1, &m.file_name) ||
		    req_i64(&c, at(row, i_size), "_FILE_SIZE", &m.file_size) ||
		    req_i64(&c, at(row, i_added), "_NUM_ADDED_FILES", &m.num_added_files) ||
		    req_i64(&c, at(row, i_deleted), "_NUM_DELETED_FILES", &m.num_deleted_files) ||
		    get_stats(&c, at(row, ps.field), &ps, "_PARTITION_STATS", &m.partition_stats) ||
		    req_i64(&c, at(row, i_schema), "_SCHEMA_ID", &m.schema_id) ||
		    get_i64(&c, at(row, i_min_bucket), "_MIN_BUCKET", 0, &m.min_bucket) ||
		    get_i64(&c, at(row, i_max_bucket), "_MAX_BUCKET", 0, &m.max_bucket) ||
		    get_i64(&c, at(row, i_min_level), "_MIN_LEVEL", 0, &m.min_level) ||
		    get_i64(&c, at(row, i_max_level), "_MAX_LEVEL", 0, &m.max_level) ||
		    get_i64(&c, at(row, i_min_row), "_MIN_ROW_ID", 0, &m.min_row_id) ||
		    get_i64(&c, at(row, i_max_row), "_MAX_ROW_ID", 0, &m.max_row_id)) {
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

/* The fields of an entry and of its _FILE, looked up once per file in its
 * writer type; decoding reads them from an array of field values, filled
 * from a whole record or from a selection's slots (the brief parse). */
enum entry_field {
	E_VERSION, E_KIND, E_PARTITION, E_BUCKET, E_TOTAL_BUCKETS,
	E_TOP,
	/* _FILE's */
	F_NAME = E_TOP, F_SIZE, F_ROWS, F_MIN_SEQ, F_MAX_SEQ, F_SCHEMA, F_LEVEL, F_EXTRA,
	F_CREATED, F_DELETE_ROWS, F_EMBEDDED, F_SOURCE, F_EXTERNAL, F_FIRST_ROW,
	/* what a brief parse leaves out */
	F_BRIEF,
	F_MIN_KEY = F_BRIEF, F_MAX_KEY, F_KEY_STATS, F_VALUE_STATS, F_STATS_COLS, F_WRITE_COLS,
	F_WRITE_SEQS,
	E_COUNT
};

static const char *const entry_field_names[E_COUNT] = {
	"_VERSION", "_KIND", "_PARTITION", "_BUCKET", "_TOTAL_BUCKETS",
	"_FILE_NAME", "_FILE_SIZE", "_ROW_COUNT", "_MIN_SEQUENCE_NUMBER",
	"_MAX_SEQUENCE_NUMBER", "_SCHEMA_ID", "_LEVEL", "_EXTRA_FILES", "_CREATION_TIME",
	"_DELETE_ROW_COUNT", "_EMBEDDED_FILE_INDEX", "_FILE_SOURCE", "_EXTERNAL_PATH",
	"_FIRST_ROW_ID",
	"_MIN_KEY", "_MAX_KEY", "_KEY_STATS", "_VALUE_STATS", "_VALUE_STATS_COLS", "_WRITE_COLS",
	"_WRITE_COLS_SEQUENCES",
};

struct entry_plan {
	int file;                   /* _FILE in the entry */
	int idx[E_COUNT];           /* in the entry (E_*) or in _FILE (F_*); -1: absent */
	struct stats_plan key_stats, value_stats;
};

static void entry_plan_init(struct entry_plan *p, const struct pl_rtype *t)
{
	p->file = rtype_index(t, "_FILE");
	const struct pl_rtype *f = sub_type(t, p->file);
	for (int k = 0; k < E_COUNT; k++)
		p->idx[k] = rtype_index(k < E_TOP ? t : f, entry_field_names[k]);
	stats_plan_init(&p->key_stats, f, "_KEY_STATS");
	stats_plan_init(&p->value_stats, f, "_VALUE_STATS");
}

/* An entry's own fields from their values (NULL: the file has no such
 * field); then decode_file for its _FILE's. */
static int decode_top(struct ctx *c, const struct pl_value *const *v, struct pl_manifest_entry *e)
{
	int32_t kind = 0;
	int64_t version;
	if (req_i64(c, v[E_VERSION], "_VERSION", &version))
		return -1;
	if (version != 2)
		return pl_err(c->err, PL_ERR_CORRUPT,
			      "%s: record %zu: _VERSION %" PRId64 ", expected 2%s", c->file,
			      c->record, version,
			      version == 1 ? " (a pre-0.4 table; Paimon asks to recreate it)" : "");
	if (req_i32(c, v[E_KIND], "_KIND", &kind) ||
	    get_bytes(c, v[E_PARTITION], "_PARTITION", 1, &e->partition) ||
	    req_i32(c, v[E_BUCKET], "_BUCKET", &e->bucket) ||
	    req_i32(c, v[E_TOTAL_BUCKETS], "_TOTAL_BUCKETS", &e->total_buckets))
		return -1;
	if (kind != PL_FILE_ADD && kind != PL_FILE_DELETE)
		return pl_err(c->err, PL_ERR_CORRUPT,
			      "%s: record %zu: _KIND %" PRId32 ", expected 0 (ADD) or 1 (DELETE)",
			      c->file, c->record, kind);
	e->kind = kind;
	return 0;
}

static int decode_file(struct ctx *c, const struct entry_plan *p,
		       const struct pl_value *const *v, struct pl_manifest_entry *e)
{
	struct pl_data_file_meta *m = &e->file;
	struct pl_opt_i64 source;
	c->parent = "_FILE";
	if (get_str(c, v[F_NAME], "_FILE_NAME", 1, 1, &m->file_name) ||
	    req_i64(c, v[F_SIZE], "_FILE_SIZE", &m->file_size) ||
	    req_i64(c, v[F_ROWS], "_ROW_COUNT", &m->row_count) ||
	    get_bytes(c, v[F_MIN_KEY], "_MIN_KEY", 0, &m->min_key) ||
	    get_bytes(c, v[F_MAX_KEY], "_MAX_KEY", 0, &m->max_key) ||
	    get_stats(c, v[F_KEY_STATS], &p->key_stats, "_KEY_STATS", &m->key_stats) ||
	    get_stats(c, v[F_VALUE_STATS], &p->value_stats, "_VALUE_STATS", &m->value_stats) ||
	    req_i64(c, v[F_MIN_SEQ], "_MIN_SEQUENCE_NUMBER", &m->min_sequence_number) ||
	    req_i64(c, v[F_MAX_SEQ], "_MAX_SEQUENCE_NUMBER", &m->max_sequence_number) ||
	    req_i64(c, v[F_SCHEMA], "_SCHEMA_ID", &m->schema_id) ||
	    req_i32(c, v[F_LEVEL], "_LEVEL", &m->level) ||
	    get_str_list(c, v[F_EXTRA], "_EXTRA_FILES", 0, 1, &m->extra_files) ||
	    get_i64(c, v[F_CREATED], "_CREATION_TIME", 0, &m->creation_time) ||
	    get_i64(c, v[F_DELETE_ROWS], "_DELETE_ROW_COUNT", 0, &m->delete_row_count) ||
	    get_bytes(c, v[F_EMBEDDED], "_EMBEDDED_FILE_INDEX", 0, &m->embedded_index) ||
	    get_i64(c, v[F_SOURCE], "_FILE_SOURCE", 0, &source) ||
	    get_str_list(c, v[F_STATS_COLS], "_VALUE_STATS_COLS", 0, 0, &m->value_stats_cols) ||
	    get_str(c, v[F_EXTERNAL], "_EXTERNAL_PATH", 0, 0, &m->external_path) ||
	    get_i64(c, v[F_FIRST_ROW], "_FIRST_ROW_ID", 0, &m->first_row_id) ||
	    get_str_list(c, v[F_WRITE_COLS], "_WRITE_COLS", 0, 0, &m->write_cols) ||
	    get_i64_array(c, v[F_WRITE_SEQS], "_WRITE_COLS_SEQUENCES", &m->write_cols_sequences,
			  &m->n_write_cols_sequences, NULL))
		return -1;
	c->parent = "";
	if (m->row_count < 0 || m->file_size < 0)
		return pl_err(c->err, PL_ERR_CORRUPT,
			      "%s: record %zu: negative _ROW_COUNT or _FILE_SIZE for %s", c->file,
			      c->record, m->file_name);
	m->file_source = source.present ? (int32_t)(source.v == 0 || source.v == 1 ? source.v : -1)
					: PL_SOURCE_UNKNOWN;
	return 0;
}

/* The _FILE fields a brief parse does not read, as a mask of their indices. */
static uint64_t brief_skipped(const struct entry_plan *p)
{
	uint64_t mask = 0;
	for (int k = F_BRIEF; k < E_COUNT; k++)
		if (p->idx[k] >= 0 && p->idx[k] < 64)
			mask |= (uint64_t)1 << p->idx[k];
	return mask;
}

/* The brief parse reads its fields through a selection (records.h): the
 * selected values land in one slot per field up to F_BRIEF, and the field
 * value array v points at the slots once for the whole file. */
static int select_brief(struct reader *rd, const struct entry_plan *p, struct pl_value *slots,
			const struct pl_value **v, struct pl_error *err)
{
	const char *paths[F_BRIEF];
	char file_paths[F_BRIEF - E_TOP][40];
	for (int k = 0; k < F_BRIEF; k++) {
		if (k < E_TOP) {
			paths[k] = entry_field_names[k];
			continue;
		}
		snprintf(file_paths[k - E_TOP], sizeof(file_paths[0]), "_FILE/%s",
			 entry_field_names[k]);
		paths[k] = file_paths[k - E_TOP];
	}
	/* A reader that cannot select decodes whole records: it may still
	 * leave out the statistics. */
	pl_record_reader_skip_fields(rd->r, sub_type(rd->root, p->file), brief_skipped(p));
	for (int k = 0; k < E_COUNT; k++)
		v[k] = k < F_BRIEF && p->idx[k] >= 0 && (k < E_TOP || p->file >= 0) ? &slots[k]
										  : NULL;
	return pl_record_reader_select(rd->r, paths, F_BRIEF, err);
}

/* Every entry in file order to fn: from whole records, or brief (only what
 * identifies and sums a file, through the selection above). */
static int parse_each(const uint8_t *data, size_t len, const char *name, int brief,
		      struct pl_arena *scratch, pl_manifest_entry_fn fn, void *fn_ctx,
		      struct pl_error *err)
{
	struct reader rd;
	if (open_records(data, len, name, &rd, err))
		return -1;
	struct entry_plan p;
	entry_plan_init(&p, rd.root);
	struct pl_value slots[F_BRIEF];
	const struct pl_value *row = NULL, *v[E_COUNT];
	if (brief && select_brief(&rd, &p, slots, v, err)) {
		pl_record_reader_close(rd.r);
		return -1;
	}
	struct ctx c = { name, 0, "", scratch, err, 1 };
	int rc;
	while ((rc = brief ? pl_record_reader_next_selected(rd.r, slots, err)
			   : pl_record_reader_next(rd.r, &row, err)) == 1) {
		struct pl_manifest_entry e;
		memset(&e, 0, sizeof(e));
		for (int k = 0; !brief && k < E_TOP; k++)
			v[k] = at(row, p.idx[k]);
		if (decode_top(&c, v, &e)) {
			rc = -1;
			break;
		}
		if (!brief) {
			const struct pl_value *f = at(row, p.file);
			if (pl_value_is_null(f) || f->kind != PL_VK_RECORD) {
				rc = bad(&c, "_FILE", "a record", f);
				break;
			}
			for (int k = E_TOP; k < E_COUNT; k++)
				v[k] = at(f, p.idx[k]);
		}
		if (decode_file(&c, &p, v, &e) || fn(fn_ctx, &e, err)) {
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
	if (get_array(c, at(row, idx), "_DELETIONS_VECTORS_RANGES", 0, &a))
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
		if (get_str(c, at(it, f0), "f0", 1, 1, &r->data_file) ||
		    req_i32(c, at(it, f1), "f1", &r->offset) ||
		    req_i32(c, at(it, f2), "f2", &r->length) ||
		    get_i64(c, at(it, card), "_CARDINALITY", 0, &r->cardinality))
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
	if (req_i64(c, at(v, rtype_index(t, "_ROW_RANGE_START")), "_ROW_RANGE_START",
		    &g->row_range_start) ||
	    req_i64(c, at(v, rtype_index(t, "_ROW_RANGE_END")), "_ROW_RANGE_END", &g->row_range_end) ||
	    req_i32(c, at(v, rtype_index(t, "_INDEX_FIELD_ID")), "_INDEX_FIELD_ID",
		    &g->index_field_id) ||
	    get_i64_array(c, at(v, rtype_index(t, "_EXTRA_FIELD_IDS")), "_EXTRA_FIELD_IDS", &ids, &nids,
			  &g->has_extra_field_ids) ||
	    get_bytes(c, at(v, rtype_index(t, "_INDEX_META")), "_INDEX_META", 0, &g->index_meta) ||
	    get_bytes(c, at(v, rtype_index(t, "_SOURCE_META")), "_SOURCE_META", 0, &g->source_meta))
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
		    req_i32(&c, at(row, i_kind), "_KIND", &e.kind) ||
		    get_bytes(&c, at(row, i_partition), "_PARTITION", 1, &e.partition) ||
		    req_i32(&c, at(row, i_bucket), "_BUCKET", &e.bucket) ||
		    get_str(&c, at(row, i_type), "_INDEX_TYPE", 1, 0, &e.index_type) ||
		    get_str(&c, at(row, i_name), "_FILE_NAME", 1, 1, &e.file_name) ||
		    req_i64(&c, at(row, i_size), "_FILE_SIZE", &e.file_size) ||
		    req_i64(&c, at(row, i_rows), "_ROW_COUNT", &e.row_count) ||
		    decode_dv_ranges(&c, row, i_ranges, range_item_t, &e) ||
		    get_str(&c, at(row, i_external), "_EXTERNAL_PATH", 0, 0, &e.external_path) ||
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
