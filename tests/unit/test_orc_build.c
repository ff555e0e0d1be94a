/* The ORC reader on files built here: every column type and encoding the
 * reader supports (the fixtures' manifests use only a few), nulls at every
 * level, per-stripe dictionaries, every codec with many small chunks, and
 * hostile variants that must fail with a clear error. */
#include "test.h"
#include "orc_testlib.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ORC Type.Kind, Stream.Kind and ColumnEncoding.Kind values */
enum { BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, STRING, BINARY, TIMESTAMP, LIST, MAP,
       STRUCT, UNION, DECIMAL, DATE, VARCHAR, CHAR };
enum { PRESENT, DATA, LENGTH, DICTIONARY_DATA, DICTIONARY_COUNT, SECONDARY };
enum { DIRECT, DICTIONARY, DIRECT_V2, DICTIONARY_V2 };

#define NCOLS 22

static void bools(struct orc_build *o, unsigned kind, unsigned col, const char *bits)
{
	struct obuf b = { 0 };
	uint8_t v[64];
	size_t n = strlen(bits);
	for (size_t i = 0; i < n; i++)
		v[i] = bits[i] == '1';
	enc_bools(&b, v, n);
	ob_stream(o, kind, col, &b);
	ob_free(&b);
}

static void ints(struct orc_build *o, unsigned kind, unsigned col, int v1, int is_signed,
		 const int64_t *v, size_t n)
{
	struct obuf b = { 0 };
	if (v1)
		enc_v1(&b, v, n, is_signed);
	else
		enc_v2(&b, v, n, is_signed);
	ob_stream(o, kind, col, &b);
	ob_free(&b);
}

static void raw(struct orc_build *o, unsigned kind, unsigned col, const void *p, size_t n)
{
	struct obuf b = { 0 };
	ob_put(&b, p, n);
	ob_stream(o, kind, col, &b);
	ob_free(&b);
}

static void floats(struct orc_build *o, unsigned col, const float *f, size_t n)
{
	struct obuf b = { 0 };
	for (size_t i = 0; i < n; i++) {
		uint32_t u;
		memcpy(&u, &f[i], 4);
		for (int k = 0; k < 4; k++)
			ob_byte(&b, (uint8_t)(u >> (8 * k)));
	}
	ob_stream(o, DATA, col, &b);
	ob_free(&b);
}

static void doubles(struct orc_build *o, unsigned col, const double *d, size_t n)
{
	struct obuf b = { 0 };
	for (size_t i = 0; i < n; i++) {
		uint64_t u;
		memcpy(&u, &d[i], 8);
		for (int k = 0; k < 8; k++)
			ob_byte(&b, (uint8_t)(u >> (8 * k)));
	}
	ob_stream(o, DATA, col, &b);
	ob_free(&b);
}

#define I64(...) (const int64_t[]){ __VA_ARGS__ }, sizeof((const int64_t[]){ __VA_ARGS__ }) / 8

static void all_types_schema(struct orc_build *o)
{
	static const char *const root[] = { "b", "t", "s", "i", "l", "f", "d", "str", "bin",
		"ts", "dt", "vc", "ch", "lst", "m", "st" };
	static const uint32_t root_sub[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 19 };
	static const char *const st[] = { "x", "y" };
	ob_type(o, STRUCT, root_sub, 16, root);
	static const unsigned prim[] = { BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, STRING,
		BINARY, TIMESTAMP, DATE, VARCHAR, CHAR };
	for (size_t i = 0; i < 13; i++)
		ob_type(o, prim[i], NULL, 0, NULL);
	ob_type(o, LIST, (const uint32_t[]){ 15 }, 1, NULL);
	ob_type(o, INT, NULL, 0, NULL);
	ob_type(o, MAP, (const uint32_t[]){ 17, 18 }, 2, NULL);
	ob_type(o, STRING, NULL, 0, NULL);
	ob_type(o, LONG, NULL, 0, NULL);
	ob_type(o, STRUCT, (const uint32_t[]){ 20, 21 }, 2, st);
	ob_type(o, INT, NULL, 0, NULL);
	ob_type(o, STRING, NULL, 0, NULL);
}

