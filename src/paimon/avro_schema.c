/* Avro writer schema (JSON) -> decode plan + pl_rtype tree. The schema comes
 * from the file, so it is untrusted: depth, names and sizes are checked and
 * every failure names the JSON offset inside the file. */
#include "paimon/avro_schema.h"
#include "util/alloc.h"
#include "util/json.h"
#include "util/sanitize.h"

#include <stdlib.h>
#include <string.h>

struct named_type {
	const char *fullname;
	struct avro_node *node;
};

struct compiler {
	const char *file;
	uint64_t base;                  /* file offset of the JSON text */
	struct pl_arena *arena;
	struct pl_error *err;
	struct named_type *names;
	size_t nnames, names_cap;
	/* Unions typed after a record that was still being compiled (a
	 * recursive reference): their rtype copies are redone at the end. */
	struct avro_node **unions;
	size_t nunions, unions_cap;
};

static const struct pl_rtype string_rtype = { .kind = PL_VK_STRING };

static int fail(struct compiler *c, const struct pl_json *at, const char *what, const char *detail)
{
	/* detail is a name from the file: escape it for the terminal. */
	const char *shown = detail ? pl_sanitize(c->arena, detail, strlen(detail)) : NULL;
	return pl_err_corrupt(c->err, c->file, c->base + (at ? at->offset : 0),
			      "avro.schema: %s%s%s", what, shown ? ": " : "", shown ? shown : "");
}

static enum pl_vkind kind_of(enum avro_op op)
{
	switch (op) {
	case AVRO_NULL: return PL_VK_NULL;
	case AVRO_BOOLEAN: return PL_VK_BOOL;
	case AVRO_INT: return PL_VK_INT;
	case AVRO_FLOAT: return PL_VK_FLOAT;
	case AVRO_DOUBLE: return PL_VK_DOUBLE;
	case AVRO_STRING: case AVRO_ENUM: return PL_VK_STRING;
	case AVRO_BYTES: case AVRO_FIXED: return PL_VK_BYTES;
	case AVRO_TIMESTAMP: return PL_VK_TIMESTAMP_MS;
	case AVRO_ARRAY: return PL_VK_ARRAY;
	case AVRO_MAP: return PL_VK_MAP;
	case AVRO_RECORD: return PL_VK_RECORD;
	case AVRO_UNION: break;
	}
	return PL_VK_NULL;
}

static size_t min_size_of(enum avro_op op)
{
	switch (op) {
	case AVRO_NULL: return 0;
	case AVRO_FLOAT: return 4;
	case AVRO_DOUBLE: return 8;
	default: return 1;
	}
}

static struct avro_node *new_node(struct compiler *c, enum avro_op op, const char *logical)
{
	struct avro_node *n = pl_arena_alloc(c->arena, sizeof(*n));
	struct pl_rtype *t = pl_arena_alloc(c->arena, sizeof(*t));
	n->op = op;
	n->min_size = min_size_of(op);
	t->kind = kind_of(op);
	t->logical = logical;
	n->rtype = t;
	return n;
}

static int primitive_op(const char *name, enum avro_op *op)
{
	static const struct { const char *name; enum avro_op op; } prims[] = {
		{ "null", AVRO_NULL }, { "boolean", AVRO_BOOLEAN }, { "int", AVRO_INT },
		{ "long", AVRO_INT }, { "float", AVRO_FLOAT }, { "double", AVRO_DOUBLE },
		{ "bytes", AVRO_BYTES }, { "string", AVRO_STRING },
	};
	for (size_t i = 0; i < sizeof(prims) / sizeof(prims[0]); i++)
		if (strcmp(name, prims[i].name) == 0) {
			*op = prims[i].op;
			return 1;
		}
	return 0;
}

/* "a.b.C" stays as is; "C" in namespace "a.b" becomes "a.b.C". */
static const char *full_name(struct compiler *c, const char *name, const char *ns)
{
	if (strchr(name, '.') || !ns || !*ns)
		return name;
	return pl_arena_printf(c->arena, "%s.%s", ns, name);
}

