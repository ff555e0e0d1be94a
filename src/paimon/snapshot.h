/* Snapshot files (snapshot/snapshot-<id>), the LATEST/EARLIEST hint files,
 * and the long-lived changelog files (changelog/changelog-<id>), which use
 * the same JSON and the same hint rules (format-metadata.md §4, §6.3).
 * Tags (paimon/tag.h) reuse the parser: a tag file is a snapshot plus two
 * keys.
 *
 * Every key any writer version emits is kept; numbers stay exact 64-bit
 * (commitIdentifier is Long.MAX_VALUE for batch commits, watermark may be
 * Long.MIN_VALUE). Optional keys read "not present" whether absent or
 * null, so the browser can show "unknown" instead of a made-up 0. */
#ifndef PL_PAIMON_SNAPSHOT_H
#define PL_PAIMON_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "paimon/manifest.h"   /* struct pl_opt_i64 */
#include "util/arena.h"
#include "util/err.h"

/* Snapshots are a few KiB; properties could grow, a megabyte cannot be
 * legitimate (spec §0). */
#define PL_SNAPSHOT_READ_CAP ((size_t)1 << 20)

#define PL_SNAPSHOT_DIR "snapshot"
#define PL_SNAPSHOT_PREFIX "snapshot-"
#define PL_CHANGELOG_DIR "changelog"
#define PL_CHANGELOG_PREFIX "changelog-"

enum pl_commit_kind {
	PL_COMMIT_UNKNOWN = 0,  /* a value this reader does not know; see commit_kind */
	PL_COMMIT_APPEND,
	PL_COMMIT_COMPACT,
	PL_COMMIT_OVERWRITE,
	PL_COMMIT_ANALYZE,
};

struct pl_kv {
	const char *key;
	const char *value;
};

struct pl_snapshot {
	int64_t id;
	int64_t schema_id;
	struct pl_opt_i64 version;              /* absent before TS 0.3 */
	const char *uuid;                       /* 2.0+, else NULL */
	const char *file;                       /* as shown in messages */
	/* Manifest list file NAMES, resolved against <table>/manifest/ (the
	 * table root even for a branch). changelog_manifest_list is NULL
	 * when the commit produced no changelog. base and delta are NULL
	 * only in hand-written tag files: Java's Jackson creator does not
	 * require them, so a tag without them still lists; a reader of the
	 * files calls pl_snapshot_manifest_lists first. */
	const char *base_manifest_list;
	struct pl_opt_i64 base_manifest_list_size;        /* 1.1+ */
	const char *delta_manifest_list;
	struct pl_opt_i64 delta_manifest_list_size;
	const char *changelog_manifest_list;
	struct pl_opt_i64 changelog_manifest_list_size;
	const char *index_manifest;             /* NULL: no index files */
	const char *commit_user;
	const char *writer_version;             /* master+, else NULL */
	int64_t commit_identifier;
	const char *commit_kind;                /* as written */
	enum pl_commit_kind kind;
	int64_t time_millis;                    /* 0 when absent, as in Java */
	struct pl_opt_i64 total_record_count;
	struct pl_opt_i64 delta_record_count;
	struct pl_opt_i64 changelog_record_count;
	struct pl_opt_i64 watermark;
	struct pl_opt_i64 next_row_id;          /* 1.3+ */
	const char *statistics;                 /* file name in <table>/statistics/ */
	const char *operation;                  /* 2.0+ */
	size_t nproperties;                     /* 1.2+, file order; a JSON null value is NULL */
	struct pl_kv *properties;

	/* Tag files only (paimon/tag.h). tag_create_time holds the writer's
	 * local wall-clock parts [y, mo, d, h, mi, s, ns] (missing trailing
	 * parts are 0) and tag_create_time_ms the same read as if it were UTC,
	 * which is how Java's $tags shows it. tag_time_retained is the
	 * decimal-seconds text as written ("86400.000000000"). */
	int has_tag_create_time;
	int32_t tag_create_time[7];
	int64_t tag_create_time_ms;
	const char *tag_time_retained;
	struct pl_opt_i64 tag_time_retained_ms;
};

