/* The Avro container reader on hand-built files: every type and schema
 * shape, codecs and blocks, and hostile headers, schemas and blocks. */
#include "test.h"
#include "avro_testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

/* ---- hand-built files ---- */

TEST(all_types)
{
	struct wbuf f = { 0 }, p = { 0 };
	put_header(&f, all_types_schema, NULL);
	put_all_types_record1(&p);
	put_all_types_record2(&p);
	put_block(&f, 2, p.d, p.n);

	struct rd r = { 0 };
	struct pl_error err = { 0 };
	CHECK_INT_EQ(rd_open(&r, &f, "all.avro", &err), 0);
	if (!r.ops) {
		printf("# %s\n", err.msg);
		return;
	}
	CHECK_STR_EQ(r.ops->codec(r.impl), "null");
	const struct pl_rtype *t = r.ops->type(r.impl);
	CHECK_INT_EQ(t->kind, PL_VK_RECORD);
	CHECK_INT_EQ(t->nfields, 24);
	CHECK_STR_EQ(t->fields[0].name, "b");
	CHECK_INT_EQ(t->fields[pl_rtype_field_index(t, "fx")].type->kind, PL_VK_BYTES);
	CHECK_INT_EQ(t->fields[pl_rtype_field_index(t, "e")].type->kind, PL_VK_STRING);
	const struct pl_rtype *ts = t->fields[pl_rtype_field_index(t, "ts")].type;
	CHECK_INT_EQ(ts->kind, PL_VK_TIMESTAMP_MS);
	CHECK_STR_EQ(ts->logical, "timestamp-millis");
	const struct pl_rtype *dt = t->fields[pl_rtype_field_index(t, "dt")].type;
	CHECK_INT_EQ(dt->kind, PL_VK_INT);
	CHECK_STR_EQ(dt->logical, "date");
	const struct pl_rtype *n1 = t->fields[pl_rtype_field_index(t, "n1")].type;
	CHECK_INT_EQ(n1->kind, PL_VK_STRING);
	CHECK_INT_EQ(n1->nullable, 1);
	CHECK_INT_EQ(t->fields[pl_rtype_field_index(t, "n2")].type->nullable, 1);
	CHECK_INT_EQ(t->fields[pl_rtype_field_index(t, "s")].type->nullable, 0);
	const struct pl_rtype *m = t->fields[pl_rtype_field_index(t, "m")].type;
	CHECK_INT_EQ(m->kind, PL_VK_MAP);
	CHECK_INT_EQ(m->keys->kind, PL_VK_STRING);
	CHECK_INT_EQ(m->items->kind, PL_VK_INT);
	CHECK_INT_EQ(t->fields[pl_rtype_field_index(t, "arr")].type->items->kind, PL_VK_INT);
	const struct pl_rtype *sub = t->fields[pl_rtype_field_index(t, "sub")].type;
	CHECK(sub == t->fields[pl_rtype_field_index(t, "sub2")].type);
	const struct pl_rtype *sub3 = t->fields[pl_rtype_field_index(t, "sub3")].type;
	CHECK_INT_EQ(sub3->kind, PL_VK_RECORD);
	CHECK_INT_EQ(sub3->nullable, 1);
	CHECK_INT_EQ(sub3->nfields, 1);
	CHECK_INT_EQ(t->fields[pl_rtype_field_index(t, "nul")].type->kind, PL_VK_NULL);

	const struct pl_value *v;
	CHECK_INT_EQ(rd_next(&r, &v, &err), 1);
	CHECK_INT_EQ(v->kind, PL_VK_RECORD);
	CHECK_INT_EQ(F(v, "b")->u.b, 1);
	CHECK_INT_EQ(int_of(F(v, "i")), -5);
	CHECK_INT_EQ(int_of(F(v, "l")), 1234567890123LL);
	CHECK_INT_EQ(F(v, "f")->kind, PL_VK_FLOAT);
	CHECK(F(v, "f")->u.d == 1.5);
	CHECK(F(v, "d")->u.d == -2.25);
	CHECK(str_is(F(v, "s"), "h\xc3\xa9llo"));
	CHECK_INT_EQ(F(v, "by")->kind, PL_VK_BYTES);
	CHECK(F(v, "by")->u.bytes.n == 3 && F(v, "by")->u.bytes.p[2] == 2);
	CHECK(str_is(F(v, "fx"), "abc"));
	CHECK(str_is(F(v, "e"), "BLUE"));
	CHECK_INT_EQ(F(v, "ts")->kind, PL_VK_TIMESTAMP_MS);
	CHECK_INT_EQ(int_of(F(v, "ts")), 1700000000123LL);
	CHECK_INT_EQ(int_of(F(v, "tsu")), -2);
	CHECK_INT_EQ(int_of(F(v, "lts")), 2500);
	CHECK_INT_EQ(int_of(F(v, "dt")), 19000);
	const struct pl_value *arr = F(v, "arr");
	CHECK_INT_EQ(arr->kind, PL_VK_ARRAY);
	CHECK_INT_EQ(arr->u.array.n, 3);
	if (arr->u.array.n == 3)
		CHECK(int_of(&arr->u.array.items[0]) == 1 && int_of(&arr->u.array.items[2]) == 3);
	const struct pl_value *mv = F(v, "m");
	CHECK_INT_EQ(mv->kind, PL_VK_MAP);
	CHECK_INT_EQ(mv->u.array.n, 2);
	if (mv->u.array.n == 2)
		CHECK(str_is(&mv->u.array.items[0], "k") && int_of(&mv->u.array.items[1]) == 7);
	CHECK(pl_value_is_null(F(v, "n1")));
	CHECK(str_is(F(v, "n2"), "yes"));
	CHECK(str_is(F(v, "u"), "str"));
	CHECK_INT_EQ(int_of(F(F(v, "sub"), "x")), 9);
	CHECK_INT_EQ(int_of(F(F(v, "sub2"), "x")), 10);
	CHECK_INT_EQ(int_of(F(F(v, "sub3"), "x")), 11);
	CHECK(str_is(F(v, "fx2"), "xyz"));
	CHECK(str_is(F(v, "e2"), "RED"));
	CHECK_INT_EQ(F(v, "nul")->kind, PL_VK_NULL);

	CHECK_INT_EQ(rd_next(&r, &v, &err), 1);
	CHECK_INT_EQ(F(v, "b")->u.b, 0);
	CHECK_INT_EQ(int_of(F(v, "l")), -1);
	CHECK(str_is(F(v, "s"), ""));
	CHECK(str_is(F(v, "e"), "GREEN"));
	CHECK_INT_EQ(F(v, "arr")->u.array.n, 0);
	CHECK_INT_EQ(F(v, "m")->u.array.n, 0);
	CHECK(str_is(F(v, "n1"), "v"));
	CHECK(pl_value_is_null(F(v, "n2")));
	CHECK_INT_EQ(F(v, "u")->kind, PL_VK_INT);
	CHECK_INT_EQ(int_of(F(v, "u")), 42);
	CHECK(pl_value_is_null(F(v, "sub3")));
	CHECK(F(v, "no_such_field") == NULL);

	CHECK_INT_EQ(rd_next(&r, &v, &err), 0);
	CHECK_INT_EQ(rd_next(&r, &v, &err), 0);
	rd_close(&r);
	free(f.d);
	free(p.d);
}

