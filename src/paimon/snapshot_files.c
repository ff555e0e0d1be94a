/* Data file counts per snapshot for the Snapshots chart. */
#include "paimon/snapshot_files.h"

#include <stdlib.h>

#include "util/arena.h"

int64_t pl_manifest_metas_net_files(const struct pl_manifest_file_metas *metas)
{
	int64_t n = 0;
	for (size_t i = 0; i < metas->n; i++)
		n += metas->items[i].num_added_files - metas->items[i].num_deleted_files;
	return n;
}

int pl_snapshot_file_count(struct pl_storage *st, const char *table_root,
			   const struct pl_snapshot *s, int64_t *count, struct pl_error *err)
{
	if (pl_snapshot_manifest_lists(s, err))
		return -1;
	/* The base list holds the manifests before this commit, the delta
	 * list those it wrote: together, every manifest of the snapshot. */
	const char *names[2] = { s->base_manifest_list, s->delta_manifest_list };
	const struct pl_opt_i64 *sizes[2] = { &s->base_manifest_list_size,
					      &s->delta_manifest_list_size };
	struct pl_arena a;
	pl_arena_init(&a, 0);
	/* The reader appends to one growing vector: both lists go in it. */
	struct pl_manifest_file_metas metas = { NULL, 0 };
	int rc = 0;
	for (int i = 0; !rc && i < 2; i++) {
		uint64_t hint = sizes[i]->present && sizes[i]->v > 0 ? (uint64_t)sizes[i]->v : 0;
		rc = pl_manifest_list_read(st, table_root, names[i], hint, &a, &metas, err);
	}
	if (!rc)
		*count = pl_manifest_metas_net_files(&metas);
	free(metas.items);
	pl_arena_free(&a);
	return rc;
}
