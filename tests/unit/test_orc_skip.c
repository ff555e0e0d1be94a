/* The generator's ORC writer against the ORC reader, and the reader's
 * skipping: RLE runs written by src/gen/orc_writer.c decode to the same
 * values; on generated and on the fixtures' ORC manifests the brief parse
 * (which skips the statistics columns and selects the rest) gives the same
 * identity fields as the full parse, while the skipped fields read as null;
 * corrupt generated files fail with errors, never crashes. */
#define _GNU_SOURCE 1
#include "test.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/orc_writer.h"
#include "paimon/manifest.h"
#include "paimon/orc_rle.h"
#include "paimon/records.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/strbuf.h"

/* Appendix B's manifest type of Paimon 1.x (with _FIRST_ROW_ID, _WRITE_COLS). */
static const char MANIFEST_TYPE[] =
	"struct<_VERSION:int,_KIND:tinyint,_PARTITION:binary,_BUCKET:int,_TOTAL_BUCKETS:int,"
	"_FILE:struct<_FILE_NAME:string,_FILE_SIZE:bigint,_ROW_COUNT:bigint,_MIN_KEY:binary,"
	"_MAX_KEY:binary,_KEY_STATS:struct<_MIN_VALUES:binary,_MAX_VALUES:binary,"
	"_NULL_COUNTS:array<bigint>>,_VALUE_STATS:struct<_MIN_VALUES:binary,_MAX_VALUES:binary,"
	"_NULL_COUNTS:array<bigint>>,_MIN_SEQUENCE_NUMBER:bigint,_MAX_SEQUENCE_NUMBER:bigint,"
	"_SCHEMA_ID:bigint,_LEVEL:int,_EXTRA_FILES:array<string>,_CREATION_TIME:timestamp,"
	"_DELETE_ROW_COUNT:bigint,_EMBEDDED_FILE_INDEX:binary,_FILE_SOURCE:tinyint,"
	"_VALUE_STATS_COLS:array<string>,_EXTERNAL_PATH:string,_FIRST_ROW_ID:bigint,"
	"_WRITE_COLS:array<string>>>";

/* The statistics fields of _FILE that the brief parse leaves out. */
static const char *const SKIPPED[] = { "_MIN_KEY", "_MAX_KEY", "_KEY_STATS", "_VALUE_STATS" };
#define NSKIPPED (sizeof(SKIPPED) / sizeof(SKIPPED[0]))

static uint64_t rng_next(uint64_t *s)
{
	*s = *s * 6364136223846793005u + 1442695040888963407u;
	return *s >> 11;
}

/* ---- encoders -------------------------------------------------------- */

static void rle_case(const int64_t *v, size_t n, int is_signed, const char *what)
{
	struct pl_strbuf sb = PL_STRBUF_INIT;
	gen_orc_rle2(&sb, v, n, is_signed);
	int64_t *got = pl_calloc(n ? n : 1, sizeof(*got));
	struct pl_orc_where where = { "rle", 0, what };
	struct pl_error err = { 0 };
	int rc = pl_orc_int_rle(2, is_signed, (const uint8_t *)sb.buf, sb.len, got, n, &where,
				&err);
	CHECK_INT_EQ(rc, 0);
	size_t bad = 0;
	for (size_t i = 0; i < n; i++)
		bad += got[i] != v[i];
	if (bad)
		printf("# %s: %zu of %zu values differ\n", what, bad, n);
	CHECK_INT_EQ(bad, 0);
	free(got);
	pl_strbuf_free(&sb);
}

TEST(rle_v2_written_reads_back)
{
	enum { N = 5000 };
	static int64_t v[N];
	uint64_t s = 42;
	for (int pattern = 0; pattern < 7; pattern++) {
		for (size_t i = 0; i < N; i++) {
			uint64_t r = rng_next(&s);
			switch (pattern) {
			case 0: v[i] = (int64_t)(i / 7); break;                 /* short repeats */
			case 1: v[i] = 1000 + 3 * (int64_t)i; break;             /* one fixed step */
			case 2: v[i] = (int64_t)(r % 100) - 50; break;           /* small, signed */
			case 3: v[i] = (int64_t)(r << 11); break;                /* wide */
			case 4: v[i] = i % 3 ? INT64_MAX - (int64_t)(r % 5) : INT64_MIN + (int64_t)(r % 5); break;
			case 5: v[i] = r % 11 ? 17 : (int64_t)r; break;          /* runs, then noise */
			default: v[i] = (int64_t)(i % 600 < 520 ? 5 : r % 1000); break;
			}
		}
		char what[32];
		snprintf(what, sizeof(what), "pattern %d", pattern);
		rle_case(v, N, 1, what);
		/* unsigned streams hold non-negative values */
		for (size_t i = 0; i < N; i++)
			v[i] = v[i] < 0 ? -(v[i] + 1) : v[i];
		rle_case(v, N, 0, what);
		for (size_t n = 0; n < 14; n++)
			rle_case(v, n, 1, "short input");
	}
}

