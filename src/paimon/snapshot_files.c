/* Data file counts per snapshot for the Snapshots chart. */
#include "paimon/snapshot_files.h"

#include <stdlib.h>

#include "util/alloc.h"
#include "util/arena.h"

int64_t pl_manifest_metas_net_files(const struct pl_manifest_file_metas *metas)
{
	int64_t n = 0;
	for (size_t i = 0; i < metas->n; i++)
		n += metas->items[i].num_added_files - metas->items[i].num_deleted_files;
	return n;
}

void pl_snapshot_file_counts(struct pl_storage *st, const char *table_root,
			     const struct pl_snapshot *const *snaps, size_t n, int64_t *counts,
			     int *known)
{
	if (!n)
		return;
	/* The base list holds the manifests before a commit, the delta list
	 * those it wrote: together, every manifest of the snapshot. A
	 * snapshot without both names gets no requests. */
	struct pl_read_req *reqs = pl_calloc(2 * n, sizeof(*reqs));
	size_t *first = pl_calloc(n, sizeof(*first));
	size_t nreq = 0;
	char *dir = pl_path_join_dup(table_root, "manifest");
	for (size_t i = 0; i < n; i++) {
		const struct pl_snapshot *s = snaps[i];
		known[i] = s->base_manifest_list && s->delta_manifest_list;
		counts[i] = 0;
		first[i] = nreq;
		if (!known[i])
			continue;
		const char *names[2] = { s->base_manifest_list, s->delta_manifest_list };
		for (int k = 0; k < 2; k++) {
			reqs[nreq].path = pl_path_join_dup(dir, names[k]);
			reqs[nreq++].length = PL_READ_WHOLE;
		}
	}
	free(dir);
	pl_storage_read_batch(st, reqs, nreq);
	struct pl_arena a;
	pl_arena_init(&a, 0);
	for (size_t i = 0; i < n; i++) {
		const struct pl_opt_i64 *sizes[2] = { &snaps[i]->base_manifest_list_size,
						      &snaps[i]->delta_manifest_list_size };
		/* The reader appends to one vector: both lists go in it. */
		struct pl_manifest_file_metas metas = { NULL, 0 };
		for (int k = 0; known[i] && k < 2; k++) {
			const struct pl_read_req *r = &reqs[first[i] + (size_t)k];
			struct pl_error err;
			pl_err_clear(&err);
			/* Missing (expired since), cut short or corrupt: unknown. */
			known[i] = r->status == 0 &&
				   !(sizes[k]->present && sizes[k]->v > 0 &&
				     r->out.len != (uint64_t)sizes[k]->v) &&
				   pl_manifest_list_parse(r->out.data, r->out.len, r->path, &a,
							  &metas, &err) == 0;
		}
		if (known[i])
			counts[i] = pl_manifest_metas_net_files(&metas);
		free(metas.items);
		pl_arena_reset(&a);
	}
	pl_arena_free(&a);
	for (size_t i = 0; i < nreq; i++) {
		free((char *)reqs[i].path);
		pl_buf_free(&reqs[i].out);
	}
	free(reqs);
	free(first);
}
