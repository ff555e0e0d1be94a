/* Snapshot, tag, consumer and statistics JSON; hint files; batch loads. */
#include "test.h"
#include "lake_testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/storage.h"
#include "paimon/consumer.h"
#include "paimon/snapshot.h"
#include "paimon/statistics.h"
#include "paimon/tag.h"
#include "util/arena.h"

static struct pl_arena arena;

/* Every key any writer emits, with the extreme values. */
static const char full[] =
	"{\n  \"version\" : 3,\n  \"uuid\" : \"0b7d\",\n  \"id\" : 12,\n  \"schemaId\" : 4,\n"
	"  \"baseManifestList\" : \"manifest-list-x-0\",\n  \"baseManifestListSize\" : 884,\n"
	"  \"deltaManifestList\" : \"manifest-list-x-1\",\n  \"deltaManifestListSize\" : 992,\n"
	"  \"changelogManifestList\" : \"manifest-list-x-2\",\n"
	"  \"changelogManifestListSize\" : 77,\n"
	"  \"indexManifest\" : \"index-manifest-y-0\",\n  \"commitUser\" : \"job-1\",\n"
	"  \"writerVersion\" : \"java-2.1-SNAPSHOT-abc\",\n"
	"  \"commitIdentifier\" : 9223372036854775807,\n  \"commitKind\" : \"ANALYZE\",\n"
	"  \"timeMillis\" : 1725600399550,\n  \"logOffsets\" : { \"0\" : 5 },\n"
	"  \"totalRecordCount\" : 9007199254740993,\n  \"deltaRecordCount\" : -3,\n"
	"  \"changelogRecordCount\" : 0,\n  \"watermark\" : -9223372036854775808,\n"
	"  \"statistics\" : \"stat-z-0\",\n"
	"  \"properties\" : { \"sequence.generation.max-sequence-number\" : \"17\", \"n\" : 5 },\n"
	"  \"nextRowId\" : 10,\n  \"operation\" : \"MERGE\",\n  \"someFutureKey\" : [ 1, 2 ]\n}";

/* A 0.4 writer: nulls instead of absent keys. */
static const char old_nulls[] =
	"{\"version\":3,\"id\":1,\"schemaId\":0,\"baseManifestList\":\"b\","
	"\"deltaManifestList\":\"d\",\"changelogManifestList\":null,\"commitUser\":\"u\","
	"\"commitIdentifier\":1,\"commitKind\":\"APPEND\",\"timeMillis\":5,\"logOffsets\":{},"
	"\"totalRecordCount\":null,\"deltaRecordCount\":null,\"changelogRecordCount\":null,"
	"\"watermark\":null}";

static int parse(const char *text, size_t len, struct pl_snapshot *s, struct pl_error *err)
{
	pl_err_clear(err);
	return pl_snapshot_parse(text, len, "snapshot-t", &arena, s, err);
}

TEST(every_key_parses_exactly)
{
	struct pl_snapshot s;
	struct pl_error err;
	CHECK_INT_EQ(parse(full, sizeof(full) - 1, &s, &err), 0);
	CHECK_INT_EQ(s.id, 12);
	CHECK_INT_EQ(s.schema_id, 4);
	CHECK(s.version.present && s.version.v == 3);
	CHECK_STR_EQ(s.uuid, "0b7d");
	CHECK_STR_EQ(s.base_manifest_list, "manifest-list-x-0");
	CHECK(s.base_manifest_list_size.present && s.base_manifest_list_size.v == 884);
	CHECK_INT_EQ(s.delta_manifest_list_size.v, 992);
	CHECK_STR_EQ(s.changelog_manifest_list, "manifest-list-x-2");
	CHECK_INT_EQ(s.changelog_manifest_list_size.v, 77);
	CHECK_STR_EQ(s.index_manifest, "index-manifest-y-0");
	CHECK_STR_EQ(s.commit_user, "job-1");
	CHECK_STR_EQ(s.writer_version, "java-2.1-SNAPSHOT-abc");
	CHECK(s.commit_identifier == INT64_MAX);
	CHECK_INT_EQ(s.kind, PL_COMMIT_ANALYZE);
	CHECK_STR_EQ(s.commit_kind, "ANALYZE");
	CHECK_INT_EQ(s.time_millis, 1725600399550LL);
	/* Above 2^53: a double would read ...992. */
	CHECK(s.total_record_count.v == 9007199254740993LL);
	CHECK_INT_EQ(s.delta_record_count.v, -3);
	CHECK(s.changelog_record_count.present && s.changelog_record_count.v == 0);
	CHECK(s.watermark.present && s.watermark.v == INT64_MIN);
	CHECK_STR_EQ(s.statistics, "stat-z-0");
	CHECK_INT_EQ(s.nproperties, 2);
	if (s.nproperties == 2) {
		CHECK_STR_EQ(s.properties[0].key, "sequence.generation.max-sequence-number");
		CHECK_STR_EQ(s.properties[0].value, "17");
		CHECK_STR_EQ(s.properties[1].value, "5");
	}
	CHECK_INT_EQ(s.next_row_id.v, 10);
	CHECK_STR_EQ(s.operation, "MERGE");
	CHECK(!s.has_tag_create_time);
	CHECK(s.tag_time_retained == NULL);
}

