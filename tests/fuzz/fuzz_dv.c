/* libFuzzer target: deletion-vector index files and Roaring bitmaps.
 * Input: one mode byte, then the bytes. A CRC-32 guards each vector, which
 * a fuzzer cannot forge by mutation, so in mode 1 the harness rewrites the
 * CRC to match and the bitmap decoder behind it gets exercised. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "paimon/dv.h"

static int count_position(void *ctx, uint64_t position)
{
	uint64_t *last = ctx;
	/* The decoder promises ascending positions. */
	if (*last != UINT64_MAX && position <= *last)
		abort();
	*last = position;
	return 0;
}

static void decode_at(const uint8_t *p, size_t n, int fix_crc)
{
	struct pl_error err;
	struct pl_dv_info info;
	uint64_t last = UINT64_MAX;
	uint8_t *copy;
	uint32_t len;
	int32_t length;

	if (n < 8)
		return;
	copy = malloc(n);
	memcpy(copy, p, n);
	len = (uint32_t)copy[0] << 24 | (uint32_t)copy[1] << 16 | (uint32_t)copy[2] << 8 | copy[3];
	length = (int32_t)len;
	/* The 64-bit kind records its length 8 bytes longer (dv.h). */
	if (copy[4] == 0xd1 && copy[5] == 0xd3)
		length = (int32_t)(len + 8);
	if (fix_crc && len >= 4 && (uint64_t)len + 8 <= n) {
		uint32_t crc = (uint32_t)crc32(0, copy + 4, len);
		copy[4 + len] = (uint8_t)(crc >> 24);
		copy[5 + len] = (uint8_t)(crc >> 16);
		copy[6 + len] = (uint8_t)(crc >> 8);
		copy[7 + len] = (uint8_t)crc;
	}
	(void)pl_dv_decode(copy, n, "fuzz", 1, length, &info, count_position, &last, &err);
	free(copy);
}

PL_FUZZ_TARGET(dv)
{
	struct pl_error err;
	uint64_t card, last = UINT64_MAX;
	size_t used;

	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		/* A whole index file: version byte, then the first vector. */
		if (pl_dv_check_version(data + 1, size - 1, "fuzz", &err) == 0)
			decode_at(data + 2, size - 2, 0);
		break;
	case 1:
		decode_at(data + 1, size - 1, 1);
		break;
	default:
		(void)pl_roaring32_walk(data + 1, size - 1, "fuzz", 0, &card, &used,
					count_position, &last, &err);
		break;
	}
	return 0;
}
