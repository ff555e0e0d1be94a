/* Live file sets against the real tables: the worked examples of
 * format-manifests.md §6.5 and §8.5, and for every snapshot of every
 * fixture table (branches too) Σ row counts = totalRecordCount, every live
 * data file present with its recorded size, every deletion vector's
 * cardinality equal to what its bitmap holds. */
#include "test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paimon/binrow.h"
#include "paimon/dv.h"
#include "paimon/fileset.h"
#include "paimon/types.h"
#include "util/json.h"

/* What a test needs from a table: its snapshot and schema JSON. */
struct table {
	char root[4096];          /* table directory (manifests live here) */
	char meta_root[4096];     /* table or branch directory (snapshots, schemas) */
	struct pl_arena arena;
	struct pl_storage *st;
	struct pl_path_spec spec;
};

static struct pl_json *read_json(struct table *t, const char *path)
{
	size_t len;
	uint8_t *text = pl_test_slurp(path, &len);
	if (!text)
		return NULL;
	struct pl_json *j = NULL;
	struct pl_error err;
	if (pl_json_parse((const char *)text, len, path, &t->arena, &j, &err))
		printf("# %s\n", err.msg);
	free(text);
	return j;
}

static const char *option(const struct pl_json *schema, const char *key)
{
	return pl_json_get_str(pl_json_get(schema, "options"), key);
}

/* Fills the path spec from schema-<id> of the table or branch. */
static int load_schema(struct table *t, int64_t schema_id)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/schema/schema-%lld", t->meta_root, (long long)schema_id);
	struct pl_json *s = read_json(t, path);
	if (!s)
		return -1;
	const struct pl_json *fields = pl_json_get(s, "fields");
	const struct pl_json *keys = pl_json_get(s, "partitionKeys");
	memset(&t->spec, 0, sizeof(t->spec));
	t->spec.table_root = t->root;
	t->spec.data_file_path_directory = option(s, "data-file.path-directory");
	t->spec.default_partition_name = option(s, "partition.default-name");
	const char *legacy = option(s, "partition.legacy-name");
	t->spec.legacy_partition_name = !legacy || strcmp(legacy, "false") != 0;
	const char *in_data = option(s, "index-file-in-data-file-dir");
	t->spec.index_file_in_data_dir = in_data && strcmp(in_data, "true") == 0;
	size_t n = keys ? keys->n : 0;
	const char **names = pl_arena_alloc(&t->arena, (n + 1) * sizeof(char *));
	const struct pl_dtype **types = pl_arena_alloc(&t->arena, (n + 1) * sizeof(void *));
	for (size_t k = 0; k < n; k++) {
		names[k] = keys->items[k]->str;
		for (size_t f = 0; fields && f < fields->n; f++) {
			const char *name = pl_json_get_str(fields->items[f], "name");
			if (!name || strcmp(name, names[k]) != 0)
				continue;
			struct pl_dtype *dt;
			struct pl_error err;
			if (pl_dtype_from_json(pl_json_get(fields->items[f], "type"), &t->arena,
					       &dt, &err)) {
				printf("# %s\n", err.msg);
				return -1;
			}
			types[k] = dt;
		}
		if (!types[k])
			return -1;
	}
	t->spec.n_partition_keys = n;
	t->spec.partition_keys = names;
	t->spec.partition_types = types;
	return 0;
}

static int table_open(struct table *t, const char *root, const char *branch)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->root, sizeof(t->root), "%s", root);
	if (branch)
		snprintf(t->meta_root, sizeof(t->meta_root), "%s/branch/branch-%s", root, branch);
	else
		snprintf(t->meta_root, sizeof(t->meta_root), "%s", root);
	pl_arena_init(&t->arena, 16384);
	struct pl_error err;
	if (pl_storage_open("/", NULL, &t->st, &err)) {
		printf("# %s\n", err.msg);
		return -1;
	}
	return 0;
}

static void table_close(struct table *t)
{
	pl_storage_close(t->st);
	pl_arena_free(&t->arena);
}