TEST(byte_rle_written_reads_back)
{
	enum { N = 3000 };
	static uint8_t b[N], got[N];
	uint64_t s = 7;
	for (size_t i = 0; i < N; i++)
		b[i] = (uint8_t)(i % 400 < 200 ? i / 50 : rng_next(&s));
	struct pl_strbuf sb = PL_STRBUF_INIT;
	gen_orc_byte_rle(&sb, b, N);
	struct pl_orc_where where = { "bytes", 0, "byte rle" };
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_orc_byte_rle((const uint8_t *)sb.buf, sb.len, got, N, &where, &err), 0);
	CHECK(memcmp(b, got, N) == 0);
	pl_strbuf_free(&sb);
}

/* ---- a generated manifest -------------------------------------------- */

/* Writes rows manifest entries; file names long enough that the name
 * stream spans several 256 KiB compression chunks. */
static char *write_manifest(const char *name, size_t rows, enum gen_codec codec)
{
	char *path = pl_calloc(1, 4096);
	snprintf(path, 4096, "%s/%s", pl_test_tmpdir(), name);
	struct gen_orc_writer w;
	struct pl_error err = { 0 };
	CHECK_INT_EQ(gen_orc_open(&w, path, MANIFEST_TYPE, codec, &err), 0);
	static const uint8_t part[16] = { 0, 0, 0, 1, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0 };
	for (size_t i = 0; i < rows; i++) {
		char file[128];
		snprintf(file, sizeof(file), "data-3f0c1d5e-6a7b-4c8d-9e0f-%012zu-%zu.parquet", i * 7919,
			 i);
		gen_orc_long(&w, 2);
		gen_orc_long(&w, (int64_t)(i % 5 == 4));
		gen_orc_bytes(&w, part, sizeof(part) - (i % 2) * 8);
		gen_orc_long(&w, (int64_t)(i % 4));
		gen_orc_long(&w, 4);
		gen_orc_struct(&w);
		gen_orc_bytes(&w, file, strlen(file));
		gen_orc_long(&w, 1000 + (int64_t)i * 13);
		gen_orc_long(&w, (int64_t)(i % 1000));
		gen_orc_bytes(&w, "minkey", 6);
		gen_orc_bytes(&w, "maxkey", 6);
		gen_orc_struct(&w);
		gen_orc_bytes(&w, "kmin", 4);
		gen_orc_bytes(&w, "kmax", 4);
		gen_orc_list(&w, 1);
		gen_orc_long(&w, 0);
		gen_orc_struct(&w);
		gen_orc_bytes(&w, "vmin", 4);
		gen_orc_bytes(&w, "vmax", 4);
		gen_orc_list(&w, 3);
		for (int k = 0; k < 3; k++)
			gen_orc_long(&w, k * (int64_t)i);
		gen_orc_long(&w, (int64_t)i);
		gen_orc_long(&w, (int64_t)i + 2);
		gen_orc_long(&w, 0);
		gen_orc_long(&w, (int64_t)(i % 3 == 0 ? 5 : 0));
		gen_orc_list(&w, i % 9 == 0);
		if (i % 9 == 0)
			gen_orc_bytes(&w, "extra.index", 11);
		gen_orc_long(&w, 1719792000000LL + (int64_t)i * 1001);
		if (i % 7 == 0)
			gen_orc_null(&w);
		else
			gen_orc_long(&w, (int64_t)(i % 17));
		gen_orc_null(&w);
		gen_orc_long(&w, (int64_t)(i % 2));
		gen_orc_null(&w);
		gen_orc_null(&w);
		gen_orc_null(&w);
		gen_orc_null(&w);
		CHECK_INT_EQ(gen_orc_end_row(&w, &err), 0);
	}
	CHECK_INT_EQ(gen_orc_close(&w, &err), 0);
	return path;
}

/* What identifies and sums a file, copied out of a parse. */
struct ident {
	int32_t kind, bucket, total_buckets, level, file_source;
	char *file_name, *partition;
	int64_t file_size, row_count, min_seq, max_seq, schema_id, creation, delete_rows;
	int has_creation, has_delete_rows;
};

struct idents {
	struct ident *v;
	size_t n, cap;
};

