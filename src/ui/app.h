/* Shared state of the browser (not for use outside src/ui/). One struct app
 * is the whole program state; pages are a stack the user walks with Enter
 * and Backspace; every page shows one rowset through the table widget. */
#ifndef PL_UI_APP_H
#define PL_UI_APP_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "paimon/rowset.h"
#include "paimon/systables.h"
#include "ui/table_widget.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "util/err.h"

enum page_kind {
	PAGE_CATALOG,
	PAGE_TABLE,          /* one of the table views (tabs) */
	PAGE_DETAIL,         /* one row turned into key/value lines */
	PAGE_SCHEMA_VERSION,
	PAGE_SCHEMA_DIFF,
	PAGE_SNAPSHOT_DIFF,
	PAGE_HELP,
	PAGE_SOURCES,        /* the start screen: data sources (view_sources.c) */
};

struct page {
	enum page_kind kind;
	char *title;               /* last breadcrumb element */
	const char *view;          /* systable view name (PAGE_TABLE) */
	struct table_widget tw;
	int chart;                 /* snapshots: record-count chart shown */
	char *summary;             /* one line above the table (diffs), or NULL */
	/* The view's own rowset when the screen shows it transposed
	 * (overview): :export hands this one on. */
	struct pl_rowset *orig;
};

#define APP_MAX_PAGES 32

/* What a table view is showing: the table and the time-travel selection. */
struct focus {
	char *db;
	char *table;
	char *branch;              /* NULL: main */
	char *tag;
	int has_snapshot;
	int64_t snapshot_id;
};

struct load_job;

struct app {
	char *warehouse;
	struct pl_storage_options sopts;
	struct pl_storage *st;     /* UI thread only; workers open their own */
	struct focus focus;

	struct page *pages[APP_MAX_PAGES];
	int npages;

	struct load_job *job;      /* in flight, or NULL */

	char message[512];
	int message_is_error;

	/* Screen. */
	int rows, cols;
	int body_y;                /* screen line of the list's first row */
	int script_mode;
	int screen_ready;          /* curses is up */
	int unicode;
	struct theme theme;
	int quit;

	/* :watch: poll interval in seconds (0 = off), snapshots already seen. */
	int watch_seconds;
	double next_poll;
	int64_t watch_last_id;       /* -1 before the first poll */
	int64_t watch_highlight_from; /* snapshots above it are new; -1 none */

	/* :set options. */
	int human_sizes;
	int chart_snapshots;       /* how many snapshots the chart covers */
	int mouse;

	/* Catalog names for completion (db.table), from the last catalog load. */
	char **names;
	size_t nnames;
};

/* Table views in tab order, with their title and number key. */
struct table_view_def {
	const char *view;          /* systable view name */
	const char *title;
};
extern const struct table_view_def table_views[];
extern const size_t n_table_views;
int table_view_index(const char *view);
/* The tab bar's label of view i (" 6 Snapshots "), and the view whose label
 * covers screen column x (-1: none): drawing and clicks agree. */
int table_view_label(size_t i, char *buf, size_t n);
int table_view_at(int x);