/* Loads snapshot <id>; returns its totalRecordCount in *total. */
static struct pl_fileset *load_snapshot(struct table *t, long id, int64_t *total,
					int64_t *delta, struct pl_error *err)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/snapshot/snapshot-%ld", t->meta_root, id);
	struct pl_json *s = read_json(t, path);
	if (!s) {
		pl_err(err, PL_ERR_NOT_FOUND, "%s: unreadable", path);
		return NULL;
	}
	int64_t v = -1, schema_id = 0;
	if (delta)
		pl_json_get_i64(s, "deltaRecordCount", delta);
	pl_json_get_i64(s, "totalRecordCount", &v);
	pl_json_get_i64(s, "schemaId", &schema_id);
	*total = v;
	if (load_schema(t, schema_id)) {
		pl_err(err, PL_ERR_CORRUPT, "%s: schema %lld unusable", path, (long long)schema_id);
		return NULL;
	}
	struct pl_fileset_source src;
	memset(&src, 0, sizeof(src));
	src.base_manifest_list = pl_json_get_str(s, "baseManifestList");
	src.delta_manifest_list = pl_json_get_str(s, "deltaManifestList");
	src.changelog_manifest_list = pl_json_get_str(s, "changelogManifestList");
	src.index_manifest = pl_json_get_str(s, "indexManifest");
	if (pl_json_get_i64(s, "baseManifestListSize", &v) == 1)
		src.base_manifest_list_size = (uint64_t)v;
	if (pl_json_get_i64(s, "deltaManifestListSize", &v) == 1)
		src.delta_manifest_list_size = (uint64_t)v;
	struct pl_fileset *fs = NULL;
	if (pl_fileset_load(t->st, t->root, &src, &fs, err))
		return NULL;
	return fs;
}

static const struct pl_live_file *find_file(const struct pl_fileset *fs, const char *prefix)
{
	struct pl_strbuf name = PL_STRBUF_INIT;
	const struct pl_live_file *found = NULL;
	for (size_t k = 0; k < fs->n_files && !found; k++)
		if (strncmp(pl_live_file_name(fs, &fs->files[k], &name), prefix, strlen(prefix)) == 0)
			found = &fs->files[k];
	pl_strbuf_free(&name);
	return found;
}

/* The full entry of a live file, decoded from the retained manifest. */
static const struct pl_manifest_entry *full_entry(const struct pl_fileset *fs,
						  const struct pl_live_file *f,
						  struct pl_arena *arena)
{
	struct pl_manifest_entry *e = pl_arena_alloc(arena, sizeof(*e));
	struct pl_error err;
	if (pl_fileset_entry(fs, (size_t)(f - fs->files), arena, e, &err)) {
		printf("# %s\n", err.msg);
		return NULL;
	}
	return e;
}

static int table_at(struct table *t, const char *rel)
{
	const char *fx = pl_test_fixtures();
	if (!fx)
		return -1;
	char root[4096];
	snprintf(root, sizeof(root), "%s/%s", fx, rel);
	return table_open(t, root, NULL);
}

/* $files min/max/null-count maps of ed5d7184-0: dense stats over
 * [f0, f1, f2] (f3 has stats-mode none); strings truncated to 16
 * characters, the max with its last one incremented. */
