/* Row-at-a-time reader over a manifest-type file held in memory, whatever
 * its container: Avro object container file or ORC (sniffed from the magic
 * bytes). The file bytes must outlive the reader. */
#ifndef PL_PAIMON_RECORDS_H
#define PL_PAIMON_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "paimon/value.h"
#include "util/err.h"

enum pl_file_format {
	PL_FMT_UNKNOWN = 0,
	PL_FMT_AVRO,
	PL_FMT_ORC,
	PL_FMT_PARQUET,
};

enum pl_file_format pl_sniff_format(const uint8_t *data, size_t len);
const char *pl_file_format_name(enum pl_file_format f);

struct pl_record_reader;

/* name is used in error messages only. */
int pl_record_reader_open(const uint8_t *data, size_t len, const char *name,
			  struct pl_record_reader **out, struct pl_error *err);
/* Root record type of the file (top-level ["null", record] unions are
 * unwrapped). Valid for the reader's life. */
const struct pl_rtype *pl_record_reader_type(const struct pl_record_reader *r);
/* 1: *row holds the next record (valid until the next call); 0: end of
 * file; -1: error (err says file, offset, what was expected). */
int pl_record_reader_next(struct pl_record_reader *r, const struct pl_value **row,
			  struct pl_error *err);
/* A hint that the caller will not read the fields of record type rtype
 * (a record type of this reader's tree) whose bits are set in mask (bit i:
 * field i, below 64). They then read as null. The Avro reader steps over
 * their bytes without decoding them (still checking they are well-formed
 * enough to be skipped); a reader that cannot skip decodes them anyway. */
void pl_record_reader_skip_fields(struct pl_record_reader *r, const struct pl_rtype *rtype,
				  uint64_t mask);
/* Selected reading, for callers that read a few fields of many records:
 * paths name fields from the root record, nested records separated by '/'
 * ("_FILE/_FILE_NAME"). Afterwards pl_record_reader_next_selected fills
 * vals[i] with the value at paths[i] (null when the file has no such field
 * or a record on the way is null) and every other field is stepped over
 * without being decoded. Values are valid until the next call. Paths may
 * not overlap (a path and its own prefix). Returns 0 or -1 (usage). */
int pl_record_reader_select(struct pl_record_reader *r, const char *const *paths, size_t n,
			    struct pl_error *err);
/* 1: vals[0..n) hold the next record's selected fields; 0: end; -1: error. */
int pl_record_reader_next_selected(struct pl_record_reader *r, struct pl_value *vals,
				   struct pl_error *err);
/* Threads a reader may use beside its caller (Avro decompresses the blocks
 * of big files ahead on a second one). Default: $PAIMON_LENS_THREADS when
 * set (1 turns read-ahead off), else 2 on a machine with more than one
 * CPU, 1 otherwise. */
void pl_record_readers_set_threads(int n);
int pl_record_readers_threads(void);
enum pl_file_format pl_record_reader_format(const struct pl_record_reader *r);
/* Container metadata for display, e.g. "zstandard" or "ZSTD"; never NULL. */
const char *pl_record_reader_codec(const struct pl_record_reader *r);
void pl_record_reader_close(struct pl_record_reader *r);

/* The per-container back ends implement this table. */
struct pl_record_reader_ops {
	int (*next)(void *impl, const struct pl_value **row, struct pl_error *err);
	const struct pl_rtype *(*type)(void *impl);
	const char *(*codec)(void *impl);
	void (*close)(void *impl);
	/* Optional: see pl_record_reader_skip_fields. */
	void (*skip_fields)(void *impl, const struct pl_rtype *rtype, uint64_t mask);
	/* Optional, both or neither: see pl_record_reader_select. Without
	 * them the selected fields are picked out of next()'s records. */
	int (*select)(void *impl, const char *const *paths, size_t n, struct pl_error *err);
	int (*next_selected)(void *impl, struct pl_value *vals, struct pl_error *err);
};

/* Back-end entry points (avro.c, orc_reader.c). */
int pl_avro_reader_open(const uint8_t *data, size_t len, const char *name, void **impl,
			const struct pl_record_reader_ops **ops, struct pl_error *err);
int pl_orc_reader_open(const uint8_t *data, size_t len, const char *name, void **impl,
		       const struct pl_record_reader_ops **ops, struct pl_error *err);

#endif
