/* The filesystem catalog walk (format-metadata.md §1.1, §1.2, §1.4):
 * warehouse -> NAME.db databases -> tables, by Java's rules. There is no
 * catalog metadata file: directory names are all there is. */
#ifndef PL_PAIMON_CATALOG_H
#define PL_PAIMON_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "util/arena.h"
#include "util/err.h"

#define PL_DB_SUFFIX ".db"
#define PL_SYSTEM_DATABASE "sys"

struct pl_database {
	const char *name;            /* directory name minus ".db" */
	const char *path;            /* storage path of NAME.db */
	int64_t mtime_ms;            /* -1 when the store does not know */
	/* "sys" is Java's virtual system database: a sys.db directory is
	 * shadowed by it in Java engines; the browser shows it flagged. */
	int shadowed_by_system;
};

struct pl_catalog_table {
	const char *name;            /* directory name, case preserved */
	const char *path;            /* storage path of the table folder */
	int64_t mtime_ms;
};

/* Databases of the warehouse, sorted by name: direct child directories
 * whose name ends in ".db" (everything else is ignored). A missing
 * warehouse is PL_ERR_NOT_FOUND on stores that can tell. */
int pl_catalog_list_databases(struct pl_storage *st, const char *warehouse,
			      struct pl_arena *arena, struct pl_database **out, size_t *n,
			      struct pl_error *err);

/* Tables of database db (the name without ".db"), sorted by name: child
 * directories holding a valid schema/schema-<id> file. Folders without one
 * (relocated external data, foreign folders) are not tables. A missing
 * database is PL_ERR_NOT_FOUND. */
int pl_catalog_list_tables(struct pl_storage *st, const char *warehouse, const char *db,
			   struct pl_arena *arena, struct pl_catalog_table **out, size_t *n,
			   struct pl_error *err);

/* <warehouse>/<db>.db and <warehouse>/<db>.db/<table> (NULL for names
 * that are empty or contain '/'). */
char *pl_catalog_database_path(struct pl_arena *arena, const char *warehouse, const char *db);
char *pl_catalog_table_path(struct pl_arena *arena, const char *warehouse, const char *db,
			    const char *table);

/* 1 when path is a table folder (has a valid schema file), 0 when not,
 * -1 when the store failed. */
int pl_catalog_is_table(struct pl_storage *st, const char *path, struct pl_error *err);

#endif