static void check_value_stats(struct table *t, const struct pl_data_file_meta *f)
{
	static const char *const schema[] = { "f0", "f1", "f2", "f3" };
	const char *const *cols;
	size_t n = pl_value_stats_columns(f, schema, 4, &cols);
	CHECK_INT_EQ(n, 3);
	struct pl_dtype *str, *i, *d;
	struct pl_error err;
	CHECK_INT_EQ(pl_dtype_parse("STRING", &t->arena, &str, &err), 0);
	CHECK_INT_EQ(pl_dtype_parse("INT", &t->arena, &i, &err), 0);
	CHECK_INT_EQ(pl_dtype_parse("DOUBLE", &t->arena, &d, &err), 0);
	/* current columns in reverse order: the maps sort by name */
	struct pl_stats_column c[4] = {
		{ "f3", d, -1 }, { "f2", i, 2 }, { "f1", i, 1 }, { "f0", str, 0 },
	};
	struct pl_binrow min, max;
	CHECK_INT_EQ(pl_binrow_open(f->value_stats.min_values.p, f->value_stats.min_values.n,
				    "min", 0, &min, &err), 0);
	CHECK_INT_EQ(pl_binrow_open(f->value_stats.max_values.p, f->value_stats.max_values.n,
				    "max", 0, &max, &err), 0);
	struct pl_strbuf sb = PL_STRBUF_INIT;
	CHECK_INT_EQ(pl_binrow_render_map(&min, c, 4, &sb, &err), 0);
	CHECK_STR_EQ(pl_strbuf_str(&sb), "{f0=Alex, f1=10, f2=0, f3=null}");
	pl_strbuf_reset(&sb);
	CHECK_INT_EQ(pl_binrow_render_map(&max, c, 4, &sb, &err), 0);
	CHECK_STR_EQ(pl_strbuf_str(&sb), "{f0=Whether I shall!, f1=10, f2=0, f3=null}");
	pl_strbuf_reset(&sb);
	static const char *const names[] = { "f3", "f2", "f1", "f0" };
	static const int32_t fields[] = { -1, 2, 1, 0 };
	pl_render_null_counts(names, fields, 4, &f->value_stats, PL_NULL_COUNT_UNKNOWN, &sb);
	CHECK_STR_EQ(pl_strbuf_str(&sb), "{f0=0, f1=0, f2=0, f3=null}");
	pl_strbuf_free(&sb);
	/* min_key / max_key: the trimmed primary key (f0, f2) */
	const struct pl_dtype *key_types[] = { str, i };
	struct pl_binrow key;
	CHECK_INT_EQ(pl_binrow_open(f->min_key.p, f->min_key.n, "key", 0, &key, &err), 0);
	CHECK_INT_EQ(pl_binrow_render_list(&key, key_types, 2, &sb, &err), 0);
	CHECK_STR_EQ(pl_strbuf_str(&sb), "[Alex, 0]");
	pl_strbuf_free(&sb);
}

