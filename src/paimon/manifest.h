/* Manifest lists, manifests and index manifests decoded into C structs
 * (format-manifests.md §3). Fields are looked up by name in each file's own
 * writer type, once per file; a field the file does not have reads as null,
 * so every schema variant of §3.5 (L1-L4, M1-M9, I1-I7), Avro or ORC, goes
 * through the same code.
 *
 * Statistics and key rows stay as raw BinaryRow bytes (decode them with
 * paimon/binrow.h when shown). Everything a decoded struct points to lives
 * in the arena passed by the caller. */
#ifndef PL_PAIMON_MANIFEST_H
#define PL_PAIMON_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/strbuf.h"

/* Raw bytes (NULL/0 for a null value; has_value distinguishes an empty
 * value from null where it matters). */
struct pl_blob {
	const uint8_t *p;
	uint32_t n;
	uint32_t has_value;
};

/* Null count item unknown. */
#define PL_NULL_COUNT_UNKNOWN INT64_MIN

/* SimpleStats: min/max BinaryRows and per-column null counts. */
struct pl_simple_stats {
	struct pl_blob min_values;
	struct pl_blob max_values;
	int64_t *null_counts;      /* PL_NULL_COUNT_UNKNOWN for a null item */
	uint32_t n_null_counts;
	uint32_t has_null_counts;  /* 0: the array itself was null */
};

/* A nullable 64-bit number. */
struct pl_opt_i64 {
	int64_t v;
	int present;
};

/* ManifestFileMeta: one record of a manifest list (§3.1). */
struct pl_manifest_file_meta {
	const char *file_name;
	int64_t file_size;
	int64_t num_added_files;
	int64_t num_deleted_files;
	struct pl_simple_stats partition_stats;
	int64_t schema_id;
	struct pl_opt_i64 min_bucket, max_bucket;   /* 1.1+ */
	struct pl_opt_i64 min_level, max_level;     /* 1.1+ */
	struct pl_opt_i64 min_row_id, max_row_id;   /* 1.4+ */
};

struct pl_string_list {
	const char **items;
	uint32_t n;
	uint32_t present;          /* 0: null */
};

enum pl_file_kind {
	PL_FILE_ADD = 0,
	PL_FILE_DELETE = 1,
};

enum pl_file_source {
	PL_SOURCE_UNKNOWN = -1,    /* null: written before 0.9 */
	PL_SOURCE_APPEND = 0,
	PL_SOURCE_COMPACT = 1,
};

/* DataFileMeta (§3.3, the _FILE record). */
struct pl_data_file_meta {
	const char *file_name;
	int64_t file_size;
	int64_t row_count;
	struct pl_blob min_key;
	struct pl_blob max_key;
	struct pl_simple_stats key_stats;
	struct pl_simple_stats value_stats;
	int64_t min_sequence_number;
	int64_t max_sequence_number;
	int64_t schema_id;
	int32_t level;
	struct pl_string_list extra_files;
	/* Writer's local wall clock in millis, encoded as if UTC (§3.6). */
	struct pl_opt_i64 creation_time;
	struct pl_opt_i64 delete_row_count;
	struct pl_blob embedded_index;
	int32_t file_source;                  /* enum pl_file_source */
	struct pl_string_list value_stats_cols;
	const char *external_path;            /* NULL: inside the table */
	struct pl_opt_i64 first_row_id;
	struct pl_string_list write_cols;
	int64_t *write_cols_sequences;        /* master only; NULL when null */
	uint32_t n_write_cols_sequences;
};

/* ManifestEntry (§3.3). */
struct pl_manifest_entry {
	int32_t kind;                         /* enum pl_file_kind */
	int32_t bucket;
	int32_t total_buckets;
	struct pl_blob partition;
	struct pl_data_file_meta file;
};

/* One deletion vector inside a DV index file (§3.4, §8). */
struct pl_dv_range {
	const char *data_file;                /* f0 */
	int32_t offset;                       /* f1 */
	int32_t length;                       /* f2 */
	struct pl_opt_i64 cardinality;        /* 1.0+ */
};

struct pl_global_index_meta {
	int present;
	int64_t row_range_start;
	int64_t row_range_end;
	int32_t index_field_id;
	int32_t *extra_field_ids;
	uint32_t n_extra_field_ids;
	uint32_t has_extra_field_ids;
	struct pl_blob index_meta;
	struct pl_blob source_meta;
};

