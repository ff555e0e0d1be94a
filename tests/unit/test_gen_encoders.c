/* The generator's encoders against bytes from real Paimon files (quoted in
 * format-manifests.md) and against the project's own readers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "gen/avro_writer.h"
#include "gen/binrow_writer.h"
#include "gen/dv_writer.h"
#include "gen/gen_model.h"
#include "gen/json_writer.h"
#include "paimon/binrow.h"
#include "paimon/dv.h"
#include "paimon/manifest.h"
#include "paimon/records.h"
#include "paimon/types.h"
#include "tests/unit/test.h"
#include "util/alloc.h"

static int same(const void *a, size_t an, const void *b, size_t bn)
{
	return an == bn && memcmp(a, b, an) == 0;
}

TEST(binrow_inline_string_and_int)
{
	/* _MIN_KEY ("Alice", 1) of parquet/pk_table_with_dv_cardinality */
	static const uint8_t want[] = {
		0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0,
		0x41, 0x6c, 0x69, 0x63, 0x65, 0, 0, 0x85,
		1, 0, 0, 0, 0, 0, 0, 0 };
	struct gen_binrow r = GEN_BINROW_INIT;
	gen_binrow_begin(&r, 2);
	gen_binrow_set_string(&r, 0, "Alice", 5);
	gen_binrow_set_int(&r, 1, 1);
	CHECK(same(gen_binrow_data(&r), gen_binrow_len(&r), want, sizeof(want)));
	gen_binrow_free(&r);
}

TEST(binrow_long_string_and_null)
{
	const char *text = "Two roads diverged in a wood, and I took the one";
	size_t n = strlen(text);
	struct gen_binrow r = GEN_BINROW_INIT;
	gen_binrow_begin(&r, 3);
	gen_binrow_set_string(&r, 0, text, n);
	gen_binrow_set_null(&r, 1);
	gen_binrow_set_long(&r, 2, -9999999999999LL);
	const uint8_t *p = gen_binrow_data(&r);
	CHECK_INT_EQ(gen_binrow_len(&r), 4 + 8 + 24 + (n + 7) / 8 * 8);
	CHECK_INT_EQ(p[4 + 1], 0x02);                /* field 1: byte 1 bit 1 */
	CHECK_INT_EQ(p[4 + 8], n);                   /* length in slot bytes 0-3 */
	CHECK_INT_EQ(p[4 + 12], 32);                 /* offset in slot bytes 4-7 */
	struct pl_binrow row;
	struct pl_error err;
	CHECK_INT_EQ(pl_binrow_open(p, gen_binrow_len(&r), "t", 0, &row, &err), 0);
	struct pl_arena a;
	pl_arena_init(&a, 4096);
	struct pl_dtype *ts = NULL, *tb = NULL;
	CHECK_INT_EQ(pl_dtype_parse("STRING", &a, &ts, &err), 0);
	CHECK_INT_EQ(pl_dtype_parse("BIGINT", &a, &tb, &err), 0);
	struct pl_datum d;
	if (ts && tb) {
		CHECK_INT_EQ(pl_binrow_get(&row, 0, ts, &d, &err), 0);
		CHECK(d.kind == PL_D_STRING && same(d.p, d.n, text, n));
		CHECK(pl_binrow_is_null(&row, 1));
		CHECK_INT_EQ(pl_binrow_get(&row, 2, tb, &d, &err), 0);
		CHECK_INT_EQ(d.i, -9999999999999LL);
	}
	pl_arena_free(&a);
	gen_binrow_free(&r);
}

TEST(binrow_wide_null_bits)
{
	/* 57 fields need a 16-byte header + null bit set */
	struct gen_binrow r = GEN_BINROW_INIT;
	gen_binrow_begin(&r, 57);
	gen_binrow_set_null(&r, 56);
	CHECK_INT_EQ(gen_binrow_len(&r), 4 + 16 + 57 * 8);
	CHECK_INT_EQ(gen_binrow_data(&r)[4 + 8], 1);  /* bit 64 = byte 8 bit 0 */
	gen_binrow_free(&r);
}