TEST(worked_example_live_set_6_5)
{
	struct table t;
	if (table_at(&t, "parquet/pk_table_with_dv_cardinality.db/pk_table_with_dv_cardinality")) {
		SKIP("fixtures not found");
		return;
	}
	struct pl_error err;
	int64_t total;
	static const int64_t totals[] = { 9, 9, 12, 10 };
	static const size_t files[] = { 2, 2, 4, 3 };
	for (long id = 1; id <= 4; id++) {
		struct pl_fileset *fs = load_snapshot(&t, id, &total, NULL, &err);
		CHECK(fs != NULL);
		if (!fs) {
			printf("# %s\n", err.msg);
			continue;
		}
		CHECK_INT_EQ(total, totals[id - 1]);
		CHECK_INT_EQ(fs->total_record_count, totals[id - 1]);
		CHECK_INT_EQ(fs->n_files, files[id - 1]);
		CHECK_INT_EQ(fs->unmatched_deletes + fs->duplicate_adds, 0);
		if (id != 4) {
			pl_fileset_free(fs);
			continue;
		}
		const struct pl_live_file *a0 = find_file(fs, "data-3061fa63-6ed0-422c-9169-5c3e4b25485e-0");
		const struct pl_live_file *b0 = find_file(fs, "data-ed5d7184-cf42-4f4a-bf83-1e3080d9012d-0");
		const struct pl_live_file *a1 = find_file(fs, "data-3061fa63-6ed0-422c-9169-5c3e4b25485e-1");
		CHECK(a0 && b0 && a1);
		CHECK(!find_file(fs, "data-ed5d7184-cf42-4f4a-bf83-1e3080d9012d-1"));
		const struct pl_manifest_entry *b0e = b0 ? full_entry(fs, b0, &t.arena) : NULL;
		CHECK(!b0 || b0e);
		if (a0 && b0 && a1 && b0e) {
			CHECK_INT_EQ(pl_live_level(a0), 5);
			CHECK_INT_EQ(pl_live_row_count(a0), 2);
			CHECK_INT_EQ(pl_live_bucket(a0), 0);
			CHECK_INT_EQ(pl_live_level(b0), 5);
			CHECK_INT_EQ(pl_live_row_count(b0), 7);
			CHECK_INT_EQ(pl_live_bucket(b0), 1);
			CHECK_INT_EQ(pl_live_level(a1), 4);
			CHECK_INT_EQ(pl_live_row_count(a1), 1);
			CHECK_INT_EQ(b0e->file.level, 5);
			CHECK_INT_EQ(b0e->file.row_count, 7);
			CHECK_INT_EQ(b0e->bucket, 1);
			/* §8.5: DVs {0} in 3061fa63-0, {4, 5} in ed5d7184-0 */
			CHECK_INT_EQ(pl_live_file_dv(fs, a0).state, PL_DV_KNOWN);
			CHECK_INT_EQ(pl_live_file_dv(fs, a0).deleted_rows, 1);
			CHECK_INT_EQ(pl_live_file_dv(fs, b0).state, PL_DV_KNOWN);
			CHECK_INT_EQ(pl_live_file_dv(fs, b0).deleted_rows, 2);
			CHECK_INT_EQ(pl_live_file_dv(fs, a1).state, PL_DV_NONE);
			char *path;
			int external;
			CHECK_INT_EQ(pl_data_file_path(&t.spec, b0e, &t.arena, &path, &external,
						       &err), 0);
			CHECK(!external);
			char want[4200];
			snprintf(want, sizeof(want),
				 "%s/f1=10/bucket-1/data-ed5d7184-cf42-4f4a-bf83-1e3080d9012d-0.parquet",
				 t.root);
			CHECK_STR_EQ(path, want);
			CHECK_INT_EQ(pl_live_file_path(&t.spec, fs, b0, &t.arena, &path, &external,
						       &err), 0);
			CHECK_STR_EQ(path, want);
			check_value_stats(&t, &b0e->file);
		}
		CHECK_INT_EQ(fs->n_partitions, 1);
		if (fs->n_partitions == 1) {
			const struct pl_partition_stat *p = &fs->partitions[0];
			CHECK_INT_EQ(p->record_count, 10);
			CHECK_INT_EQ(p->file_count, 3);
			CHECK(p->deleted_record_count.present);
			CHECK_INT_EQ(p->deleted_record_count.v, 3);
			CHECK_INT_EQ(p->total_buckets, 2);
			CHECK(p->last_update_time.present);
			struct pl_binrow row;
			struct pl_strbuf sb = PL_STRBUF_INIT;
			CHECK_INT_EQ(pl_binrow_open(p->partition.p, p->partition.n, "p", 0, &row, &err),
				     0);
			CHECK_INT_EQ(pl_binrow_render_cast_row(&row, t.spec.partition_types, 1, &sb,
							       &err), 0);
			CHECK_STR_EQ(pl_strbuf_str(&sb), "{10}");
			pl_strbuf_free(&sb);
		}
		CHECK_INT_EQ(fs->n_buckets, 2);
		for (size_t k = 0; k < fs->n_buckets; k++) {
			const struct pl_bucket_stat *b = &fs->buckets[k];
			CHECK_INT_EQ(b->record_count, b->bucket == 0 ? 3 : 7);
			CHECK_INT_EQ(b->file_count, b->bucket == 0 ? 2 : 1);
		}
		pl_fileset_free(fs);
	}
	table_close(&t);
}

TEST(worked_example_dv_8_5)
{
	struct table t;
	if (table_at(&t, "parquet/pk_with_bitmap_dv.db/pk_with_bitmap_dv")) {
		SKIP("fixtures not found");
		return;
	}
	struct pl_error err;
	int64_t total;
	struct pl_fileset *fs = load_snapshot(&t, 4, &total, NULL, &err);
	CHECK(fs != NULL);
	if (fs) {
		const struct pl_live_file *f =
			find_file(fs, "data-bfa36b28-40e7-4026-893b-d23116973174-0.parquet");
		CHECK(f != NULL);
		if (f) {
			struct pl_live_dv dv = pl_live_file_dv(fs, f);
			CHECK_INT_EQ(pl_live_row_count(f), 8);
			CHECK_INT_EQ(dv.state, PL_DV_KNOWN);
			CHECK_INT_EQ(dv.deleted_rows, 2);
			CHECK_STR_EQ(dv.index->file_name,
				     "index-daed25d2-8e68-45ba-aaad-ff342666ef27-0");
		}
		CHECK_INT_EQ(fs->total_record_count, total);
		pl_fileset_free(fs);
	} else {
		printf("# %s\n", err.msg);
	}
	table_close(&t);
}

/* ---- every snapshot of every table ------------------------------------- */

