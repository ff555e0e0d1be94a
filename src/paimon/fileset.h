/* The live file set of a snapshot (format-manifests.md §6): base list, then
 * delta list, every manifest in order, ADD inserting and DELETE removing by
 * Paimon's file identifier. Along the way the per-partition and per-bucket
 * sums of $partitions / $buckets (§7.3, §7.4), the changelog files, and
 * the deletion vectors of the index manifest (§8) attached to live files.
 * Where a data file is (§6.2) is computed from the partition row. */
#ifndef PL_PAIMON_FILESET_H
#define PL_PAIMON_FILESET_H

#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "paimon/manifest.h"
#include "paimon/types.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/strbuf.h"

/* What the snapshot names (names are resolved in <table>/manifest/). NULL
 * names are skipped; sizes of 0 mean unknown. */
struct pl_fileset_source {
	const char *base_manifest_list;
	uint64_t base_manifest_list_size;
	const char *delta_manifest_list;
	uint64_t delta_manifest_list_size;
	const char *changelog_manifest_list;
	uint64_t changelog_manifest_list_size;
	const char *index_manifest;
};

enum pl_dv_state {
	PL_DV_NONE = 0,       /* no deletion vector: nothing deleted */
	PL_DV_KNOWN,          /* dv_deleted_rows holds the count */
	PL_DV_UNKNOWN,        /* a vector exists, its count is not recorded
			       * (index manifest older than 1.0): read it
			       * with pl_fileset_resolve_dv */
};

/* A deletion vector attached to a live file. */
struct pl_live_dv {
	int32_t state;                        /* enum pl_dv_state */
	int64_t deleted_rows;                 /* with state PL_DV_KNOWN */
	const struct pl_index_manifest_entry *index;   /* with state != NONE */
	const struct pl_dv_range *range;
};

#define PL_LIVE_NONE UINT32_MAX

/* One live data file, compact (72 bytes): a million-file table is held in
 * well under 200 bytes per file. What identifies and sums a file is here;
 * everything else (statistics, keys, sequence numbers, column lists) stays
 * in the manifest's own bytes, which the set retains, and is decoded when
 * asked (pl_fileset_each_entry, pl_fileset_entry). Read it through the
 * accessors below, not the fields: the layout is the set's business. */
struct pl_live_file {
	/* The name: Paimon writes <prefix><uuid>-<counter><suffix>
	 * (data-<uuid>-0.parquet); such a name is its uuid's 16 bytes, the
	 * counter and an interned (prefix, suffix) form. Any other name is
	 * kept verbatim (name_form PL_LIVE_NONE). */
	union {
		uint8_t uuid[16];
		const char *verbatim;
	} name;
	uint32_t name_counter;
	uint32_t name_form;                   /* index in the set's forms */
	int64_t row_count;
	int64_t file_size;
	uint32_t partition;                   /* index in fs->partition_rows */
	int32_t bucket;
	int32_t level;
	int32_t file_source;                  /* enum pl_file_source */
	uint32_t manifest;                    /* index in fs->manifests */
	uint32_t ordinal;                     /* entry number in that manifest */
	uint32_t rare;                        /* extra identity, or PL_LIVE_NONE */
	uint32_t dv;                          /* index in fs->dvs, or PL_LIVE_NONE */
};

/* The parts of a file's identity that are almost always empty. */
struct pl_live_rare {
	struct pl_string_list extra_files;
	struct pl_blob embedded_index;
	const char *external_path;
};

/* Interned <prefix> and <suffix> around a name's uuid and counter. */
struct pl_name_form {
	const char *prefix, *suffix;
	uint32_t prefix_len, suffix_len;
};

/* Signed sums over every manifest entry of base + delta (ADD +, DELETE -). */
struct pl_partition_stat {
	struct pl_blob partition;
	int64_t record_count;
	int64_t file_size;
	int64_t file_count;
	struct pl_opt_i64 last_update_time;   /* max _CREATION_TIME, DELETEs included */
	int32_t total_buckets;                /* of the last entry merged */
	/* Σ _CARDINALITY of the partition's DV ranges; absent when one is null. */
	struct pl_opt_i64 deleted_record_count;
};

struct pl_bucket_stat {
	struct pl_blob partition;
	int32_t bucket;
	int64_t record_count;
	int64_t file_size;
	int64_t file_count;
	struct pl_opt_i64 last_update_time;
};

struct pl_fileset {
	struct pl_arena arena;                /* owns everything below but the vectors */
	/* Base then delta manifest-list records, in file order. */
	struct pl_manifest_file_metas manifests;
	size_t n_base_manifests;
	struct pl_manifest_file_metas changelog_manifests;
	struct pl_live_file *files;           /* in order of their ADD */
	size_t n_files;
	struct pl_manifest_entries changelog; /* entries of the changelog list */
	struct pl_partition_stat *partitions; /* file_count > 0 only */
	size_t n_partitions;
	struct pl_bucket_stat *buckets;
	size_t n_buckets;
	struct pl_index_manifest_entries index;
	int has_index_manifest;
	int64_t total_record_count;           /* Σ row_count of live files */
	int64_t total_file_size;
	int64_t delta_record_count;           /* Σ ADD - DELETE rows of the delta list */
	/* Oddities that a complete snapshot read should not show. */
	size_t unmatched_deletes;             /* DELETE with no live ADD */
	size_t duplicate_adds;                /* ADD of a live identifier */
	size_t orphan_dv_ranges;              /* DV of no live file */
	/* What the compact records refer to. */
	struct pl_blob *partition_rows;       /* every distinct partition, once */
	size_t n_partition_rows;
	struct pl_name_form *name_forms;
	size_t n_name_forms;
	struct pl_live_rare *rares;
	size_t n_rares;
	struct pl_live_dv *dvs;
	size_t n_dvs;
	/* The bytes of fs->manifests[k] as read (NULL when no live file is
	 * in it): full entries are decoded from them on demand. */
	struct pl_buf *manifest_bytes;
};

