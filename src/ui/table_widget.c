/* The list widget: formatting, column widths, sort, filter, search and
 * drawing of a rowset. */
#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ui/app.h"
#include "ui/table_widget.h"
#include "util/alloc.h"
#include "util/sanitize.h"
#include "util/strbuf.h"

/* Wide columns are capped so one long path does not push everything off
 * screen; the detail page (Enter) shows the whole value. */
#define TW_MAX_WIDTH 48
#define TW_BAR_WIDTH 10

static int is_size_column(const struct pl_rowset_col *c)
{
	return c->kind == PL_COL_INT64 &&
	       (strstr(c->name, "size") || strstr(c->name, "bytes"));
}

static void human_size(int64_t v, char *buf, size_t n)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	double d = (double)v;
	size_t u = 0;
	if (v < 1024 && v > -1024) {
		snprintf(buf, n, "%" PRId64 " B", v);
		return;
	}
	while ((d >= 1024 || d <= -1024) && u + 1 < sizeof(units) / sizeof(units[0])) {
		d /= 1024;
		u++;
	}
	snprintf(buf, n, "%.1f %s", d, units[u]);
}

void tw_format_cell(const struct pl_rowset *rs, size_t row, size_t col, int human, char *buf,
		    size_t n)
{
	const struct pl_cell *c = pl_rowset_cell(rs, row, col);
	const struct pl_rowset_col *def = &rs->cols[col];
	buf[0] = '\0';
	if (!c || c->is_null)
		return;
	switch (def->kind) {
	case PL_COL_STRING:
	case PL_COL_JSON:
		snprintf(buf, n, "%s", c->u.s ? c->u.s : "");
		break;
	case PL_COL_INT64:
		if (human && is_size_column(def))
			human_size(c->u.i, buf, n);
		else
			snprintf(buf, n, "%" PRId64, c->u.i);
		break;
	case PL_COL_DOUBLE:
		snprintf(buf, n, "%.6g", c->u.d);
		break;
	case PL_COL_BOOL:
		snprintf(buf, n, "%s", c->u.b ? "true" : "false");
		break;
	case PL_COL_TIME: {
		time_t secs = (time_t)(c->u.i / 1000);
		int ms = (int)(c->u.i % 1000);
		struct tm tm;
		if (ms < 0) {
			ms += 1000;
			secs--;
		}
		if (def->flags & PL_COLF_WALL_CLOCK)
			gmtime_r(&secs, &tm);
		else
			localtime_r(&secs, &tm);
		size_t k = strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm);
		if (k && k + 5 < n)
			snprintf(buf + k, n - k, ".%03d", ms);
		break;
	}
	}
}

static int shown_column(const struct pl_rowset_col *c)
{
	return !(c->flags & PL_COLF_JSON_ONLY) && c->name[0] != '_';
}

static void compute_text(struct table_widget *tw)
{
	struct pl_rowset *rs = tw->rs;
	struct pl_strbuf sb = PL_STRBUF_INIT;
	char buf[4096];
	pl_arena_reset(&tw->text_arena);
	free(tw->text);
	tw->text = pl_calloc(rs->nrows * rs->ncols + 1, sizeof(*tw->text));
	for (size_t i = 0; i < tw->ncols; i++)
		tw->width[i] = text_width(rs->cols[tw->cols[i]].name) + 1; /* sort arrow */
	for (size_t r = 0; r < rs->nrows; r++) {
		for (size_t c = 0; c < rs->ncols; c++) {
			tw_format_cell(rs, r, c, tw->human_sizes, buf, sizeof(buf));
			pl_strbuf_reset(&sb);
			pl_sanitize_append(&sb, buf, strlen(buf));
			tw->text[r * rs->ncols + c] =
				pl_arena_strdup(&tw->text_arena, pl_strbuf_str(&sb));
		}
		for (size_t i = 0; i < tw->ncols; i++) {
			int w = text_width(tw->text[r * rs->ncols + tw->cols[i]]);
			if (w > tw->max_width)
				w = tw->max_width;
			if (tw->parent && (int)tw->cols[i] == tw->tree_col)
				w += 2 * tw->depth[r] + 2; /* indent and marker */
			if (w > tw->width[i])
				tw->width[i] = w;
		}
	}
	pl_strbuf_free(&sb);
	tw->bar_max = 0;
	if (tw->bar_col >= 0) {
		for (size_t r = 0; r < rs->nrows; r++) {
			const struct pl_cell *c = pl_rowset_cell(rs, r, (size_t)tw->bar_col);
			if (!c->is_null && c->u.i > tw->bar_max)
				tw->bar_max = c->u.i;
		}
	}
}

