/* The one-line prompts: "/" search and "\" filter-as-you-type. They are
 * simple on purpose: every key applies at once, Enter keeps, Esc undoes. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "util/alloc.h"

static int kind;              /* 0 = closed, '/' or '\\' */
static char text[256];
static size_t len;
static char *saved_filter;    /* to restore on Esc */

int prompt_active(void)
{
	return kind != 0;
}

void prompt_open(struct app *a, int which)
{
	struct page *top = app_top(a);
	if (!top)
		return;
	kind = which;
	len = 0;
	text[0] = '\0';
	free(saved_filter);
	saved_filter = NULL;
	if (which == '\\' && top->tw.filter) {
		size_t n = strlen(top->tw.filter) + 2;
		saved_filter = pl_malloc(n);
		snprintf(saved_filter, n, "%s%s", top->tw.filter_invert ? "!" : "", top->tw.filter);
		/* Start from the filter in force, to refine it. */
		snprintf(text, sizeof(text), "%s", saved_filter);
		len = strlen(text);
	}
}

static void close_prompt(void)
{
	kind = 0;
	free(saved_filter);
	saved_filter = NULL;
}

void prompt_key(struct app *a, int key)
{
	struct page *top = app_top(a);
	if (!top) {
		close_prompt();
		return;
	}
	if (key == 27 || key == 3) {
		if (kind == '\\')
			tw_set_filter(&top->tw, saved_filter);
		close_prompt();
		return;
	}
	if (key == '\r' || key == '\n' || key == KEY_ENTER) {
		if (kind == '/' && len && !tw_search(&top->tw, text, 1))
			app_error(a, "no match for '%s'", text);
		else if (kind == '\\')
			app_message(a, "%zu of %zu rows", top->tw.nvis, top->tw.rs->nrows);
		close_prompt();
		return;
	}
	if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		if (len == 0) {
			close_prompt();
			return;
		}
		/* Back over a whole UTF-8 sequence. */
		do
			len--;
		while (len && ((unsigned char)text[len] & 0xC0) == 0x80);
		text[len] = '\0';
	} else if (key >= 32 && key < 256 && key != 127 && len + 1 < sizeof(text)) {
		text[len++] = (char)key;
		text[len] = '\0';
	} else {
		return;
	}
	if (kind == '\\')
		tw_set_filter(&top->tw, text);
}

void prompt_draw(struct app *a, int y)
{
	char line[300];
	snprintf(line, sizeof(line), "%s%s", kind == '/' ? "/" : "\\", text);
	attrset(a->theme.attr[AREA_SEARCH]);
	int w = screen_put(y, 0, line, a->cols - 1);
	attrset(a->theme.attr[AREA_COMMAND]);
	move(y, w);
	if (!a->script_mode)
		curs_set(1);
}