/* Stripe 1: four rows; row 1 is null in every column, nested nulls below. */
static void all_types_stripe1(struct orc_build *o)
{
	const char *p = "1011";
	bools(o, PRESENT, 1, p);
	bools(o, DATA, 1, "101");
	bools(o, PRESENT, 2, p);
	raw(o, DATA, 2, "\xfd\xfb\x7f\x00", 4);              /* -5, 127, 0 */
	bools(o, PRESENT, 3, p);
	ints(o, DATA, 3, 1, 1, I64(300, -1, 0));
	bools(o, PRESENT, 4, p);
	ints(o, DATA, 4, 0, 1, I64(-70000, 0, 2147483647));
	bools(o, PRESENT, 5, p);
	ints(o, DATA, 5, 0, 1, I64(INT64_MAX, -1, INT64_MIN));
	bools(o, PRESENT, 6, p);
	floats(o, 6, (const float[]){ 1.5f, -4.0f, 3.25f }, 3);
	bools(o, PRESENT, 7, p);
	doubles(o, 7, (const double[]){ -2.25, 1e300, 0.0 }, 3);
	bools(o, PRESENT, 8, p);
	ints(o, LENGTH, 8, 0, 0, I64(5, 0, 9));
	raw(o, DATA, 8, "hello\xc3\xbcn\xc3\xaf" "code", 14);
	bools(o, PRESENT, 9, p);
	ints(o, LENGTH, 9, 1, 0, I64(3, 0, 1));
	raw(o, DATA, 9, "\x00\x01\xffz", 4);
	bools(o, PRESENT, 10, "1010");
	ints(o, DATA, 10, 0, 1, I64(301572867, -1420070400));
	ints(o, SECONDARY, 10, 0, 0, I64(3085, 13));
	bools(o, PRESENT, 11, p);
	ints(o, DATA, 11, 0, 1, I64(19000, -1, 0));
	bools(o, PRESENT, 12, p);
	ints(o, DATA, 12, 0, 0, I64(0, 1, 0));
	ints(o, LENGTH, 12, 0, 0, I64(5, 6));
	raw(o, DICTIONARY_DATA, 12, "applebanana", 11);
	bools(o, PRESENT, 13, p);
	ints(o, DATA, 13, 1, 0, I64(0, 0, 1));
	ints(o, LENGTH, 13, 1, 0, I64(1, 2));
	raw(o, DICTIONARY_DATA, 13, "xyy", 3);
	bools(o, PRESENT, 14, p);
	ints(o, LENGTH, 14, 0, 0, I64(3, 0, 2));
	bools(o, PRESENT, 15, "11101");
	ints(o, DATA, 15, 0, 1, I64(1, 2, 3, 5));
	bools(o, PRESENT, 16, p);
	ints(o, LENGTH, 16, 0, 0, I64(2, 0, 1));
	ints(o, LENGTH, 17, 0, 0, I64(1, 1, 1));
	raw(o, DATA, 17, "abc", 3);
	bools(o, PRESENT, 18, "101");
	ints(o, DATA, 18, 0, 1, I64(1, 3));
	bools(o, PRESENT, 19, p);
	bools(o, PRESENT, 20, "101");
	ints(o, DATA, 20, 0, 1, I64(7, -1));
	bools(o, PRESENT, 21, "101");
	ints(o, LENGTH, 21, 0, 0, I64(5, 3));
	raw(o, DATA, 21, "sevenneg", 8);
	static const unsigned enc[NCOLS] = { DIRECT, DIRECT, DIRECT, DIRECT, DIRECT_V2, DIRECT_V2,
		DIRECT, DIRECT, DIRECT_V2, DIRECT, DIRECT_V2, DIRECT_V2, DICTIONARY_V2, DICTIONARY,
		DIRECT_V2, DIRECT_V2, DIRECT_V2, DIRECT_V2, DIRECT_V2, DIRECT, DIRECT_V2, DIRECT_V2 };
	for (unsigned c = 0; c < NCOLS; c++)
		ob_encoding(o, enc[c], c == 12 ? 2 : c == 13 ? 2 : 0);
	ob_end_stripe(o, 4);
}

