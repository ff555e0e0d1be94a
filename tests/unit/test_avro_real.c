/* The Avro container reader on the real files of the shared fixtures: all
 * of them decode, values match the spec's worked examples, and truncation
 * and bit flips of a real manifest fail cleanly. */
#define _GNU_SOURCE 1
#include "test.h"
#include "avro_testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>

#include "paimon/codec.h"

/* ---- real files ---- */

struct fixture_stats {
	int files;
	long records;
	int failures;
};

static void read_fixture(const char *path, struct fixture_stats *st)
{
	size_t len;
	uint8_t *d = pl_test_slurp(path, &len);
	if (!d || len < 4 || memcmp(d, "Obj\x01", 4) != 0) {
		free(d);
		return;
	}
	struct pl_error err = { 0 };
	long n = read_all(d, len, path, &err);
	st->files++;
	if (n < 0) {
		st->failures++;
		printf("# %s\n", err.msg);
	} else {
		st->records += n;
	}
	free(d);
}

TEST(every_fixture_avro_file)
{
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("no fixtures");
		return;
	}
	const char *patterns[] = {
		"avro-samples/*",
		"*/*.db/*/manifest/manifest*",
		"*/*.db/*/manifest/index-manifest*",
	};
	struct fixture_stats st = { 0 };
	for (size_t i = 0; i < 3; i++) {
		char pat[4096];
		snprintf(pat, sizeof(pat), "%s/%s", fx, patterns[i]);
		glob_t g;
		if (glob(pat, 0, NULL, &g) == 0)
			for (size_t k = 0; k < g.gl_pathc; k++)
				read_fixture(g.gl_pathv[k], &st);
		globfree(&g);
	}
	printf("# %d Avro files, %ld records\n", st.files, st.records);
	CHECK(st.files >= 100);
	CHECK(st.records > st.files);
	CHECK_INT_EQ(st.failures, 0);
}

/* Opens a fixture and returns its first record (reader left open in r). */
static const struct pl_value *first_record(const char *rel, uint8_t **buf, struct rd *r)
{
	char path[4096];
	size_t len;
	struct pl_error err = { 0 };
	snprintf(path, sizeof(path), "%s/%s", pl_test_fixtures(), rel);
	*buf = pl_test_slurp(path, &len);
	if (!*buf) {
		CHECK(!"fixture missing");
		return NULL;
	}
	if (pl_avro_reader_open(*buf, len, rel, &r->impl, &r->ops, &err)) {
		printf("# %s\n", err.msg);
		CHECK(!"open failed");
		return NULL;
	}
	const struct pl_value *v = NULL;
	CHECK_INT_EQ(rd_next(r, &v, &err), 1);
	return v;
}