static struct avro_node *find_named(struct compiler *c, const char *name, const char *ns)
{
	const char *full = full_name(c, name, ns);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < c->nnames; i++)
			if (strcmp(c->names[i].fullname, full) == 0)
				return c->names[i].node;
		full = name;    /* then the bare name, as lenient readers do */
	}
	return NULL;
}

static int define_named(struct compiler *c, const struct pl_json *at, const char *fullname,
			struct avro_node *node)
{
	for (size_t i = 0; i < c->nnames; i++)
		if (strcmp(c->names[i].fullname, fullname) == 0)
			return fail(c, at, "type defined twice", fullname);
	PL_GROW(c->names, c->names_cap, c->nnames + 1);
	c->names[c->nnames].fullname = fullname;
	c->names[c->nnames].node = node;
	c->nnames++;
	node->fullname = fullname;
	return 0;
}

static int compile(struct compiler *c, const struct pl_json *j, const char *ns, int depth,
		   const struct avro_node **out);

/* Namespace of a named type: from a dotted name, else its "namespace"
 * attribute, else the enclosing one. */
static const char *own_namespace(struct compiler *c, const struct pl_json *j, const char *name,
				 const char *ns)
{
	const char *dot = strrchr(name, '.');
	if (dot)
		return pl_arena_strndup(c->arena, name, (size_t)(dot - name));
	const struct pl_json *nsj = pl_json_get(j, "namespace");
	if (nsj && nsj->kind == PL_JSON_STRING)
		return nsj->str;
	return ns;
}

static int compile_record(struct compiler *c, const struct pl_json *j, const char *ns, int depth,
			  const struct avro_node **out)
{
	const char *name = pl_json_get_str(j, "name");
	if (!name || !*name)
		return fail(c, j, "record without a name", NULL);
	const char *rec_ns = own_namespace(c, j, name, ns);
	struct avro_node *n = new_node(c, AVRO_RECORD, NULL);
	/* Registered before its fields so that they may refer to it. */
	if (define_named(c, j, full_name(c, name, rec_ns), n))
		return -1;
	const struct pl_json *fields = pl_json_get(j, "fields");
	if (!fields || fields->kind != PL_JSON_ARRAY)
		return fail(c, j, "expected a \"fields\" array in record", name);
	struct pl_rfield *rf = pl_arena_alloc(c->arena, (fields->n ? fields->n : 1) * sizeof(*rf));
	const struct avro_node **kids =
		pl_arena_alloc(c->arena, (fields->n ? fields->n : 1) * sizeof(*kids));
	size_t min = 0;
	for (size_t i = 0; i < fields->n; i++) {
		const struct pl_json *f = fields->items[i];
		const char *fname = pl_json_get_str(f, "name");
		const struct pl_json *ftype = pl_json_get(f, "type");
		if (!fname || !ftype)
			return fail(c, f, "expected a field with \"name\" and \"type\" in record", name);
		if (compile(c, ftype, rec_ns, depth + 1, &kids[i]))
			return -1;
		rf[i].name = fname;
		rf[i].type = kids[i]->rtype;
		min = min + kids[i]->min_size < min ? SIZE_MAX : min + kids[i]->min_size;
	}
	struct pl_rtype *t = (struct pl_rtype *)n->rtype;
	t->nfields = fields->n;
	t->fields = rf;
	n->children = kids;
	n->nchildren = fields->n;
	n->min_size = min;
	*out = n;
	return 0;
}