/* Stripe 2: one row, no PRESENT streams, varchar now direct. */
static void all_types_stripe2(struct orc_build *o)
{
	raw(o, DATA, 1, "\xff\x00", 2);
	raw(o, DATA, 2, "\xff\x01", 2);
	ints(o, DATA, 3, 0, 1, I64(2));
	ints(o, DATA, 4, 0, 1, I64(3));
	ints(o, DATA, 5, 0, 1, I64(4));
	floats(o, 6, (const float[]){ 5.0f }, 1);
	doubles(o, 7, (const double[]){ 6.0 }, 1);
	ints(o, LENGTH, 8, 0, 0, I64(2));
	raw(o, DATA, 8, "s2", 2);
	ints(o, LENGTH, 9, 0, 0, I64(2));
	raw(o, DATA, 9, "b2", 2);
	ints(o, DATA, 10, 0, 1, I64(0));
	ints(o, SECONDARY, 10, 0, 0, I64(0));
	ints(o, DATA, 11, 0, 1, I64(7));
	ints(o, LENGTH, 12, 0, 0, I64(6));
	raw(o, DATA, 12, "direct", 6);
	ints(o, DATA, 13, 0, 0, I64(0));
	ints(o, LENGTH, 13, 0, 0, I64(1));
	raw(o, DICTIONARY_DATA, 13, "q", 1);
	ints(o, LENGTH, 14, 0, 0, I64(1));
	ints(o, DATA, 15, 0, 1, I64(9));
	ints(o, LENGTH, 16, 0, 0, I64(1));
	ints(o, LENGTH, 17, 0, 0, I64(1));
	raw(o, DATA, 17, "k", 1);
	ints(o, DATA, 18, 0, 1, I64(10));
	ints(o, DATA, 20, 0, 1, I64(11));
	ints(o, LENGTH, 21, 0, 0, I64(2));
	raw(o, DATA, 21, "y2", 2);
	for (unsigned c = 0; c < NCOLS; c++)
		ob_encoding(o, c == 13 ? DICTIONARY_V2 : DIRECT_V2, c == 13 ? 1 : 0);
	ob_end_stripe(o, 1);
}

static uint8_t *all_types_file(int compression, size_t block_size, size_t *len)
{
	struct orc_build o;
	ob_init(&o, compression, block_size);
	all_types_schema(&o);
	all_types_stripe1(&o);
	all_types_stripe2(&o);
	return ob_finish(&o, len);
}

static const struct pl_value *F(const struct pl_value *rec, const char *name)
{
	return pl_value_field(rec, name);
}

static int64_t I(const struct pl_value *v)
{
	return v && (v->kind == PL_VK_INT || v->kind == PL_VK_TIMESTAMP_MS) ? v->u.i : -12345;
}

static int S(const struct pl_value *v, const char *s, size_t n)
{
	return v && (v->kind == PL_VK_STRING || v->kind == PL_VK_BYTES) && v->u.bytes.n == n &&
	       (n == 0 || memcmp(v->u.bytes.p, s, n) == 0);
}

static int is_null(const struct pl_value *v)
{
	return v && v->kind == PL_VK_NULL;
}

static const struct pl_value *item(const struct pl_value *v, size_t i)
{
	if (!v || (v->kind != PL_VK_ARRAY && v->kind != PL_VK_MAP) || i >= v->u.array.n)
		return NULL;
	return &v->u.array.items[i];
}

static size_t count(const struct pl_value *v)
{
	return v && (v->kind == PL_VK_ARRAY || v->kind == PL_VK_MAP) ? v->u.array.n : 999;
}

static void check_row0(const struct pl_value *v)
{
	CHECK(F(v, "b") && F(v, "b")->kind == PL_VK_BOOL && F(v, "b")->u.b == 1);
	CHECK_INT_EQ(I(F(v, "t")), -5);
	CHECK_INT_EQ(I(F(v, "s")), 300);
	CHECK_INT_EQ(I(F(v, "i")), -70000);
	CHECK(I(F(v, "l")) == INT64_MAX);
	CHECK(F(v, "f")->kind == PL_VK_FLOAT && F(v, "f")->u.d == 1.5);
	CHECK(F(v, "d")->kind == PL_VK_DOUBLE && F(v, "d")->u.d == -2.25);
	CHECK(S(F(v, "str"), "hello", 5));
	CHECK(S(F(v, "bin"), "\x00\x01\xff", 3));
	CHECK_INT_EQ(F(v, "bin")->kind, PL_VK_BYTES);
	CHECK_INT_EQ(F(v, "ts")->kind, PL_VK_TIMESTAMP_MS);
	CHECK(I(F(v, "ts")) == INT64_C(1721643267385));
	CHECK_INT_EQ(I(F(v, "dt")), 19000);
	CHECK(S(F(v, "vc"), "apple", 5));
	CHECK(S(F(v, "ch"), "x", 1));
	const struct pl_value *l = F(v, "lst");
	CHECK_INT_EQ(count(l), 3);
	CHECK_INT_EQ(I(item(l, 0)), 1);
	CHECK_INT_EQ(I(item(l, 2)), 3);
	const struct pl_value *m = F(v, "m");
	CHECK_INT_EQ(m->kind, PL_VK_MAP);
	CHECK_INT_EQ(count(m), 4);
	CHECK(S(item(m, 0), "a", 1));
	CHECK_INT_EQ(I(item(m, 1)), 1);
	CHECK(S(item(m, 2), "b", 1));
	CHECK(is_null(item(m, 3)));
	CHECK_INT_EQ(I(F(F(v, "st"), "x")), 7);
	CHECK(S(F(F(v, "st"), "y"), "seven", 5));
}

