/* Data types from schema JSON and back to Java's asSQLString text. The
 * string grammar lives in types_parse.c. */
#include "paimon/types.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *pl_type_root_name(enum pl_type_root root)
{
	switch (root) {
	case PL_T_CHAR: return "CHAR";
	case PL_T_VARCHAR: return "VARCHAR";
	case PL_T_BOOLEAN: return "BOOLEAN";
	case PL_T_BINARY: return "BINARY";
	case PL_T_VARBINARY: return "VARBINARY";
	case PL_T_DECIMAL: return "DECIMAL";
	case PL_T_TINYINT: return "TINYINT";
	case PL_T_SMALLINT: return "SMALLINT";
	case PL_T_INTEGER: return "INTEGER";
	case PL_T_BIGINT: return "BIGINT";
	case PL_T_FLOAT: return "FLOAT";
	case PL_T_DOUBLE: return "DOUBLE";
	case PL_T_DATE: return "DATE";
	case PL_T_TIME: return "TIME_WITHOUT_TIME_ZONE";
	case PL_T_TIMESTAMP: return "TIMESTAMP_WITHOUT_TIME_ZONE";
	case PL_T_TIMESTAMP_LTZ: return "TIMESTAMP_WITH_LOCAL_TIME_ZONE";
	case PL_T_ARRAY: return "ARRAY";
	case PL_T_MULTISET: return "MULTISET";
	case PL_T_MAP: return "MAP";
	case PL_T_ROW: return "ROW";
	case PL_T_VARIANT: return "VARIANT";
	case PL_T_BLOB: return "BLOB";
	case PL_T_VECTOR: return "VECTOR";
	case PL_T_GEOMETRY: return "GEOMETRY";
	case PL_T_GEOGRAPHY: return "GEOGRAPHY";
	case PL_T_OPAQUE: return "UNKNOWN";
	}
	return "UNKNOWN";
}

/* ---- JSON ------------------------------------------------------------ */

struct json_ctx {
	struct pl_arena *arena;
	struct pl_error *err;
	int64_t *next_id;      /* NULL: every field must carry its "id" */
};

static int json_error(struct json_ctx *c, const struct pl_json *at, const char *what)
{
	return pl_err(c->err, PL_ERR_CORRUPT, "offset %llu: expected %s",
		      (unsigned long long)(at ? at->offset : 0), what);
}

static int type_from_json(struct json_ctx *c, const struct pl_json *j, struct pl_dtype **out);

static int field_from_json(struct json_ctx *c, const struct pl_json *j, struct pl_dfield *f)
{
	if (!j || j->kind != PL_JSON_OBJECT)
		return json_error(c, j, "a field object");
	memset(f, 0, sizeof(*f));
	int rc = pl_json_get_i64(j, "id", &f->id);
	if (rc < 0 || (rc == 1 && (f->id < INT32_MIN || f->id > INT32_MAX)))
		return json_error(c, pl_json_get(j, "id"), "an int field \"id\"");
	if (rc == 0) {
		if (!c->next_id)
			return json_error(c, j, "a field \"id\"");
		f->id = ++*c->next_id;
	}
	f->name = pl_json_get_str(j, "name");
	if (!f->name)
		return json_error(c, j, "a string field \"name\"");
	const struct pl_json *type = pl_json_get(j, "type");
	if (!type)
		return json_error(c, j, "a field \"type\"");
	if (type_from_json(c, type, &f->type) < 0)
		return -1;
	/* Java keeps these as text whatever their JSON type; a null stays
	 * absent. Non-string values are rare enough to show as absent. */
	f->description = pl_json_get_str(j, "description");
	f->default_value = pl_json_get_str(j, "defaultValue");
	return 0;
}

static struct pl_dtype *opaque(struct pl_arena *arena, const char *text, const char *why)
{
	struct pl_dtype *t = pl_arena_alloc(arena, sizeof(*t));
	t->root = PL_T_OPAQUE;
	size_t n = strlen(text);
	t->nullable = !(n >= 8 && strcmp(text + n - 8, "NOT NULL") == 0);
	t->raw = text;
	t->opaque_reason = pl_arena_strdup(arena, why);
	return t;
}

