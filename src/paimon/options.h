/* Table options as a browser shows them (format-metadata.md §5): the
 * options a table stores are only those set explicitly; everything else
 * takes the default of the reading Java version. This table knows the
 * options that matter for browsing, their defaults (master's, with the
 * schema's compatibility injections of §3.1 applied by paimon/schema.c)
 * and a one-line description, so "effective value" is always answerable. */
#ifndef PL_PAIMON_OPTIONS_H
#define PL_PAIMON_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "paimon/schema.h"
#include "util/arena.h"

struct pl_option_def {
	const char *key;
	/* NULL: no default (feature off / derived elsewhere). A few defaults
	 * depend on the table; pl_option_effective resolves them. */
	const char *default_value;
	const char *since;          /* first Paimon version with the option */
	const char *description;
};

enum pl_option_source {
	PL_OPTION_UNSET = 0,        /* not set and no default: value NULL */
	PL_OPTION_SET,              /* stored in the schema */
	PL_OPTION_INJECTED,         /* added by the old-schema compatibility rules */
	PL_OPTION_DEFAULT,          /* not stored: the default applies */
};

struct pl_option_value {
	const char *key;
	const char *value;          /* NULL when unset without default */
	enum pl_option_source source;
	const struct pl_option_def *def;   /* NULL for options this table lacks */
};

/* The known options, sorted by key. */
const struct pl_option_def *pl_option_defs(size_t *n);
const struct pl_option_def *pl_option_def_find(const char *key);
const char *pl_option_source_name(enum pl_option_source src);

/* Effective value of key for schema s (NULL s: defaults only). Table
 * dependent defaults are resolved: target-file-size (128 mb with a
 * primary key, else 256 mb), changelog.num-retained.min/max and
 * changelog.time-retained (the snapshot values). src may be NULL. */
const char *pl_option_effective(const struct pl_schema *s, const char *key,
				enum pl_option_source *src);

/* What key would be for s if s did not store it: the documented default,
 * resolved for the table; NULL for unknown keys and keys without one. */
const char *pl_option_default(const struct pl_schema *s, const char *key);

/* Every stored option plus every known option that is not stored (with
 * its default or NULL), sorted by key, in arena. */
void pl_options_effective_all(const struct pl_schema *s, struct pl_arena *arena,
			      struct pl_option_value **out, size_t *n);

/* A Paimon MemorySize ("128 mb", "64MB", "1024", "2 gibibytes"): bytes,
 * or -1 when text is NULL, malformed or overflows int64. */
int64_t pl_option_parse_size(const char *text);

/* Files smaller than this count as small: a quarter of the effective
 * target-file-size of s. One rule for the health check and the browser's
 * Overview, so their counts agree. */
int64_t pl_option_small_file_threshold(const struct pl_schema *s);

#endif
