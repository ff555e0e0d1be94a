/* How many data files a snapshot holds, from its manifest lists alone
 * (format-manifests.md: ManifestFileMeta carries numAddedFiles and
 * numDeletedFiles), without reading a single manifest. */
#ifndef PL_PAIMON_SNAPSHOT_FILES_H
#define PL_PAIMON_SNAPSHOT_FILES_H

#include <stdint.h>

#include "io/storage.h"
#include "paimon/manifest.h"
#include "paimon/snapshot.h"
#include "util/err.h"

/* Live data files of the manifests listed in metas: the sum of added
 * minus deleted files (a DELETE entry cancels an ADD of an earlier
 * manifest of the same snapshot). */
int64_t pl_manifest_metas_net_files(const struct pl_manifest_file_metas *metas);

/* Live data files of each of n snapshots of the table at table_root: the
 * net count of its base and delta manifest lists. All 2n lists are read in
 * one batch (in parallel on object stores). known[i] is 0 where a list is
 * missing (expired since the snapshot was read), corrupt or not named. */
void pl_snapshot_file_counts(struct pl_storage *st, const char *table_root,
			     const struct pl_snapshot *const *snaps, size_t n, int64_t *counts,
			     int *known);

#endif
