/* libFuzzer target: the exact-int64 JSON reader (util/json.c). */
#include "fuzz.h"

#include "util/arena.h"
#include "util/json.h"
#include "util/strbuf.h"

static void walk(const struct pl_json *j, struct pl_strbuf *sb, int depth)
{
	size_t i;
	if (depth > PL_JSON_MAX_DEPTH + 1)
		__builtin_trap();   /* the depth cap did not hold */
	switch (j->kind) {
	case PL_JSON_STRING:
		pl_json_add_string(sb, j->str);
		break;
	case PL_JSON_ARRAY:
	case PL_JSON_OBJECT:
		for (i = 0; i < j->n; i++) {
			if (j->kind == PL_JSON_OBJECT)
				pl_json_add_string(sb, j->keys[i]);
			walk(j->items[i], sb, depth + 1);
		}
		break;
	default:
		break;
	}
}

PL_FUZZ_TARGET(json)
{
	struct pl_arena arena;
	struct pl_error err;
	struct pl_json *root;
	struct pl_strbuf sb = PL_STRBUF_INIT;

	pl_arena_init(&arena, 0);
	if (pl_json_parse((const char *)data, size, "fuzz", &arena, &root, &err) == 0) {
		walk(root, &sb, 0);
		(void)pl_json_get(root, "id");
		(void)pl_json_get_str(root, "commitUser");
	}
	pl_strbuf_free(&sb);
	pl_arena_free(&arena);
	return 0;
}