void tw_init(struct table_widget *tw, struct pl_rowset *rs, int human_sizes)
{
	memset(tw, 0, sizeof(*tw));
	tw->rs = rs;
	tw->sort_col = -1;
	tw->bar_col = -1;
	tw->change_col = -1;
	tw->tree_col = -1;
	tw->severity_col = -1;
	tw->human_sizes = human_sizes;
	tw->max_width = TW_MAX_WIDTH;
	pl_arena_init(&tw->text_arena, 0);
	tw->cols = pl_calloc(rs->ncols + 1, sizeof(*tw->cols));
	tw->width = pl_calloc(rs->ncols + 1, sizeof(*tw->width));
	for (size_t c = 0; c < rs->ncols; c++)
		if (shown_column(&rs->cols[c]))
			tw->cols[tw->ncols++] = c;
	tw->mark = pl_calloc(rs->nrows + 1, 1);
	compute_text(tw);
	tw_set_filter(tw, NULL);
}

void tw_free(struct table_widget *tw)
{
	pl_rowset_free(tw->rs);
	pl_arena_free(&tw->text_arena);
	free(tw->text);
	free(tw->cols);
	free(tw->width);
	free(tw->order);
	free(tw->filter);
	free(tw->search);
	free(tw->mark);
	free(tw->parent);
	free(tw->depth);
	free(tw->has_kids);
	free(tw->expanded);
	memset(tw, 0, sizeof(*tw));
}

const char *tw_cell(const struct table_widget *tw, size_t row, size_t col)
{
	const char *s = tw->text[row * tw->rs->ncols + col];
	return s ? s : "";
}

long tw_current(const struct table_widget *tw)
{
	return tw->cursor < tw->nvis ? (long)tw->order[tw->cursor] : -1;
}

int tw_col_by_name(const struct table_widget *tw, const char *name)
{
	int c = pl_rowset_col_index(tw->rs, name);
	if (c >= 0)
		return c;
	/* Unique prefix, so ":sort rec" works. */
	int found = -1;
	for (size_t i = 0; i < tw->rs->ncols; i++) {
		if (strncasecmp(tw->rs->cols[i].name, name, strlen(name)) == 0) {
			if (found >= 0)
				return -1;
			found = (int)i;
		}
	}
	return found;
}

/* Case-insensitive substring test (strcasestr is a GNU extension). */
static int contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return n == 0;
}

static int row_matches(const struct table_widget *tw, size_t row, const char *needle)
{
	for (size_t i = 0; i < tw->ncols; i++)
		if (contains_nocase(tw_cell(tw, row, tw->cols[i]), needle))
			return 1;
	return 0;
}

/* qsort has no context argument in C11; the UI is single-threaded. */
static const struct table_widget *sort_tw;

static int cmp_rows(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int r = pl_rowset_cmp_col(sort_tw->rs, a, b, (size_t)sort_tw->sort_col);
	if (sort_tw->sort_desc)
		r = -r;
	if (r == 0)
		r = a < b ? -1 : a > b;
	return r;
}

/* In a tree, rows sort among their siblings: both rows are lifted to
 * their ancestors that share a parent, and those are compared. */
static int cmp_tree_rows(const void *pa, const void *pb)
{
	const struct table_widget *tw = sort_tw;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	while (tw->depth[a] > tw->depth[b]) {
		a = (size_t)tw->parent[a];
		if (a == b)
			return 1;
	}
	while (tw->depth[b] > tw->depth[a]) {
		b = (size_t)tw->parent[b];
		if (a == b)
			return -1;
	}
	while (tw->parent[a] != tw->parent[b]) {
		a = (size_t)tw->parent[a];
		b = (size_t)tw->parent[b];
	}
	return cmp_rows(&a, &b);
}

static int tree_shown(const struct table_widget *tw, size_t row)
{
	for (long p = tw->parent[row]; p >= 0; p = tw->parent[p])
		if (!tw->expanded[p])
			return 0;
	return 1;
}