static void check_row1(const struct pl_value *r1)
{
	static const char *const names[] = { "b", "t", "s", "i", "l", "f", "d", "str", "bin",
		"ts", "dt", "vc", "ch", "lst", "m", "st" };
	for (size_t i = 0; i < 16; i++)
		CHECK(is_null(F(r1, names[i])));
}

static void check_row2(const struct pl_value *r2)
{
	CHECK(F(r2, "b")->kind == PL_VK_BOOL && F(r2, "b")->u.b == 0);
	CHECK_INT_EQ(I(F(r2, "t")), 127);
	CHECK_INT_EQ(I(F(r2, "s")), -1);
	CHECK_INT_EQ(I(F(r2, "l")), -1);
	CHECK(F(r2, "f")->u.d == -4.0);
	CHECK(F(r2, "d")->u.d == 1e300);
	CHECK(S(F(r2, "str"), "", 0));
	CHECK(S(F(r2, "bin"), "", 0));
	CHECK_INT_EQ(I(F(r2, "ts")), 1);           /* 1970-01-01T00:00:00.001 */
	CHECK_INT_EQ(I(F(r2, "dt")), -1);
	CHECK(S(F(r2, "vc"), "banana", 6));
	CHECK(S(F(r2, "ch"), "x", 1));
	CHECK_INT_EQ(count(F(r2, "lst")), 0);
	CHECK_INT_EQ(count(F(r2, "m")), 0);
	CHECK_INT_EQ(F(r2, "st")->kind, PL_VK_RECORD);
	CHECK(is_null(F(F(r2, "st"), "x")));
	CHECK(is_null(F(F(r2, "st"), "y")));
}

static void check_row3(const struct pl_value *r3)
{
	CHECK_INT_EQ(I(F(r3, "i")), 2147483647);
	CHECK(I(F(r3, "l")) == INT64_MIN);
	CHECK(S(F(r3, "str"), "\xc3\xbcn\xc3\xaf" "code", 9));
	CHECK(S(F(r3, "bin"), "z", 1));
	CHECK(is_null(F(r3, "ts")));
	CHECK(S(F(r3, "vc"), "apple", 5));
	CHECK(S(F(r3, "ch"), "yy", 2));
	const struct pl_value *l = F(r3, "lst");
	CHECK_INT_EQ(count(l), 2);
	CHECK(is_null(item(l, 0)));
	CHECK_INT_EQ(I(item(l, 1)), 5);
	CHECK(S(item(F(r3, "m"), 0), "c", 1));
	CHECK_INT_EQ(I(item(F(r3, "m"), 1)), 3);
	CHECK_INT_EQ(I(F(F(r3, "st"), "x")), -1);
	CHECK(S(F(F(r3, "st"), "y"), "neg", 3));
}

static void check_row4(const struct pl_value *v)
{
	CHECK(F(v, "b")->u.b == 0);
	CHECK_INT_EQ(I(F(v, "t")), 1);
	CHECK_INT_EQ(I(F(v, "s")), 2);
	CHECK_INT_EQ(I(F(v, "i")), 3);
	CHECK(F(v, "f")->u.d == 5.0);
	CHECK(S(F(v, "str"), "s2", 2));
	CHECK(I(F(v, "ts")) == INT64_C(1420070400000));
	CHECK(S(F(v, "vc"), "direct", 6));
	CHECK(S(F(v, "ch"), "q", 1));
	CHECK_INT_EQ(I(item(F(v, "lst"), 0)), 9);
	CHECK(S(item(F(v, "m"), 0), "k", 1));
	CHECK_INT_EQ(I(item(F(v, "m"), 1)), 10);
	CHECK(S(F(F(v, "st"), "y"), "y2", 2));
}