TEST(old_top_level_union)
{
	const char *schema =
		"[\"null\",{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.x\",\"fields\":["
		"{\"name\":\"a\",\"type\":\"int\"},"
		"{\"name\":\"p\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"record_p\",\"fields\":["
		"{\"name\":\"q\",\"type\":\"string\"}]}],\"default\":null}]}]";
	struct wbuf f = { 0 }, p = { 0 };
	put_header(&f, schema, "null");
	put_long(&p, 1);                /* branch: the record */
	put_long(&p, 1);
	put_long(&p, 1);
	put_str(&p, "x");
	put_long(&p, 1);
	put_long(&p, 2);
	put_long(&p, 0);                /* p null */
	put_long(&p, 0);                /* a null record (Java never writes one) */
	put_block(&f, 3, p.d, p.n);
	struct rd r = { 0 };
	struct pl_error err = { 0 };
	CHECK_INT_EQ(rd_open(&r, &f, "old.avro", &err), 0);
	if (!r.ops)
		return;
	const struct pl_rtype *t = r.ops->type(r.impl);
	CHECK_INT_EQ(t->kind, PL_VK_RECORD);
	CHECK_INT_EQ(t->nfields, 2);
	CHECK_INT_EQ(t->fields[1].type->kind, PL_VK_RECORD);
	CHECK_INT_EQ(t->fields[1].type->nullable, 1);
	const struct pl_value *v;
	CHECK_INT_EQ(rd_next(&r, &v, &err), 1);
	CHECK_INT_EQ(int_of(F(v, "a")), 1);
	CHECK(str_is(F(F(v, "p"), "q"), "x"));
	CHECK_INT_EQ(rd_next(&r, &v, &err), 1);
	CHECK_INT_EQ(int_of(F(v, "a")), 2);
	CHECK(pl_value_is_null(F(v, "p")));
	CHECK_INT_EQ(rd_next(&r, &v, &err), 1);
	CHECK_INT_EQ(v->kind, PL_VK_NULL);
	CHECK_INT_EQ(rd_next(&r, &v, &err), 0);
	rd_close(&r);
	free(f.d);
	free(p.d);
}

