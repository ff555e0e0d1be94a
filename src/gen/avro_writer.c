#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zstd.h>

#include "gen/avro_writer.h"
#include "util/alloc.h"

/* Paimon's default file.compression.zstd-level. */
#define GEN_ZSTD_LEVEL 1

void gen_avro_long(struct pl_strbuf *sb, int64_t v)
{
	uint64_t z = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
	uint8_t b[10];
	size_t n = 0;
	while (z >= 0x80) {
		b[n++] = (uint8_t)(z | 0x80);
		z >>= 7;
	}
	b[n++] = (uint8_t)z;
	pl_strbuf_add(sb, b, n);
}

void gen_avro_bytes(struct pl_strbuf *sb, const void *p, size_t n)
{
	gen_avro_long(sb, (int64_t)n);
	if (n)
		pl_strbuf_add(sb, p, n);
}

void gen_avro_string(struct pl_strbuf *sb, const char *s)
{
	gen_avro_bytes(sb, s, strlen(s));
}

static int write_all(struct gen_avro_writer *w, const void *p, size_t n, struct pl_error *err)
{
	const char *c = p;
	while (n > 0) {
		ssize_t r = write(w->fd, c, n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return pl_err(err, PL_ERR_IO, "%s: write failed: %s", w->path,
				      strerror(errno));
		}
		c += r;
		n -= (size_t)r;
		w->size += (uint64_t)r;
	}
	return 0;
}

int gen_avro_open(struct gen_avro_writer *w, const char *path, const char *schema_json,
		  enum gen_codec codec, const uint8_t sync[16], struct pl_error *err)
{
	memset(w, 0, sizeof(*w));
	w->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (w->fd < 0)
		return pl_err(err, PL_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
	w->path = pl_strdup(path);
	w->codec = codec;
	memcpy(w->sync, sync, 16);
	if (codec == GEN_CODEC_ZSTD) {
		ZSTD_CCtx *c = ZSTD_createCCtx();
		if (!c) {
			gen_avro_abort(w);
			return pl_err(err, PL_ERR_NOMEM, "zstd: cannot create context");
		}
		ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, GEN_ZSTD_LEVEL);
		ZSTD_CCtx_setParameter(c, ZSTD_c_contentSizeFlag, 0);
		ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 0);
		w->zstd = c;
	}

	struct pl_strbuf h = PL_STRBUF_INIT;
	pl_strbuf_add(&h, "Obj\x01", 4);
	gen_avro_long(&h, 2);  /* map block with two entries */
	gen_avro_string(&h, "avro.schema");
	gen_avro_string(&h, schema_json);
	gen_avro_string(&h, "avro.codec");
	gen_avro_string(&h, codec == GEN_CODEC_ZSTD ? "zstandard" : "null");
	gen_avro_long(&h, 0);
	pl_strbuf_add(&h, w->sync, 16);
	int rc = write_all(w, h.buf, h.len, err);
	pl_strbuf_free(&h);
	if (rc != 0)
		gen_avro_abort(w);
	return rc;
}

static int compress_block(struct gen_avro_writer *w, const void **p, size_t *n,
			  struct pl_error *err)
{
	if (w->codec == GEN_CODEC_NULL) {
		*p = w->block.buf;
		*n = w->block.len;
		return 0;
	}
	size_t bound = ZSTD_compressBound(w->block.len) + 64;
	PL_GROW(w->out.buf, w->out.cap, bound + 1);
	ZSTD_inBuffer in = { w->block.buf, w->block.len, 0 };
	ZSTD_outBuffer out = { w->out.buf, w->out.cap, 0 };
	ZSTD_CCtx_reset(w->zstd, ZSTD_reset_session_only);
	size_t left;
	do {
		left = ZSTD_compressStream2(w->zstd, &out, &in, ZSTD_e_end);
		if (ZSTD_isError(left))
			return pl_err(err, PL_ERR_GENERIC, "%s: zstd: %s", w->path,
				      ZSTD_getErrorName(left));
	} while (left != 0);
	*p = w->out.buf;
	*n = out.pos;
	return 0;
}

static int flush_block(struct gen_avro_writer *w, struct pl_error *err)
{
	if (w->block_records == 0)
		return 0;
	const void *p = NULL;
	size_t n = 0;
	if (compress_block(w, &p, &n, err) != 0)
		return -1;
	struct pl_strbuf h = PL_STRBUF_INIT;
	gen_avro_long(&h, (int64_t)w->block_records);
	gen_avro_long(&h, (int64_t)n);
	int rc = write_all(w, h.buf, h.len, err);
	pl_strbuf_free(&h);
	if (rc == 0)
		rc = write_all(w, p, n, err);
	if (rc == 0)
		rc = write_all(w, w->sync, 16, err);
	pl_strbuf_reset(&w->block);
	w->block_records = 0;
	return rc;
}

int gen_avro_end_record(struct gen_avro_writer *w, struct pl_error *err)
{
	w->block_records++;
	w->records++;
	if (w->block.len >= GEN_AVRO_SYNC_INTERVAL)
		return flush_block(w, err);
	return 0;
}

int gen_avro_close(struct gen_avro_writer *w, struct pl_error *err)
{
	int rc = flush_block(w, err);
	if (close(w->fd) != 0 && rc == 0)
		rc = pl_err(err, PL_ERR_IO, "%s: close failed: %s", w->path, strerror(errno));
	w->fd = -1;
	gen_avro_abort(w);
	return rc;
}

void gen_avro_abort(struct gen_avro_writer *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	free(w->path);
	w->path = NULL;
	pl_strbuf_free(&w->block);
	pl_strbuf_free(&w->out);
	if (w->zstd)
		ZSTD_freeCCtx(w->zstd);
	w->zstd = NULL;
}
