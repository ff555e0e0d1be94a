/* Paimon's logical data types (org.apache.paimon.types), parsed from schema
 * JSON (both the type-string form "DECIMAL(10, 2) NOT NULL" and the object
 * forms for ROW/ARRAY/MAP/MULTISET/VECTOR), printed back the way Java's
 * DataType.asSQLString does. */
#ifndef PL_PAIMON_TYPES_H
#define PL_PAIMON_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/err.h"
#include "util/json.h"

enum pl_type_root {
	PL_T_CHAR,
	PL_T_VARCHAR,          /* STRING is VARCHAR(2147483647) */
	PL_T_BOOLEAN,
	PL_T_BINARY,
	PL_T_VARBINARY,        /* BYTES is VARBINARY(2147483647) */
	PL_T_DECIMAL,
	PL_T_TINYINT,
	PL_T_SMALLINT,
	PL_T_INTEGER,
	PL_T_BIGINT,
	PL_T_FLOAT,
	PL_T_DOUBLE,
	PL_T_DATE,
	PL_T_TIME,
	PL_T_TIMESTAMP,        /* TIMESTAMP WITHOUT TIME ZONE */
	PL_T_TIMESTAMP_LTZ,    /* TIMESTAMP WITH LOCAL TIME ZONE */
	PL_T_ARRAY,
	PL_T_MULTISET,
	PL_T_MAP,
	PL_T_ROW,
	PL_T_VARIANT,
	PL_T_BLOB,
	PL_T_VECTOR,
};

struct pl_dfield;

struct pl_dtype {
	enum pl_type_root root;
	int nullable;
	int64_t length;        /* CHAR/VARCHAR/BINARY/VARBINARY; VECTOR dimension */
	int precision;         /* DECIMAL, TIME, TIMESTAMP(_LTZ) */
	int scale;             /* DECIMAL */
	struct pl_dtype *element;  /* ARRAY, MULTISET, VECTOR */
	struct pl_dtype *key;      /* MAP */
	struct pl_dtype *value;    /* MAP */
	size_t nfields;            /* ROW */
	struct pl_dfield *fields;  /* ROW */
};

struct pl_dfield {
	int64_t id;
	const char *name;
	struct pl_dtype *type;
	const char *description;   /* NULL when absent */
	const char *default_value; /* NULL when absent */
};

/* "INT NOT NULL", "DECIMAL(38, 18)", "TIMESTAMP(6) WITH LOCAL TIME ZONE",
 * "ARRAY<STRING>", "ROW<`a` INT, `b` STRING 'comment'>"... */
int pl_dtype_parse(const char *text, struct pl_arena *arena, struct pl_dtype **out,
		   struct pl_error *err);
/* The "type" member of a DataField: a string or an object. */
int pl_dtype_from_json(const struct pl_json *j, struct pl_arena *arena, struct pl_dtype **out,
		       struct pl_error *err);
/* Java's asSQLString(): "INT NOT NULL", "VARCHAR(10)", "STRING", "ROW<`a` INT>". */
char *pl_dtype_to_string(const struct pl_dtype *t, struct pl_arena *arena);
const char *pl_type_root_name(enum pl_type_root root);

#endif