static int collect(void *ctx, const struct pl_manifest_entry *e, struct pl_error *err)
{
	(void)err;
	struct idents *a = ctx;
	PL_GROW(a->v, a->cap, a->n + 1);
	struct ident *d = &a->v[a->n++];
	d->kind = e->kind;
	d->bucket = e->bucket;
	d->total_buckets = e->total_buckets;
	d->level = e->file.level;
	d->file_source = e->file.file_source;
	d->file_name = pl_strdup(e->file.file_name ? e->file.file_name : "(null)");
	d->partition = pl_calloc(1, (size_t)e->partition.n * 2 + 1);
	for (uint32_t k = 0; k < e->partition.n; k++)
		sprintf(d->partition + 2 * k, "%02x", e->partition.p[k]);
	d->file_size = e->file.file_size;
	d->row_count = e->file.row_count;
	d->min_seq = e->file.min_sequence_number;
	d->max_seq = e->file.max_sequence_number;
	d->schema_id = e->file.schema_id;
	d->creation = e->file.creation_time.v;
	d->has_creation = e->file.creation_time.present;
	d->delete_rows = e->file.delete_row_count.v;
	d->has_delete_rows = e->file.delete_row_count.present;
	return 0;
}

static void free_idents(struct idents *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].file_name);
		free(a->v[i].partition);
	}
	free(a->v);
	memset(a, 0, sizeof(*a));
}

static int same_ident(const struct ident *a, const struct ident *b)
{
	return a->kind == b->kind && a->bucket == b->bucket &&
	       a->total_buckets == b->total_buckets && a->level == b->level &&
	       a->file_source == b->file_source && !strcmp(a->file_name, b->file_name) &&
	       !strcmp(a->partition, b->partition) && a->file_size == b->file_size &&
	       a->row_count == b->row_count && a->min_seq == b->min_seq &&
	       a->max_seq == b->max_seq && a->schema_id == b->schema_id &&
	       a->has_creation == b->has_creation && a->creation == b->creation &&
	       a->has_delete_rows == b->has_delete_rows && a->delete_rows == b->delete_rows;
}

/* The record type of the root's field name, or NULL. */
static const struct pl_rtype *field_type(const struct pl_rtype *t, const char *name, int *index)
{
	for (size_t k = 0; t && t->kind == PL_VK_RECORD && k < t->nfields; k++)
		if (!strcmp(t->fields[k].name, name)) {
			if (index)
				*index = (int)k;
			return t->fields[k].type;
		}
	return NULL;
}

/* With the statistics of _FILE skipped, those fields read as null in every
 * row and _FILE_NAME is still read; returns the rows or -1. */
static long rows_with_stats_skipped(const uint8_t *d, size_t len, const char *name,
				    int *non_null)
{
	struct pl_record_reader *r;
	struct pl_error err = { 0 };
	if (pl_record_reader_open(d, len, name, &r, &err))
		return -1;
	const struct pl_rtype *file = field_type(pl_record_reader_type(r), "_FILE", NULL);
	uint64_t mask = 0;
	int idx[NSKIPPED], name_idx = -1;
	for (size_t k = 0; k < NSKIPPED; k++) {
		idx[k] = -1;
		if (field_type(file, SKIPPED[k], &idx[k]))
			mask |= (uint64_t)1 << idx[k];
	}
	field_type(file, "_FILE_NAME", &name_idx);
	pl_record_reader_skip_fields(r, file, mask);
	const struct pl_value *row;
	long rows = 0;
	int rc;
	while ((rc = pl_record_reader_next(r, &row, &err)) == 1) {
		const struct pl_value *f = pl_value_field(row, "_FILE");
		for (size_t k = 0; k < NSKIPPED; k++)
			if (idx[k] >= 0 && !pl_value_is_null(pl_value_field_at(f, idx[k])))
				(*non_null)++;
		if (name_idx < 0 || pl_value_is_null(pl_value_field_at(f, name_idx)))
			(*non_null) += 1000;   /* the name must survive */
		rows++;
	}
	pl_record_reader_close(r);
	return rc < 0 ? -1 : rows;
}

/* Full and brief parse agree on every entry's identity; the skipped fields
 * read as null. Returns the number of entries compared. */
