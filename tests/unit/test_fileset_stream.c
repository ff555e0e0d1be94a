/* The streaming manifest parse and the memory-saving file set (shared
 * partition bytes, one arena), checked against the collecting parse on the
 * real fixtures and on a generated lake's pieces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/storage.h"
#include "paimon/fileset_names.h"
#include "paimon/manifest.h"
#include "paimon/records.h"
#include "test.h"
#include "util/alloc.h"

struct seen {
	size_t n;
	size_t stop_at;          /* 0: never stop */
	char first_name[256];
	int32_t kinds;
};

static int count_entry(void *ctx, const struct pl_manifest_entry *e, struct pl_error *err)
{
	struct seen *s = ctx;
	if (!s->n)
		snprintf(s->first_name, sizeof(s->first_name), "%s", e->file.file_name);
	s->kinds += e->kind;
	if (++s->n == s->stop_at)
		return pl_err(err, PL_ERR_CANCELLED, "stopped at %zu", s->n);
	return 0;
}

/* Some real manifest of the fixtures (any will do), read whole. */
static int fixture_manifest(struct pl_buf *buf, char *path, size_t cap)
{
	const char *root = pl_test_fixtures();
	if (!root)
		return -1;
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
		 "find '%s' -path '*/manifest/manifest-*' ! -name 'manifest-list*' "
		 "-size +1k | sort | head -1", root);
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	int ok = fgets(path, (int)cap, p) != NULL;
	pclose(p);
	if (!ok)
		return -1;
	path[strcspn(path, "\n")] = 0;
	struct pl_storage *st;
	struct pl_error err;
	if (pl_storage_local_open("/", &st, &err))
		return -1;
	int rc = pl_storage_read(st, path, 0, buf, &err);
	pl_storage_close(st);
	return rc;
}

TEST(streaming_parse_matches_collecting_parse)
{
	struct pl_buf buf = { 0 };
	char path[1024];
	if (fixture_manifest(&buf, path, sizeof(path))) {
		SKIP("no fixture manifest");
		return;
	}
	struct pl_arena arena, scratch;
	pl_arena_init(&arena, 0);
	pl_arena_init(&scratch, 1024);
	struct pl_manifest_entries all = { 0 };
	struct pl_error err;
	CHECK_INT_EQ(pl_manifest_parse(buf.data, buf.len, path, &arena, &all, &err), 0);
	struct seen s = { 0 };
	CHECK_INT_EQ(pl_manifest_parse_each(buf.data, buf.len, path, &scratch, count_entry, &s,
					    &err), 0);
	CHECK(all.n > 0);
	CHECK_INT_EQ(s.n, all.n);
	int32_t kinds = 0;
	for (size_t k = 0; k < all.n; k++)
		kinds += all.items[k].kind;
	CHECK_INT_EQ(s.kinds, kinds);
	if (all.n)
		CHECK_STR_EQ(s.first_name, all.items[0].file.file_name);
	free(all.items);
	pl_arena_free(&arena);
	pl_arena_free(&scratch);
	pl_buf_free(&buf);
}

TEST(callback_error_stops_the_parse)
{
	struct pl_buf buf = { 0 };
	char path[1024];
	if (fixture_manifest(&buf, path, sizeof(path))) {
		SKIP("no fixture manifest");
		return;
	}
	struct pl_arena scratch;
	pl_arena_init(&scratch, 1024);
	struct pl_error err;
	struct seen s = { .stop_at = 1 };
	CHECK_INT_EQ(pl_manifest_parse_each(buf.data, buf.len, path, &scratch, count_entry, &s,
					    &err), -1);
	CHECK_INT_EQ(s.n, 1);
	CHECK(strstr(err.msg, "stopped at 1") != NULL);
	pl_arena_free(&scratch);
	pl_buf_free(&buf);
}

