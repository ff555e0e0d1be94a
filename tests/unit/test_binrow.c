/* BinaryRow decoding and rendering: the worked byte examples of
 * format-manifests.md §4.5, hand-built rows for every type, and rows that
 * break every bound. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "paimon/binrow.h"
#include "util/strbuf.h"

static struct pl_dtype ty(enum pl_type_root root, int precision, int scale)
{
	struct pl_dtype t;
	memset(&t, 0, sizeof(t));
	t.root = root;
	t.nullable = 1;
	t.precision = precision;
	t.scale = scale;
	return t;
}

/* Renders field i of a row in one style; "ERR: msg" on failure. */
static char rendered[1100];

static const char *field_text(const uint8_t *p, size_t n, int32_t i, const struct pl_dtype *t,
			      enum pl_render how)
{
	struct pl_binrow r;
	struct pl_error err;
	struct pl_datum d;
	if (pl_binrow_open(p, n, "row", 0, &r, &err) || pl_binrow_get(&r, i, t, &d, &err)) {
		snprintf(rendered, sizeof(rendered), "ERR: %s", err.msg);
		return rendered;
	}
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_datum_render(&d, t, how, &sb);
	snprintf(rendered, sizeof(rendered), "%s", pl_strbuf_str(&sb));
	pl_strbuf_free(&sb);
	return rendered;
}

static const char *row_text(const uint8_t *p, size_t n, const struct pl_dtype *const *types,
			    size_t nt, int list)
{
	struct pl_binrow r;
	struct pl_error err;
	struct pl_strbuf sb = PL_STRBUF_INIT;
	int rc = pl_binrow_open(p, n, "row", 0, &r, &err);
	if (!rc)
		rc = list ? pl_binrow_render_list(&r, types, nt, &sb, &err)
			  : pl_binrow_render_cast_row(&r, types, nt, &sb, &err);
	if (rc)
		snprintf(rendered, sizeof(rendered), "ERR: %s", err.msg);
	else
		snprintf(rendered, sizeof(rendered), "%s", pl_strbuf_str(&sb));
	pl_strbuf_free(&sb);
	return rendered;
}

