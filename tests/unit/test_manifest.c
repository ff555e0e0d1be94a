/* Manifest-type records: real files of the shared fixtures, hand-built Avro
 * files for old schema variants and corrupt records, deletion-vector files
 * and Roaring bitmaps. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/dv.h"
#include "paimon/manifest.h"
#include "util/arena.h"

static uint8_t *fixture(const char *rel, size_t *len)
{
	const char *root = pl_test_fixtures();
	if (!root)
		return NULL;
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	return pl_test_slurp(path, len);
}

/* ---- a tiny Avro writer for hand-built files --------------------------- */

struct avro_out {
	uint8_t b[16384];
	size_t n;
};

static void put_raw(struct avro_out *o, const void *p, size_t n)
{
	memcpy(o->b + o->n, p, n);
	o->n += n;
}

static void put_long(struct avro_out *o, int64_t v)
{
	uint64_t z = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
	while (z >= 0x80) {
		o->b[o->n++] = (uint8_t)(z | 0x80);
		z >>= 7;
	}
	o->b[o->n++] = (uint8_t)z;
}

static void put_bytes(struct avro_out *o, const void *p, size_t n)
{
	put_long(o, (int64_t)n);
	put_raw(o, p, n);
}

static void put_str(struct avro_out *o, const char *s)
{
	put_bytes(o, s, strlen(s));
}

static const uint8_t sync_marker[16] = "0123456789abcdef";

/* Container with codec null around records already encoded in body. */
static size_t avro_file(uint8_t *dst, const char *schema, const struct avro_out *body,
			int records)
{
	struct avro_out o;
	o.n = 0;
	put_raw(&o, "Obj\x01", 4);
	put_long(&o, 2);
	put_str(&o, "avro.schema");
	put_str(&o, schema);
	put_str(&o, "avro.codec");
	put_str(&o, "null");
	put_long(&o, 0);
	put_raw(&o, sync_marker, 16);
	if (records) {
		put_long(&o, records);
		put_long(&o, (int64_t)body->n);
		put_raw(&o, body->b, body->n);
		put_raw(&o, sync_marker, 16);
	}
	memcpy(dst, o.b, o.n);
	return o.n;
}

static const uint8_t empty_row[12] = { 0 };

/* L1 (Paimon <= 0.8): the record and _PARTITION_STATS wrapped in unions,
 * no bucket/level/row-id fields. */
static const char *list_schema_l1 =
	"[\"null\",{\"type\":\"record\",\"name\":\"record\",\"fields\":["
	"{\"name\":\"_VERSION\",\"type\":\"int\"},"
	"{\"name\":\"_FILE_NAME\",\"type\":\"string\"},"
	"{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},"
	"{\"name\":\"_NUM_ADDED_FILES\",\"type\":\"long\"},"
	"{\"name\":\"_NUM_DELETED_FILES\",\"type\":\"long\"},"
	"{\"name\":\"_PARTITION_STATS\",\"type\":[\"null\",{\"type\":\"record\","
	"\"name\":\"record__PARTITION_STATS\",\"fields\":["
	"{\"name\":\"_MIN_VALUES\",\"type\":\"bytes\"},"
	"{\"name\":\"_MAX_VALUES\",\"type\":\"bytes\"},"
	"{\"name\":\"_NULL_COUNTS\",\"type\":[\"null\",{\"type\":\"array\","
	"\"items\":[\"null\",\"long\"]}],\"default\":null}]}],\"default\":null},"
	"{\"name\":\"_SCHEMA_ID\",\"type\":\"long\"}]}]";

static void put_list_record_l1(struct avro_out *o, int version, const char *name)
{
	put_long(o, 1);             /* union branch: record */
	put_long(o, version);
	put_str(o, name);
	put_long(o, 2081);
	put_long(o, 3);
	put_long(o, 1);
	put_long(o, 1);             /* _PARTITION_STATS present */
	put_bytes(o, empty_row, sizeof(empty_row));
	put_bytes(o, empty_row, sizeof(empty_row));
	put_long(o, 1);             /* _NULL_COUNTS present */
	put_long(o, 2);             /* two items */
	put_long(o, 0);             /* null */
	put_long(o, 1);
	put_long(o, 42);
	put_long(o, 0);             /* end of array */
	put_long(o, 7);             /* _SCHEMA_ID */
}

