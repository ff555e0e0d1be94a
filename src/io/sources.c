/* Loading and checking the data-source file (see sources.h). */
#include "io/sources.h"
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/ini.h"

char *pl_sources_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char buf[4096];
	if (xdg && *xdg == '/')
		snprintf(buf, sizeof(buf), "%s/paimon-lens/sources", xdg);
	else if (home && *home)
		snprintf(buf, sizeof(buf), "%s/.config/paimon-lens/sources", home);
	else
		return NULL;
	return pl_strdup(buf);
}

static const char *const known_keys[] = {
	"catalog", "metastore", "filesystem", "access-mode", "region", "endpoint",
	"warehouse", "profile", "ram-role", "path-style", "signature", NULL,
};

static char *get(const struct pl_ini *ini, const char *section, const char *key)
{
	const char *v = pl_ini_get(ini, section, key);
	return v && *v ? pl_strdup(v) : NULL;
}

static int one_of(const char *v, const char *const *allowed)
{
	for (; *allowed; allowed++)
		if (strcmp(v, *allowed) == 0)
			return 1;
	return 0;
}

static const char *scheme_filesystem(const char *warehouse)
{
	if (strncmp(warehouse, "oss://", 6) == 0)
		return "oss";
	if (strncmp(warehouse, "s3://", 5) == 0 || strncmp(warehouse, "s3a://", 6) == 0)
		return "s3";
	if (strstr(warehouse, "://"))
		return NULL;
	return "local";
}

static int validate(const struct pl_source *s, const char *file, struct pl_error *err)
{
	static const char *const fs[] = { "oss", "s3", "local", NULL };
	static const char *const modes[] = { "access-key", "sts", "ram-role", NULL };
	static const char *const sigs[] = { "v4", "v1", "s3", NULL };
	const char *n = s->name;
	if (!s->warehouse)
		return pl_err(err, PL_ERR_USAGE, "%s:%d: source %s has no warehouse", file, s->line, n);
	const char *implied = scheme_filesystem(s->warehouse);
	if (!implied)
		return pl_err(err, PL_ERR_USAGE,
			      "%s:%d: source %s: warehouse %s is not an oss://, s3://, s3a:// URI or a local path",
			      file, s->line, n, s->warehouse);
	if (s->filesystem && !one_of(s->filesystem, fs))
		return pl_err(err, PL_ERR_USAGE, "%s:%d: source %s: filesystem must be oss, s3 or local, not '%s'",
			      file, s->line, n, s->filesystem);
	if (s->filesystem && strcmp(s->filesystem, implied) != 0)
		return pl_err(err, PL_ERR_USAGE,
			      "%s:%d: source %s: filesystem = %s but the warehouse %s is on %s",
			      file, s->line, n, s->filesystem, s->warehouse, implied);
	if (s->metastore && strcmp(s->metastore, "filesystem") != 0)
		return pl_err(err, PL_ERR_USAGE,
			      "%s:%d: source %s: metastore '%s' is not supported (only filesystem catalogs)",
			      file, s->line, n, s->metastore);
	if (s->access_mode && !one_of(s->access_mode, modes))
		return pl_err(err, PL_ERR_USAGE,
			      "%s:%d: source %s: access-mode must be access-key, sts or ram-role, not '%s'",
			      file, s->line, n, s->access_mode);
	if (s->access_mode && strcmp(s->access_mode, "ram-role") == 0 && strcmp(implied, "oss") != 0)
		return pl_err(err, PL_ERR_USAGE, "%s:%d: source %s: access-mode ram-role needs an oss:// warehouse",
			      file, s->line, n);
	if (s->signature && !one_of(s->signature, sigs))
		return pl_err(err, PL_ERR_USAGE, "%s:%d: source %s: signature must be v4, v1 or s3, not '%s'",
			      file, s->line, n, s->signature);
	return 0;
}

