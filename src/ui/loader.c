/* Background loads. A load runs in its own thread with its own storage
 * handle, so the screen keeps drawing and Esc works while a big manifest
 * list is read. Cancelling raises the job's flag, which that handle checks
 * before every request (pl_storage_set_cancel): the reader fails with
 * "cancelled" within one request, unwinds and frees what it built; the
 * detached thread then drops its result. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/catalog.h"
#include "ui/app.h"
#include "util/alloc.h"

struct load_job {
	pthread_mutex_t mu;
	int refs;
	int done;
	enum load_kind kind;
	char *uri;
	struct pl_storage_options sopts;
	char *table_path;
	char *name;
	char *branch, *tag;
	int has_snapshot;
	int64_t snapshot_id;
	char *view;
	char *db, *tbl;
	int64_t diff_a, diff_b;
	int replace_top;
	double start;
	atomic_int cancel;
	struct pl_rowset *rs;
	long *tree_parent;         /* schema view: the rows' tree */
	char *summary;
	struct pl_error err;
	int rc;
};

static void job_unref(struct load_job *j)
{
	pthread_mutex_lock(&j->mu);
	int left = --j->refs;
	pthread_mutex_unlock(&j->mu);
	if (left)
		return;
	pthread_mutex_destroy(&j->mu);
	pl_rowset_free(j->rs);
	free(j->summary);
	free(j->uri);
	free(j->table_path);
	free(j->name);
	free(j->branch);
	free(j->tag);
	free(j->view);
	free(j->db);
	free(j->tbl);
	free(j->tree_parent);
	free(j);
}

static const struct pl_rowset_col catalog_cols[] = {
	{ "name", PL_COL_STRING, 0 },
	{ "table_kind", PL_COL_STRING, 0 },
	{ "partition_keys", PL_COL_JSON, 0 },
	{ "primary_keys", PL_COL_JSON, 0 },
	{ "latest_snapshot_id", PL_COL_INT64, 0 },
	{ "record_count", PL_COL_INT64, 0 },
	{ "file_size_in_bytes", PL_COL_INT64, 0 },
	{ "file_count", PL_COL_INT64, 0 },
	{ "avg_file_size", PL_COL_INT64, 0 },
	{ "last_commit_time", PL_COL_TIME, 0 },
	{ "error", PL_COL_STRING, 0 },
	{ "_db", PL_COL_STRING, PL_COLF_JSON_ONLY },
	{ "_table", PL_COL_STRING, PL_COLF_JSON_ONLY },
};
#define N_CATALOG_COLS (sizeof(catalog_cols) / sizeof(catalog_cols[0]))

static void copy_cell(struct pl_rowset *dst, const struct pl_rowset *src, size_t row,
		      const char *col)
{
	int c = pl_rowset_col_index(src, col);
	const struct pl_cell *cell = c >= 0 ? pl_rowset_cell(src, row, (size_t)c) : NULL;
	if (!cell || cell->is_null) {
		pl_rowset_null(dst);
		return;
	}
	switch (src->cols[c].kind) {
	case PL_COL_STRING:
		pl_rowset_str(dst, cell->u.s);
		break;
	case PL_COL_JSON:
		pl_rowset_json(dst, cell->u.s);
		break;
	default:
		pl_rowset_i64(dst, cell->u.i);
		break;
	}
}

/* Databases with their tables beneath, as one tree-shaped rowset whose
 * hidden _db/_table columns say what Enter opens. */
