/* The screen layout: header with breadcrumb and hints, the tab bar of
 * table views, the main area, the status line and the command bar; plus
 * the off-terminal screen of script mode and its text dump. */
#include <curses.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui/app.h"
#include "util/alloc.h"
#include "util/sanitize.h"
#include "util/strbuf.h"

static FILE *null_out, *null_in;
static int use_color;

int screen_use_color(void)
{
	return use_color;
}
static SCREEN *script_screen;

int text_width(const char *s)
{
	mbstate_t ps;
	memset(&ps, 0, sizeof(ps));
	int w = 0;
	size_t len = strlen(s);
	while (len) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, len, &ps);
		if (k == (size_t)-1 || k == (size_t)-2) {
			memset(&ps, 0, sizeof(ps));
			k = 1;
			wc = '?';
		} else if (k == 0) {
			break;
		}
		int cw = wcwidth(wc);
		w += cw > 0 ? cw : 0;
		s += k;
		len -= k;
	}
	return w;
}

int screen_put(int y, int x, const char *s, int w)
{
	mbstate_t ps;
	memset(&ps, 0, sizeof(ps));
	int used = 0;
	size_t len = strlen(s);
	move(y, x);
	while (len && used < w) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, len, &ps);
		if (k == (size_t)-1 || k == (size_t)-2) {
			memset(&ps, 0, sizeof(ps));
			k = 1;
			wc = '?';
		} else if (k == 0) {
			break;
		}
		int cw = wcwidth(wc);
		if (cw < 0)
			cw = 1, wc = '?';
		if (used + cw > w)
			break;
		/* A clipped cell ends in "~" so a cut value is never mistaken
		 * for a whole one. */
		if (used + cw == w && len > k) {
			addch('~');
			used++;
			break;
		}
		wchar_t str[2] = { wc, 0 };
		addnwstr(str, 1);
		used += cw;
		s += k;
		len -= k;
	}
	return used;
}

int screen_init(struct app *a, const struct pl_ui_options *opts)
{
	setlocale(LC_ALL, "");
	const char *cs = nl_langinfo(CODESET);
	a->unicode = cs && strcmp(cs, "UTF-8") == 0 && !getenv("PAIMON_LENS_ASCII");
	if (a->script_mode) {
		/* Drawn into curses' memory only: :save-display reads it back. */
		null_out = fopen("/dev/null", "w");
		null_in = fopen("/dev/null", "r");
		if (!null_out || !null_in)
			return -1;
		script_screen = newterm("xterm-256color", null_out, null_in);
		if (!script_screen)
			script_screen = newterm("xterm", null_out, null_in);
		if (!script_screen)
			return -1;
		set_term(script_screen);
		resize_term(opts->rows > 0 ? opts->rows : 24, opts->cols > 0 ? opts->cols : 80);
	} else {
		if (!initscr())
			return -1;
		raw();
		noecho();
		nonl();
		keypad(stdscr, TRUE);
		set_escdelay(25);
		timeout(100);
		curs_set(0);
	}
	use_color = has_colors() && !getenv("NO_COLOR");
	if (use_color) {
		start_color();
		use_default_colors();
	}
	theme_apply(&a->theme, use_color);
	if (!a->script_mode && a->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
			  | BUTTON5_PRESSED
#endif
			  , NULL);
	getmaxyx(stdscr, a->rows, a->cols);
	a->screen_ready = 1;
	return 0;
}

void screen_end(struct app *a)
{
	a->screen_ready = 0;
	endwin();
	if (script_screen) {
		delscreen(script_screen);
		script_screen = NULL;
	}
	if (null_out)
		fclose(null_out);
	if (null_in)
		fclose(null_in);
	null_out = null_in = NULL;
}

static void fill_line(int y, int attr, int cols)
{
	attrset(attr);
	mvhline(y, 0, ' ', cols);
}

