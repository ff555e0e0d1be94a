/* Theme files and their mapping onto what the terminal can show. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui/app.h"
#include "ui/theme.h"
#include "util/alloc.h"
#include "util/strbuf.h"
#include "util/strbuf.h"

#ifndef PL_DATADIR
#define PL_DATADIR "/usr/local/share/paimon-lens"
#endif

const char *const theme_area_names[AREA_COUNT] = {
	"default", "header", "tabs", "tab-current", "table-header", "cursor", "selected",
	"status", "size-bar", "chart", "added", "removed", "changed", "warning", "error",
	"tree", "search", "command",
};

/* Kept identical to themes/default.theme (a unit test compares them), so
 * the program looks right with no data files installed. */
const char theme_default_text[] =
	"color default       default default\n"
	"color header        white   blue    bold\n"
	"color tabs          cyan    default\n"
	"color tab-current   black   cyan    bold\n"
	"color table-header  yellow  default bold underline\n"
	"color cursor        black   cyan\n"
	"color selected      black   yellow  bold\n"
	"color status        white   color236\n"
	"color size-bar      green   default\n"
	"color chart         cyan    default\n"
	"color added         green   default\n"
	"color removed       red     default\n"
	"color changed       yellow  default\n"
	"color warning       yellow  default bold\n"
	"color error         white   red     bold\n"
	"color tree          blue    default\n"
	"color search        black   yellow\n"
	"color command       default default\n";

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static int parse_color(const char *s, int *out)
{
	if (strcasecmp(s, "default") == 0) {
		*out = -1;
		return 0;
	}
	for (int i = 0; i < 8; i++) {
		if (strcasecmp(s, color_names[i]) == 0) {
			*out = i;
			return 0;
		}
	}
	if (strncasecmp(s, "color", 5) == 0 && s[5]) {
		char *end;
		long v = strtol(s + 5, &end, 10);
		if (*end == '\0' && v >= 0 && v <= 255) {
			*out = (int)v;
			return 0;
		}
	}
	return -1;
}

static int parse_attr(const char *s, unsigned *attrs)
{
	static const struct { const char *name; unsigned bit; } names[] = {
		{ "bold", THEME_A_BOLD }, { "reverse", THEME_A_REVERSE },
		{ "underline", THEME_A_UNDERLINE }, { "dim", THEME_A_DIM },
		{ "standout", THEME_A_STANDOUT }, { "normal", 0 },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcasecmp(s, names[i].name) == 0) {
			*attrs |= names[i].bit;
			return 0;
		}
	}
	return -1;
}

void theme_reset(struct theme *t)
{
	memset(t, 0, sizeof(*t));
	for (int i = 0; i < AREA_COUNT; i++)
		t->spec[i].fg = t->spec[i].bg = -1;
	theme_parse(t, theme_default_text, "default", NULL);
	snprintf(t->name, sizeof(t->name), "default");
}

int theme_parse_line(struct theme *t, const char *line, struct pl_error *err)
{
	char buf[512];
	char *tok[8];
	int n = 0;
	snprintf(buf, sizeof(buf), "%s", line);
	char *hash = strchr(buf, '#');
	if (hash)
		*hash = '\0';
	for (char *save = NULL, *p = strtok_r(buf, " \t\r\n", &save); p && n < 8;
	     p = strtok_r(NULL, " \t\r\n", &save))
		tok[n++] = p;
	if (n == 0)
		return 0;
	if (strcmp(tok[0], "color") != 0)
		return pl_err(err, PL_ERR_USAGE, "expected 'color AREA FG BG [ATTRS]', got '%s'",
			      tok[0]);
	if (n < 4)
		return pl_err(err, PL_ERR_USAGE, "color needs AREA FG BG");
	int area = -1;
	for (int i = 0; i < AREA_COUNT; i++)
		if (strcmp(tok[1], theme_area_names[i]) == 0)
			area = i;
	if (area < 0)
		return pl_err(err, PL_ERR_USAGE, "unknown area '%s'", tok[1]);
	struct theme_spec spec = { -1, -1, 0 };
	if (parse_color(tok[2], &spec.fg) || parse_color(tok[3], &spec.bg))
		return pl_err(err, PL_ERR_USAGE, "bad colour in '%s %s'", tok[2], tok[3]);
	for (int i = 4; i < n; i++)
		if (parse_attr(tok[i], &spec.attrs))
			return pl_err(err, PL_ERR_USAGE, "unknown attribute '%s'", tok[i]);
	t->spec[area] = spec;
	return 0;
}

