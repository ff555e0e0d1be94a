/* Bounded block decompression. Every codec writes into a pl_bytes buffer that
 * never grows past max_out + 1 bytes: the extra byte lets the streaming codecs
 * tell "exactly max_out bytes" from "more than max_out" without a second
 * pass. */
#include "paimon/codec.h"
#include "util/alloc.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <lz4.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

const char *pl_codec_name(enum pl_codec codec)
{
	switch (codec) {
	case PL_CODEC_NONE: return "none";
	case PL_CODEC_DEFLATE: return "deflate";
	case PL_CODEC_SNAPPY: return "snappy";
	case PL_CODEC_ZSTD: return "zstd";
	case PL_CODEC_LZ4: return "lz4";
	}
	return "unknown";
}

void pl_bytes_free(struct pl_bytes *b)
{
	if (!b)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

static void bytes_reserve(struct pl_bytes *b, size_t need)
{
	if (need <= b->cap)
		return;
	b->data = pl_realloc(b->data, need ? need : 1);
	b->cap = need;
}

/* The hard ceiling of the output buffer: one byte past the limit. */
static size_t ceiling(size_t max_out)
{
	return max_out == SIZE_MAX ? SIZE_MAX : max_out + 1;
}

/* First guess of the output size: the container's hint, else a multiple of
 * the input (metadata compresses well), never above the ceiling. */
static size_t initial_cap(size_t n, size_t size_hint, size_t max_out)
{
	size_t want = size_hint;
	if (!want)
		want = n > SIZE_MAX / 4 ? SIZE_MAX : n * 4;
	if (size_hint && want < SIZE_MAX)
		want++;         /* room to notice an overrun of the hint */
	if (want < 4096)
		want = 4096;
	if (want > ceiling(max_out))
		want = ceiling(max_out);
	return want;
}

/* Doubles the buffer toward the ceiling; 0 when it is already there. */
static int grow(struct pl_bytes *out, size_t max_out)
{
	size_t top = ceiling(max_out);
	if (out->cap >= top)
		return 0;
	size_t next = out->cap > top / 2 ? top : out->cap * 2;
	bytes_reserve(out, next);
	return 1;
}

static int limit_error(struct pl_error *err, const char *what, const char *file,
		       uint64_t offset, size_t max_out)
{
	return pl_err(err, PL_ERR_LIMIT,
		      "%s: offset %llu: %s block decompresses to more than %zu bytes",
		      file ? file : "(input)", (unsigned long long)offset, what, max_out);
}

static int copy_none(const uint8_t *in, size_t n, size_t max_out, struct pl_bytes *out,
		     const char *file, uint64_t offset, struct pl_error *err)
{
	if (n > max_out)
		return limit_error(err, "uncompressed", file, offset, max_out);
	bytes_reserve(out, n);
	if (n)
		memcpy(out->data, in, n);
	out->len = n;
	return 0;
}

static int inflate_raw(const uint8_t *in, size_t n, size_t size_hint, size_t max_out,
		       struct pl_bytes *out, const char *file, uint64_t offset,
		       struct pl_error *err)
{
	z_stream zs;
	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, -15) != Z_OK)
		return pl_err(err, PL_ERR_NOMEM, "%s: cannot initialise zlib", file ? file : "(input)");
	bytes_reserve(out, initial_cap(n, size_hint, max_out));
	size_t in_pos = 0, out_pos = 0;
	int rc = 0;
	for (;;) {
		/* zlib counts in uInt: feed huge buffers in slices. */
		size_t in_left = n - in_pos, out_left = out->cap - out_pos;
		zs.next_in = (Bytef *)(in + in_pos);
		zs.avail_in = in_left > UINT_MAX ? UINT_MAX : (uInt)in_left;
		zs.next_out = out->data + out_pos;
		zs.avail_out = out_left > UINT_MAX ? UINT_MAX : (uInt)out_left;
		uInt avail_in0 = zs.avail_in, avail_out0 = zs.avail_out;
		int zr = inflate(&zs, Z_NO_FLUSH);
		in_pos += avail_in0 - zs.avail_in;
		out_pos += avail_out0 - zs.avail_out;
		if (out_pos > max_out) {
			rc = limit_error(err, "deflate", file, offset, max_out);
			break;
		}
		if (zr == Z_STREAM_END)
			break;
		if (zr == Z_OK && zs.avail_out == 0 && out_pos == out->cap) {
			if (!grow(out, max_out)) {
				rc = limit_error(err, "deflate", file, offset, max_out);
				break;
			}
			continue;
		}
		if (zr == Z_OK && (zs.avail_in > 0 || in_pos < n))
			continue;
		if (zr == Z_OK || zr == Z_BUF_ERROR) {
			rc = pl_err_corrupt(err, file, offset,
					    "deflate stream truncated after %zu input bytes (expected end of stream)",
					    in_pos);
			break;
		}
		rc = pl_err_corrupt(err, file, offset + in_pos,
				    "expected a raw deflate stream: %s",
				    zs.msg ? zs.msg : "invalid data");
		break;
	}
	inflateEnd(&zs);
	if (rc)
		return rc;
	out->len = out_pos;
	return 0;
}

