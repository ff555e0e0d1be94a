/* The table handle over a scratch lake and over every fixture table. */
#include "test.h"
#include "lake_testlib.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/storage.h"
#include "paimon/catalog.h"
#include "paimon/options.h"
#include "paimon/table.h"
#include "util/arena.h"

static struct pl_arena arena;

static struct pl_storage *open_local(const char *root)
{
	struct pl_storage *st = NULL;
	struct pl_error err;
	if (pl_storage_open(root, NULL, &st, &err))
		printf("# %s\n", err.msg);
	return st;
}

static void write_versioned(const char *root, const char *dir, const char *prefix,
			    long long id, const char *text)
{
	char rel[512];
	snprintf(rel, sizeof(rel), "%s/%s%lld", dir, prefix, id);
	lake_write(root, rel, text, (size_t)-1);
}

/* db.t with schemas 0 and 2, snapshots 2, 3 (stale LATEST) and a branch. */
static char *make_lake(void)
{
	char *wh = lake_new("table");
	const char *t = "db.db/t";
	char dir[256];
	snprintf(dir, sizeof(dir), "%s/schema", t);
	write_versioned(wh, dir, "schema-", 0, lake_schema_json(0, NULL));
	write_versioned(wh, dir, "schema-", 2,
			lake_schema_json(2, "{ \"bucket\" : \"4\", \"scan.fallback-branch\" : "
					    "\"dev\", \"snapshot.num-retained.min\" : \"3\" }"));
	snprintf(dir, sizeof(dir), "%s/snapshot", t);
	write_versioned(wh, dir, "snapshot-", 2, lake_snapshot_json(2));
	char *s3 = strdup(lake_snapshot_json(3));
	char *stat = strstr(s3, "  \"changelogRecordCount\"");
	char text[2048];
	snprintf(text, sizeof(text), "%.*s  \"statistics\" : \"stat-a-0\",\n%s",
		 (int)(stat - s3), s3, stat);
	free(s3);
	write_versioned(wh, dir, "snapshot-", 3, text);
	lake_write(wh, "db.db/t/snapshot/LATEST", "2", 1);
	lake_write(wh, "db.db/t/snapshot/EARLIEST", "1", 1);
	lake_write(wh, "db.db/t/statistics/stat-a-0",
		   "{\"snapshotId\":3,\"schemaId\":0,\"mergedRecordCount\":7,\"colStats\":{}}",
		   (size_t)-1);
	lake_write(wh, "db.db/t/tag/tag-v1", lake_snapshot_json(2), (size_t)-1);
	lake_write(wh, "db.db/t/consumer/consumer-c1", "{\"nextSnapshot\":3}", (size_t)-1);
	write_versioned(wh, "db.db/t/changelog", "changelog-", 1, lake_snapshot_json(1));
	/* Branch dev: its own schema and snapshot numbering. */
	write_versioned(wh, "db.db/t/branch/branch-dev/schema", "schema-", 0,
			lake_schema_json(0, "{ \"bucket\" : \"2\" }"));
	write_versioned(wh, "db.db/t/branch/branch-dev/snapshot", "snapshot-", 1,
			lake_snapshot_json(1));
	lake_write(wh, "db.db/t/branch/branch-dev/tag/tag-b1", lake_snapshot_json(1), (size_t)-1);
	/* A branch folder without schema is not a branch to open. */
	lake_mkdir(wh, "db.db/t/branch/branch-ghost");
	/* A table never written. */
	write_versioned(wh, "db.db/fresh/schema", "schema-", 0, lake_schema_json(0, NULL));
	/* A table whose newest snapshot is cut short. */
	write_versioned(wh, "db.db/rotten/schema", "schema-", 0, lake_schema_json(0, NULL));
	write_versioned(wh, "db.db/rotten/snapshot", "snapshot-", 1, lake_snapshot_json(1));
	write_versioned(wh, "db.db/rotten/snapshot", "snapshot-", 2, "{\"id\" : 2, \"sch");
	/* A table whose latest schema is corrupt. */
	write_versioned(wh, "db.db/broken/schema", "schema-", 0, "{\"id\":0,");
	return wh;
}

