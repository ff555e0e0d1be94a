/* Any schema version of a table as a tree of its nested fields (ROW,
 * ARRAY, MAP, MULTISET), the keys that fold and unfold it, and the diff of
 * two versions. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/schema.h"
#include "paimon/table.h"
#include "ui/app.h"
#include "ui/keys.h"
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

struct schema_tree {
	struct pl_rowset *rs;
	const struct pl_schema *s;
	long *parent;
	size_t cap;
};

/* One field and, beneath it, what its type nests: ROW fields (they carry
 * ids), the element of an ARRAY or MULTISET, the key and value of a MAP,
 * named by their path as Paimon's nested-column paths read (a.b.element).
 * Depth is bounded by the type parser's own nesting limit. */
static void tree_add(struct schema_tree *tr, long parent, const char *path, int has_id,
		     int64_t id, const struct pl_dtype *type, const char *description,
		     const char *default_value)
{
	struct pl_rowset *rs = tr->rs;
	const struct pl_schema *s = tr->s;
	int top = parent < 0;
	pl_rowset_row(rs);
	long row = (long)rs->nrows - 1;
	if (rs->nrows > tr->cap) {
		tr->cap = tr->cap ? tr->cap * 2 : 64;
		tr->parent = pl_realloc(tr->parent, tr->cap * sizeof(*tr->parent));
	}
	tr->parent[row] = parent;
	pl_rowset_opt_i64(rs, has_id, id);
	pl_rowset_str(rs, path);
	pl_rowset_str(rs, pl_dtype_to_string(type, &rs->arena));
	pl_rowset_bool(rs, type->nullable);
	pl_rowset_bool(rs, top && in_list(s->primary_keys, s->nprimary_keys, path));
	pl_rowset_bool(rs, top && in_list(s->partition_keys, s->npartition_keys, path));
	pl_rowset_bool(rs, top && in_list(s->bucket_keys, s->nbucket_keys, path));
	pl_rowset_str(rs, description);
	pl_rowset_str(rs, default_value);
	switch (type->root) {
	case PL_T_ROW:
		for (size_t i = 0; i < type->nfields; i++) {
			const struct pl_dfield *f = &type->fields[i];
			tree_add(tr, row, pl_arena_printf(&rs->arena, "%s.%s", path, f->name), 1,
				 f->id, f->type, f->description, f->default_value);
		}
		break;
	case PL_T_ARRAY:
	case PL_T_MULTISET:
		if (type->element)
			tree_add(tr, row, pl_arena_printf(&rs->arena, "%s.element", path), 0, 0,
				 type->element, NULL, NULL);
		break;
	case PL_T_MAP:
		if (type->key)
			tree_add(tr, row, pl_arena_printf(&rs->arena, "%s.key", path), 0, 0,
				 type->key, NULL, NULL);
		if (type->value)
			tree_add(tr, row, pl_arena_printf(&rs->arena, "%s.value", path), 0, 0,
				 type->value, NULL, NULL);
		break;
	default:
		break;
	}
}

struct pl_rowset *schema_tree_rowset(const struct pl_schema *s, long **parent)
{
	struct schema_tree tr = { 0 };
	tr.rs = pl_rowset_new("schema", field_cols, sizeof(field_cols) / sizeof(field_cols[0]));
	tr.s = s;
	for (size_t i = 0; i < s->nfields; i++) {
		const struct pl_dfield *f = &s->fields[i];
		tree_add(&tr, -1, f->name, 1, f->id, f->type, f->description, f->default_value);
	}
	if (!tr.parent)
		tr.parent = pl_calloc(1, sizeof(*tr.parent));
	*parent = tr.parent;
	return tr.rs;
}

int schema_tree_action(struct app *a, struct page *p, int action, int key)
{
	struct table_widget *tw = &p->tw;
	long row = tw_current(tw);
	if (!tw->parent || row < 0)
		return 0;
	int kids = tw->has_kids[row], open = tw->expanded[row];
	switch (action) {
	case ACT_ENTER:
		if (!kids)
			return 0;
		tw_tree_expand(tw, (size_t)row, !open);
		return 1;
	case ACT_RIGHT:
		if (!kids)
			return 0;
		if (open)
			tw_move(tw, 1, 1000000); /* into the first child, as ranger does */
		else
			tw_tree_expand(tw, (size_t)row, 1);
		return 1;
	case ACT_BACK:
		/* Only h: Backspace keeps meaning "previous page". */
		if (key != 'h')
			return 0;
		/* fall through */
	case ACT_LEFT:
		if (kids && open) {
			tw_tree_expand(tw, (size_t)row, 0);
			return 1;
		}
		if (tw->parent[row] >= 0) {
			for (size_t i = 0; i < tw->nvis; i++)
				if (tw->order[i] == (size_t)tw->parent[row])
					tw->cursor = i;
			return 1;
		}
		return 0;
	case ACT_EXPAND_ALL:
	case ACT_COLLAPSE_ALL:
		tw_tree_expand_all(tw, action == ACT_EXPAND_ALL);
		return 1;
	default:
		(void)a;
		return 0;
	}
}

struct pl_rowset *build_schema_tree(struct pl_storage *st, const char *db, const char *table,
				    const struct pl_table_selector *sel, long **parent,
				    struct pl_error *err)
{
	struct pl_table *t = NULL;
	const struct pl_schema *s = NULL;
	const struct pl_snapshot *snap = NULL;
	const struct pl_tag *tag = NULL;
	struct pl_rowset *rs = NULL;
	*parent = NULL;
	if (pl_table_open(st, st->root, db, table, sel->branch, &t, err))
		return NULL;
	/* The schema of the snapshot in focus, else the latest: as the
	 * $schema system table picks it. */
	int rc = 0;
	if (sel->has_snapshot) {
		rc = pl_table_snapshot(t, sel->snapshot_id, &snap, err);
	} else if (sel->tag) {
		rc = pl_table_tag(t, sel->tag, &tag, err);
		if (!rc && !tag->snap)
			rc = pl_err(err, tag->error_code, "tag %s: %s", sel->tag, tag->error);
		if (!rc)
			snap = tag->snap;
	}
	if (!rc && snap)
		rc = pl_table_schema(t, snap->schema_id, &s, err);
	else if (!rc)
		s = pl_table_latest_schema(t);
	if (!rc)
		rs = schema_tree_rowset(s, parent);
	pl_table_close(t);
	return rs;
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
	long *parent;
	struct pl_rowset *rs = schema_tree_rowset(s, &parent);
	char title[64];
	snprintf(title, sizeof(title), "schema %" PRId64, id);
	struct page *p = page_new(PAGE_SCHEMA_VERSION, title, rs);
	tw_set_tree(&p->tw, 1, parent);
	free(parent);
	app_push(a, p);
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