static void draw_header(struct app *a)
{
	const char *sep = a->unicode ? " › " : " > ";
	struct page *top = app_top(a);
	char focus[256] = "";
	if (top && top->kind != PAGE_CATALOG && a->focus.table) {
		int k = snprintf(focus, sizeof(focus), "[");
		if (a->focus.tag)
			k += snprintf(focus + k, sizeof(focus) - (size_t)k, "tag %s", a->focus.tag);
		else if (a->focus.has_snapshot)
			k += snprintf(focus + k, sizeof(focus) - (size_t)k, "snapshot %lld",
				      (long long)a->focus.snapshot_id);
		else
			k += snprintf(focus + k, sizeof(focus) - (size_t)k, "latest");
		snprintf(focus + k, sizeof(focus) - (size_t)k, " @%s]",
			 a->focus.branch ? a->focus.branch : "main");
	}
	const char *hints = a->cols >= 100 ? "?:help  ::cmd  q:quit " : "?:help q:quit ";
	fill_line(0, a->theme.attr[AREA_HEADER], a->cols);
	int hw = text_width(hints), fw = text_width(focus);
	int room = a->cols - hw - fw - 2;
	if (room < 10) {
		hints = "";
		hw = 0;
		room = a->cols - fw - 2;
	}
	if (room < 10) {
		focus[0] = '\0';
		fw = 0;
		room = a->cols;
	}
	char crumb[1024];
	/* Long warehouse paths give way first: the tail is what says where
	 * the user is. */
	for (int attempt = 0; attempt < 3; attempt++) {
		const char *home = a->warehouse;
		if (strncmp(home, PL_SOURCE_URI_PREFIX, strlen(PL_SOURCE_URI_PREFIX)) == 0)
			home += strlen(PL_SOURCE_URI_PREFIX);
		const char *wh = attempt == 0 ? home : attempt == 1 ? pl_path_base(home) : "";
		int n = snprintf(crumb, sizeof(crumb), " paimon-lens%s%s", wh[0] ? sep : "", wh);
		if (a->focus.db && top && top->kind != PAGE_CATALOG)
			n += snprintf(crumb + n, sizeof(crumb) - (size_t)n, "%s%s", sep, a->focus.db);
		if (a->focus.table && top && top->kind != PAGE_CATALOG && n < (int)sizeof(crumb))
			n += snprintf(crumb + n, sizeof(crumb) - (size_t)n, "%s%s", sep,
				      a->focus.table);
		if (top && n < (int)sizeof(crumb))
			snprintf(crumb + n, sizeof(crumb) - (size_t)n, "%s%s", sep, top->title);
		if (text_width(crumb) <= room)
			break;
	}

	/* Database, table, tag and branch names come from the lake. */
	struct pl_strbuf safe = PL_STRBUF_INIT;
	pl_sanitize_append(&safe, crumb, strlen(crumb));
	screen_put(0, 0, pl_strbuf_str(&safe), room);
	if (fw) {
		pl_strbuf_reset(&safe);
		pl_sanitize_append(&safe, focus, strlen(focus));
		screen_put(0, a->cols - hw - fw - 1, pl_strbuf_str(&safe), fw);
	}
	pl_strbuf_free(&safe);
	if (hw)
		screen_put(0, a->cols - hw, hints, hw);
}

static void draw_tabs(struct app *a, struct page *top)
{
	fill_line(1, a->theme.attr[AREA_TABS], a->cols);
	int x = 0;
	if (!top || top->kind != PAGE_TABLE) {
		const char *what = top ? top->title : "";
		screen_put(1, 1, what, a->cols - 2);
		return;
	}
	int cur = table_view_index(top->view);
	for (size_t i = 0; i < n_table_views && x < a->cols; i++) {
		char label[64];
		table_view_label(i, label, sizeof(label));
		attrset((int)i == cur ? a->theme.attr[AREA_TAB_CURRENT] : a->theme.attr[AREA_TABS]);
		x += screen_put(1, x, label, a->cols - x);
	}
}