TEST(partition_int_example)
{
	static const uint8_t b[] = { 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
				     0x0a, 0, 0, 0, 0, 0, 0, 0 };
	struct pl_dtype i = ty(PL_T_INTEGER, 0, 0);
	const struct pl_dtype *types[] = { &i };
	CHECK_STR_EQ(row_text(b, sizeof(b), types, 1, 0), "{10}");
	CHECK_STR_EQ(row_text(b, sizeof(b), types, 1, 1), "[10]");
	static const uint8_t empty[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	CHECK_STR_EQ(row_text(empty, sizeof(empty), NULL, 0, 0), "{}");
}

TEST(inline_string_key_example)
{
	static const uint8_t b[] = { 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0,
				     0x41, 0x6c, 0x69, 0x63, 0x65, 0, 0, 0x85,
				     1, 0, 0, 0, 0, 0, 0, 0 };
	struct pl_dtype s = ty(PL_T_VARCHAR, 0, 0), i = ty(PL_T_INTEGER, 0, 0);
	const struct pl_dtype *types[] = { &s, &i };
	CHECK_STR_EQ(row_text(b, sizeof(b), types, 2, 1), "[Alice, 1]");
	CHECK_STR_EQ(row_text(b, sizeof(b), types, 2, 0), "{Alice, 1}");
}

TEST(long_string_key_example)
{
	const char *text = "Two roads diverged in a wood, and I took the one less traveled by, "
			   "And that has made all the difference.";
	uint8_t b[132];
	memset(b, 0, sizeof(b));
	b[3] = 2;
	const uint8_t slot0[] = { 0x68, 0, 0, 0, 0x18, 0, 0, 0 };
	memcpy(b + 4 + 8, slot0, 8);
	b[4 + 16] = 1;
	CHECK_INT_EQ(strlen(text), 104);
	memcpy(b + 4 + 24, text, 104);
	struct pl_dtype s = ty(PL_T_VARCHAR, 0, 0), i = ty(PL_T_INTEGER, 0, 0);
	const struct pl_dtype *types[] = { &s, &i };
	char want[200];
	snprintf(want, sizeof(want), "[%s, 1]", text);
	CHECK_STR_EQ(row_text(b, sizeof(b), types, 2, 1), want);
	/* one byte short: the string runs past the row */
	CHECK(strncmp(row_text(b, sizeof(b) - 1, types, 2, 1), "ERR: row: offset 0: BinaryRow field 0",
		      37) == 0);
}

/* _VALUE_STATS._MIN_VALUES of avro-samples/avro_manifest_09, verbatim. */
static const uint8_t all_types[] = {
	0x00, 0x00, 0x00, 0x10,
	0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x60, 0x8d, 0xb1, 0xe7, 0xf6, 0xff, 0xff,
	0xec, 0x51, 0x9a, 0xc4, 0x00, 0x00, 0x00, 0x00,
	0x2c, 0x52, 0x86, 0xb4, 0x80, 0x65, 0xd2, 0xc1,
	0x61, 0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x82,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x78, 0xe0, 0x01, 0x00, 0x88, 0x00, 0x00, 0x00,
	0x98, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0xea, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0x2e, 0xfd, 0x69, 0xb6, 0xff, 0xff, 0xff, 0xff,
	0x08, 0x00, 0x00, 0x00, 0x90, 0x00, 0x00, 0x00,
	0xf3, 0xe0, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x11, 0x22, 0x10, 0xf4, 0xb1, 0x6c, 0x1c, 0xb1,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

TEST(all_scalar_types_example)
{
	CHECK_INT_EQ(sizeof(all_types), 164);
	struct pl_dtype t[16] = {
		ty(PL_T_BOOLEAN, 0, 0), ty(PL_T_TINYINT, 0, 0), ty(PL_T_SMALLINT, 0, 0),
		ty(PL_T_INTEGER, 0, 0), ty(PL_T_BIGINT, 0, 0), ty(PL_T_FLOAT, 0, 0),
		ty(PL_T_DOUBLE, 0, 0), ty(PL_T_VARCHAR, 0, 0), ty(PL_T_VARBINARY, 0, 0),
		ty(PL_T_ARRAY, 0, 0), ty(PL_T_ROW, 0, 0), ty(PL_T_TIMESTAMP, 6, 0),
		ty(PL_T_DATE, 0, 0), ty(PL_T_DECIMAL, 2, 2), ty(PL_T_DECIMAL, 10, 10),
		ty(PL_T_DECIMAL, 19, 19),
	};
	const struct pl_dtype *types[16];
	for (int k = 0; k < 16; k++)
		types[k] = &t[k];
	CHECK_STR_EQ(row_text(all_types, sizeof(all_types), types, 16, 1),
		     "[false, -128, -32768, -2147483648, -9999999999999, -1234.56, "
		     "-1.2345678900987654E9, aa, null, null, null, 1970-01-01T00:02:03.123123, "
		     "2456, -0.22, -0.1234567890, 0.1234567890987654321]");
	CHECK_STR_EQ(row_text(all_types, sizeof(all_types), types, 16, 0),
		     "{false, -128, -32768, -2147483648, -9999999999999, -1234.56, "
		     "-1.2345678900987654E9, aa, null, null, null, 1970-01-01 00:02:03.123123, "
		     "1976-09-22, -0.22, -0.1234567890, 0.1234567890987654321}");
	struct pl_binrow r;
	struct pl_error err;
	CHECK_INT_EQ(pl_binrow_open(all_types, sizeof(all_types), "x", 0, &r, &err), 0);
	CHECK_INT_EQ(r.arity, 16);
	CHECK(!pl_binrow_is_null(&r, 7));
	CHECK(pl_binrow_is_null(&r, 8) && pl_binrow_is_null(&r, 9) && pl_binrow_is_null(&r, 10));
	CHECK(!pl_binrow_is_null(&r, 11));
	CHECK(pl_binrow_is_null(&r, 16));
	struct pl_datum d;
	CHECK_INT_EQ(pl_binrow_get(&r, 11, &t[11], &d, &err), 0);
	CHECK_INT_EQ(d.i, 123123);
	CHECK_INT_EQ(d.nanos, 123000);
}

TEST(timestamps_of_every_precision_example)
{
	static const uint8_t b[] = {
		0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0,
		0xe8, 0x03, 0, 0, 0, 0, 0, 0,
		0x01, 0, 0, 0, 0, 0, 0, 0,
		0xe8, 0x03, 0, 0, 0x38, 0, 0, 0,
		0xd0, 0x07, 0, 0, 0, 0, 0, 0,
		0x02, 0, 0, 0, 0, 0, 0, 0,
		0xd0, 0x07, 0, 0, 0x40, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0,
	};
	struct pl_dtype t[6] = {
		ty(PL_T_TIMESTAMP, 0, 0), ty(PL_T_TIMESTAMP, 3, 0), ty(PL_T_TIMESTAMP, 6, 0),
		ty(PL_T_TIMESTAMP_LTZ, 0, 0), ty(PL_T_TIMESTAMP_LTZ, 3, 0),
		ty(PL_T_TIMESTAMP_LTZ, 6, 0),
	};
	const struct pl_dtype *types[6];
	for (int k = 0; k < 6; k++)
		types[k] = &t[k];
	setenv("TZ", "UTC", 1);
	tzset();
	CHECK_STR_EQ(row_text(b, sizeof(b), types, 6, 0),
		     "{1970-01-01 00:00:01, 1970-01-01 00:00:00.001, 1970-01-01 00:00:00.000001, "
		     "1970-01-01 00:00:02, 1970-01-01 00:00:00.002, 1970-01-01 00:00:00.000002}");
	CHECK_STR_EQ(row_text(b, sizeof(b), types, 6, 1),
		     "[1970-01-01T00:00:01, 1970-01-01T00:00:00.001, 1970-01-01T00:00:00.000001, "
		     "1970-01-01T00:00:02, 1970-01-01T00:00:00.002, 1970-01-01T00:00:00.000002]");
	/* LTZ casts follow the local zone, plain timestamps do not */
	setenv("TZ", "CST-8", 1);
	tzset();
	CHECK_STR_EQ(field_text(b, sizeof(b), 3, &t[3], PL_RENDER_CAST), "1970-01-01 08:00:02");
	CHECK_STR_EQ(field_text(b, sizeof(b), 0, &t[0], PL_RENDER_CAST), "1970-01-01 00:00:01");
	setenv("TZ", "UTC", 1);
	tzset();
}

/* A one-field row holding slot value v and var bytes after it. */
static size_t one_field(uint8_t *b, uint64_t slot, const uint8_t *var, size_t nvar, int null)
{
	memset(b, 0, 64);
	b[3] = 1;
	if (null)
		b[4 + 1] = 1;
	for (int k = 0; k < 8; k++)
		b[4 + 8 + k] = (uint8_t)(slot >> (8 * k));
	if (nvar)
		memcpy(b + 4 + 16, var, nvar);
	return 4 + 16 + ((nvar + 7) / 8) * 8;
}

TEST(hand_built_values_of_every_type)
{
	uint8_t b[64];
	size_t n;
	struct pl_dtype t;

	t = ty(PL_T_BOOLEAN, 0, 0);
	n = one_field(b, 1, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "true");
	t = ty(PL_T_SMALLINT, 0, 0);
	n = one_field(b, 0x7fff, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_OBJECT), "32767");
	t = ty(PL_T_BIGINT, 0, 0);
	n = one_field(b, 0x8000000000000000ull, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_OBJECT), "-9223372036854775808");

	t = ty(PL_T_DATE, 0, 0);
	n = one_field(b, 19415, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "2023-02-27");
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_OBJECT), "19415");
	n = one_field(b, 0xffffffffu, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "1969-12-31");

	t = ty(PL_T_TIME, 0, 0);
	n = one_field(b, 3723000, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "01:02:03");
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_OBJECT), "3723000");
	t = ty(PL_T_TIME, 3, 0);
	n = one_field(b, 3723004, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "01:02:03.004");
	n = one_field(b, 43200000, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "12:00:00.0");

	/* compact decimals, Long.MIN_VALUE unscaled, zero with scale */
	t = ty(PL_T_DECIMAL, 18, 0);
	n = one_field(b, 0x8000000000000000ull, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "-9223372036854775808");
	t = ty(PL_T_DECIMAL, 10, 2);
	n = one_field(b, 0, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "0.00");
	n = one_field(b, 12345, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "123.45");

	/* non-compact decimals: -1 in one byte, 2^120 in 16 bytes */
	t = ty(PL_T_DECIMAL, 38, 2);
	const uint8_t minus_one[16] = { 0xff };
	n = one_field(b, (uint64_t)16 << 32 | 1, minus_one, 16, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "-0.01");
	uint8_t big[16] = { 0x01 };
	n = one_field(b, (uint64_t)16 << 32 | 16, big, 16, 0);
	t = ty(PL_T_DECIMAL, 38, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "1329227995784915872903807060280344576");
	/* -2^127, the most negative 16-byte value */
	uint8_t most_neg[16] = { 0x80 };
	n = one_field(b, (uint64_t)16 << 32 | 16, most_neg, 16, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST),
		     "-170141183460469231731687303715884105728");
	/* a null non-compact decimal still owns its 16 bytes */
	n = one_field(b, (uint64_t)16 << 32, minus_one, 16, 1);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "null");

	/* strings: empty inline, 7 bytes inline, 8 bytes out of line */
	t = ty(PL_T_VARCHAR, 0, 0);
	n = one_field(b, 0x8000000000000000ull, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "");
	n = one_field(b, 0x8700000000000000ull | 0x67666564636261ull, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "abcdefg");
	n = one_field(b, (uint64_t)16 << 32 | 8, (const uint8_t *)"abcdefgh", 8, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "abcdefgh");
	t = ty(PL_T_CHAR, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_OBJECT), "abcdefgh");

	/* binaries: raw bytes when cast, hex as an object */
	t = ty(PL_T_VARBINARY, 0, 0);
	n = one_field(b, 0x8200000000000000ull | 0x4241, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "AB");
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_OBJECT), "X'4142'");

	/* timestamps: negative millis, LocalDateTime trimming */
	t = ty(PL_T_TIMESTAMP, 3, 0);
	n = one_field(b, (uint64_t)-1, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "1969-12-31 23:59:59.999");
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_OBJECT), "1969-12-31T23:59:59.999");
	n = one_field(b, 1672574400000ull, NULL, 0, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_OBJECT), "2023-01-01T12:00");
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "2023-01-01 12:00:00.000");
	t = ty(PL_T_TIMESTAMP, 9, 0);
	const uint8_t millis[8] = { 0 };
	n = one_field(b, (uint64_t)16 << 32 | 1, millis, 8, 0);
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_CAST), "1970-01-01 00:00:00.000000001");
	CHECK_STR_EQ(field_text(b, n, 0, &t, PL_RENDER_OBJECT), "1970-01-01T00:00:00.000000001");
}

