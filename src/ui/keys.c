/* The key table and everything derived from it. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui/app.h"
#include "ui/keys.h"

const struct action_def action_defs[ACT_COUNT] = {
	[ACT_NONE] = { "none", "do nothing (unbinds a key)" },
	[ACT_QUIT] = { "quit", "quit paimon-lens" },
	[ACT_HELP] = { "help", "show this help" },
	[ACT_COMMAND] = { "command", "open the command bar" },
	[ACT_ENTER] = { "enter", "open the row (schema tree: fold or unfold it)" },
	[ACT_BACK] = { "back", "previous page (h in a schema tree: fold, parent)" },
	[ACT_UP] = { "up", "move up" },
	[ACT_DOWN] = { "down", "move down" },
	[ACT_PAGE_UP] = { "page-up", "move one page up" },
	[ACT_PAGE_DOWN] = { "page-down", "move one page down" },
	[ACT_HOME] = { "home", "go to the first row" },
	[ACT_END] = { "end", "go to the last row" },
	[ACT_LEFT] = { "scroll-left", "scroll left (schema tree: fold, go to parent)" },
	[ACT_RIGHT] = { "scroll-right", "scroll right (schema tree: unfold, go into)" },
	[ACT_NEXT_VIEW] = { "next-view", "next table view" },
	[ACT_PREV_VIEW] = { "prev-view", "previous table view" },
	[ACT_SORT_NEXT] = { "sort-next", "sort by the next column" },
	[ACT_SORT_REVERSE] = { "sort-reverse", "reverse the sort order" },
	[ACT_SEARCH] = { "search", "search rows" },
	[ACT_SEARCH_NEXT] = { "search-next", "next search match" },
	[ACT_SEARCH_PREV] = { "search-prev", "previous search match" },
	[ACT_FILTER] = { "filter", "filter rows as you type (!TEXT inverts)" },
	[ACT_CHART] = { "chart", "snapshots: toggle the record and file count chart" },
	[ACT_DIFF_MARK] = { "diff-mark", "mark a snapshot or schema; on a second, diff the two" },
	[ACT_RELOAD] = { "reload", "reload the view" },
	[ACT_LATEST] = { "latest", "leave time travel: back to the latest snapshot" },
	[ACT_CANCEL] = { "cancel", "cancel a load, clear the message" },
	[ACT_REDRAW] = { "redraw", "redraw the screen" },
	[ACT_EXPAND_ALL] = { "expand-all", "schema tree: unfold every nested field" },
	[ACT_COLLAPSE_ALL] = { "collapse-all", "schema tree: fold every nested field" },
	[ACT_HEALTH] = { "health", "the Health view: why the storage grows" },
};

struct binding {
	int key;
	enum action action;
};

static const struct binding default_bindings[] = {
	{ 'q', ACT_QUIT }, { '?', ACT_HELP }, { ':', ACT_COMMAND },
	{ '\r', ACT_ENTER }, { '\n', ACT_ENTER }, { KEY_ENTER, ACT_ENTER }, { 'l', ACT_ENTER },
	{ KEY_BACKSPACE, ACT_BACK }, { 127, ACT_BACK }, { 'h', ACT_BACK },
	{ 27, ACT_CANCEL }, { 3, ACT_CANCEL },
	{ 'k', ACT_UP }, { KEY_UP, ACT_UP }, { 'j', ACT_DOWN }, { KEY_DOWN, ACT_DOWN },
	{ KEY_PPAGE, ACT_PAGE_UP }, { 2, ACT_PAGE_UP }, { KEY_NPAGE, ACT_PAGE_DOWN },
	{ 6, ACT_PAGE_DOWN }, { ' ', ACT_PAGE_DOWN },
	{ KEY_HOME, ACT_HOME }, { 'g', ACT_HOME }, { KEY_END, ACT_END }, { 'G', ACT_END },
	{ KEY_LEFT, ACT_LEFT }, { KEY_RIGHT, ACT_RIGHT },
	{ '\t', ACT_NEXT_VIEW }, { KEY_BTAB, ACT_PREV_VIEW },
	{ 's', ACT_SORT_NEXT }, { 'r', ACT_SORT_REVERSE },
	{ '/', ACT_SEARCH }, { 'n', ACT_SEARCH_NEXT }, { 'N', ACT_SEARCH_PREV },
	{ '\\', ACT_FILTER }, { 'c', ACT_CHART }, { 'd', ACT_DIFF_MARK },
	{ 'R', ACT_RELOAD }, { 'L', ACT_LATEST }, { 12, ACT_REDRAW },
	{ '*', ACT_EXPAND_ALL }, { '-', ACT_COLLAPSE_ALL }, { 'H', ACT_HEALTH },
};

#define MAX_BINDINGS 128
static struct binding bindings[MAX_BINDINGS];
static size_t nbindings;

void keys_reset(void)
{
	nbindings = sizeof(default_bindings) / sizeof(default_bindings[0]);
	memcpy(bindings, default_bindings, sizeof(default_bindings));
}

static const struct { const char *name; int key; } key_names[] = {
	{ "Enter", '\r' }, { "Tab", '\t' }, { "S-Tab", KEY_BTAB }, { "BackTab", KEY_BTAB },
	{ "Esc", 27 }, { "Space", ' ' }, { "Backspace", KEY_BACKSPACE }, { "BS", 127 },
	{ "Up", KEY_UP }, { "Down", KEY_DOWN }, { "Left", KEY_LEFT }, { "Right", KEY_RIGHT },
	{ "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE }, { "Home", KEY_HOME }, { "End", KEY_END },
	{ "LT", '<' }, { "Resize", KEY_RESIZE },
};

int key_parse(const char *name)
{
	size_t len = strlen(name);
	if (len == 1)
		return (unsigned char)name[0];
	if (len < 3 || name[0] != '<' || name[len - 1] != '>')
		return -1;
	char inner[32];
	if (len - 2 >= sizeof(inner))
		return -1;
	memcpy(inner, name + 1, len - 2);
	inner[len - 2] = '\0';
	if ((inner[0] == 'C' || inner[0] == 'c') && inner[1] == '-' && inner[2] && !inner[3]) {
		char c = inner[2];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
		return -1;
	}
	for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (strcasecmp(inner, key_names[i].name) == 0)
			return key_names[i].key;
	return -1;
}

void key_label(int key, char *buf, unsigned n)
{
	if (key == '\n' || key == KEY_ENTER) {
		snprintf(buf, n, "<Enter>");
		return;
	}
	for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++) {
		if (key_names[i].key == key && key != '<') {
			snprintf(buf, n, "<%s>", key_names[i].name);
			return;
		}
	}
	if (key >= 1 && key <= 26)
		snprintf(buf, n, "<C-%c>", 'a' + key - 1);
	else if (key > 32 && key < 127)
		snprintf(buf, n, "%c", key);
	else
		snprintf(buf, n, "<%d>", key);
}

enum action key_action(int key)
{
	/* Later bindings (from the config) win over the defaults. */
	for (size_t i = nbindings; i-- > 0;)
		if (bindings[i].key == key)
			return bindings[i].action;
	return ACT_NONE;
}

