#include "orc_testlib.h"

#include <stdlib.h>
#include <string.h>

#include <lz4.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

long orc_read_all(const uint8_t *d, size_t len, const char *name, struct pl_error *err)
{
	void *impl = NULL;
	const struct pl_record_reader_ops *ops = NULL;
	if (pl_orc_reader_open(d, len, name, &impl, &ops, err))
		return -1;
	const struct pl_value *row;
	long n = 0;
	int rc;
	while ((rc = ops->next(impl, &row, err)) == 1)
		n++;
	ops->close(impl);
	return rc < 0 ? -1 : n;
}

void ob_put(struct obuf *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 64;
		b->d = realloc(b->d, b->cap);
	}
	if (n)
		memcpy(b->d + b->n, p, n);
	b->n += n;
}

void ob_byte(struct obuf *b, uint8_t c)
{
	ob_put(b, &c, 1);
}

void ob_varint(struct obuf *b, uint64_t v)
{
	while (v >= 0x80) {
		ob_byte(b, (uint8_t)(v | 0x80));
		v >>= 7;
	}
	ob_byte(b, (uint8_t)v);
}

void ob_free(struct obuf *b)
{
	free(b->d);
	b->d = NULL;
	b->n = b->cap = 0;
}

void pb_uint(struct obuf *b, unsigned field, uint64_t v)
{
	ob_varint(b, (uint64_t)field << 3);
	ob_varint(b, v);
}

void pb_blob(struct obuf *b, unsigned field, const void *p, size_t n)
{
	ob_varint(b, (uint64_t)field << 3 | 2);
	ob_varint(b, n);
	ob_put(b, p, n);
}

void pb_str(struct obuf *b, unsigned field, const char *s)
{
	pb_blob(b, field, s, strlen(s));
}

void enc_bytes(struct obuf *b, const uint8_t *v, size_t n)
{
	for (size_t i = 0; i < n; i += 128) {
		size_t k = n - i < 128 ? n - i : 128;
		ob_byte(b, (uint8_t)(256 - k));
		ob_put(b, v + i, k);
	}
}

void enc_bools(struct obuf *b, const uint8_t *bits, size_t n)
{
	size_t nbytes = (n + 7) / 8;
	uint8_t *packed = calloc(nbytes + 1, 1);
	for (size_t i = 0; i < n; i++)
		if (bits[i])
			packed[i / 8] |= (uint8_t)(0x80 >> (i % 8));
	enc_bytes(b, packed, nbytes);
	free(packed);
}

static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

void enc_v2(struct obuf *b, const int64_t *v, size_t n, int is_signed)
{
	for (size_t i = 0; i < n; i += 512) {
		size_t k = n - i < 512 ? n - i : 512;
		ob_byte(b, (uint8_t)(0x40 | 31 << 1 | (k - 1) >> 8));
		ob_byte(b, (uint8_t)(k - 1));
		for (size_t j = 0; j < k; j++) {
			uint64_t u = is_signed ? zigzag(v[i + j]) : (uint64_t)v[i + j];
			for (int s = 56; s >= 0; s -= 8)
				ob_byte(b, (uint8_t)(u >> s));
		}
	}
}

void enc_v1(struct obuf *b, const int64_t *v, size_t n, int is_signed)
{
	for (size_t i = 0; i < n; i += 128) {
		size_t k = n - i < 128 ? n - i : 128;
		ob_byte(b, (uint8_t)(256 - k));
		for (size_t j = 0; j < k; j++)
			ob_varint(b, is_signed ? zigzag(v[i + j]) : (uint64_t)v[i + j]);
	}
}

void ob_init(struct orc_build *o, int compression, size_t block_size)
{
	memset(o, 0, sizeof(*o));
	o->compression = compression;
	o->block_size = block_size ? block_size : 256 * 1024;
	ob_put(&o->file, "ORC", 3);
}

void ob_type(struct orc_build *o, unsigned kind, const uint32_t *sub, size_t nsub,
	     const char *const *names)
{
	struct obuf t = { 0 }, packed = { 0 };
	pb_uint(&t, 1, kind);
	for (size_t i = 0; i < nsub; i++)
		ob_varint(&packed, sub[i]);
	if (nsub)
		pb_blob(&t, 2, packed.d, packed.n);
	for (size_t i = 0; names && i < nsub; i++)
		pb_str(&t, 3, names[i]);
	pb_blob(&o->types, 4, t.d, t.n);
	ob_free(&t);
	ob_free(&packed);
}

void ob_type_decimal(struct orc_build *o, unsigned precision, unsigned scale)
{
	struct obuf t = { 0 };
	pb_uint(&t, 1, 14);
	pb_uint(&t, 5, precision);
	pb_uint(&t, 6, scale);
	pb_blob(&o->types, 4, t.d, t.n);
	ob_free(&t);
}

