/* The table handle: resolves the folders and caches what was read. */
#include "paimon/table.h"
#include "paimon/catalog.h"
#include "util/alloc.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct cached_snapshot {
	int64_t id;
	const struct pl_snapshot *snap;
};

struct pl_table {
	struct pl_arena arena;          /* owns everything below */
	struct pl_storage *st;
	const char *name;
	const char *branch;
	const char *data_root;
	const char *branch_root;
	const char *manifest_dir;
	const char *snapshot_dir;
	const char *changelog_dir;
	const struct pl_schema *latest_schema;

	int have_schemas;
	const struct pl_schema **schemas;
	size_t nschemas;

	int have_snapshot_ids;
	int64_t *snapshot_ids;          /* malloc'ed */
	size_t n_snapshot_ids;
	struct pl_snapshot_slot *slots; /* parallel to snapshot_ids, malloc'ed */
	int *slot_loaded;
	/* Snapshots read one by one (outside a batch), newest last. */
	struct cached_snapshot *singles;
	size_t nsingles, cap_singles;

	int have_tags;
	struct pl_tag *tags;
	size_t ntags;
	int have_branches;
	struct pl_branch *branches;
	size_t nbranches;
	int have_consumers;
	struct pl_consumer *consumers;
	size_t nconsumers;
	int have_options;
	struct pl_option_value *options;
	size_t noptions;
	int have_changelog_ids;
	int64_t *changelog_ids;         /* malloc'ed */
	size_t n_changelog_ids;

	/* Statistics by file name (snapshots inherit one file). */
	struct {
		const char *name;
		const struct pl_statistics *stats;
	} *stats;
	size_t nstats, cap_stats;
};

static int table_not_found(struct pl_storage *st, const char *warehouse, const char *db,
			   const char *table, struct pl_error *err)
{
	struct pl_arena a;
	pl_arena_init(&a, 512);
	const char *dbp = pl_catalog_database_path(&a, warehouse, db);
	struct pl_dirent de;
	struct pl_error serr;
	char *shown = pl_storage_display(st, warehouse);
	if (!dbp || pl_storage_stat(st, dbp, &de, &serr) != 0)
		pl_err(err, PL_ERR_NOT_FOUND, "%s: no database \"%s\"", shown, db);
	else
		pl_err(err, PL_ERR_NOT_FOUND, "%s: no table \"%s.%s\"", shown, db, table);
	free(shown);
	pl_arena_free(&a);
	return -1;
}

/* One listing of the branch's schema folder tells both whether the
 * table (or branch) exists and which schema is the latest. *missing is
 * set when the main branch has no schema file: the caller names what is
 * missing (table or database). */
static int open_common(struct pl_storage *st, const char *table_path, const char *name,
		       const char *branch, struct pl_table **out, int *missing,
		       struct pl_error *err)
{
	struct pl_table *t = pl_calloc(1, sizeof(*t));
	int64_t *ids = NULL;
	size_t n = 0;
	*out = NULL;
	*missing = 0;
	pl_arena_init(&t->arena, 16 * 1024);
	t->st = st;
	t->name = pl_arena_strdup(&t->arena, name);
	t->branch = pl_branch_is_main(branch) ? PL_MAIN_BRANCH : pl_arena_strdup(&t->arena, branch);
	t->data_root = pl_arena_strdup(&t->arena, table_path);
	t->branch_root = pl_branch_path(&t->arena, table_path, branch);
	t->manifest_dir = pl_path_join(&t->arena, t->data_root, "manifest");
	if (!t->branch_root) {
		pl_err(err, PL_ERR_NOT_FOUND, "%s: \"%s\" is not a valid branch name", t->name,
		       branch);
		goto fail;
	}
	t->snapshot_dir = pl_path_join(&t->arena, t->branch_root, PL_SNAPSHOT_DIR);
	t->changelog_dir = pl_path_join(&t->arena, t->branch_root, PL_CHANGELOG_DIR);
	if (pl_schema_list_ids(st, t->branch_root, &ids, &n, err))
		goto fail;
	if (n == 0) {
		if (pl_table_is_main(t))
			*missing = 1;
		else if (pl_catalog_is_table(st, table_path, err) == 1)
			pl_err(err, PL_ERR_NOT_FOUND, "%s: no branch \"%s\"", t->name, branch);
		else
			*missing = 1;
		goto fail;
	}
	struct pl_schema *latest;
	if (pl_schema_load(st, t->branch_root, ids[n - 1], &t->arena, &latest, err))
		goto fail;
	free(ids);
	t->latest_schema = latest;
	*out = t;
	return 0;
fail:
	free(ids);
	pl_table_close(t);
	return -1;
}

