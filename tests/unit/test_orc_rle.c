/* ORC run-length decoders against hand-built byte sequences: the examples
 * of the ORC v1 specification, the real bytes of format-manifests.md §2A.6,
 * and sequences built here bit by bit for the cases neither covers. */
#include "paimon/orc_rle.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct pl_orc_where where = { "test.orc", 0, "test stream" };

/* Decodes n values and compares them; returns the decoder's status. */
static int ints_eq(int version, int is_signed, const uint8_t *in, size_t len,
		   const int64_t *want, size_t n)
{
	int64_t got[600];
	struct pl_error err = { 0 };
	int rc = pl_orc_int_rle(version, is_signed, in, len, got, n, &where, &err);
	CHECK_INT_EQ(rc, 0);
	if (rc) {
		printf("# %s\n", err.msg);
		return rc;
	}
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i]) {
			printf("# value %zu: got %lld, want %lld\n", i, (long long)got[i],
			       (long long)want[i]);
			CHECK_INT_EQ(got[i], want[i]);
			return -1;
		}
	return 0;
}

/* Every strict prefix of a one-run stream must fail cleanly. */
static void prefixes_fail(int version, int is_signed, const uint8_t *in, size_t len, size_t n)
{
	int64_t got[600];
	for (size_t cut = 0; cut < len; cut++) {
		uint8_t *copy = malloc(cut ? cut : 1);
		memcpy(copy, in, cut);
		struct pl_error err = { 0 };
		int rc = pl_orc_int_rle(version, is_signed, copy, cut, got, n, &where, &err);
		if (rc != -1 || err.code != PL_ERR_CORRUPT)
			printf("# prefix %zu of %zu did not fail\n", cut, len);
		CHECK_INT_EQ(rc, -1);
		CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
		free(copy);
	}
}

TEST(byte_rle_runs_and_literals)
{
	static const uint8_t run[] = { 0x61, 0x00 };
	static const uint8_t lit[] = { 0xfe, 0x44, 0x45 };
	static const uint8_t mixed[] = { 0x00, 0x07, 0xfd, 0x01, 0x02, 0x03 };
	uint8_t out[200];
	struct pl_error err = { 0 };
	memset(out, 0xaa, sizeof(out));
	CHECK_INT_EQ(pl_orc_byte_rle(run, sizeof(run), out, 100, &where, &err), 0);
	CHECK_INT_EQ(out[0], 0);
	CHECK_INT_EQ(out[99], 0);
	CHECK_INT_EQ(out[100], 0xaa);
	CHECK_INT_EQ(pl_orc_byte_rle(lit, sizeof(lit), out, 2, &where, &err), 0);
	CHECK_INT_EQ(out[0], 0x44);
	CHECK_INT_EQ(out[1], 0x45);
	CHECK_INT_EQ(pl_orc_byte_rle(mixed, sizeof(mixed), out, 6, &where, &err), 0);
	static const uint8_t want[] = { 7, 7, 7, 1, 2, 3 };
	CHECK(memcmp(out, want, 6) == 0);
	/* fewer values than the runs hold: the rest is ignored */
	CHECK_INT_EQ(pl_orc_byte_rle(mixed, sizeof(mixed), out, 4, &where, &err), 0);
	CHECK_INT_EQ(out[3], 1);
	/* §2A.6: _KIND = ADD, ADD */
	static const uint8_t kind[] = { 0xfe, 0x00, 0x00 };
	CHECK_INT_EQ(pl_orc_byte_rle(kind, sizeof(kind), out, 2, &where, &err), 0);
	CHECK_INT_EQ(out[0] | out[1], 0);
}

TEST(byte_rle_truncated)
{
	static const uint8_t mixed[] = { 0x00, 0x07, 0xfd, 0x01, 0x02, 0x03 };
	uint8_t out[16];
	for (size_t cut = 0; cut < sizeof(mixed); cut++) {
		struct pl_error err = { 0 };
		CHECK_INT_EQ(pl_orc_byte_rle(mixed, cut, out, 6, &where, &err), -1);
		CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	}
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_orc_byte_rle(mixed, 0, out, 1, &where, &err), -1);
	CHECK(strstr(err.msg, "test stream") != NULL);
	CHECK(strstr(err.msg, "test.orc") != NULL);
}

