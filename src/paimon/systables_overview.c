/* The overview of one table (a single object) and the catalog listings
 * behind `ls`. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/catalog.h"
#include "paimon/consumer.h"
#include "paimon/options.h"
#include "paimon/systables_internal.h"
#include "paimon/tag.h"
#include "util/alloc.h"

#define N_COLS(a) (sizeof(a) / sizeof((a)[0]))

static const struct pl_rowset_col overview_cols[] = {
	{ "table", PL_COL_STRING, 0 },
	{ "path", PL_COL_STRING, 0 },
	{ "branch", PL_COL_STRING, 0 },
	{ "table_kind", PL_COL_STRING, 0 },
	{ "table_type", PL_COL_STRING, 0 },
	{ "schema_id", PL_COL_INT64, 0 },
	{ "snapshot_id", PL_COL_INT64, 0 },
	{ "tag", PL_COL_STRING, 0 },
	{ "earliest_snapshot_id", PL_COL_INT64, 0 },
	{ "latest_snapshot_id", PL_COL_INT64, 0 },
	{ "snapshot_count", PL_COL_INT64, 0 },
	{ "commit_kind", PL_COL_STRING, 0 },
	{ "commit_time", PL_COL_TIME, 0 },
	{ "total_record_count", PL_COL_INT64, 0 },
	{ "record_count", PL_COL_INT64, 0 },
	{ "deleted_record_count", PL_COL_INT64, 0 },
	{ "file_count", PL_COL_INT64, 0 },
	{ "file_size_in_bytes", PL_COL_INT64, 0 },
	{ "partition_count", PL_COL_INT64, 0 },
	{ "bucket_count", PL_COL_INT64, 0 },
	{ "bucket", PL_COL_INT64, 0 },
	{ "primary_keys", PL_COL_JSON, 0 },
	{ "partition_keys", PL_COL_JSON, 0 },
	{ "bucket_keys", PL_COL_JSON, 0 },
	{ "file_format", PL_COL_STRING, 0 },
	{ "comment", PL_COL_STRING, 0 },
	{ "avg_file_size", PL_COL_INT64, 0 },
	{ "small_file_count", PL_COL_INT64, 0 },
	{ "small_file_threshold", PL_COL_INT64, 0 },
	{ "last_data_commit", PL_COL_TIME, 0 },
	{ "last_ddl_time", PL_COL_TIME, 0 },
	{ "pinned_by", PL_COL_JSON, 0 },
};

/* Compactions rewrite files but change no data: "when did data last
 * land" needs the newest APPEND or OVERWRITE at or before the snapshot in
 * focus. A streaming table compacts often, so the walk is bounded; past
 * the bound the answer is unknown rather than slow. */
#define LAST_DATA_COMMIT_SCAN 64

static int last_data_commit(struct pl_systables *t, int *found, int64_t *time_ms,
			    struct pl_error *err)
{
	*found = 0;
	if (!t->snap)
		return 0;
	if (t->snap->kind == PL_COMMIT_APPEND || t->snap->kind == PL_COMMIT_OVERWRITE) {
		*found = 1;
		*time_ms = t->snap->time_millis;
		return 0;
	}
	size_t scanned = 0;
	int rc = 0;
	char *dir = pl_path_join_dup(t->branch_path, PL_SNAPSHOT_DIR);
	for (size_t i = t->n_snapshot_ids; i-- > 0 && scanned < LAST_DATA_COMMIT_SCAN;) {
		int64_t id = t->snapshot_ids[i];
		if (id >= t->snap->id)
			continue;
		struct pl_arena a;
		struct pl_snapshot snap;
		pl_arena_init(&a, 0);
		scanned++;
		rc = pl_snapshot_load(t->st, dir, PL_SNAPSHOT_PREFIX, id, &a, &snap, err);
		if (rc) {
			pl_arena_free(&a);
			/* Expired while we walked: older ones are gone too. */
			if (err->code == PL_ERR_NOT_FOUND) {
				pl_err_clear(err);
				rc = 0;
			}
			break;
		}
		int data = snap.kind == PL_COMMIT_APPEND || snap.kind == PL_COMMIT_OVERWRITE;
		int64_t when = snap.time_millis;
		pl_arena_free(&a);
		if (data) {
			*found = 1;
			*time_ms = when;
			break;
		}
	}
	free(dir);
	return rc;
}

