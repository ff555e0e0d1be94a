/* statistics/stat-*: parsing and loading. */
#include "paimon/statistics.h"
#include "paimon/meta_json.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

/* min/max are strings; accept a bare scalar too, as Jackson would. */
static int get_bound(struct pl_meta_doc *d, const struct pl_json *obj, const char *key,
		     const char **out)
{
	const struct pl_json *v = pl_json_get(obj, key);
	if (v && (v->kind == PL_JSON_NUMBER || v->kind == PL_JSON_BOOL)) {
		*out = v->kind == PL_JSON_NUMBER ? v->str : v->b ? "true" : "false";
		return 0;
	}
	return pl_meta_opt_str(d, obj, key, out);
}

static int parse_col(struct pl_meta_doc *d, const char *column, const struct pl_json *v,
		     struct pl_col_stats *c)
{
	if (v->kind != PL_JSON_OBJECT)
		return pl_err_corrupt(d->err, d->file, v->offset,
				      "expected an object for the statistics of column \"%s\"",
				      column);
	c->column = column;
	return pl_meta_req_i64(d, v, "colId", &c->col_id) ||
	       pl_meta_opt_i64(d, v, "distinctCount", &c->distinct_count) ||
	       get_bound(d, v, "min", &c->min) || get_bound(d, v, "max", &c->max) ||
	       pl_meta_opt_i64(d, v, "nullCount", &c->null_count) ||
	       pl_meta_opt_i64(d, v, "avgLen", &c->avg_len) ||
	       pl_meta_opt_i64(d, v, "maxLen", &c->max_len) ? -1 : 0;
}

int pl_statistics_parse(const char *json, size_t len, const char *file, struct pl_arena *arena,
			struct pl_statistics *out, struct pl_error *err)
{
	struct pl_meta_doc d;
	const struct pl_json *cols;
	memset(out, 0, sizeof(*out));
	if (pl_meta_doc_parse(&d, json, len, file, arena, err))
		return -1;
	if (pl_meta_req_i64(&d, d.root, "snapshotId", &out->snapshot_id) ||
	    pl_meta_req_i64(&d, d.root, "schemaId", &out->schema_id) ||
	    pl_meta_opt_i64(&d, d.root, "mergedRecordCount", &out->merged_record_count) ||
	    pl_meta_opt_i64(&d, d.root, "mergedRecordSize", &out->merged_record_size) ||
	    pl_meta_opt_obj(&d, d.root, "colStats", &cols))
		return -1;
	if (!cols)
		return 0;
	out->col_stats_json = cols;
	out->cols = pl_arena_alloc(arena, (cols->n ? cols->n : 1) * sizeof(*out->cols));
	for (size_t i = 0; i < cols->n; i++)
		if (parse_col(&d, cols->keys[i], cols->items[i], &out->cols[i]))
			return -1;
	out->ncols = cols->n;
	return 0;
}

int pl_statistics_load(struct pl_storage *st, const char *table_path, const char *name,
		       struct pl_arena *arena, struct pl_statistics *out, struct pl_error *err)
{
	char *dir = pl_path_join_dup(table_path, PL_STATISTICS_DIR);
	memset(out, 0, sizeof(*out));
	if (!*name || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		char *shown = pl_storage_display(st, dir);
		pl_err(err, PL_ERR_CORRUPT, "%s: \"%s\" is not a statistics file name", shown,
		       name);
		free(shown);
		free(dir);
		return -1;
	}
	char *path = pl_path_join_dup(dir, name), *shown;
	struct pl_buf buf;
	int rc = pl_meta_read(st, path, PL_STATISTICS_READ_CAP, &buf, &shown, err);
	if (rc == 0) {
		rc = pl_statistics_parse((const char *)buf.data, buf.len, shown, arena, out, err);
		pl_buf_free(&buf);
	}
	free(shown);
	free(path);
	free(dir);
	return rc;
}
