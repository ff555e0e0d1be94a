/* Health checks: read-only findings that answer "why is this table's
 * storage growing" (doc/health.md). Small files, snapshot retention and
 * what pins old data, orphan candidates and missing files, schema drift,
 * partitions never compacted, bucket skew. Nothing is ever written or
 * deleted; every check reads metadata through the storage interface, the
 * orphan check also lists the table folder. */
#ifndef PL_COLLECT_HEALTH_H
#define PL_COLLECT_HEALTH_H

#include <stddef.h>
#include <stdint.h>

#include "paimon/fileset.h"
#include "paimon/rowset.h"
#include "paimon/table.h"
#include "util/arena.h"
#include "util/err.h"

enum pl_health_severity {
	PL_HEALTH_INFO = 0,
	PL_HEALTH_WARNING,
	PL_HEALTH_CRITICAL,
};

struct pl_health_options {
	int64_t now_ms;              /* 0: the clock */
	int64_t older_than_ms;       /* orphan cut-off; < 0: default 1 day */
	int64_t small_file_bytes;    /* 0: a quarter of target-file-size */
	int skip_orphans;            /* no folder listing (cheap run) */
	size_t max_items;            /* orphan/missing paths kept; 0: 100 */
	/* The latest snapshot and its live file set when the caller already
	 * read them (the export does, from its own listing): borrowed, not
	 * read again. NULL: found through the LATEST hint and loaded. */
	const struct pl_snapshot *latest_snapshot;
	struct pl_fileset *latest_fileset;
};

struct pl_health_finding {
	const char *check;           /* "small_files", "orphan_files", ... */
	enum pl_health_severity severity;
	double value;                /* the number the hint talks about */
	const char *hint;            /* one line */
	const char *details;         /* NULL or a longer line (which items) */
};

struct pl_health_report {
	struct pl_arena arena;
	struct pl_health_finding *findings;
	size_t n_findings, cap_findings;
	/* Numbers the export's paimonLens_storage facet carries. */
	int64_t small_threshold, small_count, small_bytes, data_files;
	int orphans_scanned;
	int64_t older_than_ms;
	int64_t orphan_count, orphan_bytes;
	int64_t missing_count, missing_bytes;
	const char **orphan_paths;   /* at most max_items */
	size_t n_orphan_paths;
	const char **missing_paths;
	size_t n_missing_paths;
};

/* Runs every check on the table's branch. A check that cannot read what
 * it needs adds a critical finding "<check>_error" instead of failing the
 * report; only an unusable table fails (no snapshot is fine). */
int pl_health_check(struct pl_table *t, const struct pl_health_options *o,
		    struct pl_health_report **out, struct pl_error *err);
void pl_health_report_free(struct pl_health_report *r);

const char *pl_health_severity_name(enum pl_health_severity s);

/* The findings as a rowset "health": check, severity, value, hint,
 * details; most severe first, then in check order. */
struct pl_rowset *pl_health_rowset(const struct pl_health_report *r);

/* Adds a finding (strings copied into the report's arena). */
void pl_health_add(struct pl_health_report *r, const char *check,
		   enum pl_health_severity sev, double value, const char *details,
		   const char *hint_fmt, ...) __attribute__((format(printf, 6, 7)));

/* The checks (one file each); internal to health.c's driver. */
struct pl_health_ctx {
	struct pl_table *t;
	const struct pl_health_options *o;
	struct pl_health_report *r;
	int64_t now_ms;
	const struct pl_snapshot *latest;    /* NULL: never written */
	struct pl_fileset *fs;               /* live set of latest, or NULL */
	struct pl_path_spec spec;
	int spec_ok;
};
int pl_health_small_files(struct pl_health_ctx *c, struct pl_error *err);
int pl_health_retention(struct pl_health_ctx *c, struct pl_error *err);
int pl_health_orphans(struct pl_health_ctx *c, struct pl_error *err);
int pl_health_drift(struct pl_health_ctx *c, struct pl_error *err);

#endif