static int sub_from_json(struct json_ctx *c, const struct pl_json *obj, const char *key,
			 struct pl_dtype **out)
{
	const struct pl_json *v = pl_json_get(obj, key);
	if (!v) {
		char what[64];
		snprintf(what, sizeof(what), "a member \"%s\"", key);
		return json_error(c, obj, what);
	}
	return type_from_json(c, v, out);
}

static int type_from_json(struct json_ctx *c, const struct pl_json *j, struct pl_dtype **out)
{
	if (j->kind == PL_JSON_STRING) {
		struct pl_error perr;
		pl_err_clear(&perr);
		if (pl_dtype_parse(j->str, c->arena, out, &perr) < 0)
			*out = opaque(c->arena, j->str, perr.msg);
		return 0;
	}
	if (j->kind != PL_JSON_OBJECT)
		return json_error(c, j, "a type string or object");
	const char *name = pl_json_get_str(j, "type");
	if (!name)
		return json_error(c, j, "a string member \"type\"");
	struct pl_dtype *t = pl_arena_alloc(c->arena, sizeof(*t));
	*out = t;
	/* Java tests the prefixes in this order and looks for "NOT NULL"
	 * anywhere in the string. */
	t->nullable = strstr(name, "NOT NULL") == NULL;
	if (!strncmp(name, "ARRAY", 5)) {
		t->root = PL_T_ARRAY;
		return sub_from_json(c, j, "element", &t->element);
	}
	if (!strncmp(name, "VECTOR", 6)) {
		t->root = PL_T_VECTOR;
		if (pl_json_get_i64(j, "length", &t->length) != 1 || t->length < 1 ||
		    t->length > INT32_MAX)
			return json_error(c, j, "a vector \"length\" in [1, 2147483647]");
		return sub_from_json(c, j, "element", &t->element);
	}
	if (!strncmp(name, "MULTISET", 8)) {
		t->root = PL_T_MULTISET;
		return sub_from_json(c, j, "element", &t->element);
	}
	if (!strncmp(name, "MAP", 3)) {
		t->root = PL_T_MAP;
		if (sub_from_json(c, j, "key", &t->key) < 0)
			return -1;
		return sub_from_json(c, j, "value", &t->value);
	}
	if (!strncmp(name, "ROW", 3)) {
		t->root = PL_T_ROW;
		const struct pl_json *fields = pl_json_get(j, "fields");
		if (!fields || fields->kind != PL_JSON_ARRAY)
			return json_error(c, j, "an array member \"fields\"");
		t->nfields = fields->n;
		t->fields = pl_arena_alloc(c->arena, fields->n * sizeof(*t->fields));
		for (size_t i = 0; i < fields->n; i++)
			if (field_from_json(c, fields->items[i], &t->fields[i]) < 0)
				return -1;
		return 0;
	}
	/* A nested type from a newer writer: keep the schema readable. */
	*out = opaque(c->arena, name, "unknown nested type");
	return 0;
}

int pl_dtype_from_json(const struct pl_json *j, struct pl_arena *arena, struct pl_dtype **out,
		       struct pl_error *err)
{
	int64_t next_id = -1;
	struct json_ctx c = { arena, err, &next_id };
	*out = NULL;
	if (!j)
		return json_error(&c, j, "a type");
	return type_from_json(&c, j, out);
}

int pl_dfield_from_json(const struct pl_json *j, struct pl_arena *arena, struct pl_dfield *out,
			struct pl_error *err)
{
	struct json_ctx c = { arena, err, NULL };
	return field_from_json(&c, j, out);
}

/* ---- asSQLString ------------------------------------------------------- */

static void add_quoted(struct pl_strbuf *sb, const char *s, char quote)
{
	pl_strbuf_addch(sb, quote);
	for (; *s; s++) {
		if (*s == quote)
			pl_strbuf_addch(sb, quote);
		pl_strbuf_addch(sb, *s);
	}
	pl_strbuf_addch(sb, quote);
}

/* GeometryType.formatCrs: quoted when it could not be read back bare. */
static void add_crs(struct pl_strbuf *sb, const char *crs)
{
	int quote = crs[0] >= '0' && crs[0] <= '9';
	for (const char *p = crs; *p && !quote; p++)
		quote = strchr(" \t\n\v\f\r<>(),.'`", *p) != NULL ||
			(*p >= 0x1c && *p <= 0x1f);
	if (quote)
		add_quoted(sb, crs, '\'');
	else
		pl_strbuf_addstr(sb, crs);
}