/* A manifest shaped like M1 (0.4 - 0.7) but cut down to the fields a
 * reader must have; optional ones are absent and must read as null. */
static const char *manifest_schema_min =
	"{\"type\":\"record\",\"name\":\"record\",\"fields\":["
	"{\"name\":\"_VERSION\",\"type\":\"int\"},"
	"{\"name\":\"_KIND\",\"type\":\"int\"},"
	"{\"name\":\"_PARTITION\",\"type\":\"bytes\"},"
	"{\"name\":\"_BUCKET\",\"type\":\"int\"},"
	"{\"name\":\"_TOTAL_BUCKETS\",\"type\":\"int\"},"
	"{\"name\":\"_FILE\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"record__FILE\","
	"\"fields\":["
	"{\"name\":\"_FILE_NAME\",\"type\":\"string\"},"
	"{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},"
	"{\"name\":\"_ROW_COUNT\",\"type\":\"long\"},"
	"{\"name\":\"_MIN_KEY\",\"type\":\"bytes\"},"
	"{\"name\":\"_MAX_KEY\",\"type\":\"bytes\"},"
	"{\"name\":\"_MIN_SEQUENCE_NUMBER\",\"type\":\"long\"},"
	"{\"name\":\"_MAX_SEQUENCE_NUMBER\",\"type\":\"long\"},"
	"{\"name\":\"_SCHEMA_ID\",\"type\":\"long\"},"
	"{\"name\":\"_LEVEL\",\"type\":\"int\"},"
	"{\"name\":\"_EXTRA_FILES\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},"
	"{\"name\":\"_CREATION_TIME\",\"type\":[\"null\",{\"type\":\"long\","
	"\"logicalType\":\"timestamp-millis\"}],\"default\":null}"
	"]}],\"default\":null}]}";

static void put_entry_min(struct avro_out *o, int version, int kind, const char *name,
			  int with_file)
{
	put_long(o, version);
	put_long(o, kind);
	put_bytes(o, empty_row, sizeof(empty_row));
	put_long(o, 3);             /* _BUCKET */
	put_long(o, 4);             /* _TOTAL_BUCKETS */
	if (!with_file) {
		put_long(o, 0);     /* _FILE null */
		return;
	}
	put_long(o, 1);
	put_str(o, name);
	put_long(o, 1000);
	put_long(o, 12);
	put_bytes(o, empty_row, sizeof(empty_row));
	put_bytes(o, empty_row, sizeof(empty_row));
	put_long(o, 5);
	put_long(o, 9);
	put_long(o, 0);
	put_long(o, 2);             /* _LEVEL */
	put_long(o, 1);             /* _EXTRA_FILES: one */
	put_str(o, "side.index");
	put_long(o, 0);
	put_long(o, 1);
	put_long(o, 1700000000123); /* _CREATION_TIME */
}

static uint8_t file_buf[20000];

TEST(avro_manifest_list_sample)
{
	size_t len;
	uint8_t *data = fixture("avro-samples/avro_manifest_list_11", &len);
	if (!data) {
		SKIP("fixtures not found");
		return;
	}
	struct pl_arena a;
	pl_arena_init(&a, 4096);
	struct pl_manifest_file_metas metas = { 0 };
	struct pl_error err;
	CHECK_INT_EQ(pl_manifest_list_parse(data, len, "list_11", &a, &metas, &err), 0);
	CHECK_INT_EQ(metas.n, 1);
	if (metas.n == 1) {
		const struct pl_manifest_file_meta *m = &metas.items[0];
		CHECK_STR_EQ(m->file_name, "manifest-3c977409-ebff-4d68-8265-86d237e24e9a-0");
		CHECK_INT_EQ(m->file_size, 2081);
		CHECK_INT_EQ(m->num_added_files, 1);
		CHECK_INT_EQ(m->num_deleted_files, 0);
		CHECK_INT_EQ(m->schema_id, 0);
		CHECK_INT_EQ(m->partition_stats.min_values.n, 12);
		CHECK_INT_EQ(m->partition_stats.max_values.n, 12);
		CHECK(m->partition_stats.has_null_counts);
		CHECK_INT_EQ(m->partition_stats.n_null_counts, 0);
		CHECK(m->min_bucket.present && m->min_bucket.v == 0);
		CHECK(m->max_level.present && m->max_level.v == 0);
		CHECK(!m->min_row_id.present);
	}
	free(metas.items);
	pl_arena_free(&a);
	free(data);
}