int pl_table_open(struct pl_storage *st, const char *warehouse, const char *db,
		  const char *table, const char *branch, struct pl_table **out,
		  struct pl_error *err)
{
	struct pl_arena a;
	pl_arena_init(&a, 512);
	const char *path = pl_catalog_table_path(&a, warehouse, db, table);
	int missing = 1, rc = -1;
	*out = NULL;
	if (path)
		rc = open_common(st, path, pl_arena_printf(&a, "%s.%s", db, table), branch, out,
				 &missing, err);
	/* A folder listed in the database but holding no schema file says
	 * so; only a folder that is not there is "no table". */
	if (rc && missing && (!path || !pl_catalog_not_a_table(st, path, err)))
		table_not_found(st, warehouse, db, table, err);
	pl_arena_free(&a);
	return rc;
}

int pl_table_open_path(struct pl_storage *st, const char *table_path, const char *branch,
		       struct pl_table **out, struct pl_error *err)
{
	char *shown = pl_storage_display(st, table_path);
	int missing;
	int rc = open_common(st, table_path, shown, branch, out, &missing, err);
	if (rc && missing)
		pl_err(err, PL_ERR_NOT_FOUND, "%s: " PL_NOT_A_TABLE, shown);
	free(shown);
	return rc;
}

void pl_table_close(struct pl_table *t)
{
	if (!t)
		return;
	free(t->snapshot_ids);
	free(t->slots);
	free(t->slot_loaded);
	free(t->singles);
	free(t->changelog_ids);
	free(t->stats);
	pl_arena_free(&t->arena);
	free(t);
}

struct pl_storage *pl_table_storage(const struct pl_table *t) { return t->st; }
const char *pl_table_name(const struct pl_table *t) { return t->name; }
const char *pl_table_branch(const struct pl_table *t) { return t->branch; }
int pl_table_is_main(const struct pl_table *t) { return pl_branch_is_main(t->branch); }
const char *pl_table_data_root(const struct pl_table *t) { return t->data_root; }
const char *pl_table_branch_root(const struct pl_table *t) { return t->branch_root; }
const char *pl_table_manifest_dir(const struct pl_table *t) { return t->manifest_dir; }

const struct pl_schema *pl_table_latest_schema(const struct pl_table *t)
{
	return t->latest_schema;
}

/* All schema files in one batch read (the latest is already loaded: one
 * object per schema). */