/* Tags and consumers holding a snapshot older than the latest keep its
 * files from expiring: [{"kind":"tag","name":..,"snapshot_id":N}, ...]. */
static int pinned_by(struct pl_systables *t, struct pl_strbuf *sb, struct pl_error *err)
{
	size_t n = t->n_snapshot_ids;
	pl_strbuf_addstr(sb, "[");
	if (n == 0) {
		pl_strbuf_addstr(sb, "]");
		return 0;
	}
	int64_t latest = t->snapshot_ids[n - 1];
	struct pl_arena a;
	pl_arena_init(&a, 0);
	struct pl_tag *tags;
	struct pl_consumer *cons;
	size_t ntags, ncons, k = 0;
	if (pl_tag_list(t->st, t->branch_path, &a, &tags, &ntags, err) ||
	    pl_consumer_list(t->st, t->branch_path, &a, &cons, &ncons, err)) {
		pl_arena_free(&a);
		return -1;
	}
	for (size_t i = 0; i < ntags; i++) {
		if (!tags[i].snap || tags[i].snap->id >= latest)
			continue;
		pl_strbuf_addf(sb, "%s{\"kind\":\"tag\",\"name\":", k++ ? "," : "");
		pl_json_add_string(sb, tags[i].name);
		pl_strbuf_addf(sb, ",\"snapshot_id\":%" PRId64 "}", tags[i].snap->id);
	}
	for (size_t i = 0; i < ncons; i++) {
		if (cons[i].error || cons[i].next_snapshot >= latest)
			continue;
		pl_strbuf_addf(sb, "%s{\"kind\":\"consumer\",\"name\":", k++ ? "," : "");
		pl_json_add_string(sb, cons[i].id);
		pl_strbuf_addf(sb, ",\"snapshot_id\":%" PRId64 "}", cons[i].next_snapshot);
	}
	pl_strbuf_addstr(sb, "]");
	pl_arena_free(&a);
	return 0;
}

static int parse_int_option(const char *v, int64_t *out)
{
	char *end;
	if (!v || !*v)
		return -1;
	errno = 0;
	long long x = strtoll(v, &end, 10);
	while (*end == ' ')
		end++;
	if (errno || *end)
		return -1;
	*out = x;
	return 0;
}

