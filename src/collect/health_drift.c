/* Schema drift over the retained history (columns added, dropped,
 * retyped since the schema of the oldest retained snapshot), partitions
 * never compacted, and bucket skew (largest bucket against the median). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/health.h"
#include "util/alloc.h"
#include "util/strbuf.h"

static int check_schema(struct pl_health_ctx *c, struct pl_error *err)
{
	const struct pl_schema *const *schemas;
	size_t n;
	if (pl_table_schemas(c->t, &schemas, &n, err))
		return -1;
	if (n == 0)
		return 0;
	int64_t from_id = schemas[0]->id;
	/* The oldest retained snapshot by the listing the other checks use (the
	 * retention check judges the EARLIEST hint itself): no second hint read. */
	const struct pl_snapshot *oldest;
	const int64_t *ids;
	size_t nids;
	struct pl_error e = { 0 };
	if (c->latest && pl_table_snapshot_ids(c->t, &ids, &nids, &e) == 0 && nids &&
	    pl_table_snapshot(c->t, ids[0], &oldest, &e) == 0)
		from_id = oldest->schema_id;
	const struct pl_schema *from = NULL;
	for (size_t i = 0; i < n; i++)
		if (schemas[i]->id == from_id)
			from = schemas[i];
	if (!from)
		from = schemas[0];
	const struct pl_schema *to = schemas[n - 1];
	struct pl_arena a;
	pl_arena_init(&a, 4096);
	struct pl_schema_change *ch;
	size_t nch;
	pl_schema_diff(from, to, &a, &ch, &nch);
	int64_t added = 0, dropped = 0, retyped = 0;
	for (size_t i = 0; i < nch; i++) {
		if (ch[i].kind == PL_SC_FIELD_ADDED)
			added++;
		else if (ch[i].kind == PL_SC_FIELD_DROPPED)
			dropped++;
		else if (ch[i].kind == PL_SC_FIELD_RETYPED)
			retyped++;
	}
	char details[128];
	snprintf(details, sizeof(details), "schemas %" PRId64 "..%" PRId64 " (%zu files)",
		 from->id, to->id, n);
	pl_health_add(c->r, "schema_drift", PL_HEALTH_INFO, (double)(added + dropped + retyped),
		      details, "since schema %" PRId64 " (oldest retained snapshot): %" PRId64
		      " columns added, %" PRId64 " dropped, %" PRId64 " retyped%s", from->id,
		      added, dropped, retyped,
		      added + dropped + retyped ? "; old files are read through schema evolution" : "");
	pl_arena_free(&a);
	return 0;
}

static int blob_eq(const struct pl_blob *a, const struct pl_blob *b)
{
	return a->n == b->n && (a->n == 0 || memcmp(a->p, b->p, a->n) == 0);
}

/* A partition is "never compacted" when it holds several live files and
 * every one is an unmerged write: level 0 for primary-key tables, an
 * APPEND-sourced file for append tables. */
static int check_compaction(struct pl_health_ctx *c, struct pl_error *err)
{
	const struct pl_fileset *fs = c->fs;
	int pk = pl_schema_is_primary_key_table(pl_table_latest_schema(c->t));
	int64_t never = 0;
	struct pl_strbuf sb = PL_STRBUF_INIT;
	for (size_t p = 0; p < fs->n_partitions; p++) {
		const struct pl_partition_stat *ps = &fs->partitions[p];
		int64_t files = 0, compacted = 0;
		for (size_t i = 0; i < fs->n_files; i++) {
			const struct pl_live_file *f = &fs->files[i];
			if (!blob_eq(pl_live_partition(fs, f), &ps->partition))
				continue;
			files++;
			if (pk ? pl_live_level(f) > 0 : pl_live_file_source(f) == PL_SOURCE_COMPACT)
				compacted++;
		}
		if (files < 2 || compacted)
			continue;
		never++;
		if (never <= 5 && c->spec_ok && c->spec.n_partition_keys) {
			char *path;
			if (pl_partition_path(&c->spec, &ps->partition, &c->r->arena, &path, err)) {
				pl_strbuf_free(&sb);
				return -1;
			}
			pl_strbuf_addf(&sb, "%s%s (%" PRId64 " files)", never > 1 ? ", " : "", path,
				       files);
		}
	}
	pl_health_add(c->r, "never_compacted", never ? PL_HEALTH_WARNING : PL_HEALTH_INFO,
		      (double)never, sb.len ? sb.buf : NULL,
		      "%" PRId64 " partitions with several files were never compacted%s", never,
		      never ? ": check that a compaction job runs for them" : "");
	pl_strbuf_free(&sb);
	return 0;
}

static int by_size(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static void check_skew(struct pl_health_ctx *c)
{
	const struct pl_fileset *fs = c->fs;
	if (fs->n_buckets < 2)
		return;
	int64_t *sizes = pl_calloc(fs->n_buckets, sizeof(*sizes));
	size_t imax = 0;
	for (size_t i = 0; i < fs->n_buckets; i++) {
		sizes[i] = fs->buckets[i].file_size;
		if (sizes[i] > fs->buckets[imax].file_size)
			imax = i;
	}
	qsort(sizes, fs->n_buckets, sizeof(*sizes), by_size);
	int64_t median = sizes[fs->n_buckets / 2];
	int64_t max = sizes[fs->n_buckets - 1];
	free(sizes);
	/* Two decimals are enough to read and keep the JSON stable. */
	double ratio = 0;
	if (median > 0)
		ratio = (double)(int64_t)((double)max * 100.0 / (double)median + 0.5) / 100.0;
	char details[96];
	snprintf(details, sizeof(details), "bucket %d max=%" PRId64 " median=%" PRId64,
		 (int)fs->buckets[imax].bucket, max, median);
	pl_health_add(c->r, "bucket_skew", ratio >= 4 ? PL_HEALTH_WARNING : PL_HEALTH_INFO,
		      ratio, details, "the largest bucket holds %.1fx the median bucket's bytes%s",
		      ratio, ratio >= 4 ? ": the bucket key is skewed, consider another key" : "");
}

int pl_health_drift(struct pl_health_ctx *c, struct pl_error *err)
{
	if (check_schema(c, err))
		return -1;
	if (!c->fs)
		return 0;
	if (check_compaction(c, err))
		return -1;
	check_skew(c);
	return 0;
}
