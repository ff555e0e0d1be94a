#include "test.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/storage.h"
#include "paimon/schema.h"
#include "util/arena.h"

static struct pl_arena arena;

/* The §3.1 example of format-metadata.md. */
static const char example[] =
	"{\n  \"version\" : 3,\n  \"id\" : 0,\n  \"fields\" : [ {\n    \"id\" : 0,\n"
	"    \"name\" : \"f0\",\n    \"type\" : \"STRING NOT NULL\"\n  }, {\n    \"id\" : 1,\n"
	"    \"name\" : \"f1\",\n    \"type\" : \"INT NOT NULL\"\n  }, {\n    \"id\" : 2,\n"
	"    \"name\" : \"f2\",\n    \"type\" : \"INT NOT NULL\"\n  }, {\n    \"id\" : 3,\n"
	"    \"name\" : \"f3\",\n    \"type\" : \"DOUBLE\"\n  } ],\n  \"highestFieldId\" : 3,\n"
	"  \"partitionKeys\" : [ \"f1\" ],\n  \"primaryKeys\" : [ \"f0\", \"f1\", \"f2\" ],\n"
	"  \"options\" : {\n    \"bucket\" : \"2\",\n    \"bucket-key\" : \"f2\",\n"
	"    \"manifest.format\" : \"orc\",\n    \"file.format\" : \"orc\",\n"
	"    \"deletion-vectors.enabled\" : \"true\",\n    \"commit.force-compact\" : \"true\"\n"
	"  },\n  \"timeMillis\" : 1725534144802\n}";

static struct pl_schema *parse(const char *text)
{
	struct pl_schema *s = NULL;
	struct pl_error err;
	pl_err_clear(&err);
	if (pl_schema_parse(text, strlen(text), "schema-t", &arena, &s, &err) < 0)
		printf("# %s\n", err.msg);
	return s;
}

static const char *parse_error(const char *text, size_t len)
{
	static struct pl_error err;
	struct pl_schema *s = NULL;
	pl_err_clear(&err);
	if (pl_schema_parse(text, len, "schema-t", &arena, &s, &err) == 0)
		return NULL;
	return s ? "(out set on error)" : err.msg;
}

TEST(spec_example_parses_completely)
{
	struct pl_schema *s = parse(example);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT_EQ(s->version, 3);
	CHECK(s->has_version);
	CHECK_INT_EQ(s->id, 0);
	CHECK_INT_EQ(s->nfields, 4);
	CHECK_STR_EQ(s->fields[0].name, "f0");
	CHECK_STR_EQ(pl_dtype_to_string(s->fields[0].type, &arena), "STRING NOT NULL");
	CHECK_INT_EQ(s->fields[3].id, 3);
	CHECK(s->fields[3].type->root == PL_T_DOUBLE && s->fields[3].type->nullable);
	CHECK(s->fields[3].description == NULL);
	CHECK_INT_EQ(s->highest_field_id, 3);
	CHECK_INT_EQ(s->npartition_keys, 1);
	CHECK_STR_EQ(s->partition_keys[0], "f1");
	CHECK_INT_EQ(s->nprimary_keys, 3);
	CHECK_INT_EQ(s->ntrimmed_primary_keys, 2);
	CHECK_STR_EQ(s->trimmed_primary_keys[0], "f0");
	CHECK_STR_EQ(s->trimmed_primary_keys[1], "f2");
	CHECK_INT_EQ(s->nbucket_keys, 1);
	CHECK_STR_EQ(s->bucket_keys[0], "f2");
	CHECK_INT_EQ(s->noptions, 6);
	CHECK_STR_EQ(s->options[0].key, "bucket");
	CHECK_STR_EQ(s->options[5].key, "commit.force-compact");
	CHECK_STR_EQ(pl_schema_option(s, "bucket"), "2");
	CHECK(pl_schema_option(s, "nope") == NULL);
	CHECK(s->comment == NULL);
	CHECK(s->has_time_millis && s->time_millis == 1725534144802LL);
	CHECK(pl_schema_is_primary_key_table(s));
	CHECK(pl_schema_field_by_id(s, 2) == &s->fields[2]);
	CHECK(pl_schema_field_by_id(s, 9) == NULL);
	CHECK(pl_schema_field_by_name(s, "f3") == &s->fields[3]);
}

