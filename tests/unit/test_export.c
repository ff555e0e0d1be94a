/* The export over real fixture tables: the facets carry the answers the
 * fixture READMEs state, and broken tables give errors with context. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect/export.h"
#include "collect/record.h"
#include "test.h"

static cJSON *export_fixture(const char *rel, const char *db, const char *table,
			     struct pl_error *err)
{
	const char *fx = pl_test_fixtures();
	char root[1024], path[1200];
	snprintf(root, sizeof(root), "%s/%s", fx, rel);
	snprintf(path, sizeof(path), "%s/%s.db/%s", root, db, table);
	struct pl_storage *st;
	struct pl_storage_options so = { 0 };
	if (pl_storage_open(root, &so, &st, err))
		return NULL;
	struct pl_export_options o = { .has_event_time = 1, .event_time_ms = 0 };
	struct pl_export_table_ref ref = { .st = st, .table_path = path, .database = db,
					   .table = table };
	cJSON *ev = pl_export_event(&ref, &o, NULL, err);
	pl_storage_close(st);
	return ev;
}

static cJSON *facet(cJSON *ev, const char *name)
{
	return cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(ev, "dataset"),
						 "facets"), name);
}

static const char *raw_text(cJSON *o, const char *key)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v)
		return "(absent)";
	if (cJSON_IsRaw(v))
		return v->valuestring;
	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsTrue(v))
		return "true";
	if (cJSON_IsFalse(v))
		return "false";
	return "(other)";
}

TEST(pk_table_with_dv)
{
	if (!pl_test_fixtures()) {
		SKIP("no fixtures");
		return;
	}
	struct pl_error err;
	cJSON *ev = export_fixture("orc", "pk_09", "pk_09", &err);
	CHECK(ev != NULL);
	if (!ev) {
		printf("# %s\n", err.msg);
		return;
	}
	CHECK_STR_EQ(raw_text(ev, "eventTime"), "1970-01-01T00:00:00.000Z");
	cJSON *t = facet(ev, "paimonLens_table");
	CHECK_STR_EQ(raw_text(t, "tableKind"), "primary-key");
	CHECK_STR_EQ(raw_text(t, "bucket"), "2");
	CHECK_STR_EQ(raw_text(t, "bucketMode"), "HASH_FIXED");
	CHECK_STR_EQ(raw_text(t, "deletionVectors"), "true");
	CHECK_STR_EQ(raw_text(t, "createdAt"), "2024-09-05T11:02:24.802Z");
	cJSON *v = facet(ev, "version");
	CHECK_STR_EQ(raw_text(v, "datasetVersion"), "8");
	cJSON *s = facet(ev, "paimonLens_snapshots");
	CHECK_STR_EQ(raw_text(s, "earliestSnapshotId"), "1");
	CHECK_STR_EQ(raw_text(s, "latestSnapshotId"), "8");
	CHECK_STR_EQ(raw_text(s, "retainedCount"), "8");
	cJSON *p = facet(ev, "paimonLens_partitions");
	CHECK_STR_EQ(raw_text(p, "total"), "2");
	cJSON *first = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(p, "items"), 0);
	CHECK_STR_EQ(raw_text(first, "partition"), "f1=20");
	cJSON *st = facet(ev, "paimonLens_storage");
	CHECK_STR_EQ(raw_text(st, "recordCountKind"), "physical-unmerged");
	CHECK_STR_EQ(raw_text(st, "deletionVectorIndexFiles"), "2");
	cJSON_Delete(ev);
}

TEST(missing_table)
{
	if (!pl_test_fixtures()) {
		SKIP("no fixtures");
		return;
	}
	struct pl_error err;
	cJSON *ev = export_fixture("orc", "pk_09", "no_such_table", &err);
	CHECK(ev == NULL);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
	CHECK(strstr(err.msg, "pk_09.no_such_table") != NULL);
}

/* A copy of a small table with one file broken at a time. */
static int copy_file(const char *from, const char *to)
{
	size_t n;
	uint8_t *data = pl_test_slurp(from, &n);
	if (!data)
		return -1;
	FILE *f = fopen(to, "wb");
	int rc = f && fwrite(data, 1, n, f) == n ? 0 : -1;
	if (f)
		fclose(f);
	free(data);
	return rc;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

TEST(corrupt_metadata)
{
	const char *tmp = pl_test_tmpdir();
	char dir[1024], path[1200];
	snprintf(dir, sizeof(dir), "%s/wh/db.db", tmp);
	char cmd[8192];
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/t/schema %s/t/snapshot", dir, dir);
	CHECK_INT_EQ(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/t/schema/schema-0", dir);
	write_text(path, "{\"version\":3,\"id\":0,\"fields\":[{\"id\":0,\"name\":\"a\","
		   "\"type\":\"INT\"}],\"highestFieldId\":0,\"partitionKeys\":[],"
		   "\"primaryKeys\":[],\"options\":{},\"timeMillis\":1}");
	snprintf(path, sizeof(path), "%s/t/snapshot/snapshot-1", dir);
	write_text(path, "{\"version\":3,\"id\":1,\"schemaId\":0,\"baseManifestList\":"
		   "\"manifest-list-x-0\",\"deltaManifestList\":\"manifest-list-x-1\","
		   "\"commitKind\":\"APPEND\",\"timeMillis\":1}");

	char root[1100], table[1200];
	snprintf(root, sizeof(root), "%s/wh", tmp);
	snprintf(table, sizeof(table), "%s/t", dir);
	struct pl_storage *st;
	struct pl_storage_options so = { 0 };
	struct pl_error err;
	CHECK_INT_EQ(pl_storage_open(root, &so, &st, &err), 0);
	struct pl_export_options o = { .has_event_time = 1 };
	struct pl_export_table_ref ref = { .st = st, .table_path = table, .database = "db",
					   .table = "t" };
	/* The manifest list is missing: not found, named. */
	cJSON *ev = pl_export_event(&ref, &o, NULL, &err);
	CHECK(ev == NULL);
	CHECK(strstr(err.msg, "db.t") != NULL);

	/* A manifest list of garbage is corrupt. */
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/t/manifest && printf 'garbage' > "
		 "%s/t/manifest/manifest-list-x-0 && cp %s/t/manifest/manifest-list-x-0 "
		 "%s/t/manifest/manifest-list-x-1", dir, dir, dir, dir);
	CHECK_INT_EQ(system(cmd), 0);
	ev = pl_export_event(&ref, &o, NULL, &err);
	CHECK(ev == NULL);
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	CHECK(strstr(err.msg, "manifest-list-x-0") != NULL);

	/* A snapshot naming an unknown schema is corrupt. */
	snprintf(path, sizeof(path), "%s/t/snapshot/snapshot-2", dir);
	write_text(path, "{\"id\":2,\"schemaId\":7,\"baseManifestList\":\"a\","
		   "\"deltaManifestList\":\"b\",\"timeMillis\":1}");
	ev = pl_export_event(&ref, &o, NULL, &err);
	CHECK(ev == NULL);
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	CHECK(strstr(err.msg, "schemaId 7") != NULL);

	/* A broken schema file. */
	snprintf(path, sizeof(path), "%s/t/schema/schema-1", dir);
	write_text(path, "{\"id\":1,\"fields\":[{\"id\":0,");
	ev = pl_export_event(&ref, &o, NULL, &err);
	CHECK(ev == NULL);
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	CHECK(strstr(err.msg, "schema-1") != NULL);

	/* A consumer file without its id. */
	unlink(path);
	snprintf(path, sizeof(path), "%s/t/snapshot/snapshot-2", dir);
	unlink(path);
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/t/consumer && echo '{}' > "
		 "%s/t/consumer/consumer-c1", dir, dir);
	CHECK_INT_EQ(system(cmd), 0);
	ev = pl_export_event(&ref, &o, NULL, &err);
	CHECK(ev == NULL);
	(void)copy_file;
	pl_storage_close(st);
}

int main(void)
{
	RUN(pk_table_with_dv);
	RUN(missing_table);
	RUN(corrupt_metadata);
	return pl_test_done();
}
