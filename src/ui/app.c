/* The browser's main loop, page stack and key actions. */
#include <curses.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ui/app.h"
#include "ui/keys.h"
#include "util/alloc.h"
#include "util/sanitize.h"

double app_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void set_message(struct app *a, int is_error, const char *fmt, va_list ap)
{
	char raw[512];
	vsnprintf(raw, sizeof(raw), fmt, ap);
	/* Messages quote names from the lake: sanitise before drawing. */
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_sanitize_append(&sb, raw, strlen(raw));
	snprintf(a->message, sizeof(a->message), "%s", pl_strbuf_str(&sb));
	pl_strbuf_free(&sb);
	a->message_is_error = is_error;
}

void app_message(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(a, 0, fmt, ap);
	va_end(ap);
}

void app_error(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(a, 1, fmt, ap);
	va_end(ap);
	if (!a->script_mode && a->screen_ready)
		beep();
}

struct page *app_top(struct app *a)
{
	return a->npages ? a->pages[a->npages - 1] : NULL;
}

struct page *page_new(enum page_kind kind, const char *title, struct pl_rowset *rs)
{
	struct page *p = pl_calloc(1, sizeof(*p));
	p->kind = kind;
	p->title = pl_strdup(title);
	tw_init(&p->tw, rs, 1);
	return p;
}

void page_free(struct page *p)
{
	if (!p)
		return;
	tw_free(&p->tw);
	pl_rowset_free(p->orig);
	free(p->title);
	free(p->summary);
	free(p);
}

static void page_setup(struct app *a, struct page *p)
{
	tw_set_human(&p->tw, a->human_sizes);
	/* Sizes drawn as bars, as ncdu does, where comparing them is the point. */
	if ((p->kind == PAGE_CATALOG || (p->kind == PAGE_TABLE &&
					 strcmp(p->view, "partitions") == 0)) &&
	    p->tw.bar_col < 0)
		tw_set_bar(&p->tw, pl_rowset_col_index(p->tw.rs, "file_size_in_bytes"));
	if (p->kind == PAGE_TABLE && strcmp(p->view, "snapshots") == 0 &&
	    a->watch_highlight_from >= 0) {
		int c = pl_rowset_col_index(p->tw.rs, "snapshot_id");
		for (size_t r = 0; c >= 0 && r < p->tw.rs->nrows; r++) {
			const struct pl_cell *cell = pl_rowset_cell(p->tw.rs, r, (size_t)c);
			p->tw.mark[r] = !cell->is_null && cell->u.i > a->watch_highlight_from;
		}
	}
}

void app_push(struct app *a, struct page *p)
{
	page_setup(a, p);
	if (a->npages == APP_MAX_PAGES) {
		/* Deep enough: forget the oldest page above the catalog. */
		page_free(a->pages[1]);
		memmove(a->pages + 1, a->pages + 2, (APP_MAX_PAGES - 2) * sizeof(*a->pages));
		a->npages--;
	}
	a->pages[a->npages++] = p;
}

void app_pop(struct app *a)
{
	if (a->npages <= 1) {
		app_message(a, "this is the first page (q quits)");
		return;
	}
	page_free(a->pages[--a->npages]);
	a->message[0] = '\0';
}

