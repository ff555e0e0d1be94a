/* Opening a table for the views: branch, schema, snapshot selection (time
 * travel), the lazily loaded live file set, and partition rendering shared
 * by several views. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "paimon/binrow.h"
#include "paimon/catalog.h"
#include "paimon/systables_internal.h"
#include "util/alloc.h"

const char *const pl_systable_views[] = {
	"overview", "schema", "schemas", "snapshots", "partitions", "buckets", "files",
	"manifests", "tags", "branches", "consumers", "options", "statistics", "indexes",
	NULL,
};

static const pl_st_view_fn view_fns[] = {
	pl_st_view_overview, pl_st_view_schema, pl_st_view_schemas, pl_st_view_snapshots,
	pl_st_view_partitions, pl_st_view_buckets, pl_st_view_files, pl_st_view_manifests,
	pl_st_view_tags, pl_st_view_branches, pl_st_view_consumers, pl_st_view_options,
	pl_st_view_statistics, pl_st_view_indexes,
};

const char *pl_st_option(const struct pl_schema *s, const char *key, const char *def)
{
	const char *v = s ? pl_schema_option(s, key) : NULL;
	return v ? v : def;
}

static int is_true(const char *v)
{
	return v && strcasecmp(v, "true") == 0;
}

/* Partition key types and the data path rules from the schema in use. */
static int setup_spec(struct pl_systables *t, struct pl_error *err)
{
	const struct pl_schema *s = t->schema;
	size_t n = s->npartition_keys;
	t->partition_types = pl_arena_alloc(&t->arena, (n ? n : 1) * sizeof(*t->partition_types));
	for (size_t i = 0; i < n; i++) {
		const struct pl_dfield *f = pl_schema_field_by_name(s, s->partition_keys[i]);
		if (!f)
			return pl_err(err, PL_ERR_CORRUPT,
				      "%s: schema %" PRId64 ": partition key '%s' is not a column",
				      t->name, s->id, s->partition_keys[i]);
		t->partition_types[i] = f->type;
	}
	struct pl_path_spec *sp = &t->spec;
	sp->table_root = t->table_path;
	sp->data_file_path_directory = pl_schema_option(s, "data-file.path-directory");
	sp->n_partition_keys = n;
	sp->partition_keys = s->partition_keys;
	sp->partition_types = t->partition_types;
	sp->default_partition_name = pl_schema_option(s, "partition.default-name");
	sp->legacy_partition_name = !pl_schema_option(s, "partition.legacy-name") ||
				    is_true(pl_schema_option(s, "partition.legacy-name"));
	sp->index_file_in_data_dir = is_true(pl_schema_option(s, "index-file-in-data-file-dir"));
	return 0;
}

static int select_snapshot(struct pl_systables *t, const struct pl_table_selector *sel,
			   struct pl_error *err)
{
	const char *path = NULL;
	if (sel && sel->tag) {
		path = pl_arena_printf(&t->arena, "%s/tag/tag-%s", t->branch_path, sel->tag);
		t->tag = pl_arena_strdup(&t->arena, sel->tag);
	} else if (sel && sel->has_snapshot) {
		path = pl_arena_printf(&t->arena, "%s/snapshot/snapshot-%" PRId64, t->branch_path,
				       sel->snapshot_id);
	} else if (t->n_snapshot_ids) {
		path = pl_arena_printf(&t->arena, "%s/snapshot/snapshot-%" PRId64, t->branch_path,
				       t->snapshot_ids[t->n_snapshot_ids - 1]);
	} else {
		return 0;
	}
	t->snap = pl_arena_alloc(&t->arena, sizeof(*t->snap));
	if (pl_snapshot_read(t->st, path, &t->arena, t->snap, err)) {
		if (err && err->code == PL_ERR_NOT_FOUND) {
			if (sel && sel->tag)
				return pl_err(err, PL_ERR_NOT_FOUND, "%s: no tag '%s'", t->name, sel->tag);
			if (sel && sel->has_snapshot)
				return pl_err(err, PL_ERR_NOT_FOUND, "%s: no snapshot %" PRId64,
					      t->name, sel->snapshot_id);
		}
		return -1;
	}
	return 0;
}

int pl_systables_open(struct pl_storage *st, const char *table_path, const char *name,
		      const struct pl_table_selector *sel, struct pl_systables **out,
		      struct pl_error *err)
{
	struct pl_systables *t = pl_calloc(1, sizeof(*t));
	pl_arena_init(&t->arena, 0);
	t->st = st;
	t->name = pl_arena_strdup(&t->arena, name);
	t->table_path = pl_arena_strdup(&t->arena, table_path);
	t->branch = "main";
	t->branch_path = t->table_path;
	*out = NULL;