struct totals {
	int tables, snapshots, files_checked, externals, dvs_checked, failures;
};

static int file_size_is(const char *path, int64_t size)
{
	struct stat sb;
	return stat(path, &sb) == 0 && (int64_t)sb.st_size == size;
}

static int str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The full entries decoded from the retained manifests agree with the
 * compact records, and the paths built from either are the same. */
struct agree {
	struct table *t;
	const struct pl_fileset *fs;
	struct totals *tot;
	size_t seen;
	struct pl_strbuf name;
};

static int check_agrees(void *ctx, size_t i, const struct pl_manifest_entry *e,
			struct pl_error *err)
{
	struct agree *a = ctx;
	const struct pl_live_file *f = &a->fs->files[i];
	const struct pl_blob *p = pl_live_partition(a->fs, f);
	char *p1, *p2;
	int x1, x2;
	int ok = i == a->seen && e->kind == PL_FILE_ADD && e->bucket == pl_live_bucket(f) &&
		 e->file.level == pl_live_level(f) && e->file.row_count == pl_live_row_count(f) &&
		 e->file.file_size == pl_live_file_size(f) &&
		 e->file.file_source == pl_live_file_source(f) &&
		 !strcmp(e->file.file_name, pl_live_file_name(a->fs, f, &a->name)) &&
		 p->n == e->partition.n && (!p->n || !memcmp(p->p, e->partition.p, p->n)) &&
		 str_eq(e->file.external_path, pl_live_external_path(a->fs, f));
	if (ok) {
		ok = !pl_data_file_path(&a->t->spec, e, &a->t->arena, &p1, &x1, err) &&
		     !pl_live_file_path(&a->t->spec, a->fs, f, &a->t->arena, &p2, &x2, err) &&
		     x1 == x2 && !strcmp(p1, p2);
	}
	if (!ok) {
		printf("# %s: live file %zu differs from its manifest entry %s\n", a->t->meta_root,
		       i, e->file.file_name);
		a->tot->failures++;
	}
	a->seen++;
	return 0;
}

/* Every live file at its place with its size; every DV cardinality equal
 * to its bitmap's. */
static void check_latest(struct table *t, struct pl_fileset *fs, struct totals *tot)
{
	struct pl_error err;
	struct agree ag = { t, fs, tot, 0, PL_STRBUF_INIT };
	if (pl_fileset_each_entry(fs, check_agrees, &ag, &err)) {
		printf("# %s: %s\n", t->meta_root, err.msg);
		tot->failures++;
	} else if (ag.seen != fs->n_files) {
		printf("# %s: %zu of %zu full entries\n", t->meta_root, ag.seen, fs->n_files);
		tot->failures++;
	}
	pl_strbuf_free(&ag.name);
	for (size_t k = 0; k < fs->n_files; k++) {
		const struct pl_live_file *f = &fs->files[k];
		struct pl_live_dv dv = pl_live_file_dv(fs, f);
		char *path;
		int external;
		if (pl_live_file_path(&t->spec, fs, f, &t->arena, &path, &external, &err)) {
			printf("# %s: %s\n", t->meta_root, err.msg);
			tot->failures++;
			continue;
		}
		if (external) {
			tot->externals++;
		} else if (!file_size_is(path, pl_live_file_size(f))) {
			printf("# missing or wrong size: %s (%lld bytes)\n", path,
			       (long long)pl_live_file_size(f));
			tot->failures++;
		} else {
			tot->files_checked++;
		}
		if (dv.state == PL_DV_NONE)
			continue;
		if (pl_index_file_path(&t->spec, dv.index, &t->arena, &path, &external, &err)) {
			tot->failures++;
			continue;
		}
		if (external)
			continue;
		if (!file_size_is(path, dv.index->file_size)) {
			printf("# index file missing or not the %lld bytes its manifest records: %s\n",
			       (long long)dv.index->file_size, path);
			tot->failures++;
			continue;
		}
		struct pl_dv_info info;
		if (pl_dv_read(t->st, path, dv.range->offset, dv.range->length, &info, &err)) {
			printf("# %s\n", err.msg);
			tot->failures++;
			continue;
		}
		if (dv.state == PL_DV_KNOWN && (int64_t)info.cardinality != dv.deleted_rows) {
			printf("# %s: DV of %s holds %llu rows, manifest says %lld\n", path,
			       dv.range->data_file, (unsigned long long)info.cardinality,
			       (long long)dv.deleted_rows);
			tot->failures++;
		}
		tot->dvs_checked++;
	}
	if (pl_fileset_resolve_dv(fs, t->st, &t->spec, &err)) {
		printf("# %s\n", err.msg);
		tot->failures++;
	}
}

