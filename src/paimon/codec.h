/* Block decompression for the codecs Paimon's manifests use: Avro blocks
 * (null, deflate, snappy, zstandard) and ORC compression chunks (ZLIB =
 * raw deflate, SNAPPY, ZSTD, LZ4). Thin wrappers over zlib, snappy, zstd and
 * lz4 that bound the output size: a hostile block never makes us allocate
 * more than max_out bytes. */
#ifndef PL_PAIMON_CODEC_H
#define PL_PAIMON_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

enum pl_codec {
	PL_CODEC_NONE = 0,
	PL_CODEC_DEFLATE,   /* raw RFC 1951, no zlib header (Avro deflate, ORC ZLIB) */
	PL_CODEC_SNAPPY,    /* one raw snappy block (no framing, no CRC) */
	PL_CODEC_ZSTD,      /* one or more zstd frames; content size may be absent */
	PL_CODEC_LZ4,       /* one raw LZ4 block (ORC LZ4) */
};

/* A reusable output buffer: decompression grows it as needed and callers
 * keep it across blocks to avoid reallocating. */
struct pl_bytes {
	uint8_t *data;
	size_t len;
	size_t cap;
};

/* Decompresses in[0..n) into out (replacing its contents). size_hint is the
 * expected output size when the container knows it (ORC chunk/buffer size),
 * else 0. Output larger than max_out is PL_ERR_LIMIT; undecodable input is
 * PL_ERR_CORRUPT naming file and offset. */
int pl_decompress(enum pl_codec codec, const uint8_t *in, size_t n, size_t size_hint,
		  size_t max_out, struct pl_bytes *out, const char *file, uint64_t offset,
		  struct pl_error *err);
const char *pl_codec_name(enum pl_codec codec);
void pl_bytes_free(struct pl_bytes *b);

#endif