static int load_schemas(struct pl_table *t, struct pl_error *err)
{
	int64_t *ids;
	size_t n, nreq = 0;
	if (pl_schema_list_ids(t->st, t->branch_root, &ids, &n, err))
		return -1;
	const char *dir = pl_path_join(&t->arena, t->branch_root, "schema");
	struct pl_read_req *reqs = pl_calloc(n ? n : 1, sizeof(*reqs));
	size_t *req_of = pl_calloc(n ? n : 1, sizeof(*req_of));
	for (size_t i = 0; i < n; i++) {
		if (ids[i] == t->latest_schema->id)
			continue;
		req_of[i] = nreq + 1;
		struct pl_read_req *r = &reqs[nreq++];
		r->path = pl_path_join(&t->arena, dir,
				       pl_arena_printf(&t->arena, "schema-%" PRId64, ids[i]));
		r->length = PL_READ_WHOLE;
		r->cap = PL_SCHEMA_READ_CAP;
	}
	pl_storage_read_batch(t->st, reqs, nreq);
	const struct pl_schema **schemas = pl_arena_alloc(&t->arena, (n ? n : 1) * sizeof(*schemas));
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (!req_of[i]) {
			schemas[i] = t->latest_schema;
			continue;
		}
		struct pl_read_req *r = &reqs[req_of[i] - 1];
		if (r->status) {
			if (err)
				*err = r->err;
			rc = -1;
			break;
		}
		char *shown = pl_storage_display(t->st, r->path);
		struct pl_schema *s;
		rc = pl_schema_parse((const char *)r->out.data, r->out.len, shown, &t->arena, &s,
				     err);
		free(shown);
		schemas[i] = s;
	}
	pl_read_req_free(reqs, nreq);
	free(reqs);
	free(req_of);
	free(ids);
	if (rc == 0) {
		t->schemas = schemas;
		t->nschemas = n;
		t->have_schemas = 1;
	}
	return rc;
}

int pl_table_schemas(struct pl_table *t, const struct pl_schema *const **out, size_t *n,
		     struct pl_error *err)
{
	if (!t->have_schemas && load_schemas(t, err))
		return -1;
	*out = t->schemas;
	*n = t->nschemas;
	return 0;
}

int pl_table_schema(struct pl_table *t, int64_t id, const struct pl_schema **out,
		    struct pl_error *err)
{
	if (t->latest_schema->id == id) {
		*out = t->latest_schema;
		return 0;
	}
	if (!t->have_schemas && load_schemas(t, err))
		return -1;
	for (size_t i = 0; i < t->nschemas; i++) {
		if (t->schemas[i]->id == id) {
			*out = t->schemas[i];
			return 0;
		}
	}
	return pl_err(err, PL_ERR_NOT_FOUND, "%s: branch %s has no schema %" PRId64, t->name,
		      t->branch, id);
}

const char *pl_table_type(const struct pl_table *t)
{
	const char *type = pl_option_effective(t->latest_schema, "type", NULL);
	return type ? type : "table";
}

const char *pl_table_option(const struct pl_table *t, const char *key,
			    enum pl_option_source *src)
{
	return pl_option_effective(t->latest_schema, key, src);
}

void pl_table_options(struct pl_table *t, const struct pl_option_value **out, size_t *n)
{
	if (!t->have_options) {
		pl_options_effective_all(t->latest_schema, &t->arena, &t->options, &t->noptions);
		t->have_options = 1;
	}
	*out = t->options;
	*n = t->noptions;
}

const char *pl_table_fallback_branch(const struct pl_table *t)
{
	const char *b = pl_option_effective(t->latest_schema, "scan.fallback-branch", NULL);
	return b && *b ? b : NULL;
}

int pl_table_snapshot_ids(struct pl_table *t, const int64_t **ids, size_t *n,
			  struct pl_error *err)
{
	if (!t->have_snapshot_ids) {
		if (pl_versioned_list_ids(t->st, t->snapshot_dir, PL_SNAPSHOT_PREFIX,
					  &t->snapshot_ids, &t->n_snapshot_ids, err))
			return -1;
		size_t m = t->n_snapshot_ids ? t->n_snapshot_ids : 1;
		t->slots = pl_calloc(m, sizeof(*t->slots));
		t->slot_loaded = pl_calloc(m, sizeof(*t->slot_loaded));
		for (size_t i = 0; i < t->n_snapshot_ids; i++)
			t->slots[i].id = t->snapshot_ids[i];
		t->have_snapshot_ids = 1;
	}
	*ids = t->snapshot_ids;
	*n = t->n_snapshot_ids;
	return 0;
}

/* Index of id among the listed ids, or -1. */
static ptrdiff_t listed_index(const struct pl_table *t, int64_t id)
{
	size_t lo = 0, hi = t->n_snapshot_ids;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->snapshot_ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->n_snapshot_ids && t->snapshot_ids[lo] == id)
		return (ptrdiff_t)lo;
	return -1;
}

