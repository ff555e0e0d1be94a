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

	struct pl_catalog_table *t;
	CHECK_INT_EQ(pl_catalog_list_tables(st, wh, "sales", &arena, &t, &n, &err), 0);
	CHECK_INT_EQ(n, 2);
	if (n == 2) {
		CHECK_STR_EQ(t[0].name, "later");
		CHECK_STR_EQ(t[1].name, "orders");
	}
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

struct expected_warehouse {
	const char *name;
	size_t databases;
	size_t tables;
};

TEST(fixture_warehouses)
{
	static const struct expected_warehouse expect[] = {
		{ "orc", 49, 49 }, { "parquet", 22, 22 }, { "misc", 4, 4 },
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
		size_t ndb = 0, ntables = 0;
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
			 * but for misc/db_with_blob.db. */
			const char *want = strcmp(dbs[i].name, "db_with_blob") == 0
						   ? "table_with_blob" : dbs[i].name;
			CHECK(n == 1 && strcmp(t[0].name, want) == 0);
			ntables += n;
		}
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
	RUN(fixture_warehouses);
	pl_arena_free(&arena);
	return pl_test_done();
}
