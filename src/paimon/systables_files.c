/* $files and $manifests (format-manifests.md §7.1, §7.2). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "paimon/binrow.h"
#include "paimon/systables_internal.h"
#include "util/alloc.h"

#define N_COLS(a) (sizeof(a) / sizeof((a)[0]))

/* A stats column the file has in its schema but not in its statistics
 * (dense stats): unknown null count, unlike a column the file lacks. */
#define NO_STATS_FIELD INT32_MAX

static const struct pl_rowset_col file_cols[] = {
	{ "partition", PL_COL_STRING, 0 },
	{ "bucket", PL_COL_INT64, 0 },
	{ "file_path", PL_COL_STRING, 0 },
	{ "file_format", PL_COL_STRING, 0 },
	{ "schema_id", PL_COL_INT64, 0 },
	{ "level", PL_COL_INT64, 0 },
	{ "record_count", PL_COL_INT64, 0 },
	{ "file_size_in_bytes", PL_COL_INT64, 0 },
	{ "min_key", PL_COL_STRING, 0 },
	{ "max_key", PL_COL_STRING, 0 },
	{ "null_value_counts", PL_COL_STRING, 0 },
	{ "min_value_stats", PL_COL_STRING, 0 },
	{ "max_value_stats", PL_COL_STRING, 0 },
	{ "min_sequence_number", PL_COL_INT64, 0 },
	{ "max_sequence_number", PL_COL_INT64, 0 },
	{ "creation_time", PL_COL_TIME, PL_COLF_WALL_CLOCK },
	{ "deleteRowCount", PL_COL_INT64, 0 },
	{ "file_source", PL_COL_STRING, 0 },
	{ "first_row_id", PL_COL_INT64, 0 },
	{ "write_cols", PL_COL_JSON, 0 },
	{ "deleted_record_count", PL_COL_INT64, 0 },
	{ "partition_values", PL_COL_JSON, PL_COLF_JSON_ONLY },
};

/* DataFilePathFactory.formatIdentifier: the extension, or the one before a
 * compression suffix ("data-1.json.gz" is json). */
static void file_format(struct pl_strbuf *sb, const char *name)
{
	static const char *const codecs[] = {
		"gz", "gzip", "bz2", "deflate", "zst", "zstd", "lz4", "snappy", "lzo", "br",
		"xz", "brotli", NULL,
	};
	const char *dot = strrchr(name, '.');
	if (!dot)
		return;
	for (size_t i = 0; codecs[i]; i++) {
		if (strcasecmp(dot + 1, codecs[i]) != 0)
			continue;
		const char *prev = dot;
		while (prev > name && prev[-1] != '.')
			prev--;
		if (prev > name) {
			pl_strbuf_add(sb, prev, (size_t)(dot - prev));
			return;
		}
	}
	pl_strbuf_addstr(sb, dot + 1);
}

/* Min/max key rendered with the trimmed primary key of the file's schema;
 * null for append tables (arity 0). */
static int render_key(struct pl_systables *t, const struct pl_schema *fsch,
		      const struct pl_blob *key, const char *what, struct pl_rowset *rs,
		      struct pl_error *err)
{
	struct pl_binrow r;
	if (!key->p || !key->n) {
		pl_rowset_null(rs);
		return 0;
	}
	if (pl_binrow_open(key->p, key->n, what, 0, &r, err))
		return pl_err_prefix(err, "%s", t->name);
	if (r.arity == 0) {
		pl_rowset_null(rs);
		return 0;
	}
	size_t n = fsch->ntrimmed_primary_keys;
	const struct pl_dtype **types = pl_calloc(n ? n : 1, sizeof(*types));
	for (size_t i = 0; i < n; i++) {
		const struct pl_dfield *f = pl_schema_field_by_name(fsch, fsch->trimmed_primary_keys[i]);
		if (!f) {
			free(types);
			return pl_err(err, PL_ERR_CORRUPT, "%s: schema %" PRId64
				      ": primary key '%s' is not a column", t->name, fsch->id,
				      fsch->trimmed_primary_keys[i]);
		}
		types[i] = f->type;
	}
	struct pl_strbuf sb = PL_STRBUF_INIT;
	int rc = pl_binrow_render_list(&r, types, n, &sb, err);
	free(types);
	if (!rc)
		pl_rowset_str(rs, sb.buf ? sb.buf : "");
	pl_strbuf_free(&sb);
	return rc;
}

/* The statistics columns of one file, mapped onto the current schema by
 * field id (format-manifests.md §5.5). */
struct stats_map {
	struct pl_stats_column *cols;
	const char **names;
	int32_t *null_fields;
	size_t n;
};

