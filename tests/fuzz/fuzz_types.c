/* libFuzzer target: the type-string parser. Whatever parses must print
 * back to a string that parses to the same type (the browser shows the
 * printed form and the schema diff compares types). */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "paimon/types.h"
#include "util/arena.h"
#include "util/strbuf.h"

PL_FUZZ_TARGET(types)
{
	struct pl_arena arena;
	struct pl_error err;
	struct pl_dtype *t, *again;
	struct pl_strbuf sb = PL_STRBUF_INIT;
	char *text;

	if (size > 4096)
		return 0;
	pl_arena_init(&arena, 0);
	text = pl_arena_strndup(&arena, (const char *)data, size);
	if (pl_dtype_parse(text, &arena, &t, &err) == 0) {
		char *printed = pl_dtype_to_string(t, &arena);
		pl_dtype_to_json(&sb, t);
		if (t->root != PL_T_OPAQUE) {
			if (pl_dtype_parse(printed, &arena, &again, &err) != 0)
				abort();        /* printed form does not parse back */
			if (!pl_dtype_equal(t, again, 0))
				abort();        /* printed form means another type */
		}
	}
	pl_strbuf_free(&sb);
	pl_arena_free(&arena);
	return 0;
}