TEST(old_versions_get_javas_defaults)
{
	const char *v1 = "{\"id\":0,\"fields\":[],\"highestFieldId\":-1,\"partitionKeys\":[],"
			 "\"primaryKeys\":[],\"options\":{}}";
	struct pl_schema *s = parse(v1);
	CHECK(s && s->version == 1 && !s->has_version);
	CHECK(s && !s->has_time_millis && s->time_millis == 0);
	CHECK_STR_EQ(s ? pl_schema_option(s, "bucket") : NULL, "1");
	CHECK_STR_EQ(s ? pl_schema_option(s, "file.format") : NULL, "orc");
	CHECK(s && s->noptions == 2 && s->options[0].injected && s->options[1].injected);
	CHECK(s && !pl_schema_is_primary_key_table(s) && s->nbucket_keys == 0);

	s = parse("{\"version\":2,\"id\":1,\"fields\":[],\"highestFieldId\":0,\"partitionKeys\":[],"
		  "\"primaryKeys\":[],\"options\":{\"bucket\":\"-1\"},\"comment\":\"hi\","
		  "\"timeMillis\":5}");
	CHECK(s && s->noptions == 2);
	CHECK_STR_EQ(s ? pl_schema_option(s, "bucket") : NULL, "-1");
	CHECK_STR_EQ(s ? pl_schema_option(s, "file.format") : NULL, "orc");
	CHECK_STR_EQ(s ? s->comment : NULL, "hi");

	s = parse("{\"version\":3,\"id\":1,\"fields\":[],\"highestFieldId\":0,\"partitionKeys\":[],"
		  "\"primaryKeys\":[],\"options\":{},\"comment\":null}");
	CHECK(s && s->noptions == 0 && s->comment == NULL);
}

TEST(options_keep_order_and_java_text)
{
	struct pl_schema *s = parse(
		"{\"version\":3,\"id\":0,\"fields\":[{\"id\":0,\"name\":\"a\",\"type\":\"INT\"},"
		"{\"id\":1,\"name\":\"b\",\"type\":\"INT\"}],\"highestFieldId\":1,"
		"\"partitionKeys\":[],\"primaryKeys\":[\"a\",\"b\"],\"options\":{\"z\":\"1\","
		"\"bucket-key\":\"a,,b,\",\"n\":7,\"t\":true,\"z\":\"2\",\"x\":null}}");
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT_EQ(s->noptions, 5);
	CHECK_STR_EQ(s->options[0].key, "z");
	CHECK_STR_EQ(s->options[0].value, "2");
	CHECK_STR_EQ(s->options[2].value, "7");
	CHECK_STR_EQ(s->options[3].value, "true");
	CHECK_STR_EQ(s->options[4].value, "null");
	/* Java's String.split drops trailing empty parts only. */
	CHECK_INT_EQ(s->nbucket_keys, 3);
	CHECK_STR_EQ(s->bucket_keys[0], "a");
	CHECK_STR_EQ(s->bucket_keys[1], "");
	CHECK_STR_EQ(s->bucket_keys[2], "b");
	CHECK_INT_EQ(s->ntrimmed_primary_keys, 2);
}

