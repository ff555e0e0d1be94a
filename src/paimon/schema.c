/* schema/schema-<id>: parsing, derived keys and loading. */
#include "paimon/schema.h"
#include "paimon/snapshot.h"   /* pl_versioned_list_ids */
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
	const char *file;
	struct pl_arena *arena;
	struct pl_error *err;
};

static int corrupt(struct ctx *c, const struct pl_json *at, const char *what)
{
	return pl_err_corrupt(c->err, c->file, at ? at->offset : 0, "expected %s", what);
}

static int get_int(struct ctx *c, const struct pl_json *doc, const char *key, int required,
		   int64_t min, int64_t max, int64_t *out, int *present)
{
	char what[96];
	int rc = pl_json_get_i64(doc, key, out);
	if (present)
		*present = rc == 1;
	if (rc == 0 && !required)
		return 0;
	if (rc == 1 && *out >= min && *out <= max)
		return 0;
	snprintf(what, sizeof(what), "%s integer \"%s\"", required ? "an" : "an optional", key);
	return corrupt(c, rc == 0 ? doc : pl_json_get(doc, key), what);
}

static int get_names(struct ctx *c, const struct pl_json *doc, const char *key,
		     const char ***out, size_t *n)
{
	char what[96];
	const struct pl_json *arr = pl_json_get(doc, key);
	snprintf(what, sizeof(what), "an array of strings \"%s\"", key);
	if (!arr || arr->kind != PL_JSON_ARRAY)
		return corrupt(c, arr ? arr : doc, what);
	*n = arr->n;
	*out = pl_arena_alloc(c->arena, arr->n * sizeof(**out));
	for (size_t i = 0; i < arr->n; i++) {
		if (arr->items[i]->kind != PL_JSON_STRING)
			return corrupt(c, arr->items[i], what);
		(*out)[i] = arr->items[i]->str;
	}
	return 0;
}

/* Java reads option values with asText(): numbers and booleans as their
 * text, null as "null". */
static const char *option_text(const struct pl_json *v)
{
	switch (v->kind) {
	case PL_JSON_STRING:
	case PL_JSON_NUMBER:
		return v->str;
	case PL_JSON_BOOL:
		return v->b ? "true" : "false";
	case PL_JSON_NULL:
		return "null";
	default:
		return "";
	}
}

static void add_option(struct pl_schema *s, size_t cap, const char *key, const char *value,
		       int injected)
{
	if (s->noptions < cap)
		s->options[s->noptions++] = (struct pl_schema_option){ key, value, injected };
}

struct key_index {
	const char *key;
	size_t i;
};