static void apply_order(struct table_widget *tw)
{
	long keep = tw_current(tw);
	free(tw->order);
	tw->order = pl_calloc(tw->rs->nrows + 1, sizeof(*tw->order));
	tw->nvis = 0;
	for (size_t r = 0; r < tw->rs->nrows; r++) {
		int m = !tw->filter || row_matches(tw, r, tw->filter);
		if (tw->filter && tw->filter_invert)
			m = !m;
		/* A filter looks into collapsed rows too: it finds nested fields. */
		if (m && tw->parent && !tw->filter)
			m = tree_shown(tw, r);
		if (m)
			tw->order[tw->nvis++] = r;
	}
	if (tw->sort_col >= 0) {
		sort_tw = tw;
		qsort(tw->order, tw->nvis, sizeof(*tw->order),
		      tw->parent ? cmp_tree_rows : cmp_rows);
		sort_tw = NULL;
	}
	tw->cursor = 0;
	tw->top = 0;
	for (size_t i = 0; keep >= 0 && i < tw->nvis; i++)
		if (tw->order[i] == (size_t)keep)
			tw->cursor = i;
}

int tw_sort(struct table_widget *tw, int col, int desc)
{
	if (col >= (int)tw->rs->ncols)
		return -1;
	tw->sort_col = col;
	tw->sort_desc = desc;
	apply_order(tw);
	return 0;
}

void tw_set_filter(struct table_widget *tw, const char *text)
{
	free(tw->filter);
	tw->filter = NULL;
	tw->filter_invert = 0;
	if (text && text[0] == '!') {
		tw->filter_invert = 1;
		text++;
	}
	if (text && *text)
		tw->filter = pl_strdup(text);
	else
		tw->filter_invert = 0;
	apply_order(tw);
}

int tw_search(struct table_widget *tw, const char *text, int dir)
{
	if (text) {
		free(tw->search);
		tw->search = pl_strdup(text);
	}
	if (!tw->search || !tw->search[0] || !tw->nvis)
		return 0;
	for (size_t k = 1; k <= tw->nvis; k++) {
		size_t pos = (tw->cursor + (dir > 0 ? k : tw->nvis - k)) % tw->nvis;
		if (row_matches(tw, tw->order[pos], tw->search)) {
			tw->cursor = pos;
			return 1;
		}
	}
	return 0;
}

void tw_goto(struct table_widget *tw, size_t pos, int page_height)
{
	if (!tw->nvis) {
		tw->cursor = tw->top = 0;
		return;
	}
	if (pos >= tw->nvis)
		pos = tw->nvis - 1;
	tw->cursor = pos;
	if (page_height < 1)
		page_height = 1;
	if (tw->cursor < tw->top)
		tw->top = tw->cursor;
	if (tw->cursor >= tw->top + (size_t)page_height)
		tw->top = tw->cursor - (size_t)page_height + 1;
}

void tw_move(struct table_widget *tw, long delta, int page_height)
{
	long pos = (long)tw->cursor + delta;
	if (pos < 0)
		pos = 0;
	tw_goto(tw, (size_t)pos, page_height);
}

void tw_hscroll(struct table_widget *tw, int delta)
{
	long c = (long)tw->hcol + delta;
	if (c < 0)
		c = 0;
	if (tw->ncols && c >= (long)tw->ncols)
		c = (long)tw->ncols - 1;
	tw->hcol = (size_t)c;
}

long tw_row_at(const struct table_widget *tw, int line_in_body)
{
	size_t pos = tw->top + (size_t)line_in_body;
	return line_in_body >= 0 && pos < tw->nvis ? (long)pos : -1;
}

int tw_col_at(const struct table_widget *tw, int x0, int x)
{
	int cx = x0;
	for (size_t i = tw->hcol; i < tw->ncols; i++) {
		int cw = tw->width[i] + ((int)tw->cols[i] == tw->bar_col ? TW_BAR_WIDTH + 1 : 0);
		if (x >= cx && x < cx + cw + 2)
			return (int)tw->cols[i];
		cx += cw + 2;
	}
	return -1;
}

