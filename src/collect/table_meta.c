/* The governance record's view of one table, read through the shared
 * metadata readers (paimon/table.h): this file only chooses what to read
 * and projects it onto the structs the facets use. Snapshot ids come from
 * one listing, never from the LATEST/EARLIEST hints, which may be stale
 * (format-metadata.md §4.6). */
#include <stdlib.h>
#include <string.h>

#include "collect/table_meta.h"
#include "paimon/fileset_source.h"
#include "paimon/table.h"
#include "util/alloc.h"

/* The record wants milliseconds; a tagTimeRetained the shared reader could
 * not turn into them (out of range) was always refused here. */
static int project_snapshot(const struct pl_snapshot *s, const char *file,
			    struct pl_cm_snapshot *out, struct pl_error *err)
{
	if (s->tag_time_retained && !s->tag_time_retained_ms.present)
		return pl_err_corrupt(err, file, 0,
				      "expected \"tagTimeRetained\" as decimal seconds");
	*out = (struct pl_cm_snapshot){
		.id = s->id,
		.schema_id = s->schema_id,
		.base_manifest_list = s->base_manifest_list,
		.base_manifest_list_size = s->base_manifest_list_size,
		.delta_manifest_list = s->delta_manifest_list,
		.delta_manifest_list_size = s->delta_manifest_list_size,
		.changelog_manifest_list = s->changelog_manifest_list,
		.changelog_manifest_list_size = s->changelog_manifest_list_size,
		.index_manifest = s->index_manifest,
		.commit_kind = s->commit_kind,
		.time_millis = s->time_millis,
		.total_record_count = s->total_record_count,
		.delta_record_count = s->delta_record_count,
		.changelog_record_count = s->changelog_record_count,
		.watermark = s->watermark,
		.statistics = s->statistics,
		.tag_create_time = { .present = s->has_tag_create_time,
				     .v = s->tag_create_time_ms },
		.tag_time_retained_ms = s->tag_time_retained_ms,
	};
	return 0;
}

int pl_cm_snapshot_parse(const char *json, size_t len, const char *file,
			 struct pl_arena *arena, struct pl_cm_snapshot *out, struct pl_error *err)
{
	struct pl_snapshot s;
	memset(out, 0, sizeof(*out));
	if (pl_snapshot_parse(json, len, file, arena, &s, err))
		return -1;
	return project_snapshot(&s, file, out, err);
}

static char *snapshot_path(struct pl_cm_table *t, int64_t id)
{
	return pl_arena_printf(&t->arena, "%s/snapshot/snapshot-%lld", t->branch_path,
			       (long long)id);
}

static int load_schemas(struct pl_cm_table *t, struct pl_error *err)
{
	const struct pl_schema *const *schemas;
	size_t n;
	if (pl_table_schemas(t->handle, &schemas, &n, err))
		return -1;
	if (!n)
		return pl_err(err, PL_ERR_NOT_FOUND, "%s: no schema files (not a Paimon table)",
			      t->branch_path);
	/* The facets take non-const schemas; nothing writes through them. */
	t->schemas = pl_arena_alloc(&t->arena, n * sizeof(*t->schemas));
	for (size_t i = 0; i < n; i++)
		t->schemas[i] = (struct pl_schema *)schemas[i];
	t->nschemas = n;
	t->latest_schema = t->schemas[n - 1];
	t->schema = t->latest_schema;
	return 0;
}

static struct pl_schema *schema_by_id(struct pl_cm_table *t, int64_t id)
{
	for (size_t i = 0; i < t->nschemas; i++)
		if (t->schemas[i]->id == id)
			return t->schemas[i];
	return NULL;
}