static void stats_map_build(const struct pl_schema *cur, const struct pl_schema *fsch,
			    const struct pl_data_file_meta *f, struct stats_map *m)
{
	size_t nf = fsch->nfields;
	const char **fnames = pl_calloc(nf ? nf : 1, sizeof(*fnames));
	for (size_t i = 0; i < nf; i++)
		fnames[i] = fsch->fields[i].name;
	const char *const *cols;
	size_t ncols = pl_value_stats_columns(f, fnames, nf, &cols);

	m->n = cur->nfields;
	m->cols = pl_calloc(m->n ? m->n : 1, sizeof(*m->cols));
	m->names = pl_calloc(m->n ? m->n : 1, sizeof(*m->names));
	m->null_fields = pl_calloc(m->n ? m->n : 1, sizeof(*m->null_fields));
	for (size_t i = 0; i < m->n; i++) {
		const struct pl_dfield *c = &cur->fields[i];
		const struct pl_dfield *old = pl_schema_field_by_id(fsch, c->id);
		m->names[i] = c->name;
		m->cols[i].name = c->name;
		m->cols[i].type = old ? old->type : c->type;
		m->cols[i].field = -1;
		m->null_fields[i] = -1;
		if (!old)
			continue;
		m->null_fields[i] = NO_STATS_FIELD;
		for (size_t k = 0; k < ncols; k++) {
			if (strcmp(cols[k], old->name) == 0) {
				m->cols[i].field = (int32_t)k;
				m->null_fields[i] = (int32_t)k;
				break;
			}
		}
	}
	free(fnames);
}

static void stats_map_free(struct stats_map *m)
{
	free(m->cols);
	free(m->names);
	free(m->null_fields);
}

static int render_bound(struct pl_systables *t, const struct stats_map *m,
			const struct pl_blob *row, struct pl_rowset *rs, struct pl_error *err)
{
	struct pl_binrow r;
	const struct pl_binrow *rp = NULL;
	if (row->p && row->n) {
		if (pl_binrow_open(row->p, row->n, "value stats", 0, &r, err))
			return pl_err_prefix(err, "%s", t->name);
		rp = &r;
	}
	struct pl_strbuf sb = PL_STRBUF_INIT;
	int rc = pl_binrow_render_map(rp, m->cols, m->n, &sb, err);
	if (!rc)
		pl_rowset_str(rs, sb.buf ? sb.buf : "{}");
	pl_strbuf_free(&sb);
	return rc;
}

static void add_write_cols(struct pl_rowset *rs, const struct pl_string_list *l)
{
	if (!l->present) {
		pl_rowset_null(rs);
		return;
	}
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_st_json_string_array(&sb, l->items, l->n);
	pl_rowset_json(rs, sb.buf);
	pl_strbuf_free(&sb);
}

static int file_row(struct pl_systables *t, const struct pl_live_dv *dv,
		    const struct pl_manifest_entry *e, struct pl_rowset *rs, struct pl_strbuf *sb,
		    struct pl_arena *scratch, struct pl_error *err)
{
	const struct pl_data_file_meta *f = &e->file;
	struct pl_schema *fsch;
	if (pl_st_schema_by_id(t, f->schema_id, &fsch, err))
		return -1;

	pl_rowset_row(rs);
	pl_strbuf_reset(sb);
	if (pl_st_partition_cast(t, &e->partition, sb, err))
		return -1;
	pl_rowset_str(rs, sb->buf);
	pl_rowset_i64(rs, e->bucket);
	char *path;
	int external;
	if (pl_data_file_path(&t->spec, e, scratch, &path, &external, err))
		return -1;
	if (external) {
		pl_rowset_str(rs, path);
	} else {
		char *shown = pl_storage_display(t->st, path);
		pl_rowset_str(rs, shown);
		free(shown);
	}
	pl_strbuf_reset(sb);
	file_format(sb, f->file_name);
	pl_rowset_str(rs, sb->buf ? sb->buf : "");
	pl_rowset_i64(rs, f->schema_id);
	pl_rowset_i64(rs, f->level);
	pl_rowset_i64(rs, f->row_count);
	pl_rowset_i64(rs, f->file_size);
	if (render_key(t, fsch, &f->min_key, "min key", rs, err) ||
	    render_key(t, fsch, &f->max_key, "max key", rs, err))
		return -1;

	struct stats_map m;
	stats_map_build(t->schema, fsch, f, &m);
	pl_strbuf_reset(sb);
	pl_render_null_counts(m.names, m.null_fields, m.n, &f->value_stats, f->row_count, sb);
	pl_rowset_str(rs, sb->buf);
	int rc = render_bound(t, &m, &f->value_stats.min_values, rs, err);
	if (!rc)
		rc = render_bound(t, &m, &f->value_stats.max_values, rs, err);
	stats_map_free(&m);
	if (rc)
		return -1;