TEST(boolean_rle)
{
	/* spec: 0xff 0x80 is one literal byte 10000000 */
	static const uint8_t one[] = { 0xff, 0x80 };
	static const uint8_t run[] = { 0x00, 0xf0 };   /* 3 x 11110000 */
	uint8_t out[32];
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_orc_bool_rle(one, sizeof(one), out, 8, &where, &err), 0);
	CHECK_INT_EQ(out[0], 1);
	for (int i = 1; i < 8; i++)
		CHECK_INT_EQ(out[i], 0);
	/* a partial last byte */
	CHECK_INT_EQ(pl_orc_bool_rle(one, sizeof(one), out, 3, &where, &err), 0);
	CHECK_INT_EQ(out[0] + out[1] + out[2], 1);
	CHECK_INT_EQ(pl_orc_bool_rle(run, sizeof(run), out, 22, &where, &err), 0);
	int ones = 0;
	for (int i = 0; i < 22; i++)
		ones += out[i];
	CHECK_INT_EQ(ones, 4 + 4 + 4);
	CHECK_INT_EQ(out[8], 1);
	CHECK_INT_EQ(out[12], 0);
	/* 25 bits need 4 bytes; the run holds 3 */
	CHECK_INT_EQ(pl_orc_bool_rle(run, sizeof(run), out, 25, &where, &err), -1);
}

TEST(int_rle_v1)
{
	/* spec: 100 x 7 is 0x61 0x00 0x07; [2, 3, 6, 7, 11] as literals */
	static const uint8_t run[] = { 0x61, 0x00, 0x07 };
	static const uint8_t lit[] = { 0xfb, 0x02, 0x03, 0x06, 0x07, 0x0b };
	int64_t want[100];
	for (int i = 0; i < 100; i++)
		want[i] = 7;
	ints_eq(1, 0, run, sizeof(run), want, 100);
	static const int64_t want_lit[] = { 2, 3, 6, 7, 11 };
	ints_eq(1, 0, lit, sizeof(lit), want_lit, 5);
	/* signed run with a negative delta: 50, 49, ... -49 */
	static const uint8_t down[] = { 0x61, 0xff, 0x64 };
	for (int i = 0; i < 100; i++)
		want[i] = 50 - i;
	ints_eq(1, 1, down, sizeof(down), want, 100);
	/* signed literals with multi-byte varints: -1, 300, -300 */
	static const uint8_t slit[] = { 0xfd, 0x01, 0xd8, 0x04, 0xd7, 0x04 };
	static const int64_t want_slit[] = { -1, 300, -300 };
	ints_eq(1, 1, slit, sizeof(slit), want_slit, 3);
	prefixes_fail(1, 0, run, sizeof(run), 100);
	prefixes_fail(1, 0, lit, sizeof(lit), 5);
	prefixes_fail(1, 1, slit, sizeof(slit), 3);
}

TEST(v2_short_repeat)
{
	/* spec: 5 x 10000 */
	static const uint8_t u[] = { 0x0a, 0x27, 0x10 };
	static const int64_t want[] = { 10000, 10000, 10000, 10000, 10000 };
	ints_eq(2, 0, u, sizeof(u), want, 5);
	/* signed: zig-zag 20000 = 0x4e20 is 10000; zig-zag 1 is -1 */
	static const uint8_t s[] = { 0x0a, 0x4e, 0x20 };
	ints_eq(2, 1, s, sizeof(s), want, 5);
	static const uint8_t neg[] = { 0x00, 0x01 };
	static const int64_t want_neg[] = { -1, -1, -1 };
	ints_eq(2, 1, neg, sizeof(neg), want_neg, 3);
	prefixes_fail(2, 0, u, sizeof(u), 5);
}