TEST(truncated_and_garbage_input_fail_cleanly)
{
	struct pl_buf buf = { 0 };
	char path[1024];
	if (fixture_manifest(&buf, path, sizeof(path))) {
		SKIP("no fixture manifest");
		return;
	}
	struct pl_arena scratch;
	pl_arena_init(&scratch, 1024);
	struct pl_error err;
	int failures = 0;
	/* Every cut must either fail or deliver fewer entries, never crash. */
	for (size_t cut = 0; cut < buf.len; cut += buf.len / 97 + 1) {
		struct seen s = { 0 };
		uint8_t *copy = pl_malloc(cut ? cut : 1);
		memcpy(copy, buf.data, cut);
		if (pl_manifest_parse_each(copy, cut, "cut", &scratch, count_entry, &s, &err))
			failures++;
		struct seen b = { 0 };
		if (pl_manifest_parse_each_brief(copy, cut, "cut", &scratch, count_entry, &b, &err))
			failures++;
		free(copy);
	}
	CHECK(failures > 0);
	uint8_t garbage[64];
	memset(garbage, 0xff, sizeof(garbage));
	struct seen s = { 0 };
	CHECK_INT_EQ(pl_manifest_parse_each(garbage, sizeof(garbage), "garbage", &scratch,
					    count_entry, &s, &err), -1);
	CHECK_INT_EQ(s.n, 0);
	pl_arena_free(&scratch);
	pl_buf_free(&buf);
}


/* The brief parse: what identifies and sums a file is the same as the full
 * parse's; Avro steps over the statistics. */
struct brief_check {
	const struct pl_manifest_entries *all;
	size_t n, mismatches, with_stats;
};

static int blob_same(const struct pl_blob *a, const struct pl_blob *b)
{
	return a->n == b->n && (!a->n || !memcmp(a->p, b->p, a->n));
}

static int compare_brief(void *ctx, const struct pl_manifest_entry *e, struct pl_error *err)
{
	struct brief_check *c = ctx;
	(void)err;
	if (c->n >= c->all->n) {
		c->mismatches++;
		return 0;
	}
	const struct pl_manifest_entry *f = &c->all->items[c->n++];
	if (e->kind != f->kind || e->bucket != f->bucket || e->total_buckets != f->total_buckets ||
	    !blob_same(&e->partition, &f->partition) ||
	    strcmp(e->file.file_name, f->file.file_name) || e->file.level != f->file.level ||
	    e->file.row_count != f->file.row_count || e->file.file_size != f->file.file_size ||
	    e->file.file_source != f->file.file_source ||
	    e->file.min_sequence_number != f->file.min_sequence_number ||
	    e->file.creation_time.present != f->file.creation_time.present ||
	    e->file.creation_time.v != f->file.creation_time.v ||
	    (e->file.external_path != NULL) != (f->file.external_path != NULL) ||
	    e->file.extra_files.n != f->file.extra_files.n)
		c->mismatches++;
	c->with_stats += e->file.value_stats.min_values.p != NULL || e->file.min_key.p != NULL ||
			 e->file.value_stats.null_counts != NULL;
	return 0;
}

TEST(brief_parse_keeps_identity_and_skips_statistics)
{
	struct pl_buf buf = { 0 };
	char path[1024];
	if (fixture_manifest(&buf, path, sizeof(path))) {
		SKIP("no fixture manifest");
		return;
	}
	struct pl_arena arena, scratch;
	pl_arena_init(&arena, 0);
	pl_arena_init(&scratch, 1024);
	struct pl_manifest_entries all = { 0 };
	struct pl_error err;
	CHECK_INT_EQ(pl_manifest_parse(buf.data, buf.len, path, &arena, &all, &err), 0);
	size_t full_stats = 0;
	for (size_t k = 0; k < all.n; k++)
		full_stats += all.items[k].file.value_stats.null_counts != NULL;
	struct brief_check c = { &all, 0, 0, 0 };
	CHECK_INT_EQ(pl_manifest_parse_each_brief(buf.data, buf.len, path, &scratch,
						  compare_brief, &c, &err), 0);
	CHECK(all.n > 0);
	CHECK_INT_EQ(c.n, all.n);
	CHECK_INT_EQ(c.mismatches, 0);
	CHECK(full_stats > 0);
	if (pl_sniff_format(buf.data, buf.len) == PL_FMT_AVRO)
		CHECK_INT_EQ(c.with_stats, 0);
	free(all.items);
	pl_arena_free(&arena);
	pl_arena_free(&scratch);
	pl_buf_free(&buf);
}