static int compile_enum(struct compiler *c, const struct pl_json *j, const char *ns,
			const struct avro_node **out)
{
	const char *name = pl_json_get_str(j, "name");
	const struct pl_json *syms = pl_json_get(j, "symbols");
	if (!name || !*name)
		return fail(c, j, "enum without a name", NULL);
	if (!syms || syms->kind != PL_JSON_ARRAY)
		return fail(c, j, "expected a \"symbols\" array in enum", name);
	struct avro_node *n = new_node(c, AVRO_ENUM, NULL);
	if (define_named(c, j, full_name(c, name, own_namespace(c, j, name, ns)), n))
		return -1;
	n->nsymbols = syms->n;
	n->symbols = pl_arena_alloc(c->arena, (syms->n ? syms->n : 1) * sizeof(*n->symbols));
	n->symbol_lens = pl_arena_alloc(c->arena, (syms->n ? syms->n : 1) * sizeof(size_t));
	for (size_t i = 0; i < syms->n; i++) {
		if (syms->items[i]->kind != PL_JSON_STRING)
			return fail(c, syms->items[i], "expected a string enum symbol", name);
		n->symbols[i] = syms->items[i]->str;
		n->symbol_lens[i] = syms->items[i]->len;
	}
	*out = n;
	return 0;
}

static int compile_fixed(struct compiler *c, const struct pl_json *j, const char *ns,
			 const char *logical, const struct avro_node **out)
{
	const char *name = pl_json_get_str(j, "name");
	int64_t size = 0;
	if (!name || !*name)
		return fail(c, j, "fixed without a name", NULL);
	if (pl_json_get_i64(j, "size", &size) != 1 || size < 0 || size > (1 << 30))
		return fail(c, j, "expected a \"size\" between 0 and 2^30 in fixed", name);
	struct avro_node *n = new_node(c, AVRO_FIXED, logical);
	if (define_named(c, j, full_name(c, name, own_namespace(c, j, name, ns)), n))
		return -1;
	n->fixed_size = (size_t)size;
	n->min_size = (size_t)size;
	*out = n;
	return 0;
}

static int compile_container(struct compiler *c, const struct pl_json *j, const char *ns,
			     int depth, int is_map, const struct avro_node **out)
{
	const struct pl_json *inner = pl_json_get(j, is_map ? "values" : "items");
	if (!inner)
		return fail(c, j, is_map ? "expected \"values\" in map" : "expected \"items\" in array",
			    NULL);
	const struct avro_node *item;
	if (compile(c, inner, ns, depth + 1, &item))
		return -1;
	struct avro_node *n = new_node(c, is_map ? AVRO_MAP : AVRO_ARRAY, NULL);
	struct pl_rtype *t = (struct pl_rtype *)n->rtype;
	t->items = item->rtype;
	if (is_map)
		t->keys = &string_rtype;
	n->items = item;
	*out = n;
	return 0;
}

/* A primitive, possibly with a logical type. Timestamps become millis; all
 * other logical types keep their primitive's value and only label it. */
static const struct avro_node *primitive(struct compiler *c, enum avro_op op, const char *logical)
{
	if (op == AVRO_INT && logical) {
		static const struct { const char *name; int64_t div; } ts[] = {
			{ "timestamp-millis", 1 }, { "local-timestamp-millis", 1 },
			{ "timestamp-micros", 1000 }, { "local-timestamp-micros", 1000 },
			{ "timestamp-nanos", 1000000 }, { "local-timestamp-nanos", 1000000 },
		};
		for (size_t i = 0; i < sizeof(ts) / sizeof(ts[0]); i++)
			if (strcmp(logical, ts[i].name) == 0) {
				struct avro_node *n = new_node(c, AVRO_TIMESTAMP, logical);
				n->ts_divisor = ts[i].div;
				return n;
			}
	}
	return new_node(c, op, logical);
}

/* The rtype of a union: for null + T it is T marked nullable. Unions of
 * several non-null types have no pl_rtype of their own; they are typed as
 * their first non-null branch and each value carries its own kind. */
static void type_union(struct avro_node *n)
{
	const struct avro_node *first = NULL;
	int has_null = 0;
	for (size_t i = 0; i < n->nchildren; i++) {
		if (n->children[i]->op == AVRO_NULL)
			has_null = 1;
		else if (!first)
			first = n->children[i];
	}
	struct pl_rtype *t = (struct pl_rtype *)n->rtype;
	if (first)
		*t = *first->rtype;
	else
		t->kind = PL_VK_NULL;
	t->nullable = has_null;
}

