/* Private to the Avro reader: the writer schema compiled into a decode plan.
 * One plan node per schema node; named types are compiled once and shared by
 * every reference, so the plan is a graph (a recursive record points back at
 * itself). Everything lives in the arena passed to avro_schema_compile. */
#ifndef PL_PAIMON_AVRO_SCHEMA_H
#define PL_PAIMON_AVRO_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "paimon/value.h"
#include "util/arena.h"
#include "util/err.h"

/* Deeper schemas or values are refused: Paimon's nest four levels. */
#define AVRO_MAX_DEPTH 64

enum avro_op {
	AVRO_NULL = 0,
	AVRO_BOOLEAN,
	AVRO_INT,           /* int and long: the same zig-zag varint */
	AVRO_FLOAT,
	AVRO_DOUBLE,
	AVRO_STRING,
	AVRO_BYTES,
	AVRO_FIXED,
	AVRO_ENUM,
	AVRO_TIMESTAMP,     /* long with a timestamp logical type */
	AVRO_ARRAY,
	AVRO_MAP,
	AVRO_RECORD,
	AVRO_UNION,
};

struct avro_node {
	enum avro_op op;
	/* The type handed to callers for values of this node. For a union of
	 * null and T it is T's type marked nullable. */
	const struct pl_rtype *rtype;
	/* Fewest bytes one value can take: bounds counts read from the file. */
	size_t min_size;
	/* AVRO_TIMESTAMP: divide the stored long by this to get millis. */
	int64_t ts_divisor;
	/* AVRO_FIXED */
	size_t fixed_size;
	/* AVRO_ENUM */
	size_t nsymbols;
	const char **symbols;
	size_t *symbol_lens;
	/* AVRO_ARRAY items, AVRO_MAP values */
	const struct avro_node *items;
	/* AVRO_RECORD fields, AVRO_UNION branches */
	size_t nchildren;
	const struct avro_node **children;
	/* Named types: full name, for references. */
	const char *fullname;
};

/* Compiles the JSON text of avro.schema, found at json_offset in file (for
 * error messages). The JSON tree and the plan both live in arena. */
int avro_schema_compile(const char *json, size_t len, const char *file, uint64_t json_offset,
			struct pl_arena *arena, const struct avro_node **out,
			struct pl_error *err);

#endif