/* Rows are only valid until the next call, so each is checked at once. */
static void check_all_types(const uint8_t *d, size_t len, const char *what)
{
	static void (*const check[5])(const struct pl_value *) = {
		check_row0, check_row1, check_row2, check_row3, check_row4 };
	struct pl_record_reader *r = NULL;
	struct pl_error err = { 0 };
	if (pl_record_reader_open(d, len, what, &r, &err)) {
		printf("# %s: %s\n", what, err.msg);
		CHECK(!"open failed");
		return;
	}
	const struct pl_rtype *t = pl_record_reader_type(r);
	CHECK_INT_EQ(t->nfields, 16);
	CHECK_INT_EQ(t->fields[14].type->kind, PL_VK_MAP);
	CHECK_INT_EQ(t->fields[14].type->keys->kind, PL_VK_STRING);
	CHECK_INT_EQ(t->fields[14].type->items->kind, PL_VK_INT);
	CHECK_INT_EQ(t->fields[9].type->kind, PL_VK_TIMESTAMP_MS);
	CHECK_INT_EQ(t->fields[10].type->kind, PL_VK_INT);
	const struct pl_value *v;
	int n = 0, rc;
	while ((rc = pl_record_reader_next(r, &v, &err)) == 1) {
		if (n < 5)
			check[n](v);
		n++;
	}
	if (rc < 0)
		printf("# %s: %s\n", what, err.msg);
	CHECK_INT_EQ(rc, 0);
	CHECK_INT_EQ(n, 5);
	pl_record_reader_close(r);
}

TEST(all_types_every_codec)
{
	static const int codecs[] = { 0, 1, 2, 4, 5 };
	static const char *const names[] = { "NONE", "ZLIB", "SNAPPY", "LZ4", "ZSTD" };
	for (size_t i = 0; i < 5; i++) {
		/* 7-byte chunks put chunk boundaries inside every stream */
		for (size_t block = 7; block <= 7000; block *= 1000) {
			size_t len;
			uint8_t *d = all_types_file(codecs[i], block, &len);
			char what[64];
			snprintf(what, sizeof(what), "all-types-%s-%zu.orc", names[i], block);
			check_all_types(d, len, what);
			struct pl_record_reader *r = NULL;
			struct pl_error err = { 0 };
			if (pl_record_reader_open(d, len, what, &r, &err) == 0) {
				CHECK_STR_EQ(pl_record_reader_codec(r), names[i]);
				pl_record_reader_close(r);
			}
			free(d);
		}
	}
}

static uint8_t *decimal_file(size_t *len)
{
	static const char *const names[] = { "d" };
	static const int64_t unscaled[] = { 15, -5, 12345, -12345, 0, 49, 7 };
	static const int64_t scales[] = { 1, 0, 3, 3, 0, 4, 2, 2 };
	struct orc_build o;
	ob_init(&o, 0, 0);
	ob_type(&o, STRUCT, (const uint32_t[]){ 1 }, 1, names);
	ob_type_decimal(&o, 38, 2);
	struct obuf b = { 0 };
	for (size_t i = 0; i < 7; i++)
		ob_varint(&b, ((uint64_t)unscaled[i] << 1) ^ (uint64_t)(unscaled[i] >> 63));
	/* a 105-bit zig-zag varint of all ones: -(2^104) */
	static const uint8_t big[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0x7f };
	ob_put(&b, big, sizeof(big));
	ob_stream(&o, DATA, 1, &b);
	ob_free(&b);
	ints(&o, SECONDARY, 1, 0, 1, scales, 8);
	ob_encoding(&o, DIRECT, 0);
	ob_encoding(&o, DIRECT_V2, 0);
	ob_end_stripe(&o, 8);
	return ob_finish(&o, len);
}

/* Decimals come out as text at the declared scale, whatever scale each
 * value was written with. */