struct pl_rowset *build_catalog(struct pl_storage *st, struct pl_error *err)
{
	struct pl_rowset *dbs;
	if (pl_systable_databases(st, &dbs, err))
		return NULL;
	struct pl_rowset *rs = pl_rowset_new("catalog", catalog_cols, N_CATALOG_COLS);
	for (size_t d = 0; d < dbs->nrows; d++) {
		const struct pl_cell *name = pl_rowset_cell(dbs, d, 0);
		if (name->is_null)
			continue;
		struct pl_rowset *tables = NULL;
		struct pl_error terr;
		pl_err_clear(&terr);
		int rc = pl_systable_tables(st, name->u.s, &tables, &terr);
		pl_rowset_row(rs);
		pl_rowset_str(rs, name->u.s);
		pl_rowset_str(rs, "database");
		rs->cursor = N_CATALOG_COLS - 3;
		pl_rowset_str(rs, rc ? terr.msg : NULL);
		pl_rowset_str(rs, name->u.s);
		pl_rowset_null(rs);
		for (size_t t = 0; !rc && t < tables->nrows; t++) {
			const struct pl_cell *tn = pl_rowset_cell(tables, t, 0);
			char label[512];
			/* Indented under its database: the tree of the catalog. */
			snprintf(label, sizeof(label), "  %s", tn->u.s);
			pl_rowset_row(rs);
			pl_rowset_str(rs, label);
			/* Folders are listed unchecked (paimon/catalog.h): one
			 * that is no table says so where the kind would be, the
			 * reason is in its error column and on Enter. */
			int ec = pl_rowset_col_index(tables, "error");
			const struct pl_cell *why = ec >= 0 ? pl_rowset_cell(tables, t, (size_t)ec) : NULL;
			if (why && !why->is_null && pl_catalog_not_a_table_msg(why->u.s))
				pl_rowset_str(rs, "not a table");
			else
				copy_cell(rs, tables, t, "table_kind");
			copy_cell(rs, tables, t, "partition_keys");
			copy_cell(rs, tables, t, "primary_keys");
			copy_cell(rs, tables, t, "latest_snapshot_id");
			copy_cell(rs, tables, t, "record_count");
			copy_cell(rs, tables, t, "file_size_in_bytes");
			copy_cell(rs, tables, t, "file_count");
			int sc = pl_rowset_col_index(tables, "file_size_in_bytes");
			int fc = pl_rowset_col_index(tables, "file_count");
			const struct pl_cell *size = sc >= 0 ? pl_rowset_cell(tables, t, (size_t)sc) : NULL;
			const struct pl_cell *count = fc >= 0 ? pl_rowset_cell(tables, t, (size_t)fc) : NULL;
			if (size && count && !size->is_null && !count->is_null && count->u.i > 0)
				pl_rowset_i64(rs, size->u.i / count->u.i);
			else
				pl_rowset_null(rs);
			copy_cell(rs, tables, t, "last_commit_time");
			copy_cell(rs, tables, t, "error");
			pl_rowset_str(rs, name->u.s);
			pl_rowset_str(rs, tn->u.s);
		}
		pl_rowset_free(tables);
	}
	pl_rowset_free(dbs);
	return rs;
}

static void run_job(struct load_job *j)
{
	struct pl_storage *st = NULL;
	struct pl_systables *t = NULL;
	j->rc = pl_storage_open(j->uri, &j->sopts, &st, &j->err);
	if (j->rc)
		return;
	pl_storage_set_cancel(st, &j->cancel);
	struct pl_table_selector sel = { j->branch, j->has_snapshot, j->snapshot_id, j->tag };
	switch (j->kind) {
	case LOAD_CATALOG:
		j->rs = build_catalog(st, &j->err);
		j->rc = j->rs ? 0 : -1;
		break;
	case LOAD_VIEW:
		if (strcmp(j->view, "health") == 0) {
			j->rs = build_health(st, j->db, j->tbl, j->branch, &j->err);
			j->rc = j->rs ? 0 : -1;
			break;
		}
		if (strcmp(j->view, "schema") == 0) {
			j->rs = build_schema_tree(st, j->db, j->tbl, &sel, &j->tree_parent, &j->err);
			j->rc = j->rs ? 0 : -1;
			break;
		}
		j->rc = pl_systables_open(st, j->table_path, j->name, &sel, &t, &j->err);
		if (!j->rc)
			j->rc = pl_systable_build(t, j->view, &j->rs, &j->err);
		pl_systables_close(t);
		break;
	case LOAD_SNAPSHOT_DIFF:
		j->rs = build_snapshot_diff(st, j->table_path, j->name, j->branch, j->diff_a,
					    j->diff_b, &j->summary, &j->err);
		j->rc = j->rs ? 0 : -1;
		break;
	}
	pl_storage_close(st);
}

static void *job_thread(void *arg)
{
	struct load_job *j = arg;
	run_job(j);
	pthread_mutex_lock(&j->mu);
	j->done = 1;
	pthread_mutex_unlock(&j->mu);
	job_unref(j);
	return NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? pl_strdup(s) : NULL;
}

