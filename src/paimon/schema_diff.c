/* What changed between two schema versions, for the browser's schema
 * history. Columns are matched by field id: a renamed column keeps its id,
 * a dropped and re-added one does not. */
#include "paimon/schema.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct changes {
	struct pl_schema_change *items;
	size_t n, cap;
	struct pl_arena *arena;
};

static void add(struct changes *c, enum pl_schema_change_kind kind, int64_t field_id,
		const char *name, const char *old_value, const char *new_value)
{
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 16;
		struct pl_schema_change *items = pl_arena_alloc(c->arena, ncap * sizeof(*items));
		if (c->n)
			memcpy(items, c->items, c->n * sizeof(*items));
		c->items = items;
		c->cap = ncap;
	}
	c->items[c->n++] = (struct pl_schema_change){ kind, field_id, name, old_value, new_value };
}

static int same_str(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Type text without the outer nullability, which is reported apart. */
static const char *type_text(const struct pl_dtype *t, struct pl_arena *arena)
{
	struct pl_dtype copy = *t;
	if (copy.root != PL_T_OPAQUE)
		copy.nullable = 1;
	return pl_dtype_to_string(&copy, arena);
}

static const char *join(const char **list, size_t n, struct pl_arena *arena)
{
	struct pl_strbuf sb = PL_STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			pl_strbuf_addstr(&sb, ", ");
		pl_strbuf_addstr(&sb, list[i]);
	}
	char *s = pl_arena_strdup(arena, pl_strbuf_str(&sb));
	pl_strbuf_free(&sb);
	return s;
}

static int same_list(const char **a, size_t na, const char **b, size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return 1;
}

static void diff_field(struct changes *c, const struct pl_dfield *fa, const struct pl_dfield *fb)
{
	if (!same_str(fa->name, fb->name))
		add(c, PL_SC_FIELD_RENAMED, fb->id, fb->name, fa->name, fb->name);
	if (!pl_dtype_equal(fa->type, fb->type, 1))
		add(c, PL_SC_FIELD_RETYPED, fb->id, fb->name, type_text(fa->type, c->arena),
		    type_text(fb->type, c->arena));
	if (fa->type->nullable != fb->type->nullable)
		add(c, PL_SC_FIELD_NULLABILITY, fb->id, fb->name,
		    fa->type->nullable ? "NULL" : "NOT NULL", fb->type->nullable ? "NULL" : "NOT NULL");
	if (!same_str(fa->description, fb->description))
		add(c, PL_SC_FIELD_COMMENT, fb->id, fb->name, fa->description, fb->description);
	if (!same_str(fa->default_value, fb->default_value))
		add(c, PL_SC_FIELD_DEFAULT, fb->id, fb->name, fa->default_value, fb->default_value);
}

/* Field lookup by id in O(log n): schemas can have thousands of columns. */
struct id_index {
	int64_t id;
	size_t pos;
};

