/* The start screen: the data sources of the sources file (io/sources.h),
 * Enter opens one, `t` or :test-connection runs the connectivity test
 * (io/connection_test.h) on a thread of its own and shows each step. With
 * no source configured it says how to write the file and offers the demo
 * lake. Only the file's non-secret keys are shown: it holds no secrets,
 * and the credentials are never read here. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/connection_test.h"
#include "io/sources.h"
#include "ui/app.h"
#include "util/alloc.h"

static const struct pl_rowset_col source_cols[] = {
	{ "name", PL_COL_STRING, 0 },     { "catalog", PL_COL_STRING, 0 },
	{ "filesystem", PL_COL_STRING, 0 }, { "access_mode", PL_COL_STRING, 0 },
	{ "region", PL_COL_STRING, 0 },   { "endpoint", PL_COL_STRING, 0 },
	{ "warehouse", PL_COL_STRING, 0 }, { "_open", PL_COL_STRING, 0 },
};

static const struct pl_rowset_col start_cols[] = {
	{ "getting_started", PL_COL_STRING, 0 },
	{ "_open", PL_COL_STRING, 0 },
};

static const struct pl_rowset_col step_cols[] = {
	{ "step", PL_COL_STRING, 0 },
	{ "result", PL_COL_STRING, 0 },
	{ "ms", PL_COL_INT64, 0 },
	{ "detail", PL_COL_STRING, 0 },
};

#define N_COLS(c) (sizeof(c) / sizeof((c)[0]))
/* Paths, causes and hints are the answer: let them take a wide screen. */
#define TEXT_WIDTH 200

static void start_line(struct pl_rowset *rs, const char *text, const char *open)
{
	pl_rowset_row(rs);
	pl_rowset_str(rs, text);
	pl_rowset_str(rs, open);
}

/* No source yet: the four lines of doc/remote.md's quick start, and the
 * lakes that need no file. */
static struct pl_rowset *getting_started(const char *path)
{
	struct pl_rowset *rs = pl_rowset_new("sources", start_cols, N_COLS(start_cols));
	char line[1200];
	snprintf(line, sizeof(line), "No data sources yet. Write these four lines to %s:",
		 path ? path : "~/.config/paimon-lens/sources");
	start_line(rs, line, NULL);
	start_line(rs, "    [source lake]", NULL);
	start_line(rs, "    filesystem  = oss", NULL);
	start_line(rs, "    warehouse   = oss://my-bucket/warehouse", NULL);
	start_line(rs, "    region      = cn-hangzhou", NULL);
	start_line(rs, "with OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET in the environment,", NULL);
	start_line(rs, "then :sources, and t to test the connection (see doc/remote.md).", NULL);
	start_line(rs, "", NULL);
	const char *demo = pl_ui_default_warehouse();
	snprintf(line, sizeof(line), "Enter here: open the demo lake (%s)", demo);
	start_line(rs, line, demo);
	start_line(rs, "Or a local or remote warehouse: :open PATH|URI", NULL);
	return rs;
}

static struct pl_rowset *sources_rowset(const struct pl_sources *s)
{
	struct pl_rowset *rs = pl_rowset_new("sources", source_cols, N_COLS(source_cols));
	for (size_t i = 0; i < s->n; i++) {
		const struct pl_source *src = &s->items[i];
		pl_rowset_row(rs);
		pl_rowset_str(rs, src->name);
		pl_rowset_str(rs, src->catalog);
		pl_rowset_str(rs, src->filesystem);
		pl_rowset_str(rs, src->access_mode);
		pl_rowset_str(rs, src->region);
		pl_rowset_str(rs, src->endpoint);
		pl_rowset_str(rs, src->warehouse);
		pl_rowset_str(rs, src->name);
	}
	return rs;
}

void open_sources(struct app *a)
{
	struct pl_sources s;
	struct pl_error err;
	pl_err_clear(&err);
	if (pl_sources_load(NULL, &s, &err)) {
		/* At start there is no page to stay on: the default lake then. */
		if (!a->npages)
			app_open_catalog(a);
		app_error(a, "%s", err.msg);
		return;
	}
	int none = s.n == 0;
	struct pl_rowset *rs = none ? getting_started(s.path) : sources_rowset(&s);
	if (!none)
		app_message(a, "%zu data source%s: Enter opens, t tests the connection", s.n,
			    s.n == 1 ? "" : "s");
	pl_sources_free(&s);
	struct page *page = page_new(PAGE_SOURCES, "sources", rs);
	tw_set_max_width(&page->tw, TEXT_WIDTH);
	app_push(a, page);
}

/* What Enter or `t` acts on: the current row's _open, or NULL. */
static const char *current_target(struct page *p)
{
	long row = tw_current(&p->tw);
	int col = pl_rowset_col_index(p->tw.rs, "_open");
	if (row < 0 || col < 0)
		return NULL;
	const struct pl_cell *c = pl_rowset_cell(p->tw.rs, (size_t)row, (size_t)col);
	return c->is_null ? NULL : c->u.s;
}

