/* pl_decompress: round trips through each library's own compressor, the
 * max_out bound, and garbage or truncated input. */
#include "paimon/codec.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lz4.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#define PAYLOAD_LEN 100000

static uint8_t payload[PAYLOAD_LEN];

/* Compressible but not trivial: words from a small vocabulary picked by an
 * LCG, like the repetitive file names of a manifest. */
static void make_payload(void)
{
	static const char *words[] = { "manifest-", "data-", "0123", "-0.parquet", "bucket-",
				       "\x01\x02\x03", "zz", "snapshot" };
	uint32_t s = 12345;
	size_t i = 0;
	while (i < PAYLOAD_LEN) {
		s = s * 1103515245u + 12345u;
		const char *w = words[(s >> 16) % 8];
		for (size_t k = 0; w[k] && i < PAYLOAD_LEN; k++)
			payload[i++] = (uint8_t)w[k];
	}
}

static size_t compress_deflate(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	z_stream zs;
	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return 0;
	zs.next_in = (Bytef *)in;
	zs.avail_in = (uInt)n;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	int rc = deflate(&zs, Z_FINISH);
	size_t got = cap - zs.avail_out;
	deflateEnd(&zs);
	return rc == Z_STREAM_END ? got : 0;
}

static size_t compress_with(enum pl_codec c, const uint8_t *in, size_t n, uint8_t *out,
			    size_t cap)
{
	switch (c) {
	case PL_CODEC_NONE:
		memcpy(out, in, n);
		return n;
	case PL_CODEC_DEFLATE:
		return compress_deflate(in, n, out, cap);
	case PL_CODEC_SNAPPY: {
		size_t len = cap;
		return snappy_compress((const char *)in, n, (char *)out, &len) == SNAPPY_OK ? len : 0;
	}
	case PL_CODEC_ZSTD: {
		size_t r = ZSTD_compress(out, cap, in, n, 3);
		return ZSTD_isError(r) ? 0 : r;
	}
	case PL_CODEC_LZ4: {
		int r = LZ4_compress_default((const char *)in, (char *)out, (int)n, (int)cap);
		return r > 0 ? (size_t)r : 0;
	}
	}
	return 0;
}

static const enum pl_codec all_codecs[] = {
	PL_CODEC_NONE, PL_CODEC_DEFLATE, PL_CODEC_SNAPPY, PL_CODEC_ZSTD, PL_CODEC_LZ4,
};

TEST(round_trip_every_codec)
{
	static uint8_t comp[PAYLOAD_LEN * 2];
	for (size_t k = 0; k < sizeof(all_codecs) / sizeof(all_codecs[0]); k++) {
		enum pl_codec c = all_codecs[k];
		size_t clen = compress_with(c, payload, PAYLOAD_LEN, comp, sizeof(comp));
		CHECK(clen > 0);
		if (c != PL_CODEC_NONE)
			CHECK(clen < PAYLOAD_LEN);
		/* With and without a size hint; reuse one buffer across calls. */
		struct pl_bytes out = { 0 };
		struct pl_error err = { 0 };
		for (int hint = 0; hint < 2; hint++) {
			int rc = pl_decompress(c, comp, clen, hint ? PAYLOAD_LEN : 0, 1 << 20, &out,
					       "f", 0, &err);
			CHECK_INT_EQ(rc, 0);
			if (rc)
				printf("# %s: %s\n", pl_codec_name(c), err.msg);
			CHECK_INT_EQ(out.len, PAYLOAD_LEN);
			CHECK(out.len == PAYLOAD_LEN && memcmp(out.data, payload, PAYLOAD_LEN) == 0);
		}
		/* Exactly max_out is fine, one byte less is a limit error. */
		CHECK_INT_EQ(pl_decompress(c, comp, clen, 0, PAYLOAD_LEN, &out, "f", 0, &err), 0);
		CHECK_INT_EQ(out.len, PAYLOAD_LEN);
		err.code = PL_OK;
		CHECK_INT_EQ(pl_decompress(c, comp, clen, 0, PAYLOAD_LEN - 1, &out, "f", 0, &err), -1);
		CHECK_INT_EQ(err.code, PL_ERR_LIMIT);
		pl_bytes_free(&out);
	}
}