static int cmp_id(const void *a, const void *b)
{
	const struct id_index *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static struct id_index *index_fields(const struct pl_schema *s)
{
	struct id_index *idx = pl_reallocarray(NULL, s->nfields ? s->nfields : 1, sizeof(*idx));
	for (size_t i = 0; i < s->nfields; i++)
		idx[i] = (struct id_index){ s->fields[i].id, i };
	qsort(idx, s->nfields, sizeof(*idx), cmp_id);
	return idx;
}

/* Position of the field with this id, or -1. A duplicated id (corrupt)
 * matches one of them. */
static ptrdiff_t find(const struct id_index *idx, size_t n, int64_t id)
{
	struct id_index key = { id, 0 };
	const struct id_index *hit = bsearch(&key, idx, n, sizeof(*idx), cmp_id);
	return hit ? (ptrdiff_t)hit->pos : -1;
}

static int cmp_option(const void *a, const void *b)
{
	const struct pl_schema_option *const *x = a, *const *y = b;
	return strcmp((*x)->key, (*y)->key);
}

static const struct pl_schema_option **index_options(const struct pl_schema *s)
{
	const struct pl_schema_option **idx =
		pl_reallocarray(NULL, s->noptions ? s->noptions : 1, sizeof(*idx));
	for (size_t i = 0; i < s->noptions; i++)
		idx[i] = &s->options[i];
	qsort(idx, s->noptions, sizeof(*idx), cmp_option);
	return idx;
}

static const char *find_option(const struct pl_schema_option **idx, size_t n, const char *key)
{
	struct pl_schema_option k = { key, NULL, 0 };
	const struct pl_schema_option *kp = &k;
	const struct pl_schema_option *const *hit = bsearch(&kp, idx, n, sizeof(*idx), cmp_option);
	return hit ? (*hit)->value : NULL;
}

void pl_schema_diff(const struct pl_schema *a, const struct pl_schema *b, struct pl_arena *arena,
		    struct pl_schema_change **out, size_t *n)
{
	struct changes c = { .arena = arena };
	struct id_index *ia = index_fields(a), *ib = index_fields(b);
	for (size_t i = 0; i < b->nfields; i++) {
		const struct pl_dfield *fb = &b->fields[i];
		ptrdiff_t k = find(ia, a->nfields, fb->id);
		if (k >= 0)
			diff_field(&c, &a->fields[k], fb);
		else
			add(&c, PL_SC_FIELD_ADDED, fb->id, fb->name, NULL,
			    pl_dtype_to_string(fb->type, arena));
	}
	/* Moves: ranks among the columns both versions have, so adding or
	 * dropping a column does not make every later column "moved". */
	size_t *rank_a = pl_reallocarray(NULL, a->nfields ? a->nfields : 1, sizeof(*rank_a));
	size_t kept = 0;
	for (size_t i = 0; i < a->nfields; i++) {
		const struct pl_dfield *fa = &a->fields[i];
		rank_a[i] = kept;
		if (find(ib, b->nfields, fa->id) >= 0)
			kept++;
		else
			add(&c, PL_SC_FIELD_DROPPED, fa->id, fa->name,
			    pl_dtype_to_string(fa->type, arena), NULL);
	}
	kept = 0;
	for (size_t i = 0; i < b->nfields; i++) {
		const struct pl_dfield *fb = &b->fields[i];
		ptrdiff_t k = find(ia, a->nfields, fb->id);
		if (k < 0)
			continue;
		if (rank_a[k] != kept)
			add(&c, PL_SC_FIELD_MOVED, fb->id, fb->name,
			    pl_arena_printf(arena, "%zu", rank_a[k]),
			    pl_arena_printf(arena, "%zu", kept));
		kept++;
	}
	free(rank_a);
	free(ia);
	free(ib);

	const struct pl_schema_option **oa = index_options(a), **ob = index_options(b);
	for (size_t i = 0; i < b->noptions; i++) {
		const struct pl_schema_option *o = &b->options[i];
		const char *old = find_option(oa, a->noptions, o->key);
		if (!old)
			add(&c, PL_SC_OPTION_ADDED, -1, o->key, NULL, o->value);
		else if (strcmp(old, o->value) != 0)
			add(&c, PL_SC_OPTION_CHANGED, -1, o->key, old, o->value);
	}
	for (size_t i = 0; i < a->noptions; i++)
		if (!find_option(ob, b->noptions, a->options[i].key))
			add(&c, PL_SC_OPTION_REMOVED, -1, a->options[i].key, a->options[i].value,
			    NULL);
	free(oa);
	free(ob);

	if (!same_list(a->partition_keys, a->npartition_keys, b->partition_keys,
		       b->npartition_keys))
		add(&c, PL_SC_PARTITION_KEYS, -1, NULL,
		    join(a->partition_keys, a->npartition_keys, arena),
		    join(b->partition_keys, b->npartition_keys, arena));
	if (!same_list(a->primary_keys, a->nprimary_keys, b->primary_keys, b->nprimary_keys))
		add(&c, PL_SC_PRIMARY_KEYS, -1, NULL, join(a->primary_keys, a->nprimary_keys, arena),
		    join(b->primary_keys, b->nprimary_keys, arena));
	if (!same_list(a->bucket_keys, a->nbucket_keys, b->bucket_keys, b->nbucket_keys))
		add(&c, PL_SC_BUCKET_KEYS, -1, NULL, join(a->bucket_keys, a->nbucket_keys, arena),
		    join(b->bucket_keys, b->nbucket_keys, arena));
	if (!same_str(a->comment, b->comment))
		add(&c, PL_SC_TABLE_COMMENT, -1, NULL, a->comment, b->comment);
	*out = c.items;
	*n = c.n;
}

const char *pl_schema_change_kind_name(enum pl_schema_change_kind kind)
{
	switch (kind) {
	case PL_SC_FIELD_ADDED: return "column added";
	case PL_SC_FIELD_DROPPED: return "column dropped";
	case PL_SC_FIELD_RENAMED: return "column renamed";
	case PL_SC_FIELD_RETYPED: return "column type changed";
	case PL_SC_FIELD_NULLABILITY: return "column nullability changed";
	case PL_SC_FIELD_COMMENT: return "column comment changed";
	case PL_SC_FIELD_DEFAULT: return "column default changed";
	case PL_SC_FIELD_MOVED: return "column moved";
	case PL_SC_OPTION_ADDED: return "option added";
	case PL_SC_OPTION_REMOVED: return "option removed";
	case PL_SC_OPTION_CHANGED: return "option changed";
	case PL_SC_PARTITION_KEYS: return "partition keys changed";
	case PL_SC_PRIMARY_KEYS: return "primary keys changed";
	case PL_SC_BUCKET_KEYS: return "bucket keys changed";
	case PL_SC_TABLE_COMMENT: return "table comment changed";
	}
	return "changed";
}