void app_replace_top(struct app *a, struct page *p)
{
	while (a->npages > 1 && app_top(a)->kind != PAGE_TABLE && app_top(a)->kind != PAGE_CATALOG)
		page_free(a->pages[--a->npages]);
	struct page *top = app_top(a);
	if (top && top->kind == p->kind && (p->kind == PAGE_TABLE || p->kind == PAGE_CATALOG)) {
		/* Same view reloaded (watch, time travel): keep the place. */
		if (top->view && p->view && strcmp(top->view, p->view) == 0) {
			p->chart = top->chart;
			tw_tree_copy_state(&p->tw, &top->tw);
			if (top->tw.sort_col >= 0 && top->tw.sort_col < (int)p->tw.rs->ncols)
				tw_sort(&p->tw, top->tw.sort_col, top->tw.sort_desc);
			if (top->tw.filter) {
				char f[512];
				snprintf(f, sizeof(f), "%s%s", top->tw.filter_invert ? "!" : "",
					 top->tw.filter);
				tw_set_filter(&p->tw, f);
			}
			tw_goto(&p->tw, top->tw.cursor, 1000000);
			p->tw.top = top->tw.top;
		}
		page_setup(a, p);
		page_free(top);
		a->pages[a->npages - 1] = p;
		return;
	}
	if (p->kind == PAGE_CATALOG) {
		while (a->npages)
			page_free(a->pages[--a->npages]);
	}
	app_push(a, p);
}

char *app_table_path(struct app *a, const char *db, const char *table)
{
	size_t n = strlen(db) + 4;
	char *dbdir = pl_malloc(n);
	snprintf(dbdir, n, "%s.db", db);
	char *d = pl_path_join_dup(a->st->root, dbdir);
	char *t = pl_path_join_dup(d, table);
	free(dbdir);
	free(d);
	return t;
}

char *app_table_name(const struct focus *f)
{
	size_t n = strlen(f->db) + strlen(f->table) + 2;
	char *s = pl_malloc(n);
	snprintf(s, n, "%s.%s", f->db, f->table);
	return s;
}

void focus_clear_travel(struct focus *f)
{
	free(f->tag);
	f->tag = NULL;
	f->has_snapshot = 0;
	f->snapshot_id = 0;
}

void focus_set_table(struct focus *f, const char *db, const char *table)
{
	free(f->db);
	free(f->table);
	free(f->branch);
	f->db = db ? pl_strdup(db) : NULL;
	f->table = table ? pl_strdup(table) : NULL;
	f->branch = NULL;
	focus_clear_travel(f);
}

struct pl_table_selector focus_selector(const struct focus *f)
{
	struct pl_table_selector sel = { f->branch, f->has_snapshot, f->snapshot_id, f->tag };
	return sel;
}

int app_open_systables(struct app *a, const struct focus *f, struct pl_systables **out,
		       struct pl_error *err)
{
	if (!f->table)
		return pl_err(err, PL_ERR_USAGE, "no table is open (Enter on a table first)");
	char *path = app_table_path(a, f->db, f->table);
	char *name = app_table_name(f);
	struct pl_table_selector sel = focus_selector(f);
	int rc = pl_systables_open(a->st, path, name, &sel, out, err);
	free(path);
	free(name);
	return rc;
}

void app_open_catalog(struct app *a)
{
	load_start(a, LOAD_CATALOG, NULL, 0, 0, 1);
}

void app_open_warehouse(struct app *a, const char *uri)
{
	struct pl_storage *st;
	struct pl_error err;
	pl_err_clear(&err);
	if (pl_storage_open(uri, &a->sopts, &st, &err)) {
		app_error(a, "cannot open %s: %s", uri, err.msg);
		return;
	}
	load_cancel(a);
	pl_storage_close(a->st);
	a->st = st;
	free(a->warehouse);
	a->warehouse = pl_strdup(uri);
	focus_set_table(&a->focus, NULL, NULL);
	while (a->npages)
		page_free(a->pages[--a->npages]);
	app_open_catalog(a);
}

void app_draw(struct app *a)
{
	screen_draw(a);
}

static int body_height(struct app *a)
{
	return a->rows > 6 ? a->rows - 5 : 1;
}

static void sort_next(struct page *p)
{
	struct table_widget *tw = &p->tw;
	if (!tw->ncols)
		return;
	size_t next = 0;
	for (size_t i = 0; i < tw->ncols; i++)
		if ((int)tw->cols[i] == tw->sort_col)
			next = i + 1;
	if (next >= tw->ncols)
		tw_sort(tw, -1, 0);
	else
		tw_sort(tw, (int)tw->cols[next], 0);
}

