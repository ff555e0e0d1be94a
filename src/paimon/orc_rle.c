/* ORC run-length decoders, written from the ORC v1 specification. Runs are
 * decoded into a small scratch array first so that a run longer than the
 * values still wanted is handled in one place. */
#include "paimon/orc_rle.h"
#include "util/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest run: integer RLE v2 stores a 9-bit length minus one. */
#define RLE_MAX_RUN 512

static int rle_bad(const struct pl_orc_where *where, size_t pos, struct pl_error *err,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int rle_bad(const struct pl_orc_where *where, size_t pos, struct pl_error *err,
		   const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return pl_err_corrupt(err, where->file, where->offset,
			      "%s: byte %zu of the decompressed stream: %s",
			      where->what, pos, msg);
}

static int ended(const struct pl_orc_where *where, size_t pos, size_t done, size_t n,
		 struct pl_error *err)
{
	return rle_bad(where, pos, err, "stream ended after %zu of %zu expected values",
		       done, n);
}

int pl_orc_read_varint(const uint8_t *in, size_t len, size_t *pos, uint64_t *out)
{
	uint64_t v = 0;
	for (unsigned shift = 0; shift < 64; shift += 7) {
		if (*pos >= len)
			return -1;
		uint8_t b = in[(*pos)++];
		/* the tenth byte may only carry the top bit */
		if (shift == 63 && (b & 0x7e))
			return -1;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*out = v;
			return 0;
		}
	}
	return -1;
}

int pl_orc_byte_rle(const uint8_t *in, size_t len, uint8_t *out, size_t n,
		    const struct pl_orc_where *where, struct pl_error *err)
{
	size_t pos = 0, done = 0;
	while (done < n) {
		if (pos >= len)
			return ended(where, pos, done, n, err);
		uint8_t c = in[pos++];
		size_t want = n - done;
		if (c < 0x80) {
			size_t run = (size_t)c + 3;
			if (pos >= len)
				return rle_bad(where, pos, err, "expected the value of a run");
			memset(out + done, in[pos++], run < want ? run : want);
			done += run < want ? run : want;
		} else {
			size_t run = 256 - (size_t)c;
			if (run > len - pos)
				return rle_bad(where, pos, err,
					       "expected %zu literal bytes, %zu remain", run, len - pos);
			memcpy(out + done, in + pos, run < want ? run : want);
			pos += run;
			done += run < want ? run : want;
		}
	}
	return 0;
}

