/* Table schemas: the JSON files schema/schema-<id> (Java's TableSchema,
 * written by SchemaSerializer), with the compatibility defaults Java's
 * reader applies to old versions, the keys Java derives from them, a
 * loader over the storage interface and a diff for the browser. */
#ifndef PL_PAIMON_SCHEMA_H
#define PL_PAIMON_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "paimon/types.h"
#include "util/arena.h"
#include "util/err.h"

/* Schema files are small; thousands of columns still fit well below. */
#define PL_SCHEMA_READ_CAP ((size_t)16 << 20)

struct pl_schema_option {
	const char *key;
	const char *value;
	int injected;          /* added by the old-version defaults, not in the file */
};

struct pl_schema {
	int version;           /* 1 when the file has none (written by <= 0.7) */
	int has_version;
	int64_t id;
	size_t nfields;
	struct pl_dfield *fields;          /* table order */
	int64_t highest_field_id;
	size_t npartition_keys;
	const char **partition_keys;
	size_t nprimary_keys;
	const char **primary_keys;
	/* Derived as Java's TableSchema does: primary keys minus partition
	 * keys (the key of the LSM trees and of the key statistics), and the
	 * "bucket-key" option split on ',' or else the trimmed primary keys. */
	size_t ntrimmed_primary_keys;
	const char **trimmed_primary_keys;
	size_t nbucket_keys;
	const char **bucket_keys;
	/* File order, a repeated key keeps its first place and last value;
	 * the injected defaults come last. */
	size_t noptions;
	struct pl_schema_option *options;
	const char *comment;   /* NULL when absent */
	int64_t time_millis;   /* 0 when absent (files before 0.5) */
	int has_time_millis;
};

int pl_schema_parse(const char *json, size_t len, const char *file, struct pl_arena *arena,
		    struct pl_schema **out, struct pl_error *err);

/* Option value or NULL. */
const char *pl_schema_option(const struct pl_schema *s, const char *key);
/* Top-level field by id or name; NULL when absent. */
const struct pl_dfield *pl_schema_field_by_id(const struct pl_schema *s, int64_t id);
const struct pl_dfield *pl_schema_field_by_name(const struct pl_schema *s, const char *name);
int pl_schema_is_primary_key_table(const struct pl_schema *s);

/* Reads <table_path>/schema/schema-<id>. table_path may be a branch
 * directory (<table>/branch/branch-<name>): branches have their own
 * schema folder. */
int pl_schema_load(struct pl_storage *st, const char *table_path, int64_t id,
		   struct pl_arena *arena, struct pl_schema **out, struct pl_error *err);
/* Ids of the schema files, ascending, in a malloc'ed array (free it).
 * Names follow Java's rule: "schema-" then a signed 64-bit decimal;
 * everything else is ignored. A missing folder gives no ids. */
int pl_schema_list_ids(struct pl_storage *st, const char *table_path, int64_t **ids,
		       size_t *n, struct pl_error *err);
/* Highest id, which is the current schema (-1 with PL_ERR_NOT_FOUND when
 * there is none). */
int pl_schema_load_latest(struct pl_storage *st, const char *table_path,
			  struct pl_arena *arena, struct pl_schema **out, struct pl_error *err);
/* Java's listVersionedFiles suffix test: the id when name is
 * prefix + a signed 64-bit decimal, else -1 with *ok = 0. */
int64_t pl_versioned_name_id(const char *name, const char *prefix, int *ok);

enum pl_schema_change_kind {
	PL_SC_FIELD_ADDED,         /* new: name, type */
	PL_SC_FIELD_DROPPED,       /* old: name, type */
	PL_SC_FIELD_RENAMED,       /* same id, old name -> new name */
	PL_SC_FIELD_RETYPED,       /* type text without the outer nullability */
	PL_SC_FIELD_NULLABILITY,   /* "NULL" / "NOT NULL" */
	PL_SC_FIELD_COMMENT,       /* description; NULL when absent */
	PL_SC_FIELD_DEFAULT,       /* default value; NULL when absent */
	PL_SC_FIELD_MOVED,         /* position among the kept fields, 0-based */
	PL_SC_OPTION_ADDED,
	PL_SC_OPTION_REMOVED,
	PL_SC_OPTION_CHANGED,
	PL_SC_PARTITION_KEYS,      /* "a, b" lists */
	PL_SC_PRIMARY_KEYS,
	PL_SC_BUCKET_KEYS,
	PL_SC_TABLE_COMMENT,
};

struct pl_schema_change {
	enum pl_schema_change_kind kind;
	int64_t field_id;          /* field changes; -1 otherwise */
	const char *name;          /* field name (the new one) or option key */
	const char *old_value;     /* NULL when absent */
	const char *new_value;
};

/* Changes from a to b, fields matched by id: fields in b's order, then
 * dropped ones, options, keys, comment. Everything lives in arena. */
void pl_schema_diff(const struct pl_schema *a, const struct pl_schema *b, struct pl_arena *arena,
		    struct pl_schema_change **out, size_t *n);
const char *pl_schema_change_kind_name(enum pl_schema_change_kind kind);

#endif