TEST(avro_manifest_samples)
{
	static const char *const names[] = { "avro-samples/avro_manifest_09",
					     "avro-samples/avro_manifest_11",
					     "avro-samples/manifest" };
	for (size_t k = 0; k < 3; k++) {
		size_t len;
		uint8_t *data = fixture(names[k], &len);
		if (!data) {
			SKIP("fixtures not found");
			return;
		}
		struct pl_arena a;
		pl_arena_init(&a, 4096);
		struct pl_manifest_entries es = { 0 };
		struct pl_error err;
		int rc = pl_manifest_parse(data, len, names[k], &a, &es, &err);
		if (rc)
			printf("# %s\n", err.msg);
		CHECK_INT_EQ(rc, 0);
		CHECK(es.n > 0);
		for (size_t i = 0; i < es.n; i++) {
			const struct pl_manifest_entry *e = &es.items[i];
			CHECK(e->kind == PL_FILE_ADD || e->kind == PL_FILE_DELETE);
			CHECK(strncmp(e->file.file_name, "data-", 5) == 0);
			CHECK(e->file.row_count > 0);
			CHECK(e->file.creation_time.present);
			CHECK(e->partition.n >= 12);
		}
		free(es.items);
		pl_arena_free(&a);
		free(data);
	}
}

TEST(old_list_variant_with_unions)
{
	struct avro_out body;
	body.n = 0;
	put_list_record_l1(&body, 2, "manifest-a-0");
	put_list_record_l1(&body, 2, "manifest-a-1");
	size_t n = avro_file(file_buf, list_schema_l1, &body, 2);
	struct pl_arena a;
	pl_arena_init(&a, 4096);
	struct pl_manifest_file_metas metas = { 0 };
	struct pl_error err;
	int rc = pl_manifest_list_parse(file_buf, n, "l1", &a, &metas, &err);
	if (rc)
		printf("# %s\n", err.msg);
	CHECK_INT_EQ(rc, 0);
	CHECK_INT_EQ(metas.n, 2);
	if (metas.n == 2) {
		const struct pl_manifest_file_meta *m = &metas.items[1];
		CHECK_STR_EQ(m->file_name, "manifest-a-1");
		CHECK_INT_EQ(m->num_added_files, 3);
		CHECK_INT_EQ(m->schema_id, 7);
		CHECK_INT_EQ(m->partition_stats.n_null_counts, 2);
		CHECK(m->partition_stats.null_counts[0] == PL_NULL_COUNT_UNKNOWN);
		CHECK_INT_EQ(m->partition_stats.null_counts[1], 42);
		CHECK(!m->min_bucket.present && !m->max_level.present && !m->max_row_id.present);
	}
	free(metas.items);
	pl_arena_free(&a);
}

TEST(minimal_manifest_reads_missing_fields_as_null)
{
	struct avro_out body;
	body.n = 0;
	put_entry_min(&body, 2, 1, "data-x-0.orc", 1);
	size_t n = avro_file(file_buf, manifest_schema_min, &body, 1);
	struct pl_arena a;
	pl_arena_init(&a, 4096);
	struct pl_manifest_entries es = { 0 };
	struct pl_error err;
	int rc = pl_manifest_parse(file_buf, n, "m1", &a, &es, &err);
	if (rc)
		printf("# %s\n", err.msg);
	CHECK_INT_EQ(rc, 0);
	CHECK_INT_EQ(es.n, 1);
	if (es.n == 1) {
		const struct pl_manifest_entry *e = &es.items[0];
		CHECK_INT_EQ(e->kind, PL_FILE_DELETE);
		CHECK_INT_EQ(e->bucket, 3);
		CHECK_INT_EQ(e->total_buckets, 4);
		CHECK_STR_EQ(e->file.file_name, "data-x-0.orc");
		CHECK_INT_EQ(e->file.row_count, 12);
		CHECK_INT_EQ(e->file.level, 2);
		CHECK_INT_EQ(e->file.max_sequence_number, 9);
		CHECK_INT_EQ(e->file.extra_files.n, 1);
		CHECK_STR_EQ(e->file.extra_files.items[0], "side.index");
		CHECK(e->file.creation_time.present && e->file.creation_time.v == 1700000000123);
		CHECK(!e->file.delete_row_count.present);
		CHECK_INT_EQ(e->file.file_source, PL_SOURCE_UNKNOWN);
		CHECK(!e->file.value_stats_cols.present && !e->file.write_cols.present);
		CHECK(e->file.external_path == NULL);
		CHECK(!e->file.key_stats.min_values.has_value);
		/* copies survive the source arena */
		struct pl_arena b;
		pl_arena_init(&b, 1024);
		struct pl_manifest_entry copy;
		pl_manifest_entry_copy(&b, &copy, e);
		pl_arena_free(&a);
		CHECK_STR_EQ(copy.file.file_name, "data-x-0.orc");
		CHECK_STR_EQ(copy.file.extra_files.items[0], "side.index");
		pl_arena_free(&b);
	} else {
		pl_arena_free(&a);
	}
	free(es.items);
}

