/* Reading the metadata of one table for the governance record. Listing a
 * folder once and deriving ids from it is always correct, where the
 * LATEST/EARLIEST hints may be stale (format-metadata.md §4.6). */
#include <stdlib.h>
#include <string.h>

#include "collect/table_meta.h"
#include "util/alloc.h"
#include "util/json.h"

/* Metadata JSON files are small; the cap keeps a hostile one bounded. */
#define META_READ_CAP ((size_t)16 << 20)
/* Tags, branches and consumers are listed in full; this bounds hostile
 * folders. */
#define MAX_REFS 100000
/* Every schema version is read for the history; real tables have dozens. */
#define MAX_SCHEMAS 10000

static int list_dir(struct pl_storage *st, const char *dir, struct pl_listing *l,
		    struct pl_error *err)
{
	memset(l, 0, sizeof(*l));
	if (pl_storage_list(st, dir, l, err) == 0)
		return 0;
	if (err->code == PL_ERR_NOT_FOUND) {
		pl_err_clear(err);
		memset(l, 0, sizeof(*l));
		return 0;
	}
	return -1;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int list_ids(struct pl_storage *st, const char *dir, const char *prefix, int64_t **ids,
		    size_t *n, struct pl_error *err)
{
	struct pl_listing l;
	*ids = NULL;
	*n = 0;
	if (list_dir(st, dir, &l, err))
		return -1;
	if (l.n)
		*ids = pl_reallocarray(NULL, l.n, sizeof(**ids));
	for (size_t i = 0; i < l.n; i++) {
		int ok;
		int64_t id = pl_versioned_name_id(l.items[i].name, prefix, &ok);
		if (ok && !l.items[i].is_dir)
			(*ids)[(*n)++] = id;
	}
	pl_listing_free(&l);
	if (*n)
		qsort(*ids, *n, sizeof(**ids), cmp_i64);
	return 0;
}

/* Names after prefix of files (dirs = 0) or folders (dirs = 1), sorted. */
static int list_names(struct pl_storage *st, const char *dir, const char *prefix, int dirs,
		      struct pl_arena *arena, const char ***names, size_t *n,
		      struct pl_error *err)
{
	struct pl_listing l;
	size_t plen = strlen(prefix);
	*names = NULL;
	*n = 0;
	if (list_dir(st, dir, &l, err))
		return -1;
	if (l.n > MAX_REFS) {
		pl_listing_free(&l);
		return pl_err(err, PL_ERR_LIMIT, "%s: more than %d entries", dir, MAX_REFS);
	}
	if (l.n)
		*names = pl_arena_alloc(arena, l.n * sizeof(**names));
	for (size_t i = 0; i < l.n; i++) {
		const struct pl_dirent *d = &l.items[i];
		if (!d->is_dir != !dirs || strncmp(d->name, prefix, plen) != 0 || !d->name[plen])
			continue;
		(*names)[(*n)++] = pl_arena_strdup(arena, d->name + plen);
	}
	pl_listing_free(&l);
	if (*n)
		qsort(*names, *n, sizeof(**names), cmp_str);
	return 0;
}

static void get_opt(const struct pl_json *o, const char *key, struct pl_opt_i64 *out,
		    int *bad)
{
	int rc = pl_json_get_i64(o, key, &out->v);
	out->present = rc == 1;
	if (rc < 0)
		*bad = 1;
}

/* Jackson's LocalDateTime array [y, m, d, h, mi(, s(, nanos))], read as a
 * UTC wall clock. */
static int local_datetime_ms(const struct pl_json *a, int64_t *out)
{
	if (!a || a->kind != PL_JSON_ARRAY || a->n < 5 || a->n > 7)
		return -1;
	int64_t v[7] = { 0 };
	for (size_t i = 0; i < a->n; i++) {
		if (a->items[i]->kind != PL_JSON_NUMBER || !a->items[i]->is_int)
			return -1;
		v[i] = a->items[i]->i;
	}
	if (v[0] < 0 || v[0] > 9999 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 ||
	    v[3] < 0 || v[3] > 23 || v[4] < 0 || v[4] > 59 || v[5] < 0 || v[5] > 60 ||
	    v[6] < 0 || v[6] > 999999999)
		return -1;
	int64_t y = v[0] - (v[1] <= 2);
	int64_t era = y / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (v[1] > 2 ? v[1] - 3 : v[1] + 9) + 2) / 5 + v[2] - 1;
	int64_t days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
	*out = days * 86400000 + v[3] * 3600000 + v[4] * 60000 + v[5] * 1000 + v[6] / 1000000;
	return 0;
}