TEST(structural_errors_name_file_and_offset)
{
	static const char *const bad[] = {
		"[]", "{}", "{\"id\":\"0\"}",
		"{\"id\":0,\"fields\":{},\"highestFieldId\":0,\"partitionKeys\":[],\"primaryKeys\":[],"
		"\"options\":{}}",
		"{\"id\":0,\"fields\":[],\"partitionKeys\":[],\"primaryKeys\":[],\"options\":{}}",
		"{\"id\":0,\"fields\":[],\"highestFieldId\":0,\"partitionKeys\":[1],"
		"\"primaryKeys\":[],\"options\":{}}",
		"{\"id\":0,\"fields\":[],\"highestFieldId\":0,\"partitionKeys\":[],"
		"\"options\":{}}",
		"{\"id\":0,\"fields\":[],\"highestFieldId\":0,\"partitionKeys\":[],"
		"\"primaryKeys\":[]}",
		"{\"id\":0,\"fields\":[],\"highestFieldId\":0,\"partitionKeys\":[],"
		"\"primaryKeys\":[],\"options\":{\"a\":[]}}",
		"{\"id\":0,\"fields\":[{\"name\":\"a\",\"type\":\"INT\"}],\"highestFieldId\":0,"
		"\"partitionKeys\":[],\"primaryKeys\":[],\"options\":{}}",
		"{\"id\":0,\"fields\":[],\"highestFieldId\":0,\"partitionKeys\":[],"
		"\"primaryKeys\":[],\"options\":{},\"comment\":3}",
		"{\"id\":0,\"fields\":[],\"highestFieldId\":0,\"partitionKeys\":[],"
		"\"primaryKeys\":[],\"options\":{},\"timeMillis\":1.5}",
		"{\"id\":99999999999,\"fields\":[],\"highestFieldId\":0,\"partitionKeys\":[],"
		"\"primaryKeys\":[],\"options\":{}}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		const char *msg = parse_error(bad[i], strlen(bad[i]));
		if (!msg) {
			printf("# accepted: %s\n", bad[i]);
			CHECK(!"bad schema accepted");
			continue;
		}
		CHECK(strstr(msg, "schema-t") && strstr(msg, "offset ") && strstr(msg, "expected"));
	}
	const char *msg = parse_error(bad[9], strlen(bad[9]));
	CHECK(msg && strstr(msg, "schema-t: field 0: offset 18: expected a field \"id\""));
}

static void check_truncations_and_flips(const char *text, size_t len)
{
	char *copy = malloc(len + 1);
	int failures = 0;
	for (size_t i = 0; i < len; i++) {
		memcpy(copy, text, i);
		if (!parse_error(copy, i))
			failures++;
	}
	CHECK_INT_EQ(failures, 0);
	/* Flipped bytes either parse or fail cleanly; never crash. */
	for (size_t i = 0; i < len; i++) {
		memcpy(copy, text, len);
		copy[i] ^= (char)(0x20 | (i & 0x5f));
		parse_error(copy, len);
	}
	free(copy);
}

TEST(every_truncation_is_an_error)
{
	check_truncations_and_flips(example, strlen(example));
	const char *fx = pl_test_fixtures();
	if (!fx)
		return;
	char path[4200];
	snprintf(path, sizeof(path),
		 "%s/orc/append_complex_build_in_fieldid.db/append_complex_build_in_fieldid/"
		 "schema/schema-0", fx);
	size_t len;
	char *text = (char *)pl_test_slurp(path, &len);
	CHECK(text != NULL);
	if (text)
		check_truncations_and_flips(text, len);
	free(text);
}

TEST(every_fixture_schema_parses)
{
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("no fixtures");
		return;
	}
	char pattern[4200];
	glob_t g;
	snprintf(pattern, sizeof(pattern), "%s/*/*.db/*/schema/schema-*", fx);
	glob(pattern, 0, NULL, &g);
	snprintf(pattern, sizeof(pattern), "%s/*/*.db/*/branch/*/schema/schema-*", fx);
	glob(pattern, GLOB_APPEND, NULL, &g);
	CHECK(g.gl_pathc >= 100);
	size_t nested = 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		size_t len;
		char *text = (char *)pl_test_slurp(g.gl_pathv[i], &len);
		struct pl_schema *s = NULL;
		struct pl_error err;
		if (!text || pl_schema_parse(text, len, g.gl_pathv[i], &arena, &s, &err) < 0) {
			printf("# %s\n", text ? err.msg : g.gl_pathv[i]);
			CHECK(!"fixture schema failed");
			free(text);
			continue;
		}
		free(text);
		int ok;
		int64_t id = pl_versioned_name_id(pl_path_base(g.gl_pathv[i]), "schema-", &ok);
		CHECK(ok && id == s->id);
		CHECK_INT_EQ(s->version, 3);
		CHECK(s->has_time_millis && s->time_millis > 1600000000000LL);
		for (size_t k = 0; k < s->nfields; k++) {
			CHECK(s->fields[k].id <= s->highest_field_id);
			CHECK(s->fields[k].type->root != PL_T_OPAQUE);
			nested += s->fields[k].type->root == PL_T_ROW;
		}
		for (size_t k = 0; k < s->nprimary_keys; k++)
			CHECK(pl_schema_field_by_name(s, s->primary_keys[k]) != NULL);
		for (size_t k = 0; k < s->npartition_keys; k++)
			CHECK(pl_schema_field_by_name(s, s->partition_keys[k]) != NULL);
		CHECK(pl_schema_option(s, "file.format") || s->version >= 3);
	}
	CHECK(nested > 0);
	globfree(&g);
}

