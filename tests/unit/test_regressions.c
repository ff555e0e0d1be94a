/* Inputs that once crashed, hung or over-allocated a reader (found by the
 * fuzz targets in tests/fuzz), and the resource caps every reader owes a
 * hostile file: each must now fail with a clear error. */
#include "test.h"

#include <string.h>

#include "paimon/records.h"
#include "util/arena.h"
#include "util/json.h"

TEST(json_depth_is_capped)
{
	struct pl_arena arena;
	struct pl_error err;
	struct pl_json *root;
	char text[2 * (PL_JSON_MAX_DEPTH + 10) + 1];
	size_t n = PL_JSON_MAX_DEPTH + 10, i;

	for (i = 0; i < n; i++) {
		text[i] = '[';
		text[n + i] = ']';
	}
	pl_arena_init(&arena, 0);
	CHECK_INT_EQ(pl_json_parse(text, 2 * n, "deep.json", &arena, &root, &err), -1);
	CHECK(strstr(err.msg, "deep.json") != NULL);
	pl_arena_free(&arena);
}

int main(void)
{
	RUN(json_depth_is_capped);
	return pl_test_done();
}
