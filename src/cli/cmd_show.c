/* `paimon-lens show WAREHOUSE DB.TABLE VIEW`: one system-table view. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "paimon/rowset.h"
#include "paimon/systables.h"
#include "util/alloc.h"

static int known_view(const char *view)
{
	for (size_t i = 0; pl_systable_views[i]; i++)
		if (strcmp(view, pl_systable_views[i]) == 0)
			return 1;
	return 0;
}

int pl_cmd_show(const struct pl_cli_args *args, struct pl_error *err)
{
	if (args->npositional != 3)
		return pl_err(err, PL_ERR_USAGE,
			      "usage: paimon-lens show WAREHOUSE DB.TABLE VIEW [--json]");
	const char *qualified = args->positional[1];
	const char *view = args->positional[2];
	const char *dot = strchr(qualified, '.');
	if (!dot || dot == qualified || !dot[1])
		return pl_err(err, PL_ERR_USAGE, "expected DB.TABLE, not '%s'", qualified);
	if (strcmp(view, "health") == 0)
		return pl_cmd_show_health(args, err);
	if (!known_view(view))
		return pl_err(err, PL_ERR_USAGE, "unknown view '%s'", view);

	struct pl_storage *st;
	if (pl_cli_open_storage(args, args->positional[0], &st, err))
		return -1;
	size_t dblen = (size_t)(dot - qualified);
	char *dbdir = pl_malloc(dblen + 4);
	memcpy(dbdir, qualified, dblen);
	memcpy(dbdir + dblen, ".db", 4);
	char *db_path = pl_path_join_dup(st->root, dbdir);
	char *table_path = pl_path_join_dup(db_path, dot + 1);

	struct pl_table_selector sel = {
		.branch = args->branch,
		.has_snapshot = args->has_snapshot,
		.snapshot_id = args->snapshot_id,
		.tag = args->tag,
	};
	struct pl_systables *t = NULL;
	struct pl_rowset *rs = NULL;
	int rc = pl_systables_open(st, table_path, qualified, &sel, &t, err);
	if (!rc)
		rc = pl_systable_build(t, view, &rs, err);
	if (!rc)
		rc = pl_cli_print(args, rs, err);
	pl_rowset_free(rs);
	pl_systables_close(t);
	free(dbdir);
	free(db_path);
	free(table_path);
	pl_storage_close(st);
	return rc;
}
