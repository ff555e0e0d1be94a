/* The ORC reader on the real manifests of the shared fixtures: every file
 * decodes, the worked examples of format-manifests.md §2A.6 come out, the
 * manifest lists agree with the manifests they name, and truncation and bit
 * flips fail cleanly. */
#define _GNU_SOURCE 1
#include "test.h"
#include "orc_testlib.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paimon/records.h"

#define APPEND_09 "orc/append_09.db/append_09/manifest/"
#define LIST_469F APPEND_09 "manifest-list-469f3a0f-f6f1-4027-91bf-d1e897e8ea23-0"
#define MANIFEST_3A44 APPEND_09 "manifest-3a44a0da-1008-463c-914e-28d271375e24-0"

static const struct pl_value *F(const struct pl_value *rec, const char *name)
{
	return pl_value_field(rec, name);
}

static int64_t int_of(const struct pl_value *v)
{
	return v && (v->kind == PL_VK_INT || v->kind == PL_VK_TIMESTAMP_MS) ? v->u.i : INT64_MIN;
}

static int str_is(const struct pl_value *v, const char *s)
{
	return v && v->kind == PL_VK_STRING && v->u.bytes.n == strlen(s) &&
	       memcmp(v->u.bytes.p, s, v->u.bytes.n) == 0;
}

static uint8_t *slurp_fixture(const char *rel, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", pl_test_fixtures(), rel);
	return pl_test_slurp(path, len);
}

static int is_orc(const uint8_t *d, size_t len)
{
	return d && len >= 3 && memcmp(d, "ORC", 3) == 0;
}

TEST(every_fixture_orc_manifest)
{
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("no fixtures");
		return;
	}
	char pat[4096];
	snprintf(pat, sizeof(pat), "%s/*/*.db/*/manifest/*", fx);
	glob_t g;
	int files = 0, failures = 0, empty = 0;
	long rows = 0;
	if (glob(pat, 0, NULL, &g) == 0) {
		for (size_t k = 0; k < g.gl_pathc; k++) {
			size_t len;
			uint8_t *d = pl_test_slurp(g.gl_pathv[k], &len);
			if (!is_orc(d, len)) {
				free(d);
				continue;
			}
			struct pl_error err = { 0 };
			long n = orc_read_all(d, len, g.gl_pathv[k], &err);
			files++;
			if (n < 0) {
				failures++;
				printf("# %s\n", err.msg);
			} else {
				rows += n;
				empty += n == 0;
			}
			free(d);
		}
	}
	globfree(&g);
	printf("# %d ORC manifest-type files, %ld rows, %d empty\n", files, rows, empty);
	/* §2A: 432 ORC files, 58 of them empty */
	CHECK(files >= 400);
	CHECK(empty >= 1);
	CHECK(rows > files);
	CHECK_INT_EQ(failures, 0);
}

