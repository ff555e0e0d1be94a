/* libFuzzer target: snapshot, tag and changelog JSON files. */
#include "fuzz.h"

#include "paimon/systables_internal.h"
#include "util/arena.h"

PL_FUZZ_TARGET(snapshot)
{
	struct pl_arena arena;
	struct pl_error err;
	struct pl_st_snapshot snap;

	pl_arena_init(&arena, 0);
	(void)pl_st_snapshot_parse((const char *)data, size, "fuzz", &arena, &snap, &err);
	pl_arena_free(&arena);
	return 0;
}