TEST(open_resolves_folders_and_errors)
{
	char *wh = make_lake();
	struct pl_storage *st = open_local(wh);
	struct pl_table *t = NULL;
	struct pl_error err;
	CHECK_INT_EQ(pl_table_open(st, wh, "db", "t", NULL, &t, &err), 0);
	if (!t) {
		printf("# %s\n", err.msg);
		return;
	}
	CHECK_STR_EQ(pl_table_name(t), "db.t");
	CHECK_STR_EQ(pl_table_branch(t), "main");
	CHECK(pl_table_is_main(t));
	CHECK_STR_EQ(pl_table_data_root(t), pl_table_branch_root(t));
	CHECK(strstr(pl_table_manifest_dir(t), "/db.db/t/manifest") != NULL);
	CHECK_INT_EQ(pl_table_latest_schema(t)->id, 2);
	CHECK_STR_EQ(pl_table_fallback_branch(t), "dev");
	CHECK_STR_EQ(pl_table_type(t), "table");
	pl_table_close(t);

	CHECK_INT_EQ(pl_table_open(st, wh, "db", "t", "dev", &t, &err), 0);
	if (t) {
		CHECK_STR_EQ(pl_table_branch(t), "dev");
		CHECK(!pl_table_is_main(t));
		CHECK(strstr(pl_table_branch_root(t), "/db.db/t/branch/branch-dev") != NULL);
		CHECK(strstr(pl_table_data_root(t), "/branch") == NULL);
		CHECK_STR_EQ(pl_table_option(t, "bucket", NULL), "2");
		CHECK(pl_table_fallback_branch(t) == NULL);
		const struct pl_snapshot *s;
		CHECK_INT_EQ(pl_table_latest_snapshot(t, &s, &err), 0);
		CHECK(s && s->id == 1);
		const struct pl_tag *tag;
		CHECK_INT_EQ(pl_table_tag(t, "b1", &tag, &err), 0);
		CHECK_INT_EQ(pl_table_tag(t, "v1", &tag, &err), -1);
		CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
		const struct pl_branch *b;
		size_t n;
		CHECK_INT_EQ(pl_table_branches(t, &b, &n, &err), 0);
		CHECK_INT_EQ(n, 2);
		pl_table_close(t);
	}
	const char *tp = pl_arena_printf(&arena, "%s/db.db/t", wh);
	CHECK_INT_EQ(pl_branch_check(st, tp, NULL, &err), 0);
	CHECK_INT_EQ(pl_branch_check(st, tp, "dev", &err), 0);
	CHECK_INT_EQ(pl_branch_check(st, tp, "ghost", &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
	CHECK_INT_EQ(pl_branch_check(st, tp, "a/b", &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
	CHECK_STR_EQ(pl_branch_path(&arena, "/w/t", "main"), "/w/t");
	CHECK_STR_EQ(pl_branch_path(&arena, "/w/t", "x y"), "/w/t/branch/branch-x y");
	CHECK(pl_branch_path(&arena, "/w/t", "..") == NULL);

	static const struct { const char *db, *table, *branch; enum pl_err_code code;
			      const char *msg; } bad[] = {
		{ "db", "t", "ghost", PL_ERR_NOT_FOUND, "no branch \"ghost\"" },
		{ "db", "t", "../..", PL_ERR_NOT_FOUND, "branch" },
		{ "db", "nope", NULL, PL_ERR_NOT_FOUND, "no table \"db.nope\"" },
		{ "nodb", "t", NULL, PL_ERR_NOT_FOUND, "no database \"nodb\"" },
		{ "db", "broken", NULL, PL_ERR_CORRUPT, "schema-0: offset" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pl_err_clear(&err);
		t = NULL;
		CHECK_INT_EQ(pl_table_open(st, wh, bad[i].db, bad[i].table, bad[i].branch, &t, &err),
			     -1);
		CHECK(t == NULL);
		CHECK_INT_EQ(err.code, bad[i].code);
		if (!strstr(err.msg, bad[i].msg))
			printf("# case %zu: %s\n", i, err.msg);
		CHECK(strstr(err.msg, bad[i].msg) != NULL);
	}
	char *notable = pl_arena_printf(&arena, "%s/db.db", wh);
	CHECK_INT_EQ(pl_table_open_path(st, notable, NULL, &t, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
	CHECK(strstr(err.msg, "db.db: not a Paimon table: no schema/schema-N file") != NULL);
	/* A folder the database lists that holds no schema file: by name it
	 * says why it is no table, rather than that there is none. */
	lake_mkdir(wh, "db.db/external/f1=10/bucket-0");
	CHECK_INT_EQ(pl_table_open(st, wh, "db", "external", NULL, &t, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
	CHECK(strstr(err.msg, "db.db/external: not a Paimon table: no schema/schema-N file")
	      != NULL);
	CHECK_INT_EQ(pl_table_open(st, wh, "db", "external", "dev", &t, &err), -1);
	CHECK(pl_catalog_not_a_table_msg(err.msg));
	pl_storage_close(st);
	free(wh);
}

TEST(snapshots_tags_consumers_statistics)
{
	char *wh = make_lake();
	struct pl_storage *st = open_local(wh);
	struct pl_table *t = NULL;
	struct pl_error err;
	CHECK_INT_EQ(pl_table_open(st, wh, "db", "t", "main", &t, &err), 0);
	if (!t)
		return;
	const int64_t *ids;
	size_t n;
	CHECK_INT_EQ(pl_table_snapshot_ids(t, &ids, &n, &err), 0);
	CHECK(n == 2 && ids[0] == 2 && ids[1] == 3);
	/* LATEST says 2 but snapshot-3 exists; EARLIEST says 1, long gone. */
	const struct pl_snapshot *s, *again;
	CHECK_INT_EQ(pl_table_latest_snapshot(t, &s, &err), 0);
	CHECK(s && s->id == 3);
	CHECK_INT_EQ(pl_table_earliest_snapshot(t, &s, &err), 0);
	CHECK(s && s->id == 2);
	CHECK_INT_EQ(pl_table_snapshot(t, 2, &again, &err), 0);
	CHECK(again == s);
	CHECK_INT_EQ(pl_table_snapshot(t, 5, &s, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);

	const struct pl_snapshot_slot *slots;
	CHECK_INT_EQ(pl_table_snapshots(t, 1, &slots, &n, &err), 0);
	CHECK(n == 1 && slots[0].id == 3 && slots[0].snap);
	CHECK_INT_EQ(pl_table_snapshots(t, 0, &slots, &n, &err), 0);
	CHECK(n == 2 && slots[0].snap && slots[0].snap->id == 2);

	const struct pl_statistics *stats;
	CHECK_INT_EQ(pl_table_statistics(t, slots[0].snap, &stats, &err), 0);
	CHECK(stats == NULL);
	CHECK_INT_EQ(pl_table_statistics(t, slots[1].snap, &stats, &err), 0);
	CHECK(stats && stats->merged_record_count.v == 7);

	const struct pl_tag *tags;
	CHECK_INT_EQ(pl_table_tags(t, &tags, &n, &err), 0);
	CHECK(n == 1 && strcmp(tags[0].name, "v1") == 0 && tags[0].snap->id == 2);
	const struct pl_consumer *c;
	CHECK_INT_EQ(pl_table_consumers(t, &c, &n, &err), 0);
	CHECK(n == 1 && c[0].next_snapshot == 3);
	const struct pl_branch *b;
	CHECK_INT_EQ(pl_table_branches(t, &b, &n, &err), 0);
	CHECK(n == 2 && strcmp(b[0].name, "dev") == 0 && b[0].create_time_ms > 0);
	CHECK_INT_EQ(pl_table_changelog_ids(t, &ids, &n, &err), 0);
	CHECK(n == 1 && ids[0] == 1);
	CHECK_INT_EQ(pl_table_changelog(t, 1, &s, &err), 0);
	CHECK_INT_EQ(pl_table_changelog(t, 2, &s, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);

	const struct pl_schema *const *schemas;
	CHECK_INT_EQ(pl_table_schemas(t, &schemas, &n, &err), 0);
	CHECK(n == 2 && schemas[0]->id == 0 && schemas[1]->id == 2);
	const struct pl_schema *one;
	CHECK_INT_EQ(pl_table_schema(t, 0, &one, &err), 0);
	CHECK_INT_EQ(pl_table_schema(t, 1, &one, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
	pl_table_close(t);

	/* Never written: no snapshot is NOT_FOUND, the lists are empty. */
	CHECK_INT_EQ(pl_table_open(st, wh, "db", "fresh", NULL, &t, &err), 0);
	if (t) {
		CHECK_INT_EQ(pl_table_latest_snapshot(t, &s, &err), -1);
		CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
		CHECK_INT_EQ(pl_table_snapshots(t, 0, &slots, &n, &err), 0);
		CHECK_INT_EQ(n, 0);
		CHECK_INT_EQ(pl_table_tags(t, &tags, &n, &err), 0);
		CHECK_INT_EQ(n, 0);
		pl_table_close(t);
	}

	/* A corrupt snapshot fails itself only, with file and offset. */
	CHECK_INT_EQ(pl_table_open(st, wh, "db", "rotten", NULL, &t, &err), 0);
	if (t) {
		CHECK_INT_EQ(pl_table_snapshot(t, 2, &s, &err), -1);
		CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
		CHECK(strstr(err.msg, "snapshot-2: offset ") != NULL);
		CHECK_INT_EQ(pl_table_latest_snapshot(t, &s, &err), -1);
		CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
		CHECK_INT_EQ(pl_table_snapshot_ids(t, &ids, &n, &err), 0);
		CHECK_INT_EQ(pl_table_snapshot(t, 2, &s, &err), -1);
		CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
		CHECK_INT_EQ(pl_table_snapshots(t, 0, &slots, &n, &err), 0);
		CHECK(n == 2 && slots[0].snap && !slots[1].snap);
		CHECK_INT_EQ(slots[1].err.code, PL_ERR_CORRUPT);
		CHECK_INT_EQ(pl_table_earliest_snapshot(t, &s, &err), 0);
		CHECK(s == slots[0].snap);
		pl_table_close(t);
	}
	pl_storage_close(st);
	free(wh);
}

TEST(effective_options)
{
	size_t n;
	const struct pl_option_def *defs = pl_option_defs(&n);
	int sorted = 1;
	for (size_t i = 1; i < n; i++)
		sorted &= strcmp(defs[i - 1].key, defs[i].key) < 0;
	CHECK(sorted);
	for (size_t i = 0; i < n; i++)
		CHECK(pl_option_def_find(defs[i].key) == &defs[i]);

	struct pl_schema *pk = NULL, *append = NULL, *old = NULL;
	struct pl_error err;
	const char *text = lake_schema_json(0, "{ \"snapshot.time-retained\" : \"2 h\" }");
	CHECK_INT_EQ(pl_schema_parse(text, strlen(text), "s", &arena, &pk, &err), 0);
	const char *app = "{\"id\":1,\"fields\":[],\"highestFieldId\":0,\"partitionKeys\":[],"
			  "\"primaryKeys\":[],\"options\":{\"merge-engine\":\"first-row\"}}";
	CHECK_INT_EQ(pl_schema_parse(app, strlen(app), "s", &arena, &append, &err), 0);
	/* version 1 (no key): bucket = 1 and file.format = orc are injected. */
	CHECK_INT_EQ(pl_schema_parse(app, strlen(app), "s", &arena, &old, &err), 0);
	if (!pk || !append)
		return;
	enum pl_option_source src;
	CHECK_STR_EQ(pl_option_effective(pk, "snapshot.time-retained", &src), "2 h");
	CHECK_INT_EQ(src, PL_OPTION_SET);
	CHECK_STR_EQ(pl_option_effective(pk, "changelog.time-retained", &src), "2 h");
	CHECK_INT_EQ(src, PL_OPTION_DEFAULT);
	CHECK_STR_EQ(pl_option_effective(pk, "changelog.num-retained.min", NULL), "10");
	CHECK_STR_EQ(pl_option_effective(pk, "target-file-size", NULL), "128 mb");
	CHECK_STR_EQ(pl_option_effective(append, "target-file-size", NULL), "256 mb");
	CHECK_STR_EQ(pl_option_effective(pk, "merge-engine", NULL), "deduplicate");
	CHECK_STR_EQ(pl_option_effective(append, "merge-engine", NULL), "first-row");
	CHECK_STR_EQ(pl_option_effective(pk, "bucket", &src), "-1");
	CHECK_INT_EQ(src, PL_OPTION_DEFAULT);
	CHECK_STR_EQ(pl_option_effective(old, "bucket", &src), "1");
	CHECK_INT_EQ(src, PL_OPTION_INJECTED);
	CHECK_STR_EQ(pl_option_effective(old, "file.format", NULL), "orc");
	CHECK_STR_EQ(pl_option_effective(pk, "file.format", NULL), "parquet");
	CHECK_STR_EQ(pl_option_effective(pk, "manifest.format", NULL), "avro");
	CHECK_STR_EQ(pl_option_effective(pk, "changelog-producer", NULL), "none");
	CHECK_STR_EQ(pl_option_effective(pk, "deletion-vectors.enabled", NULL), "false");
	CHECK_STR_EQ(pl_option_effective(pk, "snapshot.num-retained.max", NULL), "2147483647");
	CHECK(pl_option_effective(pk, "sequence.field", &src) == NULL);
	CHECK_INT_EQ(src, PL_OPTION_UNSET);
	CHECK(pl_option_effective(pk, "no.such.option", &src) == NULL);

	struct pl_option_value *all;
	size_t nall;
	pl_options_effective_all(append, &arena, &all, &nall);
	CHECK_INT_EQ(nall, n);   /* merge-engine is both stored and known */
	sorted = 1;
	for (size_t i = 1; i < nall; i++)
		sorted &= strcmp(all[i - 1].key, all[i].key) < 0;
	CHECK(sorted);
}

/* Every fixture table, on main and every branch: all metadata reads. */
static void check_view(struct pl_storage *st, const char *path, const char *branch,
		       size_t *nsnap)
{
	struct pl_table *t = NULL;
	struct pl_error err;
	if (pl_table_open_path(st, path, branch, &t, &err)) {
		printf("# %s\n", err.msg);
		CHECK(!"open");
		return;
	}
	const struct pl_snapshot_slot *slots;
	size_t n;
	CHECK_INT_EQ(pl_table_snapshots(t, 0, &slots, &n, &err), 0);
	for (size_t i = 0; i < n; i++) {
		if (!slots[i].snap) {
			printf("# %s\n", slots[i].err.msg);
			CHECK(!"snapshot");
			continue;
		}
		const struct pl_schema *s;
		if (pl_table_schema(t, slots[i].snap->schema_id, &s, &err)) {
			printf("# %s\n", err.msg);
			CHECK(!"schema of snapshot");
		}
		const struct pl_statistics *stats;
		CHECK_INT_EQ(pl_table_statistics(t, slots[i].snap, &stats, &err), 0);
		CHECK(slots[i].snap->base_manifest_list && slots[i].snap->delta_manifest_list);
	}
	*nsnap += n;
	const struct pl_snapshot *latest, *earliest;
	if (n) {
		int64_t first = slots[0].id, last = slots[n - 1].id;
		CHECK_INT_EQ(pl_table_latest_snapshot(t, &latest, &err), 0);
		CHECK_INT_EQ(pl_table_earliest_snapshot(t, &earliest, &err), 0);
		CHECK(latest && latest->id == last);
		CHECK(earliest && earliest->id == first);
		/* The fixtures have no gaps, and their hints are right. */
		CHECK_INT_EQ(last - first + 1, n);
		const char *dir = pl_arena_printf(&arena, "%s/snapshot", pl_table_branch_root(t));
		int64_t id;
		int from_hint = 0;
		CHECK_INT_EQ(pl_hint_find_latest(st, dir, PL_SNAPSHOT_PREFIX, &id, &from_hint, &err),
			     0);
		CHECK(from_hint && id == last);
		CHECK_INT_EQ(pl_hint_find_earliest(st, dir, PL_SNAPSHOT_PREFIX, &id, &from_hint,
						   &err), 0);
		CHECK(from_hint && id == first);
	}
	const struct pl_tag *tags;
	CHECK_INT_EQ(pl_table_tags(t, &tags, &n, &err), 0);
	for (size_t i = 0; i < n; i++)
		CHECK(tags[i].snap != NULL);
	const struct pl_consumer *c;
	CHECK_INT_EQ(pl_table_consumers(t, &c, &n, &err), 0);
	for (size_t i = 0; i < n; i++)
		CHECK(c[i].error == NULL);
	const int64_t *ids;
	CHECK_INT_EQ(pl_table_changelog_ids(t, &ids, &n, &err), 0);
	const struct pl_schema *const *schemas;
	CHECK_INT_EQ(pl_table_schemas(t, &schemas, &n, &err), 0);
	CHECK(n > 0 && schemas[n - 1] == pl_table_latest_schema(t));
	const struct pl_option_value *opts;
	pl_table_options(t, &opts, &n);
	CHECK(n > 0);
	pl_table_close(t);
}

TEST(fixture_conformance)
{
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("fixtures absent");
		return;
	}
	static const char *const warehouses[] = { "orc", "parquet", "misc" };
	size_t ntables = 0, nviews = 0, nsnap = 0, nforeign = 0;
	for (size_t w = 0; w < 3; w++) {
		char *wh = pl_arena_printf(&arena, "%s/%s", fx, warehouses[w]);
		struct pl_storage *st = open_local(wh);
		struct pl_database *dbs;
		size_t ndb;
		struct pl_error err;
		CHECK_INT_EQ(pl_catalog_list_databases(st, st->root, &arena, &dbs, &ndb, &err), 0);
		for (size_t d = 0; d < ndb; d++) {
			struct pl_catalog_table *tabs;
			size_t nt;
			CHECK_INT_EQ(pl_catalog_list_tables(st, st->root, dbs[d].name, &arena, &tabs,
							    &nt, &err), 0);
			for (size_t i = 0; i < nt; i++) {
				struct pl_table *t = NULL;
				/* The listing keeps the folders of relocated
				 * external data; opening one says it is no table. */
				if (pl_catalog_is_table(st, tabs[i].path, &err) == 0) {
					nforeign++;
					CHECK_INT_EQ(pl_table_open(st, st->root, dbs[d].name,
								   tabs[i].name, NULL, &t, &err), -1);
					CHECK(t == NULL && err.code == PL_ERR_NOT_FOUND);
					CHECK(pl_catalog_not_a_table_msg(err.msg));
					continue;
				}
				ntables++;
				nviews++;
				check_view(st, tabs[i].path, NULL, &nsnap);
				if (pl_table_open(st, st->root, dbs[d].name, tabs[i].name, NULL, &t,
						  &err)) {
					CHECK(!"open by name");
					continue;
				}
				const struct pl_branch *b;
				size_t nb;
				CHECK_INT_EQ(pl_table_branches(t, &b, &nb, &err), 0);
				for (size_t k = 0; k < nb; k++, nviews++)
					check_view(st, tabs[i].path, b[k].name, &nsnap);
				pl_table_close(t);
			}
		}
		pl_storage_close(st);
	}
	CHECK_INT_EQ(ntables, 75);
	/* external/ or external-path/ in four databases (format-metadata.md §1.2). */
	CHECK_INT_EQ(nforeign, 4);
	/* 3 branches: orc and parquet append_pt_branch "test", orc rt_branch "rt". */
	CHECK_INT_EQ(nviews, 78);
	printf("# %zu tables, %zu views, %zu snapshots\n", ntables, nviews, nsnap);
}

TEST(fixture_branch_views)
{
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("fixtures absent");
		return;
	}
	char *wh = pl_arena_printf(&arena, "%s/orc", fx);
	struct pl_storage *st = open_local(wh);
	struct pl_table *main_t = NULL, *rt = NULL;
	struct pl_error err;
	const char *name = "append_table_with_rt_branch";
	CHECK_INT_EQ(pl_table_open(st, st->root, name, name, NULL, &main_t, &err), 0);
	CHECK_INT_EQ(pl_table_open(st, st->root, name, name, "rt", &rt, &err), 0);
	if (main_t && rt) {
		CHECK_STR_EQ(pl_table_data_root(main_t), pl_table_data_root(rt));
		CHECK(strcmp(pl_table_branch_root(main_t), pl_table_branch_root(rt)) != 0);
		/* main: append table, bucket unset; rt: primary key, bucket 2. */
		CHECK_INT_EQ(pl_table_latest_schema(main_t)->nprimary_keys, 0);
		CHECK(pl_table_latest_schema(rt)->nprimary_keys > 0);
		CHECK_STR_EQ(pl_table_option(rt, "bucket", NULL), "2");
		CHECK_STR_EQ(pl_table_fallback_branch(main_t), "rt");
		const struct pl_snapshot *s;
		CHECK_INT_EQ(pl_table_latest_snapshot(rt, &s, &err), 0);
	}
	pl_table_close(main_t);
	pl_table_close(rt);

	name = "append_table_with_append_pt_branch";
	CHECK_INT_EQ(pl_table_open(st, st->root, name, name, "test", &rt, &err), 0);
	if (rt) {
		const struct pl_snapshot *s;
		CHECK_INT_EQ(pl_table_snapshot(rt, 1, &s, &err), 0);
		CHECK(s && s->base_manifest_list_size.present &&
		      s->base_manifest_list_size.v == 884);
		/* The branch's manifest lists live in the table's manifest/. */
		char *ml = pl_arena_printf(&arena, "%s/%s", pl_table_manifest_dir(rt),
					   s ? s->base_manifest_list : "");
		struct pl_dirent de;
		CHECK_INT_EQ(pl_storage_stat(st, ml, &de, &err), 0);
		pl_table_close(rt);
	}
	pl_storage_close(st);
}

int main(void)
{
	pl_arena_init(&arena, 64 * 1024);
	RUN(open_resolves_folders_and_errors);
	RUN(snapshots_tags_consumers_statistics);
	RUN(effective_options);
	RUN(fixture_conformance);
	RUN(fixture_branch_views);
	pl_arena_free(&arena);
	return pl_test_done();
}
