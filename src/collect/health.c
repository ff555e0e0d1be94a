/* The health report: runs the checks, keeps the findings, renders them
 * as the "health" rowset shared by `show health`, the browser and the
 * export. */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "collect/health.h"
#include "paimon/fileset_source.h"
#include "util/alloc.h"

const char *pl_health_severity_name(enum pl_health_severity s)
{
	switch (s) {
	case PL_HEALTH_CRITICAL: return "critical";
	case PL_HEALTH_WARNING: return "warning";
	default: return "info";
	}
}

void pl_health_add(struct pl_health_report *r, const char *check,
		   enum pl_health_severity sev, double value, const char *details,
		   const char *hint_fmt, ...)
{
	char hint[512];
	va_list ap;
	va_start(ap, hint_fmt);
	vsnprintf(hint, sizeof(hint), hint_fmt, ap);
	va_end(ap);
	PL_GROW(r->findings, r->cap_findings, r->n_findings + 1);
	struct pl_health_finding *f = &r->findings[r->n_findings++];
	f->check = pl_arena_strdup(&r->arena, check);
	f->severity = sev;
	f->value = value;
	f->hint = pl_arena_strdup(&r->arena, hint);
	f->details = details ? pl_arena_strdup(&r->arena, details) : NULL;
}

/* Data paths follow the latest schema; partition keys never change. A
 * schema whose layout does not resolve leaves the path checks out. */
static void setup_spec(struct pl_health_ctx *c)
{
	struct pl_error e = { 0 };
	c->spec_ok = pl_path_spec_of_schema(pl_table_latest_schema(c->t), pl_table_data_root(c->t),
					    &c->r->arena, &c->spec, &e) == 0;
}

static int64_t clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One check failing does not hide the others' answers. */
static void run_check(struct pl_health_ctx *c, const char *name,
		      int (*fn)(struct pl_health_ctx *, struct pl_error *))
{
	struct pl_error e = { 0 };
	if (fn(c, &e) == 0)
		return;
	char check[64];
	snprintf(check, sizeof(check), "%s_error", name);
	pl_health_add(c->r, check, PL_HEALTH_CRITICAL, 0, e.msg, "the %s check could not run: %s",
		      name, e.msg);
}

int pl_health_check(struct pl_table *t, const struct pl_health_options *o,
		    struct pl_health_report **out, struct pl_error *err)
{
	static const struct pl_health_options defaults = { .older_than_ms = -1 };
	if (!o)
		o = &defaults;
	struct pl_health_report *r = pl_calloc(1, sizeof(*r));
	pl_arena_init(&r->arena, 16384);
	r->older_than_ms = o->older_than_ms < 0 ? 86400000 : o->older_than_ms;
	struct pl_health_ctx c = { .t = t, .o = o, .r = r };
	c.now_ms = o->now_ms ? o->now_ms : clock_ms();
	setup_spec(&c);

	struct pl_error e = { 0 };
	if (o->latest_snapshot) {
		c.latest = o->latest_snapshot;
	} else if (pl_table_latest_snapshot(t, &c.latest, &e)) {
		if (e.code != PL_ERR_NOT_FOUND) {
			pl_health_report_free(r);
			*err = e;
			return -1;
		}
		c.latest = NULL;
	}
	/* The caller's set is only borrowed; a set loaded here is freed here. */
	struct pl_fileset *own = NULL;
	if (c.latest && o->latest_snapshot && o->latest_fileset) {
		c.fs = o->latest_fileset;
	} else if (c.latest) {
		struct pl_fileset_source src;
		pl_fileset_source_of(c.latest, 0, &src);
		if (pl_snapshot_manifest_lists(c.latest, &e) ||
		    pl_fileset_load(pl_table_storage(t), pl_table_data_root(t), &src, &own, &e)) {
			pl_health_add(r, "fileset_error", PL_HEALTH_CRITICAL, 0, e.msg,
				      "the live file set of snapshot %" PRId64 " does not read: %s",
				      c.latest->id, e.msg);
			own = NULL;
		}
		c.fs = own;
	}
	run_check(&c, "small_files", pl_health_small_files);
	run_check(&c, "retention", pl_health_retention);
	if (!o->skip_orphans)
		run_check(&c, "orphan_files", pl_health_orphans);
	run_check(&c, "drift", pl_health_drift);
	pl_fileset_free(own);
	*out = r;
	return 0;
}

void pl_health_report_free(struct pl_health_report *r)
{
	if (!r)
		return;
	free(r->findings);
	free(r->orphan_paths);
	free(r->missing_paths);
	pl_arena_free(&r->arena);
	free(r);
}

static int by_severity(const struct pl_rowset *rs, size_t a, size_t b, void *ctx)
{
	const int *rank = ctx;
	(void)rs;
	return rank[b] - rank[a];
}

struct pl_rowset *pl_health_rowset(const struct pl_health_report *r)
{
	static const struct pl_rowset_col cols[] = {
		{ "check", PL_COL_STRING, 0 },
		{ "severity", PL_COL_STRING, 0 },
		{ "value", PL_COL_DOUBLE, 0 },
		{ "hint", PL_COL_STRING, 0 },
		{ "details", PL_COL_STRING, 0 },
	};
	struct pl_rowset *rs = pl_rowset_new("health", cols, sizeof(cols) / sizeof(cols[0]));
	int *rank = pl_calloc(r->n_findings ? r->n_findings : 1, sizeof(*rank));
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct pl_health_finding *f = &r->findings[i];
		rank[i] = (int)f->severity;
		pl_rowset_row(rs);
		pl_rowset_str(rs, f->check);
		pl_rowset_str(rs, pl_health_severity_name(f->severity));
		pl_rowset_double(rs, f->value);
		pl_rowset_str(rs, f->hint);
		pl_rowset_str(rs, f->details);
	}
	pl_rowset_sort(rs, by_severity, rank);
	free(rank);
	return rs;
}