/* app.c */
void app_message(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void app_error(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct page *app_top(struct app *a);
struct page *page_new(enum page_kind kind, const char *title, struct pl_rowset *rs);
void page_free(struct page *p);
void app_push(struct app *a, struct page *p);
void app_pop(struct app *a);
/* Replaces the top page (tab switches) or pushes when the top is not a
 * table page. */
void app_replace_top(struct app *a, struct page *p);
char *app_table_path(struct app *a, const char *db, const char *table);
char *app_table_name(const struct focus *f);
void focus_set_table(struct focus *f, const char *db, const char *table);
void focus_clear_travel(struct focus *f);
struct pl_table_selector focus_selector(const struct focus *f);
/* Opens the systables of the focus on the UI thread (small work only). */
int app_open_systables(struct app *a, const struct focus *f, struct pl_systables **out,
		       struct pl_error *err);
void app_draw(struct app *a);
double app_now(void);
int app_handle_key(struct app *a, int key);
void app_show_help(struct app *a);
/* Loads the catalog page (the first page). */
void app_open_catalog(struct app *a);
void app_open_warehouse(struct app *a, const char *uri);

/* loader.c: background loads. */
enum load_kind { LOAD_CATALOG, LOAD_VIEW, LOAD_SNAPSHOT_DIFF };
void load_start(struct app *a, enum load_kind kind, const char *view, int64_t diff_a,
		int64_t diff_b, int replace_top);
/* Called from the main loop: installs a finished load. Returns 1 when the
 * screen changed. */
int load_poll(struct app *a);
/* Waits for the load in flight (script mode). */
void load_wait(struct app *a);
void load_cancel(struct app *a);
int load_busy(const struct app *a);
void load_progress(const struct app *a, char *buf, size_t n);
struct pl_rowset *build_catalog(struct pl_storage *st, struct pl_error *err);

/* view_table.c */
void open_table(struct app *a, const char *db, const char *table);
void open_table_view(struct app *a, int index);
void table_enter(struct app *a, struct page *p);
struct pl_rowset *transpose_row(const struct pl_rowset *rs, size_t row, const char *name);
void reload_views(struct app *a);
/* d: mark a snapshot or schema; on the second mark, open their diff. */
void table_diff_mark(struct app *a, struct page *p);

/* view_schema.c */
struct pl_schema;
/* The fields of a schema with their nested fields beneath (rowset "schema",
 * the Schema view's columns); *parent: each row's parent row or -1, for
 * tw_set_tree (malloc'ed). */
struct pl_rowset *schema_tree_rowset(const struct pl_schema *s, long **parent);
/* Tree keys on a page in tree mode (enum action, the key pressed);
 * returns 1 when the key was used. */
int schema_tree_action(struct app *a, struct page *p, int action, int key);
int open_schema_version(struct app *a, int64_t id);
/* The Schema view of the table on the worker thread: the schema the
 * selector shows (time travel), as schema_tree_rowset. */
struct pl_rowset *build_schema_tree(struct pl_storage *st, const char *db, const char *table,
				    const struct pl_table_selector *sel, long **parent,
				    struct pl_error *err);

/* view_health.c */
struct pl_rowset *build_health(struct pl_storage *st, const char *db, const char *table,
			       const char *branch, struct pl_error *err);
void health_page_setup(struct page *p);
int open_schema_diff(struct app *a, int64_t id_a, int64_t id_b);

/* view_snapshots.c */
void draw_snapshot_chart(struct app *a, struct page *p, int y, int h);
struct pl_rowset *build_snapshot_diff(struct pl_storage *st, const char *table_path,
				      const char *name, const char *branch, int64_t id_a,
				      int64_t id_b, char **summary, struct pl_error *err);
void watch_poll(struct app *a);

/* view_sources.c: the start screen and the connectivity test. */
void open_sources(struct app *a);
void sources_enter(struct app *a, struct page *p);
/* target: a source name, URI or path; NULL: the current line's source or
 * the open warehouse. Runs in the background; script mode waits. */
void sources_test_connection(struct app *a, const char *target);
/* Installs a finished test (wait: block until it is). 1 when it did. */
int sources_poll(struct app *a, int wait);
/* Waits for a test still running and frees it (at exit). */
void sources_end(void);

/* view_files.c */
void open_row_detail(struct app *a, struct page *p);

/* screen.c */
int screen_init(struct app *a, const struct pl_ui_options *opts);
void screen_end(struct app *a);
void screen_draw(struct app *a);
int screen_save(struct app *a, const char *path, struct pl_error *err);
/* Draws s clipped to width w at (y, x), sanitised; returns columns used. */
int screen_put(int y, int x, const char *s, int w);
int text_width(const char *s);
/* 1 when colours are in use (terminal has them, NO_COLOR unset). */
int screen_use_color(void);

/* commands.c */
void run_command(struct app *a, const char *line);
extern const char *const command_names[];
void help_commands(struct pl_rowset *rs);

/* cmdbar.c */
void cmdbar_init(struct app *a);
void cmdbar_end(void);
int cmdbar_active(void);
void cmdbar_open(struct app *a);
/* Feeds one key to readline; returns 1 while the bar stays open. */
void cmdbar_key(struct app *a, int key);
void cmdbar_draw(struct app *a, int y);

/* prompt.c: the one-line prompts of / and \ (search, filter). */
int prompt_active(void);
void prompt_open(struct app *a, int kind);
void prompt_key(struct app *a, int key);
void prompt_draw(struct app *a, int y);

/* config.c */
void config_load(struct app *a);
int config_line(struct app *a, const char *line, struct pl_error *err);
int set_option(struct app *a, const char *name, const char *value, struct pl_error *err);
extern const char *const option_names[];
const char *option_help(const char *name);
char *xdg_path(const char *env, const char *fallback, const char *name);

/* script.c */
int script_run(struct app *a, const char *path);

#endif