TEST(named_references_and_recursion)
{
	const char *schema =
		"{\"type\":\"record\",\"name\":\"a.b.Outer\",\"fields\":["
		"{\"name\":\"x\",\"type\":{\"type\":\"record\",\"name\":\"Inner\",\"fields\":[{\"name\":\"v\",\"type\":\"int\"}]}},"
		"{\"name\":\"y\",\"type\":\"a.b.Inner\"},"
		"{\"name\":\"z\",\"type\":\"Inner\"},"
		"{\"name\":\"w\",\"type\":{\"type\":\"record\",\"name\":\"W\",\"namespace\":\"c\",\"fields\":["
		"{\"name\":\"k\",\"type\":\"a.b.Inner\"}]}},"
		"{\"name\":\"list\",\"type\":{\"type\":\"record\",\"name\":\"Node\",\"fields\":["
		"{\"name\":\"val\",\"type\":\"long\"},{\"name\":\"next\",\"type\":[\"null\",\"Node\"]}]}}]}";
	struct wbuf f = { 0 }, p = { 0 };
	put_header(&f, schema, NULL);
	put_long(&p, 1);
	put_long(&p, 2);
	put_long(&p, 3);
	put_long(&p, 4);
	for (int i = 1; i <= 3; i++) {  /* list 1 -> 2 -> 3 */
		put_long(&p, i);
		put_long(&p, i < 3 ? 1 : 0);
	}
	put_block(&f, 1, p.d, p.n);
	struct rd r = { 0 };
	struct pl_error err = { 0 };
	CHECK_INT_EQ(rd_open(&r, &f, "names.avro", &err), 0);
	if (!r.ops) {
		printf("# %s\n", err.msg);
		return;
	}
	const struct pl_rtype *t = r.ops->type(r.impl);
	const struct pl_rtype *node = t->fields[4].type;
	CHECK_INT_EQ(node->kind, PL_VK_RECORD);
	CHECK_INT_EQ(node->nfields, 2);
	/* The nullable self-reference is typed after the record was done. */
	CHECK_INT_EQ(node->fields[1].type->kind, PL_VK_RECORD);
	CHECK_INT_EQ(node->fields[1].type->nullable, 1);
	CHECK_INT_EQ(node->fields[1].type->nfields, 2);
	const struct pl_value *v;
	CHECK_INT_EQ(rd_next(&r, &v, &err), 1);
	CHECK_INT_EQ(int_of(F(F(v, "x"), "v")), 1);
	CHECK_INT_EQ(int_of(F(F(v, "y"), "v")), 2);
	CHECK_INT_EQ(int_of(F(F(v, "z"), "v")), 3);
	CHECK_INT_EQ(int_of(F(F(F(v, "w"), "k"), "v")), 4);
	const struct pl_value *n = F(v, "list");
	for (int i = 1; i <= 3; i++) {
		CHECK_INT_EQ(int_of(F(n, "val")), i);
		n = F(n, "next");
	}
	CHECK(pl_value_is_null(n));
	rd_close(&r);

	/* A list nested 100 deep exceeds the value depth limit cleanly. */
	f.n = 0;
	p.n = 0;
	put_header(&f, schema, NULL);
	for (int i = 0; i < 4; i++)
		put_long(&p, 1);
	for (int i = 0; i < 100; i++) {
		put_long(&p, i);
		put_long(&p, 1);
	}
	put_long(&p, 0);
	put_long(&p, 0);
	put_block(&f, 1, p.d, p.n);
	CHECK_INT_EQ(rd_open(&r, &f, "deep.avro", &err), 0);
	if (r.ops) {
		CHECK_INT_EQ(rd_next(&r, &v, &err), -1);
		CHECK(contains(err.msg, "deep.avro"));
		CHECK(contains(err.msg, "deeper"));
		CHECK(contains(err.msg, "field list.next"));
		rd_close(&r);
	}
	free(f.d);
	free(p.d);
}

