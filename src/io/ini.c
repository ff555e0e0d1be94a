/* A small INI reader; see ini.h for the dialect. */
#include "io/ini.h"
#include "util/alloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *trimmed(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return pl_strndup(s, n);
}

static void add_section(struct pl_ini *ini, const char *name)
{
	if (pl_ini_has_section(ini, name)) {
		if (!ini->duplicate)
			ini->duplicate = pl_strdup(name);
		return;
	}
	PL_GROW(ini->sections, ini->cap_sections, ini->n_sections + 1);
	ini->sections[ini->n_sections++] = pl_strdup(name);
}

static void add_entry(struct pl_ini *ini, const char *section, char *key, char *value, int line)
{
	for (char *p = key; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	PL_GROW(ini->items, ini->cap, ini->n + 1);
	struct pl_ini_entry *e = &ini->items[ini->n++];
	e->section = pl_strdup(section);
	e->key = key;
	e->value = value;
	e->line = line;
}

int pl_ini_parse(const char *text, size_t len, const char *file, struct pl_ini *out,
		 struct pl_error *err)
{
	memset(out, 0, sizeof(*out));
	if (len > PL_INI_MAX_BYTES)
		return pl_err(err, PL_ERR_LIMIT, "%s: larger than %d bytes, not a configuration file",
			      file, PL_INI_MAX_BYTES);
	char *section = pl_strdup("");
	char *parent = NULL;   /* key with an empty value: owner of indented lines */
	int lineno = 0;
	size_t pos = 0;
	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		pos += n + (nl ? 1 : 0);
		lineno++;
		if (memchr(line, '\0', n)) {
			free(section);
			free(parent);
			pl_ini_free(out);
			return pl_err(err, PL_ERR_CORRUPT, "%s:%d: NUL byte, not a text file", file, lineno);
		}
		int indented = n && (line[0] == ' ' || line[0] == '\t');
		char *t = trimmed(line, n);
		if (!*t || t[0] == '#' || t[0] == ';') {
			free(t);
			continue;
		}
		if (t[0] == '[') {
			char *close = strrchr(t, ']');
			if (!close || close[1]) {
				free(t);
				free(section);
				free(parent);
				pl_ini_free(out);
				return pl_err(err, PL_ERR_CORRUPT, "%s:%d: expected \"[section]\"", file, lineno);
			}
			free(section);
			section = trimmed(t + 1, (size_t)(close - t - 1));
			/* "[source  x]" and "[source x]" name the same thing. */
			char *w = section;
			for (char *r = section; *r; r++)
				if (!(isspace((unsigned char)*r) && w > section && isspace((unsigned char)w[-1])))
					*w++ = isspace((unsigned char)*r) ? ' ' : *r;
			*w = 0;
			add_section(out, section);
			free(parent);
			parent = NULL;
			free(t);
			continue;
		}
		char *eq = strchr(t, '=');
		if (!eq) {
			free(t);
			free(section);
			free(parent);
			pl_ini_free(out);
			return pl_err(err, PL_ERR_CORRUPT, "%s:%d: expected \"key = value\"", file, lineno);
		}
		char *key = trimmed(t, (size_t)(eq - t));
		char *value = trimmed(eq + 1, strlen(eq + 1));
		if (indented && parent) {
			size_t kn = strlen(parent) + strlen(key) + 2;
			char *full = pl_malloc(kn);
			snprintf(full, kn, "%s.%s", parent, key);
			free(key);
			key = full;
		} else {
			free(parent);
			parent = *value ? NULL : pl_strdup(key);
		}
		add_entry(out, section, key, value, lineno);
		free(t);
	}
	free(section);
	free(parent);
	return 0;
}

int pl_ini_load(const char *path, struct pl_ini *out, struct pl_error *err)
{
	memset(out, 0, sizeof(*out));
	FILE *f = fopen(path, "r");
	if (!f)
		return pl_err(err, errno == ENOENT ? PL_ERR_NOT_FOUND : PL_ERR_IO, "%s: %s", path,
			      strerror(errno));
	char *buf = pl_malloc(PL_INI_MAX_BYTES + 1);
	size_t n = fread(buf, 1, PL_INI_MAX_BYTES + 1, f);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		return pl_err(err, PL_ERR_IO, "%s: read error", path);
	}
	int rc = pl_ini_parse(buf, n, path, out, err);
	free(buf);
	return rc;
}

const char *pl_ini_get(const struct pl_ini *ini, const char *section, const char *key)
{
	/* The last assignment wins, as in the AWS and Alibaba tools. */
	for (size_t i = ini->n; i-- > 0;)
		if (strcmp(ini->items[i].section, section) == 0 &&
		    strcasecmp(ini->items[i].key, key) == 0)
			return ini->items[i].value;
	return NULL;
}

int pl_ini_has_section(const struct pl_ini *ini, const char *section)
{
	for (size_t i = 0; i < ini->n_sections; i++)
		if (strcmp(ini->sections[i], section) == 0)
			return 1;
	return 0;
}

void pl_ini_free(struct pl_ini *ini)
{
	for (size_t i = 0; i < ini->n; i++) {
		free(ini->items[i].section);
		free(ini->items[i].key);
		if (ini->items[i].value) {
			/* Values may be secrets: leave no copy in freed memory. */
			memset(ini->items[i].value, 0, strlen(ini->items[i].value));
			free(ini->items[i].value);
		}
	}
	free(ini->items);
	for (size_t i = 0; i < ini->n_sections; i++)
		free(ini->sections[i]);
	free(ini->sections);
	free(ini->duplicate);
	memset(ini, 0, sizeof(*ini));
}
