/* paimonLens_partitions, _snapshots, _refs, _storage and _view: the state
 * of the chosen snapshot and what keeps old data alive. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "collect/facets.h"
#include "collect/health_facet.h"
#include "collect/record.h"
#include "paimon/binrow.h"
#include "paimon/options.h"
#include "util/alloc.h"

int pl_facet_partition(const struct pl_facet_ctx *c, const struct pl_blob *p, char **spec,
		       cJSON **values, struct pl_error *err)
{
	const struct pl_cm_table *t = c->t;
	const struct pl_schema *s = t->schema;
	struct pl_binrow r;
	if (pl_binrow_open(p->p, p->n, "partition", 0, &r, err))
		return -1;
	if ((size_t)r.arity != s->npartition_keys)
		return pl_err_corrupt(err, "partition", 0, "expected %zu partition fields, got %d",
				      s->npartition_keys, (int)r.arity);
	const char *dflt = pl_cm_option(t, "partition.default-name", "__DEFAULT_PARTITION__");
	struct pl_strbuf sb = PL_STRBUF_INIT, val = PL_STRBUF_INIT;
	*values = cJSON_CreateObject();
	for (size_t i = 0; i < s->npartition_keys; i++) {
		struct pl_datum d;
		if (pl_binrow_get(&r, (int32_t)i, t->partition_types[i], &d, err)) {
			pl_strbuf_free(&sb);
			pl_strbuf_free(&val);
			cJSON_Delete(*values);
			return -1;
		}
		pl_strbuf_reset(&val);
		if (d.kind == PL_D_NULL)
			pl_strbuf_addstr(&val, dflt);
		else
			pl_datum_render(&d, t->partition_types[i], PL_RENDER_CAST, &val);
		pl_strbuf_addf(&sb, "%s%s=%s", i ? "/" : "", s->partition_keys[i],
			       pl_strbuf_str(&val));
		cJSON_AddItemToObject(*values, s->partition_keys[i],
				      d.kind == PL_D_NULL ? cJSON_CreateNull()
							  : cJSON_CreateString(pl_strbuf_str(&val)));
	}
	pl_strbuf_free(&val);
	*spec = pl_strbuf_detach(&sb);
	return 0;
}

struct partition_item {
	char *spec;
	cJSON *item;
};

static int by_spec_desc(const void *a, const void *b)
{
	const struct partition_item *x = a, *y = b;
	return strcmp(y->spec, x->spec);
}

static int add_partitions(const struct pl_facet_ctx *c, cJSON *facets, struct pl_error *err)
{
	const struct pl_cm_table *t = c->t;
	const struct pl_fileset *fs = t->fs;
	size_t n = fs && t->schema->npartition_keys ? fs->n_partitions : 0;
	struct partition_item *items = pl_calloc(n ? n : 1, sizeof(*items));
	for (size_t i = 0; i < n; i++) {
		const struct pl_partition_stat *ps = &fs->partitions[i];
		cJSON *values;
		if (pl_facet_partition(c, &ps->partition, &items[i].spec, &values, err)) {
			for (size_t k = 0; k < i; k++) {
				free(items[k].spec);
				cJSON_Delete(items[k].item);
			}
			free(items);
			return -1;
		}
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "partition", items[i].spec);
		cJSON_AddItemToObject(o, "values", values);
		pl_record_add_i64(o, "recordCount", ps->record_count);
		pl_record_add_i64(o, "fileSizeInBytes", ps->file_size);
		pl_record_add_i64(o, "fileCount", ps->file_count);
		/* _CREATION_TIME is the writer's wall clock, shown as UTC. */
		if (ps->last_update_time.present)
			pl_record_add_time(o, "lastUpdateTime", ps->last_update_time.v);
		else
			cJSON_AddNullToObject(o, "lastUpdateTime");
		pl_record_add_opt_i64(o, "deletedRecordCount", ps->deleted_record_count.present,
				      ps->deleted_record_count.v);
		items[i].item = o;
	}
	if (n)
		qsort(items, n, sizeof(*items), by_spec_desc);
	cJSON *f = pl_facet_lens(c, "PaimonLensPartitionsDatasetFacet");
	pl_record_add_opt_i64(f, "snapshotId", t->snap != NULL, t->snap ? t->snap->id : 0);
	pl_record_add_i64(f, "total", (int64_t)n);
	cJSON_AddBoolToObject(f, "truncated", n > c->max_items);
	cJSON *arr = cJSON_AddArrayToObject(f, "items");
	for (size_t i = 0; i < n; i++) {
		if (i < c->max_items)
			cJSON_AddItemToArray(arr, items[i].item);
		else
			cJSON_Delete(items[i].item);
		free(items[i].spec);
	}
	free(items);
	cJSON_AddItemToObject(facets, "paimonLens_partitions", f);
	return 0;
}