TEST(spec_worked_examples)
{
	if (!pl_test_fixtures()) {
		SKIP("no fixtures");
		return;
	}
	struct rd r = { 0 };
	uint8_t *buf = NULL;
	const struct pl_value *v;
	struct pl_error err = { 0 };

	/* §2.5: old shape, manifest list of 0.9-dev */
	v = first_record("avro-samples/avro_manifest_list_09", &buf, &r);
	if (v) {
		CHECK_INT_EQ(r.ops->type(r.impl)->kind, PL_VK_RECORD);
		CHECK_INT_EQ(int_of(F(v, "_VERSION")), 2);
		CHECK(str_is(F(v, "_FILE_NAME"), "manifest-b09d5588-5614-46e2-b441-f196d29e60dc-0"));
		CHECK_INT_EQ(int_of(F(v, "_FILE_SIZE")), 2010);
		CHECK_INT_EQ(int_of(F(v, "_NUM_ADDED_FILES")), 1);
		CHECK_INT_EQ(int_of(F(v, "_NUM_DELETED_FILES")), 0);
		const struct pl_value *ps = F(v, "_PARTITION_STATS");
		CHECK_INT_EQ(F(ps, "_MIN_VALUES")->u.bytes.n, 12);
		CHECK_INT_EQ(F(ps, "_NULL_COUNTS")->kind, PL_VK_ARRAY);
		CHECK_INT_EQ(F(ps, "_NULL_COUNTS")->u.array.n, 0);
		CHECK_INT_EQ(int_of(F(v, "_SCHEMA_ID")), 0);
		CHECK_INT_EQ(rd_next(&r, &v, &err), 0);
	}
	rd_close(&r);
	free(buf);

	/* §2.1 and §3.1: avro_manifest_list_11 */
	v = first_record("avro-samples/avro_manifest_list_11", &buf, &r);
	if (v) {
		CHECK_STR_EQ(r.ops->codec(r.impl), "zstandard");
		CHECK(str_is(F(v, "_FILE_NAME"), "manifest-3c977409-ebff-4d68-8265-86d237e24e9a-0"));
		CHECK_INT_EQ(int_of(F(v, "_FILE_SIZE")), 2081);
		CHECK_INT_EQ(int_of(F(v, "_NUM_ADDED_FILES")), 1);
		CHECK_INT_EQ(F(v, "_MIN_BUCKET")->kind, PL_VK_INT);
		CHECK_INT_EQ(int_of(F(v, "_MAX_LEVEL")), 0);
		CHECK(F(v, "_MIN_ROW_ID") == NULL);     /* not in this schema */
		CHECK_INT_EQ(rd_next(&r, &v, &err), 0);
	}
	rd_close(&r);
	free(buf);

	/* §3.3 M3 (0.9-dev): every nested record is a union */
	v = first_record("avro-samples/avro_manifest_09", &buf, &r);
	if (v) {
		CHECK_INT_EQ(int_of(F(v, "_VERSION")), 2);
		CHECK_INT_EQ(int_of(F(v, "_KIND")), 0);
		const struct pl_value *file = F(v, "_FILE");
		CHECK_INT_EQ(file ? file->kind : PL_VK_NULL, PL_VK_RECORD);
		CHECK(F(file, "_FILE_NAME") && F(file, "_FILE_NAME")->u.bytes.n > 5 &&
		      memcmp(F(file, "_FILE_NAME")->u.bytes.p, "data-", 5) == 0);
		CHECK_INT_EQ(F(file, "_CREATION_TIME")->kind, PL_VK_TIMESTAMP_MS);
		CHECK_INT_EQ(F(F(file, "_KEY_STATS"), "_MIN_VALUES")->kind, PL_VK_BYTES);
	}
	rd_close(&r);
	free(buf);

	/* §3.2: avro-samples/manifest has key-stat null counts [null, null] */
	v = first_record("avro-samples/manifest", &buf, &r);
	if (v) {
		const struct pl_value *nc = F(F(F(v, "_FILE"), "_KEY_STATS"), "_NULL_COUNTS");
		CHECK(nc && nc->kind == PL_VK_ARRAY && nc->u.array.n == 2);
		if (nc && nc->u.array.n == 2)
			CHECK(pl_value_is_null(&nc->u.array.items[0]) &&
			      pl_value_is_null(&nc->u.array.items[1]));
		const struct pl_rtype *t = r.ops->type(r.impl);
		const struct pl_rtype *ft = t->fields[pl_rtype_field_index(t, "_FILE")].type;
		int ct = pl_rtype_field_index(ft, "_CREATION_TIME");
		CHECK(ct >= 0);
		if (ct >= 0) {
			CHECK_INT_EQ(ft->fields[ct].type->kind, PL_VK_TIMESTAMP_MS);
			CHECK_INT_EQ(ft->fields[ct].type->nullable, 1);
		}
	}
	rd_close(&r);
	free(buf);

	/* §8.5: deletion-vector index manifest */
	v = first_record("parquet/pk_with_bitmap_dv.db/pk_with_bitmap_dv/manifest/"
			 "index-manifest-56a003ac-3239-4546-b41e-85fc36bbd019-0", &buf, &r);
	if (v) {
		CHECK_INT_EQ(int_of(F(v, "_VERSION")), 1);
		CHECK(str_is(F(v, "_INDEX_TYPE"), "DELETION_VECTORS"));
		CHECK(str_is(F(v, "_FILE_NAME"), "index-daed25d2-8e68-45ba-aaad-ff342666ef27-0"));
		CHECK_INT_EQ(int_of(F(v, "_FILE_SIZE")), 33);
		const struct pl_value *rg = F(v, "_DELETIONS_VECTORS_RANGES");
		CHECK(rg && rg->kind == PL_VK_ARRAY && rg->u.array.n == 1);
		if (rg && rg->kind == PL_VK_ARRAY && rg->u.array.n == 1) {
			const struct pl_value *e = &rg->u.array.items[0];
			CHECK(str_is(F(e, "f0"), "data-bfa36b28-40e7-4026-893b-d23116973174-0.parquet"));
			CHECK_INT_EQ(int_of(F(e, "f1")), 1);
			CHECK_INT_EQ(int_of(F(e, "f2")), 24);
			CHECK_INT_EQ(int_of(F(e, "_CARDINALITY")), 2);
		}
	}
	rd_close(&r);
	free(buf);

	/* §3.4: global index entry */
	v = first_record("parquet/append_with_global_index_with_partition.db/"
			 "append_with_global_index_with_partition/manifest/"
			 "index-manifest-f8138b0d-2f5d-4145-957a-afefc82777af-0", &buf, &r);
	if (v) {
		CHECK(str_is(F(v, "_INDEX_TYPE"), "bitmap"));
		CHECK_INT_EQ(int_of(F(v, "_FILE_SIZE")), 120);
		CHECK_INT_EQ(int_of(F(v, "_ROW_COUNT")), 5);
		CHECK(pl_value_is_null(F(v, "_DELETIONS_VECTORS_RANGES")));
		const struct pl_value *gi = F(v, "_GLOBAL_INDEX");
		CHECK_INT_EQ(int_of(F(gi, "_ROW_RANGE_START")), 0);
		CHECK_INT_EQ(int_of(F(gi, "_ROW_RANGE_END")), 4);
		CHECK_INT_EQ(int_of(F(gi, "_INDEX_FIELD_ID")), 0);
		CHECK(pl_value_is_null(F(gi, "_EXTRA_FIELD_IDS")));
		CHECK(pl_value_is_null(F(gi, "_INDEX_META")));
	}
	rd_close(&r);
	free(buf);
}

