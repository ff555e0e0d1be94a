/* libFuzzer target: schema files (schema/schema-<id>): the JSON reader,
 * DataField/DataType objects, the old-version defaults and the diff. */
#include "fuzz.h"

#include "paimon/schema.h"
#include "util/arena.h"
#include "util/strbuf.h"

PL_FUZZ_TARGET(schema)
{
	struct pl_arena arena;
	struct pl_error err;
	struct pl_schema *s, *empty;
	struct pl_schema_change *changes;
	struct pl_strbuf sb = PL_STRBUF_INIT;
	size_t n, i;

	pl_arena_init(&arena, 0);
	if (pl_schema_parse((const char *)data, size, "fuzz", &arena, &s, &err) == 0) {
		for (i = 0; i < s->nfields; i++) {
			(void)pl_dtype_to_string(s->fields[i].type, &arena);
			pl_dfield_to_json(&sb, &s->fields[i]);
		}
		(void)pl_schema_is_primary_key_table(s);
		pl_schema_diff(s, s, &arena, &changes, &n);
		if (pl_schema_parse("{\"id\":0,\"fields\":[]}", 20, "empty", &arena, &empty,
				    &err) == 0) {
			pl_schema_diff(empty, s, &arena, &changes, &n);
			pl_schema_diff(s, empty, &arena, &changes, &n);
		}
	}
	pl_strbuf_free(&sb);
	pl_arena_free(&arena);
	return 0;
}