TEST(avro_zigzag)
{
	struct pl_strbuf sb = PL_STRBUF_INIT;
	gen_avro_long(&sb, 0);
	gen_avro_long(&sb, -1);
	gen_avro_long(&sb, 1);
	gen_avro_long(&sb, 827);
	gen_avro_long(&sb, INT64_MAX);
	gen_avro_long(&sb, INT64_MIN);
	static const uint8_t want[] = { 0x00, 0x01, 0x02, 0xf6, 0x0c,
		0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 };
	CHECK(same(sb.buf, sb.len, want, sizeof(want)));
	pl_strbuf_free(&sb);
}

TEST(dv_file_matches_java)
{
	/* index file of parquet/pk_with_bitmap_dv: positions 0 and 4 */
	static const uint8_t want[] = {
		0x01, 0x00, 0x00, 0x00, 0x18, 0x5e, 0x43, 0xf2, 0xd0, 0x3a, 0x30, 0x00, 0x00,
		0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x10, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x04, 0x00, 0x2d, 0xd0, 0xa8, 0x71 };
	uint32_t pos[] = { 0, 4 };
	struct pl_strbuf f = PL_STRBUF_INIT;
	int32_t off, len;
	gen_dv_file_begin(&f);
	gen_dv_file_add(&f, pos, 2, &off, &len);
	CHECK_INT_EQ(off, 1);
	CHECK_INT_EQ(len, 24);
	CHECK(same(f.buf, f.len, want, sizeof(want)));
	pl_strbuf_free(&f);
}

static int count_positions(void *ctx, uint64_t p)
{
	(void)p;
	(*(uint64_t *)ctx)++;
	return 0;
}

TEST(dv_bitmap_container_reads_back)
{
	size_t n = 5000 + 3;
	uint32_t *pos = pl_calloc(n, sizeof(*pos));
	for (uint32_t i = 0; i < 5000; i++)
		pos[i] = i * 13 % 65536 == 0 ? i : i * 13;   /* distinct, sorted */
	for (size_t i = 1; i < 5000; i++)
		CHECK(pos[i] > pos[i - 1]);
	pos[5000] = 70000;
	pos[5001] = 70001;
	pos[5002] = 1 << 20;
	struct pl_strbuf f = PL_STRBUF_INIT;
	int32_t off, len, off2, len2;
	gen_dv_file_begin(&f);
	gen_dv_file_add(&f, pos, 1, &off, &len);
	gen_dv_file_add(&f, pos, n, &off2, &len2);
	struct pl_error err;
	struct pl_dv_info info;
	uint64_t seen = 0;
	CHECK_INT_EQ(pl_dv_check_version((const uint8_t *)f.buf, f.len, "dv", &err), 0);
	CHECK_INT_EQ(pl_dv_decode((const uint8_t *)f.buf + off2, f.len - (size_t)off2, "dv",
				  (uint64_t)off2, len2, &info, count_positions, &seen, &err), 0);
	CHECK_INT_EQ(info.cardinality, n);
	CHECK_INT_EQ(seen, n);
	CHECK_INT_EQ(pl_dv_decode((const uint8_t *)f.buf + off, f.len - (size_t)off, "dv",
				  (uint64_t)off, len, &info, NULL, NULL, &err), 0);
	CHECK_INT_EQ(info.cardinality, 1);
	free(pos);
	pl_strbuf_free(&f);
}

TEST(json_jackson_layout)
{
	cJSON *d = cJSON_CreateObject();
	gen_json_add_i64(d, "commitIdentifier", INT64_MAX);
	gen_json_add_i64(d, "watermark", INT64_MIN);
	cJSON_AddObjectToObject(d, "logOffsets");
	cJSON_AddArrayToObject(d, "primaryKeys");
	cJSON *a = cJSON_AddArrayToObject(d, "keys");
	cJSON_AddItemToArray(a, cJSON_CreateString("a\"b"));
	cJSON_AddItemToArray(a, cJSON_CreateString("c"));
	cJSON *f = cJSON_AddArrayToObject(d, "fields");
	cJSON *o = cJSON_CreateObject();
	gen_json_add_i64(o, "id", 0);
	cJSON_AddItemToArray(f, o);
	cJSON_AddNullToObject(d, "changelogManifestList");
	struct pl_strbuf sb = PL_STRBUF_INIT;
	gen_json_render(&sb, d);
	CHECK_STR_EQ(sb.buf, "{\n"
		     "  \"commitIdentifier\" : 9223372036854775807,\n"
		     "  \"watermark\" : -9223372036854775808,\n"
		     "  \"logOffsets\" : { },\n"
		     "  \"primaryKeys\" : [ ],\n"
		     "  \"keys\" : [ \"a\\\"b\", \"c\" ],\n"
		     "  \"fields\" : [ {\n"
		     "    \"id\" : 0\n"
		     "  } ],\n"
		     "  \"changelogManifestList\" : null\n"
		     "}");
	pl_strbuf_free(&sb);
	cJSON_Delete(d);
}

