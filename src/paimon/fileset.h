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

struct pl_live_file {
	struct pl_manifest_entry entry;       /* kind is ADD */
	int32_t dv_state;                     /* enum pl_dv_state */
	int64_t dv_deleted_rows;
	const struct pl_index_manifest_entry *dv_index;   /* with dv_state != NONE */
	const struct pl_dv_range *dv_range;
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
	struct pl_arena arena;                /* owns everything below but files[] */
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
	struct pl_arena files_arena;          /* the bytes of files[] entries */
};

int pl_fileset_load(struct pl_storage *st, const char *table_root,
		    const struct pl_fileset_source *src, struct pl_fileset **out,
		    struct pl_error *err);
void pl_fileset_free(struct pl_fileset *fs);

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
/* The index file of an index manifest entry (§8.2). */
int pl_index_file_path(const struct pl_path_spec *spec, const struct pl_index_manifest_entry *e,
		       struct pl_arena *arena, char **out, int *external, struct pl_error *err);

/* Reads the deletion vectors of live files whose count is not recorded and
 * fills dv_deleted_rows. External index files are left unknown. */
int pl_fileset_resolve_dv(struct pl_fileset *fs, struct pl_storage *st,
			  const struct pl_path_spec *spec, struct pl_error *err);

#endif
