/* The Health view: the findings of collect/health.h for the table in
 * focus, the same ones `paimon-lens show DB.TABLE health` prints. It runs
 * on the loader's thread with the loader's storage handle, so a cancelled
 * load stops its reads too. Health looks at the whole branch: time travel
 * does not apply to it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/health.h"
#include "paimon/table.h"
#include "ui/app.h"

#define HEALTH_HINT_WIDTH 160

struct pl_rowset *build_health(struct pl_storage *st, const char *db, const char *table,
			       const char *branch, struct pl_error *err)
{
	struct pl_health_options o = { .older_than_ms = -1 };
	struct pl_table *t = NULL;
	struct pl_health_report *r = NULL;
	struct pl_rowset *rs = NULL;
	if (pl_table_open(st, st->root, db, table, branch, &t, err) == 0 &&
	    pl_health_check(t, &o, &r, err) == 0)
		rs = pl_health_rowset(r);
	pl_health_report_free(r);
	pl_table_close(t);
	return rs;
}

void health_page_setup(struct page *p)
{
	/* Critical rows in the error colour, warnings in the warning colour. */
	p->tw.severity_col = pl_rowset_col_index(p->tw.rs, "severity");
	/* The hint is the answer: let it take the width a screen has. */
	tw_set_max_width(&p->tw, HEALTH_HINT_WIDTH);
}
