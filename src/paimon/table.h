/* The table handle: one Paimon table seen through one branch, tying the
 * metadata readers together (schemas, snapshots, tags, branches,
 * consumers, statistics, changelogs, effective options).
 *
 * Two folders matter (format-metadata.md §1.3, §2):
 *   branch root  schema/ snapshot/ tag/ changelog/ consumer/: the table
 *                folder for main, <table>/branch/branch-<name> otherwise;
 *   data root    manifest/ index/ statistics/ and the data files: ALWAYS
 *                the table folder, also for a branch.
 * Snapshots hold manifest list file NAMES; resolve them against
 * <data root>/manifest/ (paimon/manifest.h takes the names and the data
 * root).
 *
 * Everything is read lazily on first use and cached in the handle; every
 * pointer handed out lives until pl_table_close. Errors: a missing table,
 * database, branch, snapshot or tag is PL_ERR_NOT_FOUND (CLI exit 3);
 * unreadable metadata is PL_ERR_CORRUPT (exit 4) naming file and offset.
 * A handle is not thread-safe. */
#ifndef PL_PAIMON_TABLE_H
#define PL_PAIMON_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "paimon/branch.h"
#include "paimon/consumer.h"
#include "paimon/options.h"
#include "paimon/schema.h"
#include "paimon/snapshot.h"
#include "paimon/statistics.h"
#include "paimon/tag.h"
#include "util/err.h"

struct pl_table;

/* Opens <warehouse>/<db>.db/<table> on branch (NULL or "main": the table
 * itself). Reads the branch's latest schema, nothing else. */
int pl_table_open(struct pl_storage *st, const char *warehouse, const char *db,
		  const char *table, const char *branch, struct pl_table **out,
		  struct pl_error *err);
/* Same for a table folder given directly (messages call it by its path). */
int pl_table_open_path(struct pl_storage *st, const char *table_path, const char *branch,
		       struct pl_table **out, struct pl_error *err);
void pl_table_close(struct pl_table *t);

/* Identity and folders. */
struct pl_storage *pl_table_storage(const struct pl_table *t);
const char *pl_table_name(const struct pl_table *t);        /* "db.table" or the path */
const char *pl_table_branch(const struct pl_table *t);      /* "main" or the branch name */
int pl_table_is_main(const struct pl_table *t);
const char *pl_table_data_root(const struct pl_table *t);   /* the table folder */
const char *pl_table_branch_root(const struct pl_table *t);
const char *pl_table_manifest_dir(const struct pl_table *t); /* <data root>/manifest */

/* Schemas of the branch. The latest (highest id) is the current one; it
 * may be newer than every snapshot's schemaId. */
const struct pl_schema *pl_table_latest_schema(const struct pl_table *t);
/* All schema files, ascending id (ids may have gaps); fails on the first
 * one that does not parse. */
int pl_table_schemas(struct pl_table *t, const struct pl_schema *const **out, size_t *n,
		     struct pl_error *err);
int pl_table_schema(struct pl_table *t, int64_t id, const struct pl_schema **out,
		    struct pl_error *err);
/* The table kind (option "type": "table", "format-table", ...). Only
 * "table" has snapshots. */
const char *pl_table_type(const struct pl_table *t);

/* Effective options of the latest schema (paimon/options.h). */
const char *pl_table_option(const struct pl_table *t, const char *key,
			    enum pl_option_source *src);
void pl_table_options(struct pl_table *t, const struct pl_option_value **out, size_t *n);
/* "scan.fallback-branch" or NULL. */
const char *pl_table_fallback_branch(const struct pl_table *t);

/* Snapshot ids of the branch from one listing, ascending; gaps are kept
 * (expiration, rollback), none for a table never written. */
int pl_table_snapshot_ids(struct pl_table *t, const int64_t **ids, size_t *n,
			  struct pl_error *err);
/* One snapshot; PL_ERR_NOT_FOUND when the file is not there. */
int pl_table_snapshot(struct pl_table *t, int64_t id, const struct pl_snapshot **out,
		      struct pl_error *err);
/* The LATEST/EARLIEST hint rules with listing fallback (snapshot.h);
 * PL_ERR_NOT_FOUND when the branch has no snapshot. The latest snapshot
 * is re-read once when it does not parse (a writer may be mid-way). */
int pl_table_latest_snapshot(struct pl_table *t, const struct pl_snapshot **out,
			     struct pl_error *err);
int pl_table_earliest_snapshot(struct pl_table *t, const struct pl_snapshot **out,
			       struct pl_error *err);
/* The newest `newest` snapshots (0: all), ascending id, read in one batch
 * (in parallel on remote stores). A file that is missing or corrupt
 * fails only its slot (slot->snap NULL, slot->err says why). */
int pl_table_snapshots(struct pl_table *t, size_t newest, const struct pl_snapshot_slot **out,
		       size_t *n, struct pl_error *err);

/* Tags of the branch, sorted by name (a corrupt one carries its error). */
int pl_table_tags(struct pl_table *t, const struct pl_tag **out, size_t *n,
		  struct pl_error *err);
/* A tag by name with its snapshot; PL_ERR_NOT_FOUND when absent. */
int pl_table_tag(struct pl_table *t, const char *name, const struct pl_tag **out,
		 struct pl_error *err);

/* Branches of the table (not including main), sorted by name; the same
 * list whichever branch the handle is on. */
int pl_table_branches(struct pl_table *t, const struct pl_branch **out, size_t *n,
		      struct pl_error *err);

/* Consumers of the branch, sorted by id. */
int pl_table_consumers(struct pl_table *t, const struct pl_consumer **out, size_t *n,
		       struct pl_error *err);

/* Statistics named by snap->statistics (from <data root>/statistics/);
 * *out = NULL and 0 when the snapshot names none. */
int pl_table_statistics(struct pl_table *t, const struct pl_snapshot *snap,
			const struct pl_statistics **out, struct pl_error *err);

/* Long-lived changelog files of the branch (expired snapshots kept for
 * their changelog; never offered for time travel). */
int pl_table_changelog_ids(struct pl_table *t, const int64_t **ids, size_t *n,
			   struct pl_error *err);
int pl_table_changelog(struct pl_table *t, int64_t id, const struct pl_snapshot **out,
		       struct pl_error *err);

#endif
