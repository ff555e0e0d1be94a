/* The catalog walk: scratch warehouses for Java's rules, and the fixture
 * warehouses for the expected databases and tables. */
#include "test.h"
#include "lake_testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/storage.h"
#include "paimon/catalog.h"
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

TEST(java_rules_for_databases_and_tables)
{
	char *wh = lake_new("warehouse");
	struct pl_storage *st = open_local(wh);
	const char *schema = lake_schema_json(0, NULL);
	lake_write(wh, "sales.db/orders/schema/schema-0", schema, (size_t)-1);
	/* Only a later schema survived (rollback/cleanup). */
	lake_write(wh, "sales.db/later/schema/schema-3", schema, (size_t)-1);
	/* Not tables: no valid schema file, a file, temp and junk schema names. */
	lake_mkdir(wh, "sales.db/external/f1=10/bucket-0");
	lake_write(wh, "sales.db/tmp/schema/.schema-0.0b7d.tmp", "{", 1);
	lake_write(wh, "sales.db/tmp/schema/schema-0b7d.tmp", "{", 1);
	lake_mkdir(wh, "sales.db/dirschema/schema/schema-0");
	lake_write(wh, "sales.db/README", "x", 1);
	lake_mkdir(wh, "empty.db");
	lake_mkdir(wh, "sys.db");
	lake_mkdir(wh, "orc");
	lake_mkdir(wh, ".db");
	lake_write(wh, "file.db", "x", 1);
	lake_mkdir(wh, "notadb.DB");

	struct pl_database *dbs;
	size_t n;
	struct pl_error err;
	CHECK_INT_EQ(pl_catalog_list_databases(st, wh, &arena, &dbs, &n, &err), 0);
	CHECK_INT_EQ(n, 3);
	if (n == 3) {
		CHECK_STR_EQ(dbs[0].name, "empty");
		CHECK_STR_EQ(dbs[1].name, "sales");
		CHECK(!dbs[1].shadowed_by_system);
		CHECK_STR_EQ(dbs[2].name, "sys");
		CHECK(dbs[2].shadowed_by_system);
		CHECK(strstr(dbs[1].path, "/sales.db") != NULL);
	}

	/* Every folder but hidden ones is listed, tables or not: which is a
	 * table is only known when it is opened (catalog.h). */
	lake_mkdir(wh, "sales.db/.staging/schema");
	lake_write(wh, "sales.db/.staging/schema/schema-0", schema, (size_t)-1);
	struct pl_catalog_table *t;
	CHECK_INT_EQ(pl_catalog_list_tables(st, wh, "sales", &arena, &t, &n, &err), 0);
	static const char *const folders[] = { "dirschema", "external", "later", "orders",
					       "tmp" };
	static const int is_table[] = { 0, 0, 1, 1, 0 };
	CHECK_INT_EQ(n, 5);
	for (size_t i = 0; n == 5 && i < n; i++) {
		CHECK_STR_EQ(t[i].name, folders[i]);
		CHECK(strstr(t[i].path, "/sales.db/") != NULL);
		/* Java's rule, for one folder at a time. */
		CHECK_INT_EQ(pl_catalog_is_table(st, t[i].path, &err), is_table[i]);
		pl_err_clear(&err);
		CHECK_INT_EQ(pl_catalog_not_a_table(st, t[i].path, &err), 1);
		CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
		CHECK(strstr(err.msg, "not a Paimon table: no schema/schema-N file") != NULL);
		CHECK(strstr(err.msg, folders[i]) != NULL);
		CHECK(pl_catalog_not_a_table_msg(err.msg));
	}
	/* A folder that is not there is no foreign folder: the caller says
	 * "no table". A file is not a folder either. */
	pl_err_clear(&err);
	CHECK_INT_EQ(pl_catalog_not_a_table(st, pl_arena_printf(&arena, "%s/sales.db/gone", wh),
					    &err), 0);
	CHECK_INT_EQ(pl_catalog_not_a_table(st, pl_arena_printf(&arena, "%s/sales.db/README", wh),
					    &err), 0);
	CHECK_INT_EQ(err.code, PL_OK);
	CHECK(!pl_catalog_not_a_table_msg("x: no table"));
	CHECK(!pl_catalog_not_a_table_msg(PL_NOT_A_TABLE));
	CHECK(!pl_catalog_not_a_table_msg(NULL));
	CHECK_INT_EQ(pl_catalog_list_tables(st, wh, "empty", &arena, &t, &n, &err), 0);
	CHECK_INT_EQ(n, 0);
	CHECK_INT_EQ(pl_catalog_list_tables(st, wh, "missing", &arena, &t, &n, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
	CHECK(strstr(err.msg, "no database \"missing\"") != NULL);
	CHECK_INT_EQ(pl_catalog_list_tables(st, wh, "../x", &arena, &t, &n, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);

	char *missing = pl_arena_printf(&arena, "%s/nowhere", wh);
	CHECK_INT_EQ(pl_catalog_list_databases(st, missing, &arena, &dbs, &n, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);

	CHECK(pl_catalog_table_path(&arena, wh, "a", "b/c") == NULL);
	CHECK(pl_catalog_database_path(&arena, wh, "") == NULL);
	const char *p = pl_catalog_table_path(&arena, "/w/", "a", "b");
	CHECK_STR_EQ(p, "/w/a.db/b");
	pl_storage_close(st);
	free(wh);
}

/* A storage that counts its requests around the local back end. */
static const struct pl_storage_ops *inner;
static struct pl_storage_ops counting;
static long n_list, n_other;

static int c_list(struct pl_storage *st, const char *path, struct pl_listing *out,
		  struct pl_error *err)
{
	n_list++;
	return inner->list(st, path, out, err);
}

static int c_read(struct pl_storage *st, const char *path, uint64_t off, uint64_t len,
		  size_t cap, struct pl_buf *out, struct pl_error *err)
{
	n_other++;
	return inner->read(st, path, off, len, cap, out, err);
}

static size_t c_read_batch(struct pl_storage *st, struct pl_read_req *reqs, size_t n)
{
	n_other += (long)n;
	return inner->read_batch ? inner->read_batch(st, reqs, n) : 0;
}

static int c_stat(struct pl_storage *st, const char *path, struct pl_dirent *out,
		  struct pl_error *err)
{
	n_other++;
	return inner->stat(st, path, out, err);
}

/* Issue 7: a catalog of many tables lists without one request per table,
 * as object stores need (a request there is a round trip). */
TEST(one_listing_per_database)
{
	enum { N_TABLES = 40 };
	char *wh = lake_new("counted");
	const char *schema = lake_schema_json(0, NULL);
	for (int i = 0; i < N_TABLES; i++) {
		char rel[64];
		snprintf(rel, sizeof(rel), "big.db/t%03d/schema/schema-0", i);
		lake_write(wh, rel, schema, (size_t)-1);
	}
	lake_mkdir(wh, "big.db/external/f1=10/bucket-0");
	struct pl_storage *st = open_local(wh);
	if (!st) {
		CHECK(!"open");
		free(wh);
		return;
	}
	inner = st->ops;
	counting = *inner;
	counting.list = c_list;
	counting.read = c_read;
	counting.read_batch = inner->read_batch ? c_read_batch : NULL;
	counting.stat = c_stat;
	st->ops = &counting;

	struct pl_database *dbs;
	struct pl_catalog_table *t;
	size_t ndb = 0, n = 0;
	struct pl_error err;
	n_list = n_other = 0;
	CHECK_INT_EQ(pl_catalog_list_databases(st, wh, &arena, &dbs, &ndb, &err), 0);
	CHECK_INT_EQ(ndb, 1);
	CHECK_INT_EQ(n_list, 1);
	n_list = n_other = 0;
	CHECK_INT_EQ(pl_catalog_list_tables(st, wh, "big", &arena, &t, &n, &err), 0);
	CHECK_INT_EQ(n, N_TABLES + 1);
	/* One listing of big.db and nothing per table. */
	CHECK_INT_EQ(n_list, 1);
	CHECK_INT_EQ(n_other, 0);
	if (n == N_TABLES + 1) {
		CHECK_STR_EQ(t[0].name, "external");
		CHECK_STR_EQ(t[1].name, "t000");
		CHECK_STR_EQ(t[N_TABLES].name, "t039");
	}
	st->ops = inner;
	pl_storage_close(st);
	free(wh);
}

struct expected_warehouse {
	const char *name;
	size_t databases;
	size_t folders;      /* what the listing shows */
	size_t tables;       /* of them, folders with a schema file */
};

TEST(fixture_warehouses)
{
	static const struct expected_warehouse expect[] = {
		{ "orc", 49, 52, 49 }, { "parquet", 22, 23, 22 }, { "misc", 4, 4, 4 },
	};
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("fixtures absent");
		return;
	}
	for (size_t w = 0; w < sizeof(expect) / sizeof(expect[0]); w++) {
		char *wh = pl_arena_printf(&arena, "%s/%s", fx, expect[w].name);
		struct pl_storage *st = open_local(wh);
		struct pl_database *dbs;
		size_t ndb = 0, nfolders = 0, ntables = 0;
		struct pl_error err;
		CHECK_INT_EQ(pl_catalog_list_databases(st, st->root, &arena, &dbs, &ndb, &err), 0);
		CHECK_INT_EQ(ndb, expect[w].databases);
		for (size_t i = 0; i < ndb; i++) {
			struct pl_catalog_table *t;
			size_t n = 0;
			if (pl_catalog_list_tables(st, st->root, dbs[i].name, &arena, &t, &n, &err)) {
				printf("# %s\n", err.msg);
				CHECK(!"list tables");
			}
			/* Each fixture database holds the table of its name,
			 * but for misc/db_with_blob.db; some also hold a folder
			 * of external data (format-metadata.md §1.2). */
			const char *want = strcmp(dbs[i].name, "db_with_blob") == 0
						   ? "table_with_blob" : dbs[i].name;
			size_t found = 0;
			for (size_t k = 0; k < n; k++) {
				int is = pl_catalog_is_table(st, t[k].path, &err);
				CHECK(is == 1 || strncmp(t[k].name, "external", 8) == 0);
				CHECK(is == (strcmp(t[k].name, want) == 0));
				found += is == 1;
			}
			CHECK_INT_EQ(found, 1);
			ntables += found;
			nfolders += n;
		}
		CHECK_INT_EQ(nfolders, expect[w].folders);
		CHECK_INT_EQ(ntables, expect[w].tables);
		pl_storage_close(st);
	}
	/* The fixture root itself: not a database, its .db-less folders ignored. */
	struct pl_storage *st = open_local(fx);
	struct pl_database *dbs;
	size_t n;
	struct pl_error err;
	CHECK_INT_EQ(pl_catalog_list_databases(st, st->root, &arena, &dbs, &n, &err), 0);
	for (size_t i = 0; i < n; i++)
		CHECK(strcmp(dbs[i].name, "orc") != 0 && strcmp(dbs[i].name, "parquet") != 0);
	pl_storage_close(st);
}

int main(void)
{
	pl_arena_init(&arena, 64 * 1024);
	RUN(java_rules_for_databases_and_tables);
	RUN(one_listing_per_database);
	RUN(fixture_warehouses);
	pl_arena_free(&arena);
	return pl_test_done();
}