static size_t compare_parses(const uint8_t *d, size_t len, const char *name)
{
	struct pl_arena scratch;
	pl_arena_init(&scratch, 0);
	struct idents full = { 0 }, brief = { 0 };
	struct pl_error err = { 0 };
	int rc_full = pl_manifest_parse_each(d, len, name, &scratch, collect, &full, &err);
	if (rc_full)
		printf("# %s: %s\n", name, err.msg);
	int rc_brief = pl_manifest_parse_each_brief(d, len, name, &scratch, collect, &brief, &err);
	CHECK_INT_EQ(rc_full, 0);
	CHECK_INT_EQ(rc_brief, 0);
	CHECK_INT_EQ(brief.n, full.n);
	size_t differ = 0;
	for (size_t i = 0; i < full.n && i < brief.n; i++)
		differ += !same_ident(&full.v[i], &brief.v[i]);
	if (differ)
		printf("# %s: %zu entries differ between full and brief parse\n", name, differ);
	CHECK_INT_EQ(differ, 0);
	int non_null = 0;
	long rows = rows_with_stats_skipped(d, len, name, &non_null);
	CHECK_INT_EQ(rows, (long)full.n);
	CHECK_INT_EQ(non_null, 0);
	size_t n = full.n;
	free_idents(&full);
	free_idents(&brief);
	pl_arena_free(&scratch);
	return n;
}

TEST(generated_manifest_brief_equals_full)
{
	for (int codec = 0; codec < 2; codec++) {
		char *path = write_manifest(codec ? "big.orc" : "plain.orc", 20000,
					    codec ? GEN_CODEC_ZSTD : GEN_CODEC_NULL);
		size_t len;
		uint8_t *d = pl_test_slurp(path, &len);
		CHECK(d != NULL);
		if (d) {
			CHECK_INT_EQ(pl_sniff_format(d, len), PL_FMT_ORC);
			CHECK_INT_EQ(compare_parses(d, len, path), 20000);
		}
		free(d);
		free(path);
	}
}

TEST(fixture_manifests_brief_equals_full)
{
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("no fixtures");
		return;
	}
	char pat[4096];
	snprintf(pat, sizeof(pat), "%s/*/*.db/*/manifest/manifest-*", fx);
	glob_t g;
	size_t files = 0, entries = 0;
	if (glob(pat, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++) {
			if (strstr(g.gl_pathv[i], "manifest-list-"))
				continue;
			size_t len;
			uint8_t *d = pl_test_slurp(g.gl_pathv[i], &len);
			if (d && pl_sniff_format(d, len) == PL_FMT_ORC) {
				entries += compare_parses(d, len, g.gl_pathv[i]);
				files++;
			}
			free(d);
		}
		globfree(&g);
	}
	printf("# %zu ORC manifests, %zu entries compared\n", files, entries);
	CHECK(files >= 50);
	CHECK(entries >= files);
}

/* ---- corrupt input ---------------------------------------------------- */

static int parse_both(uint8_t *d, size_t len, int *failed)
{
	uint8_t *copy = malloc(len ? len : 1);
	memcpy(copy, d, len);
	struct pl_arena scratch;
	pl_arena_init(&scratch, 0);
	struct idents sink = { 0 };
	int good = 1;
	for (int brief = 0; brief < 2; brief++) {
		struct pl_error err = { 0 };
		int rc = (brief ? pl_manifest_parse_each_brief : pl_manifest_parse_each)(
			copy, len, "mutated.orc", &scratch, collect, &sink, &err);
		if (rc) {
			(*failed)++;
			good &= err.msg[0] != '\0' && err.code != PL_OK;
		}
		free_idents(&sink);
	}
	pl_arena_free(&scratch);
	free(copy);
	return good;
}

TEST(corrupt_generated_manifest_fails_cleanly)
{
	char *path = write_manifest("small.orc", 40, GEN_CODEC_ZSTD);
	size_t len;
	uint8_t *d = pl_test_slurp(path, &len);
	CHECK(d != NULL);
	if (!d) {
		free(path);
		return;
	}
	int failed = 0, bad_errors = 0;
	for (size_t cut = 0; cut < len; cut++)
		bad_errors += !parse_both(d, cut, &failed);
	CHECK_INT_EQ(failed, 2 * (int)len);
	failed = 0;
	uint64_t s = 99;
	for (int i = 0; i < 1500; i++) {
		size_t bit = (size_t)(rng_next(&s) % (len * 8));
		d[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		bad_errors += !parse_both(d, len, &failed);
		d[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
	printf("# %zu-byte file: %d of 3000 mutated parses failed\n", len, failed);
	CHECK(failed > 0);
	CHECK_INT_EQ(bad_errors, 0);
	free(d);
	free(path);
}

int main(void)
{
	RUN(rle_v2_written_reads_back);
	RUN(byte_rle_written_reads_back);
	RUN(generated_manifest_brief_equals_full);
	RUN(fixture_manifests_brief_equals_full);
	RUN(corrupt_generated_manifest_fails_cleanly);
	return pl_test_done();
}
