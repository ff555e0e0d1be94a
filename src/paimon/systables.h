/* Paimon's system tables ($snapshots, $files, $partitions, ...) computed
 * from the metadata files and returned as rowsets whose column names and
 * values follow Java's system tables (format-metadata.md §7,
 * format-manifests.md §7). doc/json-keys.md lists every column.
 *
 * A pl_systables handle is one table seen through one branch and one
 * snapshot (the latest, or the one chosen by time travel). */
#ifndef PL_PAIMON_SYSTABLES_H
#define PL_PAIMON_SYSTABLES_H

#include <stdint.h>

#include "io/storage.h"
#include "paimon/rowset.h"
#include "util/err.h"

/* View names accepted by pl_systable_build, NULL-terminated. */
extern const char *const pl_systable_views[];

struct pl_table_selector {
	const char *branch;        /* NULL or "main": the table itself */
	int has_snapshot;          /* time travel to snapshot_id */
	int64_t snapshot_id;
	const char *tag;           /* time travel to the snapshot of a tag */
};

struct pl_systables;

/* table_path is the table directory (<warehouse>/<db>.db/<table>); name is
 * how messages and the overview call it ("db.table"). A missing table,
 * branch, snapshot or tag is PL_ERR_NOT_FOUND. */
int pl_systables_open(struct pl_storage *st, const char *table_path, const char *name,
		      const struct pl_table_selector *sel, struct pl_systables **out,
		      struct pl_error *err);
void pl_systables_close(struct pl_systables *t);

/* Builds one view; an unknown view name is PL_ERR_USAGE. */
int pl_systable_build(struct pl_systables *t, const char *view, struct pl_rowset **out,
		      struct pl_error *err);

/* Catalog listings for `ls`: databases of a warehouse (database_name), and
 * the tables of one database with their kind and latest-snapshot totals. */
int pl_systable_databases(struct pl_storage *st, struct pl_rowset **out, struct pl_error *err);
int pl_systable_tables(struct pl_storage *st, const char *database, struct pl_rowset **out,
		       struct pl_error *err);

#endif
