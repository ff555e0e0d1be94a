/* libFuzzer target: snapshot, tag and changelog JSON files. */
#include "fuzz.h"

#include "paimon/snapshot.h"
#include "util/arena.h"

PL_FUZZ_TARGET(snapshot)
{
	struct pl_arena arena;
	struct pl_error err;
	struct pl_snapshot snap;

	pl_arena_init(&arena, 0);
	(void)pl_snapshot_parse((const char *)data, size, "fuzz", &arena, &snap, &err);
	pl_arena_free(&arena);
	return 0;
}