int pl_fileset_load(struct pl_storage *st, const char *table_root,
		    const struct pl_fileset_source *src, struct pl_fileset **out,
		    struct pl_error *err);
void pl_fileset_free(struct pl_fileset *fs);

/* ---- reading a live file ---------------------------------------------- */

static inline int64_t pl_live_row_count(const struct pl_live_file *f) { return f->row_count; }
static inline int64_t pl_live_file_size(const struct pl_live_file *f) { return f->file_size; }
static inline int32_t pl_live_bucket(const struct pl_live_file *f) { return f->bucket; }
static inline int32_t pl_live_level(const struct pl_live_file *f) { return f->level; }
static inline int32_t pl_live_file_source(const struct pl_live_file *f) { return f->file_source; }

/* The partition row; every file of a partition shares the same bytes, so
 * pointer equality is partition equality within one set. */
const struct pl_blob *pl_live_partition(const struct pl_fileset *fs, const struct pl_live_file *f);
/* The file name, replacing what sb held; returns pl_strbuf_str(sb). */
const char *pl_live_file_name(const struct pl_fileset *fs, const struct pl_live_file *f,
			      struct pl_strbuf *sb);
/* _EXTERNAL_PATH, or NULL when the file is inside the table. */
const char *pl_live_external_path(const struct pl_fileset *fs, const struct pl_live_file *f);
/* The file's deletion vector (state PL_DV_NONE when it has none). */
struct pl_live_dv pl_live_file_dv(const struct pl_fileset *fs, const struct pl_live_file *f);

/* Full entries, decoded again from the retained manifest bytes. fn sees
 * each live file in order (i indexes fs->files); e is valid during the
 * call only. A non-zero return from fn stops and is returned. Each
 * manifest is decoded once per pass. */
typedef int (*pl_live_entry_fn)(void *ctx, size_t i, const struct pl_manifest_entry *e,
				struct pl_error *err);
int pl_fileset_each_entry(const struct pl_fileset *fs, pl_live_entry_fn fn, void *ctx,
			  struct pl_error *err);
/* One file's full entry, copied into arena (decodes its manifest up to
 * the entry: for a detail view, not for loops). */
int pl_fileset_entry(const struct pl_fileset *fs, size_t i, struct pl_arena *arena,
		     struct pl_manifest_entry *out, struct pl_error *err);

/* How data file paths are built for one table (§6.2, format-metadata.md
 * §1.5 - §1.7). */
struct pl_path_spec {
	const char *table_root;
	const char *data_file_path_directory;      /* option data-file.path-directory */
	size_t n_partition_keys;
	const char *const *partition_keys;
	const struct pl_dtype *const *partition_types;
	const char *default_partition_name;        /* NULL: __DEFAULT_PARTITION__ */
	int legacy_partition_name;                 /* partition.legacy-name, default 1 */
	int index_file_in_data_dir;                /* index-file-in-data-file-dir */
};

/* "k1=v1/k2=v2" with values escaped as directory names ("" if no keys). */
int pl_partition_path(const struct pl_path_spec *spec, const struct pl_blob *partition,
		      struct pl_arena *arena, char **out, struct pl_error *err);
/* <table>/[<dir>/]<partition path>/bucket-<n> (bucket -2: bucket-postpone). */
int pl_bucket_path(const struct pl_path_spec *spec, const struct pl_blob *partition,
		   int32_t bucket, struct pl_arena *arena, char **out, struct pl_error *err);
/* The data file: its _EXTERNAL_PATH URI as recorded when set (*external = 1),
 * else the storage path inside the table. */
int pl_data_file_path(const struct pl_path_spec *spec, const struct pl_manifest_entry *e,
		      struct pl_arena *arena, char **out, int *external, struct pl_error *err);
/* The same for a live file of the set. */
int pl_live_file_path(const struct pl_path_spec *spec, const struct pl_fileset *fs,
		      const struct pl_live_file *f, struct pl_arena *arena, char **out,
		      int *external, struct pl_error *err);
/* The index file of an index manifest entry (§8.2). */
int pl_index_file_path(const struct pl_path_spec *spec, const struct pl_index_manifest_entry *e,
		       struct pl_arena *arena, char **out, int *external, struct pl_error *err);

/* Reads the deletion vectors of live files whose count is not recorded and
 * fills dv_deleted_rows. External index files are left unknown. */
int pl_fileset_resolve_dv(struct pl_fileset *fs, struct pl_storage *st,
			  const struct pl_path_spec *spec, struct pl_error *err);

#endif
