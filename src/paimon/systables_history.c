/* Views over the JSON metadata: $snapshots, $schemas, the current schema,
 * $options, $tags, $branches, $consumers, $statistics (format-metadata.md
 * §7.1 - §7.7). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/consumer.h"
#include "paimon/options.h"
#include "paimon/snapshot_files.h"
#include "paimon/systables_internal.h"
#include "paimon/tag.h"
#include "paimon/types.h"
#include "util/alloc.h"

#define N_COLS(a) (sizeof(a) / sizeof((a)[0]))
#define STATISTICS_CAP ((size_t)64 << 20)

static const struct pl_rowset_col snapshot_cols[] = {
	{ "snapshot_id", PL_COL_INT64, 0 },
	{ "schema_id", PL_COL_INT64, 0 },
	{ "commit_user", PL_COL_STRING, 0 },
	{ "commit_identifier", PL_COL_INT64, 0 },
	{ "commit_kind", PL_COL_STRING, 0 },
	{ "commit_time", PL_COL_TIME, 0 },
	{ "base_manifest_list", PL_COL_STRING, 0 },
	{ "delta_manifest_list", PL_COL_STRING, 0 },
	{ "changelog_manifest_list", PL_COL_STRING, 0 },
	{ "total_record_count", PL_COL_INT64, 0 },
	{ "delta_record_count", PL_COL_INT64, 0 },
	{ "changelog_record_count", PL_COL_INT64, 0 },
	{ "watermark", PL_COL_INT64, 0 },
	{ "next_row_id", PL_COL_INT64, 0 },
	{ "operation", PL_COL_STRING, 0 },
	{ "writer_version", PL_COL_STRING, 0 },
	{ "total_file_count", PL_COL_INT64, 0 },
};

/* total_file_count reads two manifest lists per snapshot: only the newest
 * ones, the window the Snapshots chart draws, get it; older rows are null. */
#define FILE_COUNT_WINDOW 100

/* Snapshot files are read in slices through the batched read, so a remote
 * history of thousands of snapshots is bound by parallel requests, not by
 * round trips, while memory stays bounded by one slice. */
#define SNAPSHOT_SLICE 512

static void snapshot_row(struct pl_rowset *rs, const struct pl_snapshot *s, int file_count_known,
			 int64_t file_count)
{
	pl_rowset_row(rs);
	pl_rowset_i64(rs, s->id);
	pl_rowset_i64(rs, s->schema_id);
	pl_rowset_str(rs, s->commit_user);
	pl_rowset_i64(rs, s->commit_identifier);
	pl_rowset_str(rs, s->commit_kind);
	pl_rowset_time(rs, s->time_millis);
	pl_rowset_str(rs, s->base_manifest_list);
	pl_rowset_str(rs, s->delta_manifest_list);
	pl_rowset_str(rs, s->changelog_manifest_list);
	pl_rowset_opt_i64(rs, s->total_record_count.present, s->total_record_count.v);
	pl_rowset_opt_i64(rs, s->delta_record_count.present, s->delta_record_count.v);
	pl_rowset_opt_i64(rs, s->changelog_record_count.present, s->changelog_record_count.v);
	pl_rowset_opt_i64(rs, s->watermark.present, s->watermark.v);
	pl_rowset_opt_i64(rs, s->next_row_id.present, s->next_row_id.v);
	pl_rowset_str(rs, s->operation);
	pl_rowset_str(rs, s->writer_version);
	pl_rowset_opt_i64(rs, file_count_known, file_count);
}