TEST(worked_example_manifest_list)
{
	if (!pl_test_fixtures()) {
		SKIP("no fixtures");
		return;
	}
	size_t len;
	uint8_t *d = slurp_fixture(LIST_469F, &len);
	CHECK(d != NULL);
	if (!d)
		return;
	CHECK_INT_EQ(len, 1184);
	struct pl_record_reader *r = NULL;
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_record_reader_open(d, len, LIST_469F, &r, &err), 0);
	if (!r) {
		printf("# %s\n", err.msg);
		free(d);
		return;
	}
	CHECK_INT_EQ(pl_record_reader_format(r), PL_FMT_ORC);
	CHECK_STR_EQ(pl_record_reader_codec(r), "ZSTD");
	const struct pl_rtype *t = pl_record_reader_type(r);
	CHECK_INT_EQ(t->kind, PL_VK_RECORD);
	CHECK_INT_EQ(t->nfields, 7);
	CHECK_STR_EQ(t->fields[0].name, "_VERSION");
	CHECK_STR_EQ(t->fields[6].name, "_SCHEMA_ID");
	CHECK_INT_EQ(t->fields[5].type->kind, PL_VK_RECORD);
	CHECK_INT_EQ(t->fields[5].type->fields[2].type->kind, PL_VK_ARRAY);
	CHECK_INT_EQ(t->fields[5].type->fields[2].type->items->kind, PL_VK_INT);
	CHECK_INT_EQ(t->fields[1].type->kind, PL_VK_STRING);
	CHECK_INT_EQ(t->fields[1].type->nullable, 1);

	const struct pl_value *v = NULL;
	CHECK_INT_EQ(pl_record_reader_next(r, &v, &err), 1);
	if (v) {
		CHECK_INT_EQ(int_of(F(v, "_VERSION")), 2);
		CHECK(str_is(F(v, "_FILE_NAME"), "manifest-f8b15cfc-437a-4d21-a6a0-e45b639ae7ed-0"));
		CHECK_INT_EQ(int_of(F(v, "_FILE_SIZE")), 2666);
		CHECK_INT_EQ(int_of(F(v, "_NUM_ADDED_FILES")), 3);
		CHECK_INT_EQ(int_of(F(v, "_NUM_DELETED_FILES")), 0);
		CHECK_INT_EQ(int_of(F(v, "_SCHEMA_ID")), 0);
		const struct pl_value *ps = F(v, "_PARTITION_STATS");
		const struct pl_value *mn = F(ps, "_MIN_VALUES"), *mx = F(ps, "_MAX_VALUES");
		CHECK(mn && mn->kind == PL_VK_BYTES && mn->u.bytes.n == 20);
		CHECK(mx && mx->kind == PL_VK_BYTES && mx->u.bytes.n == 20);
		if (mn && mn->u.bytes.n == 20 && mx && mx->u.bytes.n == 20) {
			CHECK_INT_EQ(mn->u.bytes.p[3], 1);      /* arity 1, big-endian */
			CHECK_INT_EQ(mn->u.bytes.p[12], 10);    /* INT slot: min f1 = 10 */
			CHECK_INT_EQ(mx->u.bytes.p[12], 20);
		}
		const struct pl_value *nc = F(ps, "_NULL_COUNTS");
		CHECK(nc && nc->kind == PL_VK_ARRAY && nc->u.array.n == 1);
		if (nc && nc->kind == PL_VK_ARRAY && nc->u.array.n == 1)
			CHECK_INT_EQ(int_of(&nc->u.array.items[0]), 0);
	}
	CHECK_INT_EQ(pl_record_reader_next(r, &v, &err), 0);
	CHECK_INT_EQ(pl_record_reader_next(r, &v, &err), 0);
	pl_record_reader_close(r);
	free(d);
}

TEST(worked_example_creation_time)
{
	if (!pl_test_fixtures()) {
		SKIP("no fixtures");
		return;
	}
	size_t len;
	uint8_t *d = slurp_fixture(MANIFEST_3A44, &len);
	CHECK(d != NULL);
	if (!d)
		return;
	struct pl_record_reader *r = NULL;
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_record_reader_open(d, len, MANIFEST_3A44, &r, &err), 0);
	if (!r) {
		printf("# %s\n", err.msg);
		free(d);
		return;
	}
	/* 2024-07-22T10:14:27.385 and .404 wall-clock, as millis "as if UTC" */
	static const int64_t want[] = { INT64_C(1721643267385), INT64_C(1721643267404) };
	const struct pl_value *v = NULL;
	for (int i = 0; i < 2; i++) {
		CHECK_INT_EQ(pl_record_reader_next(r, &v, &err), 1);
		const struct pl_value *file = F(v, "_FILE");
		const struct pl_value *ct = F(file, "_CREATION_TIME");
		CHECK(ct && ct->kind == PL_VK_TIMESTAMP_MS);
		CHECK_INT_EQ(int_of(ct), want[i]);
		CHECK_INT_EQ(int_of(F(v, "_KIND")), 0);
		const struct pl_value *name = F(file, "_FILE_NAME");
		CHECK(name && name->kind == PL_VK_STRING && name->u.bytes.n > 5 &&
		      memcmp(name->u.bytes.p, "data-", 5) == 0);
		CHECK(int_of(F(file, "_ROW_COUNT")) > 0);
		const struct pl_value *extra = F(file, "_EXTRA_FILES");
		CHECK(extra && extra->kind == PL_VK_ARRAY);
	}
	CHECK_INT_EQ(pl_record_reader_next(r, &v, &err), 0);
	pl_record_reader_close(r);
	free(d);
}

/* Counts a manifest's ADD (_KIND 0) and DELETE (_KIND 1) entries. */
static int count_kinds(const char *path, long *adds, long *deletes)
{
	size_t len;
	uint8_t *d = pl_test_slurp(path, &len);
	struct pl_record_reader *r = NULL;
	struct pl_error err = { 0 };
	*adds = *deletes = 0;
	if (!d || pl_record_reader_open(d, len, path, &r, &err)) {
		printf("# %s: %s\n", path, d ? err.msg : "missing");
		free(d);
		return -1;
	}
	const struct pl_value *v;
	int rc;
	while ((rc = pl_record_reader_next(r, &v, &err)) == 1) {
		int64_t kind = int_of(F(v, "_KIND"));
		*adds += kind == 0;
		*deletes += kind == 1;
	}
	if (rc < 0)
		printf("# %s\n", err.msg);
	pl_record_reader_close(r);
	free(d);
	return rc;
}