	pl_rowset_i64(rs, f->min_sequence_number);
	pl_rowset_i64(rs, f->max_sequence_number);
	if (f->creation_time.present)
		pl_rowset_time(rs, f->creation_time.v);
	else
		pl_rowset_null(rs);
	pl_rowset_opt_i64(rs, f->delete_row_count.present, f->delete_row_count.v);
	pl_rowset_str(rs, pl_file_source_name(f->file_source));
	pl_rowset_opt_i64(rs, f->first_row_id.present, f->first_row_id.v);
	add_write_cols(rs, &f->write_cols);
	if (dv->state == PL_DV_NONE)
		pl_rowset_i64(rs, 0);
	else
		pl_rowset_opt_i64(rs, dv->state == PL_DV_KNOWN, dv->deleted_rows);
	pl_strbuf_reset(sb);
	if (pl_st_partition_values(t, &e->partition, sb, err))
		return -1;
	pl_rowset_json(rs, sb->buf);
	return 0;
}

struct files_walk {
	struct pl_systables *t;
	const struct pl_fileset *fs;
	struct pl_rowset *rs;
	struct pl_strbuf sb;
	struct pl_arena scratch;
};

static int walk_file(void *ctx, size_t i, const struct pl_manifest_entry *e,
		     struct pl_error *err)
{
	struct files_walk *w = ctx;
	struct pl_live_dv dv = pl_live_file_dv(w->fs, &w->fs->files[i]);
	int rc = file_row(w->t, &dv, e, w->rs, &w->sb, &w->scratch, err);
	pl_arena_reset(&w->scratch);
	return rc;
}

int pl_st_view_files(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err)
{
	const struct pl_fileset *fs;
	if (pl_st_fileset(t, &fs, err))
		return -1;
	struct files_walk w = { t, fs, pl_rowset_new("files", file_cols, N_COLS(file_cols)),
				PL_STRBUF_INIT, { 0 } };
	pl_arena_init(&w.scratch, 0);
	int rc = fs ? pl_fileset_each_entry(fs, walk_file, &w, err) : 0;
	pl_arena_free(&w.scratch);
	pl_strbuf_free(&w.sb);
	if (rc) {
		pl_rowset_free(w.rs);
		return -1;
	}
	*out = w.rs;
	return 0;
}

static const struct pl_rowset_col manifest_cols[] = {
	{ "file_name", PL_COL_STRING, 0 },
	{ "file_size", PL_COL_INT64, 0 },
	{ "num_added_files", PL_COL_INT64, 0 },
	{ "num_deleted_files", PL_COL_INT64, 0 },
	{ "schema_id", PL_COL_INT64, 0 },
	{ "min_partition_stats", PL_COL_STRING, 0 },
	{ "max_partition_stats", PL_COL_STRING, 0 },
	{ "min_row_id", PL_COL_INT64, 0 },
	{ "max_row_id", PL_COL_INT64, 0 },
	{ "list", PL_COL_STRING, 0 },
};

/* Partition bounds of a manifest; null when absent or not decodable with
 * the current partition type (the bound is informative only). */
static void partition_bound(struct pl_systables *t, const struct pl_blob *b,
			    struct pl_rowset *rs, struct pl_strbuf *sb)
{
	struct pl_error ignored;
	if (!b->has_value && !b->p) {
		pl_rowset_null(rs);
		return;
	}
	pl_strbuf_reset(sb);
	if (pl_st_partition_cast(t, b, sb, &ignored))
		pl_rowset_null(rs);
	else
		pl_rowset_str(rs, sb->buf);
}

static void manifest_row(struct pl_systables *t, const struct pl_manifest_file_meta *m,
			 const char *list, struct pl_rowset *rs, struct pl_strbuf *sb)
{
	pl_rowset_row(rs);
	pl_rowset_str(rs, m->file_name);
	pl_rowset_i64(rs, m->file_size);
	pl_rowset_i64(rs, m->num_added_files);
	pl_rowset_i64(rs, m->num_deleted_files);
	pl_rowset_i64(rs, m->schema_id);
	partition_bound(t, &m->partition_stats.min_values, rs, sb);
	partition_bound(t, &m->partition_stats.max_values, rs, sb);
	pl_rowset_opt_i64(rs, m->min_row_id.present, m->min_row_id.v);
	pl_rowset_opt_i64(rs, m->max_row_id.present, m->max_row_id.v);
	pl_rowset_str(rs, list);
}

int pl_st_view_manifests(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err)
{
	const struct pl_fileset *fs;
	if (pl_st_fileset(t, &fs, err))
		return -1;
	struct pl_rowset *rs = pl_rowset_new("manifests", manifest_cols, N_COLS(manifest_cols));
	struct pl_strbuf sb = PL_STRBUF_INIT;
	for (size_t i = 0; fs && i < fs->manifests.n; i++)
		manifest_row(t, &fs->manifests.items[i], i < fs->n_base_manifests ? "base" : "delta",
			     rs, &sb);
	for (size_t i = 0; fs && i < fs->changelog_manifests.n; i++)
		manifest_row(t, &fs->changelog_manifests.items[i], "changelog", rs, &sb);
	pl_strbuf_free(&sb);
	*out = rs;
	return 0;
}