static int choose_snapshot(struct pl_cm_table *t, const struct pl_cm_select *sel,
			   struct pl_error *err)
{
	const char *path;
	int rc;
	if (sel->tag) {
		const struct pl_tag *tag;
		t->tag = pl_arena_strdup(&t->arena, sel->tag);
		path = pl_arena_printf(&t->arena, "%s/tag/tag-%s", t->branch_path, sel->tag);
		rc = pl_table_tag(t->handle, sel->tag, &tag, err);
		if (rc == 0)
			t->raw_snap = tag->snap;
		else if (err->code == PL_ERR_NOT_FOUND)
			pl_err(err, PL_ERR_NOT_FOUND, "no tag %s", sel->tag);
	} else {
		int64_t id;
		if (sel->has_snapshot)
			id = sel->snapshot_id;
		else if (t->n_snapshot_ids)
			id = t->snapshot_ids[t->n_snapshot_ids - 1];
		else
			return 0;
		path = snapshot_path(t, id);
		rc = pl_table_snapshot(t->handle, id, &t->raw_snap, err);
		if (rc && err->code == PL_ERR_NOT_FOUND)
			pl_err(err, PL_ERR_NOT_FOUND, "no snapshot %lld", (long long)id);
	}
	if (rc)
		return -1;
	t->snap = pl_arena_alloc(&t->arena, sizeof(*t->snap));
	if (project_snapshot(t->raw_snap, path, t->snap, err))
		return -1;
	struct pl_schema *s = schema_by_id(t, t->snap->schema_id);
	if (!s)
		return pl_err_corrupt(err, path, 0, "schemaId %lld names no schema file",
				      (long long)t->snap->schema_id);
	t->schema = s;
	return 0;
}

/* Newest first; a snapshot expired between the listing and the read is
 * left out, a corrupt one fails the record. */
static int load_recent(struct pl_cm_table *t, size_t max_recent, struct pl_error *err)
{
	size_t want = t->n_snapshot_ids < max_recent ? t->n_snapshot_ids : max_recent;
	const struct pl_snapshot_slot *slots;
	size_t n;
	if (!want)
		return 0;
	if (pl_table_snapshots(t->handle, want, &slots, &n, err))
		return -1;
	t->recent = pl_arena_alloc(&t->arena, n * sizeof(*t->recent));
	for (size_t k = n; k-- > 0;) {
		const struct pl_snapshot_slot *slot = &slots[k];
		if (!slot->snap) {
			if (slot->err.code == PL_ERR_NOT_FOUND)
				continue;
			*err = slot->err;
			return -1;
		}
		if (project_snapshot(slot->snap, snapshot_path(t, slot->id),
				     &t->recent[t->n_recent], err))
			return -1;
		t->n_recent++;
	}
	return 0;
}

/* The record lists refs in full: one that does not parse fails it rather
 * than silently shrinking the counts. */
static int load_refs(struct pl_cm_table *t, struct pl_error *err)
{
	const struct pl_tag *tags;
	size_t n;
	if (pl_table_tags(t->handle, &tags, &n, err))
		return -1;
	if (n)
		t->tags = pl_arena_alloc(&t->arena, n * sizeof(*t->tags));
	for (size_t i = 0; i < n; i++) {
		if (!tags[i].snap)
			return pl_err(err, tags[i].error_code, "%s", tags[i].error);
		t->tags[i].name = tags[i].name;
		char *path = pl_arena_printf(&t->arena, "%s/tag/tag-%s", t->branch_path,
					     tags[i].name);
		if (project_snapshot(tags[i].snap, path, &t->tags[i].snap, err))
			return -1;
	}
	t->ntags = n;

	const struct pl_branch *branches;
	if (pl_table_branches(t->handle, &branches, &n, err))
		return -1;
	if (n)
		t->branches = pl_arena_alloc(&t->arena, n * sizeof(*t->branches));
	for (size_t i = 0; i < n; i++)
		t->branches[i] = branches[i].name;
	t->nbranches = n;

	const struct pl_consumer *consumers;
	if (pl_table_consumers(t->handle, &consumers, &n, err))
		return -1;
	if (n)
		t->consumers = pl_arena_alloc(&t->arena, n * sizeof(*t->consumers));
	for (size_t i = 0; i < n; i++) {
		if (consumers[i].error)
			return pl_err(err, consumers[i].error_code, "%s", consumers[i].error);
		t->consumers[i].id = consumers[i].id;
		t->consumers[i].next_snapshot = consumers[i].next_snapshot;
	}
	t->nconsumers = n;
	return 0;
}