static const char *jd(double v)
{
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_java_double(&sb, v);
	snprintf(rendered, sizeof(rendered), "%s", pl_strbuf_str(&sb));
	pl_strbuf_free(&sb);
	return rendered;
}

static const char *jf(float v)
{
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_java_float(&sb, v);
	snprintf(rendered, sizeof(rendered), "%s", pl_strbuf_str(&sb));
	pl_strbuf_free(&sb);
	return rendered;
}

TEST(java_floating_point_text)
{
	CHECK_STR_EQ(jd(1.0), "1.0");
	CHECK_STR_EQ(jd(100.0), "100.0");
	CHECK_STR_EQ(jd(11.1), "11.1");
	CHECK_STR_EQ(jd(0.001), "0.001");
	CHECK_STR_EQ(jd(0.0001), "1.0E-4");
	CHECK_STR_EQ(jd(1234567.0), "1234567.0");
	CHECK_STR_EQ(jd(1e7), "1.0E7");
	CHECK_STR_EQ(jd(12345678.9), "1.23456789E7");
	CHECK_STR_EQ(jd(-0.0), "-0.0");
	CHECK_STR_EQ(jd(0.0), "0.0");
	CHECK_STR_EQ(jd(4.9e-324), "4.9E-324");
	CHECK_STR_EQ(jd(1.7976931348623157e308), "1.7976931348623157E308");
	CHECK_STR_EQ(jd(0.1 + 0.2), "0.30000000000000004");
	CHECK_STR_EQ(jf(1.1f), "1.1");
	CHECK_STR_EQ(jf(3.4028235e38f), "3.4028235E38");
	CHECK_STR_EQ(jf(1.4e-45f), "1.4E-45");
	CHECK_STR_EQ(jf(-1234.56f), "-1234.56");
	CHECK_STR_EQ(jd(0.0 / 0.0 * 0 + __builtin_nan("")), "NaN");
	CHECK_STR_EQ(jd(-__builtin_inf()), "-Infinity");
}