static void check_table(const char *root, const char *branch, struct totals *tot)
{
	struct table t;
	if (table_open(&t, root, branch))
		return;
	char dir[4200];
	snprintf(dir, sizeof(dir), "%s/snapshot", t.meta_root);
	DIR *d = opendir(dir);
	if (!d) {
		table_close(&t);
		return;
	}
	long ids[4096];
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < 4096)
		if (strncmp(de->d_name, "snapshot-", 9) == 0)
			ids[n++] = atol(de->d_name + 9);
	closedir(d);
	long latest = 0;
	for (size_t k = 0; k < n; k++)
		if (ids[k] > latest)
			latest = ids[k];
	tot->tables++;
	for (size_t k = 0; k < n; k++) {
		struct pl_error err;
		int64_t total, delta = INT64_MIN;
		struct pl_fileset *fs = load_snapshot(&t, ids[k], &total, &delta, &err);
		tot->snapshots++;
		if (!fs) {
			printf("# %s snapshot %ld: %s\n", t.meta_root, ids[k], err.msg);
			tot->failures++;
			continue;
		}
		if (fs->total_record_count != total ||
		    (delta != INT64_MIN && fs->delta_record_count != delta) || fs->unmatched_deletes ||
		    fs->duplicate_adds) {
			printf("# %s snapshot %ld: live rows %lld, totalRecordCount %lld, "
			       "delta rows %lld, deltaRecordCount %lld, "
			       "unmatched deletes %zu, duplicate adds %zu\n", t.meta_root, ids[k],
			       (long long)fs->total_record_count, (long long)total,
			       (long long)fs->delta_record_count, (long long)delta,
			       fs->unmatched_deletes, fs->duplicate_adds);
			tot->failures++;
		}
		if (ids[k] == latest)
			check_latest(&t, fs, tot);
		pl_fileset_free(fs);
	}
	table_close(&t);
}

static void each_table(const char *fx, struct totals *tot)
{
	static const char *const formats[] = { "orc", "parquet", "misc" };
	for (size_t f = 0; f < 3; f++) {
		char *dbdir = pl_path_join_dup(fx, formats[f]);
		DIR *dbs = opendir(dbdir);
		struct dirent *db;
		while (dbs && (db = readdir(dbs))) {
			if (db->d_name[0] == '.')
				continue;
			char *tdir = pl_path_join_dup(dbdir, db->d_name);
			DIR *tables = opendir(tdir);
			struct dirent *tb;
			while (tables && (tb = readdir(tables))) {
				if (tb->d_name[0] == '.')
					continue;
				char *root = pl_path_join_dup(tdir, tb->d_name);
				check_table(root, NULL, tot);
				char *bdir = pl_path_join_dup(root, "branch");
				DIR *br = opendir(bdir);
				struct dirent *b;
				while (br && (b = readdir(br)))
					if (strncmp(b->d_name, "branch-", 7) == 0)
						check_table(root, b->d_name + 7, tot);
				if (br)
					closedir(br);
				free(bdir);
				free(root);
			}
			if (tables)
				closedir(tables);
			free(tdir);
		}
		if (dbs)
			closedir(dbs);
		free(dbdir);
	}
}

TEST(every_fixture_snapshot)
{
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("fixtures not found");
		return;
	}
	struct totals tot = { 0 };
	each_table(fx, &tot);
	printf("# %d tables, %d snapshots, %d live files checked on disk, %d external, "
	       "%d deletion vectors checked, %d failures\n", tot.tables, tot.snapshots,
	       tot.files_checked, tot.externals, tot.dvs_checked, tot.failures);
	CHECK(tot.tables >= 70);
	CHECK(tot.snapshots >= 190);
	CHECK(tot.dvs_checked > 0);
	CHECK_INT_EQ(tot.failures, 0);
}

