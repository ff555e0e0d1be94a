/* The :commands. Each takes its arguments as words; a wrong one gives a
 * one-line message in the status line and changes nothing. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui/app.h"
#include "ui/export.h"
#include "ui/keys.h"
#include "util/alloc.h"

#define MAX_ARGS 8

struct command {
	const char *name;
	const char *usage;
	const char *help;
	int min_args, max_args;
	void (*fn)(struct app *a, int argc, char **argv);
};

static int parse_id(struct app *a, const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 0) {
		app_error(a, "'%s' is not a snapshot or schema id", s);
		return -1;
	}
	*out = v;
	return 0;
}

static void cmd_open(struct app *a, int argc, char **argv)
{
	app_open_warehouse(a, argv[1]);
}

static void cmd_cd(struct app *a, int argc, char **argv)
{
	const char *arg = argc > 1 ? argv[1] : "/";
	if (strcmp(arg, "/") == 0 || strcmp(arg, "..") == 0) {
		focus_set_table(&a->focus, NULL, NULL);
		while (a->npages > 1)
			app_pop(a);
		if (!a->npages)
			app_open_catalog(a);
		return;
	}
	const char *dot = strchr(arg, '.');
	if (!dot) {
		/* A database: the catalog filtered to it. */
		while (a->npages > 1)
			app_pop(a);
		struct page *top = app_top(a);
		if (top && top->kind == PAGE_CATALOG) {
			int dbc = pl_rowset_col_index(top->tw.rs, "_db");
			int found = 0;
			for (size_t r = 0; dbc >= 0 && r < top->tw.rs->nrows; r++) {
				const struct pl_cell *c = pl_rowset_cell(top->tw.rs, r, (size_t)dbc);
				found |= !c->is_null && strcmp(c->u.s, arg) == 0;
			}
			if (!found) {
				app_error(a, "no database '%s'", arg);
				return;
			}
			tw_search(&top->tw, arg, 1);
			app_message(a, "database %s", arg);
		}
		return;
	}
	char db[256];
	size_t n = (size_t)(dot - arg);
	if (n == 0 || n >= sizeof(db) || !dot[1]) {
		app_error(a, "usage: cd DB[.TABLE]");
		return;
	}
	memcpy(db, arg, n);
	db[n] = '\0';
	struct page *top = app_top(a);
	/* From a table page keep the catalog under it. */
	while (a->npages > 1 && top->kind != PAGE_CATALOG) {
		app_pop(a);
		top = app_top(a);
	}
	open_table(a, db, dot + 1);
}

static void cmd_view(struct app *a, int argc, char **argv)
{
	int i = table_view_index(argv[1]);
	for (size_t k = 0; i < 0 && k < n_table_views; k++)
		if (strcasecmp(argv[1], table_views[k].title) == 0)
			i = (int)k;
	if (i < 0) {
		app_error(a, "unknown view '%s' (Tab completes view names)", argv[1]);
		return;
	}
	open_table_view(a, i);
}

static int need_table(struct app *a)
{
	if (a->focus.table)
		return 0;
	app_error(a, "open a table first (Enter, or :cd DB.TABLE)");
	return -1;
}

static void cmd_snapshot(struct app *a, int argc, char **argv)
{
	int64_t id;
	if (need_table(a))
		return;
	if (strcmp(argv[1], "latest") == 0) {
		focus_clear_travel(&a->focus);
		reload_views(a);
		return;
	}
	if (parse_id(a, argv[1], &id))
		return;
	focus_clear_travel(&a->focus);
	a->focus.has_snapshot = 1;
	a->focus.snapshot_id = id;
	reload_views(a);
}

static void cmd_tag(struct app *a, int argc, char **argv)
{
	if (need_table(a))
		return;
	focus_clear_travel(&a->focus);
	a->focus.tag = pl_strdup(argv[1]);
	reload_views(a);
}

static void cmd_branch(struct app *a, int argc, char **argv)
{
	if (need_table(a))
		return;
	focus_clear_travel(&a->focus);
	free(a->focus.branch);
	a->focus.branch = strcmp(argv[1], "main") == 0 ? NULL : pl_strdup(argv[1]);
	reload_views(a);
}

static void cmd_schema(struct app *a, int argc, char **argv)
{
	int64_t id;
	if (need_table(a) || parse_id(a, argv[1], &id))
		return;
	open_schema_version(a, id);
}

static void cmd_diff(struct app *a, int argc, char **argv)
{
	int64_t x, y;
	if (need_table(a))
		return;
	if (argc != 4) {
		app_error(a, "usage: diff schema|snapshot A B");
		return;
	}
	if (parse_id(a, argv[2], &x) || parse_id(a, argv[3], &y))
		return;
	if (strcmp(argv[1], "schema") == 0)
		open_schema_diff(a, x, y);
	else if (strcmp(argv[1], "snapshot") == 0)
		load_start(a, LOAD_SNAPSHOT_DIFF, NULL, x, y, 0);
	else
		app_error(a, "diff what? 'schema' or 'snapshot', not '%s'", argv[1]);
}

