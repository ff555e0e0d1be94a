/* Any schema version of a table, with nested ROW fields expanded, and the
 * diff of two versions. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/schema.h"
#include "ui/app.h"
#include "util/alloc.h"

/* The columns of the schema view, so both read the same. */
static const struct pl_rowset_col field_cols[] = {
	{ "field_id", PL_COL_INT64, 0 },
	{ "field_name", PL_COL_STRING, 0 },
	{ "field_type", PL_COL_STRING, 0 },
	{ "nullable", PL_COL_BOOL, 0 },
	{ "primary_key", PL_COL_BOOL, 0 },
	{ "partition_key", PL_COL_BOOL, 0 },
	{ "bucket_key", PL_COL_BOOL, 0 },
	{ "description", PL_COL_STRING, 0 },
	{ "default_value", PL_COL_STRING, 0 },
};

static int in_list(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

/* Depth is bounded by the type parser's own nesting limit. */
static void add_fields(struct pl_rowset *rs, const struct pl_schema *s, const char *prefix,
		       const struct pl_dfield *fields, size_t n, struct pl_arena *arena)
{
	for (size_t i = 0; i < n; i++) {
		const struct pl_dfield *f = &fields[i];
		const char *name = prefix ? pl_arena_printf(arena, "%s.%s", prefix, f->name) : f->name;
		int top = prefix == NULL;
		pl_rowset_row(rs);
		pl_rowset_i64(rs, f->id);
		pl_rowset_str(rs, name);
		pl_rowset_str(rs, pl_dtype_to_string(f->type, arena));
		pl_rowset_bool(rs, f->type->nullable);
		pl_rowset_bool(rs, top && in_list(s->primary_keys, s->nprimary_keys, f->name));
		pl_rowset_bool(rs, top && in_list(s->partition_keys, s->npartition_keys, f->name));
		pl_rowset_bool(rs, top && in_list(s->bucket_keys, s->nbucket_keys, f->name));
		pl_rowset_str(rs, f->description);
		pl_rowset_str(rs, f->default_value);
		const struct pl_dtype *t = f->type;
		/* Nested rows: inside arrays and maps too, as Spark's tree shows. */
		while (t && t->root != PL_T_ROW && (t->element || t->value))
			t = t->element ? t->element : t->value;
		if (t && t->root == PL_T_ROW)
			add_fields(rs, s, name, t->fields, t->nfields, arena);
	}
}

static char *branch_path(struct app *a)
{
	char *path = app_table_path(a, a->focus.db, a->focus.table);
	if (!a->focus.branch)
		return path;
	size_t n = strlen(path) + strlen(a->focus.branch) + 32;
	char *b = pl_malloc(n);
	snprintf(b, n, "%s/branch/branch-%s", path, a->focus.branch);
	free(path);
	return b;
}

int open_schema_version(struct app *a, int64_t id)
{
	if (!a->focus.table) {
		app_error(a, "open a table first");
		return -1;
	}
	struct pl_arena arena;
	struct pl_schema *s;
	struct pl_error err;
	pl_err_clear(&err);
	pl_arena_init(&arena, 0);
	char *path = branch_path(a);
	int rc = pl_schema_load(a->st, path, id, &arena, &s, &err);
	free(path);
	if (rc) {
		app_error(a, "%s", err.msg);
		pl_arena_free(&arena);
		return -1;
	}
	struct pl_rowset *rs = pl_rowset_new("schema", field_cols,
					     sizeof(field_cols) / sizeof(field_cols[0]));
	add_fields(rs, s, NULL, s->fields, s->nfields, &arena);
	char title[64];
	snprintf(title, sizeof(title), "schema %" PRId64, id);
	app_push(a, page_new(PAGE_SCHEMA_VERSION, title, rs));
	pl_arena_free(&arena);
	return 0;
}

static const struct pl_rowset_col diff_cols[] = {
	{ "change", PL_COL_STRING, 0 },
	{ "field_id", PL_COL_INT64, 0 },
	{ "name", PL_COL_STRING, 0 },
	{ "old_value", PL_COL_STRING, 0 },
	{ "new_value", PL_COL_STRING, 0 },
};

/* Added and dropped read as "+"/"-" so the widget colours them. */
static const char *change_label(enum pl_schema_change_kind k)
{
	switch (k) {
	case PL_SC_FIELD_ADDED: return "+ added";
	case PL_SC_FIELD_DROPPED: return "- dropped";
	case PL_SC_OPTION_ADDED: return "+ option";
	case PL_SC_OPTION_REMOVED: return "- option";
	default: return pl_schema_change_kind_name(k);
	}
}

int open_schema_diff(struct app *a, int64_t id_a, int64_t id_b)
{
	if (!a->focus.table) {
		app_error(a, "open a table first");
		return -1;
	}
	struct pl_arena arena;
	struct pl_schema *sa, *sb;
	struct pl_error err;
	pl_err_clear(&err);
	pl_arena_init(&arena, 0);
	char *path = branch_path(a);
	int rc = pl_schema_load(a->st, path, id_a, &arena, &sa, &err);
	if (!rc)
		rc = pl_schema_load(a->st, path, id_b, &arena, &sb, &err);
	free(path);
	if (rc) {
		app_error(a, "%s", err.msg);
		pl_arena_free(&arena);
		return -1;
	}
	struct pl_schema_change *ch;
	size_t n;
	pl_schema_diff(sa, sb, &arena, &ch, &n);
	struct pl_rowset *rs = pl_rowset_new("schema_diff", diff_cols,
					     sizeof(diff_cols) / sizeof(diff_cols[0]));
	for (size_t i = 0; i < n; i++) {
		pl_rowset_row(rs);
		pl_rowset_str(rs, change_label(ch[i].kind));
		pl_rowset_opt_i64(rs, ch[i].field_id >= 0, ch[i].field_id);
		pl_rowset_str(rs, ch[i].name);
		pl_rowset_str(rs, ch[i].old_value);
		pl_rowset_str(rs, ch[i].new_value);
	}
	char title[96];
	snprintf(title, sizeof(title), "schema diff %" PRId64 "..%" PRId64, id_a, id_b);
	struct page *p = page_new(PAGE_SCHEMA_DIFF, title, rs);
	p->tw.change_col = 0;
	char summary[128];
	snprintf(summary, sizeof(summary), "schema %" PRId64 " -> %" PRId64 ": %zu change%s",
		 id_a, id_b, n, n == 1 ? "" : "s");
	p->summary = pl_strdup(summary);
	app_push(a, p);
	pl_arena_free(&arena);
	return 0;
}