TEST(decimals)
{
	static const char *const want[] = { "1.50", "-5.00", "12.35", "-12.35", "0.00", "0.00",
		"0.07", "-202824096036516704239472512860.16" };
	size_t len;
	uint8_t *d = decimal_file(&len);
	struct pl_record_reader *r = NULL;
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_record_reader_open(d, len, "decimal.orc", &r, &err), 0);
	if (r) {
		CHECK_STR_EQ(pl_record_reader_type(r)->fields[0].type->logical, "decimal");
		const struct pl_value *v;
		for (size_t i = 0; i < 8; i++) {
			CHECK_INT_EQ(pl_record_reader_next(r, &v, &err), 1);
			const struct pl_value *f = F(v, "d");
			if (!S(f, want[i], strlen(want[i]))) {
				printf("# value %zu: want %s, got %.*s\n", i, want[i],
				       f && f->kind == PL_VK_STRING ? (int)f->u.bytes.n : 0,
				       f && f->kind == PL_VK_STRING ? (const char *)f->u.bytes.p : "");
				CHECK(!"decimal text");
			}
		}
		CHECK_INT_EQ(pl_record_reader_next(r, &v, &err), 0);
		pl_record_reader_close(r);
	}
	free(d);
}

/* ---- hostile files ---- */

/* struct<v:TYPE> with one stripe of rows; streams() adds column 1's. */
static uint8_t *one_column(int compression, unsigned type, uint64_t rows,
			   void (*streams)(struct orc_build *), unsigned encoding,
			   uint64_t dict, size_t *len)
{
	static const char *const names[] = { "v" };
	struct orc_build o;
	ob_init(&o, compression, 0);
	ob_type(&o, STRUCT, (const uint32_t[]){ 1 }, 1, names);
	if (type == LIST) {
		ob_type(&o, LIST, (const uint32_t[]){ 2 }, 1, NULL);
		ob_type(&o, INT, NULL, 0, NULL);
	} else if (type == UNION) {
		ob_type(&o, UNION, (const uint32_t[]){ 2 }, 1, NULL);
		ob_type(&o, INT, NULL, 0, NULL);
	} else {
		ob_type(&o, type, NULL, 0, NULL);
	}
	streams(&o);
	ob_encoding(&o, DIRECT, 0);
	ob_encoding(&o, encoding, dict);
	if (type == LIST || type == UNION)
		ob_encoding(&o, DIRECT_V2, 0);
	ob_end_stripe(&o, rows);
	return ob_finish(&o, len);
}

static void s_one_int(struct orc_build *o) { ints(o, DATA, 1, 0, 1, I64(42)); }
static void s_none(struct orc_build *o) { (void)o; }
static void s_bad_dict(struct orc_build *o)
{
	ints(o, DATA, 1, 0, 0, I64(5));
	ints(o, LENGTH, 1, 0, 0, I64(3));
	raw(o, DICTIONARY_DATA, 1, "abc", 3);
}
static void s_long_string(struct orc_build *o)
{
	ints(o, LENGTH, 1, 0, 0, I64(10));
	raw(o, DATA, 1, "abc", 3);
}
static void s_huge_list(struct orc_build *o)
{
	ints(o, LENGTH, 1, 0, 0, I64(INT64_C(1) << 40));
}
static void s_twice(struct orc_build *o)
{
	ints(o, DATA, 1, 0, 1, I64(1));
	ints(o, DATA, 1, 0, 1, I64(2));
}
static void s_beyond(struct orc_build *o)
{
	ints(o, DATA, 1, 0, 1, I64(1));
	struct obuf s = { 0 };
	pb_uint(&s, 1, DATA);
	pb_uint(&s, 2, 1);
	pb_uint(&s, 3, 1000);
	pb_blob(&o->streams, 1, s.d, s.n);
	ob_free(&s);
}
static void s_bad_column(struct orc_build *o)
{
	ints(o, DATA, 7, 0, 1, I64(1));
}

/* Expects open or reading to fail with code and a message containing
 * needle. */
static void expect_failure(const uint8_t *d, size_t len, enum pl_err_code code,
			   const char *needle)
{
	struct pl_error err = { 0 };
	long n = orc_read_all(d, len, "hostile.orc", &err);
	CHECK_INT_EQ(n, -1);
	CHECK_INT_EQ(err.code, code);
	if (!strstr(err.msg, needle)) {
		printf("# expected \"%s\" in: %s\n", needle, err.msg);
		CHECK(!"message");
	}
	CHECK(strstr(err.msg, "hostile.orc") != NULL);
}