TEST(bad_schemas)
{
	static char deep[4096];
	size_t n = 0;
	for (int i = 0; i < 70; i++)
		n += (size_t)snprintf(deep + n, sizeof(deep) - n, "{\"type\":\"array\",\"items\":");
	n += (size_t)snprintf(deep + n, sizeof(deep) - n, "\"int\"");
	for (int i = 0; i < 70; i++)
		deep[n++] = '}';
	deep[n] = 0;
	const char *bad[] = {
		"{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"Nope\"}]}",
		"[]",
		"{not json",
		"42",
		"{\"type\":\"record\",\"fields\":[]}",
		"{\"type\":\"record\",\"name\":\"R\"}",
		"{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\"}]}",
		"{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":"
		"{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}}]}",
		"{\"type\":\"fixed\",\"name\":\"F\",\"size\":-1}",
		"{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[1]}",
		"{\"type\":\"array\"}",
		"{\"type\":\"map\",\"items\":\"int\"}",
		"{\"logicalType\":\"date\"}",
		deep,
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct wbuf f = { 0 };
		put_header(&f, bad[i], NULL);
		struct rd r = { 0 };
		struct pl_error err = { 0 };
		int rc = rd_open(&r, &f, "schema.avro", &err);
		CHECK_INT_EQ(rc, -1);
		if (rc == 0) {
			printf("# accepted schema %zu\n", i);
			rd_close(&r);
		} else {
			CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
			CHECK(contains(err.msg, "schema.avro"));
		}
		free(f.d);
	}
}

static const char small_schema[] =
	"{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"s\",\"type\":\"string\"},"
	"{\"name\":\"n\",\"type\":[\"null\",\"long\"]},{\"name\":\"b\",\"type\":\"boolean\"}]}";

/* A small_schema file with the given payload and declared record count. */
static long read_small(const uint8_t *payload, size_t n, int64_t count, struct pl_error *err)
{
	struct wbuf f = { 0 };
	put_header(&f, small_schema, NULL);
	put_block(&f, count, payload, n);
	long got = read_all(f.d, f.n, "small.avro", err);
	free(f.d);
	return got;
}