/* IndexManifestEntry (§3.4). */
struct pl_index_manifest_entry {
	int32_t kind;
	int32_t bucket;
	struct pl_blob partition;
	const char *index_type;               /* "DELETION_VECTORS", "HASH", ... */
	const char *file_name;
	int64_t file_size;
	int64_t row_count;
	struct pl_dv_range *dv_ranges;
	uint32_t n_dv_ranges;
	uint32_t has_dv_ranges;               /* 0: the list was null */
	const char *external_path;
	struct pl_global_index_meta global_index;
};

/* Vectors of decoded records; items live in the caller's arena. */
struct pl_manifest_file_metas {
	struct pl_manifest_file_meta *items;
	size_t n;
};

struct pl_manifest_entries {
	struct pl_manifest_entry *items;
	size_t n;
};

struct pl_index_manifest_entries {
	struct pl_index_manifest_entry *items;
	size_t n;
};

/* Decoding from bytes in memory (name is for error messages). Appends to
 * out; on error out keeps the records decoded so far. out->items is a heap
 * array that the caller releases with free(); the strings and bytes the
 * records point to live in arena. */
int pl_manifest_list_parse(const uint8_t *data, size_t len, const char *name,
			   struct pl_arena *arena, struct pl_manifest_file_metas *out,
			   struct pl_error *err);
int pl_manifest_parse(const uint8_t *data, size_t len, const char *name, struct pl_arena *arena,
		      struct pl_manifest_entries *out, struct pl_error *err);
/* The same one entry at a time, for readers that keep few of them: fn sees
 * each entry in file order; what it points to is valid only during the
 * call (copy it with pl_manifest_entry_copy). scratch is reset between
 * entries. A non-zero return from fn stops the parse and is returned. */
typedef int (*pl_manifest_entry_fn)(void *ctx, const struct pl_manifest_entry *e,
				    struct pl_error *err);
int pl_manifest_parse_each(const uint8_t *data, size_t len, const char *name,
			   struct pl_arena *scratch, pl_manifest_entry_fn fn, void *fn_ctx,
			   struct pl_error *err);
/* The same for readers that keep only what identifies and sums a file:
 * _MIN_KEY, _MAX_KEY, _KEY_STATS, _VALUE_STATS, _VALUE_STATS_COLS,
 * _WRITE_COLS and _WRITE_COLS_SEQUENCES may read as null (Avro steps over
 * their bytes without decoding them). */
int pl_manifest_parse_each_brief(const uint8_t *data, size_t len, const char *name,
				 struct pl_arena *scratch, pl_manifest_entry_fn fn, void *fn_ctx,
				 struct pl_error *err);
int pl_index_manifest_parse(const uint8_t *data, size_t len, const char *name,
			    struct pl_arena *arena, struct pl_index_manifest_entries *out,
			    struct pl_error *err);

/* Reading <table_root>/manifest/<name> through the storage. size_hint is
 * the expected byte size (from the snapshot or the manifest list), 0 if
 * unknown; a file of another size is reported as corrupt. */
int pl_manifest_list_read(struct pl_storage *st, const char *table_root, const char *name,
			  uint64_t size_hint, struct pl_arena *arena,
			  struct pl_manifest_file_metas *out, struct pl_error *err);
int pl_manifest_read(struct pl_storage *st, const char *table_root, const char *name,
		     uint64_t size_hint, struct pl_arena *arena, struct pl_manifest_entries *out,
		     struct pl_error *err);
int pl_index_manifest_read(struct pl_storage *st, const char *table_root, const char *name,
			   struct pl_arena *arena, struct pl_index_manifest_entries *out,
			   struct pl_error *err);

/* The columns _VALUE_STATS rows cover (§5.3): the file schema's fields
 * (schema_fields, in schema order), replaced by _WRITE_COLS when set, then
 * narrowed to _VALUE_STATS_COLS when set. Returns the count; *out points
 * into the entry or into schema_fields. */
size_t pl_value_stats_columns(const struct pl_data_file_meta *f, const char *const *schema_fields,
			      size_t n_schema_fields, const char *const **out);

/* "{a=0, b=null}": null counts as $files prints null_value_counts; names
 * sorted, counts[fields[i]] for column names[i], a field of -1 shows
 * absent_count (Java uses the row count for a column the file lacks). */
void pl_render_null_counts(const char *const *names, const int32_t *fields, size_t n,
			   const struct pl_simple_stats *stats, int64_t absent_count,
			   struct pl_strbuf *sb);

/* Deep copy of an entry into another arena (to keep live entries and drop
 * the rest of a manifest). */
void pl_manifest_entry_copy(struct pl_arena *arena, struct pl_manifest_entry *dst,
			    const struct pl_manifest_entry *src);

const char *pl_file_kind_name(int32_t kind);          /* "ADD", "DELETE" */
const char *pl_file_source_name(int32_t source);      /* "APPEND", "COMPACT", NULL */

#endif