int pl_orc_bool_rle(const uint8_t *in, size_t len, uint8_t *out, size_t n,
		    const struct pl_orc_where *where, struct pl_error *err)
{
	size_t nbytes = n / 8 + (n % 8 != 0);
	uint8_t *packed = pl_malloc(nbytes ? nbytes : 1);
	if (pl_orc_byte_rle(in, len, packed, nbytes, where, err)) {
		free(packed);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = (packed[i >> 3] >> (7 - (i & 7))) & 1;
	free(packed);
	return 0;
}

/* ---- integer RLE v1 ---------------------------------------------------- */

static int int_rle_v1(int is_signed, const uint8_t *in, size_t len, int64_t *out, size_t n,
		      const struct pl_orc_where *where, struct pl_error *err)
{
	size_t pos = 0, done = 0;
	while (done < n) {
		if (pos >= len)
			return ended(where, pos, done, n, err);
		int8_t c = (int8_t)in[pos++];
		size_t want = n - done;
		uint64_t u;
		if (c >= 0) {
			size_t run = (size_t)c + 3;
			if (pos >= len)
				return rle_bad(where, pos, err, "expected the delta of a run");
			int8_t delta = (int8_t)in[pos++];
			size_t at = pos;
			if (pl_orc_read_varint(in, len, &pos, &u))
				return rle_bad(where, at, err, "expected a varint run base");
			uint64_t v = is_signed ? (uint64_t)pl_orc_unzigzag(u) : u;
			for (size_t i = 0; i < run && i < want; i++) {
				out[done + i] = (int64_t)v;
				v += (uint64_t)(int64_t)delta;  /* wraps like Java's long */
			}
			done += run < want ? run : want;
		} else {
			size_t run = (size_t)(-(int)c);
			for (size_t i = 0; i < run; i++) {
				size_t at = pos;
				if (pl_orc_read_varint(in, len, &pos, &u))
					return rle_bad(where, at, err, "expected literal %zu of %zu",
						       i + 1, run);
				if (i < want)
					out[done + i] = is_signed ? pl_orc_unzigzag(u) : (int64_t)u;
			}
			done += run < want ? run : want;
		}
	}
	return 0;
}

/* ---- integer RLE v2 ---------------------------------------------------- */

enum { V2_SHORT_REPEAT, V2_DIRECT, V2_PATCHED_BASE, V2_DELTA };

/* The 5-bit width code of DIRECT, PATCHED_BASE and DELTA headers. */
static unsigned decode_width(unsigned code)
{
	static const unsigned char wide[8] = { 26, 28, 30, 32, 40, 48, 56, 64 };
	return code < 24 ? code + 1 : wide[code - 24];
}

/* Patch list entries are packed at the next width the writer supports. */
static unsigned closest_fixed_bits(unsigned n)
{
	static const unsigned char steps[] = { 26, 28, 30, 32, 40, 48, 56, 64 };
	if (n <= 24)
		return n ? n : 1;
	for (size_t i = 0; i < sizeof(steps); i++)
		if (n <= steps[i])
			return steps[i];
	return 64;
}

/* Reads count big-endian bit-packed values of width bits starting at a byte
 * boundary; the next run starts at the following byte boundary. */
static int unpack_bits(const uint8_t *in, size_t len, size_t *pos, unsigned width, size_t count,
		       uint64_t *dst)
{
	size_t nbits = (size_t)width * count;
	size_t nbytes = nbits / 8 + (nbits % 8 != 0);
	if (nbytes > len - *pos)
		return -1;
	const uint8_t *p = in + *pos;
	if (width % 8 == 0) {
		/* whole bytes, big-endian: the widths writers pick for DIRECT */
		unsigned nb = width / 8;
		for (size_t i = 0; i < count; i++, p += nb) {
			uint64_t v = 0;
			for (unsigned k = 0; k < nb; k++)
				v = v << 8 | p[k];
			dst[i] = v;
		}
		*pos += nbytes;
		return 0;
	}
	size_t bit = 0;
	for (size_t i = 0; i < count; i++) {
		uint64_t v = 0;
		unsigned left = width;
		while (left) {
			unsigned used = bit & 7;
			unsigned avail = 8 - used;
			unsigned take = left < avail ? left : avail;
			unsigned bits = (p[bit >> 3] >> (avail - take)) & ((1u << take) - 1);
			v = (v << take) | bits;
			left -= take;
			bit += take;
		}
		dst[i] = v;
	}
	*pos += nbytes;
	return 0;
}

static uint64_t read_be(const uint8_t *p, unsigned nbytes)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < nbytes; i++)
		v = (v << 8) | p[i];
	return v;
}