/* Parses one hand-built manifest and returns the error message. */
static char msg[PL_ERR_MSG_MAX];

static const char *manifest_error(int version, int kind, const char *name, int with_file)
{
	struct avro_out body;
	body.n = 0;
	put_entry_min(&body, 2, 0, "data-ok-0.orc", 1);
	put_entry_min(&body, version, kind, name, with_file);
	size_t n = avro_file(file_buf, manifest_schema_min, &body, 2);
	struct pl_arena a;
	pl_arena_init(&a, 4096);
	struct pl_manifest_entries es = { 0 };
	struct pl_error err;
	int rc = pl_manifest_parse(file_buf, n, "bad-manifest", &a, &es, &err);
	snprintf(msg, sizeof(msg), "%s", rc ? err.msg : "no error");
	if (rc && es.n != 1)
		snprintf(msg, sizeof(msg), "kept %zu records", es.n);
	free(es.items);
	pl_arena_free(&a);
	return msg;
}

TEST(corrupt_records_are_errors_with_context)
{
	CHECK_STR_EQ(manifest_error(2, 0, "data-y-0.orc", 1), "no error");
	CHECK_STR_EQ(manifest_error(2, 7, "data-y-0.orc", 1),
		     "bad-manifest: record 1: _KIND 7, expected 0 (ADD) or 1 (DELETE)");
	CHECK_STR_EQ(manifest_error(1, 0, "data-y-0.orc", 1),
		     "bad-manifest: record 1: _VERSION 1, expected 2 (a pre-0.4 table; Paimon "
		     "asks to recreate it)");
	CHECK_STR_EQ(manifest_error(2, 0, "../../etc/passwd", 1),
		     "bad-manifest: record 1: _FILE_NAME \"../../etc/passwd\" is not a plain file "
		     "name");
	CHECK_STR_EQ(manifest_error(2, 0, "", 1),
		     "bad-manifest: record 1: _FILE_NAME \"\" is not a plain file name");
	CHECK_STR_EQ(manifest_error(2, 0, "x", 0),
		     "bad-manifest: record 1: _FILE: expected a record, got null");

	/* a manifest list record read as a manifest: no _KIND */
	struct avro_out body;
	body.n = 0;
	put_list_record_l1(&body, 2, "manifest-a-0");
	size_t n = avro_file(file_buf, list_schema_l1, &body, 1);
	struct pl_arena a;
	pl_arena_init(&a, 4096);
	struct pl_manifest_entries es = { 0 };
	struct pl_error err;
	CHECK_INT_EQ(pl_manifest_parse(file_buf, n, "list-as-manifest", &a, &es, &err), -1);
	CHECK_STR_EQ(err.msg, "list-as-manifest: record 0: _KIND: expected an integer, got no such "
			      "field");
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	free(es.items);
	pl_arena_free(&a);
}

/* Every truncation and many byte flips of real files: an error or a
 * result, never a crash (the sanitizer build catches stray reads). */