TEST(empty_and_small_inputs)
{
	struct pl_bytes out = { 0 };
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_decompress(PL_CODEC_NONE, (const uint8_t *)"", 0, 0, 10, &out, "f", 0, &err), 0);
	CHECK_INT_EQ(out.len, 0);
	/* Empty input is not a zstd or deflate stream. */
	CHECK_INT_EQ(pl_decompress(PL_CODEC_ZSTD, (const uint8_t *)"", 0, 0, 10, &out, "f", 0, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	CHECK_INT_EQ(pl_decompress(PL_CODEC_DEFLATE, (const uint8_t *)"", 0, 0, 10, &out, "f", 0, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	/* A compressed empty payload round-trips to 0 bytes. */
	uint8_t comp[64];
	size_t clen = compress_with(PL_CODEC_ZSTD, payload, 0, comp, sizeof(comp));
	CHECK_INT_EQ(pl_decompress(PL_CODEC_ZSTD, comp, clen, 0, 10, &out, "f", 0, &err), 0);
	CHECK_INT_EQ(out.len, 0);
	pl_bytes_free(&out);
}

TEST(garbage_is_corrupt)
{
	uint8_t junk[512];
	uint32_t s = 99;
	for (size_t i = 0; i < sizeof(junk); i++) {
		s = s * 1103515245u + 12345u;
		junk[i] = (uint8_t)(s >> 16);
	}
	uint8_t ffs[64];
	memset(ffs, 0xff, sizeof(ffs));
	struct pl_bytes out = { 0 };
	for (size_t k = 1; k < sizeof(all_codecs) / sizeof(all_codecs[0]); k++) {
		enum pl_codec c = all_codecs[k];
		struct pl_error err = { 0 };
		int rc = pl_decompress(c, c == PL_CODEC_LZ4 ? ffs : junk,
				       c == PL_CODEC_LZ4 ? sizeof(ffs) : sizeof(junk), 0, 1 << 20,
				       &out, "junk.bin", 77, &err);
		CHECK_INT_EQ(rc, -1);
		CHECK(err.code == PL_ERR_CORRUPT || err.code == PL_ERR_LIMIT);
		CHECK(strstr(err.msg, "junk.bin") != NULL);
	}
	pl_bytes_free(&out);
}

TEST(truncated_streams_are_corrupt)
{
	static uint8_t comp[PAYLOAD_LEN * 2];
	const enum pl_codec cs[] = { PL_CODEC_DEFLATE, PL_CODEC_SNAPPY, PL_CODEC_ZSTD, PL_CODEC_LZ4 };
	struct pl_bytes out = { 0 };
	for (size_t k = 0; k < sizeof(cs) / sizeof(cs[0]); k++) {
		size_t clen = compress_with(cs[k], payload, PAYLOAD_LEN, comp, sizeof(comp));
		int failures = 0;
		for (size_t cut = 1; cut < clen; cut += 1 + clen / 97) {
			struct pl_error err = { 0 };
			int rc = pl_decompress(cs[k], comp, cut, 0, 1 << 20, &out, "t", 0, &err);
			/* A cut LZ4 block may still decode to a prefix; others must fail. */
			if (rc == 0 && cs[k] == PL_CODEC_LZ4)
				CHECK(out.len < PAYLOAD_LEN);
			else if (rc == -1 && err.code == PL_ERR_CORRUPT)
				failures++;
			else {
				printf("# %s cut %zu: rc %d code %d %s\n", pl_codec_name(cs[k]), cut,
				       rc, (int)err.code, err.msg);
				CHECK(!"truncated stream decoded");
			}
		}
		if (cs[k] != PL_CODEC_LZ4)
			CHECK(failures > 0);
	}
	pl_bytes_free(&out);
}

TEST(zstd_frames_without_size_and_concatenated)
{
	static uint8_t comp[PAYLOAD_LEN * 2];
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	ZSTD_CCtx_setParameter(cc, ZSTD_c_contentSizeFlag, 0);
	/* Two frames of half the payload each, streamed (no content size). */
	size_t pos = 0;
	for (int f = 0; f < 2; f++) {
		ZSTD_inBuffer ib = { payload + f * (PAYLOAD_LEN / 2), PAYLOAD_LEN / 2, 0 };
		ZSTD_outBuffer ob = { comp + pos, sizeof(comp) - pos, 0 };
		size_t r;
		do {
			r = ZSTD_compressStream2(cc, &ob, &ib, ZSTD_e_end);
		} while (!ZSTD_isError(r) && r != 0);
		CHECK(!ZSTD_isError(r));
		pos += ob.pos;
	}
	ZSTD_freeCCtx(cc);
	CHECK(ZSTD_getFrameContentSize(comp, pos) == ZSTD_CONTENTSIZE_UNKNOWN);
	struct pl_bytes out = { 0 };
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_decompress(PL_CODEC_ZSTD, comp, pos, 0, 1 << 20, &out, "z", 0, &err), 0);
	CHECK_INT_EQ(out.len, PAYLOAD_LEN);
	CHECK(out.len == PAYLOAD_LEN && memcmp(out.data, payload, PAYLOAD_LEN) == 0);
	/* Trailing garbage after a complete frame is an error. */
	comp[pos] = 0x42;
	CHECK_INT_EQ(pl_decompress(PL_CODEC_ZSTD, comp, pos + 1, 0, 1 << 20, &out, "z", 0, &err), -1);
	pl_bytes_free(&out);
}

TEST(bombs_stop_at_max_out)
{
	/* 8 MiB of zeros compresses to a few KB; max_out must stop each codec
	 * early without allocating the full size. */
	size_t big = 8u << 20;
	uint8_t *zeros = calloc(1, big);
	uint8_t *comp = malloc(big * 2);
	const enum pl_codec cs[] = { PL_CODEC_DEFLATE, PL_CODEC_SNAPPY, PL_CODEC_ZSTD, PL_CODEC_LZ4 };
	for (size_t k = 0; k < sizeof(cs) / sizeof(cs[0]); k++) {
		size_t clen = compress_with(cs[k], zeros, big, comp, big * 2);
		CHECK(clen > 0 && clen < big / 10);
		struct pl_bytes out = { 0 };
		struct pl_error err = { 0 };
		CHECK_INT_EQ(pl_decompress(cs[k], comp, clen, 0, 1 << 16, &out, "bomb", 0, &err), -1);
		CHECK_INT_EQ(err.code, PL_ERR_LIMIT);
		if (err.code != PL_ERR_LIMIT)
			printf("# %s: %s\n", pl_codec_name(cs[k]), err.msg);
		CHECK(out.cap <= (1 << 16) + 1);
		pl_bytes_free(&out);
	}
	free(zeros);
	free(comp);
}

TEST(snappy_hostile_length_preamble)
{
	/* Varint preamble claiming ~256 MiB followed by one literal byte. */
	const uint8_t bad[] = { 0x80, 0x80, 0x80, 0x80, 0x01, 0x00, 'x' };
	struct pl_bytes out = { 0 };
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_decompress(PL_CODEC_SNAPPY, bad, sizeof(bad), 0, (size_t)1 << 30, &out,
				   "s", 0, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	CHECK(out.cap < 4096);
	pl_bytes_free(&out);
}

int main(void)
{
	make_payload();
	RUN(round_trip_every_codec);
	RUN(empty_and_small_inputs);
	RUN(garbage_is_corrupt);
	RUN(truncated_streams_are_corrupt);
	RUN(zstd_frames_without_size_and_concatenated);
	RUN(bombs_stop_at_max_out);
	RUN(snappy_hostile_length_preamble);
	return pl_test_done();
}