static struct pl_snapshot *read_one(struct pl_table *t, const char *dir, const char *prefix,
				    int64_t id, struct pl_error *err)
{
	struct pl_snapshot *s = pl_arena_alloc(&t->arena, sizeof(*s));
	return pl_snapshot_load(t->st, dir, prefix, id, &t->arena, s, err) ? NULL : s;
}

static int load_one(struct pl_table *t, const char *dir, const char *prefix, int64_t id,
		    const struct pl_snapshot **out, struct pl_error *err)
{
	*out = read_one(t, dir, prefix, id, err);
	return *out ? 0 : -1;
}

int pl_table_snapshot(struct pl_table *t, int64_t id, const struct pl_snapshot **out,
		      struct pl_error *err)
{
	*out = NULL;
	ptrdiff_t at = t->have_snapshot_ids ? listed_index(t, id) : -1;
	if (at >= 0) {
		struct pl_snapshot_slot *slot = &t->slots[at];
		if (!t->slot_loaded[at]) {
			pl_err_clear(&slot->err);
			slot->snap = read_one(t, t->snapshot_dir, PL_SNAPSHOT_PREFIX, id, &slot->err);
			t->slot_loaded[at] = 1;
		}
		if (slot->snap) {
			*out = slot->snap;
			return 0;
		}
		if (err)
			*err = slot->err;
		return -1;
	}
	for (size_t i = 0; i < t->nsingles; i++) {
		if (t->singles[i].id == id) {
			*out = t->singles[i].snap;
			return 0;
		}
	}
	if (load_one(t, t->snapshot_dir, PL_SNAPSHOT_PREFIX, id, out, err))
		return -1;
	PL_GROW(t->singles, t->cap_singles, t->nsingles + 1);
	t->singles[t->nsingles].id = id;
	t->singles[t->nsingles].snap = *out;
	t->nsingles++;
	return 0;
}

int pl_table_latest_snapshot(struct pl_table *t, const struct pl_snapshot **out,
			     struct pl_error *err)
{
	int64_t id;
	*out = NULL;
	if (pl_hint_find_latest(t->st, t->snapshot_dir, PL_SNAPSHOT_PREFIX, &id, NULL, err))
		return pl_err_prefix(err, "%s (branch %s)", t->name, t->branch);
	if (pl_table_snapshot(t, id, out, err) == 0)
		return 0;
	if (!err || err->code != PL_ERR_CORRUPT)
		return -1;
	/* An object store may show a file a writer has not finished. */
	return load_one(t, t->snapshot_dir, PL_SNAPSHOT_PREFIX, id, out, err);
}

int pl_table_earliest_snapshot(struct pl_table *t, const struct pl_snapshot **out,
			       struct pl_error *err)
{
	int64_t id;
	*out = NULL;
	if (pl_hint_find_earliest(t->st, t->snapshot_dir, PL_SNAPSHOT_PREFIX, &id, NULL, err))
		return pl_err_prefix(err, "%s (branch %s)", t->name, t->branch);
	return pl_table_snapshot(t, id, out, err);
}

int pl_table_snapshots(struct pl_table *t, size_t newest, const struct pl_snapshot_slot **out,
		       size_t *n, struct pl_error *err)
{
	const int64_t *ids;
	size_t nids;
	if (pl_table_snapshot_ids(t, &ids, &nids, err))
		return -1;
	size_t first = newest && newest < nids ? nids - newest : 0;
	/* Read the slots not loaded yet in one batch. */
	size_t need = 0;
	for (size_t i = first; i < nids; i++)
		need += !t->slot_loaded[i];
	if (need) {
		struct pl_snapshot_slot *batch = pl_calloc(need, sizeof(*batch));
		size_t k = 0;
		for (size_t i = first; i < nids; i++)
			if (!t->slot_loaded[i])
				batch[k++].id = ids[i];
		pl_snapshot_load_batch(t->st, t->snapshot_dir, PL_SNAPSHOT_PREFIX, batch, need,
				       &t->arena);
		k = 0;
		for (size_t i = first; i < nids; i++) {
			if (t->slot_loaded[i])
				continue;
			t->slots[i] = batch[k++];
			t->slot_loaded[i] = 1;
		}
		free(batch);
	}
	*out = t->slots + first;
	*n = nids - first;
	return 0;
}

