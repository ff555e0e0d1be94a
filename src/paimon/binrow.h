/* Paimon's BinaryRow, the encoding of partition values, primary keys and
 * min/max statistics inside manifests (format-manifests.md §4): a 4-byte
 * big-endian arity, then a little-endian row of a header byte, null bits,
 * one 8-byte slot per field and a variable-length part. Rows are not
 * self-describing: the caller supplies the column types.
 *
 * Values are rendered the two ways Java's system tables print them:
 * PL_RENDER_CAST is CAST(x AS STRING) (partition strings "{10, x}",
 * $partitions names), PL_RENDER_OBJECT is Java's toString of Paimon's
 * internal objects (min_key "[Alice, 1]", stats maps "{a=1}", legacy
 * partition directory names), where a DATE is its day number. */
#ifndef PL_PAIMON_BINROW_H
#define PL_PAIMON_BINROW_H

#include <stddef.h>
#include <stdint.h>

#include "paimon/types.h"
#include "util/err.h"
#include "util/strbuf.h"

struct pl_binrow {
	const uint8_t *row;     /* row bytes after the arity prefix */
	size_t size;            /* bytes of the row */
	int32_t arity;
	const char *file;       /* for error messages; may be NULL */
	uint64_t file_offset;   /* offset of the row in that file, 0 if unknown */
};

/* Parses the wrapper: arity prefix, then checks that header, null bits and
 * slots fit. Does not copy: r points into p. */
int pl_binrow_open(const uint8_t *p, size_t n, const char *file, uint64_t file_offset,
		   struct pl_binrow *r, struct pl_error *err);
/* 1 when field i is null (or out of range). */
int pl_binrow_is_null(const struct pl_binrow *r, int32_t i);

enum pl_datum_kind {
	PL_D_NULL = 0,
	PL_D_BOOL,
	PL_D_INT,          /* TINYINT..BIGINT, DATE (days), TIME (millis of day) */
	PL_D_FLOAT,
	PL_D_DOUBLE,
	PL_D_DECIMAL,      /* compact: unscaled in i; else big-endian bytes */
	PL_D_STRING,
	PL_D_BINARY,
	PL_D_TIMESTAMP,    /* millis + nanos of milli */
	PL_D_UNSUPPORTED,  /* nested types: shown, not decoded */
};

struct pl_datum {
	enum pl_datum_kind kind;
	int64_t i;              /* BOOL, INT, compact DECIMAL, TIMESTAMP millis */
	int32_t nanos;          /* TIMESTAMP: 0..999999 */
	double d;               /* FLOAT, DOUBLE */
	const uint8_t *p;       /* STRING, BINARY, non-compact DECIMAL: into the row */
	size_t n;
	int compact_decimal;
};

/* Decodes field i with type t. Every offset and length is checked against
 * the row; a violation is PL_ERR_CORRUPT naming the file and field. */
int pl_binrow_get(const struct pl_binrow *r, int32_t i, const struct pl_dtype *t,
		  struct pl_datum *out, struct pl_error *err);

enum pl_render {
	PL_RENDER_CAST,     /* CAST(x AS STRING): dates yyyy-MM-dd, ... */
	PL_RENDER_OBJECT,   /* Java toString of the internal value */
};

/* Appends the text of one value; null prints as "null". t gives precision
 * and scale. Bytes are appended raw (UTF-8 as stored): sanitise before
 * drawing. */
void pl_datum_render(const struct pl_datum *d, const struct pl_dtype *t, enum pl_render how,
		     struct pl_strbuf *sb);

/* Whole rows. types[] has ntypes entries; the row's arity must match. */
/* "{v1, v2}" as RowToStringCastRule prints a partition. */
int pl_binrow_render_cast_row(const struct pl_binrow *r, const struct pl_dtype *const *types,
			      size_t ntypes, struct pl_strbuf *sb, struct pl_error *err);
/* "[v1, v2]" as Arrays.toString of the internal objects (min_key). */
int pl_binrow_render_list(const struct pl_binrow *r, const struct pl_dtype *const *types,
			  size_t ntypes, struct pl_strbuf *sb, struct pl_error *err);

/* One column of a statistics map: its current name and type, and its
 * field in the stats row (-1: the file has no statistics for it). */
struct pl_stats_column {
	const char *name;
	const struct pl_dtype *type;
	int32_t field;
};

/* "{a=1, b=x}": Java's TreeMap<String, Object>.toString of column name →
 * bound as $files prints min_value_stats / max_value_stats, sorted by
 * name, values as internal objects, missing ones "null". r may be NULL
 * (no statistics). */
int pl_binrow_render_map(const struct pl_binrow *r, const struct pl_stats_column *cols,
			 size_t ncols, struct pl_strbuf *sb, struct pl_error *err);
/* The order pl_binrow_render_map prints columns in: idx[0..ncols). */
void pl_stats_columns_sorted(const struct pl_stats_column *cols, size_t ncols, size_t *idx);

/* Java's Float.toString / Double.toString. */
void pl_java_float(struct pl_strbuf *sb, float f);
void pl_java_double(struct pl_strbuf *sb, double d);
/* Java LocalDateTime.toString of wall-clock millis + nanos ("2023-01-01T12:00",
 * "…:00.123", "…:00.123456"). */
void pl_java_local_datetime(struct pl_strbuf *sb, int64_t millis, int32_t nanos);
/* Paimon's DateTimeUtils.formatTimestamp: "yyyy-MM-dd HH:mm:ss[.fff]", the
 * fraction trimmed of trailing zeros down to precision digits. */
void pl_format_timestamp(struct pl_strbuf *sb, int64_t millis, int32_t nanos, int precision);
/* "yyyy-MM-dd" of a day number. */
void pl_format_date(struct pl_strbuf *sb, int64_t days);

#endif