/* Pre-order ids of the ROW fields reachable through a type. */
static void nested_ids(const struct pl_dtype *t, int64_t *ids, size_t *n, size_t cap)
{
	if (t->element)
		nested_ids(t->element, ids, n, cap);
	if (t->key)
		nested_ids(t->key, ids, n, cap);
	if (t->value)
		nested_ids(t->value, ids, n, cap);
	for (size_t i = 0; i < t->nfields; i++) {
		if (*n < cap)
			ids[(*n)++] = t->fields[i].id;
		nested_ids(t->fields[i].type, ids, n, cap);
	}
}

TEST(nested_field_ids_are_kept)
{
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("no fixtures");
		return;
	}
	char path[4200];
	snprintf(path, sizeof(path), "%s/orc/append_table_with_nested_type.db/"
		 "append_table_with_nested_type/schema/schema-0", fx);
	size_t len;
	char *text = (char *)pl_test_slurp(path, &len);
	struct pl_schema *s = NULL;
	struct pl_error err;
	CHECK(text && pl_schema_parse(text, len, path, &arena, &s, &err) == 0);
	free(text);
	if (!s)
		return;
	CHECK_INT_EQ(s->nfields, 3);
	CHECK_INT_EQ(s->highest_field_id, 22);
	/* Java numbers the column, then every ROW field below it. */
	static const int64_t top[] = { 0, 6, 12 }, first[] = { 1, 7, 13 }, count[] = { 5, 5, 10 };
	for (size_t i = 0; i < 3 && i < s->nfields; i++) {
		int64_t ids[32];
		size_t n = 0;
		CHECK_INT_EQ(s->fields[i].id, top[i]);
		nested_ids(s->fields[i].type, ids, &n, 32);
		CHECK_INT_EQ(n, count[i]);
		for (size_t k = 0; k < n; k++)
			CHECK_INT_EQ(ids[k], first[i] + (int64_t)k);
	}
	CHECK(s->fields[1].type->root == PL_T_ARRAY &&
	      s->fields[1].type->element->root == PL_T_ROW);
	CHECK(s->fields[2].type->root == PL_T_MAP && s->fields[2].type->key->root == PL_T_ROW);
}

static struct pl_storage *open_fixture_table(const char *rel, char *table, size_t size)
{
	const char *fx = pl_test_fixtures();
	if (!fx)
		return NULL;
	struct pl_storage *st = NULL;
	struct pl_error err;
	if (pl_storage_open(fx, NULL, &st, &err) < 0) {
		printf("# %s\n", err.msg);
		return NULL;
	}
	snprintf(table, size, "%s/%s", fx, rel);
	return st;
}

static size_t count_kind(const struct pl_schema_change *c, size_t n, enum pl_schema_change_kind k)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += c[i].kind == k;
	return count;
}

TEST(alter_table_fixture_diff)
{
	char table[4200];
	struct pl_storage *st = open_fixture_table(
		"orc/pk_table_with_alter_table.db/pk_table_with_alter_table", table, sizeof(table));
	if (!st) {
		SKIP("no fixtures");
		return;
	}
	struct pl_error err;
	struct pl_schema *a = NULL, *b = NULL;
	CHECK_INT_EQ(pl_schema_load(st, table, 0, &arena, &a, &err), 0);
	CHECK_INT_EQ(pl_schema_load_latest(st, table, &arena, &b, &err), 0);
	if (!a || !b) {
		pl_storage_close(st);
		return;
	}
	CHECK_INT_EQ(b->id, 1);
	CHECK(b->fields[4].description && !b->fields[4].description[0]);
	struct pl_schema_change *c;
	size_t n;
	pl_schema_diff(a, b, &arena, &c, &n);
	for (size_t i = 0; i < n; i++)
		printf("# %s %lld %s: %s -> %s\n", pl_schema_change_kind_name(c[i].kind),
		       (long long)c[i].field_id, c[i].name ? c[i].name : "",
		       c[i].old_value ? c[i].old_value : "-", c[i].new_value ? c[i].new_value : "-");
	CHECK_INT_EQ(n, 12);
	CHECK_INT_EQ(count_kind(c, n, PL_SC_FIELD_RENAMED), 3);
	CHECK_INT_EQ(count_kind(c, n, PL_SC_FIELD_ADDED), 2);
	CHECK_INT_EQ(count_kind(c, n, PL_SC_FIELD_DROPPED), 2);
	CHECK_INT_EQ(count_kind(c, n, PL_SC_FIELD_MOVED), 3);
	CHECK_INT_EQ(count_kind(c, n, PL_SC_PRIMARY_KEYS), 1);
	CHECK_INT_EQ(count_kind(c, n, PL_SC_BUCKET_KEYS), 1);
	if (n >= 1) {
		CHECK(c[0].kind == PL_SC_FIELD_RENAMED && c[0].field_id == 2);
		CHECK_STR_EQ(c[0].old_value, "key2");
		CHECK_STR_EQ(c[0].new_value, "key_2");
	}
	pl_schema_diff(b, b, &arena, &c, &n);
	CHECK_INT_EQ(n, 0);
	pl_storage_close(st);
}