/* Jackson's Duration: decimal seconds ("86400.000000000"). */
static int decimal_seconds_ms(const struct pl_json *j, int64_t *out)
{
	if (!j || j->kind != PL_JSON_NUMBER || !j->str)
		return -1;
	const char *p = j->str;
	int neg = *p == '-';
	if (neg)
		p++;
	int64_t secs = 0;
	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9') {
		if (secs > 9223372036854LL)   /* the result must fit in ms */
			return -1;
		secs = secs * 10 + (*p++ - '0');
	}
	int64_t ms = 0;
	if (*p == '.') {
		p++;
		for (int k = 0; k < 3 && *p >= '0' && *p <= '9'; k++, p++)
			ms += (*p - '0') * (k == 0 ? 100 : k == 1 ? 10 : 1);
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p)
		return -1;
	*out = (secs * 1000 + ms) * (neg ? -1 : 1);
	return 0;
}

int pl_cm_snapshot_parse(const char *json, size_t len, const char *file,
			 struct pl_arena *arena, struct pl_cm_snapshot *out, struct pl_error *err)
{
	struct pl_json *j;
	memset(out, 0, sizeof(*out));
	if (pl_json_parse(json, len, file, arena, &j, err))
		return -1;
	if (j->kind != PL_JSON_OBJECT)
		return pl_err_corrupt(err, file, 0, "expected a snapshot object");
	int bad = 0;
	if (pl_json_get_i64(j, "id", &out->id) != 1)
		return pl_err_corrupt(err, file, j->offset, "expected an integer \"id\"");
	if (pl_json_get_i64(j, "schemaId", &out->schema_id) < 0)
		bad = 1;
	if (pl_json_get_i64(j, "timeMillis", &out->time_millis) != 1)
		return pl_err_corrupt(err, file, j->offset, "expected an integer \"timeMillis\"");
	out->base_manifest_list = pl_json_get_str(j, "baseManifestList");
	out->delta_manifest_list = pl_json_get_str(j, "deltaManifestList");
	out->changelog_manifest_list = pl_json_get_str(j, "changelogManifestList");
	out->index_manifest = pl_json_get_str(j, "indexManifest");
	out->commit_kind = pl_json_get_str(j, "commitKind");
	out->statistics = pl_json_get_str(j, "statistics");
	get_opt(j, "baseManifestListSize", &out->base_manifest_list_size, &bad);
	get_opt(j, "deltaManifestListSize", &out->delta_manifest_list_size, &bad);
	get_opt(j, "changelogManifestListSize", &out->changelog_manifest_list_size, &bad);
	get_opt(j, "totalRecordCount", &out->total_record_count, &bad);
	get_opt(j, "deltaRecordCount", &out->delta_record_count, &bad);
	get_opt(j, "changelogRecordCount", &out->changelog_record_count, &bad);
	get_opt(j, "watermark", &out->watermark, &bad);
	if (bad)
		return pl_err_corrupt(err, file, j->offset, "expected integer snapshot fields");
	if (!out->base_manifest_list || !out->delta_manifest_list)
		return pl_err_corrupt(err, file, j->offset,
				      "expected \"baseManifestList\" and \"deltaManifestList\"");
	const struct pl_json *ct = pl_json_get(j, "tagCreateTime");
	if (ct && ct->kind != PL_JSON_NULL) {
		if (local_datetime_ms(ct, &out->tag_create_time.v))
			return pl_err_corrupt(err, file, ct->offset,
					      "expected \"tagCreateTime\" as [y, m, d, h, mi, ...]");
		out->tag_create_time.present = 1;
	}
	const struct pl_json *tr = pl_json_get(j, "tagTimeRetained");
	if (tr && tr->kind != PL_JSON_NULL) {
		if (decimal_seconds_ms(tr, &out->tag_time_retained_ms.v))
			return pl_err_corrupt(err, file, tr->offset,
					      "expected \"tagTimeRetained\" as decimal seconds");
		out->tag_time_retained_ms.present = 1;
	}
	return 0;
}

