/* The one list widget every view uses: a rowset shown through a column
 * specification, with sort, search, filter, scrolling and a size bar. The
 * rows are never reordered in the rowset; the widget keeps the order of
 * the visible rows, so filters and sorts stack and undo cleanly. */
#ifndef PL_UI_TABLE_WIDGET_H
#define PL_UI_TABLE_WIDGET_H

#include <stddef.h>

#include "paimon/rowset.h"
#include "util/arena.h"

struct table_widget {
	struct pl_rowset *rs;      /* owned */
	struct pl_arena text_arena;
	char **text;               /* nrows * ncols formatted cells */
	size_t *cols;              /* shown rowset columns, in order */
	size_t ncols;
	int *width;                /* per shown column */
	size_t *order;             /* visible rows (rowset indexes) */
	size_t nvis;
	size_t cursor, top;        /* positions in order[] */
	size_t hcol;               /* first shown column (horizontal scroll) */
	int sort_col;              /* rowset column, -1 = file order */
	int sort_desc;
	char *filter;              /* NULL = none */
	int filter_invert;
	char *search;
	int bar_col;               /* rowset column drawn as a bar, -1 = none */
	int64_t bar_max;
	int change_col;            /* column whose "+"/"-" colours a row, -1 */
	int severity_col;          /* "warning"/"critical" colours a row, -1 */
	unsigned char *mark;       /* per rowset row: 1 = new (watch) */
	int human_sizes;
	int max_width;             /* cap of a column's width */
	/* Tree mode (nested schema fields): each row's parent row, or -1;
	 * rows whose ancestors are not all expanded are hidden unless a
	 * filter is in force. NULL: a flat list. */
	long *parent;
	int tree_col;              /* rowset column drawn indented with a marker */
	int *depth;
	unsigned char *has_kids, *expanded;
};

/* Takes ownership of rs. */
void tw_init(struct table_widget *tw, struct pl_rowset *rs, int human_sizes);
void tw_free(struct table_widget *tw);
/* Formatted text of a cell (never NULL). */
const char *tw_cell(const struct table_widget *tw, size_t row, size_t col);
/* The rowset row under the cursor, or -1. */
long tw_current(const struct table_widget *tw);
int tw_sort(struct table_widget *tw, int col, int desc);
void tw_set_filter(struct table_widget *tw, const char *text);
/* Finds the next (dir 1) or previous (-1) row matching the search from the
 * cursor; returns 1 when found. */
int tw_search(struct table_widget *tw, const char *text, int dir);
void tw_move(struct table_widget *tw, long delta, int page_height);
void tw_goto(struct table_widget *tw, size_t pos, int page_height);
void tw_hscroll(struct table_widget *tw, int delta);
/* Draws header + rows in the rectangle. */
struct app;
void tw_draw(struct app *a, struct table_widget *tw, int y, int x, int h, int w);
/* Row at screen line (for mouse clicks), -1 when none. */
long tw_row_at(const struct table_widget *tw, int line_in_body);
/* Cell text formatting shared with the export of the view. */
void tw_format_cell(const struct pl_rowset *rs, size_t row, size_t col, int human,
		    char *buf, size_t n);
/* Draws col as a size bar (recomputes widths); -1 for none. */
void tw_set_bar(struct table_widget *tw, int col);
void tw_set_max_width(struct table_widget *tw, int w);
void tw_set_human(struct table_widget *tw, int on);
int tw_col_by_name(const struct table_widget *tw, const char *name);
/* Shown rowset column under screen column x of a rectangle drawn at x0, or
 * -1 (mouse clicks on the header). */
int tw_col_at(const struct table_widget *tw, int x0, int x);

/* Tree mode: parent[r] is the parent row of rowset row r (-1 for a top
 * row; parents come before their children). Copies parent; tree_col is
 * drawn indented with an expand marker. Everything starts collapsed. */
void tw_set_tree(struct table_widget *tw, int tree_col, const long *parent);
/* Expands (on 1) or collapses one row; returns 1 when something changed.
 * A collapse that hides the cursor moves it to the collapsed row. */
int tw_tree_expand(struct table_widget *tw, size_t row, int on);
void tw_tree_expand_all(struct table_widget *tw, int on);
/* Expands the rows of tw whose tree text matches an expanded row of from
 * (a reload of the same view keeps what was open). */
void tw_tree_copy_state(struct table_widget *tw, const struct table_widget *from);

#endif