TEST(corrupt_blocks)
{
	struct pl_error err = { 0 };
	struct {
		const char *payload;
		size_t n;
		int64_t count;
		const char *expect;
	} cases[] = {
		{ "\x04hi\x02\x04\x01", 6, 1, NULL },                  /* valid */
		{ "\x04hi\x02\x04\x01", 6, 7, "claims 7 records" },
		{ "\x40hi\x02\x04\x01", 6, 1, "field s" },              /* length 32 */
		{ "\x03hi\x02\x04\x01", 6, 1, "length" },               /* length -2 */
		{ "\x04hi\x0a\x04\x01", 6, 1, "union branch" },
		{ "\x04hi\x02\x04\x02", 6, 1, "boolean" },
		{ "\x04hi\x02\x04\x01\x00", 7, 1, "remain" },
		{ "\x04hi\x02\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01\x01", 16, 1, "10 bytes" },
		{ "\x04hi\x02\x04", 5, 1, "boolean" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long got = read_small((const uint8_t *)cases[i].payload, cases[i].n, cases[i].count,
				      &err);
		if (!cases[i].expect) {
			CHECK_INT_EQ(got, 1);
			continue;
		}
		CHECK_INT_EQ(got, -1);
		CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
		CHECK(contains(err.msg, "small.avro"));
		CHECK(contains(err.msg, cases[i].expect));
	}

	/* Framing: wrong sync, negative count, size past the end, garbage
	 * after the last block. */
	struct wbuf f = { 0 };
	put_header(&f, small_schema, NULL);
	size_t hdr = f.n;
	put_block(&f, 1, (const uint8_t *)"\x04hi\x00\x01", 5);
	f.d[f.n - 1] ^= 1;
	CHECK_INT_EQ(read_all(f.d, f.n, "sync.avro", &err), -1);
	CHECK(contains(err.msg, "sync marker"));
	f.n = hdr;
	put_long(&f, -1);
	put_long(&f, 0);
	CHECK_INT_EQ(read_all(f.d, f.n, "neg.avro", &err), -1);
	CHECK(contains(err.msg, "non-negative"));
	f.n = hdr;
	put_long(&f, 1);
	put_long(&f, 1000);
	put(&f, "\x04hi\x00\x01", 5);
	CHECK_INT_EQ(read_all(f.d, f.n, "size.avro", &err), -1);
	CHECK(contains(err.msg, "past the end"));
	f.n = hdr;
	put_block(&f, 1, (const uint8_t *)"\x04hi\x00\x01", 5);
	put_byte(&f, 0x80);
	CHECK_INT_EQ(read_all(f.d, f.n, "tail.avro", &err), -1);
	CHECK(contains(err.msg, "tail.avro"));

	/* Errors are sticky: the next call fails again. */
	f.n = hdr;
	put_block(&f, 2, (const uint8_t *)"\x04hi\x00\x01\x40", 6);
	struct rd r = { 0 };
	CHECK_INT_EQ(rd_open(&r, &f, "sticky.avro", &err), 0);
	if (r.ops) {
		const struct pl_value *v;
		CHECK_INT_EQ(rd_next(&r, &v, &err), 1);
		CHECK_INT_EQ(rd_next(&r, &v, &err), -1);
		err.msg[0] = 0;
		CHECK_INT_EQ(rd_next(&r, &v, &err), -1);
		CHECK(contains(err.msg, "sticky.avro"));
		rd_close(&r);
	}

	/* Arrays: a count beyond the remaining bytes is refused before any
	 * allocation, also for items that take no bytes at all. */
	const char *arr_schema = "{\"type\":\"array\",\"items\":\"long\"}";
	const char *null_arr_schema = "{\"type\":\"array\",\"items\":\"null\"}";
	for (int k = 0; k < 2; k++) {
		struct wbuf g = { 0 }, p = { 0 };
		put_header(&g, k ? null_arr_schema : arr_schema, NULL);
		put_long(&p, (int64_t)1 << 40);
		put_long(&p, 0);
		put_block(&g, 1, p.d, p.n);
		CHECK_INT_EQ(read_all(g.d, g.n, "arr.avro", &err), -1);
		CHECK(contains(err.msg, "items"));
		free(g.d);
		free(p.d);
	}
	free(f.d);
}

TEST(bad_headers)
{
	struct pl_error err = { 0 };
	struct wbuf f = { 0 };
	/* no avro.schema */
	put(&f, "Obj\x01", 4);
	put_long(&f, 1);
	put_str(&f, "avro.codec");
	put_str(&f, "null");
	put_long(&f, 0);
	put(&f, test_sync, 16);
	CHECK_INT_EQ(read_all(f.d, f.n, "h1", &err), -1);
	CHECK(contains(err.msg, "avro.schema"));
	/* unknown codec */
	f.n = 0;
	put_header(&f, small_schema, "xz");
	CHECK_INT_EQ(read_all(f.d, f.n, "h2", &err), -1);
	CHECK(contains(err.msg, "unsupported avro.codec"));
	/* hostile metadata count */
	f.n = 0;
	put(&f, "Obj\x01", 4);
	put_long(&f, (int64_t)1 << 50);
	put_str(&f, "avro.schema");
	CHECK_INT_EQ(read_all(f.d, f.n, "h3", &err), -1);
	CHECK(contains(err.msg, "metadata entries"));
	/* bad magic */
	f.n = 0;
	put_header(&f, small_schema, NULL);
	f.d[3] = 2;
	CHECK_INT_EQ(read_all(f.d, f.n, "h4", &err), -1);
	CHECK(contains(err.msg, "magic"));
	/* header only: a valid, empty file */
	f.n = 0;
	put_header(&f, small_schema, "zstandard");
	CHECK_INT_EQ(read_all(f.d, f.n, "empty", &err), 0);
	free(f.d);
}

/* ---- codecs inside the container ---- */

static size_t compress_block(const char *codec, const uint8_t *in, size_t n, uint8_t *out,
			     size_t cap)
{
	if (strcmp(codec, "deflate") == 0) {
		z_stream zs;
		memset(&zs, 0, sizeof(zs));
		deflateInit2(&zs, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
		zs.next_in = (Bytef *)in;
		zs.avail_in = (uInt)n;
		zs.next_out = out;
		zs.avail_out = (uInt)cap;
		deflate(&zs, Z_FINISH);
		size_t got = cap - zs.avail_out;
		deflateEnd(&zs);
		return got;
	}
	if (strcmp(codec, "snappy") == 0) {
		size_t len = cap - 4;
		if (snappy_compress((const char *)in, n, (char *)out, &len) != SNAPPY_OK)
			return 0;
		uint32_t crc = (uint32_t)crc32(0L, in, (uInt)n);
		out[len] = (uint8_t)(crc >> 24);
		out[len + 1] = (uint8_t)(crc >> 16);
		out[len + 2] = (uint8_t)(crc >> 8);
		out[len + 3] = (uint8_t)crc;
		return len + 4;
	}
	if (strcmp(codec, "zstandard") == 0)
		return ZSTD_compress(out, cap, in, n, 1);
	memcpy(out, in, n);
	return n;
}

TEST(codecs_and_blocks)
{
	const char *codecs[] = { "null", "deflate", "snappy", "zstandard" };
	static uint8_t comp[1 << 16];
	for (size_t k = 0; k < 4; k++) {
		struct wbuf f = { 0 };
		put_header(&f, small_schema, codecs[k]);
		long want = 0;
		for (int blk = 0; blk < 3; blk++) {
			struct wbuf p = { 0 };
			for (int i = 0; i < 100; i++) {
				char s[32];
				snprintf(s, sizeof(s), "row-%d-%d", blk, i);
				put_str(&p, s);
				put_long(&p, 1);
				put_long(&p, blk * 1000 + i);
				put_byte(&p, (uint8_t)(i & 1));
			}
			size_t c = compress_block(codecs[k], p.d, p.n, comp, sizeof(comp));
			put_block(&f, 100, comp, c);
			want += 100;
			free(p.d);
		}
		struct rd r = { 0 };
		struct pl_error err = { 0 };
		CHECK_INT_EQ(rd_open(&r, &f, "codec.avro", &err), 0);
		if (!r.ops)
			continue;
		CHECK_STR_EQ(r.ops->codec(r.impl), codecs[k]);
		const struct pl_value *v;
		long got = 0;
		int ok = 1;
		while (rd_next(&r, &v, &err) == 1) {
			char s[32];
			snprintf(s, sizeof(s), "row-%ld-%ld", got / 100, got % 100);
			ok &= str_is(F(v, "s"), s) && int_of(F(v, "n")) == (got / 100) * 1000 + got % 100;
			got++;
		}
		CHECK_INT_EQ(got, want);
		CHECK(ok);
		rd_close(&r);

		/* A flipped byte in the compressed payload of the last block. */
		if (strcmp(codecs[k], "null") != 0) {
			f.d[f.n - 16 - 6] ^= 0x5a;
			got = read_all(f.d, f.n, "flip.avro", &err);
			CHECK(got <= want);
			if (strcmp(codecs[k], "snappy") == 0) {
				CHECK_INT_EQ(got, -1);
				CHECK(contains(err.msg, "flip.avro"));
			}
		}
		free(f.d);
	}
}

int main(void)
{
	RUN(all_types);
	RUN(old_top_level_union);
	RUN(named_references_and_recursion);
	RUN(bad_schemas);
	RUN(corrupt_blocks);
	RUN(bad_headers);
	RUN(codecs_and_blocks);
	return pl_test_done();
}
