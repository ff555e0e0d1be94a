/* The per-table views: tabs, Enter actions (time travel, tag, branch,
 * schema version, detail) and the transposed single-row pages. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/table_widget.h"
#include "util/alloc.h"

const struct table_view_def table_views[] = {
	{ "overview", "Overview" },
	{ "schema", "Schema" },
	{ "schemas", "Schemas" },
	{ "partitions", "Partitions" },
	{ "buckets", "Buckets" },
	{ "snapshots", "Snapshots" },
	{ "files", "Files" },
	{ "manifests", "Manifests" },
	{ "tags", "Tags" },
	{ "branches", "Branches" },
	{ "health", "Health" },
	{ "consumers", "Consumers" },
	{ "options", "Options" },
	{ "statistics", "Statistics" },
	{ "indexes", "Indexes" },
};
const size_t n_table_views = sizeof(table_views) / sizeof(table_views[0]);

int table_view_index(const char *view)
{
	for (size_t i = 0; view && i < n_table_views; i++)
		if (strcmp(view, table_views[i].view) == 0)
			return (int)i;
	return -1;
}

int table_view_label(size_t i, char *buf, size_t n)
{
	/* The number key of the view; Health has its letter; the others none. */
	if (strcmp(table_views[i].view, "health") == 0)
		return snprintf(buf, n, " H %s ", table_views[i].title);
	if (i < 9)
		return snprintf(buf, n, " %zu %s ", i + 1, table_views[i].title);
	if (i == 9)
		return snprintf(buf, n, " 0 %s ", table_views[i].title);
	return snprintf(buf, n, " %s ", table_views[i].title);
}

int table_view_at(int x)
{
	int left = 0;
	for (size_t i = 0; i < n_table_views; i++) {
		char label[64];
		table_view_label(i, label, sizeof(label));
		int w = text_width(label);
		if (x >= left && x < left + w)
			return (int)i;
		left += w;
	}
	return -1;
}

void open_table(struct app *a, const char *db, const char *table)
{
	focus_set_table(&a->focus, db, table);
	load_start(a, LOAD_VIEW, "overview", 0, 0, 1);
}

void open_table_view(struct app *a, int index)
{
	if (index < 0 || (size_t)index >= n_table_views)
		return;
	if (!a->focus.table) {
		app_message(a, "open a table first (Enter)");
		return;
	}
	load_start(a, LOAD_VIEW, table_views[index].view, 0, 0, 1);
}

/* The table view under the pages on top (detail, diff). */
static const char *current_view(struct app *a)
{
	for (int i = a->npages - 1; i >= 0; i--)
		if (a->pages[i]->kind == PAGE_TABLE)
			return a->pages[i]->view;
	return NULL;
}

void reload_views(struct app *a)
{
	const char *view = current_view(a);
	if (view && a->focus.table)
		load_start(a, LOAD_VIEW, view, 0, 0, 1);
	else if (!a->focus.table)
		app_open_catalog(a);
}

static const struct pl_rowset_col kv_cols[] = {
	{ "key", PL_COL_STRING, 0 },
	{ "value", PL_COL_STRING, 0 },
};

struct pl_rowset *transpose_row(const struct pl_rowset *rs, size_t row, const char *name)
{
	struct pl_rowset *out = pl_rowset_new(name, kv_cols, 2);
	char buf[8192];
	for (size_t c = 0; c < rs->ncols; c++) {
		if (rs->cols[c].name[0] == '_')
			continue;
		/* Exact numbers here: the detail page is where digits count. */
		tw_format_cell(rs, row, c, 0, buf, sizeof(buf));
		pl_rowset_row(out);
		pl_rowset_str(out, rs->cols[c].name);
		if (pl_rowset_cell(rs, row, c)->is_null)
			pl_rowset_null(out);
		else
			pl_rowset_str(out, buf);
	}
	return out;
}

static const struct pl_cell *row_cell(struct page *p, long row, const char *col)
{
	int c = pl_rowset_col_index(p->tw.rs, col);
	if (c < 0 || row < 0)
		return NULL;
	const struct pl_cell *cell = pl_rowset_cell(p->tw.rs, (size_t)row, (size_t)c);
	return cell->is_null ? NULL : cell;
}

void table_enter(struct app *a, struct page *p)
{
	long row = tw_current(&p->tw);
	const struct pl_cell *c;
	if (row < 0)
		return;
	if (strcmp(p->view, "snapshots") == 0 && (c = row_cell(p, row, "snapshot_id"))) {
		focus_clear_travel(&a->focus);
		a->focus.has_snapshot = 1;
		a->focus.snapshot_id = c->u.i;
		app_message(a, "time travel: every view shows snapshot %" PRId64 " (L: latest)",
			    c->u.i);
		reload_views(a);
	} else if (strcmp(p->view, "tags") == 0 && (c = row_cell(p, row, "tag_name"))) {
		focus_clear_travel(&a->focus);
		a->focus.tag = pl_strdup(c->u.s);
		app_message(a, "time travel: every view shows tag %s (L: latest)", c->u.s);
		reload_views(a);
	} else if (strcmp(p->view, "branches") == 0 && (c = row_cell(p, row, "branch_name"))) {
		focus_clear_travel(&a->focus);
		free(a->focus.branch);
		a->focus.branch = strcmp(c->u.s, "main") == 0 ? NULL : pl_strdup(c->u.s);
		app_message(a, "branch %s", c->u.s);
		reload_views(a);
	} else if (strcmp(p->view, "schemas") == 0 && (c = row_cell(p, row, "schema_id"))) {
		open_schema_version(a, c->u.i);
	} else {
		open_row_detail(a, p);
	}
}

/* The first mark remembers a snapshot or schema id; the second opens the
 * diff from the first to the second. */
void table_diff_mark(struct app *a, struct page *p)
{
	static int64_t marked = -1;
	static const char *marked_view;
	const char *col = NULL;
	if (p && p->kind == PAGE_TABLE && strcmp(p->view, "snapshots") == 0)
		col = "snapshot_id";
	else if (p && p->kind == PAGE_TABLE && strcmp(p->view, "schemas") == 0)
		col = "schema_id";
	if (!col) {
		app_message(a, "d marks snapshots (Snapshots view) or schemas (Schemas view)");
		return;
	}
	const struct pl_cell *c = row_cell(p, tw_current(&p->tw), col);
	if (!c)
		return;
	if (marked < 0 || marked_view != p->view) {
		marked = c->u.i;
		marked_view = p->view;
		app_message(a, "marked %s %" PRId64 ": d on another one shows the diff", col,
			    marked);
		return;
	}
	a->message[0] = '\0';
	int64_t from = marked < c->u.i ? marked : c->u.i;
	int64_t to = marked < c->u.i ? c->u.i : marked;
	marked = -1;
	if (strcmp(col, "snapshot_id") == 0)
		load_start(a, LOAD_SNAPSHOT_DIFF, NULL, from, to, 0);
	else
		open_schema_diff(a, from, to);
}
