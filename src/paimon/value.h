/* The decoded form of one record of a manifest-type file, shared by the Avro
 * and ORC readers so that everything above them reads fields by name and
 * does not care which container a table chose (manifest.format).
 *
 * Strings and bytes point into the reader's decompressed buffers and are NOT
 * NUL-terminated; they stay valid until the next pl_record_reader_next call
 * (copy what you keep). */
#ifndef PL_PAIMON_VALUE_H
#define PL_PAIMON_VALUE_H

#include <stddef.h>
#include <stdint.h>

enum pl_vkind {
	PL_VK_NULL = 0,
	PL_VK_BOOL,
	PL_VK_INT,          /* Avro int/long, ORC tinyint..bigint: always int64 */
	PL_VK_FLOAT,        /* stored as double */
	PL_VK_DOUBLE,
	PL_VK_STRING,
	PL_VK_BYTES,
	PL_VK_ARRAY,
	PL_VK_MAP,          /* items alternate key, value; n counts items (2 per entry) */
	PL_VK_RECORD,
	PL_VK_TIMESTAMP_MS, /* Avro timestamp-millis, ORC timestamp: wall-clock millis */
};

struct pl_rtype;

struct pl_rfield {
	const char *name;
	const struct pl_rtype *type;
};

/* The file's own (writer) type tree. Record fields are in file order. */
struct pl_rtype {
	enum pl_vkind kind;       /* never PL_VK_NULL except for a bare "null" type */
	int nullable;             /* union with null (Avro) or any ORC column */
	const struct pl_rtype *items;   /* ARRAY element, MAP value */
	const struct pl_rtype *keys;    /* MAP key */
	size_t nfields;                 /* RECORD */
	const struct pl_rfield *fields; /* RECORD */
	const char *logical;            /* Avro logicalType, or NULL */
};

struct pl_value {
	enum pl_vkind kind;       /* PL_VK_NULL for a null value of any type */
	union {
		int b;
		int64_t i;            /* INT, TIMESTAMP_MS */
		double d;             /* FLOAT, DOUBLE */
		struct {
			const uint8_t *p;
			size_t n;
		} bytes;              /* STRING, BYTES */
		struct {
			const struct pl_value *items;
			size_t n;
		} array;              /* ARRAY, MAP */
		struct {
			const struct pl_rtype *type;
			const struct pl_value *fields; /* type->nfields values */
		} record;
	} u;
};

/* Index of a field in a record type, or -1. */
int pl_rtype_field_index(const struct pl_rtype *rec, const char *name);
/* Field of a record value by name; NULL when the value is not a record or the
 * file has no such field (callers treat both as null, per Paimon's rule that
 * fields were only ever appended as nullable). */
const struct pl_value *pl_value_field(const struct pl_value *rec, const char *name);
/* Field by index resolved once with pl_rtype_field_index; idx < 0 -> NULL.
 * Inline: decoders call it for every field of every record. */
static inline const struct pl_value *pl_value_field_at(const struct pl_value *rec, int idx)
{
	if (!rec || rec->kind != PL_VK_RECORD || idx < 0 ||
	    (size_t)idx >= rec->u.record.type->nfields)
		return NULL;
	return &rec->u.record.fields[idx];
}

/* A NULL pointer counts as null. */
static inline int pl_value_is_null(const struct pl_value *v)
{
	return !v || v->kind == PL_VK_NULL;
}
const char *pl_vkind_name(enum pl_vkind k);

#endif
