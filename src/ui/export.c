/* :export. The record itself is built by collect/; this file hands it
 * exactly the rows on screen, after filter and sort. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/export.h"
#include "paimon/catalog.h"
#include "ui/app.h"
#include "ui/export.h"
#include "util/alloc.h"

/* A rowset of the visible rows in screen order. */
static struct pl_rowset *visible_rows(const struct table_widget *tw, const char *name)
{
	const struct pl_rowset *rs = tw->rs;
	struct pl_rowset *out = pl_rowset_new(name, rs->cols, rs->ncols);
	out->single_object = rs->single_object;
	for (size_t i = 0; i < tw->nvis; i++) {
		size_t r = tw->order[i];
		pl_rowset_row(out);
		for (size_t c = 0; c < rs->ncols; c++) {
			const struct pl_cell *cell = pl_rowset_cell(rs, r, c);
			if (cell->is_null) {
				pl_rowset_null(out);
				continue;
			}
			switch (rs->cols[c].kind) {
			case PL_COL_STRING: pl_rowset_str(out, cell->u.s); break;
			case PL_COL_JSON: pl_rowset_json(out, cell->u.s); break;
			case PL_COL_INT64: pl_rowset_i64(out, cell->u.i); break;
			case PL_COL_TIME: pl_rowset_time(out, cell->u.i); break;
			case PL_COL_DOUBLE: pl_rowset_double(out, cell->u.d); break;
			case PL_COL_BOOL: pl_rowset_bool(out, cell->u.b); break;
			}
		}
	}
	return out;
}

static void fill_options(struct app *a, struct pl_export_options *o)
{
	memset(o, 0, sizeof(*o));
	o->region = a->sopts.region;
	o->endpoint = a->sopts.endpoint;
	/* Tests compare whole records: a fixed clock makes them repeatable. */
	const char *t = getenv("PAIMON_LENS_EVENT_TIME_MS");
	if (t) {
		o->has_event_time = 1;
		o->event_time_ms = strtoll(t, NULL, 10);
	}
}

static int export_table(struct app *a, const char *db, const char *table,
			const struct pl_export_view *view, int compact, FILE *out,
			struct pl_error *err)
{
	struct pl_export_options o;
	fill_options(a, &o);
	o.compact = compact;
	char *path = app_table_path(a, db, table);
	struct pl_export_table_ref ref = { a->st, path, db, table, { NULL, 0, 0, NULL } };
	if (view) {
		ref.sel.branch = a->focus.branch;
		ref.sel.has_snapshot = a->focus.has_snapshot;
		ref.sel.snapshot_id = a->focus.snapshot_id;
		ref.sel.tag = a->focus.tag;
	}
	int rc = pl_export_table(&ref, &o, view, out, err);
	free(path);
	return rc;
}

int ui_export_view(struct app *a, const char *file, char *path, size_t n, struct pl_error *err)
{
	struct page *top = app_top(a);
	if (!top)
		return pl_err(err, PL_ERR_USAGE, "nothing to export");
	if (file)
		snprintf(path, n, "%s", file);
	else if (a->focus.table && top->kind != PAGE_CATALOG)
		snprintf(path, n, "paimon-lens-%s.%s-%s.json", a->focus.db, a->focus.table,
			 top->view ? top->view : "view");
	else
		snprintf(path, n, "paimon-lens-catalog.ndjson");
	FILE *out = fopen(path, "w");
	if (!out)
		return pl_err(err, PL_ERR_IO, "cannot write %s", path);
	int rc = 0;
	if (top->kind == PAGE_CATALOG) {
		/* The catalog: one compact event per table shown. */
		int dbc = pl_rowset_col_index(top->tw.rs, "_db");
		int tc = pl_rowset_col_index(top->tw.rs, "_table");
		for (size_t i = 0; !rc && i < top->tw.nvis; i++) {
			const struct pl_cell *d = pl_rowset_cell(top->tw.rs, top->tw.order[i], (size_t)dbc);
			const struct pl_cell *t = pl_rowset_cell(top->tw.rs, top->tw.order[i], (size_t)tc);
			if (t->is_null)
				continue;
			rc = export_table(a, d->u.s, t->u.s, NULL, 1, out, err);
			/* A folder listed with the tables but holding no
			 * schema file has no record (paimon/catalog.h). */
			if (rc && pl_catalog_not_a_table_msg(err->msg)) {
				pl_err_clear(err);
				rc = 0;
			}
		}
	} else if (!a->focus.table) {
		rc = pl_err(err, PL_ERR_USAGE, "open a table first");
	} else {
		char sort[160] = "";
		if (top->tw.sort_col >= 0)
			snprintf(sort, sizeof(sort), "%s %s", top->tw.rs->cols[top->tw.sort_col].name,
				 top->tw.sort_desc ? "desc" : "asc");
		char filter[512] = "";
		if (top->tw.filter)
			snprintf(filter, sizeof(filter), "%s%s", top->tw.filter_invert ? "!" : "",
				 top->tw.filter);
		const char *name = top->view ? top->view : top->tw.rs->name;
		struct pl_rowset *rows;
		if (top->orig) {
			struct table_widget whole;
			size_t zero = 0;
			/* Transposed on screen: the object as `show --json` has it. */
			memset(&whole, 0, sizeof(whole));
			whole.rs = top->orig;
			whole.order = &zero;
			whole.nvis = top->orig->nrows ? 1 : 0;
			rows = visible_rows(&whole, name);
		} else {
			rows = visible_rows(&top->tw, name);
		}
		struct pl_export_view view = { rows, top->tw.filter ? filter : NULL,
					       top->tw.sort_col >= 0 ? sort : NULL,
					       top->orig ? top->orig->nrows : top->tw.rs->nrows };
		rc = export_table(a, a->focus.db, a->focus.table, &view, 0, out, err);
		pl_rowset_free(rows);
	}
	if (fclose(out) && !rc)
		rc = pl_err(err, PL_ERR_IO, "cannot write %s", path);
	return rc;
}
