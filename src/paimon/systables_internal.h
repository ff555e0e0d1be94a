/* Shared state of the system-table views (not for use outside
 * src/paimon/systables*.c). */
#ifndef PL_PAIMON_SYSTABLES_INTERNAL_H
#define PL_PAIMON_SYSTABLES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "paimon/fileset.h"
#include "paimon/manifest.h"
#include "paimon/rowset.h"
#include "paimon/schema.h"
#include "paimon/snapshot.h"
#include "paimon/systables.h"
#include "util/arena.h"
#include "util/json.h"
#include "util/strbuf.h"

/* Names after PREFIX of the regular files (dirs = 0) or directories
 * (dirs = 1) in dir, sorted; hidden names skipped. Strings in arena. */
int pl_st_list_names(struct pl_storage *st, const char *dir, const char *prefix, int dirs,
		     struct pl_arena *arena, const char ***names, int64_t **mtimes, size_t *n,
		     struct pl_error *err);
/* Java's Duration.toString of decimal seconds text ("86400.000000000"). */
void pl_st_duration_string(struct pl_strbuf *sb, const char *seconds_text);
/* Jackson's default pretty printer over a parsed value. */
void pl_st_json_pretty(struct pl_strbuf *sb, const struct pl_json *j, int indent);

struct pl_systables {
	struct pl_arena arena;
	struct pl_storage *st;
	const char *name;
	const char *table_path;          /* manifests, index, statistics, data */
	const char *branch;              /* "main" or the branch name */
	const char *branch_path;         /* schema, snapshot, tag, consumer */
	struct pl_schema *latest_schema; /* of the branch */
	struct pl_schema *schema;        /* of the selected snapshot, else latest */
	int64_t *snapshot_ids;           /* of the branch, ascending */
	size_t n_snapshot_ids;
	struct pl_snapshot *snap;        /* selected; NULL: table never written */
	const char *tag;                 /* selected tag, if any */
	struct pl_fileset *fs;           /* loaded on first use */
	struct pl_path_spec spec;
	const struct pl_dtype **partition_types;
	/* Schemas by id, loaded on demand for per-file statistics. */
	struct pl_schema **schema_cache;
	int64_t *schema_cache_ids;
	size_t n_schema_cache;
};

/* The live file set of the selected snapshot (NULL when there is none). */
int pl_st_fileset(struct pl_systables *t, const struct pl_fileset **out, struct pl_error *err);
int pl_st_schema_by_id(struct pl_systables *t, int64_t id, struct pl_schema **out,
		       struct pl_error *err);

/* Partition renderings: "{10, x}" (cast row), "f1=10/f2=x" ($partitions,
 * null as the default partition name) and {"f1":"10"} (partition_values). */
int pl_st_partition_cast(struct pl_systables *t, const struct pl_blob *p, struct pl_strbuf *sb,
			 struct pl_error *err);
int pl_st_partition_spec(struct pl_systables *t, const struct pl_blob *p, struct pl_strbuf *sb,
			 struct pl_error *err);
int pl_st_partition_values(struct pl_systables *t, const struct pl_blob *p, struct pl_strbuf *sb,
			   struct pl_error *err);
/* JSON array of strings in the compact form. */
void pl_st_json_string_array(struct pl_strbuf *sb, const char *const *items, size_t n);
const char *pl_st_option(const struct pl_schema *s, const char *key, const char *def);

/* One builder per view. */
typedef int (*pl_st_view_fn)(struct pl_systables *t, struct pl_rowset **out,
			     struct pl_error *err);
int pl_st_view_overview(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err);
int pl_st_view_schema(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err);
int pl_st_view_schemas(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err);
int pl_st_view_snapshots(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err);
int pl_st_view_options(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err);
int pl_st_view_tags(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err);
int pl_st_view_branches(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err);
int pl_st_view_consumers(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err);
int pl_st_view_statistics(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err);
int pl_st_view_files(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err);
int pl_st_view_manifests(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err);
int pl_st_view_partitions(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err);
int pl_st_view_buckets(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err);
int pl_st_view_indexes(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err);

#endif