/* Every row of every ORC manifest list names a manifest next to it whose
 * size is _FILE_SIZE and whose ADD/DELETE entries number
 * _NUM_ADDED_FILES/_NUM_DELETED_FILES. */
TEST(manifest_lists_agree_with_manifests)
{
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("no fixtures");
		return;
	}
	char pat[4096];
	snprintf(pat, sizeof(pat), "%s/*/*.db/*/manifest/manifest-list-*", fx);
	glob_t g;
	int lists = 0, entries = 0, mismatches = 0;
	long added = 0;
	if (glob(pat, 0, NULL, &g) == 0) {
		for (size_t k = 0; k < g.gl_pathc; k++) {
			size_t len;
			uint8_t *d = pl_test_slurp(g.gl_pathv[k], &len);
			struct pl_record_reader *r = NULL;
			struct pl_error err = { 0 };
			if (!is_orc(d, len) ||
			    pl_record_reader_open(d, len, g.gl_pathv[k], &r, &err)) {
				free(d);
				continue;
			}
			lists++;
			char dir[4096];
			snprintf(dir, sizeof(dir), "%s", g.gl_pathv[k]);
			*strrchr(dir, '/') = '\0';
			const struct pl_value *v;
			while (pl_record_reader_next(r, &v, &err) == 1) {
				const struct pl_value *name = F(v, "_FILE_NAME");
				char path[8192];
				snprintf(path, sizeof(path), "%s/%.*s", dir,
					 (int)name->u.bytes.n, (const char *)name->u.bytes.p);
				struct stat sb;
				long adds, deletes;
				entries++;
				added += int_of(F(v, "_NUM_ADDED_FILES"));
				if (stat(path, &sb) != 0 ||
				    (int64_t)sb.st_size != int_of(F(v, "_FILE_SIZE")) ||
				    count_kinds(path, &adds, &deletes) != 0 ||
				    adds != int_of(F(v, "_NUM_ADDED_FILES")) ||
				    deletes != int_of(F(v, "_NUM_DELETED_FILES"))) {
					printf("# mismatch: %s\n", path);
					mismatches++;
				}
			}
			pl_record_reader_close(r);
			free(d);
		}
	}
	globfree(&g);
	printf("# %d ORC manifest lists, %d entries, %ld files added\n", lists, entries, added);
	CHECK(lists >= 100);
	CHECK(entries >= lists);
	CHECK_INT_EQ(mismatches, 0);
}

/* Reads a mutated copy in an exact-size buffer so that sanitizers see any
 * overread; the reader must answer 0 rows or -1, never crash or hang. */
static int mutated(const uint8_t *d, size_t len, int *failed)
{
	uint8_t *copy = malloc(len ? len : 1);
	memcpy(copy, d, len);
	struct pl_error err = { 0 };
	long n = orc_read_all(copy, len, "mutated.orc", &err);
	free(copy);
	if (n < 0) {
		(*failed)++;
		return err.msg[0] != '\0' && err.code != PL_OK;
	}
	return 1;
}