TEST(hostile_files)
{
	size_t len;
	uint8_t *d;

	d = one_column(0, INT, 1, s_one_int, DIRECT_V2, 0, &len);
	struct pl_error err = { 0 };
	CHECK_INT_EQ(orc_read_all(d, len, "ok.orc", &err), 1);
	free(d);

	d = one_column(0, UNION, 1, s_none, DIRECT, 0, &len);
	expect_failure(d, len, PL_ERR_GENERIC, "unsupported ORC type uniontype in column 1 (v)");
	free(d);
	d = one_column(3, INT, 1, s_one_int, DIRECT_V2, 0, &len);
	expect_failure(d, len, PL_ERR_GENERIC, "LZO is not supported");
	free(d);
	d = one_column(0, INT, INT64_C(1) << 30, s_one_int, DIRECT_V2, 0, &len);
	expect_failure(d, len, PL_ERR_LIMIT, "rows");
	free(d);
	d = one_column(0, INT, 1000, s_one_int, DIRECT_V2, 0, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "stream ended after 1 of 1000");
	free(d);
	d = one_column(0, INT, 100000, s_one_int, DIRECT_V2, 0, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "cannot hold");
	free(d);
	d = one_column(0, INT, 1, s_none, DIRECT_V2, 0, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "expected a DATA stream");
	free(d);
	d = one_column(0, STRING, 1, s_bad_dict, DICTIONARY_V2, 1, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "dictionary index below 1");
	free(d);
	d = one_column(0, STRING, 1, s_bad_dict, DICTIONARY_V2, INT64_C(1) << 40, &len);
	expect_failure(d, len, PL_ERR_LIMIT, "dictionary");
	free(d);
	d = one_column(0, STRING, 1, s_long_string, DIRECT_V2, 0, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "overruns");
	free(d);
	d = one_column(0, LIST, 1, s_huge_list, DIRECT_V2, 0, &len);
	expect_failure(d, len, PL_ERR_LIMIT, "list lengths");
	free(d);
	d = one_column(0, INT, 1, s_twice, DIRECT_V2, 0, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "a second DATA stream");
	free(d);
	d = one_column(0, INT, 1, s_beyond, DIRECT_V2, 0, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "within the stripe");
	free(d);
	d = one_column(0, INT, 1, s_bad_column, DIRECT_V2, 0, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "column id below 2");
	free(d);
	d = one_column(0, INT, 1, s_one_int, 7, 0, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "column encoding 0..3");
	free(d);
}

TEST(hostile_type_trees)
{
	static const char *const names[] = { "a", "b" };
	size_t len;
	uint8_t *d;
	struct orc_build o;

	/* a child pointing back at the root */
	ob_init(&o, 0, 0);
	ob_type(&o, STRUCT, (const uint32_t[]){ 0 }, 1, names);
	d = ob_finish(&o, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "new child id");
	free(d);

	/* two parents for one column */
	ob_init(&o, 0, 0);
	ob_type(&o, STRUCT, (const uint32_t[]){ 1, 1 }, 2, names);
	ob_type(&o, INT, NULL, 0, NULL);
	d = ob_finish(&o, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "new child id");
	free(d);

	/* an orphan column */
	ob_init(&o, 0, 0);
	ob_type(&o, STRUCT, (const uint32_t[]){ 1 }, 1, names);
	ob_type(&o, INT, NULL, 0, NULL);
	ob_type(&o, INT, NULL, 0, NULL);
	d = ob_finish(&o, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "child of an earlier column");
	free(d);

	/* field names missing */
	ob_init(&o, 0, 0);
	ob_type(&o, STRUCT, (const uint32_t[]){ 1 }, 1, NULL);
	ob_type(&o, INT, NULL, 0, NULL);
	d = ob_finish(&o, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "field names");
	free(d);

	/* lists nested 100 deep */
	ob_init(&o, 0, 0);
	ob_type(&o, STRUCT, (const uint32_t[]){ 1 }, 1, names);
	for (uint32_t i = 1; i <= 100; i++)
		ob_type(&o, LIST, (const uint32_t[]){ i + 1 }, 1, NULL);
	ob_type(&o, INT, NULL, 0, NULL);
	d = ob_finish(&o, &len);
	expect_failure(d, len, PL_ERR_LIMIT, "nest deeper");
	free(d);

	/* no types at all, and a root that is not a struct */
	ob_init(&o, 0, 0);
	d = ob_finish(&o, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "struct root");
	free(d);
	ob_init(&o, 0, 0);
	ob_type(&o, INT, NULL, 0, NULL);
	d = ob_finish(&o, &len);
	expect_failure(d, len, PL_ERR_CORRUPT, "struct root");
	free(d);

	/* an empty file: types, no stripes, zero rows */
	ob_init(&o, 5, 0);
	ob_type(&o, STRUCT, (const uint32_t[]){ 1 }, 1, names);
	ob_type(&o, STRING, NULL, 0, NULL);
	d = ob_finish(&o, &len);
	struct pl_error err = { 0 };
	CHECK_INT_EQ(orc_read_all(d, len, "empty.orc", &err), 0);
	free(d);
}

