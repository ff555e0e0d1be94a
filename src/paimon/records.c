/* Container dispatch for manifest-type files. */
#include "paimon/records.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

/* A selected path resolved against the reader's type, for back ends that
 * cannot select: field indices from the root, -1 where the file has no
 * such field. */
struct picked_path {
	int *index;
	size_t depth;
};

struct pl_record_reader {
	enum pl_file_format format;
	void *impl;
	const struct pl_record_reader_ops *ops;
	struct picked_path *picked;
	size_t npicked;
};

enum pl_file_format pl_sniff_format(const uint8_t *data, size_t len)
{
	if (len >= 4 && memcmp(data, "Obj\x01", 4) == 0)
		return PL_FMT_AVRO;
	if (len >= 3 && memcmp(data, "ORC", 3) == 0)
		return PL_FMT_ORC;
	if (len >= 4 && memcmp(data, "PAR1", 4) == 0)
		return PL_FMT_PARQUET;
	return PL_FMT_UNKNOWN;
}

const char *pl_file_format_name(enum pl_file_format f)
{
	switch (f) {
	case PL_FMT_AVRO: return "avro";
	case PL_FMT_ORC: return "orc";
	case PL_FMT_PARQUET: return "parquet";
	case PL_FMT_UNKNOWN: break;
	}
	return "unknown";
}

int pl_record_reader_open(const uint8_t *data, size_t len, const char *name,
			  struct pl_record_reader **out, struct pl_error *err)
{
	enum pl_file_format f = pl_sniff_format(data, len);
	void *impl = NULL;
	const struct pl_record_reader_ops *ops = NULL;
	int rc;
	switch (f) {
	case PL_FMT_AVRO:
		rc = pl_avro_reader_open(data, len, name, &impl, &ops, err);
		break;
	case PL_FMT_ORC:
		rc = pl_orc_reader_open(data, len, name, &impl, &ops, err);
		break;
	case PL_FMT_PARQUET:
		return pl_err_corrupt(err, name, 0,
				      "Parquet manifests are not supported (expected Avro or ORC)");
	default:
		return pl_err_corrupt(err, name, 0,
				      "unknown file format: expected Avro (Obj\\x01) or ORC magic bytes");
	}
	if (rc)
		return rc;
	struct pl_record_reader *r = pl_calloc(1, sizeof(*r));
	r->format = f;
	r->impl = impl;
	r->ops = ops;
	*out = r;
	return 0;
}

const struct pl_rtype *pl_record_reader_type(const struct pl_record_reader *r)
{
	return r->ops->type(r->impl);
}

int pl_record_reader_next(struct pl_record_reader *r, const struct pl_value **row,
			  struct pl_error *err)
{
	return r->ops->next(r->impl, row, err);
}

void pl_record_reader_skip_fields(struct pl_record_reader *r, const struct pl_rtype *rtype,
				  uint64_t mask)
{
	if (r->ops->skip_fields)
		r->ops->skip_fields(r->impl, rtype, mask);
}

static void free_picked(struct pl_record_reader *r)
{
	for (size_t i = 0; i < r->npicked; i++)
		free(r->picked[i].index);
	free(r->picked);
	r->picked = NULL;
	r->npicked = 0;
}

static void resolve_path(const struct pl_rtype *t, const char *path, struct picked_path *out)
{
	size_t depth = 1;
	for (const char *p = path; *p; p++)
		depth += *p == '/';
	out->index = pl_calloc(depth, sizeof(*out->index));
	out->depth = depth;
	const char *p = path;
	for (size_t d = 0; d < depth; d++) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		out->index[d] = -1;
		for (size_t k = 0; t && t->kind == PL_VK_RECORD && k < t->nfields; k++)
			if (strlen(t->fields[k].name) == len && memcmp(t->fields[k].name, p, len) == 0)
				out->index[d] = (int)k;
		t = out->index[d] < 0 ? NULL : t->fields[out->index[d]].type;
		p = slash ? slash + 1 : p + len;
	}
}

int pl_record_reader_select(struct pl_record_reader *r, const char *const *paths, size_t n,
			    struct pl_error *err)
{
	if (r->ops->select)
		return r->ops->select(r->impl, paths, n, err);
	free_picked(r);
	r->picked = pl_calloc(n ? n : 1, sizeof(*r->picked));
	r->npicked = n;
	for (size_t i = 0; i < n; i++)
		resolve_path(pl_record_reader_type(r), paths[i], &r->picked[i]);
	return 0;
}

int pl_record_reader_next_selected(struct pl_record_reader *r, struct pl_value *vals,
				   struct pl_error *err)
{
	if (r->ops->next_selected)
		return r->ops->next_selected(r->impl, vals, err);
	const struct pl_value *row;
	int rc = pl_record_reader_next(r, &row, err);
	if (rc != 1)
		return rc;
	for (size_t i = 0; i < r->npicked; i++) {
		const struct pl_value *v = row;
		for (size_t d = 0; d < r->picked[i].depth && !pl_value_is_null(v); d++)
			v = pl_value_field_at(v, r->picked[i].index[d]);
		if (pl_value_is_null(v))
			vals[i].kind = PL_VK_NULL;
		else
			vals[i] = *v;
	}
	return 1;
}

enum pl_file_format pl_record_reader_format(const struct pl_record_reader *r)
{
	return r->format;
}

const char *pl_record_reader_codec(const struct pl_record_reader *r)
{
	const char *c = r->ops->codec ? r->ops->codec(r->impl) : NULL;
	return c ? c : "";
}

void pl_record_reader_close(struct pl_record_reader *r)
{
	if (!r)
		return;
	r->ops->close(r->impl);
	free_picked(r);
	free(r);
}