TEST(v2_direct_widths)
{
	/* spec example, 16 bits */
	static const uint8_t spec[] = { 0x5e, 0x03, 0x5c, 0xa1, 0xab, 0x1e, 0xde, 0xad, 0xbe, 0xef };
	static const int64_t want_spec[] = { 23713, 43806, 57005, 48879 };
	ints_eq(2, 0, spec, sizeof(spec), want_spec, 4);
	prefixes_fail(2, 0, spec, sizeof(spec), 4);
	/* §2A.6: width 1, 4, 16 and 32 (signed) */
	static const uint8_t w1[] = { 0x40, 0x00, 0x80 };
	static const int64_t want_w1[] = { 1 };
	ints_eq(2, 0, w1, sizeof(w1), want_w1, 1);
	static const uint8_t w4[] = { 0x46, 0x00, 0x40 };
	static const int64_t want_w4[] = { 2 };
	ints_eq(2, 1, w4, sizeof(w4), want_w4, 1);
	static const uint8_t w16[] = { 0x5e, 0x00, 0x14, 0xd4 };
	static const int64_t want_w16[] = { 2666 };
	ints_eq(2, 1, w16, sizeof(w16), want_w16, 1);
	static const uint8_t w32[] = { 0x76, 0x01, 0x23, 0xf3, 0x46, 0x06, 0x23, 0xf3, 0x46, 0x06 };
	static const int64_t want_w32[] = { 301572867, 301572867 };
	ints_eq(2, 1, w32, sizeof(w32), want_w32, 2);
	/* width 3, not byte aligned: 1..5 = 001 010 011 100 101 */
	static const uint8_t w3[] = { 0x44, 0x04, 0x29, 0xca };
	static const int64_t want_w3[] = { 1, 2, 3, 4, 5 };
	ints_eq(2, 0, w3, sizeof(w3), want_w3, 5);
	/* width code 24 = 26 bits */
	static const uint8_t w26[] = { 0x70, 0x00, 0xff, 0xff, 0xff, 0xc0 };
	static const int64_t want_w26[] = { 0x3ffffff };
	ints_eq(2, 0, w26, sizeof(w26), want_w26, 1);
	/* width 64, unsigned (bit patterns) and signed (zig-zag extremes) */
	static const uint8_t w64[] = { 0x7e, 0x01,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe };
	static const int64_t want_u64[] = { -1, -2 };
	ints_eq(2, 0, w64, sizeof(w64), want_u64, 2);
	static const int64_t want_s64[] = { INT64_MIN, INT64_MAX };
	ints_eq(2, 1, w64, sizeof(w64), want_s64, 2);
	prefixes_fail(2, 1, w64, sizeof(w64), 2);
}

TEST(v2_patched_base)
{
	/* the specification's example */
	static const uint8_t spec[] = {
		0x8e, 0x13, 0x2b, 0x21, 0x07, 0xd0, 0x1e, 0x00, 0x14, 0x70, 0x28, 0x32,
		0x3c, 0x46, 0x50, 0x5a, 0x64, 0x6e, 0x78, 0x82, 0x8c, 0x96, 0xa0, 0xaa,
		0xb4, 0xbe, 0xfc, 0xe8 };
	static const int64_t want[] = {
		2030, 2000, 2020, 1000000, 2040, 2050, 2060, 2070, 2080, 2090,
		2100, 2110, 2120, 2130, 2140, 2150, 2160, 2170, 2180, 2190 };
	ints_eq(2, 0, spec, sizeof(spec), want, 20);
	/* the base is sign-magnitude and values are never zig-zagged */
	ints_eq(2, 1, spec, sizeof(spec), want, 20);
	prefixes_fail(2, 0, spec, sizeof(spec), 20);
	/* base -5 (0x85), values 0 1 0 in 1 bit, one patch (gap 2, patch 1)
	 * in a 3-bit entry: 101 */
	static const uint8_t neg[] = { 0x80, 0x02, 0x00, 0x21, 0x85, 0x40, 0xa0 };
	static const int64_t want_neg[] = { -5, -4, -3 };
	ints_eq(2, 1, neg, sizeof(neg), want_neg, 3);
	/* the same with the patch gap pointing past the run */
	static const uint8_t far[] = { 0x80, 0x02, 0x00, 0x21, 0x85, 0x40, 0xe0 };
	int64_t out[4];
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_orc_int_rle(2, 1, far, sizeof(far), out, 3, &where, &err), -1);
	CHECK(strstr(err.msg, "PATCHED_BASE") != NULL);
	/* value width 64 with any patch cannot be patched */
	static const uint8_t wide[] = { 0xbe, 0x00, 0x00, 0x21, 0x00,
		0, 0, 0, 0, 0, 0, 0, 0, 0xa0 };
	CHECK_INT_EQ(pl_orc_int_rle(2, 0, wide, sizeof(wide), out, 1, &where, &err), -1);
}