int pl_st_view_snapshots(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err)
{
	struct pl_rowset *rs = pl_rowset_new("snapshots", snapshot_cols, N_COLS(snapshot_cols));
	size_t n = t->n_snapshot_ids;
	size_t cap = n < SNAPSHOT_SLICE ? n : SNAPSHOT_SLICE;
	struct pl_snapshot_slot *slots = cap ? pl_calloc(cap, sizeof(*slots)) : NULL;
	const struct pl_snapshot **windowed = cap ? pl_calloc(cap, sizeof(*windowed)) : NULL;
	int64_t *counts = cap ? pl_calloc(cap, sizeof(*counts)) : NULL;
	int *known = cap ? pl_calloc(cap, sizeof(*known)) : NULL;
	struct pl_arena a;
	pl_arena_init(&a, 1 << 16);
	char *dir = pl_path_join_dup(t->branch_path, "snapshot");
	int rc = 0;
	for (size_t from = 0; !rc && from < n; from += cap) {
		size_t k = n - from < cap ? n - from : cap;
		pl_arena_reset(&a);
		memset(slots, 0, k * sizeof(*slots));
		for (size_t i = 0; i < k; i++)
			slots[i].id = t->snapshot_ids[from + i];
		pl_snapshot_load_batch(t->st, dir, "snapshot-", slots, k, &a);
		/* The file counts of this slice's snapshots in the window, in
		 * one batch of manifest-list reads. */
		size_t nw = 0, w = 0;
		for (size_t i = 0; i < k; i++)
			if (slots[i].snap && n - (from + i) <= FILE_COUNT_WINDOW)
				windowed[nw++] = slots[i].snap;
		if (!rc)
			pl_snapshot_file_counts(t->st, t->table_path, windowed, nw, counts, known);
		for (size_t i = 0; i < k; i++) {
			if (slots[i].snap) {
				int in_window = w < nw && windowed[w] == slots[i].snap;
				if (!rc)
					snapshot_row(rs, slots[i].snap, in_window && known[w],
						     in_window ? counts[w] : 0);
				w += in_window;
				continue;
			}
			/* Expired between listing and reading: skip, as a
			 * browser should rather than fail (§4.5). */
			if (!rc && slots[i].err.code != PL_ERR_NOT_FOUND) {
				if (err)
					*err = slots[i].err;
				rc = -1;
			}
			pl_err_clear(&slots[i].err);
		}
	}
	free(dir);
	free(slots);
	free(windowed);
	free(counts);
	free(known);
	pl_arena_free(&a);
	if (rc) {
		pl_rowset_free(rs);
		return -1;
	}
	*out = rs;
	return 0;
}

static const struct pl_rowset_col schemas_cols[] = {
	{ "schema_id", PL_COL_INT64, 0 },
	{ "fields", PL_COL_STRING, 0 },
	{ "partition_keys", PL_COL_STRING, 0 },
	{ "primary_keys", PL_COL_STRING, 0 },
	{ "options", PL_COL_STRING, 0 },
	{ "comment", PL_COL_STRING, 0 },
	{ "update_time", PL_COL_TIME, 0 },
};

static void options_json(struct pl_strbuf *sb, const struct pl_schema *s)
{
	pl_strbuf_addch(sb, '{');
	for (size_t i = 0; i < s->noptions; i++) {
		if (i)
			pl_strbuf_addch(sb, ',');
		pl_json_add_string(sb, s->options[i].key);
		pl_strbuf_addch(sb, ':');
		pl_json_add_string(sb, s->options[i].value);
	}
	pl_strbuf_addch(sb, '}');
}