static int read_json_file(struct pl_storage *st, const char *path, struct pl_buf *buf,
			  struct pl_error *err)
{
	memset(buf, 0, sizeof(*buf));
	return pl_storage_read(st, path, META_READ_CAP, buf, err);
}

static int load_snapshot(struct pl_cm_table *t, const char *path, struct pl_cm_snapshot *out,
			 struct pl_error *err)
{
	struct pl_buf buf;
	if (read_json_file(t->st, path, &buf, err))
		return -1;
	int rc = pl_cm_snapshot_parse((const char *)buf.data, buf.len, path, &t->arena, out, err);
	pl_buf_free(&buf);
	return rc;
}

static int load_schemas(struct pl_cm_table *t, struct pl_error *err)
{
	int64_t *ids;
	size_t n;
	if (pl_schema_list_ids(t->st, t->branch_path, &ids, &n, err))
		return -1;
	if (!n) {
		free(ids);
		return pl_err(err, PL_ERR_NOT_FOUND, "%s: no schema files (not a Paimon table)",
			      t->branch_path);
	}
	if (n > MAX_SCHEMAS) {
		free(ids);
		return pl_err(err, PL_ERR_LIMIT, "%s/schema: %zu schema files, more than %d",
			      t->branch_path, n, MAX_SCHEMAS);
	}
	t->schemas = pl_arena_alloc(&t->arena, n * sizeof(*t->schemas));
	for (size_t i = 0; i < n; i++) {
		if (pl_schema_load(t->st, t->branch_path, ids[i], &t->arena, &t->schemas[i],
				   err)) {
			free(ids);
			return -1;
		}
	}
	t->nschemas = n;
	free(ids);
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
	char *path = NULL;
	if (sel->tag) {
		path = pl_arena_printf(&t->arena, "%s/tag/tag-%s", t->branch_path, sel->tag);
		t->tag = pl_arena_strdup(&t->arena, sel->tag);
	} else if (sel->has_snapshot) {
		path = pl_arena_printf(&t->arena, "%s/snapshot/snapshot-%lld", t->branch_path,
				       (long long)sel->snapshot_id);
	} else if (t->n_snapshot_ids) {
		path = pl_arena_printf(&t->arena, "%s/snapshot/snapshot-%lld", t->branch_path,
				       (long long)t->snapshot_ids[t->n_snapshot_ids - 1]);
	}
	if (!path)
		return 0;
	t->snap = pl_arena_alloc(&t->arena, sizeof(*t->snap));
	if (load_snapshot(t, path, t->snap, err)) {
		if (err->code == PL_ERR_NOT_FOUND)
			pl_err(err, PL_ERR_NOT_FOUND, "no %s %s", sel->tag ? "tag" : "snapshot",
			       sel->tag ? sel->tag : pl_path_base(path) + 9);
		return -1;
	}
	struct pl_schema *s = schema_by_id(t, t->snap->schema_id);
	if (!s)
		return pl_err_corrupt(err, path, 0, "schemaId %lld names no schema file",
				      (long long)t->snap->schema_id);
	t->schema = s;
	return 0;
}

