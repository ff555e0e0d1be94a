/* Options and the config file $XDG_CONFIG_HOME/paimon-lens/config with
 * "set", "bind", "color" and "theme" lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/keys.h"
#include "util/alloc.h"
#include "util/strbuf.h"

const char *const option_names[] = {
	"human-sizes", "chart-snapshots", "mouse", "theme", NULL,
};

const char *option_help(const char *name)
{
	if (strcmp(name, "human-sizes") == 0)
		return "on|off: sizes as KiB/MiB/GiB (off: exact bytes)";
	if (strcmp(name, "chart-snapshots") == 0)
		return "N: how many recent snapshots the chart shows (default 100)";
	if (strcmp(name, "mouse") == 0)
		return "on|off: mouse clicks and wheel (config file only)";
	if (strcmp(name, "theme") == 0)
		return "NAME: same as :theme NAME";
	return "";
}

char *xdg_path(const char *env, const char *fallback, const char *name)
{
	const char *base = getenv(env);
	struct pl_strbuf sb = PL_STRBUF_INIT;
	if (base && base[0] == '/') {
		pl_strbuf_addstr(&sb, base);
	} else {
		const char *home = getenv("HOME");
		if (!home || !home[0])
			return NULL;
		pl_strbuf_addf(&sb, "%s/%s", home, fallback);
	}
	pl_strbuf_addf(&sb, "/paimon-lens/%s", name);
	return pl_strbuf_detach(&sb);
}

static int parse_bool(const char *v, int *out)
{
	if (!strcmp(v, "on") || !strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1"))
		*out = 1;
	else if (!strcmp(v, "off") || !strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0"))
		*out = 0;
	else
		return -1;
	return 0;
}

int set_option(struct app *a, const char *name, const char *value, struct pl_error *err)
{
	if (strcmp(name, "human-sizes") == 0) {
		if (parse_bool(value, &a->human_sizes))
			return pl_err(err, PL_ERR_USAGE, "human-sizes is on or off");
		for (int i = 0; i < a->npages; i++)
			tw_set_human(&a->pages[i]->tw, a->human_sizes);
		return 0;
	}
	if (strcmp(name, "chart-snapshots") == 0) {
		char *end;
		long v = strtol(value, &end, 10);
		if (*end || v < 2 || v > 100000)
			return pl_err(err, PL_ERR_USAGE, "chart-snapshots is a number 2..100000");
		a->chart_snapshots = (int)v;
		return 0;
	}
	if (strcmp(name, "mouse") == 0) {
		if (parse_bool(value, &a->mouse))
			return pl_err(err, PL_ERR_USAGE, "mouse is on or off");
		return 0;
	}
	if (strcmp(name, "theme") == 0) {
		if (theme_load(&a->theme, value, err))
			return -1;
		theme_apply(&a->theme, screen_use_color());
		return 0;
	}
	return pl_err(err, PL_ERR_USAGE, "unknown option '%s'", name);
}

int config_line(struct app *a, const char *line, struct pl_error *err)
{
	char buf[512], *words[4];
	int n = 0;
	snprintf(buf, sizeof(buf), "%s", line);
	char *hash = strchr(buf, '#');
	if (hash)
		*hash = '\0';
	char *save = NULL;
	for (char *p = strtok_r(buf, " \t\r\n", &save); p && n < 4; p = strtok_r(NULL, " \t\r\n", &save))
		words[n++] = p;
	if (n == 0)
		return 0;
	if (strcmp(words[0], "color") == 0)
		return theme_parse_line(&a->theme, line, err);
	if (strcmp(words[0], "set") == 0 && n >= 3) {
		/* "set name = value" as tigrc writes it works too. */
		const char *v = n == 4 && strcmp(words[2], "=") == 0 ? words[3] : words[2];
		return set_option(a, words[1], v, err);
	}
	if (strcmp(words[0], "bind") == 0 && n == 3)
		return key_bind(words[1], words[2], err);
	if (strcmp(words[0], "theme") == 0 && n == 2)
		return theme_load(&a->theme, words[1], err);
	return pl_err(err, PL_ERR_USAGE, "expected set, bind, color or theme: '%s'", words[0]);
}

void config_load(struct app *a)
{
	const char *override = getenv("PAIMON_LENS_CONFIG");
	char *path = override ? pl_strdup(override) : xdg_path("XDG_CONFIG_HOME", ".config", "config");
	FILE *f = path ? fopen(path, "r") : NULL;
	if (!f) {
		free(path);
		return;
	}
	char line[512];
	int lineno = 0;
	while (fgets(line, sizeof(line), f)) {
		struct pl_error err;
		pl_err_clear(&err);
		lineno++;
		if (config_line(a, line, &err) && !a->message[0])
			app_error(a, "%s:%d: %s", path, lineno, err.msg);
	}
	fclose(f);
	free(path);
}