	int64_t *ids = NULL;
	size_t nids = 0;
	if (pl_schema_list_ids(st, table_path, &ids, &nids, err))
		goto fail;
	free(ids);
	if (!nids) {
		if (!pl_catalog_not_a_table(st, table_path, err))
			pl_err(err, PL_ERR_NOT_FOUND, "no table %s (%s has no schema)", name,
			       table_path);
		goto fail;
	}
	if (sel && sel->branch && strcmp(sel->branch, "main") != 0) {
		t->branch = pl_arena_strdup(&t->arena, sel->branch);
		t->branch_path = pl_arena_printf(&t->arena, "%s/branch/branch-%s", table_path,
						 sel->branch);
		if (pl_schema_list_ids(st, t->branch_path, &ids, &nids, err))
			goto fail;
		free(ids);
		if (!nids) {
			pl_err(err, PL_ERR_NOT_FOUND, "%s: no branch '%s'", name, sel->branch);
			goto fail;
		}
	}
	if (pl_schema_load_latest(st, t->branch_path, &t->arena, &t->latest_schema, err))
		goto fail;
	if (pl_versioned_list_ids(st, pl_arena_printf(&t->arena, "%s/snapshot", t->branch_path),
				  PL_SNAPSHOT_PREFIX, &t->snapshot_ids, &t->n_snapshot_ids, err))
		goto fail;
	if (select_snapshot(t, sel, err))
		goto fail;
	t->schema = t->latest_schema;
	if (t->snap && t->snap->schema_id != t->latest_schema->id &&
	    pl_st_schema_by_id(t, t->snap->schema_id, &t->schema, err))
		goto fail;
	if (setup_spec(t, err))
		goto fail;
	*out = t;
	return 0;
fail:
	pl_systables_close(t);
	return -1;
}

void pl_systables_close(struct pl_systables *t)
{
	if (!t)
		return;
	pl_fileset_free(t->fs);
	free(t->snapshot_ids);
	free(t->schema_cache);
	free(t->schema_cache_ids);
	pl_arena_free(&t->arena);
	free(t);
}

int pl_systable_build(struct pl_systables *t, const char *view, struct pl_rowset **out,
		      struct pl_error *err)
{
	*out = NULL;
	for (size_t i = 0; pl_systable_views[i]; i++)
		if (strcmp(view, pl_systable_views[i]) == 0)
			return view_fns[i](t, out, err);
	return pl_err(err, PL_ERR_USAGE, "unknown view '%s'", view);
}

int pl_st_schema_by_id(struct pl_systables *t, int64_t id, struct pl_schema **out,
		       struct pl_error *err)
{
	if (t->latest_schema && t->latest_schema->id == id) {
		*out = t->latest_schema;
		return 0;
	}
	for (size_t i = 0; i < t->n_schema_cache; i++) {
		if (t->schema_cache_ids[i] == id) {
			*out = t->schema_cache[i];
			return 0;
		}
	}
	struct pl_schema *s;
	if (pl_schema_load(t->st, t->branch_path, id, &t->arena, &s, err)) {
		if (err && err->code == PL_ERR_NOT_FOUND)
			err->code = PL_ERR_CORRUPT; /* referenced, so it must exist */
		return -1;
	}
	t->schema_cache = pl_reallocarray(t->schema_cache, t->n_schema_cache + 1,
					  sizeof(*t->schema_cache));
	t->schema_cache_ids = pl_reallocarray(t->schema_cache_ids, t->n_schema_cache + 1,
					      sizeof(*t->schema_cache_ids));
	t->schema_cache[t->n_schema_cache] = s;
	t->schema_cache_ids[t->n_schema_cache++] = id;
	*out = s;
	return 0;
}

int pl_st_fileset(struct pl_systables *t, const struct pl_fileset **out, struct pl_error *err)
{
	*out = NULL;
	if (!t->snap)
		return 0;
	if (!t->fs) {
		if (pl_snapshot_manifest_lists(t->snap, err))
			return pl_err_prefix(err, "%s", t->name);
		struct pl_fileset_source src;
		memset(&src, 0, sizeof(src));
		src.base_manifest_list = t->snap->base_manifest_list;
		src.base_manifest_list_size = t->snap->base_manifest_list_size.present ?
			(uint64_t)t->snap->base_manifest_list_size.v : 0;
		src.delta_manifest_list = t->snap->delta_manifest_list;
		src.delta_manifest_list_size = t->snap->delta_manifest_list_size.present ?
			(uint64_t)t->snap->delta_manifest_list_size.v : 0;
		src.changelog_manifest_list = t->snap->changelog_manifest_list;
		src.changelog_manifest_list_size = t->snap->changelog_manifest_list_size.present ?
			(uint64_t)t->snap->changelog_manifest_list_size.v : 0;
		src.index_manifest = t->snap->index_manifest;
		if (pl_fileset_load(t->st, t->table_path, &src, &t->fs, err)) {
			/* The snapshot names these files: one missing is a
			 * broken table, not a wrong argument. */
			if (err && err->code == PL_ERR_NOT_FOUND)
				err->code = PL_ERR_CORRUPT;
			return pl_err_prefix(err, "%s: snapshot %" PRId64, t->name, t->snap->id);
		}
		if (pl_fileset_resolve_dv(t->fs, t->st, &t->spec, err))
			return pl_err_prefix(err, "%s: deletion vectors", t->name);
	}
	*out = t->fs;
	return 0;
}