void load_start(struct app *a, enum load_kind kind, const char *view, int64_t diff_a,
		int64_t diff_b, int replace_top)
{
	load_cancel(a);
	struct load_job *j = pl_calloc(1, sizeof(*j));
	pthread_mutex_init(&j->mu, NULL);
	atomic_init(&j->cancel, 0);
	j->refs = 1;
	j->kind = kind;
	j->uri = pl_strdup(a->warehouse);
	j->sopts = a->sopts;
	if (a->focus.table) {
		j->table_path = app_table_path(a, a->focus.db, a->focus.table);
		j->name = app_table_name(&a->focus);
		j->db = pl_strdup(a->focus.db);
		j->tbl = pl_strdup(a->focus.table);
	}
	j->branch = dup_or_null(a->focus.branch);
	j->tag = dup_or_null(a->focus.tag);
	j->has_snapshot = a->focus.has_snapshot;
	j->snapshot_id = a->focus.snapshot_id;
	j->view = dup_or_null(view);
	j->diff_a = diff_a;
	j->diff_b = diff_b;
	j->replace_top = replace_top;
	j->start = app_now();
	pl_err_clear(&j->err);
	a->job = j;
	if (a->script_mode) {
		/* Deterministic: scripts see every load finished. */
		run_job(j);
		j->done = 1;
		load_poll(a);
		return;
	}
	pthread_t tid;
	j->refs++;
	if (pthread_create(&tid, NULL, job_thread, j) != 0) {
		j->refs--;
		run_job(j);
		j->done = 1;
		return;
	}
	pthread_detach(tid);
}

int load_busy(const struct app *a)
{
	return a->job != NULL;
}

void load_cancel(struct app *a)
{
	if (!a->job)
		return;
	atomic_store(&a->job->cancel, 1);
	job_unref(a->job);
	a->job = NULL;
	app_message(a, "load cancelled");
}

void load_wait(struct app *a)
{
	while (a->job && !load_poll(a)) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
}

void load_progress(const struct app *a, char *buf, size_t n)
{
	static const char spin[] = "|/-\\";
	const struct load_job *j = a->job;
	double secs = app_now() - j->start;
	const char *what = j->kind == LOAD_CATALOG ? "catalog" :
			   j->kind == LOAD_SNAPSHOT_DIFF ? "snapshot diff" : j->view;
	snprintf(buf, n, "%c loading %s... %.1fs (Esc cancels)", spin[(int)(secs * 8) % 4], what,
		 secs);
}

static struct page *page_for_job(struct app *a, struct load_job *j)
{
	struct page *p;
	switch (j->kind) {
	case LOAD_CATALOG:
		p = page_new(PAGE_CATALOG, "catalog", j->rs);
		break;
	case LOAD_SNAPSHOT_DIFF:
		p = page_new(PAGE_SNAPSHOT_DIFF, "snapshot diff", j->rs);
		p->summary = j->summary;
		j->summary = NULL;
		p->tw.change_col = 0;
		break;
	default: {
		int i = table_view_index(j->view);
		struct pl_rowset *rs = j->rs, *orig = NULL;
		if (rs->single_object && rs->nrows == 1) {
			orig = rs;
			rs = transpose_row(orig, 0, j->view);
		}
		p = page_new(PAGE_TABLE, i >= 0 ? table_views[i].title : j->view, rs);
		p->orig = orig;
		p->view = i >= 0 ? table_views[i].view : "overview";
		if (j->tree_parent)
			tw_set_tree(&p->tw, 1, j->tree_parent);
		if (strcmp(p->view, "health") == 0)
			health_page_setup(p);
		break;
	}
	}
	j->rs = NULL;
	return p;
}

int load_poll(struct app *a)
{
	struct load_job *j = a->job;
	if (!j)
		return 0;
	pthread_mutex_lock(&j->mu);
	int done = j->done;
	pthread_mutex_unlock(&j->mu);
	if (!done)
		return 0;
	a->job = NULL;
	if (j->rc) {
		app_error(a, "%s", j->err.msg[0] ? j->err.msg : "load failed");
	} else {
		struct page *p = page_for_job(a, j);
		if (j->replace_top)
			app_replace_top(a, p);
		else
			app_push(a, p);
	}
	job_unref(j);
	return 1;
}