static void switch_view(struct app *a, int delta)
{
	struct page *top = app_top(a);
	if (!a->focus.table) {
		app_message(a, "open a table first (Enter)");
		return;
	}
	int cur = 0;
	for (int i = a->npages - 1; i >= 0; i--) {
		if (a->pages[i]->kind == PAGE_TABLE) {
			cur = table_view_index(a->pages[i]->view);
			break;
		}
	}
	(void)top;
	int n = (int)n_table_views;
	open_table_view(a, ((cur + delta) % n + n) % n);
}

static void handle_mouse(struct app *a)
{
	MEVENT ev;
	struct page *top = app_top(a);
	if (getmouse(&ev) != OK || !top)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		tw_move(&top->tw, -3, body_height(a));
		return;
	}
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED) {
		tw_move(&top->tw, 3, body_height(a));
		return;
	}
#endif
	if (ev.y == 1 && top->kind == PAGE_TABLE) {
		/* The tab bar: a click switches to that view. */
		int view = table_view_at(ev.x);
		if (view >= 0)
			open_table_view(a, view);
		return;
	}
	if (ev.y == a->body_y - 1) {
		/* The column header: sort by it, a second click reverses. */
		int col = tw_col_at(&top->tw, 0, ev.x);
		if (col >= 0)
			tw_sort(&top->tw, col, col == top->tw.sort_col && !top->tw.sort_desc);
		return;
	}
	long pos = tw_row_at(&top->tw, ev.y - a->body_y);
	if (pos < 0)
		return;
	tw_goto(&top->tw, (size_t)pos, body_height(a));
	if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		app_handle_key(a, '\r');
}

static void catalog_enter(struct app *a, struct page *p)
{
	long row = tw_current(&p->tw);
	if (row < 0)
		return;
	int dbc = pl_rowset_col_index(p->tw.rs, "_db");
	int tc = pl_rowset_col_index(p->tw.rs, "_table");
	const struct pl_cell *db = pl_rowset_cell(p->tw.rs, (size_t)row, (size_t)dbc);
	const struct pl_cell *t = pl_rowset_cell(p->tw.rs, (size_t)row, (size_t)tc);
	if (t->is_null) {
		/* A database row: show only its tables. */
		char f[512];
		snprintf(f, sizeof(f), "%s", db->u.s);
		app_message(a, "database %s: Enter on one of its tables", f);
		tw_move(&p->tw, 1, body_height(a));
		return;
	}
	open_table(a, db->u.s, t->u.s);
}

static void enter(struct app *a)
{
	struct page *top = app_top(a);
	if (!top)
		return;
	switch (top->kind) {
	case PAGE_CATALOG:
		catalog_enter(a, top);
		break;
	case PAGE_TABLE:
		table_enter(a, top);
		break;
	case PAGE_HELP:
		break;
	case PAGE_SOURCES:
		sources_enter(a, top);
		break;
	default:
		open_row_detail(a, top);
		break;
	}
}