static int setup_path_spec(struct pl_cm_table *t, struct pl_error *err)
{
	if (pl_path_spec_of_schema(t->schema, t->table_path, &t->arena, &t->spec, err))
		return -1;
	t->partition_types = (const struct pl_dtype **)t->spec.partition_types;
	return 0;
}

static int load_statistics(struct pl_cm_table *t, struct pl_error *err)
{
	const struct pl_statistics *stats;
	if (!t->raw_snap)
		return 0;
	if (pl_table_statistics(t->handle, t->raw_snap, &stats, err)) {
		/* Statistics are optional: a missing file leaves the count unknown. */
		if (err->code == PL_ERR_NOT_FOUND) {
			pl_err_clear(err);
			return 0;
		}
		return -1;
	}
	if (stats)
		t->merged_record_count = stats->merged_record_count;
	return 0;
}

const char *pl_cm_option(const struct pl_cm_table *t, const char *key, const char *def)
{
	const char *v = pl_schema_option(t->schema, key);
	return v ? v : def;
}

static int load_fileset(struct pl_cm_table *t, struct pl_error *err)
{
	if (!t->raw_snap)
		return 0;
	struct pl_fileset_source src;
	pl_fileset_source_of(t->raw_snap, 1, &src);
	if (pl_snapshot_manifest_lists(t->raw_snap, err) ||
	    pl_fileset_load(t->st, t->table_path, &src, &t->fs, err)) {
		pl_err_prefix(err, "snapshot %lld", (long long)t->raw_snap->id);
		return -1;
	}
	return 0;
}

int pl_cm_load(struct pl_storage *st, const char *table_path, const struct pl_cm_select *sel,
	       size_t max_recent, struct pl_cm_table **out, struct pl_error *err)
{
	static const struct pl_cm_select latest;
	if (!sel)
		sel = &latest;
	struct pl_cm_table *t = pl_calloc(1, sizeof(*t));
	pl_arena_init(&t->arena, 0);
	t->st = st;
	t->table_path = pl_arena_strdup(&t->arena, table_path);
	if (pl_table_open_path(st, table_path, sel->branch, &t->handle, err))
		goto fail;
	t->branch = pl_table_branch(t->handle);
	t->branch_path = pl_table_branch_root(t->handle);
	if (load_schemas(t, err) ||
	    pl_table_snapshot_ids(t->handle, &t->snapshot_ids, &t->n_snapshot_ids, err) ||
	    choose_snapshot(t, sel, err) || load_recent(t, max_recent, err) ||
	    load_refs(t, err) || setup_path_spec(t, err) || load_statistics(t, err) ||
	    load_fileset(t, err))
		goto fail;
	*out = t;
	return 0;
fail:
	if (err->code == PL_ERR_LIMIT)
		err->code = PL_ERR_CORRUPT;
	pl_cm_free(t);
	return -1;
}

void pl_cm_free(struct pl_cm_table *t)
{
	if (!t)
		return;
	if (t->fs)
		pl_fileset_free(t->fs);
	pl_table_close(t->handle);
	pl_arena_free(&t->arena);
	free(t);
}

int pl_cm_probe(struct pl_storage *st, const char *table_path, int64_t *snapshot_id,
		int64_t *schema_id, struct pl_error *err)
{
	int64_t *ids;
	size_t n;
	char *dir = pl_path_join_dup(table_path, PL_SNAPSHOT_DIR);
	int rc = pl_versioned_list_ids(st, dir, PL_SNAPSHOT_PREFIX, &ids, &n, err);
	free(dir);
	if (rc)
		return -1;
	*snapshot_id = n ? ids[n - 1] : -1;
	free(ids);
	if (pl_schema_list_ids(st, table_path, &ids, &n, err))
		return -1;
	*schema_id = n ? ids[n - 1] : -1;
	free(ids);
	if (*schema_id < 0)
		return pl_err(err, PL_ERR_NOT_FOUND, "%s: no schema files (not a Paimon table)",
			      table_path);
	return 0;
}