TEST(branch_has_its_own_schemas)
{
	char table[4200], branch[4300];
	struct pl_storage *st = open_fixture_table(
		"orc/append_table_with_rt_branch.db/append_table_with_rt_branch", table, sizeof(table));
	if (!st) {
		SKIP("no fixtures");
		return;
	}
	snprintf(branch, sizeof(branch), "%s/branch/branch-rt", table);
	struct pl_error err;
	struct pl_schema *s = NULL;
	CHECK_INT_EQ(pl_schema_load_latest(st, branch, &arena, &s, &err), 0);
	CHECK(s && s->id == 1);
	CHECK_STR_EQ(s ? pl_schema_option(s, "bucket") : NULL, "2");
	int64_t *ids;
	size_t n;
	CHECK_INT_EQ(pl_schema_list_ids(st, branch, &ids, &n, &err), 0);
	CHECK_INT_EQ(n, 2);
	free(ids);
	pl_storage_close(st);
}

TEST(synthetic_diff_covers_every_kind)
{
	struct pl_schema *a = parse(
		"{\"version\":3,\"id\":0,\"fields\":[{\"id\":0,\"name\":\"k\",\"type\":\"INT NOT NULL\"},"
		"{\"id\":1,\"name\":\"v\",\"type\":\"INT\",\"description\":\"old\"},"
		"{\"id\":2,\"name\":\"w\",\"type\":\"STRING\",\"defaultValue\":\"'a'\"}],"
		"\"highestFieldId\":2,\"partitionKeys\":[],\"primaryKeys\":[\"k\"],"
		"\"options\":{\"bucket\":\"2\",\"gone\":\"x\"}}");
	struct pl_schema *b = parse(
		"{\"version\":3,\"id\":1,\"fields\":[{\"id\":0,\"name\":\"k\",\"type\":\"INT NOT NULL\"},"
		"{\"id\":1,\"name\":\"v\",\"type\":\"BIGINT NOT NULL\",\"description\":\"new\"},"
		"{\"id\":2,\"name\":\"w\",\"type\":\"STRING\"}],"
		"\"highestFieldId\":2,\"partitionKeys\":[\"w\"],\"primaryKeys\":[\"k\",\"w\"],"
		"\"options\":{\"bucket\":\"4\",\"new\":\"y\"},\"comment\":\"c\"}");
	CHECK(a && b);
	if (!a || !b)
		return;
	struct pl_schema_change *c;
	size_t n;
	pl_schema_diff(a, b, &arena, &c, &n);
	static const enum pl_schema_change_kind want[] = {
		PL_SC_FIELD_RETYPED, PL_SC_FIELD_NULLABILITY, PL_SC_FIELD_COMMENT,
		PL_SC_FIELD_DEFAULT, PL_SC_OPTION_CHANGED, PL_SC_OPTION_ADDED,
		PL_SC_OPTION_REMOVED, PL_SC_PARTITION_KEYS, PL_SC_PRIMARY_KEYS,
		PL_SC_TABLE_COMMENT,
	};
	CHECK_INT_EQ(n, sizeof(want) / sizeof(*want));
	for (size_t i = 0; i < n && i < sizeof(want) / sizeof(*want); i++)
		CHECK_INT_EQ(c[i].kind, want[i]);
	if (n == sizeof(want) / sizeof(*want)) {
		CHECK_STR_EQ(c[0].old_value, "INT");
		CHECK_STR_EQ(c[0].new_value, "BIGINT");
		CHECK_STR_EQ(c[1].new_value, "NOT NULL");
		CHECK_STR_EQ(c[2].new_value, "new");
		CHECK(c[3].new_value == NULL);
		CHECK_STR_EQ(c[4].name, "bucket");
		CHECK_STR_EQ(c[8].new_value, "k, w");
		CHECK(c[9].old_value == NULL);
	}
}