static void fuzz_file(const char *rel, int kind)
{
	size_t len;
	uint8_t *data = fixture(rel, &len);
	if (!data) {
		SKIP("fixtures not found");
		return;
	}
	int errors = 0;
	for (size_t cut = 0; cut < len; cut += (len > 600 ? 7 : 1)) {
		uint8_t *copy = malloc(cut ? cut : 1);
		memcpy(copy, data, cut);
		struct pl_arena a;
		pl_arena_init(&a, 4096);
		struct pl_error err;
		int rc;
		if (kind == 0) {
			struct pl_manifest_file_metas v = { 0 };
			rc = pl_manifest_list_parse(copy, cut, rel, &a, &v, &err);
			free(v.items);
		} else if (kind == 1) {
			struct pl_manifest_entries v = { 0 };
			rc = pl_manifest_parse(copy, cut, rel, &a, &v, &err);
			free(v.items);
		} else {
			struct pl_index_manifest_entries v = { 0 };
			rc = pl_index_manifest_parse(copy, cut, rel, &a, &v, &err);
			free(v.items);
		}
		if (rc) {
			errors++;
			CHECK(strstr(err.msg, rel) != NULL);
		}
		pl_arena_free(&a);
		free(copy);
	}
	CHECK(errors > 0);
	uint8_t *copy = malloc(len);
	for (size_t pos = 0; pos < len; pos += 3) {
		memcpy(copy, data, len);
		copy[pos] ^= (uint8_t)(0x5a + pos);
		struct pl_arena a;
		pl_arena_init(&a, 4096);
		struct pl_error err;
		struct pl_manifest_entries v = { 0 };
		if (kind == 1)
			pl_manifest_parse(copy, len, rel, &a, &v, &err);
		free(v.items);
		pl_arena_free(&a);
	}
	free(copy);
	free(data);
}

TEST(truncated_and_flipped_real_files)
{
	fuzz_file("avro-samples/avro_manifest_list_11", 0);
	fuzz_file("avro-samples/manifest", 1);
	fuzz_file("parquet/pk_with_bitmap_dv.db/pk_with_bitmap_dv/manifest/"
		  "index-manifest-56a003ac-3239-4546-b41e-85fc36bbd019-0", 2);
	fuzz_file("orc/pk_with_bitmap_dv.db/pk_with_bitmap_dv/manifest/"
		  "index-manifest-bdc43e0d-c272-44cd-bc0e-1132e68fc629-0", 2);
}

TEST(index_manifest_dv_example)
{
	/* §8.5: the index manifest of pk_with_bitmap_dv, Avro and ORC */
	static const char *const files[] = {
		"parquet/pk_with_bitmap_dv.db/pk_with_bitmap_dv/manifest/"
		"index-manifest-56a003ac-3239-4546-b41e-85fc36bbd019-0",
	};
	size_t len;
	uint8_t *data = fixture(files[0], &len);
	if (!data) {
		SKIP("fixtures not found");
		return;
	}
	struct pl_arena a;
	pl_arena_init(&a, 4096);
	struct pl_index_manifest_entries es = { 0 };
	struct pl_error err;
	int rc = pl_index_manifest_parse(data, len, files[0], &a, &es, &err);
	if (rc)
		printf("# %s\n", err.msg);
	CHECK_INT_EQ(rc, 0);
	CHECK_INT_EQ(es.n, 1);
	if (es.n == 1) {
		const struct pl_index_manifest_entry *e = &es.items[0];
		CHECK_STR_EQ(e->index_type, "DELETION_VECTORS");
		CHECK_INT_EQ(e->bucket, 0);
		CHECK_STR_EQ(e->file_name, "index-daed25d2-8e68-45ba-aaad-ff342666ef27-0");
		CHECK_INT_EQ(e->file_size, 33);
		CHECK_INT_EQ(e->row_count, 1);
		CHECK_INT_EQ(e->n_dv_ranges, 1);
		if (e->n_dv_ranges == 1) {
			CHECK_STR_EQ(e->dv_ranges[0].data_file,
				     "data-bfa36b28-40e7-4026-893b-d23116973174-0.parquet");
			CHECK_INT_EQ(e->dv_ranges[0].offset, 1);
			CHECK_INT_EQ(e->dv_ranges[0].length, 24);
			CHECK(e->dv_ranges[0].cardinality.present);
			CHECK_INT_EQ(e->dv_ranges[0].cardinality.v, 2);
		}
		CHECK(!e->global_index.present);
	}
	free(es.items);
	pl_arena_free(&a);
	free(data);
}

