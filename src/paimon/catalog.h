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

/* A child folder of NAME.db, as the database's one delimiter listing shows
 * it. Whether it really is a table (holds a schema file) is not known
 * until it is opened: checking every folder at listing time would cost a
 * request per table on object stores. */
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

/* Tables of database db (the name without ".db"), sorted by name: every
 * child directory but hidden ones (".name"), from one listing of NAME.db
 * and nothing more, on every store alike. Java counts only folders with a
 * schema/schema-<id> file as tables (format-metadata.md §1.2); that check
 * is left to the open (pl_catalog_not_a_table), so a foreign folder
 * (relocated external data, say) is listed here and fails when opened. A
 * missing database is PL_ERR_NOT_FOUND. */
int pl_catalog_list_tables(struct pl_storage *st, const char *warehouse, const char *db,
			   struct pl_arena *arena, struct pl_catalog_table **out, size_t *n,
			   struct pl_error *err);

/* <warehouse>/<db>.db and <warehouse>/<db>.db/<table> (NULL for names
 * that are empty or contain '/'). */
char *pl_catalog_database_path(struct pl_arena *arena, const char *warehouse, const char *db);
char *pl_catalog_table_path(struct pl_arena *arena, const char *warehouse, const char *db,
			    const char *table);

/* 1 when path is a table folder (has a valid schema file), 0 when not,
 * -1 when the store failed. One listing of path/schema: for one table,
 * never for a whole database. */
int pl_catalog_is_table(struct pl_storage *st, const char *path, struct pl_error *err);

/* What an open says of a folder without a schema file. */
#define PL_NOT_A_TABLE "not a Paimon table: no schema/schema-N file"

/* Called when opening table_path found no schema file: when the folder
 * exists (a listed folder that is no table), sets err to PL_ERR_NOT_FOUND
 * "<path>: not a Paimon table: no schema/schema-N file" and returns 1;
 * when it does not, returns 0 and leaves err alone for the caller to name
 * what is missing (table or database). One stat, on the failure path only. */
int pl_catalog_not_a_table(struct pl_storage *st, const char *table_path,
			   struct pl_error *err);

/* 1 when msg is that message (say, read back from a listing's error
 * column): callers that walk a database note such folders rather than
 * count them as tables that failed. */
int pl_catalog_not_a_table_msg(const char *msg);

#endif
