/* Themes: "color AREA FG BG [ATTRS...]" lines, as tigrc has them. Each
 * semantic area becomes one curses attribute; colours degrade to the 8
 * basic ones and to plain attributes on monochrome terminals or with
 * NO_COLOR set. */
#ifndef PL_UI_THEME_H
#define PL_UI_THEME_H

#include "util/err.h"

enum theme_area {
	AREA_DEFAULT,
	AREA_HEADER,
	AREA_TABS,
	AREA_TAB_CURRENT,
	AREA_TABLE_HEADER,
	AREA_CURSOR,
	AREA_SELECTED,
	AREA_STATUS,
	AREA_SIZE_BAR,
	AREA_CHART,
	AREA_ADDED,
	AREA_REMOVED,
	AREA_CHANGED,
	AREA_WARNING,
	AREA_ERROR,
	AREA_TREE,
	AREA_SEARCH,
	AREA_COMMAND,
	AREA_COUNT,
};

struct theme_spec {
	int fg, bg;              /* -1 default, 0..255 */
	unsigned attrs;          /* THEME_A_* */
};

enum {
	THEME_A_BOLD = 1,
	THEME_A_REVERSE = 2,
	THEME_A_UNDERLINE = 4,
	THEME_A_DIM = 8,
	THEME_A_STANDOUT = 16,
};

struct theme {
	char name[64];
	struct theme_spec spec[AREA_COUNT];
	int attr[AREA_COUNT];    /* curses attributes once applied */
};

extern const char theme_default_text[];
extern const char *const theme_area_names[];

void theme_reset(struct theme *t);
/* Parses one "color ..." line (comments and blank lines are fine). */
int theme_parse_line(struct theme *t, const char *line, struct pl_error *err);
/* Parses a whole theme text; line numbers in errors. */
int theme_parse(struct theme *t, const char *text, const char *origin, struct pl_error *err);
/* Finds NAME.theme in the user and data dirs ("default" is compiled in). */
int theme_load(struct theme *t, const char *name, struct pl_error *err);
/* Turns the specs into curses attributes for the current terminal. */
void theme_apply(struct theme *t, int use_color);

#endif