/* Compact names print back exactly, and are equal exactly when the names
 * are; names off Paimon's pattern are kept verbatim. */
TEST(compact_file_names_round_trip)
{
	static const char *const names[] = {
		"data-3061fa63-6ed0-422c-9169-5c3e4b25485e-0.parquet",
		"data-3061fa63-6ed0-422c-9169-5c3e4b25485e-00.parquet",
		"data-3061fa63-6ed0-422c-9169-5c3e4b25485e-01.parquet",
		"data-3061fa63-6ed0-422c-9169-5c3e4b25485e-4294967295.orc",
		"data-3061fa63-6ed0-422c-9169-5c3e4b25485e-4294967296.orc",
		"changelog-3061fa63-6ed0-422c-9169-5c3e4b25485e-7.avro",
		"data-3061FA63-6ed0-422c-9169-5c3e4b25485e-0.parquet",
		"data-3061fa63-6ed0-422c-9169-5c3e4b25485e-12",
		"3061fa63-6ed0-422c-9169-5c3e4b25485e-3",
		"data-3061fa63-6ed0-422c-9169-5c3e4b25485e-",
		"plain.parquet",
		"x",
	};
	enum { N = sizeof(names) / sizeof(names[0]) };
	struct pl_fileset fs;
	memset(&fs, 0, sizeof(fs));
	pl_arena_init(&fs.arena, 0);
	struct pl_live_file f[N], again;
	struct pl_strbuf sb = PL_STRBUF_INIT;
	for (size_t k = 0; k < N; k++) {
		memset(&f[k], 0, sizeof(f[k]));
		pl_name_encode(&fs, names[k], 1, &f[k]);
		CHECK_STR_EQ(pl_live_file_name(&fs, &f[k], &sb), names[k]);
		memset(&again, 0, sizeof(again));
		pl_name_encode(&fs, names[k], 0, &again);
		CHECK(pl_name_eq(&f[k], &again));
		CHECK_INT_EQ(pl_name_hash(1, &f[k]), pl_name_hash(1, &again));
	}
	for (size_t a = 0; a < N; a++)
		for (size_t b = 0; b < N; b++)
			CHECK_INT_EQ(pl_name_eq(&f[a], &f[b]), a == b);
	/* The canonical names are compact; the others verbatim. */
	CHECK(f[0].name_form != PL_LIVE_NONE && f[3].name_form != PL_LIVE_NONE &&
	      f[5].name_form != PL_LIVE_NONE && f[7].name_form != PL_LIVE_NONE);
	CHECK(f[1].name_form == PL_LIVE_NONE && f[2].name_form == PL_LIVE_NONE &&
	      f[4].name_form == PL_LIVE_NONE && f[6].name_form == PL_LIVE_NONE &&
	      f[9].name_form == PL_LIVE_NONE && f[10].name_form == PL_LIVE_NONE);
	CHECK(f[8].name_form != PL_LIVE_NONE && f[0].name_form != f[3].name_form);
	pl_strbuf_free(&sb);
	free(fs.name_forms);
	pl_arena_free(&fs.arena);
}

int main(void)
{
	RUN(streaming_parse_matches_collecting_parse);
	RUN(callback_error_stops_the_parse);
	RUN(truncated_and_garbage_input_fail_cleanly);
	RUN(brief_parse_keeps_identity_and_skips_statistics);
	RUN(compact_file_names_round_trip);
	return pl_test_done();
}