int theme_parse(struct theme *t, const char *text, const char *origin, struct pl_error *err)
{
	int lineno = 0;
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		char line[512];
		lineno++;
		if (len >= sizeof(line))
			return pl_err(err, PL_ERR_USAGE, "%s:%d: line too long", origin, lineno);
		memcpy(line, text, len);
		line[len] = '\0';
		if (theme_parse_line(t, line, err))
			return pl_err_prefix(err, "%s:%d", origin, lineno);
		text += len + (nl ? 1 : 0);
	}
	return 0;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	struct pl_strbuf sb = PL_STRBUF_INIT;
	char buf[4096];
	size_t n;
	/* Themes are a few hundred bytes; refuse anything absurd. */
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && sb.len < (1 << 20))
		pl_strbuf_add(&sb, buf, n);
	fclose(f);
	return pl_strbuf_detach(&sb);
}

int theme_load(struct theme *t, const char *name, struct pl_error *err)
{
	if (!name[0] || strchr(name, '/') || strlen(name) > 48)
		return pl_err(err, PL_ERR_USAGE, "bad theme name '%s'", name);
	struct theme next;
	theme_reset(&next);
	if (strcmp(name, "default") == 0) {
		*t = next;
		return 0;
	}
	char file[128];
	snprintf(file, sizeof(file), "themes/%s.theme", name);
	char *user = xdg_path("XDG_CONFIG_HOME", ".config", file);
	const char *env_dir = getenv("PAIMON_LENS_THEMES");
	char *env = env_dir ? pl_path_join_dup(env_dir, file + 7) : NULL;
	char *data = pl_path_join_dup(PL_DATADIR, file);
	const char *paths[] = { env, user, data };
	char *text = NULL;
	const char *used = NULL;
	for (size_t i = 0; i < 3 && !text; i++) {
		if (paths[i] && (text = slurp(paths[i])))
			used = paths[i];
	}
	int rc;
	if (!text)
		rc = pl_err(err, PL_ERR_NOT_FOUND, "no theme '%s'", name);
	else
		rc = theme_parse(&next, text, used, err);
	free(text);
	free(user);
	free(env);
	free(data);
	if (rc)
		return rc;
	snprintf(next.name, sizeof(next.name), "%s", name);
	*t = next;
	return 0;
}

/* 256-colour indexes mapped to the nearest of the 8 basic colours. */
static int basic_color(int c)
{
	if (c < 8)
		return c;
	if (c < 16)
		return c - 8;
	if (c >= 232)
		return c < 244 ? COLOR_BLACK : COLOR_WHITE;
	int v = c - 16, r = v / 36, g = (v / 6) % 6, b = v % 6;
	return (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0);
}

static int curses_attrs(unsigned a)
{
	int r = A_NORMAL;
	if (a & THEME_A_BOLD)
		r |= A_BOLD;
	if (a & THEME_A_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_A_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_A_DIM)
		r |= A_DIM;
	if (a & THEME_A_STANDOUT)
		r |= A_STANDOUT;
	return r;
}

void theme_apply(struct theme *t, int use_color)
{
	for (int i = 0; i < AREA_COUNT; i++) {
		const struct theme_spec *s = &t->spec[i];
		int attr = curses_attrs(s->attrs);
		if (use_color && (s->fg >= 0 || s->bg >= 0)) {
			int fg = s->fg, bg = s->bg;
			if (COLORS < 256) {
				fg = fg >= 0 ? basic_color(fg) : fg;
				bg = bg >= 0 ? basic_color(bg) : bg;
			}
			init_pair((short)(i + 1), (short)fg, (short)bg);
			attr |= COLOR_PAIR(i + 1);
		} else if (!use_color && (i == AREA_CURSOR || i == AREA_HEADER ||
					  i == AREA_TAB_CURRENT || i == AREA_STATUS ||
					  i == AREA_SEARCH || i == AREA_ERROR) &&
			   !(s->attrs & (THEME_A_REVERSE | THEME_A_STANDOUT))) {
			/* Without colour these areas must still stand out. */
			attr |= A_REVERSE;
		}
		t->attr[i] = attr;
	}
}