static int cmp_key_index(const void *a, const void *b)
{
	const struct key_index *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* A repeated key keeps its first place and its last value, as Java's
 * HashMap.put does with the value. Sorting keeps hostile files with many
 * options from costing quadratic time. */
static void dedupe_options(struct pl_schema *s)
{
	size_t n = s->noptions;
	if (n < 2)
		return;
	struct key_index *idx = pl_reallocarray(NULL, n, sizeof(*idx));
	for (size_t i = 0; i < n; i++)
		idx[i] = (struct key_index){ s->options[i].key, i };
	qsort(idx, n, sizeof(*idx), cmp_key_index);
	int any = 0;
	for (size_t i = 0; i + 1 < n;) {
		size_t j = i + 1;
		while (j < n && strcmp(idx[i].key, idx[j].key) == 0)
			j++;
		if (j - i > 1) {
			s->options[idx[i].i].value = s->options[idx[j - 1].i].value;
			for (size_t k = i + 1; k < j; k++)
				s->options[idx[k].i].key = NULL;
			any = 1;
		}
		i = j;
	}
	free(idx);
	if (!any)
		return;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (s->options[i].key)
			s->options[k++] = s->options[i];
	s->noptions = k;
}

static int get_options(struct ctx *c, const struct pl_json *doc, struct pl_schema *s)
{
	const struct pl_json *obj = pl_json_get(doc, "options");
	if (!obj || obj->kind != PL_JSON_OBJECT)
		return corrupt(c, obj ? obj : doc, "an object \"options\"");
	size_t cap = obj->n + 2;
	s->options = pl_arena_alloc(c->arena, cap * sizeof(*s->options));
	for (size_t i = 0; i < obj->n; i++) {
		if (obj->items[i]->kind == PL_JSON_ARRAY || obj->items[i]->kind == PL_JSON_OBJECT)
			return corrupt(c, obj->items[i], "a string option value");
		add_option(s, cap, obj->keys[i], option_text(obj->items[i]), 0);
	}
	dedupe_options(s);
	/* SchemaSerializer.deserialize: defaults changed in 0.8 and 0.9. */
	if (s->version <= 1 && !pl_schema_option(s, "bucket"))
		add_option(s, cap, "bucket", "1", 1);
	if (s->version <= 2 && !pl_schema_option(s, "file.format"))
		add_option(s, cap, "file.format", "orc", 1);
	return 0;
}

static int contains(const char **list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

static void derive_keys(struct pl_schema *s, struct pl_arena *arena)
{
	s->trimmed_primary_keys = pl_arena_alloc(arena, s->nprimary_keys * sizeof(char *));
	for (size_t i = 0; i < s->nprimary_keys; i++)
		if (!contains(s->partition_keys, s->npartition_keys, s->primary_keys[i]))
			s->trimmed_primary_keys[s->ntrimmed_primary_keys++] = s->primary_keys[i];

	const char *opt = pl_schema_option(s, "bucket-key");
	int blank = 1;
	for (const char *p = opt; p && *p && blank; p++)
		blank = strchr(" \t\n\v\f\r", *p) != NULL;
	if (blank) {
		s->bucket_keys = s->trimmed_primary_keys;
		s->nbucket_keys = s->ntrimmed_primary_keys;
		return;
	}
	/* String.split(","): inner empty parts stay, trailing ones go. */
	size_t parts = 1;
	for (const char *p = opt; *p; p++)
		parts += *p == ',';
	s->bucket_keys = pl_arena_alloc(arena, parts * sizeof(char *));
	for (const char *p = opt;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		s->bucket_keys[s->nbucket_keys++] = pl_arena_strndup(arena, p, len);
		if (!comma)
			break;
		p = comma + 1;
	}
	while (s->nbucket_keys > 0 && !s->bucket_keys[s->nbucket_keys - 1][0])
		s->nbucket_keys--;
}

int pl_schema_parse(const char *json, size_t len, const char *file, struct pl_arena *arena,
		    struct pl_schema **out, struct pl_error *err)
{
	struct ctx c = { file ? file : "(schema)", arena, err };
	struct pl_json *doc;
	*out = NULL;
	if (pl_json_parse(json, len, c.file, arena, &doc, err) < 0)
		return -1;
	if (doc->kind != PL_JSON_OBJECT)
		return corrupt(&c, doc, "a schema object");
	struct pl_schema *s = pl_arena_alloc(arena, sizeof(*s));
	int64_t v = 1;
	if (get_int(&c, doc, "version", 0, INT32_MIN, INT32_MAX, &v, &s->has_version) < 0 ||
	    get_int(&c, doc, "id", 1, INT32_MIN, INT32_MAX, &s->id, NULL) < 0 ||
	    get_int(&c, doc, "highestFieldId", 1, INT32_MIN, INT32_MAX, &s->highest_field_id,
		    NULL) < 0 ||
	    get_int(&c, doc, "timeMillis", 0, INT64_MIN, INT64_MAX, &s->time_millis,
		    &s->has_time_millis) < 0)
		return -1;
	s->version = (int)v;

	const struct pl_json *fields = pl_json_get(doc, "fields");
	if (!fields || fields->kind != PL_JSON_ARRAY)
		return corrupt(&c, fields ? fields : doc, "an array \"fields\"");
	s->nfields = fields->n;
	s->fields = pl_arena_alloc(arena, fields->n * sizeof(*s->fields));
	for (size_t i = 0; i < fields->n; i++) {
		if (pl_dfield_from_json(fields->items[i], arena, &s->fields[i], err) < 0)
			return pl_err_prefix(err, "%s: field %zu", c.file, i);
	}
	if (get_names(&c, doc, "partitionKeys", &s->partition_keys, &s->npartition_keys) < 0 ||
	    get_names(&c, doc, "primaryKeys", &s->primary_keys, &s->nprimary_keys) < 0 ||
	    get_options(&c, doc, s) < 0)
		return -1;
	const struct pl_json *comment = pl_json_get(doc, "comment");
	if (comment && comment->kind != PL_JSON_NULL) {
		if (comment->kind != PL_JSON_STRING)
			return corrupt(&c, comment, "a string \"comment\"");
		s->comment = comment->str;
	}
	derive_keys(s, arena);
	*out = s;
	return 0;
}

const char *pl_schema_option(const struct pl_schema *s, const char *key)
{
	for (size_t i = 0; i < s->noptions; i++)
		if (strcmp(s->options[i].key, key) == 0)
			return s->options[i].value;
	return NULL;
}

const struct pl_dfield *pl_schema_field_by_id(const struct pl_schema *s, int64_t id)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (s->fields[i].id == id)
			return &s->fields[i];
	return NULL;
}

const struct pl_dfield *pl_schema_field_by_name(const struct pl_schema *s, const char *name)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (strcmp(s->fields[i].name, name) == 0)
			return &s->fields[i];
	return NULL;
}