/* One chunk compressed with the file's codec; 0 when that is not smaller. */
static size_t compress_chunk(int kind, const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	switch (kind) {
	case 1: {
		z_stream z;
		memset(&z, 0, sizeof(z));
		if (deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
			return 0;
		z.next_in = (uint8_t *)in;
		z.avail_in = (uInt)n;
		z.next_out = out;
		z.avail_out = (uInt)cap;
		int rc = deflate(&z, Z_FINISH);
		size_t len = cap - z.avail_out;
		deflateEnd(&z);
		return rc == Z_STREAM_END ? len : 0;
	}
	case 2: {
		size_t len = cap;
		return snappy_compress((const char *)in, n, (char *)out, &len) == SNAPPY_OK ? len : 0;
	}
	case 4: {
		int len = LZ4_compress_default((const char *)in, (char *)out, (int)n, (int)cap);
		return len > 0 ? (size_t)len : 0;
	}
	case 5: {
		size_t len = ZSTD_compress(out, cap, in, n, 3);
		return ZSTD_isError(len) ? 0 : len;
	}
	}
	return 0;
}

/* ORC framing: 3-byte little-endian header (length << 1 | original). */
static void frame(const struct orc_build *o, struct obuf *dst, const uint8_t *p, size_t n)
{
	if (o->compression == 0) {
		ob_put(dst, p, n);
		return;
	}
	size_t cap = n * 2 + 1024;
	uint8_t *tmp = malloc(cap);
	for (size_t i = 0; i < n; i += o->block_size) {
		size_t k = n - i < o->block_size ? n - i : o->block_size;
		size_t c = compress_chunk(o->compression, p + i, k, tmp, cap);
		int original = c == 0 || c >= k;
		size_t len = original ? k : c;
		uint32_t h = (uint32_t)(len << 1 | (size_t)original);
		ob_byte(dst, (uint8_t)h);
		ob_byte(dst, (uint8_t)(h >> 8));
		ob_byte(dst, (uint8_t)(h >> 16));
		ob_put(dst, original ? p + i : tmp, len);
	}
	free(tmp);
}

void ob_stream(struct orc_build *o, unsigned kind, unsigned column, const struct obuf *payload)
{
	size_t before = o->data.n;
	frame(o, &o->data, payload->d, payload->n);
	struct obuf s = { 0 };
	pb_uint(&s, 1, kind);
	pb_uint(&s, 2, column);
	pb_uint(&s, 3, o->data.n - before);
	pb_blob(&o->streams, 1, s.d, s.n);
	ob_free(&s);
}

void ob_encoding(struct orc_build *o, unsigned kind, uint64_t dictionary_size)
{
	struct obuf e = { 0 };
	pb_uint(&e, 1, kind);
	if (dictionary_size)
		pb_uint(&e, 2, dictionary_size);
	pb_blob(&o->encodings, 2, e.d, e.n);
	ob_free(&e);
}

void ob_end_stripe(struct orc_build *o, uint64_t rows)
{
	struct obuf sf = { 0 }, framed = { 0 }, info = { 0 };
	ob_put(&sf, o->streams.d, o->streams.n);
	ob_put(&sf, o->encodings.d, o->encodings.n);
	pb_str(&sf, 3, "Asia/Shanghai");
	frame(o, &framed, sf.d, sf.n);
	uint64_t offset = o->file.n;
	ob_put(&o->file, o->data.d, o->data.n);
	ob_put(&o->file, framed.d, framed.n);
	pb_uint(&info, 1, offset);
	pb_uint(&info, 2, 0);
	pb_uint(&info, 3, o->data.n);
	pb_uint(&info, 4, framed.n);
	pb_uint(&info, 5, rows);
	pb_blob(&o->stripes, 3, info.d, info.n);
	o->rows += rows;
	ob_free(&sf);
	ob_free(&framed);
	ob_free(&info);
	o->streams.n = o->encodings.n = o->data.n = 0;
}

uint8_t *ob_finish(struct orc_build *o, size_t *len)
{
	struct obuf footer = { 0 }, framed = { 0 }, ps = { 0 };
	pb_uint(&footer, 1, 3);
	pb_uint(&footer, 2, o->file.n);
	ob_put(&footer, o->stripes.d, o->stripes.n);
	ob_put(&footer, o->types.d, o->types.n);
	pb_uint(&footer, 6, o->rows);
	pb_uint(&footer, 8, 10000);
	frame(o, &framed, footer.d, footer.n);
	ob_put(&o->file, framed.d, framed.n);
	pb_uint(&ps, 1, framed.n);
	pb_uint(&ps, 2, (uint64_t)o->compression);
	pb_uint(&ps, 3, o->block_size);
	pb_blob(&ps, 4, "\x00\x0c", 2);
	pb_uint(&ps, 5, 0);
	pb_uint(&ps, 6, 9);
	pb_str(&ps, 8000, "ORC");
	ob_put(&o->file, ps.d, ps.n);
	ob_byte(&o->file, (uint8_t)ps.n);
	ob_free(&footer);
	ob_free(&framed);
	ob_free(&ps);
	ob_free(&o->types);
	ob_free(&o->stripes);
	ob_free(&o->streams);
	ob_free(&o->encodings);
	ob_free(&o->data);
	*len = o->file.n;
	return o->file.d;
}