int pl_st_view_overview(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err)
{
	const struct pl_fileset *fs = NULL;
	/* A hand-written tag may name no manifest lists (Java does not
	 * require them): the overview still shows it, its file stats unknown. */
	int files_known = !t->snap || pl_snapshot_manifest_lists(t->snap, NULL) == 0;
	if (files_known && pl_st_fileset(t, &fs, err))
		return -1;
	const struct pl_schema *s = t->schema;
	struct pl_rowset *rs = pl_rowset_new("overview", overview_cols, N_COLS(overview_cols));
	struct pl_strbuf sb = PL_STRBUF_INIT;
	rs->single_object = 1;
	pl_rowset_row(rs);
	pl_rowset_str(rs, t->name);
	char *shown = pl_storage_display(t->st, t->branch_path);
	pl_rowset_str(rs, shown);
	free(shown);
	pl_rowset_str(rs, t->branch);
	pl_rowset_str(rs, pl_schema_is_primary_key_table(s) ? "primary-key" : "append");
	pl_rowset_str(rs, pl_st_option(s, "type", "table"));
	pl_rowset_i64(rs, s->id);
	pl_rowset_opt_i64(rs, t->snap != NULL, t->snap ? t->snap->id : 0);
	pl_rowset_str(rs, t->tag);
	size_t n = t->n_snapshot_ids;
	pl_rowset_opt_i64(rs, n > 0, n ? t->snapshot_ids[0] : 0);
	pl_rowset_opt_i64(rs, n > 0, n ? t->snapshot_ids[n - 1] : 0);
	pl_rowset_i64(rs, (int64_t)n);
	pl_rowset_str(rs, t->snap ? t->snap->commit_kind : NULL);
	if (t->snap)
		pl_rowset_time(rs, t->snap->time_millis);
	else
		pl_rowset_null(rs);
	if (t->snap)
		pl_rowset_opt_i64(rs, t->snap->total_record_count.present,
				  t->snap->total_record_count.v);
	else
		pl_rowset_null(rs);

	/* A table never written holds nothing: zeros, not unknowns. */
	int64_t deleted = 0;
	int deleted_known = 1;
	for (size_t i = 0; fs && i < fs->n_files; i++) {
		struct pl_live_dv dv = pl_live_file_dv(fs, &fs->files[i]);
		if (dv.state == PL_DV_KNOWN)
			deleted += dv.deleted_rows;
		else if (dv.state == PL_DV_UNKNOWN)
			deleted_known = 0;
	}
	pl_rowset_opt_i64(rs, files_known, fs ? fs->total_record_count : 0);
	pl_rowset_opt_i64(rs, files_known && deleted_known, deleted);
	pl_rowset_opt_i64(rs, files_known, fs ? (int64_t)fs->n_files : 0);
	pl_rowset_opt_i64(rs, files_known, fs ? fs->total_file_size : 0);
	pl_rowset_opt_i64(rs, files_known, fs ? (int64_t)fs->n_partitions : 0);
	pl_rowset_opt_i64(rs, files_known, fs ? (int64_t)fs->n_buckets : 0);

	int64_t bucket;
	if (parse_int_option(pl_st_option(s, "bucket", "-1"), &bucket) == 0)
		pl_rowset_i64(rs, bucket);
	else
		pl_rowset_null(rs);
	pl_st_json_string_array(&sb, s->primary_keys, s->nprimary_keys);
	pl_rowset_json(rs, sb.buf);
	pl_strbuf_reset(&sb);
	pl_st_json_string_array(&sb, s->partition_keys, s->npartition_keys);
	pl_rowset_json(rs, sb.buf);
	pl_strbuf_reset(&sb);
	pl_st_json_string_array(&sb, s->bucket_keys, s->nbucket_keys);
	pl_rowset_json(rs, sb.buf);
	pl_rowset_str(rs, pl_st_option(s, "file.format", "parquet"));
	pl_rowset_str(rs, s->comment);

	int64_t threshold = pl_option_small_file_threshold(s), small = 0;
	for (size_t i = 0; fs && i < fs->n_files; i++)
		small += pl_live_file_size(&fs->files[i]) < threshold;
	int has_files = files_known && fs && fs->n_files > 0;
	pl_rowset_opt_i64(rs, has_files,
			  has_files ? fs->total_file_size / (int64_t)fs->n_files : 0);
	pl_rowset_opt_i64(rs, files_known, small);
	pl_rowset_i64(rs, threshold);
	int found;
	int64_t when = 0;
	pl_strbuf_reset(&sb);
	if (last_data_commit(t, &found, &when, err) || pinned_by(t, &sb, err)) {
		pl_strbuf_free(&sb);
		pl_rowset_free(rs);
		return -1;
	}
	if (found)
		pl_rowset_time(rs, when);
	else
		pl_rowset_null(rs);
	const struct pl_schema *ls = t->latest_schema ? t->latest_schema : s;
	if (ls->has_time_millis)
		pl_rowset_time(rs, ls->time_millis);
	else
		pl_rowset_null(rs);
	pl_rowset_json(rs, sb.buf);
	pl_strbuf_free(&sb);
	*out = rs;
	return 0;
}

static const struct pl_rowset_col database_cols[] = {
	{ "database_name", PL_COL_STRING, 0 },
};

int pl_systable_databases(struct pl_storage *st, struct pl_rowset **out, struct pl_error *err)
{
	struct pl_listing l;
	if (pl_storage_list(st, st->root, &l, err)) {
		if (err->code == PL_ERR_NOT_FOUND)
			return pl_err(err, PL_ERR_NOT_FOUND, "no warehouse at %s", st->uri);
		return -1;
	}
	struct pl_rowset *rs = pl_rowset_new("databases", database_cols, N_COLS(database_cols));
	for (size_t i = 0; i < l.n; i++) {
		const char *name = l.items[i].name;
		size_t len = strlen(name);
		if (!l.items[i].is_dir || name[0] == '.' || len <= 3 ||
		    strcmp(name + len - 3, ".db") != 0)
			continue;
		pl_rowset_row(rs);
		pl_rowset_strn(rs, name, len - 3);
	}
	pl_listing_free(&l);
	*out = rs;
	return 0;
}