static int load_recent(struct pl_cm_table *t, size_t max_recent, struct pl_error *err)
{
	size_t want = t->n_snapshot_ids < max_recent ? t->n_snapshot_ids : max_recent;
	if (!want)
		return 0;
	t->recent = pl_arena_alloc(&t->arena, want * sizeof(*t->recent));
	for (size_t k = 0; k < want; k++) {
		int64_t id = t->snapshot_ids[t->n_snapshot_ids - 1 - k];
		char *path = pl_arena_printf(&t->arena, "%s/snapshot/snapshot-%lld",
					     t->branch_path, (long long)id);
		if (load_snapshot(t, path, &t->recent[t->n_recent], err)) {
			/* Expired between the listing and the read. */
			if (err->code == PL_ERR_NOT_FOUND) {
				pl_err_clear(err);
				continue;
			}
			return -1;
		}
		t->n_recent++;
	}
	return 0;
}

static int load_refs(struct pl_cm_table *t, struct pl_error *err)
{
	const char **names;
	size_t n;
	char *dir = pl_path_join(&t->arena, t->branch_path, "tag");
	if (list_names(t->st, dir, "tag-", 0, &t->arena, &names, &n, err))
		return -1;
	if (n)
		t->tags = pl_arena_alloc(&t->arena, n * sizeof(*t->tags));
	for (size_t i = 0; i < n; i++) {
		char *path = pl_arena_printf(&t->arena, "%s/tag-%s", dir, names[i]);
		struct pl_cm_tag *tag = &t->tags[t->ntags];
		tag->name = names[i];
		if (load_snapshot(t, path, &tag->snap, err)) {
			if (err->code == PL_ERR_NOT_FOUND) {
				pl_err_clear(err);
				continue;
			}
			return -1;
		}
		t->ntags++;
	}

	/* Branches live under the table itself, whatever branch is read. */
	dir = pl_path_join(&t->arena, t->table_path, "branch");
	if (list_names(t->st, dir, "branch-", 1, &t->arena, &t->branches, &t->nbranches, err))
		return -1;

	dir = pl_path_join(&t->arena, t->branch_path, "consumer");
	if (list_names(t->st, dir, "consumer-", 0, &t->arena, &names, &n, err))
		return -1;
	if (n)
		t->consumers = pl_arena_alloc(&t->arena, n * sizeof(*t->consumers));
	for (size_t i = 0; i < n; i++) {
		char *path = pl_arena_printf(&t->arena, "%s/consumer-%s", dir, names[i]);
		struct pl_buf buf;
		struct pl_json *j;
		if (read_json_file(t->st, path, &buf, err)) {
			if (err->code == PL_ERR_NOT_FOUND) {
				pl_err_clear(err);
				continue;
			}
			return -1;
		}
		int rc = pl_json_parse((const char *)buf.data, buf.len, path, &t->arena, &j, err);
		pl_buf_free(&buf);
		if (rc)
			return -1;
		struct pl_cm_consumer *c = &t->consumers[t->nconsumers];
		if (pl_json_get_i64(j, "nextSnapshot", &c->next_snapshot) != 1)
			return pl_err_corrupt(err, path, j->offset,
					      "expected an integer \"nextSnapshot\"");
		c->id = names[i];
		t->nconsumers++;
	}
	return 0;
}

static int setup_path_spec(struct pl_cm_table *t, struct pl_error *err)
{
	const struct pl_schema *s = t->schema;
	size_t nk = s->npartition_keys;
	t->partition_types = pl_arena_alloc(&t->arena, (nk ? nk : 1) * sizeof(*t->partition_types));
	for (size_t i = 0; i < nk; i++) {
		const struct pl_dfield *f = pl_schema_field_by_name(s, s->partition_keys[i]);
		if (!f)
			return pl_err_corrupt(err, t->branch_path, 0,
					      "partition key %s is no column of schema %lld",
					      s->partition_keys[i], (long long)s->id);
		t->partition_types[i] = f->type;
	}
	const char *legacy = pl_cm_option(t, "partition.legacy-name", "true");
	const char *in_data = pl_cm_option(t, "index-file-in-data-file-dir", "false");
	t->spec = (struct pl_path_spec){
		.table_root = t->table_path,
		.data_file_path_directory = pl_cm_option(t, "data-file.path-directory", NULL),
		.n_partition_keys = nk,
		.partition_keys = s->partition_keys,
		.partition_types = t->partition_types,
		.default_partition_name = pl_cm_option(t, "partition.default-name", NULL),
		.legacy_partition_name = strcmp(legacy, "false") != 0,
		.index_file_in_data_dir = strcmp(in_data, "true") == 0,
	};
	return 0;
}