/* Re-rendering real Java files must give the very same bytes. */
static void rerender(const char *rel)
{
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("fixtures not available");
		return;
	}
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", fx, rel);
	size_t n;
	uint8_t *text = pl_test_slurp(path, &n);
	CHECK(text != NULL);
	if (!text)
		return;
	char *z = pl_strndup((const char *)text, n);
	cJSON *doc = cJSON_Parse(z);
	CHECK(doc != NULL);
	struct pl_strbuf sb = PL_STRBUF_INIT;
	if (doc)
		gen_json_render(&sb, doc);
	CHECK(same(sb.buf, sb.len, text, n));
	pl_strbuf_free(&sb);
	cJSON_Delete(doc);
	free(z);
	free(text);
}

TEST(json_matches_java_schema)
{
	rerender("orc/append_complex_build_in_fieldid.db/append_complex_build_in_fieldid/"
		 "schema/schema-0");
}

TEST(json_matches_java_snapshot)
{
	rerender("parquet/pk_dv_index_not_in_data_no_external.db/"
		 "pk_dv_index_not_in_data_no_external/snapshot/snapshot-4");
}

/* A minimal table model for the manifest writers. */
static void manifest_round_trip(enum gen_codec codec, int orc)
{
	static struct gen_table_spec spec;
	memset(&spec, 0, sizeof(spec));
	spec.tpl = TPL_ORDERS;
	spec.partitions = 0;
	spec.buckets = 2;
	struct gen_lake_options opt = { pl_test_tmpdir(), codec, 8 << 20, 30, 1, 1, orc };
	struct gen_table t;
	memset(&t, 0, sizeof(t));
	t.spec = &spec;
	t.opt = &opt;
	gen_rng_seed(&t.rng, 7);
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/mt%d%s", pl_test_tmpdir(), (int)codec, orc ? "orc" : "");
	t.dir = dir;
	struct pl_error err;
	char mdir[4200];
	snprintf(mdir, sizeof(mdir), "%s/manifest", dir);
	CHECK_INT_EQ(gen_mkdirs(mdir, &err), 0);
	struct gen_schema *s = gen_schema_initial(&spec, 1000);
	t.nparts = 1;
	t.part_values = pl_calloc(1, sizeof(char **));
	t.part_values[0] = pl_calloc(1, sizeof(char *));
	t.part_row = pl_calloc(1, sizeof(*t.part_row));
	static const uint8_t empty_row[12] = { 0 };
	pl_strbuf_add(&t.part_row[0], empty_row, sizeof(empty_row));
	t.writers = pl_calloc(1, sizeof(*t.writers));
	gen_uuid(&t.rng, t.writers[0]);
	gen_uuid(&t.rng, t.manifest_uuid);
	gen_uuid(&t.rng, t.list_uuid);
	t.nfiles = 3;
	t.files = pl_calloc(3, sizeof(*t.files));
	for (int i = 0; i < 3; i++) {
		struct gen_file *f = &t.files[i];
		f->schema = s;
		f->bucket = i % 2;
		f->level = i == 2 ? 5 : 0;
		f->counter = (uint32_t)i;
		f->rows = 100 + i;
		f->size = 5000 + i;
		f->min_key = 10 * i;
		f->max_key = 10 * i + 9;
		f->creation_ms = 1719792000000LL;
		f->stats_seed = (uint64_t)i;
	}
	uint32_t entries[] = { 0 << 1, 1 << 1, 0 << 1 | 1, 2 << 1 };
	uint32_t *ms = NULL;
	size_t nms = 0, cap = 0;
	CHECK_INT_EQ(gen_write_manifests(&t, entries, 4, &ms, &nms, &cap, &err), 0);
	CHECK_INT_EQ(nms, 1);
	uint32_t list;
	CHECK_INT_EQ(gen_write_mlist(&t, ms, nms, &list, &err), 0);

	struct pl_arena a;
	pl_arena_init(&a, 1 << 16);
	char path[4400];
	snprintf(path, sizeof(path), "%s/%s", mdir, t.mlists[list].name);
	size_t n;
	uint8_t *data = pl_test_slurp(path, &n);
	CHECK_INT_EQ(n, t.mlists[list].size);
	CHECK_INT_EQ(pl_sniff_format(data, n), orc ? PL_FMT_ORC : PL_FMT_AVRO);
	struct pl_manifest_file_metas metas = { 0 };
	CHECK_INT_EQ(pl_manifest_list_parse(data, n, path, &a, &metas, &err), 0);
	CHECK_INT_EQ(metas.n, 1);
	if (metas.n == 1) {
		CHECK_STR_EQ(metas.items[0].file_name, t.manifests[ms[0]].name);
		CHECK_INT_EQ(metas.items[0].file_size, t.manifests[ms[0]].size);
		CHECK_INT_EQ(metas.items[0].num_added_files, 3);
		CHECK_INT_EQ(metas.items[0].num_deleted_files, 1);
		CHECK_INT_EQ(metas.items[0].max_bucket.v, 1);
		CHECK_INT_EQ(metas.items[0].max_level.v, 5);
	}
	free(data);
	snprintf(path, sizeof(path), "%s/%s", mdir, t.manifests[ms[0]].name);
	data = pl_test_slurp(path, &n);
	struct pl_manifest_entries es = { 0 };
	CHECK_INT_EQ(pl_manifest_parse(data, n, path, &a, &es, &err), 0);
	CHECK_INT_EQ(es.n, 4);
	if (es.n == 4) {
		CHECK_INT_EQ(es.items[2].kind, PL_FILE_DELETE);
		CHECK_INT_EQ(es.items[3].file.level, 5);
		CHECK_INT_EQ(es.items[1].file.row_count, 101);
		CHECK_INT_EQ(es.items[1].total_buckets, 2);
		char name[128];
		gen_file_name(&t, &t.files[1], name, sizeof(name));
		CHECK_STR_EQ(es.items[1].file.file_name, name);
	}
	free(data);
	free(metas.items);
	free(es.items);
	pl_arena_free(&a);
	for (size_t i = 0; i < t.nmanifests; i++) {
		free(t.manifests[i].entries);
		pl_strbuf_free(&t.manifests[i].pstats);
	}
	free(t.manifests);
	for (size_t i = 0; i < t.nmlists; i++)
		free(t.mlists[i].manifests);
	free(t.mlists);
	free(ms);
	free(t.files);
	free(t.writers);
	pl_strbuf_free(&t.part_row[0]);
	free(t.part_row);
	free(t.part_values[0]);
	free(t.part_values);
	gen_schema_free(s);
}

TEST(manifests_zstd_read_back)
{
	manifest_round_trip(GEN_CODEC_ZSTD, 0);
}

TEST(manifests_null_codec_read_back)
{
	manifest_round_trip(GEN_CODEC_NULL, 0);
}

TEST(orc_manifests_zstd_read_back)
{
	manifest_round_trip(GEN_CODEC_ZSTD, 1);
}

TEST(orc_manifests_uncompressed_read_back)
{
	manifest_round_trip(GEN_CODEC_NULL, 1);
}

int main(void)
{
	RUN(binrow_inline_string_and_int);
	RUN(binrow_long_string_and_null);
	RUN(binrow_wide_null_bits);
	RUN(avro_zigzag);
	RUN(dv_file_matches_java);
	RUN(dv_bitmap_container_reads_back);
	RUN(json_jackson_layout);
	RUN(json_matches_java_schema);
	RUN(json_matches_java_snapshot);
	RUN(manifests_zstd_read_back);
	RUN(manifests_null_codec_read_back);
	RUN(orc_manifests_zstd_read_back);
	RUN(orc_manifests_uncompressed_read_back);
	return pl_test_done();
}