TEST(bounds_violations_are_errors)
{
	struct pl_binrow r;
	struct pl_error err;
	struct pl_datum d;
	uint8_t b[64];
	size_t n;
	struct pl_dtype s = ty(PL_T_VARCHAR, 0, 0);

	/* short wrapper, negative arity, arity beyond the bytes */
	static const uint8_t three[] = { 0, 0, 0 };
	CHECK_INT_EQ(pl_binrow_open(three, 3, "m", 5, &r, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	CHECK(strstr(err.msg, "m: offset 5:") == err.msg);
	static const uint8_t neg[] = { 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0 };
	CHECK_INT_EQ(pl_binrow_open(neg, sizeof(neg), "m", 0, &r, &err), -1);
	static const uint8_t huge[] = { 0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0 };
	CHECK_INT_EQ(pl_binrow_open(huge, sizeof(huge), "m", 0, &r, &err), -1);
	CHECK(strstr(err.msg, "arity 2147483647") != NULL);
	static const uint8_t two_no_slots[] = { 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0,
						0, 0, 0, 0, 0, 0, 0, 0 };
	CHECK_INT_EQ(pl_binrow_open(two_no_slots, sizeof(two_no_slots), "m", 0, &r, &err), -1);

	/* out-of-line string past the end, offset overflow */
	n = one_field(b, (uint64_t)16 << 32 | 9, (const uint8_t *)"abcdefgh", 8, 0);
	CHECK(strncmp(field_text(b, n, 0, &s, PL_RENDER_CAST), "ERR:", 4) == 0);
	n = one_field(b, (uint64_t)0xffffffffu << 32 | 0xffffffffu, NULL, 0, 0);
	CHECK(strncmp(field_text(b, n, 0, &s, PL_RENDER_CAST), "ERR:", 4) == 0);
	/* inline length 127 */
	n = one_field(b, 0xff00000000000000ull, NULL, 0, 0);
	CHECK(strstr(field_text(b, n, 0, &s, PL_RENDER_CAST), "inline length 127") != NULL);

	/* decimal of 0 and 17 bytes, past the end */
	struct pl_dtype dec = ty(PL_T_DECIMAL, 38, 0);
	const uint8_t z[24] = { 0 };
	n = one_field(b, (uint64_t)16 << 32 | 0, z, 16, 0);
	CHECK(strstr(field_text(b, n, 0, &dec, PL_RENDER_CAST), "decimal of 0 bytes") != NULL);
	n = one_field(b, (uint64_t)16 << 32 | 17, z, 24, 0);
	CHECK(strstr(field_text(b, n, 0, &dec, PL_RENDER_CAST), "decimal of 17 bytes") != NULL);
	n = one_field(b, (uint64_t)24 << 32 | 16, z, 8, 0);
	CHECK(strncmp(field_text(b, n, 0, &dec, PL_RENDER_CAST), "ERR:", 4) == 0);

	/* timestamp: nanos above a milli, millis past the end */
	struct pl_dtype ts = ty(PL_T_TIMESTAMP, 6, 0);
	n = one_field(b, (uint64_t)16 << 32 | 1000000, z, 8, 0);
	CHECK(strstr(field_text(b, n, 0, &ts, PL_RENDER_CAST), "above 999999") != NULL);
	n = one_field(b, (uint64_t)20 << 32 | 1, z, 8, 0);
	CHECK(strncmp(field_text(b, n, 0, &ts, PL_RENDER_CAST), "ERR:", 4) == 0);

	/* field index and arity checks */
	n = one_field(b, 1, NULL, 0, 0);
	CHECK_INT_EQ(pl_binrow_open(b, n, "m", 0, &r, &err), 0);
	struct pl_dtype i = ty(PL_T_INTEGER, 0, 0);
	CHECK_INT_EQ(pl_binrow_get(&r, 1, &i, &d, &err), -1);
	CHECK_INT_EQ(pl_binrow_get(&r, -1, &i, &d, &err), -1);
	const struct pl_dtype *two[] = { &i, &i };
	CHECK(strstr(row_text(b, n, two, 2, 0), "has 1 fields, expected 2") != NULL);
}

TEST(every_truncation_of_a_row_fails_cleanly)
{
	/* Cutting the all-types row anywhere must give an error or a value,
	 * never a read outside the buffer (run under ASan/valgrind). */
	struct pl_dtype t[16] = {
		ty(PL_T_BOOLEAN, 0, 0), ty(PL_T_TINYINT, 0, 0), ty(PL_T_SMALLINT, 0, 0),
		ty(PL_T_INTEGER, 0, 0), ty(PL_T_BIGINT, 0, 0), ty(PL_T_FLOAT, 0, 0),
		ty(PL_T_DOUBLE, 0, 0), ty(PL_T_VARCHAR, 0, 0), ty(PL_T_VARBINARY, 0, 0),
		ty(PL_T_ARRAY, 0, 0), ty(PL_T_ROW, 0, 0), ty(PL_T_TIMESTAMP, 6, 0),
		ty(PL_T_DATE, 0, 0), ty(PL_T_DECIMAL, 2, 2), ty(PL_T_DECIMAL, 10, 10),
		ty(PL_T_DECIMAL, 19, 19),
	};
	const struct pl_dtype *types[16];
	for (int k = 0; k < 16; k++)
		types[k] = &t[k];
	/* The last byte any field needs is the end of the 8 used bytes of
	 * the DECIMAL(19, 19) at row offset 0x90: 4 + 0x98 = 156. */
	for (size_t len = 0; len <= sizeof(all_types); len++) {
		uint8_t *copy = malloc(len ? len : 1);
		memcpy(copy, all_types, len);
		int failed = strncmp(row_text(copy, len, types, 16, 0), "ERR:", 4) == 0;
		CHECK_INT_EQ(failed, len < 156);
		free(copy);
	}
}

TEST(stats_map_sorted_by_name)
{
	static const uint8_t b[] = { 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0,
				     0x41, 0x6c, 0x69, 0x63, 0x65, 0, 0, 0x85,
				     0x98, 0x09, 0, 0, 0, 0, 0, 0 };
	struct pl_dtype s = ty(PL_T_VARCHAR, 0, 0), d = ty(PL_T_DATE, 0, 0), i = ty(PL_T_INTEGER, 0, 0);
	struct pl_stats_column cols[3] = { { "zeta", &s, 0 }, { "b", &i, -1 }, { "a", &d, 1 } };
	struct pl_binrow r;
	struct pl_error err;
	struct pl_strbuf sb = PL_STRBUF_INIT;
	CHECK_INT_EQ(pl_binrow_open(b, sizeof(b), "s", 0, &r, &err), 0);
	CHECK_INT_EQ(pl_binrow_render_map(&r, cols, 3, &sb, &err), 0);
	CHECK_STR_EQ(pl_strbuf_str(&sb), "{a=2456, b=null, zeta=Alice}");
	pl_strbuf_reset(&sb);
	CHECK_INT_EQ(pl_binrow_render_map(NULL, cols, 3, &sb, &err), 0);
	CHECK_STR_EQ(pl_strbuf_str(&sb), "{a=null, b=null, zeta=null}");
	pl_strbuf_reset(&sb);
	CHECK_INT_EQ(pl_binrow_render_map(&r, cols, 0, &sb, &err), 0);
	CHECK_STR_EQ(pl_strbuf_str(&sb), "{}");
	pl_strbuf_free(&sb);
}

int main(void)
{
	RUN(stats_map_sorted_by_name);
	RUN(partition_int_example);
	RUN(inline_string_key_example);
	RUN(long_string_key_example);
	RUN(all_scalar_types_example);
	RUN(timestamps_of_every_precision_example);
	RUN(hand_built_values_of_every_type);
	RUN(java_floating_point_text);
	RUN(bounds_violations_are_errors);
	RUN(every_truncation_of_a_row_fails_cleanly);
	return pl_test_done();
}
