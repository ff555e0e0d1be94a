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
	PL_T_GEOMETRY,         /* master (2.1): crs */
	PL_T_GEOGRAPHY,        /* master (2.1): crs, algorithm */
	PL_T_OPAQUE,           /* a type string we cannot parse: shown as raw */
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
	const char *crs;           /* GEOMETRY, GEOGRAPHY */
	const char *algorithm;     /* GEOGRAPHY, lower case ("spherical") */
	const char *raw;           /* OPAQUE: the text as written */
	const char *opaque_reason; /* OPAQUE: why it did not parse */
};

/* Nesting limit for type strings (JSON types are bounded by the JSON
 * reader's own depth limit). */
#define PL_TYPE_MAX_DEPTH 128

struct pl_dfield {
	int64_t id;
	const char *name;
	struct pl_dtype *type;
	const char *description;   /* NULL when absent */
	const char *default_value; /* NULL when absent */
};

/* Accepts everything Java's DataTypeJsonParser accepts (aliases, defaults,
 * suffix "INT ARRAY") plus the nested forms asSQLString prints, so every
 * pl_dtype_to_string result parses back:
 * "INT NOT NULL", "DECIMAL(38, 18)", "TIMESTAMP(6) WITH LOCAL TIME ZONE",
 * "ARRAY<STRING>", "ROW<`a` INT, `b` STRING 'comment'>"... */
int pl_dtype_parse(const char *text, struct pl_arena *arena, struct pl_dtype **out,
		   struct pl_error *err);
/* The "type" member of a DataField: a string or an object. A string that
 * does not parse becomes PL_T_OPAQUE (one odd column must not hide a whole
 * schema); malformed objects are errors ("offset N: expected ..."). Fields
 * of nested ROWs without "id" are numbered from 0 as Java does. */
int pl_dtype_from_json(const struct pl_json *j, struct pl_arena *arena, struct pl_dtype **out,
		       struct pl_error *err);
/* One DataField object: "id" (required), "name", "type", "description",
 * "defaultValue". */
int pl_dfield_from_json(const struct pl_json *j, struct pl_arena *arena, struct pl_dfield *out,
			struct pl_error *err);
/* Java's asSQLString(): "INT NOT NULL", "VARCHAR(10)", "STRING", "ROW<`a` INT>".
 * ROW fields print as Java 1.2+ does: "`a` INT COMMENT 'c' DEFAULT 1". */
char *pl_dtype_to_string(const struct pl_dtype *t, struct pl_arena *arena);
struct pl_strbuf;
/* Java's serializeJson in Jackson's compact form, as the $schemas system
 * table shows it: atomic types as strings, nested ones as objects,
 * {"id":0,"name":"f0","type":"STRING NOT NULL"} for a field. */
void pl_dtype_to_json(struct pl_strbuf *sb, const struct pl_dtype *t);
void pl_dfield_to_json(struct pl_strbuf *sb, const struct pl_dfield *f);
/* Java's DataTypeRoot name: "INTEGER", "TIMESTAMP_WITH_LOCAL_TIME_ZONE"... */
const char *pl_type_root_name(enum pl_type_root root);
/* Same logical type (field ids ignored; names, comments and defaults of
 * ROW fields count). ignore_nullable ignores only the outermost flag. */
int pl_dtype_equal(const struct pl_dtype *a, const struct pl_dtype *b, int ignore_nullable);

#endif
