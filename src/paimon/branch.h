/* Branches: directories branch/branch-<name>/ of a table, each a table
 * view of its own with schema/, snapshot/, tag/, changelog/ and consumer/
 * folders, sharing the table's manifest/, index/, statistics/ and data
 * (format-metadata.md §6.2). "main" is the table folder itself. */
#ifndef PL_PAIMON_BRANCH_H
#define PL_PAIMON_BRANCH_H

#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "util/arena.h"
#include "util/err.h"

#define PL_BRANCH_DIR "branch"
#define PL_BRANCH_PREFIX "branch-"
#define PL_MAIN_BRANCH "main"

struct pl_branch {
	const char *name;            /* directory name minus "branch-" */
	const char *path;            /* storage path of the branch folder */
	/* What Java's $branches shows: the directory's modification time.
	 * Object stores have none; then the oldest schema file's time is
	 * used (create_time_from_schema = 1), else -1 (unknown). */
	int64_t create_time_ms;
	int create_time_from_schema;
};

/* NULL, "" and "main" name the main branch. */
int pl_branch_is_main(const char *name);
/* Folder holding the branch's schema/snapshot/tag/... folders: the table
 * folder for main, else <table>/branch/branch-<name>. NULL for a name
 * that cannot be a branch (slashes, "." or ".."). */
char *pl_branch_path(struct pl_arena *arena, const char *table_path, const char *name);

/* Branch directories of the table, sorted by name (main not included);
 * a missing branch/ folder means none. */
int pl_branch_list(struct pl_storage *st, const char *table_path, struct pl_arena *arena,
		   struct pl_branch **out, size_t *n, struct pl_error *err);

/* 0 when the branch exists (main always does; another one needs a
 * schema-<id> file in its schema folder, which creation always copies),
 * PL_ERR_NOT_FOUND when not, another error when the store failed. */
int pl_branch_check(struct pl_storage *st, const char *table_path, const char *name,
		    struct pl_error *err);

#endif