static void cmd_watch(struct app *a, int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "off") == 0) {
		a->watch_seconds = 0;
		a->watch_highlight_from = -1;
		app_message(a, "watch off");
		return;
	}
	if (need_table(a))
		return;
	int secs = 5;
	if (argc > 1) {
		char *end;
		long v = strtol(argv[1], &end, 10);
		if (*end || v < 1 || v > 86400) {
			app_error(a, "watch: SECONDS is 1..86400, or 'off'");
			return;
		}
		secs = (int)v;
	}
	a->watch_seconds = secs;
	a->watch_last_id = -1;
	a->watch_highlight_from = -1;
	watch_poll(a);
}

static void cmd_sort(struct app *a, int argc, char **argv)
{
	struct page *top = app_top(a);
	if (!top)
		return;
	if (strcmp(argv[1], "none") == 0) {
		tw_sort(&top->tw, -1, 0);
		return;
	}
	int c = tw_col_by_name(&top->tw, argv[1]);
	if (c < 0) {
		app_error(a, "no column '%s' here", argv[1]);
		return;
	}
	int desc = 0;
	if (argc > 2) {
		if (strcmp(argv[2], "desc") == 0)
			desc = 1;
		else if (strcmp(argv[2], "asc") != 0) {
			app_error(a, "sort: the order is 'asc' or 'desc'");
			return;
		}
	}
	tw_sort(&top->tw, c, desc);
}

static void join_args(char *buf, size_t n, int argc, char **argv, int from)
{
	size_t k = 0;
	buf[0] = '\0';
	for (int i = from; i < argc && k < n; i++)
		k += (size_t)snprintf(buf + k, n - k, "%s%s", i > from ? " " : "", argv[i]);
}

static void cmd_filter(struct app *a, int argc, char **argv)
{
	struct page *top = app_top(a);
	char text[512];
	if (!top)
		return;
	join_args(text, sizeof(text), argc, argv, 1);
	tw_set_filter(&top->tw, text);
	if (!top->tw.nvis && text[0])
		app_message(a, "no row matches '%s'", text);
}

static void cmd_search(struct app *a, int argc, char **argv)
{
	struct page *top = app_top(a);
	char text[512];
	if (!top)
		return;
	join_args(text, sizeof(text), argc, argv, 1);
	if (!tw_search(&top->tw, text, 1))
		app_error(a, "no match for '%s'", text);
}

static void cmd_export(struct app *a, int argc, char **argv)
{
	struct pl_error err;
	char path[1024];
	pl_err_clear(&err);
	if (ui_export_view(a, argc > 1 ? argv[1] : NULL, path, sizeof(path), &err))
		app_error(a, "export: %s", err.msg);
	else
		app_message(a, "exported the view to %s", path);
}

static void cmd_theme(struct app *a, int argc, char **argv)
{
	struct pl_error err;
	pl_err_clear(&err);
	if (theme_load(&a->theme, argv[1], &err)) {
		app_error(a, "theme: %s", err.msg);
		return;
	}
	theme_apply(&a->theme, screen_use_color());
	app_message(a, "theme %s", a->theme.name);
}

static void cmd_set(struct app *a, int argc, char **argv)
{
	struct pl_error err;
	pl_err_clear(&err);
	if (set_option(a, argv[1], argv[2], &err))
		app_error(a, "set: %s", err.msg);
}

static void cmd_bind(struct app *a, int argc, char **argv)
{
	struct pl_error err;
	pl_err_clear(&err);
	if (key_bind(argv[1], argv[2], &err))
		app_error(a, "bind: %s", err.msg);
}

static void cmd_help(struct app *a, int argc, char **argv)
{
	app_show_help(a);
}

static void cmd_quit(struct app *a, int argc, char **argv)
{
	a->quit = 1;
}

static void cmd_save_display(struct app *a, int argc, char **argv)
{
	struct pl_error err;
	pl_err_clear(&err);
	screen_draw(a);
	if (screen_save(a, argv[1], &err))
		app_error(a, "%s", err.msg);
}

static void cmd_sources(struct app *a, int argc, char **argv)
{
	open_sources(a);
}

static void cmd_test_connection(struct app *a, int argc, char **argv)
{
	sources_test_connection(a, argc > 1 ? argv[1] : NULL);
}

static void cmd_reload(struct app *a, int argc, char **argv)
{
	reload_views(a);
}