void tw_set_tree(struct table_widget *tw, int tree_col, const long *parent)
{
	size_t n = tw->rs->nrows;
	free(tw->parent);
	free(tw->depth);
	free(tw->has_kids);
	free(tw->expanded);
	tw->parent = pl_calloc(n + 1, sizeof(*tw->parent));
	tw->depth = pl_calloc(n + 1, sizeof(*tw->depth));
	tw->has_kids = pl_calloc(n + 1, 1);
	tw->expanded = pl_calloc(n + 1, 1);
	tw->tree_col = tree_col;
	for (size_t r = 0; r < n; r++) {
		/* Parents come first; anything else is a flat row. */
		long p = parent[r] >= 0 && (size_t)parent[r] < r ? parent[r] : -1;
		tw->parent[r] = p;
		if (p >= 0) {
			tw->depth[r] = tw->depth[p] + 1;
			tw->has_kids[p] = 1;
		}
	}
	compute_text(tw);
	apply_order(tw);
}

/* Re-orders after an expand or collapse without jumping to the top. */
static void reorder_keep_view(struct table_widget *tw)
{
	size_t top = tw->top;
	apply_order(tw);
	tw->top = top <= tw->cursor ? top : tw->cursor;
}

static int is_descendant(const struct table_widget *tw, long row, size_t of)
{
	for (long p = row >= 0 ? tw->parent[row] : -1; p >= 0; p = tw->parent[p])
		if ((size_t)p == of)
			return 1;
	return 0;
}

static void cursor_to_row(struct table_widget *tw, size_t row)
{
	for (size_t i = 0; i < tw->nvis; i++)
		if (tw->order[i] == row)
			tw->cursor = i;
}

int tw_tree_expand(struct table_widget *tw, size_t row, int on)
{
	if (!tw->parent || row >= tw->rs->nrows || !tw->has_kids[row] ||
	    tw->expanded[row] == (on != 0))
		return 0;
	if (!on && is_descendant(tw, tw_current(tw), row))
		cursor_to_row(tw, row);
	tw->expanded[row] = on != 0;
	reorder_keep_view(tw);
	return 1;
}

void tw_tree_expand_all(struct table_widget *tw, int on)
{
	if (!tw->parent)
		return;
	long cur = tw_current(tw);
	if (!on && cur >= 0) {
		while (tw->parent[cur] >= 0)
			cur = tw->parent[cur];
		cursor_to_row(tw, (size_t)cur);
	}
	memset(tw->expanded, on != 0, tw->rs->nrows);
	reorder_keep_view(tw);
}

void tw_tree_copy_state(struct table_widget *tw, const struct table_widget *from)
{
	if (!tw->parent || !from->parent || tw->tree_col != from->tree_col)
		return;
	size_t col = (size_t)tw->tree_col;
	for (size_t o = 0; o < from->rs->nrows; o++) {
		if (!from->expanded[o])
			continue;
		for (size_t r = 0; r < tw->rs->nrows; r++)
			if (tw->has_kids[r] && strcmp(tw_cell(tw, r, col), tw_cell(from, o, col)) == 0)
				tw->expanded[r] = 1;
	}
	apply_order(tw);
}

static int right_aligned(const struct pl_rowset_col *c)
{
	return c->kind == PL_COL_INT64 || c->kind == PL_COL_DOUBLE;
}