static void type_sql(struct pl_strbuf *sb, const struct pl_dtype *t);

static void field_sql(struct pl_strbuf *sb, const struct pl_dfield *f)
{
	add_quoted(sb, f->name ? f->name : "", '`');
	pl_strbuf_addch(sb, ' ');
	type_sql(sb, f->type);
	if (f->description && f->description[0]) {
		pl_strbuf_addstr(sb, " COMMENT ");
		add_quoted(sb, f->description, '\'');
	}
	if (f->default_value) {
		pl_strbuf_addstr(sb, " DEFAULT ");
		pl_strbuf_addstr(sb, f->default_value);
	}
}

static void type_sql(struct pl_strbuf *sb, const struct pl_dtype *t)
{
	if (!t) {
		pl_strbuf_addstr(sb, "?");
		return;
	}
	switch (t->root) {
	case PL_T_CHAR:
		pl_strbuf_addf(sb, "CHAR(%lld)", (long long)t->length);
		break;
	case PL_T_VARCHAR:
		if (t->length == INT32_MAX)
			pl_strbuf_addstr(sb, "STRING");
		else
			pl_strbuf_addf(sb, "VARCHAR(%lld)", (long long)t->length);
		break;
	case PL_T_BINARY:
		pl_strbuf_addf(sb, "BINARY(%lld)", (long long)t->length);
		break;
	case PL_T_VARBINARY:
		if (t->length == INT32_MAX)
			pl_strbuf_addstr(sb, "BYTES");
		else
			pl_strbuf_addf(sb, "VARBINARY(%lld)", (long long)t->length);
		break;
	case PL_T_DECIMAL:
		pl_strbuf_addf(sb, "DECIMAL(%d, %d)", t->precision, t->scale);
		break;
	case PL_T_INTEGER:
		pl_strbuf_addstr(sb, "INT");
		break;
	case PL_T_BOOLEAN: case PL_T_TINYINT: case PL_T_SMALLINT: case PL_T_BIGINT:
	case PL_T_FLOAT: case PL_T_DOUBLE: case PL_T_DATE: case PL_T_VARIANT: case PL_T_BLOB:
		pl_strbuf_addstr(sb, pl_type_root_name(t->root));
		break;
	case PL_T_TIME:
		pl_strbuf_addf(sb, "TIME(%d)", t->precision);
		break;
	case PL_T_TIMESTAMP:
		pl_strbuf_addf(sb, "TIMESTAMP(%d)", t->precision);
		break;
	case PL_T_TIMESTAMP_LTZ:
		pl_strbuf_addf(sb, "TIMESTAMP(%d) WITH LOCAL TIME ZONE", t->precision);
		break;
	case PL_T_ARRAY:
	case PL_T_MULTISET:
		pl_strbuf_addstr(sb, t->root == PL_T_ARRAY ? "ARRAY<" : "MULTISET<");
		type_sql(sb, t->element);
		pl_strbuf_addch(sb, '>');
		break;
	case PL_T_VECTOR:
		pl_strbuf_addstr(sb, "VECTOR<");
		type_sql(sb, t->element);
		pl_strbuf_addf(sb, ", %lld>", (long long)t->length);
		break;
	case PL_T_MAP:
		pl_strbuf_addstr(sb, "MAP<");
		type_sql(sb, t->key);
		pl_strbuf_addstr(sb, ", ");
		type_sql(sb, t->value);
		pl_strbuf_addch(sb, '>');
		break;
	case PL_T_ROW:
		pl_strbuf_addstr(sb, "ROW<");
		for (size_t i = 0; i < t->nfields; i++) {
			if (i)
				pl_strbuf_addstr(sb, ", ");
			field_sql(sb, &t->fields[i]);
		}
		pl_strbuf_addch(sb, '>');
		break;
	case PL_T_GEOMETRY:
	case PL_T_GEOGRAPHY:
		pl_strbuf_addstr(sb, t->root == PL_T_GEOMETRY ? "GEOMETRY(" : "GEOGRAPHY(");
		add_crs(sb, t->crs ? t->crs : "OGC:CRS84");
		if (t->root == PL_T_GEOGRAPHY)
			pl_strbuf_addf(sb, ", %s", t->algorithm ? t->algorithm : "spherical");
		pl_strbuf_addch(sb, ')');
		break;
	case PL_T_OPAQUE:
		/* Already carries its own nullability text. */
		pl_strbuf_addstr(sb, t->raw ? t->raw : "?");
		return;
	}
	if (!t->nullable)
		pl_strbuf_addstr(sb, " NOT NULL");
}