int app_handle_key(struct app *a, int key)
{
	if (cmdbar_active()) {
		cmdbar_key(a, key);
		return 0;
	}
	if (prompt_active()) {
		prompt_key(a, key);
		return 0;
	}
	if (key == KEY_MOUSE) {
		handle_mouse(a);
		return 0;
	}
	if (key == KEY_RESIZE)
		return 0;
	struct page *top = app_top(a);
	if (key == 't' && top && top->kind == PAGE_SOURCES) {
		sources_test_connection(a, NULL);
		return 0;
	}
	enum action act = key_action(key);
	if (act == ACT_NONE && key >= '0' && key <= '9') {
		if (!a->focus.table) {
			app_message(a, "open a table first (Enter)");
			return 0;
		}
		open_table_view(a, key == '0' ? 9 : key - '1');
		return 0;
	}
	int h = body_height(a);
	if (top && top->tw.parent && schema_tree_action(a, top, (int)act, key))
		return 0;
	switch (act) {
	case ACT_NONE:
		if (key != ERR) {
			char name[32];
			key_label(key, name, sizeof(name));
			app_message(a, "%s is not bound (? shows the keys)", name);
		}
		break;
	case ACT_QUIT:
		a->quit = 1;
		break;
	case ACT_HELP:
		app_show_help(a);
		break;
	case ACT_COMMAND:
		cmdbar_open(a);
		break;
	case ACT_ENTER:
		enter(a);
		break;
	case ACT_CANCEL:
		if (load_busy(a)) {
			load_cancel(a);
			break;
		}
		if (top && top->tw.filter) {
			tw_set_filter(&top->tw, NULL);
			app_message(a, "filter cleared");
			break;
		}
		/* Esc goes back like Backspace. */
		/* fall through */
	case ACT_BACK:
		if (load_busy(a))
			load_cancel(a);
		else
			app_pop(a);
		break;
	case ACT_UP:
		if (top)
			tw_move(&top->tw, -1, h);
		break;
	case ACT_DOWN:
		if (top)
			tw_move(&top->tw, 1, h);
		break;
	case ACT_PAGE_UP:
		if (top)
			tw_move(&top->tw, -h, h);
		break;
	case ACT_PAGE_DOWN:
		if (top)
			tw_move(&top->tw, h, h);
		break;
	case ACT_HOME:
		if (top)
			tw_goto(&top->tw, 0, h);
		break;
	case ACT_END:
		if (top && top->tw.nvis)
			tw_goto(&top->tw, top->tw.nvis - 1, h);
		break;
	case ACT_LEFT:
		if (top)
			tw_hscroll(&top->tw, -1);
		break;
	case ACT_RIGHT:
		if (top)
			tw_hscroll(&top->tw, 1);
		break;
	case ACT_NEXT_VIEW:
		switch_view(a, 1);
		break;
	case ACT_PREV_VIEW:
		switch_view(a, -1);
		break;
	case ACT_SORT_NEXT:
		if (top)
			sort_next(top);
		break;
	case ACT_SORT_REVERSE:
		if (top && top->tw.sort_col >= 0)
			tw_sort(&top->tw, top->tw.sort_col, !top->tw.sort_desc);
		else if (top)
			app_message(a, "not sorted: s picks a column, :sort COLUMN [desc]");
		break;
	case ACT_SEARCH:
		prompt_open(a, '/');
		break;
	case ACT_FILTER:
		prompt_open(a, '\\');
		break;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (top && !tw_search(&top->tw, NULL, act == ACT_SEARCH_NEXT ? 1 : -1))
			app_error(a, "no match");
		break;
	case ACT_CHART:
		if (top && top->kind == PAGE_TABLE && strcmp(top->view, "snapshots") == 0)
			top->chart = !top->chart;
		else
			app_message(a, "the chart is on the Snapshots view (%d)",
				    table_view_index("snapshots") + 1);
		break;
	case ACT_DIFF_MARK:
		table_diff_mark(a, top);
		break;
	case ACT_RELOAD:
		reload_views(a);
		break;
	case ACT_LATEST:
		focus_clear_travel(&a->focus);
		reload_views(a);
		break;
	case ACT_REDRAW:
		if (!a->script_mode)
			clearok(curscr, TRUE);
		break;
	case ACT_EXPAND_ALL:
	case ACT_COLLAPSE_ALL:
		app_message(a, "* and - unfold and fold nested fields (Schema view, 2)");
		break;
	case ACT_HEALTH:
		open_table_view(a, table_view_index("health"));
		break;
	case ACT_COUNT:
		break;
	}
	return 0;
}

void app_show_help(struct app *a)
{
	struct page *top = app_top(a);
	if (top && top->kind == PAGE_HELP)
		return;
	app_push(a, page_new(PAGE_HELP, "help", keys_help_rowset()));
}

