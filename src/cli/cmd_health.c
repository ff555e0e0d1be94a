/* `paimon-lens show WAREHOUSE DB.TABLE health [--older-than DURATION]`:
 * the health findings of collect/health.h as a view. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "collect/health.h"
#include "collect/record.h"
#include "paimon/table.h"
#include "util/alloc.h"

int pl_cmd_show_health(const struct pl_cli_args *args, struct pl_error *err)
{
	const char *qualified = args->positional[1];
	const char *dot = strchr(qualified, '.');
	struct pl_health_options o = { .older_than_ms = -1 };
	if (args->older_than && (pl_record_parse_duration(args->older_than, &o.older_than_ms) ||
				 o.older_than_ms < 0))
		return pl_err(err, PL_ERR_USAGE, "--older-than needs a duration such as '1 d', "
			      "not '%s'", args->older_than);
	if (args->has_snapshot || args->tag)
		return pl_err(err, PL_ERR_USAGE, "health looks at the whole table: no --snapshot "
			      "or --tag");

	struct pl_storage *st;
	if (pl_cli_open_storage(args, args->positional[0], &st, err))
		return -1;
	char *db = pl_strndup(qualified, (size_t)(dot - qualified));
	struct pl_table *t = NULL;
	struct pl_health_report *r = NULL;
	struct pl_rowset *rs = NULL;
	int rc = pl_table_open(st, st->root, db, dot + 1, args->branch, &t, err);
	if (!rc)
		rc = pl_health_check(t, &o, &r, err);
	if (!rc) {
		rs = pl_health_rowset(r);
		rc = pl_cli_print(args, rs, err);
	}
	pl_rowset_free(rs);
	pl_health_report_free(r);
	pl_table_close(t);
	free(db);
	pl_storage_close(st);
	return rc;
}