static cJSON *snapshot_object(const struct pl_cm_snapshot *s)
{
	cJSON *o = cJSON_CreateObject();
	pl_record_add_i64(o, "snapshotId", s->id);
	pl_record_add_i64(o, "schemaId", s->schema_id);
	pl_record_add_str(o, "commitKind", s->commit_kind);
	pl_record_add_time(o, "commitTime", s->time_millis);
	pl_record_add_opt_i64(o, "totalRecordCount", s->total_record_count.present,
			      s->total_record_count.v);
	pl_record_add_opt_i64(o, "deltaRecordCount", s->delta_record_count.present,
			      s->delta_record_count.v);
	pl_record_add_opt_i64(o, "changelogRecordCount", s->changelog_record_count.present,
			      s->changelog_record_count.v);
	/* Long.MIN_VALUE is Paimon's "no watermark yet". */
	pl_record_add_opt_i64(o, "watermark",
			      s->watermark.present && s->watermark.v != INT64_MIN, s->watermark.v);
	return o;
}

static void add_snapshots(const struct pl_facet_ctx *c, cJSON *facets)
{
	const struct pl_cm_table *t = c->t;
	size_t n = t->n_snapshot_ids;
	cJSON *f = pl_facet_lens(c, "PaimonLensSnapshotsDatasetFacet");
	cJSON_AddStringToObject(f, "branch", t->branch);
	pl_record_add_str(f, "tag", t->tag);
	pl_record_add_opt_i64(f, "selectedSnapshotId", t->snap != NULL, t->snap ? t->snap->id : 0);
	pl_record_add_opt_i64(f, "earliestSnapshotId", n > 0, n ? t->snapshot_ids[0] : 0);
	pl_record_add_opt_i64(f, "latestSnapshotId", n > 0, n ? t->snapshot_ids[n - 1] : 0);
	pl_record_add_i64(f, "retainedCount", (int64_t)n);
	/* Ids are contiguous unless expiration was interrupted. */
	int64_t gaps = 0;
	if (n)
		gaps = (t->snapshot_ids[n - 1] - t->snapshot_ids[0] + 1) - (int64_t)n;
	pl_record_add_i64(f, "missingIdCount", gaps);
	size_t shown = t->n_recent < c->max_items ? t->n_recent : c->max_items;
	cJSON_AddBoolToObject(f, "truncated", shown < n);
	cJSON *recent = cJSON_AddArrayToObject(f, "recent");
	for (size_t i = 0; i < shown; i++)
		cJSON_AddItemToArray(recent, snapshot_object(&t->recent[i]));
	cJSON_AddItemToObject(facets, "paimonLens_snapshots", f);
}

/* Java's Duration.toString: hours, minutes, seconds, no days. */
static void java_duration(struct pl_strbuf *sb, int64_t ms)
{
	if (ms < 0) {
		pl_record_iso_duration(sb, ms);
		return;
	}
	int64_t h = ms / 3600000, mi = ms / 60000 % 60, s = ms / 1000 % 60, frac = ms % 1000;
	pl_strbuf_addstr(sb, "PT");
	if (!ms) {
		pl_strbuf_addstr(sb, "0S");
		return;
	}
	if (h)
		pl_strbuf_addf(sb, "%lldH", (long long)h);
	if (mi)
		pl_strbuf_addf(sb, "%lldM", (long long)mi);
	if (s || frac) {
		pl_strbuf_addf(sb, "%lld", (long long)s);
		if (frac) {
			char buf[8];
			snprintf(buf, sizeof(buf), ".%03lld", (long long)frac);
			size_t n = strlen(buf);
			while (buf[n - 1] == '0')
				buf[--n] = '\0';
			pl_strbuf_addstr(sb, buf);
		}
		pl_strbuf_addch(sb, 'S');
	}
}