/* ---- corruption of a real manifest ---- */

static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

/* Re-packs a real file with the null codec so that bit flips reach the
 * record decoder instead of stopping at the zstd frame. */
static size_t repack_null_codec(const uint8_t *d, size_t len, struct wbuf *out)
{
	const uint8_t *sync = d + len - 16;
	const uint8_t *key = memmem(d, len, "avro.schema", 11);
	if (!key)
		return 0;
	const uint8_t *p = key + 11;
	uint64_t z = 0;
	for (int shift = 0;; shift += 7) {
		z |= (uint64_t)(*p & 0x7f) << shift;
		if (!(*p++ & 0x80))
			break;
	}
	size_t slen = (size_t)(z >> 1);
	char *schema = strndup((const char *)p, slen);
	const uint8_t *blk = memmem(d, len, sync, 16);
	if (!blk || blk == sync)
		return free(schema), 0;
	blk += 16;
	/* block: count, size, payload */
	const uint8_t *q = blk;
	int64_t vals[2];
	for (int k = 0; k < 2; k++) {
		uint64_t u = 0;
		for (int shift = 0;; shift += 7) {
			u |= (uint64_t)(*q & 0x7f) << shift;
			if (!(*q++ & 0x80))
				break;
		}
		vals[k] = (int64_t)(u >> 1);
	}
	struct pl_bytes plain = { 0 };
	struct pl_error err = { 0 };
	if (pl_decompress(PL_CODEC_ZSTD, q, (size_t)vals[1], 0, 1 << 20, &plain, "x", 0, &err))
		return free(schema), 0;
	put_header(out, schema, "null");
	size_t header = out->n;
	put_block(out, vals[0], plain.data, plain.len);
	pl_bytes_free(&plain);
	free(schema);
	return header;
}

static void fuzz_file(const uint8_t *d, size_t len, size_t header_len, const char *name,
		      int flips)
{
	/* Every truncation fails with the file name, except the cut right
	 * after the header, which is a valid empty file. */
	int trunc_ok = 1;
	for (size_t cut = 0; cut < len; cut++) {
		uint8_t *copy = malloc(cut ? cut : 1);
		memcpy(copy, d, cut);
		struct pl_error err = { 0 };
		long n = read_all(copy, cut, name, &err);
		if (cut == header_len) {
			trunc_ok &= n == 0;
		} else if (n != -1 || !strstr(err.msg, name)) {
			printf("# cut %zu: %ld %s\n", cut, n, err.msg);
			trunc_ok = 0;
		}
		free(copy);
	}
	CHECK(trunc_ok);

	uint32_t seed = 4242;
	uint8_t *copy = malloc(len);
	int outcomes[3] = { 0 };
	for (int i = 0; i < flips; i++) {
		memcpy(copy, d, len);
		int nbits = 1 + (int)(lcg(&seed) % 3);
		for (int b = 0; b < nbits; b++) {
			size_t at = lcg(&seed) % len;
			copy[at] ^= (uint8_t)(1u << (lcg(&seed) % 8));
		}
		struct pl_error err = { 0 };
		long n = read_all(copy, len, name, &err);
		outcomes[n < 0 ? 0 : n == 0 ? 1 : 2]++;
		if (n < 0 && !strstr(err.msg, name)) {
			printf("# flip %d: %s\n", i, err.msg);
			CHECK(!"error without the file name");
		}
	}
	printf("# %s: %d flips: %d errors, %d empty, %d decoded\n", name, flips, outcomes[0],
	       outcomes[1], outcomes[2]);
	CHECK(outcomes[0] > 0);
	free(copy);
}

TEST(corrupted_real_manifest)
{
	if (!pl_test_fixtures()) {
		SKIP("no fixtures");
		return;
	}
	char path[4096];
	snprintf(path, sizeof(path), "%s/avro-samples/avro_manifest_list_11", pl_test_fixtures());
	size_t len;
	uint8_t *d = pl_test_slurp(path, &len);
	if (!d) {
		CHECK(!"fixture missing");
		return;
	}
	CHECK_INT_EQ(len, 989);
	fuzz_file(d, len, 884, "list11.avro", 3000);

	snprintf(path, sizeof(path), "%s/avro-samples/avro_manifest_09", pl_test_fixtures());
	free(d);
	d = pl_test_slurp(path, &len);
	struct wbuf plain = { 0 };
	size_t header = d ? repack_null_codec(d, len, &plain) : 0;
	CHECK(header > 0);
	if (header) {
		struct pl_error err = { 0 };
		CHECK(read_all(plain.d, plain.n, "m09-null.avro", &err) > 0);
		fuzz_file(plain.d, plain.n, header, "m09-null.avro", 3000);
	}
	free(plain.d);
	free(d);
}

int main(void)
{
	RUN(every_fixture_avro_file);
	RUN(spec_worked_examples);
	RUN(corrupted_real_manifest);
	return pl_test_done();
}