int pl_st_view_schemas(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err)
{
	int64_t *ids;
	size_t n;
	if (pl_schema_list_ids(t->st, t->branch_path, &ids, &n, err))
		return -1;
	struct pl_rowset *rs = pl_rowset_new("schemas", schemas_cols, N_COLS(schemas_cols));
	struct pl_strbuf sb = PL_STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		struct pl_arena a;
		struct pl_schema *s;
		pl_arena_init(&a, 0);
		if (pl_schema_load(t->st, t->branch_path, ids[i], &a, &s, err)) {
			pl_arena_free(&a);
			if (err->code == PL_ERR_NOT_FOUND) {
				pl_err_clear(err);
				continue;
			}
			free(ids);
			pl_strbuf_free(&sb);
			pl_rowset_free(rs);
			return -1;
		}
		pl_rowset_row(rs);
		pl_rowset_i64(rs, s->id);
		pl_strbuf_reset(&sb);
		pl_strbuf_addch(&sb, '[');
		for (size_t f = 0; f < s->nfields; f++) {
			if (f)
				pl_strbuf_addch(&sb, ',');
			pl_dfield_to_json(&sb, &s->fields[f]);
		}
		pl_strbuf_addch(&sb, ']');
		pl_rowset_str(rs, sb.buf);
		pl_strbuf_reset(&sb);
		pl_st_json_string_array(&sb, s->partition_keys, s->npartition_keys);
		pl_rowset_str(rs, sb.buf);
		pl_strbuf_reset(&sb);
		pl_st_json_string_array(&sb, s->primary_keys, s->nprimary_keys);
		pl_rowset_str(rs, sb.buf);
		pl_strbuf_reset(&sb);
		options_json(&sb, s);
		pl_rowset_str(rs, sb.buf);
		pl_rowset_str(rs, s->comment);
		pl_rowset_time(rs, s->has_time_millis ? s->time_millis : 0);
		pl_arena_free(&a);
	}
	free(ids);
	pl_strbuf_free(&sb);
	*out = rs;
	return 0;
}

static const struct pl_rowset_col schema_cols[] = {
	{ "field_id", PL_COL_INT64, 0 },
	{ "field_name", PL_COL_STRING, 0 },
	{ "field_type", PL_COL_STRING, 0 },
	{ "nullable", PL_COL_BOOL, 0 },
	{ "primary_key", PL_COL_BOOL, 0 },
	{ "partition_key", PL_COL_BOOL, 0 },
	{ "bucket_key", PL_COL_BOOL, 0 },
	{ "description", PL_COL_STRING, 0 },
	{ "default_value", PL_COL_STRING, 0 },
};