/* Decodes one run at in[*pos] into run[], returning its length in *count. */
static int v2_run(int is_signed, const uint8_t *in, size_t len, size_t *pos, uint64_t *run,
		  size_t *count, const struct pl_orc_where *where, struct pl_error *err)
{
	size_t start = *pos;
	uint8_t b0 = in[start];
	unsigned kind = b0 >> 6;

	if (kind == V2_SHORT_REPEAT) {
		unsigned nbytes = ((b0 >> 3) & 7) + 1;
		size_t n = (size_t)(b0 & 7) + 3;
		if (nbytes > len - start - 1)
			return rle_bad(where, start, err,
				       "SHORT_REPEAT: expected a %u-byte value", nbytes);
		uint64_t v = read_be(in + start + 1, nbytes);
		if (is_signed)
			v = (uint64_t)pl_orc_unzigzag(v);
		for (size_t i = 0; i < n; i++)
			run[i] = v;
		*count = n;
		*pos = start + 1 + nbytes;
		return 0;
	}

	if (len - start < 2)
		return rle_bad(where, start, err, "expected a 2-byte run header");
	unsigned code = (b0 >> 1) & 31;
	size_t n = ((size_t)(b0 & 1) << 8 | in[start + 1]) + 1;
	*pos = start + 2;
	*count = n;

	if (kind == V2_DIRECT) {
		unsigned width = decode_width(code);
		if (unpack_bits(in, len, pos, width, n, run))
			return rle_bad(where, start, err,
				       "DIRECT: expected %zu values of %u bits", n, width);
		if (is_signed)
			for (size_t i = 0; i < n; i++)
				run[i] = (uint64_t)pl_orc_unzigzag(run[i]);
		return 0;
	}

	if (kind == V2_DELTA) {
		unsigned width = code ? decode_width(code) : 0;
		uint64_t base, udelta;
		if (pl_orc_read_varint(in, len, pos, &base))
			return rle_bad(where, start, err, "DELTA: expected a varint base value");
		if (pl_orc_read_varint(in, len, pos, &udelta))
			return rle_bad(where, start, err, "DELTA: expected a varint delta base");
		if (is_signed)
			base = (uint64_t)pl_orc_unzigzag(base);
		int64_t delta = pl_orc_unzigzag(udelta);
		run[0] = base;
		if (n == 1)
			return 0;
		/* unsigned arithmetic: wraps like Java's long instead of UB */
		run[1] = base + (uint64_t)delta;
		if (width == 0) {
			for (size_t i = 2; i < n; i++)
				run[i] = run[i - 1] + (uint64_t)delta;
			return 0;
		}
		if (unpack_bits(in, len, pos, width, n - 2, run + 2))
			return rle_bad(where, start, err,
				       "DELTA: expected %zu deltas of %u bits", n - 2, width);
		/* the deltas all share the sign of the delta base */
		for (size_t i = 2; i < n; i++)
			run[i] = delta < 0 ? run[i - 1] - run[i] : run[i - 1] + run[i];
		return 0;
	}

	/* PATCHED_BASE: values are base + packed value, with the high bits of
	 * a few outliers supplied by a patch list. */
	unsigned width = decode_width(code);
	if (len - start < 4)
		return rle_bad(where, start, err, "PATCHED_BASE: expected a 4-byte run header");
	uint8_t b2 = in[start + 2], b3 = in[start + 3];
	unsigned base_bytes = (b2 >> 5) + 1;
	unsigned patch_width = decode_width(b2 & 31);
	unsigned gap_width = (b3 >> 5) + 1;
	size_t npatches = b3 & 31;
	*pos = start + 4;
	if (patch_width + gap_width > 64 || patch_width + width > 64)
		return rle_bad(where, start, err,
			       "PATCHED_BASE: patch width %u with gap width %u and value width %u exceeds 64 bits",
			       patch_width, gap_width, width);
	if (base_bytes > len - *pos)
		return rle_bad(where, start, err, "PATCHED_BASE: expected a %u-byte base",
			       base_bytes);
	uint64_t ubase = read_be(in + *pos, base_bytes);
	*pos += base_bytes;
	/* the base is sign-magnitude, not zig-zag */
	uint64_t sign = (uint64_t)1 << (base_bytes * 8 - 1);
	uint64_t base = ubase & sign ? (uint64_t)0 - (ubase & ~sign) : ubase;
	if (unpack_bits(in, len, pos, width, n, run))
		return rle_bad(where, start, err, "PATCHED_BASE: expected %zu values of %u bits",
			       n, width);
	uint64_t patches[32];
	unsigned entry_width = closest_fixed_bits(patch_width + gap_width);
	if (unpack_bits(in, len, pos, entry_width, npatches, patches))
		return rle_bad(where, start, err, "PATCHED_BASE: expected %zu patches of %u bits",
			       npatches, entry_width);
	uint64_t patch_mask = ((uint64_t)1 << patch_width) - 1;
	size_t at = 0;
	for (size_t i = 0; i < npatches; i++) {
		uint64_t gap = patches[i] >> patch_width;
		uint64_t patch = patches[i] & patch_mask;
		if (gap > n - at)
			return rle_bad(where, start, err,
				       "PATCHED_BASE: patch %zu lies beyond the %zu values of the run",
				       i, n);
		at += gap;
		/* a gap of 255 with an empty patch only moves the position on */
		if (gap == 255 && patch == 0)
			continue;
		if (at >= n)
			return rle_bad(where, start, err,
				       "PATCHED_BASE: patch %zu lies beyond the %zu values of the run",
				       i, n);
		run[at] |= patch << width;
	}
	for (size_t i = 0; i < n; i++)
		run[i] += base;
	return 0;
}

static int int_rle_v2(int is_signed, const uint8_t *in, size_t len, int64_t *out, size_t n,
		      const struct pl_orc_where *where, struct pl_error *err)
{
	uint64_t run[RLE_MAX_RUN];
	size_t pos = 0, done = 0;
	while (done < n) {
		if (pos >= len)
			return ended(where, pos, done, n, err);
		size_t count = 0;
		if (v2_run(is_signed, in, len, &pos, run, &count, where, err))
			return -1;
		size_t take = count < n - done ? count : n - done;
		for (size_t i = 0; i < take; i++)
			out[done + i] = (int64_t)run[i];
		done += take;
	}
	return 0;
}

int pl_orc_int_rle(int version, int is_signed, const uint8_t *in, size_t len, int64_t *out,
		   size_t n, const struct pl_orc_where *where, struct pl_error *err)
{
	if (version == 1)
		return int_rle_v1(is_signed, in, len, out, n, where, err);
	return int_rle_v2(is_signed, in, len, out, n, where, err);
}