static void corrupt_file(const char *rel, int flips)
{
	size_t len;
	uint8_t *d = slurp_fixture(rel, &len);
	CHECK(d != NULL);
	if (!d)
		return;
	int failed = 0, bad_errors = 0;
	for (size_t cut = 0; cut < len; cut++)
		bad_errors += !mutated(d, cut, &failed);
	/* without its tail (the last byte) no prefix is an ORC file */
	CHECK_INT_EQ(failed, (int)len);
	failed = 0;
	uint64_t seed = 0x9e3779b97f4a7c15u;
	for (int i = 0; i < flips; i++) {
		seed = seed * 6364136223846793005u + 1442695040888963407u;
		size_t bit = (size_t)(seed >> 33) % (len * 8);
		d[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		bad_errors += !mutated(d, len, &failed);
		d[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
	printf("# %s: %d of %d bit flips detected\n", rel, failed, flips);
	CHECK(failed > 0);
	CHECK_INT_EQ(bad_errors, 0);
	free(d);
}

TEST(truncation_and_bit_flips)
{
	if (!pl_test_fixtures()) {
		SKIP("no fixtures");
		return;
	}
	corrupt_file(LIST_469F, 1500);
	corrupt_file(MANIFEST_3A44, 1500);
}

/* The ORC data files of the fixtures use types the manifests do not
 * (date, decimal, float, map, timestamps before 1970): all decode. */
TEST(every_fixture_orc_data_file)
{
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("no fixtures");
		return;
	}
	/* unpartitioned, one and two partition levels */
	static const char *const patterns[] = { "*/*.db/*/bucket-*/*.orc",
		"*/*.db/*/*/bucket-*/*.orc", "*/*.db/*/*/*/bucket-*/*.orc" };
	int files = 0, failures = 0;
	for (size_t i = 0; i < 3; i++) {
		char pat[4096];
		snprintf(pat, sizeof(pat), "%s/%s", fx, patterns[i]);
		glob_t g;
		if (glob(pat, 0, NULL, &g) == 0) {
			for (size_t k = 0; k < g.gl_pathc; k++) {
				size_t len;
				uint8_t *d = pl_test_slurp(g.gl_pathv[k], &len);
				struct pl_error err = { 0 };
				files++;
				if (!is_orc(d, len) || orc_read_all(d, len, g.gl_pathv[k], &err) < 0) {
					failures++;
					printf("# %s\n", err.msg);
				}
				free(d);
			}
		}
		globfree(&g);
	}
	printf("# %d ORC data files\n", files);
	CHECK(files >= 150);
	CHECK_INT_EQ(failures, 0);
}

/* Values the table's README lists, found by their f6 payload. */
TEST(data_file_dates_decimals_old_timestamps)
{
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("no fixtures");
		return;
	}
	char pat[4096];
	snprintf(pat, sizeof(pat), "%s/orc/append_complex_data.db/append_complex_data/*/bucket-*/*.orc",
		 fx);
	glob_t g;
	int seen = 0;
	if (glob(pat, 0, NULL, &g) == 0) {
		for (size_t k = 0; k < g.gl_pathc; k++) {
			size_t len;
			uint8_t *d = pl_test_slurp(g.gl_pathv[k], &len);
			struct pl_record_reader *r = NULL;
			struct pl_error err = { 0 };
			if (!d || pl_record_reader_open(d, len, g.gl_pathv[k], &r, &err)) {
				free(d);
				CHECK(!"open");
				continue;
			}
			const struct pl_value *v;
			while (pl_record_reader_next(r, &v, &err) == 1) {
				const struct pl_value *f6 = F(v, "f6");
				if (!f6 || f6->kind != PL_VK_BYTES || f6->u.bytes.n != 3)
					continue;
				if (!memcmp(f6->u.bytes.p, "bad", 3)) {
					seen++;
					CHECK_INT_EQ(int_of(F(v, "f3")), -1234);
					/* 1899-01-01 00:59:20.001001001 */
					CHECK_INT_EQ(int_of(F(v, "f4")), INT64_C(-2240521239999));
					CHECK(str_is(F(v, "f5"), "-123456789987654321.45678"));
				} else if (!memcmp(f6->u.bytes.p, "add", 3)) {
					seen++;
					CHECK_INT_EQ(int_of(F(v, "f4")), INT64_C(2000000000000));
					CHECK(str_is(F(v, "f5"), "123456789987654321.45678"));
				} else if (!memcmp(f6->u.bytes.p, "eat", 3)) {
					seen++;
					CHECK_INT_EQ(int_of(F(v, "f3")), 100);
					CHECK(str_is(F(v, "f5"), "-123.45000"));
				} else if (!memcmp(f6->u.bytes.p, "dad", 3)) {
					seen++;
					CHECK(pl_value_is_null(F(v, "f5")));
					CHECK_INT_EQ(int_of(F(v, "f4")), INT64_C(1230422400000));
				}
			}
			pl_record_reader_close(r);
			free(d);
		}
	}
	globfree(&g);
	/* the rows of snapshot 1 and 2 appear again after the full compaction */
	CHECK(seen >= 4);
}

int main(void)
{
	RUN(every_fixture_orc_manifest);
	RUN(worked_example_manifest_list);
	RUN(worked_example_creation_time);
	RUN(manifest_lists_agree_with_manifests);
	RUN(truncation_and_bit_flips);
	RUN(every_fixture_orc_data_file);
	RUN(data_file_dates_decimals_old_timestamps);
	return pl_test_done();
}