static void touch(const char *dir, const char *name, const char *content)
{
	char path[4400];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(content, f);
		fclose(f);
	}
}

TEST(schema_ids_follow_javas_name_rule)
{
	char table[4200], dir[4300];
	snprintf(table, sizeof(table), "%s/t", pl_test_tmpdir());
	snprintf(dir, sizeof(dir), "%s/schema", table);
	mkdir(table, 0755);
	mkdir(dir, 0755);
	char buf[256];
	static const char *const names[] = { "schema-0", "schema-2", "schema-10" };
	static const int ids[] = { 0, 2, 10 };
	for (int i = 0; i < 3; i++) {
		snprintf(buf, sizeof(buf), "{\"id\":%d,\"fields\":[],\"highestFieldId\":0,"
			 "\"partitionKeys\":[],\"primaryKeys\":[],\"options\":{}}", ids[i]);
		touch(dir, names[i], buf);
	}
	static const char *const junk[] = {
		".schema-3.0d1f.tmp", "schema-1abc.tmp", "schema-", "schema-x", "README",
		"schema-99999999999999999999", "schema-4 ", ".schema-5.crc",
	};
	for (size_t i = 0; i < sizeof(junk) / sizeof(*junk); i++)
		touch(dir, junk[i], "junk");
	char sub[4400];
	snprintf(sub, sizeof(sub), "%s/schema-7", dir);
	mkdir(sub, 0755);

	struct pl_storage *st;
	struct pl_error err;
	CHECK_INT_EQ(pl_storage_open(pl_test_tmpdir(), NULL, &st, &err), 0);
	int64_t *got;
	size_t n;
	CHECK_INT_EQ(pl_schema_list_ids(st, table, &got, &n, &err), 0);
	CHECK_INT_EQ(n, 3);
	for (size_t i = 0; i < n && i < 3; i++)
		CHECK_INT_EQ(got[i], ids[i]);
	free(got);
	struct pl_schema *s;
	CHECK_INT_EQ(pl_schema_load_latest(st, table, &arena, &s, &err), 0);
	CHECK(s && s->id == 10);
	CHECK_INT_EQ(pl_schema_load(st, table, 3, &arena, &s, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);

	/* A table folder without schema/ has no schemas, which is no error. */
	CHECK_INT_EQ(pl_schema_list_ids(st, pl_test_tmpdir(), &got, &n, &err), 0);
	CHECK_INT_EQ(n, 0);
	free(got);
	CHECK_INT_EQ(pl_schema_load_latest(st, pl_test_tmpdir(), &arena, &s, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);

	int ok;
	CHECK_INT_EQ(pl_versioned_name_id("schema--3", "schema-", &ok), -3);
	CHECK(ok);
	CHECK(pl_versioned_name_id("schema-9223372036854775807", "schema-", &ok) == INT64_MAX && ok);
	pl_versioned_name_id("schema-9223372036854775808", "schema-", &ok);
	CHECK(!ok);
	pl_versioned_name_id("schema-+", "schema-", &ok);
	CHECK(!ok);
	pl_storage_close(st);
}

int main(void)
{
	pl_arena_init(&arena, 0);
	RUN(spec_example_parses_completely);
	RUN(old_versions_get_javas_defaults);
	RUN(options_keep_order_and_java_text);
	RUN(structural_errors_name_file_and_offset);
	RUN(every_truncation_is_an_error);
	RUN(every_fixture_schema_parses);
	RUN(nested_field_ids_are_kept);
	RUN(alter_table_fixture_diff);
	RUN(branch_has_its_own_schemas);
	RUN(synthetic_diff_covers_every_kind);
	RUN(schema_ids_follow_javas_name_rule);
	pl_arena_free(&arena);
	return pl_test_done();
}
