/* Snapshot retention: how many snapshots are kept against
 * snapshot.num-retained.min/max and snapshot.time-retained, whether
 * expiration looks stalled, and what pins old data (consumers, tags,
 * branches). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "collect/health.h"
#include "collect/record.h"
#include "util/strbuf.h"

static int64_t option_i64(struct pl_table *t, const char *key, int64_t def)
{
	const char *v = pl_table_option(t, key, NULL);
	char *end;
	if (!v || !*v)
		return def;
	long long n = strtoll(v, &end, 10);
	return *end ? def : (int64_t)n;
}

static void human_age(struct pl_strbuf *sb, int64_t ms)
{
	if (ms < 0)
		ms = 0;
	if (ms >= 86400000)
		pl_strbuf_addf(sb, "%.1f days", (double)ms / 86400000.0);
	else if (ms >= 3600000)
		pl_strbuf_addf(sb, "%.1f hours", (double)ms / 3600000.0);
	else
		pl_strbuf_addf(sb, "%" PRId64 " minutes", ms / 60000);
}

static int check_pins(struct pl_health_ctx *c, int64_t earliest_id, int64_t latest_id,
		      struct pl_error *err)
{
	struct pl_health_report *r = c->r;
	const struct pl_consumer *cons;
	size_t ncons;
	if (pl_table_consumers(c->t, &cons, &ncons, err))
		return -1;
	for (size_t i = 0; i < ncons; i++) {
		if (cons[i].error) {
			pl_health_add(r, "consumer_unreadable", PL_HEALTH_WARNING, 0, cons[i].error,
				      "consumer '%s' does not read", cons[i].id);
			continue;
		}
		int64_t behind = latest_id - cons[i].next_snapshot + 1;
		char details[160];
		snprintf(details, sizeof(details), "consumer=%s nextSnapshot=%" PRId64,
			 cons[i].id, cons[i].next_snapshot);
		/* Expiration keeps every snapshot from the slowest consumer's next
		 * one on; a consumer at the earliest snapshot is what holds it. */
		int pins = cons[i].next_snapshot <= earliest_id + 1 && behind > 1;
		pl_health_add(r, "pinned_by_consumer", pins ? PL_HEALTH_WARNING : PL_HEALTH_INFO,
			      (double)(behind > 0 ? behind : 0), details,
			      "consumer '%s' still needs snapshot %" PRId64 " (%" PRId64
			      " behind latest)%s", cons[i].id, cons[i].next_snapshot,
			      behind > 0 ? behind : 0,
			      pins ? ": it pins expiration; drop it if the job is gone" : "");
	}
	const struct pl_tag *tags;
	size_t ntags;
	if (pl_table_tags(c->t, &tags, &ntags, err))
		return -1;
	for (size_t i = 0; i < ntags; i++) {
		const struct pl_snapshot *s = tags[i].snap;
		if (!s) {
			pl_health_add(r, "tag_unreadable", PL_HEALTH_WARNING, 0, tags[i].error,
				      "tag '%s' does not read", tags[i].name);
			continue;
		}
		struct pl_strbuf sb = PL_STRBUF_INIT;
		pl_strbuf_addf(&sb, "tag=%s snapshot=%" PRId64, tags[i].name, s->id);
		if (s->has_tag_create_time) {
			char tm[PL_RECORD_TIME_LEN];
			pl_record_format_time(tm, s->tag_create_time_ms);
			pl_strbuf_addf(&sb, " created=%s", tm);
		}
		if (s->tag_time_retained_ms.present) {
			pl_strbuf_addstr(&sb, " retained=");
			pl_record_iso_duration(&sb, s->tag_time_retained_ms.v);
		}
		int old = s->id < earliest_id;
		pl_health_add(r, "pinned_by_tag", old && !s->tag_time_retained_ms.present ?
			      PL_HEALTH_WARNING : PL_HEALTH_INFO, (double)s->id, sb.buf,
			      "tag '%s' keeps the files of snapshot %" PRId64 "%s%s",
			      tags[i].name, s->id, old ? " (already expired as a snapshot)" : "",
			      old && !s->tag_time_retained_ms.present ?
			      ", no retention set: it is kept forever" : "");
		pl_strbuf_free(&sb);
	}
	const struct pl_branch *br;
	size_t nbr;
	if (pl_table_branches(c->t, &br, &nbr, err))
		return -1;
	for (size_t i = 0; i < nbr; i++) {
		/* Relative to the table: a record must not change with the
		 * lake's location (local copy vs object store). */
		char rel[300];
		snprintf(rel, sizeof(rel), "branch/branch-%s", br[i].name);
		pl_health_add(r, "pinned_by_branch", PL_HEALTH_INFO, 0, rel,
			      "branch '%s' shares the data folder: its snapshots and tags keep files",
			      br[i].name);
	}
	return 0;
}

