/* The command bar: GNU readline through its callback interface, fed one
 * byte at a time from curses and drawn by us on the bottom line, so
 * ~/.inputrc, history and completion work while curses owns the screen. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "ui/app.h"
#include "util/alloc.h"

static struct app *bar_app;
static int active;
static int pending_byte;
static int have_byte;
static FILE *rl_null;
static char *history_file;

static int bar_getc(FILE *f)
{
	(void)f;
	have_byte = 0;
	return pending_byte;
}

static int bar_input_available(void)
{
	return have_byte;
}

static void bar_redisplay(void)
{
	/* screen_draw draws rl_line_buffer; nothing to do here. */
}

static void bar_prep_term(int meta)
{
	(void)meta;
}

static void bar_deprep_term(void)
{
}

static void close_bar(void)
{
	rl_callback_handler_remove();
	active = 0;
	curs_set(0);
}

static void on_line(char *line)
{
	struct app *a = bar_app;
	close_bar();
	if (!line)
		return;
	if (line[0]) {
		add_history(line);
		if (history_file)
			append_history(1, history_file);
	}
	run_command(a, line);
	free(line);
}

/* Completion candidates of the word being typed. */
static char **candidates;
static size_t ncandidates, cap_candidates;

static void add_candidate(const char *s)
{
	for (size_t i = 0; i < ncandidates; i++)
		if (strcmp(candidates[i], s) == 0)
			return;
	PL_GROW(candidates, cap_candidates, ncandidates + 1);
	candidates[ncandidates++] = pl_strdup(s);
}

static void clear_candidates(void)
{
	for (size_t i = 0; i < ncandidates; i++)
		free(candidates[i]);
	ncandidates = 0;
}

static char *candidate_generator(const char *text, int state)
{
	static size_t next;
	if (!state)
		next = 0;
	while (next < ncandidates) {
		const char *c = candidates[next++];
		if (strncmp(c, text, strlen(text)) == 0)
			return strdup(c);   /* readline frees it with free() */
	}
	return NULL;
}

static void add_column_values(struct app *a, const char *view, const char *col)
{
	struct pl_systables *t;
	struct pl_rowset *rs;
	struct pl_error err;
	pl_err_clear(&err);
	if (app_open_systables(a, &a->focus, &t, &err))
		return;
	if (!pl_systable_build(t, view, &rs, &err)) {
		int c = pl_rowset_col_index(rs, col);
		char buf[64];
		for (size_t r = 0; c >= 0 && r < rs->nrows; r++) {
			const struct pl_cell *cell = pl_rowset_cell(rs, r, (size_t)c);
			if (cell->is_null)
				continue;
			if (rs->cols[c].kind == PL_COL_STRING) {
				add_candidate(cell->u.s);
			} else {
				snprintf(buf, sizeof(buf), "%lld", (long long)cell->u.i);
				add_candidate(buf);
			}
		}
		pl_rowset_free(rs);
	}
	pl_systables_close(t);
}

static void add_catalog_names(struct app *a)
{
	struct page *cat = a->npages ? a->pages[0] : NULL;
	if (!cat || cat->kind != PAGE_CATALOG)
		return;
	int dbc = pl_rowset_col_index(cat->tw.rs, "_db");
	int tc = pl_rowset_col_index(cat->tw.rs, "_table");
	for (size_t r = 0; dbc >= 0 && tc >= 0 && r < cat->tw.rs->nrows; r++) {
		const struct pl_cell *d = pl_rowset_cell(cat->tw.rs, r, (size_t)dbc);
		const struct pl_cell *t = pl_rowset_cell(cat->tw.rs, r, (size_t)tc);
		char name[1024];
		if (d->is_null)
			continue;
		if (t->is_null)
			snprintf(name, sizeof(name), "%s", d->u.s);
		else
			snprintf(name, sizeof(name), "%s.%s", d->u.s, t->u.s);
		add_candidate(name);
	}
}

static char **bar_complete(const char *text, int start, int end)
{
	struct app *a = bar_app;
	char first[32] = "";
	int word = 0;
	(void)end;
	/* Which word is being completed, and the command it belongs to. */
	for (int i = 0, in = 0; i < start; i++) {
		int blank = rl_line_buffer[i] == ' ';
		if (!blank && !in) {
			if (word == 0) {
				int n = (int)strcspn(rl_line_buffer + i, " ");
				snprintf(first, sizeof(first), "%.*s", n, rl_line_buffer + i);
			}
			word++;
		}
		in = !blank;
	}
	if (start > 0 && rl_line_buffer[start - 1] != ' ')
		word--;
	clear_candidates();
	rl_attempted_completion_over = 1;
	if (word == 0) {
		for (size_t i = 0; command_names[i]; i++)
			add_candidate(command_names[i]);
	} else if (!strcmp(first, "open") || !strcmp(first, "export") ||
		   !strcmp(first, "save-display")) {
		rl_attempted_completion_over = 0;   /* file names */
		return NULL;
	} else if (!strcmp(first, "view")) {
		for (size_t i = 0; i < n_table_views; i++)
			add_candidate(table_views[i].view);
	} else if (!strcmp(first, "cd")) {
		add_catalog_names(a);
	} else if (!strcmp(first, "snapshot")) {
		add_candidate("latest");
		add_column_values(a, "snapshots", "snapshot_id");
	} else if (!strcmp(first, "diff") && word == 1) {
		add_candidate("schema");
		add_candidate("snapshot");
	} else if (!strcmp(first, "diff") || !strcmp(first, "schema")) {
		const char *kind = strstr(rl_line_buffer, "snapshot") ? "snapshots" : "schemas";
		add_column_values(a, kind, kind[1] == 'n' ? "snapshot_id" : "schema_id");
	} else if (!strcmp(first, "tag")) {
		add_column_values(a, "tags", "tag_name");
	} else if (!strcmp(first, "branch")) {
		add_candidate("main");
		add_column_values(a, "branches", "branch_name");
	} else if (!strcmp(first, "theme")) {
		add_candidate("default");
		add_candidate("light");
		add_candidate("mono");
	} else if (!strcmp(first, "set") && word == 1) {
		for (size_t i = 0; option_names[i]; i++)
			add_candidate(option_names[i]);
	} else if (!strcmp(first, "sort") && word == 1) {
		struct page *top = app_top(a);
		for (size_t i = 0; top && i < top->tw.ncols; i++)
			add_candidate(top->tw.rs->cols[top->tw.cols[i]].name);
	} else if (!strcmp(first, "sort")) {
		add_candidate("asc");
		add_candidate("desc");
	} else if (!strcmp(first, "watch")) {
		add_candidate("off");
	}
	return rl_completion_matches(text, candidate_generator);
}

