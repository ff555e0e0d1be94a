/* Typed member access for the JSON metadata readers. */
#include "paimon/meta_json.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

static const char *kind_name(const struct pl_json *v)
{
	switch (v->kind) {
	case PL_JSON_NULL: return "null";
	case PL_JSON_BOOL: return "a boolean";
	case PL_JSON_NUMBER: return v->is_int ? "an integer" : "a non-integer number";
	case PL_JSON_STRING: return "a string";
	case PL_JSON_ARRAY: return "an array";
	case PL_JSON_OBJECT: return "an object";
	}
	return "?";
}

static int bad(struct pl_meta_doc *d, const struct pl_json *obj, const struct pl_json *v,
	       const char *key, const char *what)
{
	if (!v)
		return pl_err_corrupt(d->err, d->file, obj ? obj->offset : 0,
				      "expected %s \"%s\", the key is missing", what, key);
	return pl_err_corrupt(d->err, d->file, v->offset, "expected %s \"%s\", found %s", what,
			      key, kind_name(v));
}

int pl_meta_doc_parse(struct pl_meta_doc *d, const char *text, size_t len, const char *file,
		      struct pl_arena *arena, struct pl_error *err)
{
	struct pl_json *root;
	d->file = file;
	d->arena = arena;
	d->err = err;
	d->root = NULL;
	if (pl_json_parse(text, len, file, arena, &root, err))
		return -1;
	if (root->kind != PL_JSON_OBJECT)
		return pl_err_corrupt(err, file, root->offset, "expected a JSON object, found %s",
				      kind_name(root));
	d->root = root;
	return 0;
}

int pl_meta_req_i64(struct pl_meta_doc *d, const struct pl_json *obj, const char *key,
		    int64_t *out)
{
	const struct pl_json *v = pl_json_get(obj, key);
	if (!v || v->kind != PL_JSON_NUMBER || !v->is_int)
		return bad(d, obj, v, key, "an integer");
	*out = v->i;
	return 0;
}

int pl_meta_opt_i64(struct pl_meta_doc *d, const struct pl_json *obj, const char *key,
		    struct pl_opt_i64 *out)
{
	const struct pl_json *v = pl_json_get(obj, key);
	out->v = 0;
	out->present = 0;
	if (!v || v->kind == PL_JSON_NULL)
		return 0;
	if (v->kind != PL_JSON_NUMBER || !v->is_int)
		return bad(d, obj, v, key, "an optional integer");
	out->v = v->i;
	out->present = 1;
	return 0;
}

int pl_meta_req_str(struct pl_meta_doc *d, const struct pl_json *obj, const char *key,
		    const char **out)
{
	const struct pl_json *v = pl_json_get(obj, key);
	if (!v || v->kind != PL_JSON_STRING)
		return bad(d, obj, v, key, "a string");
	*out = v->str;
	return 0;
}

int pl_meta_opt_str(struct pl_meta_doc *d, const struct pl_json *obj, const char *key,
		    const char **out)
{
	const struct pl_json *v = pl_json_get(obj, key);
	*out = NULL;
	if (!v || v->kind == PL_JSON_NULL)
		return 0;
	if (v->kind != PL_JSON_STRING)
		return bad(d, obj, v, key, "an optional string");
	*out = v->str;
	return 0;
}

int pl_meta_opt_obj(struct pl_meta_doc *d, const struct pl_json *obj, const char *key,
		    const struct pl_json **out)
{
	const struct pl_json *v = pl_json_get(obj, key);
	*out = NULL;
	if (!v || v->kind == PL_JSON_NULL)
		return 0;
	if (v->kind != PL_JSON_OBJECT)
		return bad(d, obj, v, key, "an optional object");
	*out = v;
	return 0;
}

int pl_meta_read(struct pl_storage *st, const char *path, size_t cap, struct pl_buf *out,
		 char **shown, struct pl_error *err)
{
	*shown = pl_storage_display(st, path);
	return pl_storage_read(st, path, cap, out, err);
}

int pl_meta_list_prefixed(struct pl_storage *st, const char *dir, const char *prefix, int dirs,
			  struct pl_listing *out, struct pl_error *err)
{
	struct pl_error lerr;
	pl_err_clear(&lerr);
	if (pl_storage_list(st, dir, out, &lerr)) {
		pl_listing_free(out);
		if (lerr.code == PL_ERR_NOT_FOUND)
			return 0;
		if (err)
			*err = lerr;
		return -1;
	}
	size_t plen = strlen(prefix), k = 0;
	for (size_t i = 0; i < out->n; i++) {
		const struct pl_dirent *e = &out->items[i];
		if (e->name[0] == '.' || !e->is_dir != !dirs)
			continue;
		if (strncmp(e->name, prefix, plen) != 0)
			continue;
		out->items[k++] = *e;
	}
	out->n = k;
	return 0;
}