static int unsnappy(const uint8_t *in, size_t n, size_t max_out, struct pl_bytes *out,
		    const char *file, uint64_t offset, struct pl_error *err)
{
	size_t len = 0;
	if (snappy_uncompressed_length((const char *)in, n, &len) != SNAPPY_OK)
		return pl_err_corrupt(err, file, offset,
				      "expected a snappy block (bad length preamble)");
	if (len > max_out)
		return limit_error(err, "snappy", file, offset, max_out);
	/* The preamble is untrusted: a hostile one claims a huge size from a
	 * tiny input. No valid block expands more than ~22x (a 3-byte copy
	 * element emits at most 64 bytes), so refuse claims far beyond that
	 * before allocating. */
	if (n < SIZE_MAX / 64 && len > n * 64 + 64)
		return pl_err_corrupt(err, file, offset,
				      "snappy block claims %zu bytes from %zu input bytes", len, n);
	bytes_reserve(out, len);
	size_t got = len;
	if (snappy_uncompress((const char *)in, n, (char *)out->data, &got) != SNAPPY_OK ||
	    got != len)
		return pl_err_corrupt(err, file, offset, "expected a valid snappy block");
	out->len = got;
	return 0;
}

/* Creating a zstd context costs more than decompressing a typical 64 KiB
 * manifest block, so each thread keeps one. The key's destructor frees it
 * when a thread ends; atexit covers the main thread. */
static pthread_key_t dctx_key;
static pthread_once_t dctx_once = PTHREAD_ONCE_INIT;
static int dctx_key_ok;

static void dctx_destroy(void *p)
{
	ZSTD_freeDCtx(p);
}

static void dctx_free_current(void)
{
	ZSTD_DCtx *d = pthread_getspecific(dctx_key);
	if (d) {
		pthread_setspecific(dctx_key, NULL);
		ZSTD_freeDCtx(d);
	}
}

static void dctx_init_key(void)
{
	if (pthread_key_create(&dctx_key, dctx_destroy) == 0) {
		dctx_key_ok = 1;
		atexit(dctx_free_current);
	}
}

/* A context ready for a new frame; *owned says whether the caller frees it. */
static ZSTD_DCtx *dctx_get(int *owned)
{
	pthread_once(&dctx_once, dctx_init_key);
	ZSTD_DCtx *d = dctx_key_ok ? pthread_getspecific(dctx_key) : NULL;
	*owned = 0;
	if (d) {
		ZSTD_DCtx_reset(d, ZSTD_reset_session_only);
		return d;
	}
	d = ZSTD_createDCtx();
	if (d && dctx_key_ok && pthread_setspecific(dctx_key, d) == 0)
		return d;
	*owned = 1;
	return d;
}