static void draw_bar(struct app *a, const struct table_widget *tw, size_t row, int y, int x)
{
	const struct pl_cell *c = pl_rowset_cell(tw->rs, row, (size_t)tw->bar_col);
	int64_t v = c->is_null ? 0 : c->u.i;
	/* Eighths of a cell, as ncdu draws its bars. */
	int eighths = tw->bar_max > 0 ? (int)((double)v * TW_BAR_WIDTH * 8 / (double)tw->bar_max)
				      : 0;
	static const char *const parts[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	attrset(a->theme.attr[AREA_SIZE_BAR]);
	for (int i = 0; i < TW_BAR_WIDTH; i++) {
		int fill = eighths - i * 8;
		const char *s;
		if (a->unicode)
			s = fill >= 8 ? "█" : fill > 0 ? parts[fill] : " ";
		else
			s = fill >= 4 ? "#" : " ";
		mvaddstr(y, x + i, s);
	}
}

static int column_width(const struct table_widget *tw, size_t i)
{
	return tw->width[i] + ((int)tw->cols[i] == tw->bar_col ? TW_BAR_WIDTH + 1 : 0);
}

static void draw_row_cells(struct app *a, const struct table_widget *tw, long row, int y, int x,
			   int w, int attr)
{
	int cx = x;
	attrset(attr);
	mvhline(y, x, ' ', w);
	for (size_t i = tw->hcol; i < tw->ncols && cx < x + w; i++) {
		size_t col = tw->cols[i];
		int cw = column_width(tw, i);
		int room = x + w - cx;
		const char *s;
		char head[256];
		if (row < 0) {
			const char *arrow = "";
			if ((int)col == tw->sort_col)
				arrow = a->unicode ? (tw->sort_desc ? "▼" : "▲")
						   : (tw->sort_desc ? "v" : "^");
			snprintf(head, sizeof(head), "%s%s", tw->rs->cols[col].name, arrow);
			s = head;
		} else {
			s = tw_cell(tw, (size_t)row, col);
		}
		char tree_text[4096];
		if (row >= 0 && tw->parent && (int)col == tw->tree_col) {
			/* Indent by depth; the marker says expandable or open. */
			const char *marker = "  ";
			if (tw->has_kids[row])
				marker = tw->expanded[row] ? (a->unicode ? "▾ " : "- ")
							   : (a->unicode ? "▸ " : "+ ");
			snprintf(tree_text, sizeof(tree_text), "%*s%s%s", 2 * tw->depth[row], "",
				 marker, s);
			s = tree_text;
		}
		int tx = cx;
		int tws = tw->width[i];
		if ((int)col == tw->bar_col && row >= 0) {
			draw_bar(a, tw, (size_t)row, y, cx);
			attrset(attr);
			tx += TW_BAR_WIDTH + 1;
		} else if ((int)col == tw->bar_col) {
			tx += TW_BAR_WIDTH + 1;
		}
		if (row >= 0 && right_aligned(&tw->rs->cols[col])) {
			int sw = text_width(s);
			if (sw < tws)
				tx += tws - sw;
		}
		int lim = cw < room ? cw : room;
		if (tx < cx + lim)
			screen_put(y, tx, s, cx + lim - tx);
		cx += cw + 2;
	}
}

void tw_draw(struct app *a, struct table_widget *tw, int y, int x, int h, int w)
{
	if (h < 1)
		return;
	draw_row_cells(a, tw, -1, y, x, w, a->theme.attr[AREA_TABLE_HEADER]);
	int body = h - 1;
	tw_goto(tw, tw->cursor, body);
	for (int i = 0; i < body; i++) {
		size_t pos = tw->top + (size_t)i;
		if (pos >= tw->nvis) {
			attrset(a->theme.attr[AREA_DEFAULT]);
			mvhline(y + 1 + i, x, ' ', w);
			continue;
		}
		size_t row = tw->order[pos];
		int attr = a->theme.attr[AREA_DEFAULT];
		if (tw->change_col >= 0) {
			const char *ch = tw_cell(tw, row, (size_t)tw->change_col);
			if (ch[0] == '+' || strcmp(ch, "added") == 0)
				attr = a->theme.attr[AREA_ADDED];
			else if (ch[0] == '-' || strcmp(ch, "dropped") == 0 ||
				 strcmp(ch, "removed") == 0)
				attr = a->theme.attr[AREA_REMOVED];
			else if (ch[0])
				attr = a->theme.attr[AREA_CHANGED];
		}
		if (tw->severity_col >= 0) {
			const char *sev = tw_cell(tw, row, (size_t)tw->severity_col);
			if (strcmp(sev, "critical") == 0)
				attr = a->theme.attr[AREA_ERROR];
			else if (strcmp(sev, "warning") == 0)
				attr = a->theme.attr[AREA_WARNING];
		}
		if (tw->mark[row])
			attr = a->theme.attr[AREA_SELECTED];
		if (pos == tw->cursor)
			attr = a->theme.attr[AREA_CURSOR];
		draw_row_cells(a, tw, (long)row, y + 1 + i, x, w, attr);
	}
	attrset(a->theme.attr[AREA_DEFAULT]);
}

void tw_set_bar(struct table_widget *tw, int col)
{
	tw->bar_col = col;
	compute_text(tw);
}

void tw_set_human(struct table_widget *tw, int on)
{
	if (tw->human_sizes == on)
		return;
	tw->human_sizes = on;
	compute_text(tw);
}

void tw_set_max_width(struct table_widget *tw, int w)
{
	tw->max_width = w;
	compute_text(tw);
}
