/* libFuzzer target: the manifest record mapping (manifest lists, manifests,
 * index manifests) over Avro or ORC bytes, and the BinaryRows it carries. */
#include "fuzz.h"

#include <stdlib.h>

#include "paimon/binrow.h"
#include "paimon/manifest.h"
#include "util/arena.h"
#include "util/strbuf.h"

static void render_row(const struct pl_blob *b)
{
	struct pl_binrow row;
	struct pl_error err;
	struct pl_datum d;
	static const struct pl_dtype string_type = { .root = PL_T_VARCHAR, .nullable = 1,
						     .length = 2147483647 };
	struct pl_strbuf sb = PL_STRBUF_INIT;
	int32_t i;

	if (!b->p || pl_binrow_open(b->p, b->n, "fuzz", 0, &row, &err))
		return;
	/* Reading every field as a string exercises the variable-part checks. */
	for (i = 0; i < row.arity && i < 64; i++)
		if (pl_binrow_get(&row, i, &string_type, &d, &err) == 0)
			pl_datum_render(&d, &string_type, PL_RENDER_CAST, &sb);
	pl_strbuf_free(&sb);
}

static int render_brief(void *ctx, const struct pl_manifest_entry *e, struct pl_error *err)
{
	(void)ctx;
	(void)err;
	render_row(&e->partition);
	return 0;
}

PL_FUZZ_TARGET(manifest)
{
	struct pl_arena arena;
	struct pl_error err;
	struct pl_manifest_file_metas lists = { 0 };
	struct pl_manifest_entries entries = { 0 };
	struct pl_index_manifest_entries index = { 0 };
	size_t i;

	pl_arena_init(&arena, 0);
	(void)pl_manifest_list_parse(data, size, "fuzz", &arena, &lists, &err);
	for (i = 0; i < lists.n; i++)
		render_row(&lists.items[i].partition_stats.min_values);
	(void)pl_manifest_parse(data, size, "fuzz", &arena, &entries, &err);
	for (i = 0; i < entries.n; i++) {
		struct pl_manifest_entry copy;
		render_row(&entries.items[i].partition);
		render_row(&entries.items[i].file.min_key);
		pl_manifest_entry_copy(&arena, &copy, &entries.items[i]);
	}
	(void)pl_manifest_parse_each_brief(data, size, "fuzz", &arena, render_brief, NULL, &err);
	(void)pl_index_manifest_parse(data, size, "fuzz", &arena, &index, &err);
	/* The record vectors are malloc'ed; what they point to is in the arena. */
	free(lists.items);
	free(entries.items);
	free(index.items);
	pl_arena_free(&arena);
	return 0;
}
