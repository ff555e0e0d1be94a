/* Round trip: lakes written by paimon-lens-gen, read back with the readers
 * of src/paimon. The generator's --report says what it made; the live file
 * set computed from the manifests of every retained snapshot must agree
 * with it and with the snapshot JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/storage.h"
#include "paimon/fileset.h"
#include "paimon/schema.h"
#include "tests/unit/test.h"
#include "util/alloc.h"
#include "util/json.h"

static char gen_path[4096];

static int have_generator(void)
{
	const char *b = getenv("top_builddir");
	snprintf(gen_path, sizeof(gen_path), "%s/paimon-lens-gen", b ? b : ".");
	struct stat st;
	return stat(gen_path, &st) == 0;
}

/* Runs the generator into a fresh folder; returns the parsed report. */
static const struct pl_json *generate(const char *name, const char *flags, struct pl_arena *a,
				      char *lake, size_t cap)
{
	snprintf(lake, cap, "%s/%s", pl_test_tmpdir(), name);
	char cmd[20000];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && '%s' --quiet %s --report '%s.json' '%s'",
		 lake, gen_path, flags, lake, lake);
	if (system(cmd) != 0)
		return NULL;
	char path[4200];
	snprintf(path, sizeof(path), "%s.json", lake);
	size_t len;
	uint8_t *text = pl_test_slurp(path, &len);
	if (!text)
		return NULL;
	struct pl_json *doc = NULL;
	struct pl_error err;
	int rc = pl_json_parse((const char *)text, len, path, a, &doc, &err);
	free(text);
	return rc == 0 ? doc : NULL;
}

static const struct pl_json *read_json(const char *path, struct pl_arena *a)
{
	size_t len;
	uint8_t *text = pl_test_slurp(path, &len);
	if (!text)
		return NULL;
	struct pl_json *doc = NULL;
	struct pl_error err;
	int rc = pl_json_parse((const char *)text, len, path, a, &doc, &err);
	free(text);
	return rc == 0 ? doc : NULL;
}

static int64_t hint(const char *dir, const char *which)
{
	char path[5000];
	snprintf(path, sizeof(path), "%s/snapshot/%s", dir, which);
	size_t len;
	uint8_t *t = pl_test_slurp(path, &len);
	if (!t)
		return -1;
	char buf[32];
	snprintf(buf, sizeof(buf), "%.*s", (int)(len < 31 ? len : 31), (char *)t);
	free(t);
	return atoll(buf);
}

static int64_t get_i64(const struct pl_json *o, const char *k)
{
	int64_t v = -1;
	pl_json_get_i64(o, k, &v);
	return v;
}

/* Loads the live set of one snapshot and checks it against the JSON. */
static struct pl_fileset *check_snapshot(struct pl_storage *st, const char *table,
					 const char *branch_dir, int64_t id, struct pl_arena *a)
{
	char path[5000];
	snprintf(path, sizeof(path), "%s/snapshot/snapshot-%lld", branch_dir, (long long)id);
	const struct pl_json *s = read_json(path, a);
	CHECK(s != NULL);
	if (!s)
		return NULL;
	struct pl_fileset_source src = { 0 };
	src.base_manifest_list = pl_json_get_str(s, "baseManifestList");
	src.base_manifest_list_size = (uint64_t)get_i64(s, "baseManifestListSize");
	src.delta_manifest_list = pl_json_get_str(s, "deltaManifestList");
	src.delta_manifest_list_size = (uint64_t)get_i64(s, "deltaManifestListSize");
	src.index_manifest = pl_json_get_str(s, "indexManifest");
	struct pl_fileset *fs = NULL;
	struct pl_error err = { 0 };
	int rc = pl_fileset_load(st, table, &src, &fs, &err);
	if (rc != 0)
		printf("# %s: %s\n", path, err.msg);
	CHECK_INT_EQ(rc, 0);
	if (rc != 0)
		return NULL;
	CHECK_INT_EQ(fs->total_record_count, get_i64(s, "totalRecordCount"));
	CHECK_INT_EQ(fs->delta_record_count, get_i64(s, "deltaRecordCount"));
	CHECK_INT_EQ(fs->unmatched_deletes, 0);
	CHECK_INT_EQ(fs->duplicate_adds, 0);
	CHECK_INT_EQ(fs->orphan_dv_ranges, 0);
	return fs;
}

/* Every live data file is on disk with its recorded size (unless the lake
 * was generated with --no-data). */
static void check_data_files(struct pl_storage *st, const char *table, const char *dir,
			     const struct pl_fileset *fs, struct pl_arena *a)
{
	struct pl_schema *s = NULL;
	struct pl_error err = { 0 };
	if (pl_schema_load(st, dir, 0, a, &s, &err) != 0) {
		CHECK(0);
		return;
	}
	const struct pl_dtype **types = pl_arena_alloc(a, (s->npartition_keys + 1) * sizeof(*types));
	for (size_t i = 0; i < s->npartition_keys; i++) {
		const struct pl_dfield *f = pl_schema_field_by_name(s, s->partition_keys[i]);
		types[i] = f ? f->type : NULL;
		CHECK(f != NULL);
	}
	struct pl_path_spec spec = { 0 };
	spec.table_root = table;
	spec.n_partition_keys = s->npartition_keys;
	spec.partition_keys = s->partition_keys;
	spec.partition_types = types;
	spec.legacy_partition_name = 1;
	size_t bad = 0;
	for (size_t i = 0; i < fs->n_files; i++) {
		char *path = NULL;
		int external = 0;
		struct pl_dirent de;
		if (pl_live_file_path(&spec, fs, &fs->files[i], a, &path, &external, &err) != 0 ||
		    external || pl_storage_stat(st, path, &de, &err) != 0 ||
		    de.size != (uint64_t)pl_live_file_size(&fs->files[i])) {
			if (!bad++)
				printf("# data file %s: %s\n", path ? path : "?", err.msg);
		}
	}
	CHECK_INT_EQ(bad, 0);
}