TEST(null_and_absent_read_alike)
{
	struct pl_snapshot s;
	struct pl_error err;
	CHECK_INT_EQ(parse(old_nulls, strlen(old_nulls), &s, &err), 0);
	CHECK(s.changelog_manifest_list == NULL);
	CHECK(!s.total_record_count.present);
	CHECK(!s.delta_record_count.present);
	CHECK(!s.changelog_record_count.present);
	CHECK(!s.watermark.present);
	CHECK(!s.base_manifest_list_size.present);
	CHECK(!s.next_row_id.present);
	CHECK(s.index_manifest == NULL && s.statistics == NULL && s.uuid == NULL);
	CHECK_INT_EQ(s.nproperties, 0);

	const char *minimal = lake_snapshot_json(3);
	CHECK_INT_EQ(parse(minimal, strlen(minimal), &s, &err), 0);
	CHECK(!s.watermark.present);
	CHECK(s.total_record_count.present);
}

TEST(unknown_commit_kind_is_kept)
{
	struct pl_snapshot s;
	struct pl_error err;
	char *text = strdup(old_nulls);
	char *k = strstr(text, "APPEND");
	memcpy(k, "MERGEX", 6);
	CHECK_INT_EQ(parse(text, strlen(text), &s, &err), 0);
	CHECK_INT_EQ(s.kind, PL_COMMIT_UNKNOWN);
	CHECK_STR_EQ(s.commit_kind, "MERGEX");
	CHECK_STR_EQ(pl_commit_kind_name(PL_COMMIT_OVERWRITE), "OVERWRITE");
	CHECK_INT_EQ(pl_commit_kind_parse("COMPACT"), PL_COMMIT_COMPACT);
	free(text);
}

TEST(old_string_commit_identifier)
{
	struct pl_snapshot s;
	struct pl_error err;
	const char *t = "{\"id\":1,\"schemaId\":0,\"baseManifestList\":\"b\","
			"\"deltaManifestList\":\"d\",\"commitUser\":\"u\","
			"\"commitIdentifier\":\"42\",\"commitKind\":\"APPEND\",\"timeMillis\":5}";
	CHECK_INT_EQ(parse(t, strlen(t), &s, &err), 0);
	CHECK_INT_EQ(s.commit_identifier, 42);
	CHECK(!s.version.present);
}

/* Replaces the first occurrence of from with to in a copy of src. */
static char *replace(const char *src, const char *from, const char *to)
{
	const char *at = strstr(src, from);
	if (!at)
		return strdup(src);
	size_t n = strlen(src) - strlen(from) + strlen(to) + 1;
	char *out = malloc(n);
	snprintf(out, n, "%.*s%s%s", (int)(at - src), src, to, at + strlen(from));
	return out;
}

