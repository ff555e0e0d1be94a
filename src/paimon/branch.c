/* branch/branch-<name>/: paths, listing and existence. */
#include "paimon/branch.h"
#include "paimon/meta_json.h"
#include "paimon/schema.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

int pl_branch_is_main(const char *name)
{
	return !name || !*name || strcmp(name, PL_MAIN_BRANCH) == 0;
}

char *pl_branch_path(struct pl_arena *arena, const char *table_path, const char *name)
{
	if (pl_branch_is_main(name))
		return pl_arena_strdup(arena, table_path);
	if (strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return NULL;
	char *dir = pl_path_join(arena, table_path, PL_BRANCH_DIR);
	return pl_path_join(arena, dir, pl_arena_printf(arena, PL_BRANCH_PREFIX "%s", name));
}

/* Oldest modification time of the branch's schema files, -1 if none. */
static int64_t oldest_schema_time(struct pl_storage *st, const char *branch_path)
{
	char *dir = pl_path_join_dup(branch_path, "schema");
	struct pl_listing l;
	int64_t oldest = -1;
	if (pl_meta_list_prefixed(st, dir, "schema-", 0, &l, NULL) == 0) {
		for (size_t i = 0; i < l.n; i++) {
			int64_t t = l.items[i].mtime_ms;
			if (t >= 0 && (oldest < 0 || t < oldest))
				oldest = t;
		}
		pl_listing_free(&l);
	}
	free(dir);
	return oldest;
}

int pl_branch_list(struct pl_storage *st, const char *table_path, struct pl_arena *arena,
		   struct pl_branch **out, size_t *n, struct pl_error *err)
{
	*out = NULL;
	*n = 0;
	char *dir = pl_path_join_dup(table_path, PL_BRANCH_DIR);
	struct pl_listing l;
	if (pl_meta_list_prefixed(st, dir, PL_BRANCH_PREFIX, 1, &l, err)) {
		free(dir);
		return -1;
	}
	size_t plen = strlen(PL_BRANCH_PREFIX), k = 0;
	struct pl_branch *b = pl_arena_alloc(arena, (l.n ? l.n : 1) * sizeof(*b));
	for (size_t i = 0; i < l.n; i++) {
		const char *name = l.items[i].name + plen;
		if (!*name)
			continue;
		b[k].name = pl_arena_strdup(arena, name);
		b[k].path = pl_path_join(arena, dir, l.items[i].name);
		b[k].create_time_ms = l.items[i].mtime_ms;
		if (b[k].create_time_ms < 0) {
			b[k].create_time_ms = oldest_schema_time(st, b[k].path);
			b[k].create_time_from_schema = b[k].create_time_ms >= 0;
		}
		k++;
	}
	pl_listing_free(&l);
	free(dir);
	*out = b;
	*n = k;
	return 0;
}

int pl_branch_check(struct pl_storage *st, const char *table_path, const char *name,
		    struct pl_error *err)
{
	if (pl_branch_is_main(name))
		return 0;
	struct pl_arena a;
	pl_arena_init(&a, 512);
	char *path = pl_branch_path(&a, table_path, name);
	int rc;
	if (!path) {
		rc = pl_err(err, PL_ERR_NOT_FOUND, "\"%s\" is not a valid branch name", name);
	} else {
		int64_t *ids;
		size_t n;
		rc = pl_schema_list_ids(st, path, &ids, &n, err);
		if (rc == 0) {
			free(ids);
			if (n == 0) {
				char *shown = pl_storage_display(st, table_path);
				rc = pl_err(err, PL_ERR_NOT_FOUND, "%s: no branch \"%s\"", shown, name);
				free(shown);
			}
		}
	}
	pl_arena_free(&a);
	return rc;
}