char *pl_dtype_to_string(const struct pl_dtype *t, struct pl_arena *arena)
{
	struct pl_strbuf sb = PL_STRBUF_INIT;
	type_sql(&sb, t);
	char *s = pl_arena_strndup(arena, pl_strbuf_str(&sb), sb.len);
	pl_strbuf_free(&sb);
	return s;
}

int pl_dtype_equal(const struct pl_dtype *a, const struct pl_dtype *b, int ignore_nullable)
{
	if (!a || !b)
		return a == b;
	struct pl_dtype ca = *a, cb = *b;
	if (ignore_nullable && a->root != PL_T_OPAQUE && b->root != PL_T_OPAQUE)
		ca.nullable = cb.nullable = 1;
	/* The printed form covers every attribute but field ids, which is
	 * exactly the comparison wanted. */
	struct pl_strbuf sa = PL_STRBUF_INIT, sb = PL_STRBUF_INIT;
	type_sql(&sa, &ca);
	type_sql(&sb, &cb);
	int same = sa.len == sb.len && memcmp(pl_strbuf_str(&sa), pl_strbuf_str(&sb), sa.len) == 0;
	pl_strbuf_free(&sa);
	pl_strbuf_free(&sb);
	return same;
}

/* ---- serializeJson --------------------------------------------------- */

static void add_kind(struct pl_strbuf *sb, const char *kind, int nullable)
{
	pl_strbuf_addf(sb, "{\"type\":\"%s%s\"", kind, nullable ? "" : " NOT NULL");
}

void pl_dtype_to_json(struct pl_strbuf *sb, const struct pl_dtype *t)
{
	switch (t->root) {
	case PL_T_ARRAY:
	case PL_T_MULTISET:
	case PL_T_VECTOR:
		add_kind(sb, pl_type_root_name(t->root), t->nullable);
		pl_strbuf_addstr(sb, ",\"element\":");
		pl_dtype_to_json(sb, t->element);
		if (t->root == PL_T_VECTOR)
			pl_strbuf_addf(sb, ",\"length\":%lld", (long long)t->length);
		pl_strbuf_addch(sb, '}');
		return;
	case PL_T_MAP:
		add_kind(sb, "MAP", t->nullable);
		pl_strbuf_addstr(sb, ",\"key\":");
		pl_dtype_to_json(sb, t->key);
		pl_strbuf_addstr(sb, ",\"value\":");
		pl_dtype_to_json(sb, t->value);
		pl_strbuf_addch(sb, '}');
		return;
	case PL_T_ROW:
		add_kind(sb, "ROW", t->nullable);
		pl_strbuf_addstr(sb, ",\"fields\":[");
		for (size_t i = 0; i < t->nfields; i++) {
			if (i)
				pl_strbuf_addch(sb, ',');
			pl_dfield_to_json(sb, &t->fields[i]);
		}
		pl_strbuf_addstr(sb, "]}");
		return;
	default: {
		struct pl_strbuf text = PL_STRBUF_INIT;
		type_sql(&text, t);
		pl_json_add_string(sb, pl_strbuf_str(&text));
		pl_strbuf_free(&text);
	}
	}
}

void pl_dfield_to_json(struct pl_strbuf *sb, const struct pl_dfield *f)
{
	pl_strbuf_addf(sb, "{\"id\":%lld,\"name\":", (long long)f->id);
	pl_json_add_string(sb, f->name ? f->name : "");
	pl_strbuf_addstr(sb, ",\"type\":");
	pl_dtype_to_json(sb, f->type);
	if (f->description) {
		pl_strbuf_addstr(sb, ",\"description\":");
		pl_json_add_string(sb, f->description);
	}
	if (f->default_value) {
		pl_strbuf_addstr(sb, ",\"defaultValue\":");
		pl_json_add_string(sb, f->default_value);
	}
	pl_strbuf_addch(sb, '}');
}