static void draw_status(struct app *a, struct page *top, int y)
{
	char left[512] = "";
	int k = 0;
	if (top) {
		struct table_widget *tw = &top->tw;
		k = snprintf(left, sizeof(left), " %zu/%zu", tw->nvis ? tw->cursor + 1 : 0,
			     tw->nvis);
		if (tw->nvis != tw->rs->nrows)
			k += snprintf(left + k, sizeof(left) - (size_t)k, " of %zu", tw->rs->nrows);
		if (tw->sort_col >= 0)
			k += snprintf(left + k, sizeof(left) - (size_t)k, "  sort %s%s",
				      tw->rs->cols[tw->sort_col].name, tw->sort_desc ? " desc" : "");
		if (tw->filter)
			k += snprintf(left + k, sizeof(left) - (size_t)k, "  filter %s'%s'",
				      tw->filter_invert ? "!" : "", tw->filter);
		if (a->watch_seconds)
			k += snprintf(left + k, sizeof(left) - (size_t)k, "  watch %ds",
				      a->watch_seconds);
	}
	fill_line(y, a->theme.attr[AREA_STATUS], a->cols);
	int used = screen_put(y, 0, left, a->cols);
	char msg[600];
	int attr = a->theme.attr[AREA_STATUS];
	if (load_busy(a)) {
		load_progress(a, msg, sizeof(msg));
	} else {
		snprintf(msg, sizeof(msg), "%s", a->message);
		if (a->message_is_error)
			attr = a->theme.attr[AREA_ERROR];
	}
	if (msg[0] && used + 3 < a->cols) {
		attrset(attr);
		screen_put(y, used + 2, msg, a->cols - used - 2);
	}
}

void screen_draw(struct app *a)
{
	getmaxyx(stdscr, a->rows, a->cols);
	erase();
	struct page *top = app_top(a);
	if (a->rows < 6 || a->cols < 30) {
		mvaddstr(0, 0, "window too small");
		refresh();
		return;
	}
	draw_header(a);
	draw_tabs(a, top);
	int y = 2, h = a->rows - 4;
	if (top && top->summary) {
		attrset(a->theme.attr[AREA_WARNING]);
		screen_put(y, 1, top->summary, a->cols - 2);
		y++;
		h--;
	}
	if (top && top->chart && top->kind == PAGE_TABLE) {
		int ch = h / 2 > 12 ? 12 : h / 2;
		draw_snapshot_chart(a, top, y, ch);
		y += ch;
		h -= ch;
	}
	a->body_y = y + 1;
	if (top)
		tw_draw(a, &top->tw, y, 0, h, a->cols);
	draw_status(a, top, a->rows - 2);
	attrset(a->theme.attr[AREA_COMMAND]);
	mvhline(a->rows - 1, 0, ' ', a->cols);
	if (cmdbar_active())
		cmdbar_draw(a, a->rows - 1);
	else if (prompt_active())
		prompt_draw(a, a->rows - 1);
	attrset(a->theme.attr[AREA_DEFAULT]);
	refresh();
}

int screen_save(struct app *a, const char *path, struct pl_error *err)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return pl_err(err, PL_ERR_IO, "cannot write %s", path);
	for (int y = 0; y < a->rows; y++) {
		char line[4096];
		size_t n = 0, keep = 0;
		for (int x = 0; x < a->cols && n + MB_LEN_MAX + 1 < sizeof(line); x++) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1];
			attr_t attrs;
			short pair;
			if (mvin_wch(y, x, &cc) == ERR)
				break;
			if (getcchar(&cc, wch, &attrs, &pair, NULL) == ERR || !wch[0])
				continue;  /* the right half of a wide character */
			mbstate_t ps;
			memset(&ps, 0, sizeof(ps));
			size_t k = wcrtomb(line + n, wch[0], &ps);
			if (k == (size_t)-1) {
				line[n] = '?';
				k = 1;
			}
			n += k;
			if (wch[0] != L' ')
				keep = n;
		}
		line[keep] = '\0';
		fprintf(f, "%s\n", line);
	}
	if (fclose(f))
		return pl_err(err, PL_ERR_IO, "cannot write %s", path);
	return 0;
}