TEST(missing_or_mistyped_keys_are_corrupt)
{
	static const struct { const char *from, *to, *expect; } cases[] = {
		{ "\"id\" : 12,", "", "\"id\"" },
		{ "\"commitKind\" : \"ANALYZE\"", "\"commitKind\" : 3", "\"commitKind\"" },
		{ "\"baseManifestList\" : \"manifest-list-x-0\"", "\"baseManifestList\" : 7",
		  "\"baseManifestList\"" },
		{ "\"timeMillis\" : 1725600399550", "\"timeMillis\" : 1.5", "\"timeMillis\"" },
		{ "\"watermark\" : -9223372036854775808", "\"watermark\" : \"x\"", "\"watermark\"" },
		{ "\"commitIdentifier\" : 9223372036854775807",
		  "\"commitIdentifier\" : 9223372036854775808", "\"commitIdentifier\"" },
		{ "\"properties\" : {", "\"properties\" : { \"a\" : [ ], \"x\" : { } ,",
		  "property \"a\"" },
		{ "\"indexManifest\" : \"index-manifest-y-0\"", "\"indexManifest\" : true",
		  "\"indexManifest\"" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = replace(full, cases[i].from, cases[i].to);
		struct pl_snapshot s;
		struct pl_error err;
		CHECK_INT_EQ(parse(text, strlen(text), &s, &err), -1);
		CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
		CHECK(strstr(err.msg, "snapshot-t: offset ") == err.msg);
		if (!strstr(err.msg, cases[i].expect))
			printf("# case %zu: %s\n", i, err.msg);
		CHECK(strstr(err.msg, cases[i].expect) != NULL);
		free(text);
	}
	struct pl_snapshot s;
	struct pl_error err;
	CHECK_INT_EQ(parse("[1]", 3, &s, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	CHECK_INT_EQ(parse("", 0, &s, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
}

/* Java's Jackson creator does not require the manifest lists (a missing
 * String is null, a missing long 0), so a hand-written tag without them
 * loads; only reading its files needs them. */
TEST(manifest_lists_needed_only_to_read_files)
{
	const char *t = "{\"id\":1,\"schemaId\":0,\"commitUser\":\"u\",\"commitKind\":\"APPEND\"}";
	struct pl_snapshot s;
	struct pl_error err;
	CHECK_INT_EQ(parse(t, strlen(t), &s, &err), 0);
	CHECK(s.base_manifest_list == NULL && s.delta_manifest_list == NULL);
	CHECK_INT_EQ(s.time_millis, 0);
	CHECK_INT_EQ(s.commit_identifier, 0);
	CHECK_STR_EQ(s.file, "snapshot-t");
	pl_err_clear(&err);
	CHECK_INT_EQ(pl_snapshot_manifest_lists(&s, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	CHECK(strstr(err.msg, "snapshot-t: ") == err.msg);
	CHECK(strstr(err.msg, "\"baseManifestList\"") != NULL);

	t = "{\"id\":1,\"baseManifestList\":\"b\",\"deltaManifestList\":null}";
	CHECK_INT_EQ(parse(t, strlen(t), &s, &err), 0);
	CHECK_INT_EQ(pl_snapshot_manifest_lists(&s, &err), -1);
	CHECK(strstr(err.msg, "\"deltaManifestList\"") != NULL);

	CHECK_INT_EQ(parse(full, sizeof(full) - 1, &s, &err), 0);
	CHECK_INT_EQ(pl_snapshot_manifest_lists(&s, &err), 0);
}

static void check_every_truncation(const char *text, size_t len)
{
	size_t failures = 0;
	for (size_t cut = 0; cut < len; cut++) {
		struct pl_snapshot s;
		struct pl_error err;
		/* A copy of exactly cut bytes so a reader overrun is caught by
		 * sanitizers. */
		char *copy = malloc(cut ? cut : 1);
		memcpy(copy, text, cut);
		int rc = parse(copy, cut, &s, &err);
		/* Only the closing whitespace may go. */
		int whole = strspn(text + cut, " \t\r\n") == len - cut;
		if (whole ? rc != 0 : rc != -1 || err.code != PL_ERR_CORRUPT)
			failures++;
		free(copy);
		pl_arena_reset(&arena);
	}
	CHECK_INT_EQ(failures, 0);
}

TEST(every_truncation_is_an_error)
{
	check_every_truncation(full, sizeof(full) - 1);
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("fixtures absent (real snapshot truncations)");
		return;
	}
	char path[4096];
	snprintf(path, sizeof(path), "%s/orc/pk_09.db/pk_09/snapshot/snapshot-8", fx);
	size_t len;
	uint8_t *data = pl_test_slurp(path, &len);
	CHECK(data != NULL);
	if (data)
		check_every_truncation((const char *)data, len);
	free(data);
}

TEST(tag_keys)
{
	char *text = replace(old_nulls, "\"watermark\":null",
			     "\"watermark\":null,\"tagCreateTime\":[2024,7,18,10,30,5,123000000],"
			     "\"tagTimeRetained\":86400.000000000");
	struct pl_snapshot s;
	struct pl_error err;
	CHECK_INT_EQ(parse(text, strlen(text), &s, &err), 0);
	CHECK(s.has_tag_create_time);
	CHECK_INT_EQ(s.tag_create_time[0], 2024);
	CHECK_INT_EQ(s.tag_create_time[6], 123000000);
	/* 2024-07-18T10:30:05.123 read as UTC. */
	CHECK_INT_EQ(s.tag_create_time_ms, 1721298605123LL);
	CHECK_STR_EQ(s.tag_time_retained, "86400.000000000");
	CHECK_INT_EQ(s.tag_time_retained_ms.v, 86400000);
	free(text);

	text = replace(old_nulls, "\"watermark\":null",
		       "\"tagCreateTime\":[1969,12,31,23,59],\"tagTimeRetained\":1.5");
	CHECK_INT_EQ(parse(text, strlen(text), &s, &err), 0);
	CHECK_INT_EQ(s.tag_create_time_ms, -60000);
	CHECK_INT_EQ(s.tag_time_retained_ms.v, 1500);
	free(text);
	/* The largest year we take still fits epoch millis. */
	text = replace(old_nulls, "\"watermark\":null",
		       "\"tagCreateTime\":[290000000,12,31,23,59,59,999999999]");
	CHECK_INT_EQ(parse(text, strlen(text), &s, &err), 0);
	CHECK(s.tag_create_time_ms > 9000000000000000000LL);
	free(text);
	text = replace(old_nulls, "\"watermark\":null", "\"tagCreateTime\":[2000,2,29,0,0]");
	CHECK_INT_EQ(parse(text, strlen(text), &s, &err), 0);
	CHECK_INT_EQ(s.tag_create_time_ms, 951782400000LL);
	free(text);

	static const char *const bad[] = {
		"\"tagCreateTime\":[2024,7,18,10]", "\"tagCreateTime\":[2024,13,18,10,0]",
		"\"tagCreateTime\":[2024,7,18,10,0,0,0,0]", "\"tagCreateTime\":\"2024-07-18\"",
		"\"tagTimeRetained\":\"PT24H\"",
		"\"tagCreateTime\":[999999999,12,31,23,59]",
		"\"tagCreateTime\":[2023,2,29,23,59]", "\"tagCreateTime\":[2024,4,31,0,0]",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		text = replace(old_nulls, "\"watermark\":null", bad[i]);
		CHECK_INT_EQ(parse(text, strlen(text), &s, &err), -1);
		CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
		free(text);
	}
}

TEST(hint_text)
{
	int64_t id = 0;
	CHECK_INT_EQ(pl_hint_parse("8", 1, &id), 0);
	CHECK_INT_EQ(id, 8);
	CHECK_INT_EQ(pl_hint_parse(" 42\n", 4, &id), 0);
	CHECK_INT_EQ(id, 42);
	CHECK_INT_EQ(pl_hint_parse("", 0, &id), -1);
	CHECK_INT_EQ(pl_hint_parse("  ", 2, &id), -1);
	CHECK_INT_EQ(pl_hint_parse("4 2", 3, &id), -1);
	CHECK_INT_EQ(pl_hint_parse("x1", 2, &id), -1);
	CHECK_INT_EQ(pl_hint_parse("9223372036854775808", 19, &id), -1);
	CHECK_INT_EQ(pl_hint_parse("9223372036854775807", 19, &id), 0);
	CHECK(id == INT64_MAX);
}

static struct pl_storage *open_local(const char *root)
{
	struct pl_storage *st = NULL;
	struct pl_error err;
	if (pl_storage_open(root, NULL, &st, &err))
		printf("# %s\n", err.msg);
	return st;
}

static char *snapdir(const char *root)
{
	size_t n = strlen(root) + 16;
	char *p = malloc(n);
	snprintf(p, n, "%s/snapshot", root);
	return p;
}

static void write_snap(const char *root, long long id)
{
	char rel[64];
	snprintf(rel, sizeof(rel), "snapshot/snapshot-%lld", id);
	lake_write(root, rel, lake_snapshot_json(id), (size_t)-1);
}

TEST(hints_with_listing_fallback)
{
	char *root = lake_new("hints");
	struct pl_storage *st = open_local(root);
	char *dir = snapdir(root);
	int64_t id = 0;
	int from_hint = -1;
	struct pl_error err;

	/* No folder at all: a table never written. */
	CHECK_INT_EQ(pl_hint_find_latest(st, dir, PL_SNAPSHOT_PREFIX, &id, NULL, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);

	/* Gaps and files that are not snapshots. */
	write_snap(root, 3);
	write_snap(root, 4);
	write_snap(root, 7);
	lake_write(root, "snapshot/.snapshot-9.0b7d.tmp", "{", 1);
	lake_write(root, "snapshot/snapshot-90b7d.tmp", "{", 1);
	lake_write(root, "snapshot/snapshot-99999999999999999999999", "{", 1);
	lake_write(root, "snapshot/snapshot-", "{", 1);
	lake_mkdir(root, "snapshot/snapshot-8");
	int64_t *ids;
	size_t n;
	CHECK_INT_EQ(pl_versioned_list_ids(st, dir, PL_SNAPSHOT_PREFIX, &ids, &n, &err), 0);
	CHECK_INT_EQ(n, 3);
	if (n == 3)
		CHECK(ids[0] == 3 && ids[1] == 4 && ids[2] == 7);
	if (n == 3)
		CHECK_INT_EQ(pl_versioned_gap_count(ids, n), 2);
	free(ids);
	int64_t wide[2] = { INT64_MIN, INT64_MAX };
	CHECK(pl_versioned_gap_count(wide, 2) == UINT64_MAX - 1);
	CHECK_INT_EQ(pl_versioned_gap_count(wide, 1), 0);

	/* Hints missing: listing. */
	CHECK_INT_EQ(pl_hint_find_latest(st, dir, PL_SNAPSHOT_PREFIX, &id, &from_hint, &err), 0);
	CHECK_INT_EQ(id, 7);
	CHECK_INT_EQ(from_hint, 0);
	CHECK_INT_EQ(pl_hint_find_earliest(st, dir, PL_SNAPSHOT_PREFIX, &id, &from_hint, &err),
		     0);
	CHECK_INT_EQ(id, 3);
	CHECK_INT_EQ(from_hint, 0);

	/* Good hints are used. */
	lake_write(root, "snapshot/LATEST", "7", 1);
	lake_write(root, "snapshot/EARLIEST", "3", 1);
	CHECK_INT_EQ(pl_hint_find_latest(st, dir, PL_SNAPSHOT_PREFIX, &id, &from_hint, &err), 0);
	CHECK(id == 7 && from_hint == 1);
	CHECK_INT_EQ(pl_hint_find_earliest(st, dir, PL_SNAPSHOT_PREFIX, &id, &from_hint, &err),
		     0);
	CHECK(id == 3 && from_hint == 1);

	/* Stale LATEST (snapshot-5 follows 4): listing. */
	write_snap(root, 5);
	lake_write(root, "snapshot/LATEST", "4", 1);
	CHECK_INT_EQ(pl_hint_find_latest(st, dir, PL_SNAPSHOT_PREFIX, &id, &from_hint, &err), 0);
	CHECK(id == 7 && from_hint == 0);
	/* LATEST naming a file that is gone (rollback): listing. */
	lake_write(root, "snapshot/LATEST", "9", 1);
	CHECK_INT_EQ(pl_hint_find_latest(st, dir, PL_SNAPSHOT_PREFIX, &id, &from_hint, &err), 0);
	CHECK(id == 7 && from_hint == 0);
	/* Corrupt, empty and zero hints. */
	static const char *const junk[] = { "seven", "", "0", "-3", "7\n8" };
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		lake_write(root, "snapshot/LATEST", junk[i], (size_t)-1);
		lake_write(root, "snapshot/EARLIEST", junk[i], (size_t)-1);
		id = -1;
		CHECK_INT_EQ(pl_hint_find_latest(st, dir, PL_SNAPSHOT_PREFIX, &id, &from_hint,
						 &err), 0);
		CHECK(id == 7 && from_hint == 0);
		CHECK_INT_EQ(pl_hint_find_earliest(st, dir, PL_SNAPSHOT_PREFIX, &id, &from_hint,
						   &err), 0);
		CHECK(id == 3 && from_hint == 0);
	}
	/* Whitespace around a hint is fine. */
	lake_write(root, "snapshot/LATEST", "7\n", 2);
	CHECK_INT_EQ(pl_hint_find_latest(st, dir, PL_SNAPSHOT_PREFIX, &id, &from_hint, &err), 0);
	CHECK(id == 7 && from_hint == 1);
	/* EARLIEST pointing at an expired snapshot: listing. */
	lake_write(root, "snapshot/EARLIEST", "1", 1);
	CHECK_INT_EQ(pl_hint_find_earliest(st, dir, PL_SNAPSHOT_PREFIX, &id, &from_hint, &err),
		     0);
	CHECK(id == 3 && from_hint == 0);

	/* Only junk: not found. */
	char *root2 = lake_new("hints-junk");
	struct pl_storage *st2 = open_local(root2);
	char *dir2 = snapdir(root2);
	lake_write(root2, "snapshot/LATEST", "5", 1);
	lake_write(root2, "snapshot/snapshot-x", "{", 1);
	CHECK_INT_EQ(pl_hint_find_latest(st2, dir2, PL_SNAPSHOT_PREFIX, &id, NULL, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
	CHECK_INT_EQ(pl_hint_find_earliest(st2, dir2, PL_SNAPSHOT_PREFIX, &id, NULL, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);

	pl_storage_close(st2);
	free(dir2);
	free(root2);
	pl_storage_close(st);
	free(dir);
	free(root);
}

TEST(batch_load_fails_only_bad_slots)
{
	char *root = lake_new("batch");
	struct pl_storage *st = open_local(root);
	char *dir = snapdir(root);
	write_snap(root, 1);
	write_snap(root, 2);
	lake_write(root, "snapshot/snapshot-3", "{\"id\":3,", (size_t)-1);
	/* A file whose id disagrees with its name. */
	lake_write(root, "snapshot/snapshot-5", lake_snapshot_json(6), (size_t)-1);
	struct pl_snapshot_slot slots[5] = { { .id = 1 }, { .id = 2 }, { .id = 3 }, { .id = 4 },
					     { .id = 5 } };
	CHECK_INT_EQ(pl_snapshot_load_batch(st, dir, PL_SNAPSHOT_PREFIX, slots, 5, &arena), 3);
	CHECK(slots[0].snap && slots[0].snap->id == 1);
	CHECK(slots[1].snap && slots[1].snap->total_record_count.v == 2);
	CHECK(!slots[2].snap && slots[2].err.code == PL_ERR_CORRUPT);
	CHECK(strstr(slots[2].err.msg, "snapshot-3") != NULL);
	CHECK(!slots[3].snap && slots[3].err.code == PL_ERR_NOT_FOUND);
	CHECK(!slots[4].snap && slots[4].err.code == PL_ERR_CORRUPT);

	struct pl_snapshot s;
	struct pl_error err;
	CHECK_INT_EQ(pl_snapshot_load(st, dir, PL_SNAPSHOT_PREFIX, 2, &arena, &s, &err), 0);
	CHECK_STR_EQ(s.base_manifest_list, "manifest-list-a-2");
	CHECK_INT_EQ(pl_snapshot_load(st, dir, PL_SNAPSHOT_PREFIX, 4, &arena, &s, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
	CHECK_INT_EQ(pl_snapshot_load(st, dir, PL_SNAPSHOT_PREFIX, 5, &arena, &s, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	/* Above the read cap: refused, not read into memory. */
	char *big = malloc(PL_SNAPSHOT_READ_CAP + 2);
	memset(big, ' ', PL_SNAPSHOT_READ_CAP + 1);
	big[PL_SNAPSHOT_READ_CAP + 1] = 0;
	lake_write(root, "snapshot/snapshot-9", big, (size_t)-1);
	free(big);
	CHECK_INT_EQ(pl_snapshot_load(st, dir, PL_SNAPSHOT_PREFIX, 9, &arena, &s, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_LIMIT);

	pl_storage_close(st);
	free(dir);
	free(root);
}

TEST(tags_list_and_load)
{
	char *root = lake_new("tags");
	struct pl_storage *st = open_local(root);
	char *tag = strdup(lake_snapshot_json(4));
	char *end = strrchr(tag, '}');
	*end = 0;
	char text[2048];
	snprintf(text, sizeof(text),
		 "%s,\n  \"tagCreateTime\" : [ 2024, 7, 18, 10, 30 ],\n"
		 "  \"tagTimeRetained\" : 5.000000000\n}", tag);
	free(tag);
	lake_write(root, "tag/tag-2024-07-18 10", text, (size_t)-1);
	lake_write(root, "tag/tag-plain", lake_snapshot_json(2), (size_t)-1);
	lake_write(root, "tag/tag-broken", "{\"id\":", (size_t)-1);
	lake_write(root, "tag/.tag-hidden.1234.tmp", "{", 1);
	lake_write(root, "tag/tag-success-file/plain_SUCCESS", "{}", 2);
	lake_write(root, "tag/README", "x", 1);

	struct pl_tag *tags;
	size_t n;
	struct pl_error err;
	CHECK_INT_EQ(pl_tag_list(st, root, &arena, &tags, &n, &err), 0);
	CHECK_INT_EQ(n, 3);
	if (n == 3) {
		CHECK_STR_EQ(tags[0].name, "2024-07-18 10");
		CHECK(tags[0].snap && tags[0].snap->id == 4);
		CHECK(tags[0].snap && tags[0].snap->has_tag_create_time);
		CHECK(tags[0].snap && tags[0].snap->tag_time_retained_ms.v == 5000);
		CHECK_STR_EQ(tags[1].name, "broken");
		CHECK(!tags[1].snap && tags[1].error_code == PL_ERR_CORRUPT);
		CHECK(tags[1].error && strstr(tags[1].error, "tag-broken") != NULL);
		CHECK_STR_EQ(tags[2].name, "plain");
		CHECK(tags[2].snap && !tags[2].snap->has_tag_create_time);
	}
	struct pl_snapshot s;
	CHECK_INT_EQ(pl_tag_load(st, root, "plain", &arena, &s, &err), 0);
	CHECK_INT_EQ(s.id, 2);
	CHECK_INT_EQ(pl_tag_load(st, root, "nope", &arena, &s, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
	CHECK_INT_EQ(pl_tag_load(st, root, "../tag/tag-plain", &arena, &s, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);

	/* No tag folder: no tags. */
	char *empty = lake_new("tags-none");
	CHECK_INT_EQ(pl_tag_list(st, empty, &arena, &tags, &n, &err), 0);
	CHECK_INT_EQ(n, 0);
	free(empty);
	pl_storage_close(st);
	free(root);
}

TEST(consumers)
{
	char *root = lake_new("consumers");
	struct pl_storage *st = open_local(root);
	lake_write(root, "consumer/consumer-job b", "{\n  \"nextSnapshot\" : 42\n}", (size_t)-1);
	lake_write(root, "consumer/consumer-a", "{\"nextSnapshot\":9223372036854775807,\"x\":1}",
		   (size_t)-1);
	lake_write(root, "consumer/consumer-bad", "{\"nextSnapshot\":\"4\"}", (size_t)-1);
	lake_write(root, "consumer/.consumer-a.tmp", "{", 1);
	struct pl_consumer *c;
	size_t n;
	struct pl_error err;
	CHECK_INT_EQ(pl_consumer_list(st, root, &arena, &c, &n, &err), 0);
	CHECK_INT_EQ(n, 3);
	if (n == 3) {
		CHECK_STR_EQ(c[0].id, "a");
		CHECK(c[0].next_snapshot == INT64_MAX && !c[0].error);
		CHECK_STR_EQ(c[1].id, "bad");
		CHECK(c[1].error != NULL && c[1].error_code == PL_ERR_CORRUPT);
		CHECK_STR_EQ(c[2].id, "job b");
		CHECK_INT_EQ(c[2].next_snapshot, 42);
	}
	int64_t next;
	static const char *const bad[] = { "", "{", "[]", "{}", "{\"nextSnapshot\":null}",
					   "{\"nextSnapshot\":1.5}" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pl_err_clear(&err);
		CHECK_INT_EQ(pl_consumer_parse(bad[i], strlen(bad[i]), "c", &arena, &next, &err),
			     -1);
		CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	}
	pl_storage_close(st);
	free(root);
}

static const char stats_json[] =
	"{\n  \"snapshotId\" : 5,\n  \"schemaId\" : 0,\n  \"mergedRecordCount\" : 1000,\n"
	"  \"mergedRecordSize\" : 52000,\n  \"colStats\" : {\n"
	"    \"f0\" : { \"colId\" : 0, \"distinctCount\" : 998, \"min\" : \"Alice\", "
	"\"max\" : \"Zoe\", \"nullCount\" : 0, \"avgLen\" : 6, \"maxLen\" : 12 },\n"
	"    \"d\" : { \"colId\" : 3, \"min\" : \"19000\" }\n  }\n}";

TEST(statistics)
{
	struct pl_statistics s;
	struct pl_error err;
	CHECK_INT_EQ(pl_statistics_parse(stats_json, sizeof(stats_json) - 1, "stat", &arena, &s,
					 &err), 0);
	CHECK_INT_EQ(s.snapshot_id, 5);
	CHECK_INT_EQ(s.merged_record_count.v, 1000);
	CHECK_INT_EQ(s.merged_record_size.v, 52000);
	CHECK_INT_EQ(s.ncols, 2);
	if (s.ncols == 2) {
		CHECK_STR_EQ(s.cols[0].column, "f0");
		CHECK_INT_EQ(s.cols[0].distinct_count.v, 998);
		CHECK_STR_EQ(s.cols[0].max, "Zoe");
		CHECK_INT_EQ(s.cols[0].max_len.v, 12);
		CHECK_STR_EQ(s.cols[1].column, "d");
		CHECK_INT_EQ(s.cols[1].col_id, 3);
		CHECK(!s.cols[1].null_count.present && s.cols[1].max == NULL);
	}
	CHECK(s.col_stats_json != NULL);

	const char *no_counts = "{\"snapshotId\":1,\"schemaId\":0,\"colStats\":{}}";
	CHECK_INT_EQ(pl_statistics_parse(no_counts, strlen(no_counts), "stat", &arena, &s, &err),
		     0);
	CHECK(!s.merged_record_count.present && s.ncols == 0);

	static const char *const bad[] = {
		"{\"schemaId\":0}", "{\"snapshotId\":1,\"schemaId\":0,\"colStats\":[]}",
		"{\"snapshotId\":1,\"schemaId\":0,\"colStats\":{\"a\":1}}",
		"{\"snapshotId\":1,\"schemaId\":0,\"colStats\":{\"a\":{\"min\":\"x\"}}}",
		"{\"snapshotId\":1,\"schemaId\":0,\"colStats\":{\"a\":{\"colId\":1,\"min\":{}}}}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pl_err_clear(&err);
		CHECK_INT_EQ(pl_statistics_parse(bad[i], strlen(bad[i]), "stat", &arena, &s, &err),
			     -1);
		CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	}
	for (size_t cut = 0; cut + 1 < sizeof(stats_json) - 1; cut++) {
		pl_err_clear(&err);
		if (pl_statistics_parse(stats_json, cut, "stat", &arena, &s, &err) != -1) {
			CHECK(!"truncated statistics parsed");
			break;
		}
	}

	char *root = lake_new("stats");
	struct pl_storage *st = open_local(root);
	lake_write(root, "statistics/stat-u-0", stats_json, (size_t)-1);
	CHECK_INT_EQ(pl_statistics_load(st, root, "stat-u-0", &arena, &s, &err), 0);
	CHECK_INT_EQ(s.ncols, 2);
	CHECK_INT_EQ(pl_statistics_load(st, root, "stat-u-1", &arena, &s, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
	CHECK_INT_EQ(pl_statistics_load(st, root, "../statistics/stat-u-0", &arena, &s, &err),
		     -1);
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	pl_storage_close(st);
	free(root);
}

/* Deterministic byte mutations of valid inputs: every result is a clean
 * parse or a clean error (valgrind and sanitizers catch the rest). */
TEST(mutations_never_crash)
{
	static const char consumer_json[] = "{\n  \"nextSnapshot\" : 42\n}";
	static const char mutate_bytes[] = "{}[]\",:0-9eE.ntf \\u";
	const struct { const char *text; size_t len; int kind; } inputs[] = {
		{ full, sizeof(full) - 1, 0 },
		{ old_nulls, sizeof(old_nulls) - 1, 0 },
		{ stats_json, sizeof(stats_json) - 1, 1 },
		{ consumer_json, sizeof(consumer_json) - 1, 2 },
	};
	uint32_t rng = 12345;
	size_t ok = 0, failed_cleanly = 0, bad_code = 0;
	for (size_t in = 0; in < sizeof(inputs) / sizeof(inputs[0]); in++) {
		for (int round = 0; round < 3000; round++) {
			char *copy = malloc(inputs[in].len);
			memcpy(copy, inputs[in].text, inputs[in].len);
			int edits = 1 + round % 4;
			for (int e = 0; e < edits; e++) {
				rng = rng * 1103515245u + 12345u;
				size_t at = (rng >> 8) % inputs[in].len;
				rng = rng * 1103515245u + 12345u;
				copy[at] = mutate_bytes[(rng >> 8) % (sizeof(mutate_bytes) - 1)];
			}
			struct pl_error err;
			pl_err_clear(&err);
			int rc;
			if (inputs[in].kind == 0) {
				struct pl_snapshot s;
				rc = pl_snapshot_parse(copy, inputs[in].len, "m", &arena, &s, &err);
			} else if (inputs[in].kind == 1) {
				struct pl_statistics s;
				rc = pl_statistics_parse(copy, inputs[in].len, "m", &arena, &s, &err);
			} else {
				int64_t next;
				rc = pl_consumer_parse(copy, inputs[in].len, "m", &arena, &next, &err);
			}
			if (rc == 0)
				ok++;
			else if (err.code == PL_ERR_CORRUPT || err.code == PL_ERR_LIMIT)
				failed_cleanly++;
			else
				bad_code++;
			free(copy);
			pl_arena_reset(&arena);
		}
	}
	CHECK_INT_EQ(bad_code, 0);
	CHECK(ok > 0 && failed_cleanly > 0);
}

int main(void)
{
	pl_arena_init(&arena, 64 * 1024);
	RUN(every_key_parses_exactly);
	RUN(null_and_absent_read_alike);
	RUN(unknown_commit_kind_is_kept);
	RUN(old_string_commit_identifier);
	RUN(missing_or_mistyped_keys_are_corrupt);
	RUN(manifest_lists_needed_only_to_read_files);
	RUN(every_truncation_is_an_error);
	RUN(tag_keys);
	RUN(hint_text);
	RUN(hints_with_listing_fallback);
	RUN(batch_load_fails_only_bad_slots);
	RUN(tags_list_and_load);
	RUN(consumers);
	RUN(statistics);
	RUN(mutations_never_crash);
	pl_arena_free(&arena);
	return pl_test_done();
}