static int compile_union(struct compiler *c, const struct pl_json *j, const char *ns, int depth,
			 const struct avro_node **out)
{
	if (j->n == 0)
		return fail(c, j, "empty union", NULL);
	struct avro_node *n = new_node(c, AVRO_UNION, NULL);
	const struct avro_node **kids = pl_arena_alloc(c->arena, j->n * sizeof(*kids));
	for (size_t i = 0; i < j->n; i++)
		if (compile(c, j->items[i], ns, depth + 1, &kids[i]))
			return -1;
	n->children = kids;
	n->nchildren = j->n;
	type_union(n);
	PL_GROW(c->unions, c->unions_cap, c->nunions + 1);
	c->unions[c->nunions++] = n;
	*out = n;
	return 0;
}

static int compile_object(struct compiler *c, const struct pl_json *j, const char *ns, int depth,
			  const struct avro_node **out)
{
	const struct pl_json *type = pl_json_get(j, "type");
	if (!type)
		return fail(c, j, "expected a \"type\" attribute", NULL);
	if (type->kind != PL_JSON_STRING)   /* {"type": {...}} or {"type": [...]} */
		return compile(c, type, ns, depth + 1, out);
	const char *tn = type->str;
	const char *logical = pl_json_get_str(j, "logicalType");
	enum avro_op op;
	if (strcmp(tn, "record") == 0 || strcmp(tn, "error") == 0)
		return compile_record(c, j, ns, depth, out);
	if (strcmp(tn, "enum") == 0)
		return compile_enum(c, j, ns, out);
	if (strcmp(tn, "fixed") == 0)
		return compile_fixed(c, j, ns, logical, out);
	if (strcmp(tn, "array") == 0)
		return compile_container(c, j, ns, depth, 0, out);
	if (strcmp(tn, "map") == 0)
		return compile_container(c, j, ns, depth, 1, out);
	if (primitive_op(tn, &op)) {
		*out = primitive(c, op, logical);
		return 0;
	}
	return compile(c, type, ns, depth + 1, out);    /* {"type":"SomeName"} */
}

static int compile(struct compiler *c, const struct pl_json *j, const char *ns, int depth,
		   const struct avro_node **out)
{
	if (depth > AVRO_MAX_DEPTH)
		return fail(c, j, "nested deeper than 64 levels", NULL);
	enum avro_op op;
	switch (j->kind) {
	case PL_JSON_STRING:
		if (primitive_op(j->str, &op)) {
			*out = primitive(c, op, NULL);
			return 0;
		}
		*out = find_named(c, j->str, ns);
		if (!*out)
			return fail(c, j, "unknown type name", j->str);
		return 0;
	case PL_JSON_ARRAY:
		return compile_union(c, j, ns, depth, out);
	case PL_JSON_OBJECT:
		return compile_object(c, j, ns, depth, out);
	default:
		return fail(c, j, "expected a type name, object or union", NULL);
	}
}

int avro_schema_compile(const char *json, size_t len, const char *file, uint64_t json_offset,
			struct pl_arena *arena, const struct avro_node **out,
			struct pl_error *err)
{
	struct pl_json *root;
	/* JSON errors count offsets from the start of the schema text. */
	const char *label = pl_arena_printf(arena, "%s (avro.schema at byte %llu)",
					    file ? file : "(input)",
					    (unsigned long long)json_offset);
	if (pl_json_parse(json, len, label, arena, &root, err))
		return -1;
	struct compiler c = {
		.file = file, .base = json_offset, .arena = arena, .err = err,
	};
	int rc = compile(&c, root, NULL, 0, out);
	for (size_t i = 0; rc == 0 && i < c.nunions; i++)
		type_union(c.unions[i]);
	free(c.names);
	free(c.unions);
	return rc;
}