static const struct pl_rowset_col table_cols[] = {
	{ "table_name", PL_COL_STRING, 0 },
	{ "table_kind", PL_COL_STRING, 0 },
	{ "partition_keys", PL_COL_JSON, 0 },
	{ "primary_keys", PL_COL_JSON, 0 },
	{ "latest_snapshot_id", PL_COL_INT64, 0 },
	{ "record_count", PL_COL_INT64, 0 },
	{ "file_size_in_bytes", PL_COL_INT64, 0 },
	{ "file_count", PL_COL_INT64, 0 },
	{ "last_commit_time", PL_COL_TIME, 0 },
	{ "error", PL_COL_STRING, 0 },
};

/* One table's row; a table that cannot be read gets its error in the
 * "error" column so the rest of the database still lists. */
static void table_row(struct pl_storage *st, const char *db, const char *dir,
		      const char *name, struct pl_rowset *rs)
{
	struct pl_error err;
	struct pl_systables *t;
	const struct pl_fileset *fs = NULL;
	struct pl_strbuf sb = PL_STRBUF_INIT;
	char *path = pl_path_join_dup(dir, name);
	char *full = pl_malloc(strlen(db) + strlen(name) + 2);
	sprintf(full, "%s.%s", db, name);
	pl_err_clear(&err);
	pl_rowset_row(rs);
	pl_rowset_str(rs, name);
	int rc = pl_systables_open(st, path, full, NULL, &t, &err);
	if (!rc) {
		const struct pl_schema *s = t->schema;
		pl_rowset_str(rs, pl_schema_is_primary_key_table(s) ? "primary-key" : "append");
		pl_st_json_string_array(&sb, s->partition_keys, s->npartition_keys);
		pl_rowset_json(rs, sb.buf);
		pl_strbuf_reset(&sb);
		pl_st_json_string_array(&sb, s->primary_keys, s->nprimary_keys);
		pl_rowset_json(rs, sb.buf);
		rc = pl_st_fileset(t, &fs, &err);
		if (!rc && t->snap) {
			pl_rowset_i64(rs, t->snap->id);
			pl_rowset_i64(rs, fs->total_record_count);
			pl_rowset_i64(rs, fs->total_file_size);
			pl_rowset_i64(rs, (int64_t)fs->n_files);
			pl_rowset_time(rs, t->snap->time_millis);
		} else if (!rc) {
			pl_rowset_null(rs);
			pl_rowset_i64(rs, 0);
			pl_rowset_i64(rs, 0);
			pl_rowset_i64(rs, 0);
			pl_rowset_null(rs);
		}
		pl_systables_close(t);
	}
	if (rc) {
		/* Rewrite the row: only the name and the error. */
		rs->cursor = 1;
		for (size_t c = 1; c + 1 < rs->ncols; c++)
			pl_rowset_null(rs);
		pl_rowset_str(rs, err.msg[0] ? err.msg : "unreadable");
	} else {
		pl_rowset_null(rs);
	}
	pl_strbuf_free(&sb);
	free(path);
	free(full);
}

int pl_systable_tables(struct pl_storage *st, const char *database, struct pl_rowset **out,
		       struct pl_error *err)
{
	struct pl_arena a;
	struct pl_catalog_table *tables;
	size_t n;
	pl_arena_init(&a, 0);
	/* Every folder is a row, from one listing: one that is no table gets
	 * the reason in its error column when its row opens it (catalog.h). */
	if (pl_catalog_list_tables(st, st->root, database, &a, &tables, &n, err)) {
		if (err->code == PL_ERR_NOT_FOUND)
			pl_err(err, PL_ERR_NOT_FOUND, "no database '%s'", database);
		pl_arena_free(&a);
		return -1;
	}
	char *dir = pl_catalog_database_path(&a, st->root, database);
	struct pl_rowset *rs = pl_rowset_new("tables", table_cols, N_COLS(table_cols));
	for (size_t i = 0; i < n; i++)
		table_row(st, database, dir, tables[i].name, rs);
	pl_arena_free(&a);
	*out = rs;
	return 0;
}