static int unzstd(const uint8_t *in, size_t n, size_t size_hint, size_t max_out,
		  struct pl_bytes *out, const char *file, uint64_t offset, struct pl_error *err)
{
	int owned;
	ZSTD_DCtx *dctx = dctx_get(&owned);
	if (!dctx)
		return pl_err(err, PL_ERR_NOMEM, "%s: cannot create a zstd context",
			      file ? file : "(input)");
	bytes_reserve(out, initial_cap(n, size_hint, max_out));
	ZSTD_inBuffer ib = { in, n, 0 };
	ZSTD_outBuffer ob = { out->data, out->cap, 0 };
	size_t last = 0;
	int rc = 0;
	if (n == 0)
		rc = pl_err_corrupt(err, file, offset, "expected a zstd frame, got 0 bytes");
	while (!rc) {
		last = ZSTD_decompressStream(dctx, &ob, &ib);
		if (ZSTD_isError(last)) {
			rc = pl_err_corrupt(err, file, offset + ib.pos, "expected a zstd frame: %s",
					    ZSTD_getErrorName(last));
			break;
		}
		if (ob.pos > max_out) {
			rc = limit_error(err, "zstd", file, offset, max_out);
			break;
		}
		if (last == 0 && ib.pos == ib.size)
			break;          /* frame(s) complete, input consumed */
		if (ob.pos == ob.size) {
			/* Output full: the frame may have more to give (a frame that
			 * ended exactly at the buffer's end was caught above: asking
			 * again would start a new frame and report it truncated). */
			if (!grow(out, max_out)) {
				rc = limit_error(err, "zstd", file, offset, max_out);
				break;
			}
			ob.dst = out->data;
			ob.size = out->cap;
			continue;
		}
		if (ib.pos == ib.size) {
			rc = pl_err_corrupt(err, file, offset + n,
					    "zstd frame truncated (expected %zu more bytes)", last);
			break;
		}
		/* last == 0 with input left: the next frame follows. */
	}
	if (owned)
		ZSTD_freeDCtx(dctx);
	if (rc)
		return rc;
	out->len = ob.pos;
	return 0;
}

/* A raw LZ4 block does not say how large it expands; LZ4_decompress_safe only
 * reports failure when the buffer is too small, so retry with larger buffers up
 * to the most a block of this size can produce (255 bytes per input byte). */
static int unlz4(const uint8_t *in, size_t n, size_t size_hint, size_t max_out,
		 struct pl_bytes *out, const char *file, uint64_t offset, struct pl_error *err)
{
	if (n > (size_t)LZ4_MAX_INPUT_SIZE)
		return pl_err(err, PL_ERR_LIMIT, "%s: offset %llu: lz4 block of %zu bytes is too large",
			      file ? file : "(input)", (unsigned long long)offset, n);
	size_t bound = n > SIZE_MAX / 255 - 16 ? SIZE_MAX : n * 255 + 16;
	if (bound > max_out)
		bound = max_out;
	if (bound > INT_MAX)
		bound = INT_MAX;
	size_t cap = size_hint ? size_hint : (n * 4 < 4096 ? 4096 : n * 4);
	if (cap > bound)
		cap = bound;
	for (;;) {
		bytes_reserve(out, cap);
		int got = LZ4_decompress_safe((const char *)in, (char *)out->data, (int)n, (int)cap);
		if (got >= 0) {
			out->len = (size_t)got;
			return 0;
		}
		if (cap >= bound)
			break;
		cap = cap > bound / 2 ? bound : cap * 2;
	}
	/* Tell a bomb from garbage: a partial decode that fills the whole
	 * allowance means the block really expands beyond max_out. */
	if (bound == max_out && cap == bound &&
	    LZ4_decompress_safe_partial((const char *)in, (char *)out->data, (int)n, (int)cap,
					(int)cap) == (int)cap)
		return limit_error(err, "lz4", file, offset, max_out);
	return pl_err_corrupt(err, file, offset, "expected a valid lz4 block");
}

int pl_decompress(enum pl_codec codec, const uint8_t *in, size_t n, size_t size_hint,
		  size_t max_out, struct pl_bytes *out, const char *file, uint64_t offset,
		  struct pl_error *err)
{
	out->len = 0;
	switch (codec) {
	case PL_CODEC_NONE:
		return copy_none(in, n, max_out, out, file, offset, err);
	case PL_CODEC_DEFLATE:
		return inflate_raw(in, n, size_hint, max_out, out, file, offset, err);
	case PL_CODEC_SNAPPY:
		return unsnappy(in, n, max_out, out, file, offset, err);
	case PL_CODEC_ZSTD:
		return unzstd(in, n, size_hint, max_out, out, file, offset, err);
	case PL_CODEC_LZ4:
		return unlz4(in, n, size_hint, max_out, out, file, offset, err);
	}
	return pl_err(err, PL_ERR_USAGE, "%s: unknown codec %d", file ? file : "(input)",
		      (int)codec);
}