/* A one-field partition row: slot value v, var bytes after it. */
static size_t part_row(uint8_t *b, uint64_t slot, int null)
{
	memset(b, 0, 20);
	b[3] = 1;
	if (null)
		b[5] = 1;
	for (int k = 0; k < 8; k++)
		b[12 + k] = (uint8_t)(slot >> (8 * k));
	return 20;
}

TEST(partition_and_bucket_paths)
{
	struct pl_arena a;
	pl_arena_init(&a, 4096);
	struct pl_error err;
	struct pl_dtype *str, *date;
	CHECK_INT_EQ(pl_dtype_parse("STRING", &a, &str, &err), 0);
	CHECK_INT_EQ(pl_dtype_parse("DATE", &a, &date, &err), 0);
	const char *keys[] = { "k/1" };
	const struct pl_dtype *types[] = { str };
	struct pl_path_spec spec = { "/t", NULL, 1, keys, types, NULL, 1, 0 };
	uint8_t b[20];
	struct pl_blob part = { b, 0, 1 };
	char *out;

	/* "a/b:c" inline: escaped key and value */
	part.n = (uint32_t)part_row(b, 0x8500000000000000ull | 0x633a622f61ull, 0);
	CHECK_INT_EQ(pl_partition_path(&spec, &part, &a, &out, &err), 0);
	CHECK_STR_EQ(out, "k%2F1=a%2Fb%3Ac");
	/* null, empty and blank all become the default name */
	part.n = (uint32_t)part_row(b, 0, 1);
	CHECK_INT_EQ(pl_bucket_path(&spec, &part, 3, &a, &out, &err), 0);
	CHECK_STR_EQ(out, "/t/k%2F1=__DEFAULT_PARTITION__/bucket-3");
	part.n = (uint32_t)part_row(b, 0x8000000000000000ull, 0);
	spec.default_partition_name = "__HIVE_DEFAULT_PARTITION__";
	CHECK_INT_EQ(pl_partition_path(&spec, &part, &a, &out, &err), 0);
	CHECK_STR_EQ(out, "k%2F1=__HIVE_DEFAULT_PARTITION__");
	part.n = (uint32_t)part_row(b, 0x8200000000000000ull | 0x2020, 0);
	CHECK_INT_EQ(pl_partition_path(&spec, &part, &a, &out, &err), 0);
	CHECK_STR_EQ(out, "k%2F1=__HIVE_DEFAULT_PARTITION__");

	/* DATE: a day number under legacy names, a date otherwise */
	keys[0] = "dt";
	types[0] = date;
	part.n = (uint32_t)part_row(b, 19415, 0);
	CHECK_INT_EQ(pl_partition_path(&spec, &part, &a, &out, &err), 0);
	CHECK_STR_EQ(out, "dt=19415");
	spec.legacy_partition_name = 0;
	CHECK_INT_EQ(pl_partition_path(&spec, &part, &a, &out, &err), 0);
	CHECK_STR_EQ(out, "dt=2023-02-27");

	/* data-file.path-directory and the postpone bucket */
	spec.data_file_path_directory = "data";
	CHECK_INT_EQ(pl_bucket_path(&spec, &part, -2, &a, &out, &err), 0);
	CHECK_STR_EQ(out, "/t/data/dt=2023-02-27/bucket-postpone");

	/* unpartitioned: bucket directly under the table */
	static const uint8_t empty[12] = { 0 };
	struct pl_blob none = { empty, 12, 1 };
	struct pl_path_spec flat = { "/t", NULL, 0, NULL, NULL, NULL, 1, 0 };
	CHECK_INT_EQ(pl_bucket_path(&flat, &none, 0, &a, &out, &err), 0);
	CHECK_STR_EQ(out, "/t/bucket-0");
	/* arity mismatch is an error, not a wrong path */
	CHECK_INT_EQ(pl_bucket_path(&flat, &part, 0, &a, &out, &err), -1);
	CHECK(strstr(err.msg, "1 fields, the table has 0") != NULL);
	pl_arena_free(&a);
}

int main(void)
{
	RUN(partition_and_bucket_paths);
	RUN(worked_example_live_set_6_5);
	RUN(worked_example_dv_8_5);
	RUN(every_fixture_snapshot);
	return pl_test_done();
}