static void interactive_loop(struct app *a)
{
	while (!a->quit) {
		load_poll(a);
		sources_poll(a, 0);
		if (a->watch_seconds && !load_busy(a) && app_now() >= a->next_poll)
			watch_poll(a);
		app_draw(a);
		int key = getch();
		if (key == ERR)
			continue;
		app_handle_key(a, key);
	}
}

static void app_init_defaults(struct app *a)
{
	a->human_sizes = 1;
	a->chart_snapshots = 100;
	a->mouse = 1;
	a->watch_last_id = -1;
	a->watch_highlight_from = -1;
	theme_reset(&a->theme);
	keys_reset();
}

int pl_ui_main(const char *warehouse, const struct pl_ui_options *opts)
{
	struct app app;
	struct app *a = &app;
	struct pl_error err;
	memset(a, 0, sizeof(*a));
	pl_err_clear(&err);
	app_init_defaults(a);
	if (opts->storage)
		a->sopts = *opts->storage;
	a->script_mode = opts->script != NULL;
	a->warehouse = pl_strdup(warehouse);
	if (pl_storage_open(warehouse, &a->sopts, &a->st, &err)) {
		struct pl_arena msg_arena;
		pl_arena_init(&msg_arena, 0);
		fprintf(stderr, "paimon-lens: cannot open %s: %s\n",
			pl_sanitize(&msg_arena, warehouse, strlen(warehouse)),
			pl_sanitize(&msg_arena, err.msg, strlen(err.msg)));
		pl_arena_free(&msg_arena);
		free(a->warehouse);
		return err.code == PL_ERR_NOT_FOUND ? 3 : 5;
	}
	config_load(a);
	if (screen_init(a, opts)) {
		fprintf(stderr, "paimon-lens: cannot start the terminal screen\n");
		pl_storage_close(a->st);
		free(a->warehouse);
		return 1;
	}
	if (!a->script_mode)
		cmdbar_init(a);
	if (opts->start_sources)
		open_sources(a);
	else
		app_open_catalog(a);
	if (opts->table) {
		char cmd[600];
		snprintf(cmd, sizeof(cmd), "cd %s", opts->table);
		run_command(a, cmd);
	}
	int rc = 0;
	if (a->script_mode)
		rc = script_run(a, opts->script);
	else
		interactive_loop(a);
	if (!a->script_mode)
		cmdbar_end();
	screen_end(a);
	load_cancel(a);
	sources_end();
	while (a->npages)
		page_free(a->pages[--a->npages]);
	focus_set_table(&a->focus, NULL, NULL);
	for (size_t i = 0; i < a->nnames; i++)
		free(a->names[i]);
	free(a->names);
	pl_storage_close(a->st);
	free(a->warehouse);
	return rc;
}

void pl_ui_options_from_env(struct pl_ui_options *opts)
{
	memset(opts, 0, sizeof(*opts));
	const char *script = getenv("PAIMON_LENS_SCRIPT");
	if (script && script[0])
		opts->script = script;
	const char *size = getenv("PAIMON_LENS_SIZE");
	int c, r;
	if (size && sscanf(size, "%dx%d", &c, &r) == 2 && c >= 20 && c <= 1000 && r >= 5 &&
	    r <= 1000) {
		opts->cols = c;
		opts->rows = r;
	}
}

#ifndef PL_BUILD_DEMO
#define PL_BUILD_DEMO "demo-lake"
#endif

const char *pl_ui_default_warehouse(void)
{
	const char *env = getenv("PAIMON_LENS_DEMO");
	struct stat sb;
	if (env && env[0])
		return env;
	if (stat(PL_BUILD_DEMO, &sb) == 0 && S_ISDIR(sb.st_mode))
		return PL_BUILD_DEMO;
	return PL_DATADIR "/demo-lake";
}