static int load_statistics(struct pl_cm_table *t, struct pl_error *err)
{
	if (!t->snap || !t->snap->statistics)
		return 0;
	char *path = pl_arena_printf(&t->arena, "%s/statistics/%s", t->table_path,
				     t->snap->statistics);
	struct pl_buf buf;
	struct pl_json *j;
	if (read_json_file(t->st, path, &buf, err)) {
		/* Statistics are optional: a missing file leaves the count unknown. */
		if (err->code == PL_ERR_NOT_FOUND) {
			pl_err_clear(err);
			return 0;
		}
		return -1;
	}
	int rc = pl_json_parse((const char *)buf.data, buf.len, path, &t->arena, &j, err);
	pl_buf_free(&buf);
	if (rc)
		return -1;
	int got = pl_json_get_i64(j, "mergedRecordCount", &t->merged_record_count.v);
	if (got < 0)
		return pl_err_corrupt(err, path, j->offset, "expected an integer mergedRecordCount");
	t->merged_record_count.present = got == 1;
	return 0;
}

const char *pl_cm_option(const struct pl_cm_table *t, const char *key, const char *def)
{
	const char *v = pl_schema_option(t->schema, key);
	return v ? v : def;
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
	if (sel->branch && strcmp(sel->branch, "main") != 0) {
		t->branch = pl_arena_strdup(&t->arena, sel->branch);
		t->branch_path = pl_arena_printf(&t->arena, "%s/branch/branch-%s", table_path,
						 sel->branch);
	} else {
		t->branch = "main";
		t->branch_path = t->table_path;
	}
	char *snapdir = pl_path_join(&t->arena, t->branch_path, "snapshot");
	if (load_schemas(t, err) ||
	    list_ids(st, snapdir, "snapshot-", &t->snapshot_ids, &t->n_snapshot_ids, err) ||
	    choose_snapshot(t, sel, err) || load_recent(t, max_recent, err) ||
	    load_refs(t, err) || setup_path_spec(t, err) || load_statistics(t, err))
		goto fail;
	if (t->snap) {
		struct pl_fileset_source src = {
			.base_manifest_list = t->snap->base_manifest_list,
			.base_manifest_list_size = t->snap->base_manifest_list_size.present ?
				(uint64_t)t->snap->base_manifest_list_size.v : 0,
			.delta_manifest_list = t->snap->delta_manifest_list,
			.delta_manifest_list_size = t->snap->delta_manifest_list_size.present ?
				(uint64_t)t->snap->delta_manifest_list_size.v : 0,
			.changelog_manifest_list = t->snap->changelog_manifest_list,
			.changelog_manifest_list_size = t->snap->changelog_manifest_list_size.present ?
				(uint64_t)t->snap->changelog_manifest_list_size.v : 0,
			.index_manifest = t->snap->index_manifest,
		};
		if (pl_fileset_load(st, t->table_path, &src, &t->fs, err)) {
			pl_err_prefix(err, "snapshot %lld", (long long)t->snap->id);
			goto fail;
		}
	}
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
	free(t->snapshot_ids);
	pl_arena_free(&t->arena);
	free(t);
}

int pl_cm_probe(struct pl_storage *st, const char *table_path, int64_t *snapshot_id,
		int64_t *schema_id, struct pl_error *err)
{
	int64_t *ids;
	size_t n;
	char *dir = pl_path_join_dup(table_path, "snapshot");
	int rc = list_ids(st, dir, "snapshot-", &ids, &n, err);
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