int pl_health_retention(struct pl_health_ctx *c, struct pl_error *err)
{
	struct pl_health_report *r = c->r;
	const int64_t *ids;
	size_t n;
	if (pl_table_snapshot_ids(c->t, &ids, &n, err))
		return -1;
	if (n == 0) {
		pl_health_add(r, "snapshots_retained", PL_HEALTH_INFO, 0, NULL,
			      "the table has no snapshot");
		return 0;
	}
	int64_t min_keep = option_i64(c->t, "snapshot.num-retained.min", 10);
	int64_t max_keep = option_i64(c->t, "snapshot.num-retained.max", INT32_MAX);
	int64_t time_keep;
	if (pl_record_parse_duration(pl_table_option(c->t, "snapshot.time-retained", NULL),
				     &time_keep))
		time_keep = 3600000;

	const struct pl_snapshot *oldest = NULL;
	struct pl_error e = { 0 };
	if (pl_table_snapshot(c->t, ids[0], &oldest, &e))
		oldest = NULL;
	int64_t age = oldest ? c->now_ms - oldest->time_millis : -1;
	struct pl_strbuf sb = PL_STRBUF_INIT;
	if (oldest)
		human_age(&sb, age);
	char details[200];
	snprintf(details, sizeof(details),
		 "earliest=%" PRId64 " latest=%" PRId64 " min=%" PRId64 " max=%" PRId64
		 " time-retained=%" PRId64 "ms", ids[0], ids[n - 1], min_keep, max_keep, time_keep);

	/* Java expires while more than min are kept and the oldest is past
	 * time-retained, or more than max are kept. Either still true means
	 * expiration has not run (write-only jobs, snapshot.expire disabled)
	 * or something pins the oldest snapshot. */
	int over_max = (int64_t)n > max_keep;
	int over_time = (int64_t)n > min_keep && age > time_keep;
	enum pl_health_severity sev = over_max ? PL_HEALTH_CRITICAL :
				      over_time ? PL_HEALTH_WARNING : PL_HEALTH_INFO;
	pl_health_add(r, "snapshots_retained", sev, (double)n, details,
		      "%zu snapshots kept (min %" PRId64 ", max %" PRId64 "); the oldest, %" PRId64
		      ", is %s old%s", n, min_keep, max_keep, ids[0], oldest ? sb.buf : "unknown",
		      over_max ? ": above snapshot.num-retained.max, expiration is stalled" :
		      over_time ? ": past snapshot.time-retained, expiration looks stalled" : "");
	pl_strbuf_free(&sb);

	int64_t hint;
	int from_hint = 0;
	if (pl_hint_find_earliest(pl_table_storage(c->t), pl_path_join(&r->arena,
				  pl_table_branch_root(c->t), PL_SNAPSHOT_DIR), PL_SNAPSHOT_PREFIX,
				  &hint, &from_hint, &e) == 0 && (!from_hint || hint != ids[0])) {
		pl_health_add(r, "earliest_hint", PL_HEALTH_WARNING, (double)ids[0], NULL,
			      "the EARLIEST hint is missing or stale (first snapshot file is %" PRId64
			      "): an expiration was interrupted", ids[0]);
	}
	uint64_t gaps = pl_versioned_gap_count(ids, n);
	if (gaps)
		pl_health_add(r, "snapshot_gaps", PL_HEALTH_WARNING, (double)gaps, NULL,
			      "%" PRIu64 " snapshot ids are missing between %" PRId64 " and %" PRId64
			      ": an interrupted expiration or a manual delete", gaps, ids[0],
			      ids[n - 1]);
	return check_pins(c, ids[0], ids[n - 1], err);
}
