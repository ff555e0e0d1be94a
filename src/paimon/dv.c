/* Deletion vectors and Roaring bitmaps (format-manifests.md §8.3, §8.4). */
#include "paimon/dv.h"

#include <inttypes.h>
#include <string.h>

#define DV_MAGIC32 0x5E43F2D0u          /* 1581511376, big-endian on disk */
#define DV_MAGIC64 1681511377u          /* little-endian on disk */
#define ROARING_NO_RUN 12346u
#define ROARING_RUN 12347u
#define ROARING_NO_OFFSET_THRESHOLD 4
#define ROARING_ARRAY_MAX 4096

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t crc32_ieee(const uint8_t *p, size_t n)
{
	static uint32_t table[256];
	static int ready;
	if (!ready) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
		ready = 1;
	}
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++)
		c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
	return c ^ 0xFFFFFFFFu;
}

int pl_roaring32_walk(const uint8_t *p, size_t n, const char *file, uint64_t file_offset,
		      uint64_t *cardinality, size_t *size, pl_dv_position_fn fn, void *ctx,
		      struct pl_error *err)
{
	size_t pos = 0;
	if (n < 4)
		return pl_err_corrupt(err, file, file_offset, "expected a Roaring bitmap cookie");
	uint32_t cookie = le32(p);
	pos = 4;
	uint32_t count;
	const uint8_t *run_bits = NULL;
	if ((cookie & 0xFFFF) == ROARING_RUN) {
		count = (cookie >> 16) + 1;
		size_t nb = (count + 7) / 8;
		if (n - pos < nb)
			return pl_err_corrupt(err, file, file_offset + pos,
					      "Roaring run-container bitset past the end");
		run_bits = p + pos;
		pos += nb;
	} else if (cookie == ROARING_NO_RUN) {
		if (n - pos < 4)
			return pl_err_corrupt(err, file, file_offset + pos,
					      "expected a Roaring container count");
		count = le32(p + pos);
		pos += 4;
	} else {
		return pl_err_corrupt(err, file, file_offset,
				      "expected Roaring cookie 12346 or 12347, got %" PRIu32,
				      cookie);
	}
	/* Keys are 16 bits: more containers than that is not a bitmap, and
	 * each header needs 4 bytes, so the count is bounded by the input. */
	if (count > 65536 || (uint64_t)count * 4 > n - pos)
		return pl_err_corrupt(err, file, file_offset + pos,
				      "Roaring container count %" PRIu32 " exceeds the %zu bytes left",
				      count, n - pos);
	const uint8_t *headers = p + pos;
	pos += (size_t)count * 4;
	if (!run_bits || count >= ROARING_NO_OFFSET_THRESHOLD) {
		if ((uint64_t)count * 4 > n - pos)
			return pl_err_corrupt(err, file, file_offset + pos,
					      "Roaring offset table past the end");
		pos += (size_t)count * 4;
	}
	uint64_t total = 0;
	int prev_key = -1;
	for (uint32_t i = 0; i < count; i++) {
		uint32_t key = le16(headers + 4 * i);
		uint32_t card = (uint32_t)le16(headers + 4 * i + 2) + 1;
		if ((int)key <= prev_key)
			return pl_err_corrupt(err, file, file_offset,
					      "Roaring container keys not ascending at %" PRIu32, i);
		prev_key = (int)key;
		total += card;
		uint64_t hi = (uint64_t)key << 16;
		int is_run = run_bits && (run_bits[i / 8] >> (i % 8)) & 1;
		if (is_run) {
			if (n - pos < 2)
				return pl_err_corrupt(err, file, file_offset + pos,
						      "expected a Roaring run count");
			uint32_t runs = le16(p + pos);
			pos += 2;
			if ((uint64_t)runs * 4 > n - pos)
				return pl_err_corrupt(err, file, file_offset + pos,
						      "Roaring run container past the end");
			/* Callers rely on ascending positions: runs must not
			 * overlap or go backwards. */
			int64_t prev_end = -1;
			for (uint32_t r = 0; r < runs; r++) {
				uint32_t start = le16(p + pos + 4 * r);
				uint32_t len = (uint32_t)le16(p + pos + 4 * r + 2) + 1;
				if ((int64_t)start <= prev_end)
					return pl_err_corrupt(err, file, file_offset + pos + 4 * r,
							      "Roaring runs not ascending");
				prev_end = (int64_t)start + len - 1;
				for (uint32_t v = 0; fn && v < len && start + v <= 0xFFFF; v++)
					if (fn(ctx, hi | (start + v)))
						fn = NULL;
			}
			pos += (size_t)runs * 4;
		} else if (card <= ROARING_ARRAY_MAX) {
			if ((uint64_t)card * 2 > n - pos)
				return pl_err_corrupt(err, file, file_offset + pos,
						      "Roaring array container past the end");
			for (uint32_t k = 0; k < card; k++) {
				uint32_t v = le16(p + pos + 2 * k);
				if (k && v <= le16(p + pos + 2 * (k - 1)))
					return pl_err_corrupt(err, file, file_offset + pos + 2 * k,
							      "Roaring array values not ascending");
				if (fn && fn(ctx, hi | v))
					fn = NULL;
			}
			pos += (size_t)card * 2;
		} else {
			if (n - pos < 8192)
				return pl_err_corrupt(err, file, file_offset + pos,
						      "Roaring bitmap container past the end");
			for (uint32_t w = 0; fn && w < 1024; w++) {
				const uint8_t *q = p + pos + 8 * w;
				for (int b = 0; fn && b < 64; b++)
					if ((q[b / 8] >> (b % 8)) & 1 &&
					    fn(ctx, hi | (w * 64 + (uint32_t)b)))
						fn = NULL;
			}
			pos += 8192;
		}
	}
	*cardinality = total;
	if (size)
		*size = pos;
	return 0;
}