int pl_schema_is_primary_key_table(const struct pl_schema *s)
{
	return s->nprimary_keys > 0;
}

/* ---- storage ------------------------------------------------------------ */

int64_t pl_versioned_name_id(const char *name, const char *prefix, int *ok)
{
	size_t plen = strlen(prefix);
	*ok = 0;
	if (strncmp(name, prefix, plen) != 0)
		return -1;
	/* Long.parseLong: optional sign, at least one digit, in range. */
	const char *p = name + plen;
	int neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	if (!*p)
		return -1;
	int64_t acc = 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		int d = *p - '0';
		if (acc < (INT64_MIN + d) / 10)
			return -1;
		acc = acc * 10 - d;
	}
	if (!neg && acc == INT64_MIN)
		return -1;
	*ok = 1;
	return neg ? acc : -acc;
}

int pl_schema_list_ids(struct pl_storage *st, const char *table_path, int64_t **ids,
		       size_t *n, struct pl_error *err)
{
	char *dir = pl_path_join_dup(table_path, "schema");
	int rc = pl_versioned_list_ids(st, dir, "schema-", ids, n, err);
	free(dir);
	return rc;
}

int pl_schema_load(struct pl_storage *st, const char *table_path, int64_t id,
		   struct pl_arena *arena, struct pl_schema **out, struct pl_error *err)
{
	char name[48];
	snprintf(name, sizeof(name), "schema-%lld", (long long)id);
	char *dir = pl_path_join_dup(table_path, "schema");
	char *path = pl_path_join_dup(dir, name);
	free(dir);
	struct pl_buf buf;
	*out = NULL;
	int rc = pl_storage_read(st, path, PL_SCHEMA_READ_CAP, &buf, err);
	if (rc == 0) {
		char *shown = pl_storage_display(st, path);
		rc = pl_schema_parse((const char *)buf.data, buf.len, shown, arena, out, err);
		free(shown);
		pl_buf_free(&buf);
	}
	free(path);
	return rc;
}

int pl_schema_load_latest(struct pl_storage *st, const char *table_path,
			  struct pl_arena *arena, struct pl_schema **out, struct pl_error *err)
{
	int64_t *ids;
	size_t n;
	*out = NULL;
	if (pl_schema_list_ids(st, table_path, &ids, &n, err) < 0)
		return -1;
	if (n == 0) {
		free(ids);
		return pl_err(err, PL_ERR_NOT_FOUND, "%s: no schema files", table_path);
	}
	int64_t latest = ids[n - 1];
	free(ids);
	return pl_schema_load(st, table_path, latest, arena, out, err);
}
