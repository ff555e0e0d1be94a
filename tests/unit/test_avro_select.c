/* Selected reading (pl_record_reader_select): every selected value equals
 * the same field of the whole record, whatever is stepped over around it,
 * on hand-built files of every type and on every real manifest of the
 * fixtures (Avro through the compiled steps, ORC through the generic
 * fallback); the brief manifest parse agrees with the full one; hostile
 * bytes in skipped fields are errors that name the field. */
#define _GNU_SOURCE 1
#include "test.h"
#include "avro_testlib.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/manifest.h"

#define MAX_PATHS 64

static int value_eq(const struct pl_value *a, const struct pl_value *b, int depth)
{
	if (pl_value_is_null(a) || pl_value_is_null(b))
		return pl_value_is_null(a) && pl_value_is_null(b);
	if (a->kind != b->kind || depth > 20)
		return 0;
	switch (a->kind) {
	case PL_VK_BOOL:
		return a->u.b == b->u.b;
	case PL_VK_INT:
	case PL_VK_TIMESTAMP_MS:
		return a->u.i == b->u.i;
	case PL_VK_FLOAT:
	case PL_VK_DOUBLE:
		return memcmp(&a->u.d, &b->u.d, sizeof(a->u.d)) == 0;
	case PL_VK_STRING:
	case PL_VK_BYTES:
		return a->u.bytes.n == b->u.bytes.n &&
		       (!a->u.bytes.n || memcmp(a->u.bytes.p, b->u.bytes.p, a->u.bytes.n) == 0);
	case PL_VK_ARRAY:
	case PL_VK_MAP:
		if (a->u.array.n != b->u.array.n)
			return 0;
		for (size_t i = 0; i < a->u.array.n; i++)
			if (!value_eq(&a->u.array.items[i], &b->u.array.items[i], depth + 1))
				return 0;
		return 1;
	case PL_VK_RECORD:
		if (a->u.record.type->nfields != b->u.record.type->nfields)
			return 0;
		for (size_t i = 0; i < a->u.record.type->nfields; i++)
			if (!value_eq(&a->u.record.fields[i], &b->u.record.fields[i], depth + 1))
				return 0;
		return 1;
	default:
		return 1;
	}
}

/* The value at path ("a/b") in a whole record, NULL when absent or null. */
static const struct pl_value *at_path(const struct pl_value *row, const char *path)
{
	char name[256];
	const struct pl_value *v = row;
	while (*path && !pl_value_is_null(v)) {
		size_t n = strcspn(path, "/");
		snprintf(name, sizeof(name), "%.*s", (int)n, path);
		v = F(v, name);
		path += n + (path[n] == '/');
	}
	return v;
}

/* Reads the file twice, whole and selected, and compares every selected
 * slot with its field; returns the records compared or -1. */
static long compare_selected(const uint8_t *d, size_t len, const char *name,
			     const char *const *paths, size_t n)
{
	struct pl_record_reader *whole = NULL, *sel = NULL;
	struct pl_error err = { 0 };
	long records = 0;
	if (pl_record_reader_open(d, len, name, &whole, &err) ||
	    pl_record_reader_open(d, len, name, &sel, &err)) {
		printf("# %s\n", err.msg);
		pl_record_reader_close(whole);
		return -1;
	}
	int ok = pl_record_reader_select(sel, paths, n, &err) == 0;
	struct pl_value vals[MAX_PATHS];
	const struct pl_value *row;
	while (ok) {
		int a = pl_record_reader_next(whole, &row, &err);
		int b = pl_record_reader_next_selected(sel, vals, &err);
		if (a != b) {
			printf("# %s: whole read %d, selected read %d: %s\n", name, a, b, err.msg);
			ok = 0;
		}
		if (a != 1)
			break;
		for (size_t k = 0; ok && k < n; k++)
			if (!value_eq(at_path(row, paths[k]), &vals[k], 0)) {
				printf("# %s: record %ld: %s differs\n", name, records, paths[k]);
				ok = 0;
			}
		records++;
	}
	pl_record_reader_close(whole);
	pl_record_reader_close(sel);
	return ok ? records : -1;
}

static const char *const all_type_fields[] = {
	"b", "i", "l", "f", "d", "s", "by", "fx", "e", "ts", "tsu", "dt", "arr", "m",
	"n1", "n2", "u", "sub/x", "sub2/x", "sub3/x", "fx2", "e2", "nul", "lts",
};
#define N_ALL (sizeof(all_type_fields) / sizeof(all_type_fields[0]))

static void all_types_file(struct wbuf *f)
{
	struct wbuf p = { 0 };
	put_header(f, all_types_schema, NULL);
	put_all_types_record1(&p);
	put_all_types_record2(&p);
	put_block(f, 2, p.d, p.n);
	free(p.d);
}

