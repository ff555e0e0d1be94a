/* Small files: live data files under a threshold (a quarter of
 * target-file-size, the rule paimon/options.c shares with the browser,
 * unless given), counted per partition and bucket, and
 * the partitions a compaction would help most. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/health.h"
#include "paimon/manifest.h"
#include "paimon/options.h"
#include "util/alloc.h"
#include "util/strbuf.h"

struct part_small {
	const struct pl_blob *partition;
	int64_t small, files;
};

static int blob_eq(const struct pl_blob *a, const struct pl_blob *b)
{
	return a->n == b->n && (a->n == 0 || memcmp(a->p, b->p, a->n) == 0);
}

static int by_small_desc(const void *a, const void *b)
{
	const struct part_small *x = a, *y = b;
	return x->small < y->small ? 1 : x->small > y->small ? -1 : 0;
}

int pl_health_small_files(struct pl_health_ctx *c, struct pl_error *err)
{
	struct pl_health_report *r = c->r;
	const struct pl_schema *s = pl_table_latest_schema(c->t);
	int64_t threshold = c->o->small_file_bytes > 0 ? c->o->small_file_bytes
						       : pl_option_small_file_threshold(s);
	r->small_threshold = threshold;
	if (!c->fs)
		return 0;

	const struct pl_fileset *fs = c->fs;
	struct part_small *parts = NULL;
	size_t nparts = 0, cap = 0;
	for (size_t i = 0; i < fs->n_files; i++) {
		const struct pl_live_file *f = &fs->files[i];
		const struct pl_blob *partition = pl_live_partition(fs, f);
		r->data_files++;
		size_t k;
		for (k = 0; k < nparts && !blob_eq(parts[k].partition, partition); k++)
			;
		if (k == nparts) {
			PL_GROW(parts, cap, nparts + 1);
			parts[nparts++] = (struct part_small){ partition, 0, 0 };
		}
		parts[k].files++;
		if (pl_live_file_size(f) < threshold) {
			r->small_count++;
			r->small_bytes += pl_live_file_size(f);
			parts[k].small++;
		}
	}
	if (r->small_count == 0) {
		pl_health_add(r, "small_files", PL_HEALTH_INFO, 0, NULL,
			      "no live data file is under %" PRId64 " bytes", threshold);
		free(parts);
		return 0;
	}
	qsort(parts, nparts, sizeof(*parts), by_small_desc);
	struct pl_strbuf sb = PL_STRBUF_INIT;
	int with_parts = c->spec_ok && s->npartition_keys > 0;
	for (size_t k = 0; with_parts && k < nparts && k < 5 && parts[k].small; k++) {
		char *path = NULL;
		if (pl_partition_path(&c->spec, parts[k].partition, &r->arena, &path, err)) {
			pl_strbuf_free(&sb);
			free(parts);
			return -1;
		}
		pl_strbuf_addf(&sb, "%s%s: %" PRId64 " of %" PRId64, k ? ", " : "", path,
			       parts[k].small, parts[k].files);
	}
	double share = (double)r->small_count / (double)r->data_files;
	enum pl_health_severity sev = share >= 0.5 && r->small_count >= 10 ? PL_HEALTH_WARNING
									 : PL_HEALTH_INFO;
	pl_health_add(r, "small_files", sev, (double)r->small_count, sb.len ? sb.buf : NULL,
		      "%" PRId64 " of %" PRId64 " live data files (%.0f%%, %" PRId64
		      " bytes) are under %" PRId64 " bytes; compact %s",
		      r->small_count, r->data_files, share * 100.0, r->small_bytes, threshold,
		      with_parts ? "the partitions in details first" : "the table");
	pl_strbuf_free(&sb);
	free(parts);
	return 0;
}
