/* Table statistics: statistics/stat-<uuid>-<n> in the table folder (shared
 * by all branches), named by a snapshot's "statistics" key and written by
 * ANALYZE (format-metadata.md §6.5). */
#ifndef PL_PAIMON_STATISTICS_H
#define PL_PAIMON_STATISTICS_H

#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "paimon/manifest.h"   /* struct pl_opt_i64 */
#include "util/arena.h"
#include "util/err.h"
#include "util/json.h"

#define PL_STATISTICS_DIR "statistics"
/* Thousands of columns with long min/max strings still fit. */
#define PL_STATISTICS_READ_CAP ((size_t)16 << 20)

struct pl_col_stats {
	const char *column;                /* key in colStats */
	int64_t col_id;                    /* field id */
	struct pl_opt_i64 distinct_count;
	/* Paimon's text forms: DATE as days and TIME as millis of day (the
	 * internal integers), TIMESTAMP as "yyyy-MM-dd HH:mm:ss[.f]". */
	const char *min;                   /* NULL when unknown */
	const char *max;
	struct pl_opt_i64 null_count;
	struct pl_opt_i64 avg_len;
	struct pl_opt_i64 max_len;
};

struct pl_statistics {
	int64_t snapshot_id;
	int64_t schema_id;
	/* Java fails without these two; we show them as unknown. */
	struct pl_opt_i64 merged_record_count;
	struct pl_opt_i64 merged_record_size;
	size_t ncols;                      /* file order */
	struct pl_col_stats *cols;
	const struct pl_json *col_stats_json;  /* for re-serialising ($statistics) */
};

int pl_statistics_parse(const char *json, size_t len, const char *file, struct pl_arena *arena,
			struct pl_statistics *out, struct pl_error *err);

/* Reads <table_path>/statistics/<name>; name is a snapshot's "statistics"
 * value (a bare file name: one with a slash is refused as corrupt).
 * A missing file is PL_ERR_NOT_FOUND. */
int pl_statistics_load(struct pl_storage *st, const char *table_path, const char *name,
		       struct pl_arena *arena, struct pl_statistics *out, struct pl_error *err);

#endif
