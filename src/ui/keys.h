/* Key bindings: one table from key to action. The help page and the man
 * page section are generated from it, and `bind` lines change it. */
#ifndef PL_UI_KEYS_H
#define PL_UI_KEYS_H

#include "paimon/rowset.h"
#include "util/err.h"

enum action {
	ACT_NONE,
	ACT_QUIT,
	ACT_HELP,
	ACT_COMMAND,
	ACT_ENTER,
	ACT_BACK,
	ACT_UP,
	ACT_DOWN,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_HOME,
	ACT_END,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_NEXT_VIEW,
	ACT_PREV_VIEW,
	ACT_SORT_NEXT,
	ACT_SORT_REVERSE,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV,
	ACT_FILTER,
	ACT_CHART,
	ACT_DIFF_MARK,
	ACT_RELOAD,
	ACT_LATEST,
	ACT_CANCEL,
	ACT_REDRAW,
	ACT_EXPAND_ALL,
	ACT_COLLAPSE_ALL,
	ACT_HEALTH,
	ACT_COUNT,
};

struct action_def {
	const char *name;
	const char *help;
};
extern const struct action_def action_defs[ACT_COUNT];

/* Key name as written in config and scripts: "j", "<Enter>", "<C-l>". */
int key_parse(const char *name);
void key_label(int key, char *buf, unsigned n);
enum action key_action(int key);
int key_bind(const char *key, const char *action, struct pl_error *err);
void keys_reset(void);
/* The help page: bindings and commands, from the tables. */
struct pl_rowset *keys_help_rowset(void);

#endif