void sources_enter(struct app *a, struct page *p)
{
	const char *target = current_target(p);
	if (!target) {
		app_message(a, "nothing to open on this line");
		return;
	}
	/* The page goes away with the old warehouse: copy. A source row opens
	 * the source by name even when a folder here bears the same name. */
	int is_source = pl_rowset_col_index(p->tw.rs, "warehouse") >= 0;
	const char *prefix = is_source ? PL_SOURCE_URI_PREFIX : "";
	size_t n = strlen(prefix) + strlen(target) + 1;
	char *copy = pl_malloc(n);
	snprintf(copy, n, "%s%s", prefix, target);
	app_open_warehouse(a, copy);
	free(copy);
}

/* --- the connectivity test, off the UI thread -------------------------- */

struct conn_job {
	pthread_t thread;
	atomic_int done;
	char *label;                  /* what the user asked for */
	char *uri;
	struct pl_storage_options opts;
	struct pl_sources sources;    /* owns the strings opts points to */
	struct pl_conn_result result;
	int rc;
};

static struct conn_job *running_job;

static void *conn_thread(void *arg)
{
	struct conn_job *j = arg;
	j->rc = pl_connection_test(j->uri, &j->opts, &j->result);
	atomic_store(&j->done, 1);
	return NULL;
}

static void job_free(struct conn_job *j)
{
	pl_sources_free(&j->sources);
	free(j->label);
	free(j->uri);
	free(j);
}

static struct pl_rowset *result_rowset(const struct pl_conn_result *r)
{
	struct pl_rowset *rs = pl_rowset_new("connection", step_cols, N_COLS(step_cols));
	for (int i = 0; i < PL_CONN_STEPS; i++) {
		const struct pl_conn_step_result *s = &r->steps[i];
		if (s->state == PL_CONN_NOT_RUN)
			continue;
		pl_rowset_row(rs);
		pl_rowset_str(rs, pl_conn_step_name((enum pl_conn_step)i));
		pl_rowset_str(rs, s->state == PL_CONN_OK     ? "OK"
				  : s->state == PL_CONN_FAILED ? "FAILED"
							       : "skipped");
		pl_rowset_i64(rs, (int64_t)(s->seconds * 1000.0 + 0.5));
		pl_rowset_str(rs, s->state == PL_CONN_FAILED ? r->cause : s->detail);
	}
	if (r->failed >= 0 && r->hint[0]) {
		pl_rowset_row(rs);
		pl_rowset_str(rs, "hint");
		pl_rowset_null(rs);
		pl_rowset_null(rs);
		pl_rowset_str(rs, r->hint);
	}
	return rs;
}

static void install_result(struct app *a, struct conn_job *j)
{
	pthread_join(j->thread, NULL);
	char title[300];
	snprintf(title, sizeof(title), "test-connection %s", j->label);
	struct page *page = page_new(PAGE_DETAIL, title, result_rowset(&j->result));
	tw_set_max_width(&page->tw, TEXT_WIDTH);
	app_push(a, page);
	if (j->result.failed < 0)
		app_message(a, "Connected: %s", j->label);
	else
		app_error(a, "Connection failed: %s: %s",
			  pl_conn_step_name((enum pl_conn_step)j->result.failed), j->result.cause);
	job_free(j);
}

/* target: a source name, a URI or a path; NULL: the source on the current
 * line of the start screen, else the open warehouse. */
void sources_test_connection(struct app *a, const char *target)
{
	if (running_job) {
		app_message(a, "a connection test is already running");
		return;
	}
	struct page *top = app_top(a);
	if (!target && top && top->kind == PAGE_SOURCES) {
		target = current_target(top);
		if (!target) {
			app_message(a, "no data source on this line");
			return;
		}
	}
	if (!target)
		target = a->warehouse;
	struct conn_job *j = pl_calloc(1, sizeof(*j));
	j->label = pl_strdup(target);
	j->opts = a->sopts;
	struct pl_error err;
	const struct pl_source *src = NULL;
	if (pl_sources_load(NULL, &j->sources, &err) == 0)
		src = pl_sources_find(&j->sources, target);
	j->uri = pl_strdup(src ? pl_source_apply(src, &j->opts) : target);
	if (pthread_create(&j->thread, NULL, conn_thread, j)) {
		app_error(a, "cannot start the connection test");
		job_free(j);
		return;
	}
	running_job = j;
	app_message(a, "testing the connection to %s ...", j->label);
	if (a->script_mode)
		sources_poll(a, 1);
}

int sources_poll(struct app *a, int wait)
{
	struct conn_job *j = running_job;
	if (!j)
		return 0;
	if (!wait && !atomic_load(&j->done))
		return 0;
	running_job = NULL;
	install_result(a, j);
	return 1;
}

void sources_end(void)
{
	struct conn_job *j = running_job;
	if (!j)
		return;
	running_job = NULL;
	/* The test's own timeouts bound the wait. */
	pthread_join(j->thread, NULL);
	job_free(j);
}