TEST(global_index_entry)
{
	const char *rel = "parquet/append_with_global_index_with_partition.db/"
			  "append_with_global_index_with_partition/manifest/"
			  "index-manifest-f8138b0d-2f5d-4145-957a-afefc82777af-0";
	size_t len;
	uint8_t *data = fixture(rel, &len);
	if (!data) {
		SKIP("fixtures not found");
		return;
	}
	struct pl_arena a;
	pl_arena_init(&a, 4096);
	struct pl_index_manifest_entries es = { 0 };
	struct pl_error err;
	int rc = pl_index_manifest_parse(data, len, rel, &a, &es, &err);
	if (rc)
		printf("# %s\n", err.msg);
	CHECK_INT_EQ(rc, 0);
	int found = 0;
	for (size_t k = 0; k < es.n; k++) {
		const struct pl_index_manifest_entry *e = &es.items[k];
		if (strcmp(e->index_type, "bitmap") != 0 || e->file_size != 120)
			continue;
		found = 1;
		CHECK_INT_EQ(e->row_count, 5);
		CHECK(!e->has_dv_ranges);
		CHECK(e->global_index.present);
		CHECK_INT_EQ(e->global_index.row_range_start, 0);
		CHECK_INT_EQ(e->global_index.row_range_end, 4);
		CHECK_INT_EQ(e->global_index.index_field_id, 0);
		CHECK(!e->global_index.has_extra_field_ids);
		CHECK(!e->global_index.index_meta.has_value);
	}
	CHECK(found);
	free(es.items);
	pl_arena_free(&a);
	free(data);
}

/* ---- deletion vectors -------------------------------------------------- */

static const uint8_t dv_example[33] = {
	0x01, 0x00, 0x00, 0x00, 0x18, 0x5e, 0x43, 0xf2, 0xd0, 0x3a, 0x30, 0x00, 0x00,
	0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x10, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x04, 0x00, 0x2d, 0xd0, 0xa8, 0x71,
};

struct positions {
	uint64_t v[16];
	size_t n;
};

static int collect(void *ctx, uint64_t pos)
{
	struct positions *p = ctx;
	if (p->n < 16)
		p->v[p->n++] = pos;
	return 0;
}

TEST(dv_worked_example)
{
	struct pl_dv_info info;
	struct pl_error err;
	struct positions pos = { { 0 }, 0 };
	CHECK_INT_EQ(pl_dv_check_version(dv_example, sizeof(dv_example), "idx", &err), 0);
	CHECK_INT_EQ(pl_dv_decode(dv_example + 1, sizeof(dv_example) - 1, "idx", 1, 24, &info,
				  collect, &pos, &err), 0);
	CHECK_INT_EQ(info.cardinality, 2);
	CHECK(!info.bitmap64);
	CHECK_INT_EQ(pos.n, 2);
	CHECK_INT_EQ(pos.v[0], 0);
	CHECK_INT_EQ(pos.v[1], 4);

	/* the real file agrees, read through the storage */
	const char *root = pl_test_fixtures();
	if (!root)
		return;
	char path[4096];
	snprintf(path, sizeof(path), "%s/parquet/pk_with_bitmap_dv.db/pk_with_bitmap_dv/index/"
		 "index-daed25d2-8e68-45ba-aaad-ff342666ef27-0", root);
	struct pl_storage *st;
	CHECK_INT_EQ(pl_storage_open("/", NULL, &st, &err), 0);
	CHECK_INT_EQ(pl_dv_read(st, path, 1, 24, &info, &err), 0);
	CHECK_INT_EQ(info.cardinality, 2);
	pl_storage_close(st);
}

TEST(dv_corruption)
{
	uint8_t b[33];
	struct pl_dv_info info;
	struct pl_error err;
	/* wrong recorded length */
	CHECK_INT_EQ(pl_dv_decode(dv_example + 1, 32, "idx", 1, 23, &info, NULL, NULL, &err), -1);
	CHECK(strstr(err.msg, "length 24, the index manifest says 23") != NULL);
	/* CRC */
	memcpy(b, dv_example, 33);
	b[27] = 0x05;
	CHECK_INT_EQ(pl_dv_decode(b + 1, 32, "idx", 1, 24, &info, NULL, NULL, &err), -1);
	CHECK(strstr(err.msg, "CRC-32 mismatch") != NULL);
	/* magic */
	memcpy(b, dv_example, 33);
	b[6] = 0;
	CHECK_INT_EQ(pl_dv_decode(b + 1, 32, "idx", 1, 24, &info, NULL, NULL, &err), -1);
	CHECK(strstr(err.msg, "magic") != NULL);
	/* every truncation */
	for (size_t n = 0; n < 32; n++)
		CHECK_INT_EQ(pl_dv_decode(dv_example + 1, n, "idx", 1, 24, &info, NULL, NULL, &err),
			     -1);
	/* version byte */
	memcpy(b, dv_example, 33);
	b[0] = 2;
	CHECK_INT_EQ(pl_dv_check_version(b, 33, "idx", &err), -1);
}