static int in_list(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

int pl_st_view_schema(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err)
{
	(void)err;
	const struct pl_schema *s = t->schema;
	struct pl_rowset *rs = pl_rowset_new("schema", schema_cols, N_COLS(schema_cols));
	for (size_t i = 0; i < s->nfields; i++) {
		const struct pl_dfield *f = &s->fields[i];
		pl_rowset_row(rs);
		pl_rowset_i64(rs, f->id);
		pl_rowset_str(rs, f->name);
		pl_rowset_str(rs, pl_dtype_to_string(f->type, &rs->arena));
		pl_rowset_bool(rs, f->type->nullable);
		pl_rowset_bool(rs, in_list(s->primary_keys, s->nprimary_keys, f->name));
		pl_rowset_bool(rs, in_list(s->partition_keys, s->npartition_keys, f->name));
		pl_rowset_bool(rs, in_list(s->bucket_keys, s->nbucket_keys, f->name));
		pl_rowset_str(rs, f->description);
		pl_rowset_str(rs, f->default_value);
	}
	*out = rs;
	return 0;
}

/* value is what applies (stored, else the default), default what Paimon
 * documents, source says which: options never set are listed too, so a
 * reader sees the table's whole effective configuration. */
static const struct pl_rowset_col option_cols[] = {
	{ "key", PL_COL_STRING, 0 },
	{ "value", PL_COL_STRING, 0 },
	{ "default", PL_COL_STRING, 0 },
	{ "source", PL_COL_STRING, 0 },
};

static int by_first_col(const struct pl_rowset *rs, size_t a, size_t b, void *ctx)
{
	(void)ctx;
	return pl_rowset_cmp_col(rs, a, b, 0);
}

int pl_st_view_options(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err)
{
	(void)err;
	struct pl_arena a;
	struct pl_option_value *v;
	size_t n;
	pl_arena_init(&a, 0);
	pl_options_effective_all(t->schema, &a, &v, &n);
	struct pl_rowset *rs = pl_rowset_new("options", option_cols, N_COLS(option_cols));
	for (size_t i = 0; i < n; i++) {
		/* "path" is a runtime option Java does not list. */
		if (strcmp(v[i].key, "path") == 0)
			continue;
		pl_rowset_row(rs);
		pl_rowset_str(rs, v[i].key);
		pl_rowset_str(rs, v[i].value);
		pl_rowset_str(rs, pl_option_default(t->schema, v[i].key));
		pl_rowset_str(rs, pl_option_source_name(v[i].source));
	}
	pl_arena_free(&a);
	*out = rs;
	return 0;
}

static const struct pl_rowset_col tag_cols[] = {
	{ "tag_name", PL_COL_STRING, 0 },
	{ "snapshot_id", PL_COL_INT64, 0 },
	{ "schema_id", PL_COL_INT64, 0 },
	{ "commit_time", PL_COL_TIME, 0 },
	{ "record_count", PL_COL_INT64, 0 },
	{ "create_time", PL_COL_TIME, PL_COLF_WALL_CLOCK },
	{ "time_retained", PL_COL_STRING, 0 },
};

int pl_st_view_tags(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err)
{
	struct pl_arena a;
	struct pl_tag *tags;
	size_t n;
	pl_arena_init(&a, 0);
	if (pl_tag_list(t->st, t->branch_path, &a, &tags, &n, err)) {
		pl_arena_free(&a);
		return -1;
	}
	struct pl_rowset *rs = pl_rowset_new("tags", tag_cols, N_COLS(tag_cols));
	for (size_t i = 0; i < n; i++) {
		const struct pl_snapshot *s = tags[i].snap;
		/* Unlike the browser's list, a system table has no place for
		 * one row's error: a tag that does not read fails the view. */
		if (!s) {
			pl_err(err, tags[i].error_code, "%s", tags[i].error);
			pl_rowset_free(rs);
			pl_arena_free(&a);
			return -1;
		}
		pl_rowset_row(rs);
		pl_rowset_str(rs, tags[i].name);
		pl_rowset_i64(rs, s->id);
		pl_rowset_i64(rs, s->schema_id);
		pl_rowset_time(rs, s->time_millis);
		pl_rowset_opt_i64(rs, s->total_record_count.present, s->total_record_count.v);
		if (s->has_tag_create_time)
			pl_rowset_time(rs, s->tag_create_time_ms);
		else
			pl_rowset_null(rs);
		if (s->tag_time_retained) {
			struct pl_strbuf sb = PL_STRBUF_INIT;
			pl_st_duration_string(&sb, s->tag_time_retained);
			pl_rowset_str(rs, sb.buf ? sb.buf : "");
			pl_strbuf_free(&sb);
		} else {
			pl_rowset_null(rs);
		}
	}
	pl_rowset_sort(rs, by_first_col, NULL);
	pl_arena_free(&a);
	*out = rs;
	return 0;
}

static const struct pl_rowset_col branch_cols[] = {
	{ "branch_name", PL_COL_STRING, 0 },
	{ "create_time", PL_COL_TIME, 0 },
};

int pl_st_view_branches(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err)
{
	struct pl_arena a;
	const char **names;
	int64_t *mtimes;
	size_t n;
	pl_arena_init(&a, 0);
	const char *dir = pl_arena_printf(&a, "%s/branch", t->table_path);
	if (pl_st_list_names(t->st, dir, "branch-", 1, &a, &names, &mtimes, &n, err)) {
		pl_arena_free(&a);
		return -1;
	}
	struct pl_rowset *rs = pl_rowset_new("branches", branch_cols, N_COLS(branch_cols));
	for (size_t i = 0; i < n; i++) {
		pl_rowset_row(rs);
		pl_rowset_str(rs, names[i]);
		/* Object stores have no directory times: unknown. */
		if (mtimes[i] >= 0)
			pl_rowset_time(rs, mtimes[i]);
		else
			pl_rowset_null(rs);
	}
	pl_rowset_sort(rs, by_first_col, NULL);
	pl_arena_free(&a);
	*out = rs;
	return 0;
}

static const struct pl_rowset_col consumer_cols[] = {
	{ "consumer_id", PL_COL_STRING, 0 },
	{ "next_snapshot_id", PL_COL_INT64, 0 },
};

static int read_json(struct pl_storage *st, const char *path, size_t cap, struct pl_arena *a,
		     struct pl_json **out, struct pl_error *err)
{
	struct pl_buf buf = { 0 };
	if (pl_storage_read(st, path, cap, &buf, err))
		return -1;
	int rc = pl_json_parse((const char *)buf.data, buf.len, path, a, out, err);
	pl_buf_free(&buf);
	if (!rc && (*out)->kind != PL_JSON_OBJECT)
		return pl_err_corrupt(err, path, 0, "expected a JSON object");
	return rc;
}

int pl_st_view_consumers(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err)
{
	struct pl_arena a;
	struct pl_consumer *c;
	size_t n;
	pl_arena_init(&a, 0);
	if (pl_consumer_list(t->st, t->branch_path, &a, &c, &n, err)) {
		pl_arena_free(&a);
		return -1;
	}
	struct pl_rowset *rs = pl_rowset_new("consumers", consumer_cols, N_COLS(consumer_cols));
	for (size_t i = 0; i < n; i++) {
		if (c[i].error) {
			pl_err(err, c[i].error_code, "%s", c[i].error);
			pl_rowset_free(rs);
			pl_arena_free(&a);
			return -1;
		}
		pl_rowset_row(rs);
		pl_rowset_str(rs, c[i].id);
		pl_rowset_i64(rs, c[i].next_snapshot);
	}
	pl_arena_free(&a);
	*out = rs;
	return 0;
}

static const struct pl_rowset_col statistics_cols[] = {
	{ "snapshot_id", PL_COL_INT64, 0 },
	{ "schema_id", PL_COL_INT64, 0 },
	{ "mergedRecordCount", PL_COL_INT64, 0 },
	{ "mergedRecordSize", PL_COL_INT64, 0 },
	{ "colstat", PL_COL_STRING, 0 },
};

int pl_st_view_statistics(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err)
{
	struct pl_rowset *rs = pl_rowset_new("statistics", statistics_cols,
					     N_COLS(statistics_cols));
	if (!t->snap || !t->snap->statistics) {
		*out = rs;
		return 0;
	}
	struct pl_arena a;
	struct pl_json *root;
	pl_arena_init(&a, 0);
	const char *path = pl_arena_printf(&a, "%s/statistics/%s", t->table_path,
					   t->snap->statistics);
	if (read_json(t->st, path, STATISTICS_CAP, &a, &root, err)) {
		if (err->code == PL_ERR_NOT_FOUND)
			err->code = PL_ERR_CORRUPT; /* the snapshot names it */
		goto fail;
	}
	int64_t snapshot_id, schema_id, count, size;
	int has_count = pl_json_get_i64(root, "mergedRecordCount", &count);
	int has_size = pl_json_get_i64(root, "mergedRecordSize", &size);
	if (pl_json_get_i64(root, "snapshotId", &snapshot_id) != 1 ||
	    pl_json_get_i64(root, "schemaId", &schema_id) != 1 || has_count < 0 || has_size < 0) {
		pl_err_corrupt(err, path, 0,
			       "expected integers snapshotId, schemaId, mergedRecordCount/Size");
		goto fail;
	}
	const struct pl_json *cs = pl_json_get(root, "colStats");
	pl_rowset_row(rs);
	pl_rowset_i64(rs, snapshot_id);
	pl_rowset_i64(rs, schema_id);
	pl_rowset_opt_i64(rs, has_count == 1, count);
	pl_rowset_opt_i64(rs, has_size == 1, size);
	if (cs && cs->kind != PL_JSON_NULL) {
		struct pl_strbuf sb = PL_STRBUF_INIT;
		pl_st_json_pretty(&sb, cs, 0);
		pl_rowset_str(rs, sb.buf);
		pl_strbuf_free(&sb);
	} else {
		pl_rowset_null(rs);
	}
	pl_arena_free(&a);
	*out = rs;
	return 0;
fail:
	pl_rowset_free(rs);
	pl_arena_free(&a);
	return -1;
}