/* 64-bit vectors: positions of one 32-bit bitmap get its high bits. */
struct high_adapter {
	pl_dv_position_fn fn;
	void *ctx;
	uint64_t high;
};

static int add_high(void *ctx, uint64_t pos)
{
	struct high_adapter *a = ctx;
	return a->fn(a->ctx, a->high | pos);
}

int pl_dv_decode(const uint8_t *p, size_t n, const char *file, uint64_t offset, int32_t length,
		 struct pl_dv_info *out, pl_dv_position_fn fn, void *ctx, struct pl_error *err)
{
	memset(out, 0, sizeof(*out));
	if (n < 8)
		return pl_err_corrupt(err, file, offset,
				      "expected a deletion vector header, %zu bytes left", n);
	uint32_t len = be32(p);
	if (be32(p + 4) == DV_MAGIC32) {
		if ((int64_t)len != length)
			return pl_err_corrupt(err, file, offset,
					      "deletion vector length %" PRIu32
					      ", the index manifest says %" PRId32, len, length);
	} else if (le32(p + 4) == DV_MAGIC64) {
		out->bitmap64 = 1;
		if ((int64_t)len + 8 != length)
			return pl_err_corrupt(err, file, offset,
					      "64-bit deletion vector length %" PRIu32
					      ", the index manifest says %" PRId32 " (length + 8)",
					      len, length);
	} else {
		return pl_err_corrupt(err, file, offset + 4,
				      "expected deletion vector magic 5e 43 f2 d0 or d1 d3 39 64");
	}
	if (len < 4 || (uint64_t)len + 8 > n)
		return pl_err_corrupt(err, file, offset,
				      "deletion vector of %" PRIu32 " bytes runs past the end", len);
	uint32_t crc = be32(p + 4 + len);
	if (crc != crc32_ieee(p + 4, len))
		return pl_err_corrupt(err, file, offset + 4 + len,
				      "deletion vector CRC-32 mismatch");
	const uint8_t *bm = p + 8;
	size_t bn = len - 4;
	uint64_t bm_off = offset + 8;
	if (!out->bitmap64) {
		size_t used;
		if (pl_roaring32_walk(bm, bn, file, bm_off, &out->cardinality, &used, fn, ctx, err))
			return -1;
		return 0;
	}
	/* uint64 count of 32-bit bitmaps, each behind its high 32 bits */
	if (bn < 8)
		return pl_err_corrupt(err, file, bm_off, "expected a 64-bit bitmap count");
	uint64_t count = (uint64_t)le32(bm) | (uint64_t)le32(bm + 4) << 32;
	size_t pos = 8;
	if (count > (bn - pos) / 12)
		return pl_err_corrupt(err, file, bm_off,
				      "64-bit bitmap count %" PRIu64 " exceeds its bytes", count);
	for (uint64_t i = 0; i < count; i++) {
		if (bn - pos < 4)
			return pl_err_corrupt(err, file, bm_off + pos, "expected high 32 bits");
		uint32_t high = le32(bm + pos);
		pos += 4;
		uint64_t card;
		size_t used;
		struct high_adapter a = { fn, ctx, (uint64_t)high << 32 };
		if (pl_roaring32_walk(bm + pos, bn - pos, file, bm_off + pos, &card, &used,
				      fn ? add_high : NULL, &a, err))
			return -1;
		out->cardinality += card;
		pos += used;
	}
	return 0;
}

int pl_dv_check_version(const uint8_t *p, size_t n, const char *file, struct pl_error *err)
{
	if (n < 1 || p[0] != 1)
		return pl_err_corrupt(err, file, 0,
				      "expected deletion-vector index version byte 01");
	return 0;
}

int pl_dv_read(struct pl_storage *st, const char *path, int32_t offset, int32_t length,
	       struct pl_dv_info *out, struct pl_error *err)
{
	if (offset < 1 || length < 0)
		return pl_err(err, PL_ERR_CORRUPT, "%s: deletion vector range %" PRId32 "+%" PRId32
			      " is not inside the file", path, offset, length);
	struct pl_buf buf = { 0 };
	/* 32-bit vectors occupy length + 8 bytes, 64-bit ones length; a read
	 * past the end of the file comes back short, which is fine. */
	if (pl_storage_read_range(st, path, (uint64_t)offset, (uint64_t)length + 8, &buf, err))
		return -1;
	int rc = pl_dv_decode(buf.data, buf.len, path, (uint64_t)offset, length, out, NULL, NULL,
			      err);
	pl_buf_free(&buf);
	return rc;
}