static const struct command commands[] = {
	{ "open", "open WAREHOUSE", "open another warehouse (path or URI)", 1, 1, cmd_open },
	{ "cd", "cd DB[.TABLE]", "go to a database or open a table; 'cd /' to the catalog", 0, 1,
	  cmd_cd },
	{ "view", "view NAME", "switch the table view (overview, schema, files...)", 1, 1,
	  cmd_view },
	{ "snapshot", "snapshot ID|latest", "time travel: every view shows snapshot ID", 1, 1,
	  cmd_snapshot },
	{ "tag", "tag NAME", "time travel to the snapshot of a tag", 1, 1, cmd_tag },
	{ "branch", "branch NAME", "switch every view to a branch ('main' for the table)", 1, 1,
	  cmd_branch },
	{ "schema", "schema ID", "show schema version ID", 1, 1, cmd_schema },
	{ "diff", "diff schema|snapshot A B", "compare two schema versions or two snapshots", 3,
	  3, cmd_diff },
	{ "watch", "watch [SECONDS|off]", "follow the table live, highlighting new snapshots", 0,
	  1, cmd_watch },
	{ "sort", "sort COLUMN|none [asc|desc]", "sort the rows by a column", 1, 2, cmd_sort },
	{ "filter", "filter [!]TEXT", "show only rows containing TEXT (! inverts, empty clears)",
	  0, MAX_ARGS - 1, cmd_filter },
	{ "search", "search TEXT", "move to the next row containing TEXT", 1, MAX_ARGS - 1,
	  cmd_search },
	{ "export", "export [FILE]", "write the governance record of the view (JSON)", 0, 1,
	  cmd_export },
	{ "theme", "theme NAME", "switch theme: default, light, mono or your own", 1, 1,
	  cmd_theme },
	{ "set", "set OPTION VALUE", "change an option (see :help)", 2, 2, cmd_set },
	{ "bind", "bind KEY ACTION", "bind a key to an action", 2, 2, cmd_bind },
	{ "reload", "reload", "read the view again", 0, 0, cmd_reload },
	{ "sources", "sources", "the data sources of the sources file (the start screen)", 0, 0,
	  cmd_sources },
	{ "test-connection", "test-connection [NAME|URI]",
	  "check that a data source (or the open warehouse) can be reached and read", 0, 1,
	  cmd_test_connection },
	{ "save-display", "save-display FILE", "write the screen as text to FILE", 1, 1,
	  cmd_save_display },
	{ "help", "help", "show keys and commands", 0, 0, cmd_help },
	{ "quit", "quit", "quit paimon-lens", 0, 0, cmd_quit },
	{ "q", "q", "quit paimon-lens", 0, 0, cmd_quit },
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

const char *const command_names[] = {
	"open", "cd", "view", "snapshot", "tag", "branch", "schema", "diff", "watch", "sort",
	"filter", "search", "export", "theme", "set", "bind", "reload", "sources", "test-connection",
	"save-display", "help", "quit", NULL,
};

void help_commands(struct pl_rowset *rs)
{
	for (size_t i = 0; i < N_COMMANDS; i++) {
		if (strcmp(commands[i].name, "q") == 0)
			continue;
		char usage[64];
		snprintf(usage, sizeof(usage), ":%s", commands[i].usage);
		pl_rowset_row(rs);
		pl_rowset_str(rs, usage);
		pl_rowset_str(rs, "command");
		pl_rowset_str(rs, commands[i].help);
	}
	for (size_t i = 0; option_names[i]; i++) {
		char usage[64];
		snprintf(usage, sizeof(usage), ":set %s", option_names[i]);
		pl_rowset_row(rs);
		pl_rowset_str(rs, usage);
		pl_rowset_str(rs, "option");
		pl_rowset_str(rs, option_help(option_names[i]));
	}
}

/* Words separated by blanks; "double quotes" keep blanks in one word. */
static int split_words(char *line, char **argv, int max)
{
	int argc = 0;
	char *p = line;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (argc == max)
			return -1;
		if (*p == '"') {
			argv[argc++] = ++p;
			while (*p && *p != '"')
				p++;
		} else {
			argv[argc++] = p;
			while (*p && *p != ' ' && *p != '\t')
				p++;
		}
		if (*p)
			*p++ = '\0';
	}
	return argc;
}

void run_command(struct app *a, const char *line)
{
	char buf[1024];
	char *argv[MAX_ARGS];
	while (*line == ':' || *line == ' ')
		line++;
	if (strlen(line) >= sizeof(buf)) {
		app_error(a, "command too long");
		return;
	}
	snprintf(buf, sizeof(buf), "%s", line);
	int argc = split_words(buf, argv, MAX_ARGS);
	if (argc < 0) {
		app_error(a, "too many words");
		return;
	}
	if (argc == 0)
		return;
	for (size_t i = 0; i < N_COMMANDS; i++) {
		const struct command *c = &commands[i];
		if (strcmp(argv[0], c->name) != 0)
			continue;
		if (argc - 1 < c->min_args || argc - 1 > c->max_args) {
			app_error(a, "usage: :%s", c->usage);
			return;
		}
		/* A new command replaces the last message; dumping the screen
		 * must show it as it was. */
		if (c->fn != cmd_save_display)
			a->message[0] = '\0';
		c->fn(a, argc, argv);
		return;
	}
	app_error(a, "unknown command '%s' (:help lists them)", argv[0]);
}