static size_t put16(uint8_t *p, size_t at, unsigned v)
{
	p[at] = (uint8_t)v;
	p[at + 1] = (uint8_t)(v >> 8);
	return at + 2;
}

static size_t put32(uint8_t *p, size_t at, uint32_t v)
{
	for (int k = 0; k < 4; k++)
		p[at + (size_t)k] = (uint8_t)(v >> (8 * k));
	return at + 4;
}

TEST(roaring_containers_of_every_kind)
{
	static uint8_t b[9000];
	struct pl_error err;
	uint64_t card;
	size_t size;
	struct positions pos = { { 0 }, 0 };

	/* run cookie, 2 containers (< 4: no offsets): key 0 run [10, 12],
	 * key 1 array {7} */
	size_t at = put32(b, 0, 12347u | (1u << 16));
	b[at++] = 0x01;               /* container 0 is a run container */
	at = put16(b, at, 0);
	at = put16(b, at, 2);         /* cardinality 3 */
	at = put16(b, at, 1);
	at = put16(b, at, 0);         /* cardinality 1 */
	at = put16(b, at, 1);         /* one run */
	at = put16(b, at, 10);
	at = put16(b, at, 2);         /* length 3 */
	at = put16(b, at, 7);
	CHECK_INT_EQ(pl_roaring32_walk(b, at, "r", 0, &card, &size, collect, &pos, &err), 0);
	CHECK_INT_EQ(card, 4);
	CHECK_INT_EQ(size, at);
	CHECK_INT_EQ(pos.n, 4);
	CHECK_INT_EQ(pos.v[0], 10);
	CHECK_INT_EQ(pos.v[2], 12);
	CHECK_INT_EQ(pos.v[3], 65536 + 7);
	/* truncated anywhere: an error */
	for (size_t n = 0; n < at; n++)
		CHECK_INT_EQ(pl_roaring32_walk(b, n, "r", 0, &card, &size, NULL, NULL, &err), -1);

	/* no-run cookie, one bitmap container with 5000 values */
	at = put32(b, 0, 12346u);
	at = put32(b, at, 1);
	at = put16(b, at, 2);
	at = put16(b, at, 4999);
	at = put32(b, at, 16);        /* offset */
	memset(b + at, 0, 8192);
	for (unsigned v = 0; v < 5000; v++)
		b[at + v / 8] |= (uint8_t)(1u << (v % 8));
	at += 8192;
	pos.n = 0;
	CHECK_INT_EQ(pl_roaring32_walk(b, at, "r", 0, &card, &size, collect, &pos, &err), 0);
	CHECK_INT_EQ(card, 5000);
	CHECK_INT_EQ(size, at);
	CHECK_INT_EQ(pos.v[0], 2u << 16);
	CHECK_INT_EQ(pl_roaring32_walk(b, at - 1, "r", 0, &card, &size, NULL, NULL, &err), -1);

	/* hostile counts and cookies */
	put32(b, 0, 12346u);
	put32(b, 4, 0xFFFFFFFFu);
	CHECK_INT_EQ(pl_roaring32_walk(b, 64, "r", 0, &card, &size, NULL, NULL, &err), -1);
	put32(b, 0, 4242u);
	CHECK_INT_EQ(pl_roaring32_walk(b, 64, "r", 0, &card, &size, NULL, NULL, &err), -1);
	CHECK(strstr(err.msg, "cookie") != NULL);
}

int main(void)
{
	RUN(avro_manifest_list_sample);
	RUN(avro_manifest_samples);
	RUN(old_list_variant_with_unions);
	RUN(minimal_manifest_reads_missing_fields_as_null);
	RUN(corrupt_records_are_errors_with_context);
	RUN(truncated_and_flipped_real_files);
	RUN(index_manifest_dv_example);
	RUN(global_index_entry);
	RUN(dv_worked_example);
	RUN(dv_corruption);
	RUN(roaring_containers_of_every_kind);
	return pl_test_done();
}