TEST(each_field_alone_and_together)
{
	struct wbuf f = { 0 };
	all_types_file(&f);
	/* One field at a time: everything before and after it is skipped. */
	for (size_t k = 0; k < N_ALL; k++) {
		const char *one[] = { all_type_fields[k] };
		long n = compare_selected(f.d, f.n, "all.avro", one, 1);
		if (n != 2)
			printf("# alone: %s\n", all_type_fields[k]);
		CHECK_INT_EQ(n, 2);
	}
	/* All of them, in reverse order (slots are not field order), then
	 * every other one. */
	const char *rev[N_ALL], *odd[N_ALL];
	size_t nodd = 0;
	for (size_t k = 0; k < N_ALL; k++) {
		rev[k] = all_type_fields[N_ALL - 1 - k];
		if (k % 2)
			odd[nodd++] = all_type_fields[k];
	}
	CHECK_INT_EQ(compare_selected(f.d, f.n, "all.avro", rev, N_ALL), 2);
	CHECK_INT_EQ(compare_selected(f.d, f.n, "all.avro", odd, nodd), 2);
	free(f.d);
}

TEST(absent_null_and_overlapping_paths)
{
	struct wbuf f = { 0 };
	all_types_file(&f);
	struct pl_record_reader *r = NULL;
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_record_reader_open(f.d, f.n, "all.avro", &r, &err), 0);
	/* A field the file lacks, a path through a non-record, a nullable
	 * record that is null in the second record. */
	const char *paths[] = { "no_such", "s/x", "sub3/x", "sub3/none", "i" };
	struct pl_value v[5];
	CHECK_INT_EQ(pl_record_reader_select(r, paths, 5, &err), 0);
	CHECK_INT_EQ(pl_record_reader_next_selected(r, v, &err), 1);
	CHECK(pl_value_is_null(&v[0]));
	CHECK(pl_value_is_null(&v[1]));
	CHECK_INT_EQ(int_of(&v[2]), 11);
	CHECK(pl_value_is_null(&v[3]));
	CHECK_INT_EQ(int_of(&v[4]), -5);
	CHECK_INT_EQ(pl_record_reader_next_selected(r, v, &err), 1);
	CHECK(pl_value_is_null(&v[2]));
	CHECK_INT_EQ(int_of(&v[4]), 0);
	CHECK_INT_EQ(pl_record_reader_next_selected(r, v, &err), 0);
	pl_record_reader_close(r);

	CHECK_INT_EQ(pl_record_reader_open(f.d, f.n, "all.avro", &r, &err), 0);
	const char *overlap[] = { "sub/x", "sub" };
	CHECK_INT_EQ(pl_record_reader_select(r, overlap, 2, &err), -1);
	CHECK(contains(err.msg, "overlaps"));
	pl_record_reader_close(r);
	free(f.d);
}

