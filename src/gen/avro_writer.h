/* Avro object container files as Java's DataFileWriter writes them for
 * Paimon manifests (format-manifests.md §2): header with avro.schema and
 * avro.codec, blocks closed once 64000 uncompressed bytes are buffered,
 * codecs null and zstandard (streaming frame without content size, as
 * zstd-jni writes it). Records are appended with the encoders below. */
#ifndef PL_GEN_AVRO_WRITER_H
#define PL_GEN_AVRO_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "util/strbuf.h"

enum gen_codec {
	GEN_CODEC_NULL,
	GEN_CODEC_ZSTD,
};

struct gen_avro_writer {
	char *path;
	int fd;
	enum gen_codec codec;
	uint8_t sync[16];
	struct pl_strbuf block;    /* uncompressed records of the open block */
	uint64_t block_records;
	struct pl_strbuf out;      /* scratch for the compressed block */
	uint64_t size;             /* bytes written to the file so far */
	uint64_t records;
	void *zstd;                /* ZSTD_CCtx */
};

/* Java's DataFileConstants.DEFAULT_SYNC_INTERVAL. */
#define GEN_AVRO_SYNC_INTERVAL 64000

int gen_avro_open(struct gen_avro_writer *w, const char *path, const char *schema_json,
		  enum gen_codec codec, const uint8_t sync[16], struct pl_error *err);
/* Call after the fields of one record were appended to w->block. */
int gen_avro_end_record(struct gen_avro_writer *w, struct pl_error *err);
/* Flushes and closes; w->size is the final file size. */
int gen_avro_close(struct gen_avro_writer *w, struct pl_error *err);
/* Frees without finishing (after an error). */
void gen_avro_abort(struct gen_avro_writer *w);

/* Avro binary encoders (any strbuf). */
void gen_avro_long(struct pl_strbuf *sb, int64_t v);
static inline void gen_avro_int(struct pl_strbuf *sb, int32_t v) { gen_avro_long(sb, v); }
void gen_avro_bytes(struct pl_strbuf *sb, const void *p, size_t n);
void gen_avro_string(struct pl_strbuf *sb, const char *s);
/* Union ["null", T]: branch 0 (null) or branch 1 (a value follows). */
static inline void gen_avro_null(struct pl_strbuf *sb) { pl_strbuf_addch(sb, 0); }
static inline void gen_avro_some(struct pl_strbuf *sb) { pl_strbuf_addch(sb, 2); }

#endif