static void add_refs(const struct pl_facet_ctx *c, cJSON *facets)
{
	const struct pl_cm_table *t = c->t;
	size_t cap = c->max_items;
	cJSON *f = pl_facet_lens(c, "PaimonLensRefsDatasetFacet");
	pl_record_add_i64(f, "tagCount", (int64_t)t->ntags);
	pl_record_add_i64(f, "branchCount", (int64_t)t->nbranches);
	pl_record_add_i64(f, "consumerCount", (int64_t)t->nconsumers);
	cJSON_AddBoolToObject(f, "truncated",
			      t->ntags > cap || t->nbranches > cap || t->nconsumers > cap);
	cJSON *tags = cJSON_AddArrayToObject(f, "tags");
	for (size_t i = 0; i < t->ntags && i < cap; i++) {
		const struct pl_cm_tag *tag = &t->tags[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", tag->name);
		pl_record_add_i64(o, "snapshotId", tag->snap.id);
		if (tag->snap.tag_create_time.present)
			pl_record_add_time(o, "createTime", tag->snap.tag_create_time.v);
		else
			cJSON_AddNullToObject(o, "createTime");
		if (tag->snap.tag_time_retained_ms.present) {
			struct pl_strbuf sb = PL_STRBUF_INIT;
			java_duration(&sb, tag->snap.tag_time_retained_ms.v);
			cJSON_AddStringToObject(o, "timeRetained", pl_strbuf_str(&sb));
			pl_strbuf_free(&sb);
		} else {
			cJSON_AddNullToObject(o, "timeRetained");
		}
		cJSON_AddItemToArray(tags, o);
	}
	cJSON *branches = cJSON_AddArrayToObject(f, "branches");
	for (size_t i = 0; i < t->nbranches && i < cap; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", t->branches[i]);
		cJSON_AddItemToArray(branches, o);
	}
	cJSON *consumers = cJSON_AddArrayToObject(f, "consumers");
	for (size_t i = 0; i < t->nconsumers && i < cap; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "consumerId", t->consumers[i].id);
		pl_record_add_i64(o, "nextSnapshotId", t->consumers[i].next_snapshot);
		cJSON_AddItemToArray(consumers, o);
	}
	cJSON_AddItemToObject(facets, "paimonLens_refs", f);
}

struct level_count {
	int32_t level;
	int64_t count;
};

static int by_level(const void *a, const void *b)
{
	const struct level_count *x = a, *y = b;
	return x->level < y->level ? -1 : x->level > y->level;
}

static void add_storage(const struct pl_facet_ctx *c, cJSON *facets)
{
	const struct pl_cm_table *t = c->t;
	const struct pl_fileset *fs = t->fs;
	int pk = pl_schema_is_primary_key_table(t->schema);
	cJSON *f = pl_facet_lens(c, "PaimonLensStorageDatasetFacet");
	cJSON_AddStringToObject(f, "recordCountKind", pk ? "physical-unmerged" : "physical");
	pl_record_add_opt_i64(f, "mergedRecordCount", t->merged_record_count.present,
			      t->merged_record_count.v);
	pl_record_add_i64(f, "dataFiles", fs ? (int64_t)fs->n_files : 0);
	pl_record_add_i64(f, "dataBytes", fs ? fs->total_file_size : 0);

	/* Levels are few (0..max level); a small sorted table suffices. */
	struct level_count *levels = NULL;
	size_t nlevels = 0, cap = 0;
	int64_t target = pl_option_parse_size(pl_cm_option(t, "target-file-size",
							   pk ? "128 mb" : "256 mb"));
	if (target < 0)
		target = (int64_t)(pk ? 128 : 256) << 20;
	int64_t threshold = target / 4, small = 0, small_bytes = 0;
	for (size_t i = 0; fs && i < fs->n_files; i++) {
		const struct pl_live_file *m = &fs->files[i];
		size_t k;
		for (k = 0; k < nlevels && levels[k].level != pl_live_level(m); k++)
			;
		if (k == nlevels) {
			PL_GROW(levels, cap, nlevels + 1);
			levels[nlevels++] = (struct level_count){ pl_live_level(m), 0 };
		}
		levels[k].count++;
		if (pl_live_file_size(m) < threshold) {
			small++;
			small_bytes += pl_live_file_size(m);
		}
	}
	if (nlevels)
		qsort(levels, nlevels, sizeof(*levels), by_level);
	cJSON *hist = cJSON_AddObjectToObject(f, "levelHistogram");
	for (size_t k = 0; k < nlevels; k++) {
		char key[16];
		snprintf(key, sizeof(key), "%d", (int)levels[k].level);
		pl_record_add_i64(hist, key, levels[k].count);
	}
	free(levels);
	cJSON *sf = cJSON_AddObjectToObject(f, "smallFiles");
	pl_record_add_i64(sf, "thresholdBytes", threshold);
	pl_record_add_i64(sf, "count", small);
	pl_record_add_i64(sf, "bytes", small_bytes);
	pl_record_add_i64(f, "manifestFiles", fs ? (int64_t)fs->manifests.n : 0);
	int64_t dv_files = 0, index_files = 0;
	for (size_t i = 0; fs && i < fs->index.n; i++) {
		const struct pl_index_manifest_entry *e = &fs->index.items[i];
		index_files++;
		if (e->index_type && strcmp(e->index_type, "DELETION_VECTORS") == 0)
			dv_files++;
	}
	pl_record_add_i64(f, "indexFiles", index_files);
	pl_record_add_i64(f, "deletionVectorIndexFiles", dv_files);
	pl_record_add_i64(f, "changelogFiles", fs ? (int64_t)fs->changelog.n : 0);
	cJSON *orphans = cJSON_AddObjectToObject(f, "orphanCandidates");
	cJSON_AddFalseToObject(orphans, "scanned");
	cJSON *missing = cJSON_AddObjectToObject(f, "missingFiles");
	cJSON_AddFalseToObject(missing, "scanned");
	if (c->health)
		pl_health_fill_storage_facet(c->health, f, c->max_items);
	cJSON_AddItemToObject(facets, "paimonLens_storage", f);
}

