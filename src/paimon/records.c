/* Container dispatch for manifest-type files. */
#include "paimon/records.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

struct pl_record_reader {
	enum pl_file_format format;
	void *impl;
	const struct pl_record_reader_ops *ops;
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
	free(r);
}
