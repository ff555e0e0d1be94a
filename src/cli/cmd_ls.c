/* `paimon-lens ls WAREHOUSE [DB]`: databases, or the tables of one. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "paimon/catalog.h"
#include "paimon/rowset.h"
#include "paimon/systables.h"
#include "util/sanitize.h"

/* Tables that failed to read are listed with their error; say so on
 * stderr too and fail the command, so scripts notice. A folder of the
 * database that is no table (no schema file) is listed the same way but
 * only noted: it is not a table that failed. */
static int report_table_errors(const struct pl_rowset *rs, struct pl_error *err)
{
	int col = pl_rowset_col_index(rs, "error");
	size_t failed = 0;
	for (size_t r = 0; col >= 0 && r < rs->nrows; r++) {
		const struct pl_cell *c = pl_rowset_cell(rs, r, (size_t)col);
		if (c->is_null)
			continue;
		int foreign = pl_catalog_not_a_table_msg(c->u.s);
		struct pl_arena a;
		pl_arena_init(&a, 0);
		fprintf(stderr, "paimon-lens: %s%s\n", foreign ? "note: " : "",
			pl_sanitize(&a, c->u.s, strlen(c->u.s)));
		pl_arena_free(&a);
		failed += !foreign;
	}
	if (failed)
		return pl_err(err, PL_ERR_CORRUPT, "%zu table(s) could not be read", failed);
	return 0;
}

int pl_cmd_ls(const struct pl_cli_args *args, struct pl_error *err)
{
	if (args->npositional < 1 || args->npositional > 2)
		return pl_err(err, PL_ERR_USAGE, "usage: paimon-lens ls WAREHOUSE [DB]");
	if (args->has_snapshot || args->tag || args->branch)
		return pl_err(err, PL_ERR_USAGE, "ls takes no --snapshot, --tag or --branch");
	struct pl_storage *st;
	if (pl_cli_open_storage(args, args->positional[0], &st, err))
		return -1;
	struct pl_rowset *rs = NULL;
	int rc = args->npositional == 1 ? pl_systable_databases(st, &rs, err)
					: pl_systable_tables(st, args->positional[1], &rs, err);
	if (!rc)
		rc = pl_cli_print(args, rs, err);
	if (!rc && args->npositional == 2)
		rc = report_table_errors(rs, err);
	pl_rowset_free(rs);
	pl_storage_close(st);
	return rc;
}