int pl_sources_load(const char *path, struct pl_sources *out, struct pl_error *err)
{
	memset(out, 0, sizeof(*out));
	out->path = path ? pl_strdup(path) : pl_sources_default_path();
	if (!out->path)
		return 0;
	struct pl_ini ini;
	struct pl_error ierr;
	if (pl_ini_load(out->path, &ini, &ierr)) {
		if (ierr.code == PL_ERR_NOT_FOUND)
			return 0;
		*err = ierr;
		return -1;
	}
	size_t cap = 0;
	int rc = 0;
	if (ini.duplicate && strncmp(ini.duplicate, "source ", 7) == 0)
		rc = pl_err(err, PL_ERR_USAGE, "%s: source %s is defined twice", out->path,
			    ini.duplicate + 7);
	for (size_t i = 0; i < ini.n && rc == 0; i++) {
		const struct pl_ini_entry *e = &ini.items[i];
		if (!*e->section)
			rc = pl_err(err, PL_ERR_USAGE, "%s:%d: '%s' outside a [source NAME] section",
				    out->path, e->line, e->key);
		else if (strncmp(e->section, "source ", 7) == 0 && !one_of(e->key, known_keys))
			rc = pl_err(err, PL_ERR_USAGE, "%s:%d: unknown key '%s' (known: catalog, metastore, filesystem, access-mode, region, endpoint, warehouse, profile, ram-role, path-style, signature)",
				    out->path, e->line, e->key);
	}
	for (size_t k = 0; k < ini.n_sections && rc == 0; k++) {
		const char *sec = ini.sections[k];
		if (strncmp(sec, "source ", 7) != 0 || !sec[7]) {
			rc = pl_err(err, PL_ERR_USAGE, "%s: section [%s]: expected [source NAME]", out->path,
				    sec);
			break;
		}
		if (strchr(sec + 7, ' ') || strchr(sec + 7, '/')) {
			rc = pl_err(err, PL_ERR_USAGE, "%s: source name '%s' has a space or '/'",
				    out->path, sec + 7);
			break;
		}
		PL_GROW(out->items, cap, out->n + 1);
		struct pl_source *s = &out->items[out->n++];
		memset(s, 0, sizeof(*s));
		s->name = pl_strdup(sec + 7);
		s->catalog = get(&ini, sec, "catalog");
		s->metastore = get(&ini, sec, "metastore");
		s->filesystem = get(&ini, sec, "filesystem");
		s->access_mode = get(&ini, sec, "access-mode");
		s->region = get(&ini, sec, "region");
		s->endpoint = get(&ini, sec, "endpoint");
		s->warehouse = get(&ini, sec, "warehouse");
		s->profile = get(&ini, sec, "profile");
		s->ram_role = get(&ini, sec, "ram-role");
		s->signature = get(&ini, sec, "signature");
		const char *ps = pl_ini_get(&ini, sec, "path-style");
		s->path_style = ps && (strcasecmp(ps, "true") == 0 || strcmp(ps, "1") == 0);
		for (size_t i = 0; i < ini.n; i++)
			if (strcmp(ini.items[i].section, sec) == 0) {
				s->line = ini.items[i].line - 1;
				break;
			}
		rc = validate(s, out->path, err);
	}
	pl_ini_free(&ini);
	if (rc)
		pl_sources_free(out);
	return rc;
}

const struct pl_source *pl_sources_find(const struct pl_sources *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->items[i].name, name) == 0)
			return &s->items[i];
	return NULL;
}

void pl_sources_free(struct pl_sources *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct pl_source *x = &s->items[i];
		free(x->name);
		free(x->catalog);
		free(x->metastore);
		free(x->filesystem);
		free(x->access_mode);
		free(x->region);
		free(x->endpoint);
		free(x->warehouse);
		free(x->profile);
		free(x->ram_role);
		free(x->signature);
	}
	free(s->items);
	free(s->path);
	memset(s, 0, sizeof(*s));
}

const char *pl_source_apply(const struct pl_source *src, struct pl_storage_options *o)
{
	if (!o->endpoint)
		o->endpoint = src->endpoint;
	if (!o->region)
		o->region = src->region;
	if (src->path_style)
		o->path_style = 1;
	if (!o->profile)
		o->profile = src->profile;
	if (!o->access_mode)
		o->access_mode = src->access_mode;
	if (!o->signature)
		o->signature = src->signature;
	if (!o->ram_role)
		o->ram_role = src->ram_role;
	return src->warehouse;
}