/* Several matches: list them in the status line instead of scrolling the
 * terminal as readline would. */
static void bar_display_matches(char **matches, int n, int max_len)
{
	char buf[512];
	size_t k = 0;
	(void)max_len;
	buf[0] = '\0';
	for (int i = 1; i <= n && k < sizeof(buf) - 1; i++)
		k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s ", matches[i]);
	app_message(bar_app, "%s", buf);
}

void cmdbar_init(struct app *a)
{
	bar_app = a;
	rl_null = fopen("/dev/null", "w");
	rl_readline_name = "paimon-lens";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_getc_function = bar_getc;
	rl_input_available_hook = bar_input_available;
	rl_redisplay_function = bar_redisplay;
	rl_prep_term_function = bar_prep_term;
	rl_deprep_term_function = bar_deprep_term;
	rl_attempted_completion_function = bar_complete;
	rl_completion_display_matches_hook = bar_display_matches;
	if (rl_null)
		rl_outstream = rl_null;
	rl_instream = stdin;
	using_history();
	history_file = xdg_path("XDG_STATE_HOME", ".local/state", "history");
	if (history_file) {
		read_history(history_file);
		/* Create the folders so append_history can write. */
		char *slash = strrchr(history_file, '/');
		if (slash) {
			*slash = '\0';
			char *p = history_file;
			for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
				*s = '\0';
				mkdir(p, 0700);
				*s = '/';
			}
			mkdir(p, 0700);
			*slash = '/';
		}
		FILE *touch = fopen(history_file, "a");
		if (touch)
			fclose(touch);
	}
}

void cmdbar_end(void)
{
	if (active)
		close_bar();
	if (history_file)
		history_truncate_file(history_file, 1000);
	free(history_file);
	history_file = NULL;
	clear_candidates();
	free(candidates);
	candidates = NULL;
	cap_candidates = 0;
	if (rl_null)
		fclose(rl_null);
	rl_null = NULL;
}

int cmdbar_active(void)
{
	return active;
}

void cmdbar_open(struct app *a)
{
	if (a->script_mode) {
		app_error(a, "script mode: write ':COMMAND' lines instead");
		return;
	}
	active = 1;
	a->message[0] = '\0';
	rl_callback_handler_install(":", on_line);
	curs_set(1);
}

static void feed(const char *bytes, size_t n)
{
	for (size_t i = 0; i < n && active; i++) {
		pending_byte = (unsigned char)bytes[i];
		have_byte = 1;
		rl_callback_read_char();
	}
}

void cmdbar_key(struct app *a, int key)
{
	switch (key) {
	case 27:
	case 3:
		/* curses already joined escape sequences: a lone Esc closes. */
		close_bar();
		return;
	case KEY_LEFT: feed("\033[D", 3); return;
	case KEY_RIGHT: feed("\033[C", 3); return;
	case KEY_UP: feed("\033[A", 3); return;
	case KEY_DOWN: feed("\033[B", 3); return;
	case KEY_HOME: feed("\001", 1); return;
	case KEY_END: feed("\005", 1); return;
	case KEY_DC: feed("\004", 1); return;
	case KEY_BACKSPACE: feed("\177", 1); return;
	case KEY_ENTER: feed("\r", 1); return;
	case KEY_RESIZE:
	case KEY_MOUSE:
		return;
	default:
		break;
	}
	if (key >= 0 && key < 256) {
		char c = (char)key;
		/* Backspace on an empty line closes the bar, as in vim. */
		if ((key == 127 || key == 8) && rl_end == 0) {
			close_bar();
			return;
		}
		feed(&c, 1);
	}
	(void)a;
}

void cmdbar_draw(struct app *a, int y)
{
	const char *line = rl_line_buffer ? rl_line_buffer : "";
	char before[1024];
	int point = rl_point;
	if (point < 0 || point > (int)strlen(line))
		point = (int)strlen(line);
	snprintf(before, sizeof(before), "%.*s", point, line);
	int cursor_x = 1 + text_width(before);
	/* Scroll left when the cursor would leave the screen. */
	int skip = cursor_x >= a->cols - 1 ? cursor_x - a->cols + 2 : 0;
	attrset(a->theme.attr[AREA_COMMAND]);
	mvaddch(y, 0, ':');
	const char *s = line;
	int dropped = 0;
	while (*s && dropped < skip) {
		s++;
		while (((unsigned char)*s & 0xC0) == 0x80)
			s++;
		dropped++;
	}
	screen_put(y, 1, s, a->cols - 2);
	move(y, cursor_x - skip);
}