TEST(v2_delta)
{
	/* the specification's example: primes, unsigned */
	static const uint8_t spec[] = { 0xc6, 0x09, 0x02, 0x02, 0x22, 0x42, 0x42, 0x46 };
	static const int64_t want[] = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29 };
	ints_eq(2, 0, spec, sizeof(spec), want, 10);
	prefixes_fail(2, 0, spec, sizeof(spec), 10);
	/* fixed delta (width code 0): 10, 13, 16, 19, 22 */
	static const uint8_t fixed[] = { 0xc0, 0x04, 0x0a, 0x06 };
	static const int64_t want_fixed[] = { 10, 13, 16, 19, 22 };
	ints_eq(2, 0, fixed, sizeof(fixed), want_fixed, 5);
	/* signed fixed negative delta: 5, 2, -1, -4 */
	static const uint8_t down[] = { 0xc0, 0x03, 0x0a, 0x05 };
	static const int64_t want_down[] = { 5, 2, -1, -4 };
	ints_eq(2, 1, down, sizeof(down), want_down, 4);
	/* signed, negative delta base -10, then deltas 5 and 2 in 3 bits */
	static const uint8_t var[] = { 0xc4, 0x03, 0xc8, 0x01, 0x13, 0xa8 };
	static const int64_t want_var[] = { 100, 90, 85, 83 };
	ints_eq(2, 1, var, sizeof(var), want_var, 4);
	prefixes_fail(2, 1, var, sizeof(var), 4);
	/* a 512-value fixed run from 4 bytes, the densest encoding */
	static const uint8_t dense[] = { 0xc1, 0xff, 0x00, 0x02 };
	int64_t big[512];
	for (int i = 0; i < 512; i++)
		big[i] = i;
	ints_eq(2, 0, dense, sizeof(dense), big, 512);
}

TEST(v2_runs_in_sequence)
{
	/* SHORT_REPEAT, then DIRECT, then DELTA in one stream */
	static const uint8_t seq[] = { 0x0a, 0x27, 0x10,
		0x5e, 0x03, 0x5c, 0xa1, 0xab, 0x1e, 0xde, 0xad, 0xbe, 0xef,
		0xc0, 0x04, 0x0a, 0x06 };
	static const int64_t want[] = { 10000, 10000, 10000, 10000, 10000,
		23713, 43806, 57005, 48879, 10, 13, 16, 19, 22 };
	ints_eq(2, 0, seq, sizeof(seq), want, 14);
	/* asking for one more value than the stream holds */
	int64_t out[16];
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_orc_int_rle(2, 0, seq, sizeof(seq), out, 15, &where, &err), -1);
	CHECK(strstr(err.msg, "14 of 15") != NULL);
}

TEST(varint_limits)
{
	static const uint8_t ok[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 };
	static const uint8_t over[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x03 };
	static const uint8_t endless[] = { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
		0x80, 0x80, 0x01 };
	size_t pos = 0;
	uint64_t v;
	CHECK_INT_EQ(pl_orc_read_varint(ok, sizeof(ok), &pos, &v), 0);
	CHECK(v == UINT64_MAX);
	pos = 0;
	CHECK_INT_EQ(pl_orc_read_varint(over, sizeof(over), &pos, &v), -1);
	pos = 0;
	CHECK_INT_EQ(pl_orc_read_varint(endless, sizeof(endless), &pos, &v), -1);
	CHECK_INT_EQ(pl_orc_unzigzag(3), -2);
	CHECK_INT_EQ(pl_orc_unzigzag(4), 2);
}

int main(void)
{
	RUN(byte_rle_runs_and_literals);
	RUN(byte_rle_truncated);
	RUN(boolean_rle);
	RUN(int_rle_v1);
	RUN(v2_short_repeat);
	RUN(v2_direct_widths);
	RUN(v2_patched_base);
	RUN(v2_delta);
	RUN(v2_runs_in_sequence);
	RUN(varint_limits);
	return pl_test_done();
}