static void check_branch(struct pl_storage *st, const char *table, const char *dir,
			 const struct pl_json *rep, int is_main, int with_data)
{
	struct pl_arena a;
	pl_arena_init(&a, 1 << 16);
	int64_t latest = hint(dir, "LATEST");
	int64_t earliest = is_main ? hint(dir, "EARLIEST") : get_i64(rep, "earliestSnapshot");
	CHECK_INT_EQ(latest, get_i64(rep, "latestSnapshot"));
	CHECK_INT_EQ(earliest, get_i64(rep, "earliestSnapshot"));
	CHECK_INT_EQ(latest - earliest + 1, get_i64(rep, "snapshots"));
	for (int64_t id = earliest; id <= latest && id > 0; id++) {
		struct pl_fileset *fs = check_snapshot(st, table, dir, id, &a);
		if (fs && id == latest) {
			CHECK_INT_EQ(fs->n_files, get_i64(rep, "liveFiles"));
			CHECK_INT_EQ(fs->total_record_count, get_i64(rep, "totalRecordCount"));
			CHECK_INT_EQ(fs->n_partitions, get_i64(rep, "partitions"));
			int64_t deleted = 0, dvs = 0;
			for (size_t i = 0; i < fs->n_files; i++) {
				struct pl_live_dv dv = pl_live_file_dv(fs, &fs->files[i]);
				CHECK(dv.state != PL_DV_UNKNOWN);
				if (dv.state == PL_DV_KNOWN) {
					deleted += dv.deleted_rows;
					dvs++;
				}
			}
			CHECK_INT_EQ(deleted, get_i64(rep, "deletedRows"));
			CHECK_INT_EQ(dvs, get_i64(rep, "deletionVectors"));
			if (with_data)
				check_data_files(st, table, dir, fs, &a);
		}
		pl_fileset_free(fs);
	}
	/* every schema file parses */
	for (int64_t id = 0; id < get_i64(rep, "schemas"); id++) {
		struct pl_schema *s = NULL;
		struct pl_error err = { 0 };
		int rc = pl_schema_load(st, dir, id, &a, &s, &err);
		if (rc != 0)
			printf("# schema %lld: %s\n", (long long)id, err.msg);
		CHECK_INT_EQ(rc, 0);
	}
	pl_arena_free(&a);
}

static void check_lake(const char *name, const char *flags)
{
	if (!have_generator()) {
		SKIP("paimon-lens-gen not built");
		return;
	}
	struct pl_arena a;
	pl_arena_init(&a, 1 << 16);
	char lake[4096];
	const struct pl_json *rep = generate(name, flags, &a, lake, sizeof(lake));
	CHECK(rep != NULL);
	const struct pl_json *tables = rep ? pl_json_get(rep, "tables") : NULL;
	CHECK(tables && tables->n > 0);
	struct pl_storage *st = NULL;
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_storage_open(lake, NULL, &st, &err), 0);
	for (size_t i = 0; tables && st && i < tables->n; i++) {
		const struct pl_json *t = tables->items[i];
		const struct pl_json *br = pl_json_get(t, "branches");
		char table[4600];
		snprintf(table, sizeof(table), "%s/%s.db/%s", st->root, pl_json_get_str(t, "database"),
			 pl_json_get_str(t, "table"));
		for (size_t b = 0; br && b < br->n; b++) {
			char dir[4800];
			int is_main = strcmp(br->keys[b], "main") == 0;
			if (is_main)
				snprintf(dir, sizeof(dir), "%s", table);
			else
				snprintf(dir, sizeof(dir), "%s/branch/branch-%s", table, br->keys[b]);
			check_branch(st, table, dir, br->items[b], is_main,
				     strstr(flags, "--no-data") == NULL);
		}
	}
	if (st)
		pl_storage_close(st);
	pl_arena_free(&a);
}

TEST(small_pk_zstd)
{
	check_lake("pk", "--kind pk --tables 1 --snapshots 12 --files 5 --partitions 3 "
			 "--buckets 2 --compact-every 2 --expire-keep 8 --tags 2 --branch dev");
}

TEST(small_append_null_codec)
{
	check_lake("append", "--kind append --databases 2 --tables 2 --snapshots 6 --files 4 "
			     "--partitions 2 --manifest-codec null --compact-every 3");
}

TEST(small_manifests_roll_and_merge)
{
	/* tiny target size: every manifest rolls and the base list is merged */
	check_lake("roll", "--kind mixed --tables 2 --snapshots 40 --files 7 --partitions 5 "
			   "--manifest-target-size 3000 --compact-every 4");
}

TEST(demo_preset)
{
	check_lake("demo", "--preset demo --no-data");
}

int main(void)
{
	RUN(small_pk_zstd);
	RUN(small_append_null_codec);
	RUN(small_manifests_roll_and_merge);
	RUN(demo_preset);
	return pl_test_done();
}
