/* Inputs that once crashed, hung or over-allocated a reader (found by the
 * fuzz targets in tests/fuzz), and the resource caps every reader owes a
 * hostile file: each must now fail with a clear error. */
#include "test.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "paimon/binrow.h"
#include "paimon/dv.h"
#include "paimon/records.h"
#include "paimon/types.h"
#include "util/arena.h"
#include "util/json.h"

TEST(json_depth_is_capped)
{
	struct pl_arena arena;
	struct pl_error err;
	struct pl_json *root;
	char text[2 * (PL_JSON_MAX_DEPTH + 10) + 1];
	size_t n = PL_JSON_MAX_DEPTH + 10, i;

	for (i = 0; i < n; i++) {
		text[i] = '[';
		text[n + i] = ']';
	}
	pl_arena_init(&arena, 0);
	CHECK_INT_EQ(pl_json_parse(text, 2 * n, "deep.json", &arena, &root, &err), -1);
	CHECK(strstr(err.msg, "deep.json") != NULL);
	pl_arena_free(&arena);
}

/* fuzz_binrow: a DECIMAL(38, 18) whose variable part claims 17 bytes made
 * pl_binrow_get fail, but pl_binrow_render_map rendered the half-filled
 * datum anyway and copied 17 bytes into a 16-byte buffer (stack overflow;
 * a length of 0 passed NULL to memcpy). */
TEST(binrow_map_stops_at_bad_decimal)
{
	static const uint8_t row[] = {
		0x00, 0x00, 0x00, 0x01,                         /* arity 1 */
		0, 0, 0, 0, 0, 0, 0, 0,                         /* header, null bits */
		0x11, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, /* 17 bytes at 16 */
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 0, 0, 0, 0, 0, 0, 0,
	};
	struct pl_arena arena;
	struct pl_error err;
	struct pl_binrow r;
	struct pl_dtype *t;
	struct pl_strbuf sb = PL_STRBUF_INIT;

	pl_arena_init(&arena, 0);
	CHECK_INT_EQ(pl_dtype_parse("DECIMAL(38, 18)", &arena, &t, &err), 0);
	struct pl_stats_column col = { "d", t, 0 };
	CHECK_INT_EQ(pl_binrow_open(row, sizeof(row), "stats", 0, &r, &err), 0);
	CHECK_INT_EQ(pl_binrow_render_map(&r, &col, 1, &sb, &err), -1);
	CHECK(strstr(err.msg, "expected 1 to 16") != NULL);
	CHECK(strstr(pl_strbuf_str(&sb), "d=") == NULL);
	pl_strbuf_free(&sb);
	pl_arena_free(&arena);
}

/* fuzz_binrow: a TIMESTAMP statistic near INT64_MIN milliseconds made the
 * time-of-day split overflow (millis - days * 86400000: signed overflow,
 * caught by UBSan). The time of day must still be the floor remainder. */
TEST(timestamp_min_millis_does_not_overflow)
{
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_format_timestamp(&sb, INT64_MIN, 0, 3);
	const char *s = pl_strbuf_str(&sb);
	size_t n = strlen(s);
	/* INT64_MIN ms = -106751991168 days + 60424192 ms (16:47:04.192) */
	CHECK(n > 13 && strcmp(s + n - 13, " 16:47:04.192") == 0);
	pl_strbuf_reset(&sb);
	pl_format_timestamp(&sb, -1, 0, 3);
	CHECK_STR_EQ(pl_strbuf_str(&sb), "1969-12-31 23:59:59.999");
	pl_strbuf_free(&sb);
}

static int collect_position(void *ctx, uint64_t pos)
{
	(void)ctx;
	(void)pos;
	return 0;
}

/* fuzz_dv: an array container listing the same position twice (or going
 * backwards) broke the ascending-order promise of pl_roaring32_walk. */
TEST(roaring_array_must_ascend)
{
	static const uint8_t bm[] = {
		0x3a, 0x30, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, /* no-run cookie, 1 */
		0x00, 0x00, 0x01, 0x00,                         /* key 0, 2 values */
		0x10, 0x00, 0x00, 0x00,                         /* offset */
		0x04, 0x00, 0x04, 0x00,                         /* 4, 4 */
	};
	struct pl_error err;
	uint64_t card;
	size_t used;
	CHECK_INT_EQ(pl_roaring32_walk(bm, sizeof(bm), "dv", 0, &card, &used, collect_position,
				       NULL, &err), -1);
	CHECK(strstr(err.msg, "not ascending") != NULL);
}

/* Overlapping runs repeat positions just like a repeated array value. */
TEST(roaring_runs_must_ascend)
{
	static const uint8_t bm[] = {
		0x3b, 0x30, 0x00, 0x00, 0x01,                   /* run cookie, 1 */
		0x00, 0x00, 0x09, 0x00,                         /* key 0, 10 values */
		0x02, 0x00,                                     /* 2 runs */
		0x0a, 0x00, 0x04, 0x00, 0x0c, 0x00, 0x04, 0x00, /* 10..14, 12..16 */
	};
	struct pl_error err;
	uint64_t card;
	size_t used;
	CHECK_INT_EQ(pl_roaring32_walk(bm, sizeof(bm), "dv", 0, &card, &used, NULL, NULL, &err),
		     -1);
}

/* A record file header that claims a huge count or length must be refused
 * from the input size, not allocated. */
TEST(avro_huge_block_count_is_refused)
{
	/* Header with an empty metadata map is invalid; a block claiming
	 * 2^62 records after a minimal valid header is what matters, so
	 * build: magic, map {avro.schema: "long"}, sync, block. */
	uint8_t f[128];
	size_t n = 0;
	static const char schema[] = "\"long\"";
	memcpy(f, "Obj\x01", 4);
	n = 4;
	f[n++] = 2;                              /* map block of 1 entry */
	f[n++] = 22;                             /* key length 11 */
	memcpy(f + n, "avro.schema", 11);
	n += 11;
	f[n++] = (uint8_t)(2 * (sizeof(schema) - 1));
	memcpy(f + n, schema, sizeof(schema) - 1);
	n += sizeof(schema) - 1;
	f[n++] = 0;                              /* end of map */
	memset(f + n, 0xAB, 16);                 /* sync marker */
	n += 16;
	/* block: count 2^62 (zig-zag varint), size 4 */
	static const uint8_t count[] = { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 };
	memcpy(f + n, count, sizeof(count));
	n += sizeof(count);
	f[n++] = 8;
	memset(f + n, 0, 4);
	n += 4;
	memset(f + n, 0xAB, 16);
	n += 16;

	struct pl_record_reader *r = NULL;
	struct pl_error err;
	const struct pl_value *row;
	int rc = pl_record_reader_open(f, n, "huge.avro", &r, &err);
	if (rc == 0) {
		int k = 0, got;
		while ((got = pl_record_reader_next(r, &row, &err)) == 1 && k < 10)
			k++;
		CHECK_INT_EQ(got, -1);
		pl_record_reader_close(r);
	}
	CHECK(strstr(err.msg, "huge.avro") != NULL);
	printf("# %s\n", err.msg);
}

int main(void)
{
	RUN(binrow_map_stops_at_bad_decimal);
	RUN(timestamp_min_millis_does_not_overflow);
	RUN(roaring_array_must_ascend);
	RUN(roaring_runs_must_ascend);
	RUN(avro_huge_block_count_is_refused);
	RUN(json_depth_is_capped);
	return pl_test_done();
}