/* Parses snapshot-like JSON (snapshot, changelog and tag files). file
 * names the input in messages. Everything lives in arena. Only "id" is
 * required; a missing "id" or a key of the wrong type is PL_ERR_CORRUPT
 * with the offset of the offending value. */
int pl_snapshot_parse(const char *json, size_t len, const char *file, struct pl_arena *arena,
		      struct pl_snapshot *out, struct pl_error *err);

/* 0 when s names its base and delta manifest lists; otherwise
 * PL_ERR_CORRUPT naming the file and the missing key. Readers of a
 * snapshot's data files call it before reading the lists. */
int pl_snapshot_manifest_lists(const struct pl_snapshot *s, struct pl_error *err);

/* Reads and parses the snapshot-like file at path (a tag, or a snapshot
 * whose id need not match its name). A missing file is PL_ERR_NOT_FOUND. */
int pl_snapshot_read(struct pl_storage *st, const char *path, struct pl_arena *arena,
		     struct pl_snapshot *out, struct pl_error *err);

const char *pl_commit_kind_name(enum pl_commit_kind kind);
enum pl_commit_kind pl_commit_kind_parse(const char *s);

/* Reads and parses <dir>/<prefix><id>, e.g. (branch_path/snapshot,
 * "snapshot-", 3). A missing file is PL_ERR_NOT_FOUND. */
int pl_snapshot_load(struct pl_storage *st, const char *dir, const char *prefix, int64_t id,
		     struct pl_arena *arena, struct pl_snapshot *out, struct pl_error *err);

/* One file of a batch load: a missing or corrupt file fails only its slot. */
struct pl_snapshot_slot {
	int64_t id;                 /* in */
	struct pl_snapshot *snap;   /* out: in the arena; NULL when failed */
	struct pl_error err;        /* out: why it failed */
};

/* Loads many files of one directory through pl_storage_read_batch (remote
 * stores serve them in parallel). Returns the number of failed slots. */
size_t pl_snapshot_load_batch(struct pl_storage *st, const char *dir, const char *prefix,
			      struct pl_snapshot_slot *slots, size_t n, struct pl_arena *arena);

/* Valid ids of the files <prefix><id> in dir, ascending and unique: Java's
 * listVersionedFiles rule (the rest of the name must be a signed 64-bit
 * decimal; hidden and temporary files never qualify). A missing dir gives
 * none. *ids is malloc'ed (free it). Gaps are kept as they are. */
int pl_versioned_list_ids(struct pl_storage *st, const char *dir, const char *prefix,
			  int64_t **ids, size_t *n, struct pl_error *err);

/* Ids missing between ids[0] and ids[n-1] (ascending, unique): the
 * browser reports holes instead of failing on them as Java's $snapshots
 * does. */
uint64_t pl_versioned_gap_count(const int64_t *ids, size_t n);

/* The hint rules of §4.6 for a snapshot/ or changelog/ directory.
 * Latest: LATEST = N > 0 is taken when <prefix>N exists and <prefix>(N+1)
 * does not (Java skips the first check; we refuse to name a file that is
 * gone). Earliest: EARLIEST = N is taken when <prefix>N exists. Otherwise
 * (hint missing, empty, not a number, stale) the directory is listed.
 * No valid file: PL_ERR_NOT_FOUND. *from_hint tells which way it went
 * (may be NULL). Hints are never written or repaired. */
int pl_hint_find_latest(struct pl_storage *st, const char *dir, const char *prefix,
			int64_t *id, int *from_hint, struct pl_error *err);
int pl_hint_find_earliest(struct pl_storage *st, const char *dir, const char *prefix,
			  int64_t *id, int *from_hint, struct pl_error *err);
/* Parses hint text: ASCII decimal, surrounding ASCII whitespace allowed.
 * Returns 0 and sets *id, or -1 (no hint) for anything else. */
int pl_hint_parse(const char *text, size_t len, int64_t *id);

#endif