int key_bind(const char *key, const char *action, struct pl_error *err)
{
	int k = key_parse(key);
	if (k < 0)
		return pl_err(err, PL_ERR_USAGE, "unknown key '%s'", key);
	for (int a = 0; a < ACT_COUNT; a++) {
		if (strcmp(action, action_defs[a].name) == 0) {
			if (nbindings == MAX_BINDINGS)
				return pl_err(err, PL_ERR_LIMIT, "too many key bindings");
			bindings[nbindings].key = k;
			bindings[nbindings++].action = (enum action)a;
			return 0;
		}
	}
	return pl_err(err, PL_ERR_USAGE, "unknown action '%s'", action);
}

static const struct pl_rowset_col help_cols[] = {
	{ "key", PL_COL_STRING, 0 },
	{ "action", PL_COL_STRING, 0 },
	{ "description", PL_COL_STRING, 0 },
};

struct pl_rowset *keys_help_rowset(void)
{
	struct pl_rowset *rs = pl_rowset_new("help", help_cols, 3);
	for (int a = 1; a < ACT_COUNT; a++) {
		char keys[128] = "";
		size_t k = 0;
		for (size_t i = 0; i < nbindings; i++) {
			if (bindings[i].action != (enum action)a || (int)key_action(bindings[i].key) != a)
				continue;
			char name[32];
			key_label(bindings[i].key, name, sizeof(name));
			if (strstr(keys, name))
				continue;
			k += (size_t)snprintf(keys + k, sizeof(keys) - k, "%s%s", k ? " " : "", name);
			if (k >= sizeof(keys))
				k = sizeof(keys) - 1;
		}
		if (!keys[0])
			continue;
		pl_rowset_row(rs);
		pl_rowset_str(rs, keys);
		pl_rowset_str(rs, action_defs[a].name);
		pl_rowset_str(rs, action_defs[a].help);
	}
	for (size_t i = 0; i < n_table_views; i++) {
		char key[8], desc[64];
		if (i > 9)
			break;
		snprintf(key, sizeof(key), "%zu", (i + 1) % 10);
		snprintf(desc, sizeof(desc), "show the %s view", table_views[i].title);
		pl_rowset_row(rs);
		pl_rowset_str(rs, key);
		pl_rowset_str(rs, table_views[i].view);
		pl_rowset_str(rs, desc);
	}
	help_commands(rs);
	return rs;
}
