/* `paimon-lens sources`: the data sources of the sources file. */
#include <stdio.h>
#include <string.h>

#include "cli/remote_cmds.h"
#include "io/sources.h"
#include "util/sanitize.h"
#include "util/strbuf.h"

/* Loaded once: options and URIs handed out point into it. */
static struct pl_sources loaded;
static int loaded_state; /* 0 not yet, 1 ok, -1 failed */

/* Sources-file errors quote its lines and paths: sanitised before the
 * terminal sees them, like every other message. */
static void print_error(const char *msg)
{
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_sanitize_append(&sb, msg, strlen(msg));
	fprintf(stderr, "paimon-lens: %s\n", pl_strbuf_str(&sb));
	pl_strbuf_free(&sb);
}

static const struct pl_sources *sources(struct pl_error *err)
{
	if (loaded_state == 0) {
		loaded_state = pl_sources_load(NULL, &loaded, err) ? -1 : 1;
		if (loaded_state < 0)
			return NULL;
	}
	if (loaded_state < 0) {
		pl_err(err, PL_ERR_USAGE, "the sources file could not be read");
		return NULL;
	}
	return &loaded;
}

const char *pl_cli_source_lookup(const char *name, struct pl_storage_options *opts)
{
	if (!name || strchr(name, '/') || strchr(name, ':'))
		return NULL;
	struct pl_error err = { 0 };
	int first = loaded_state == 0;
	const struct pl_sources *s = sources(&err);
	if (!s) {
		if (first)
			print_error(err.msg);
		return NULL;
	}
	const struct pl_source *src = pl_sources_find(s, name);
	return src ? pl_source_apply(src, opts) : NULL;
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

int cmd_sources(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("usage: paimon-lens sources\n"
		       "Lists the data sources of $XDG_CONFIG_HOME/paimon-lens/sources\n"
		       "(default ~/.config/paimon-lens/sources; see doc/remote.md).\n");
		return 0;
	}
	if (argc > 1) {
		fprintf(stderr, "paimon-lens: sources takes no arguments\n");
		return PL_ERR_USAGE;
	}
	struct pl_error err = { 0 };
	const struct pl_sources *s = sources(&err);
	if (!s) {
		print_error(err.msg);
		return err.code ? (int)err.code : PL_ERR_USAGE;
	}
	if (!s->n) {
		fprintf(stderr, "No data sources in %s.\n"
				"Add one, for example:\n\n"
				"  [source lake]\n"
				"  filesystem  = oss\n"
				"  warehouse   = oss://my-bucket/warehouse\n"
				"  region      = cn-hangzhou\n"
				"  access-mode = access-key\n",
			or_dash(s->path));
		return 0;
	}
	printf("%-16s %-10s %-40s %-14s %-12s %s\n", "name", "filesystem", "warehouse", "region",
	       "access-mode", "endpoint");
	for (size_t i = 0; i < s->n; i++) {
		const struct pl_source *x = &s->items[i];
		const char *fs = x->filesystem;
		if (!fs)
			fs = strncmp(x->warehouse, "oss://", 6) == 0 ? "oss"
			     : strstr(x->warehouse, "://") ? "s3" : "local";
		printf("%-16s %-10s %-40s %-14s %-12s %s\n", x->name, fs, x->warehouse,
		       or_dash(x->region), or_dash(x->access_mode), or_dash(x->endpoint));
	}
	return 0;
}
