/* ORC files as the ORC Java library writes them for Paimon manifests when
 * 'manifest.format' = 'orc' (format-manifests.md §2A): one stripe, zstd
 * chunks of at most 256 KiB (stored original when compression does not
 * help), integer RLE v2, direct strings, PRESENT streams only for columns
 * that hold a null, writer version 9, proleptic Gregorian calendar.
 *
 * Values are appended in the same order as the Avro encoders append them:
 * depth first through the type tree, one call per field. The writer keeps
 * a cursor on the column the next value belongs to, so a caller that
 * writes a record's Avro fields in order can write its ORC form with the
 * same sequence of calls. Everything is buffered and written at close. */
#ifndef PL_GEN_ORC_WRITER_H
#define PL_GEN_ORC_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "gen/avro_writer.h"
#include "util/err.h"

struct gen_orc_col;

struct gen_orc_writer {
	char *path;
	enum gen_codec codec;
	struct gen_orc_col *cols;
	size_t ncols, capcols;
	uint32_t cursor;              /* column of the next value */
	struct { uint32_t elem; uint64_t left; } lists[16];
	int depth;                    /* open lists */
	int misuse;                   /* a value did not fit the type tree */
	uint64_t rows;
	uint64_t buffered;            /* uncompressed bytes held so far */
	uint64_t size;                /* the file's size, after close */
	void *zstd;                   /* ZSTD_CCtx */
};

/* type is an ORC type string with the kinds Paimon's manifests use:
 * struct<name:T,...>, array<T>, tinyint, int, bigint, string, binary,
 * timestamp (given as milliseconds since 1970, written as wall-clock). */
int gen_orc_open(struct gen_orc_writer *w, const char *path, const char *type,
		 enum gen_codec codec, struct pl_error *err);
void gen_orc_long(struct gen_orc_writer *w, int64_t v);
void gen_orc_bytes(struct gen_orc_writer *w, const void *p, size_t n);
void gen_orc_null(struct gen_orc_writer *w);
/* A present struct: its fields follow. */
void gen_orc_struct(struct gen_orc_writer *w);
/* A present list of n elements: n element values follow. */
void gen_orc_list(struct gen_orc_writer *w, uint64_t n);
/* Closes the row; -1 when its values did not match the type tree. */
int gen_orc_end_row(struct gen_orc_writer *w, struct pl_error *err);
/* Encodes, writes and frees; w->size is the file's size. */
int gen_orc_close(struct gen_orc_writer *w, struct pl_error *err);
void gen_orc_abort(struct gen_orc_writer *w);

/* Encoders, exposed for tests. out grows. */
void gen_orc_rle2(struct pl_strbuf *out, const int64_t *v, size_t n, int is_signed);
void gen_orc_byte_rle(struct pl_strbuf *out, const uint8_t *b, size_t n);

#endif