int pl_facets_state(const struct pl_facet_ctx *c, cJSON *facets, struct pl_error *err)
{
	if (add_partitions(c, facets, err))
		return -1;
	add_snapshots(c, facets);
	add_refs(c, facets);
	add_storage(c, facets);
	return 0;
}

/* Option maps rendered as text (the schemas view) lose their secrets. */
static cJSON *text_cell(const char *s, int raw)
{
	char *redacted = pl_record_redact_json_text(s);
	cJSON *j;
	if (redacted)
		j = raw ? cJSON_CreateRaw(redacted) : cJSON_CreateString(redacted);
	else
		j = raw ? cJSON_CreateRaw(s) : cJSON_CreateString(s);
	free(redacted);
	return j;
}

static cJSON *cell_json(const struct pl_rowset *rs, size_t row, size_t col)
{
	const struct pl_cell *cell = pl_rowset_cell(rs, row, col);
	if (cell->is_null)
		return cJSON_CreateNull();
	switch (rs->cols[col].kind) {
	case PL_COL_STRING:
		return text_cell(cell->u.s, 0);
	case PL_COL_JSON:
		/* Views render these texts themselves, escaped. */
		return text_cell(cell->u.s, 1);
	case PL_COL_INT64:
	case PL_COL_TIME:
		return pl_record_i64(cell->u.i);
	case PL_COL_DOUBLE:
		return isfinite(cell->u.d) ? cJSON_CreateNumber(cell->u.d) : cJSON_CreateNull();
	case PL_COL_BOOL:
		return cJSON_CreateBool(cell->u.b);
	}
	return cJSON_CreateNull();
}

void pl_facet_view(const struct pl_facet_ctx *c, const struct pl_export_view *v, cJSON *facets)
{
	const struct pl_rowset *rs = v->rows;
	const struct pl_cm_table *t = c->t;
	cJSON *f = pl_facet_lens(c, "PaimonLensViewDatasetFacet");
	cJSON_AddStringToObject(f, "view", rs->name ? rs->name : "");
	pl_record_add_opt_i64(f, "snapshotId", t->snap != NULL, t->snap ? t->snap->id : 0);
	cJSON_AddStringToObject(f, "branch", t->branch);
	pl_record_add_str(f, "filter", v->filter);
	pl_record_add_str(f, "sort", v->sort);
	cJSON *cols = cJSON_AddArrayToObject(f, "columns");
	for (size_t i = 0; i < rs->ncols; i++)
		cJSON_AddItemToArray(cols, cJSON_CreateString(rs->cols[i].name));
	cJSON *rows = cJSON_AddArrayToObject(f, "rows");
	size_t shown = rs->nrows < c->max_items ? rs->nrows : c->max_items;
	/* A row naming a secret option (the options view) is left out. */
	int key_col = pl_rowset_col_index(rs, "key");
	size_t dropped = 0;
	for (size_t r = 0; r < shown; r++) {
		const struct pl_cell *key = key_col >= 0 ?
			pl_rowset_cell(rs, r, (size_t)key_col) : NULL;
		if (key && !key->is_null && rs->cols[key_col].kind == PL_COL_STRING &&
		    pl_record_is_secret_key(key->u.s)) {
			dropped++;
			continue;
		}
		cJSON *o = cJSON_CreateObject();
		for (size_t k = 0; k < rs->ncols; k++)
			cJSON_AddItemToObject(o, rs->cols[k].name, cell_json(rs, r, k));
		cJSON_AddItemToArray(rows, o);
	}
	size_t total = v->total > rs->nrows ? v->total : rs->nrows;
	pl_record_add_i64(f, "total", (int64_t)(total - dropped));
	cJSON_AddBoolToObject(f, "truncated", shown < total);
	cJSON_AddItemToObject(facets, "paimonLens_view", f);
}