int pl_table_tags(struct pl_table *t, const struct pl_tag **out, size_t *n,
		  struct pl_error *err)
{
	if (!t->have_tags) {
		if (pl_tag_list(t->st, t->branch_root, &t->arena, &t->tags, &t->ntags, err))
			return -1;
		t->have_tags = 1;
	}
	*out = t->tags;
	*n = t->ntags;
	return 0;
}

int pl_table_tag(struct pl_table *t, const char *name, const struct pl_tag **out,
		 struct pl_error *err)
{
	const struct pl_tag *tags;
	size_t n;
	*out = NULL;
	if (pl_table_tags(t, &tags, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(tags[i].name, name) != 0)
			continue;
		if (!tags[i].snap)
			return pl_err(err, tags[i].error_code, "%s", tags[i].error);
		*out = &tags[i];
		return 0;
	}
	return pl_err(err, PL_ERR_NOT_FOUND, "%s: branch %s has no tag \"%s\"", t->name,
		      t->branch, name);
}

int pl_table_branches(struct pl_table *t, const struct pl_branch **out, size_t *n,
		      struct pl_error *err)
{
	if (!t->have_branches) {
		if (pl_branch_list(t->st, t->data_root, &t->arena, &t->branches, &t->nbranches,
				   err))
			return -1;
		t->have_branches = 1;
	}
	*out = t->branches;
	*n = t->nbranches;
	return 0;
}

int pl_table_consumers(struct pl_table *t, const struct pl_consumer **out, size_t *n,
		       struct pl_error *err)
{
	if (!t->have_consumers) {
		if (pl_consumer_list(t->st, t->branch_root, &t->arena, &t->consumers,
				     &t->nconsumers, err))
			return -1;
		t->have_consumers = 1;
	}
	*out = t->consumers;
	*n = t->nconsumers;
	return 0;
}

int pl_table_statistics(struct pl_table *t, const struct pl_snapshot *snap,
			const struct pl_statistics **out, struct pl_error *err)
{
	*out = NULL;
	if (!snap || !snap->statistics)
		return 0;
	for (size_t i = 0; i < t->nstats; i++) {
		if (strcmp(t->stats[i].name, snap->statistics) == 0) {
			*out = t->stats[i].stats;
			return 0;
		}
	}
	struct pl_statistics *s = pl_arena_alloc(&t->arena, sizeof(*s));
	if (pl_statistics_load(t->st, t->data_root, snap->statistics, &t->arena, s, err))
		return -1;
	PL_GROW(t->stats, t->cap_stats, t->nstats + 1);
	t->stats[t->nstats].name = pl_arena_strdup(&t->arena, snap->statistics);
	t->stats[t->nstats].stats = s;
	*out = s;
	t->nstats++;
	return 0;
}

int pl_table_changelog_ids(struct pl_table *t, const int64_t **ids, size_t *n,
			   struct pl_error *err)
{
	if (!t->have_changelog_ids) {
		if (pl_versioned_list_ids(t->st, t->changelog_dir, PL_CHANGELOG_PREFIX,
					  &t->changelog_ids, &t->n_changelog_ids, err))
			return -1;
		t->have_changelog_ids = 1;
	}
	*ids = t->changelog_ids;
	*n = t->n_changelog_ids;
	return 0;
}

int pl_table_changelog(struct pl_table *t, int64_t id, const struct pl_snapshot **out,
		       struct pl_error *err)
{
	*out = NULL;
	return load_one(t, t->changelog_dir, PL_CHANGELOG_PREFIX, id, out, err);
}