/* Calls fn for each partition key with its decoded value. */
typedef void (*partition_fn)(struct pl_strbuf *sb, size_t i, const char *key,
			     const struct pl_datum *d, const struct pl_dtype *type, void *ctx);

static int each_partition_value(struct pl_systables *t, const struct pl_blob *p,
				struct pl_strbuf *sb, partition_fn fn, void *ctx,
				struct pl_error *err)
{
	size_t n = t->spec.n_partition_keys;
	if (n == 0)
		return 0;
	struct pl_binrow r;
	if (!p->p || pl_binrow_open(p->p, p->n, "partition", 0, &r, err))
		return pl_err(err, PL_ERR_CORRUPT, "%s: unreadable partition row", t->name);
	if ((size_t)r.arity != n)
		return pl_err(err, PL_ERR_CORRUPT,
			      "%s: partition row has %" PRId32 " fields, expected %zu",
			      t->name, r.arity, n);
	for (size_t i = 0; i < n; i++) {
		struct pl_datum d;
		if (pl_binrow_get(&r, (int32_t)i, t->partition_types[i], &d, err))
			return -1;
		fn(sb, i, t->spec.partition_keys[i], &d, t->partition_types[i], ctx);
	}
	return 0;
}

static void cast_one(struct pl_strbuf *sb, size_t i, const char *key, const struct pl_datum *d,
		     const struct pl_dtype *type, void *ctx)
{
	(void)key;
	(void)ctx;
	if (i)
		pl_strbuf_addstr(sb, ", ");
	pl_datum_render(d, type, PL_RENDER_CAST, sb);
}

int pl_st_partition_cast(struct pl_systables *t, const struct pl_blob *p, struct pl_strbuf *sb,
			 struct pl_error *err)
{
	pl_strbuf_addch(sb, '{');
	if (each_partition_value(t, p, sb, cast_one, NULL, err))
		return -1;
	pl_strbuf_addch(sb, '}');
	return 0;
}

static void spec_one(struct pl_strbuf *sb, size_t i, const char *key, const struct pl_datum *d,
		     const struct pl_dtype *type, void *ctx)
{
	const char *def = ctx;
	if (i)
		pl_strbuf_addch(sb, '/');
	pl_strbuf_addf(sb, "%s=", key);
	if (d->kind == PL_D_NULL)
		pl_strbuf_addstr(sb, def);
	else
		pl_datum_render(d, type, PL_RENDER_CAST, sb);
}

int pl_st_partition_spec(struct pl_systables *t, const struct pl_blob *p, struct pl_strbuf *sb,
			 struct pl_error *err)
{
	const char *def = pl_st_option(t->schema, "partition.default-name", "__DEFAULT_PARTITION__");
	if (sb->buf == NULL)
		pl_strbuf_addstr(sb, "");
	return each_partition_value(t, p, sb, spec_one, (void *)def, err);
}

static void values_one(struct pl_strbuf *sb, size_t i, const char *key, const struct pl_datum *d,
		       const struct pl_dtype *type, void *ctx)
{
	(void)ctx;
	if (i)
		pl_strbuf_addch(sb, ',');
	pl_json_add_string(sb, key);
	pl_strbuf_addch(sb, ':');
	if (d->kind == PL_D_NULL) {
		pl_strbuf_addstr(sb, "null");
		return;
	}
	struct pl_strbuf v = PL_STRBUF_INIT;
	pl_datum_render(d, type, PL_RENDER_CAST, &v);
	pl_json_add_string(sb, v.buf ? v.buf : "");
	pl_strbuf_free(&v);
}

int pl_st_partition_values(struct pl_systables *t, const struct pl_blob *p, struct pl_strbuf *sb,
			   struct pl_error *err)
{
	pl_strbuf_addch(sb, '{');
	if (each_partition_value(t, p, sb, values_one, NULL, err))
		return -1;
	pl_strbuf_addch(sb, '}');
	return 0;
}

void pl_st_json_string_array(struct pl_strbuf *sb, const char *const *items, size_t n)
{
	pl_strbuf_addch(sb, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			pl_strbuf_addch(sb, ',');
		pl_json_add_string(sb, items[i]);
	}
	pl_strbuf_addch(sb, ']');
}
