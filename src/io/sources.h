/* The data-source file, $XDG_CONFIG_HOME/paimon-lens/sources (default
 * ~/.config/paimon-lens/sources), an INI file in the style of ~/.aws/config:
 *
 *   [source lake-prod]
 *   filesystem  = oss
 *   warehouse   = oss://my-bucket/warehouse
 *   region      = cn-hangzhou
 *   access-mode = access-key
 *
 * Keys: catalog, metastore (filesystem), filesystem (oss|s3|local),
 * access-mode (access-key|sts|ram-role), region, endpoint, warehouse,
 * profile, ram-role, path-style (true|false), signature (v4|v1|s3). The
 * file holds no secrets: credentials come from the chain (credentials.h). */
#ifndef PL_IO_SOURCES_H
#define PL_IO_SOURCES_H

#include <stddef.h>

#include "io/storage.h"
#include "util/err.h"

struct pl_source {
	char *name;
	char *catalog;
	char *metastore;
	char *filesystem;
	char *access_mode;
	char *region;
	char *endpoint;
	char *warehouse;
	char *profile;
	char *ram_role;
	char *signature;
	int path_style;
	int line;              /* of the section header, for messages */
};

struct pl_sources {
	struct pl_source *items;
	size_t n;
	char *path;
};

/* The default file location; malloc'ed, NULL without HOME and XDG. */
char *pl_sources_default_path(void);
/* Loads and validates every source. path NULL: the default; a missing
 * file is an empty list, not an error. */
int pl_sources_load(const char *path, struct pl_sources *out, struct pl_error *err);
const struct pl_source *pl_sources_find(const struct pl_sources *s, const char *name);
void pl_sources_free(struct pl_sources *s);

/* Fills the options a source sets, leaving those already set (from the
 * command line) alone, and returns the warehouse URI. The strings stay
 * owned by the source. */
const char *pl_source_apply(const struct pl_source *src, struct pl_storage_options *opts);

#endif