/* A manifest-shaped record whose skipped statistics are hostile. */
static const char stats_schema[] =
	"{\"type\":\"record\",\"name\":\"E\",\"fields\":["
	"{\"name\":\"_KIND\",\"type\":\"int\"},"
	"{\"name\":\"_FILE\",\"type\":{\"type\":\"record\",\"name\":\"F\",\"fields\":["
	"{\"name\":\"_FILE_NAME\",\"type\":\"string\"},"
	"{\"name\":\"_VALUE_STATS\",\"type\":{\"type\":\"record\",\"name\":\"S\",\"fields\":["
	"{\"name\":\"_MIN_VALUES\",\"type\":\"bytes\"},"
	"{\"name\":\"_NULL_COUNTS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":[\"null\",\"long\"]}]}"
	"]}},"
	"{\"name\":\"_LEVEL\",\"type\":\"int\"}]}}]}";

static int read_stats_file(const struct wbuf *p, int64_t count, struct pl_error *err)
{
	struct wbuf f = { 0 };
	put_header(&f, stats_schema, NULL);
	put_block(&f, count, p->d, p->n);
	struct pl_record_reader *r = NULL;
	const char *paths[] = { "_FILE/_FILE_NAME", "_FILE/_LEVEL" };
	struct pl_value v[2];
	int rc = pl_record_reader_open(f.d, f.n, "stats.avro", &r, err);
	if (!rc)
		rc = pl_record_reader_select(r, paths, 2, err);
	while (!rc && (rc = pl_record_reader_next_selected(r, v, err)) == 1)
		rc = 0;
	pl_record_reader_close(r);
	free(f.d);
	return rc;
}

TEST(hostile_skipped_fields)
{
	struct pl_error err = { 0 };
	struct wbuf p = { 0 };
	/* Well-formed: null counts {0, null, 5}, then level 3. */
	put_long(&p, 0);
	put_str(&p, "data-1.orc");
	put_blob(&p, "\x01\x02", 2);
	put_long(&p, 1);
	put_long(&p, 3);
	put_long(&p, 1), put_long(&p, 0);
	put_long(&p, 0);
	put_long(&p, 1), put_long(&p, 5);
	put_long(&p, 0);
	put_long(&p, 3);
	CHECK_INT_EQ(read_stats_file(&p, 1, &err), 0);
	free(p.d);

	/* An array count far beyond the bytes left. */
	p = (struct wbuf){ 0 };
	put_long(&p, 0);
	put_str(&p, "data-1.orc");
	put_blob(&p, "", 0);
	put_long(&p, 1);
	put_long(&p, 1000000);
	put_long(&p, 0);
	CHECK_INT_EQ(read_stats_file(&p, 1, &err), -1);
	CHECK(contains(err.msg, "stats.avro"));
	CHECK(contains(err.msg, "_FILE._VALUE_STATS._NULL_COUNTS"));
	free(p.d);

	/* A union branch that does not exist inside the null counts. */
	p = (struct wbuf){ 0 };
	put_long(&p, 0);
	put_str(&p, "data-1.orc");
	put_blob(&p, "", 0);
	put_long(&p, 1);
	put_long(&p, 1);
	put_long(&p, 7);
	put_long(&p, 0);
	put_long(&p, 3);
	CHECK_INT_EQ(read_stats_file(&p, 1, &err), -1);
	CHECK(contains(err.msg, "union branch below 2"));
	free(p.d);

	/* A bytes length past the end, and an 11-byte varint. */
	p = (struct wbuf){ 0 };
	put_long(&p, 0);
	put_str(&p, "data-1.orc");
	put_long(&p, 500);
	CHECK_INT_EQ(read_stats_file(&p, 1, &err), -1);
	CHECK(contains(err.msg, "_FILE._VALUE_STATS._MIN_VALUES"));
	free(p.d);
	p = (struct wbuf){ 0 };
	put_long(&p, 0);
	put_str(&p, "data-1.orc");
	put_blob(&p, "", 0);
	put_long(&p, 1);
	put_long(&p, 1);
	put_long(&p, 1);
	put(&p, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11);
	CHECK_INT_EQ(read_stats_file(&p, 1, &err), -1);
	CHECK(contains(err.msg, "varint"));
	free(p.d);
}

/* ---- the fixtures ---- */

static size_t glob_fixtures(glob_t *g)
{
	const char *fx = pl_test_fixtures();
	char pat[4096];
	snprintf(pat, sizeof(pat), "%s/*/*.db/*/manifest/*manifest*", fx);
	if (glob(pat, 0, NULL, g) != 0)
		return 0;
	return g->gl_pathc;
}

/* Paths of every field of the root and of its records, every other one
 * (so that both selected and skipped fields of every shape occur). */
static size_t field_paths(const struct pl_rtype *t, int parity, char names[][128],
			  const char **paths)
{
	size_t n = 0, seen = 0;
	for (size_t i = 0; t && i < t->nfields && n < MAX_PATHS; i++) {
		const struct pl_rtype *ft = t->fields[i].type;
		if (ft && ft->kind == PL_VK_RECORD) {
			for (size_t j = 0; j < ft->nfields && n < MAX_PATHS; j++)
				if (seen++ % 2 == (size_t)parity) {
					snprintf(names[n], 128, "%s/%s", t->fields[i].name,
						 ft->fields[j].name);
					paths[n] = names[n];
					n++;
				}
		} else if (seen++ % 2 == (size_t)parity) {
			snprintf(names[n], 128, "%s", t->fields[i].name);
			paths[n] = names[n];
			n++;
		}
	}
	return n;
}

TEST(every_fixture_manifest)
{
	glob_t g;
	if (!pl_test_fixtures() || !glob_fixtures(&g)) {
		SKIP("no fixtures");
		return;
	}
	int files = 0, orc = 0, failures = 0;
	long records = 0;
	for (size_t k = 0; k < g.gl_pathc; k++) {
		size_t len;
		uint8_t *d = pl_test_slurp(g.gl_pathv[k], &len);
		struct pl_record_reader *r = NULL;
		struct pl_error err = { 0 };
		if (!d || pl_record_reader_open(d, len, g.gl_pathv[k], &r, &err)) {
			free(d);
			continue;
		}
		orc += pl_record_reader_format(r) == PL_FMT_ORC;
		const struct pl_rtype *t = pl_record_reader_type(r);
		char names[MAX_PATHS][128];
		const char *paths[MAX_PATHS];
		for (int parity = 0; parity < 2; parity++) {
			size_t n = field_paths(t, parity, names, paths);
			long got = compare_selected(d, len, g.gl_pathv[k], paths, n);
			failures += got < 0;
			records += got > 0 ? got : 0;
		}
		files++;
		pl_record_reader_close(r);
		free(d);
	}
	globfree(&g);
	printf("# %d manifest-type files (%d ORC), %ld records compared\n", files, orc, records);
	CHECK(files >= 100);
	CHECK(orc > 0);
	CHECK_INT_EQ(failures, 0);
}

struct entries {
	struct pl_manifest_entry *items;
	size_t n, cap;
	struct pl_arena arena;
};

static int keep_entry(void *ctx, const struct pl_manifest_entry *e, struct pl_error *err)
{
	struct entries *es = ctx;
	(void)err;
	if (es->n == es->cap) {
		es->cap = es->cap ? 2 * es->cap : 64;
		es->items = realloc(es->items, es->cap * sizeof(*es->items));
	}
	pl_manifest_entry_copy(&es->arena, &es->items[es->n++], e);
	return 0;
}

static int same_identity(const struct pl_manifest_entry *a, const struct pl_manifest_entry *b)
{
	const struct pl_data_file_meta *x = &a->file, *y = &b->file;
	return a->kind == b->kind && a->bucket == b->bucket &&
	       a->total_buckets == b->total_buckets && a->partition.n == b->partition.n &&
	       (!a->partition.n || !memcmp(a->partition.p, b->partition.p, a->partition.n)) &&
	       !strcmp(x->file_name, y->file_name) && x->file_size == y->file_size &&
	       x->row_count == y->row_count && x->min_sequence_number == y->min_sequence_number &&
	       x->max_sequence_number == y->max_sequence_number && x->schema_id == y->schema_id &&
	       x->level == y->level && x->extra_files.n == y->extra_files.n &&
	       x->creation_time.present == y->creation_time.present &&
	       x->creation_time.v == y->creation_time.v &&
	       x->delete_row_count.v == y->delete_row_count.v &&
	       x->embedded_index.n == y->embedded_index.n && x->file_source == y->file_source &&
	       !x->external_path == !y->external_path &&
	       (!x->external_path || !strcmp(x->external_path, y->external_path)) &&
	       x->first_row_id.v == y->first_row_id.v;
}

TEST(brief_parse_matches_full_parse)
{
	glob_t g;
	if (!pl_test_fixtures() || !glob_fixtures(&g)) {
		SKIP("no fixtures");
		return;
	}
	int files = 0, mismatches = 0;
	long entries = 0;
	for (size_t k = 0; k < g.gl_pathc; k++) {
		const char *path = g.gl_pathv[k];
		const char *base = strrchr(path, '/');
		if (strncmp(base + 1, "manifest-", 9) || strstr(base, "manifest-list"))
			continue;
		size_t len;
		uint8_t *d = pl_test_slurp(path, &len);
		struct entries full = { 0 }, brief = { 0 };
		struct pl_arena scratch;
		struct pl_error err = { 0 };
		pl_arena_init(&full.arena, 0);
		pl_arena_init(&brief.arena, 0);
		pl_arena_init(&scratch, 0);
		int a = pl_manifest_parse_each(d, len, path, &scratch, keep_entry, &full, &err);
		int b = pl_manifest_parse_each_brief(d, len, path, &scratch, keep_entry, &brief, &err);
		if (a == 0) {
			files++;
			CHECK_INT_EQ(b, 0);
			CHECK_INT_EQ(brief.n, full.n);
			for (size_t i = 0; i < full.n && i < brief.n; i++) {
				mismatches += !same_identity(&full.items[i], &brief.items[i]);
				/* what a brief parse leaves out reads as absent */
				mismatches += brief.items[i].file.value_stats.min_values.has_value ||
					      brief.items[i].file.key_stats.has_null_counts;
			}
			entries += (long)full.n;
		}
		free(full.items);
		free(brief.items);
		pl_arena_free(&full.arena);
		pl_arena_free(&brief.arena);
		pl_arena_free(&scratch);
		free(d);
	}
	globfree(&g);
	printf("# %d manifests, %ld entries\n", files, entries);
	CHECK(files >= 50);
	CHECK_INT_EQ(mismatches, 0);
}

int main(void)
{
	RUN(each_field_alone_and_together);
	RUN(absent_null_and_overlapping_paths);
	RUN(hostile_skipped_fields);
	RUN(every_fixture_manifest);
	RUN(brief_parse_matches_full_parse);
	return pl_test_done();
}
