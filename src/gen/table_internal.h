/* Shared between table_writer.c (table life cycle) and table_commit.c
 * (what one commit writes). */
#ifndef PL_GEN_TABLE_INTERNAL_H
#define PL_GEN_TABLE_INTERNAL_H

#include "gen/gen_model.h"

static inline const struct gen_schema *gen_latest_schema(const struct gen_branch *b)
{
	return b->schemas[b->nschemas - 1];
}

static inline struct gen_bucket *gen_bucket_at(struct gen_table *t, struct gen_branch *b,
					       uint32_t part, int32_t bucket)
{
	return &b->buckets[(size_t)part * (size_t)t->nbuckets_dir + (size_t)bucket];
}

int gen_commit_append(struct gen_table *t, struct gen_branch *b, struct pl_error *err);
/* Returns 1 when a COMPACT snapshot was written, 0 when nothing needed it. */
int gen_commit_compact(struct gen_table *t, struct gen_branch *b, struct pl_error *err);
int gen_commit_analyze(struct gen_table *t, struct gen_branch *b, struct pl_error *err);
/* Grows the per-file scratch arrays to the current file count. */
void gen_stamp_reserve(struct gen_table *t);

#endif
