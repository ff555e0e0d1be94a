/* Everything the governance record says about one table, read once
 * through the shared metadata readers (paimon/table.h): schemas (all
 * versions, for the history), the chosen snapshot and the newest ones,
 * tags, branches, consumers, the live file set and statistics. Kept in
 * collect/ so the export does not depend on the browser's view machinery;
 * the loader reads only metadata files. */
#ifndef PL_COLLECT_TABLE_META_H
#define PL_COLLECT_TABLE_META_H

#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "paimon/fileset.h"
#include "paimon/manifest.h"
#include "paimon/schema.h"
#include "paimon/snapshot.h"
#include "util/arena.h"
#include "util/err.h"

/* The record's projection of a snapshot or tag file (paimon/snapshot.h
 * parses them); absent and null read alike. */
struct pl_cm_snapshot {
	int64_t id;
	int64_t schema_id;
	const char *base_manifest_list;
	struct pl_opt_i64 base_manifest_list_size;
	const char *delta_manifest_list;
	struct pl_opt_i64 delta_manifest_list_size;
	const char *changelog_manifest_list;
	struct pl_opt_i64 changelog_manifest_list_size;
	const char *index_manifest;
	const char *commit_kind;
	int64_t time_millis;
	struct pl_opt_i64 total_record_count;
	struct pl_opt_i64 delta_record_count;
	struct pl_opt_i64 changelog_record_count;
	struct pl_opt_i64 watermark;
	const char *statistics;
	/* Tag files only: wall-clock creation time read as UTC, retention. */
	struct pl_opt_i64 tag_create_time;
	struct pl_opt_i64 tag_time_retained_ms;
};

struct pl_cm_tag {
	const char *name;
	struct pl_cm_snapshot snap;
};

struct pl_cm_consumer {
	const char *id;
	int64_t next_snapshot;
};

struct pl_cm_select {
	const char *branch;        /* NULL or "main": the table itself */
	int has_snapshot;
	int64_t snapshot_id;
	const char *tag;
};

struct pl_table;

struct pl_cm_table {
	struct pl_arena arena;
	struct pl_storage *st;
	struct pl_table *handle;         /* the shared readers' cache */
	const char *table_path;          /* manifests, index, statistics, data */
	const char *branch;              /* "main" or the branch name */
	const char *branch_path;         /* schema, snapshot, tag, consumer */
	struct pl_schema **schemas;      /* ascending id */
	size_t nschemas;
	struct pl_schema *latest_schema;
	struct pl_schema *schema;        /* of the chosen snapshot, else latest */
	const int64_t *snapshot_ids;     /* ascending */
	size_t n_snapshot_ids;
	struct pl_cm_snapshot *snap;     /* chosen; NULL: never written */
	const struct pl_snapshot *raw_snap;  /* the same as parsed */
	const char *tag;                 /* chosen tag, if any */
	struct pl_cm_snapshot *recent;   /* newest first, at most max_recent */
	size_t n_recent;
	struct pl_cm_tag *tags;          /* by name */
	size_t ntags;
	const char **branches;           /* by name, "main" not included */
	size_t nbranches;
	struct pl_cm_consumer *consumers;
	size_t nconsumers;
	struct pl_fileset *fs;           /* live files of snap; NULL without */
	struct pl_path_spec spec;
	const struct pl_dtype **partition_types;
	/* statistics/<file> of the chosen snapshot, when present. */
	struct pl_opt_i64 merged_record_count;
};

/* Loads the table at table_path. max_recent bounds the snapshot files read
 * for the recent list. A missing table, branch, snapshot or tag is
 * PL_ERR_NOT_FOUND; unreadable metadata is PL_ERR_CORRUPT with context. */
int pl_cm_load(struct pl_storage *st, const char *table_path, const struct pl_cm_select *sel,
	       size_t max_recent, struct pl_cm_table **out, struct pl_error *err);
void pl_cm_free(struct pl_cm_table *t);

/* The cheap change probe of incremental collection: the highest snapshot
 * and schema ids from two listings (-1 when there is none). */
int pl_cm_probe(struct pl_storage *st, const char *table_path, int64_t *snapshot_id,
		int64_t *schema_id, struct pl_error *err);

/* Parses snapshot-like JSON with pl_snapshot_parse and projects it
 * (exposed for the tests). */
int pl_cm_snapshot_parse(const char *json, size_t len, const char *file,
			 struct pl_arena *arena, struct pl_cm_snapshot *out, struct pl_error *err);

/* Option of the current schema or def. */
const char *pl_cm_option(const struct pl_cm_table *t, const char *key, const char *def);

#endif