/* A null root row (a root PRESENT stream) reads as a record of nulls. */
TEST(null_root_row)
{
	static const char *const names[] = { "v" };
	struct orc_build o;
	size_t len;
	ob_init(&o, 0, 0);
	ob_type(&o, STRUCT, (const uint32_t[]){ 1 }, 1, names);
	ob_type(&o, INT, NULL, 0, NULL);
	bools(&o, PRESENT, 0, "01");
	ints(&o, DATA, 1, 0, 1, I64(8));
	ob_encoding(&o, DIRECT, 0);
	ob_encoding(&o, DIRECT_V2, 0);
	ob_end_stripe(&o, 2);
	uint8_t *d = ob_finish(&o, &len);
	void *impl;
	const struct pl_record_reader_ops *ops;
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_orc_reader_open(d, len, "nullroot.orc", &impl, &ops, &err), 0);
	const struct pl_value *v;
	CHECK_INT_EQ(ops->next(impl, &v, &err), 1);
	CHECK_INT_EQ(v->kind, PL_VK_RECORD);
	CHECK(is_null(F(v, "v")));
	CHECK_INT_EQ(ops->next(impl, &v, &err), 1);
	CHECK_INT_EQ(I(F(v, "v")), 8);
	CHECK_INT_EQ(ops->next(impl, &v, &err), 0);
	ops->close(impl);
	free(d);
}

/* Exact-size copies so sanitizers catch overreads; every outcome must be
 * rows or a clear error. */
static void sweep(const uint8_t *d, size_t len, int flips, const char *what)
{
	uint8_t *copy = malloc(len);
	int failed = 0, silent = 0;
	for (size_t cut = 0; cut < len; cut++) {
		uint8_t *p = malloc(cut ? cut : 1);
		memcpy(p, d, cut);
		struct pl_error err = { 0 };
		if (orc_read_all(p, cut, what, &err) < 0) {
			failed++;
			silent += err.msg[0] == '\0';
		}
		free(p);
	}
	CHECK_INT_EQ(failed, (int)len);
	failed = 0;
	uint64_t seed = 42;
	for (int i = 0; i < flips; i++) {
		memcpy(copy, d, len);
		seed = seed * 6364136223846793005u + 1442695040888963407u;
		size_t at = (size_t)(seed >> 33) % len;
		if (i % 3 == 2)
			copy[at] = (uint8_t)(seed >> 20);      /* a random byte */
		else
			copy[at] ^= (uint8_t)(1u << (seed >> 61));
		struct pl_error err = { 0 };
		if (orc_read_all(copy, len, what, &err) < 0) {
			failed++;
			silent += err.msg[0] == '\0';
		}
	}
	printf("# %s: %zu bytes, %d of %d mutations detected\n", what, len, failed, flips);
	CHECK(failed > 0);
	CHECK_INT_EQ(silent, 0);
	free(copy);
}

TEST(corrupted_built_files)
{
	size_t len;
	uint8_t *d = all_types_file(0, 0, &len);
	sweep(d, len, 6000, "all-types-NONE.orc");
	free(d);
	d = all_types_file(1, 7, &len);
	sweep(d, len, 2000, "all-types-ZLIB-7.orc");
	free(d);
	d = decimal_file(&len);
	sweep(d, len, 2000, "decimal.orc");
	free(d);
}

int main(void)
{
	RUN(all_types_every_codec);
	RUN(decimals);
	RUN(hostile_files);
	RUN(hostile_type_trees);
	RUN(null_root_row);
	RUN(corrupted_built_files);
	return pl_test_done();
}
