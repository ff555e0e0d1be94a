/* What a snapshot names for pl_fileset_load, and the data-path layout a
 * schema's options describe: every reader of a live file set (the export's
 * table loader, the health checks) starts from these two. */
#ifndef PL_PAIMON_FILESET_SOURCE_H
#define PL_PAIMON_FILESET_SOURCE_H

#include "paimon/fileset.h"
#include "paimon/schema.h"
#include "paimon/snapshot.h"
#include "util/arena.h"
#include "util/err.h"

/* The manifest lists and index manifest of s. Without with_changelog the
 * changelog list is left out: it costs reads and only the record's
 * changelog count wants it. */
void pl_fileset_source_of(const struct pl_snapshot *s, int with_changelog,
			  struct pl_fileset_source *out);

/* The path layout of a table at table_root written with schema s
 * (data-file.path-directory, partition.default-name, partition.legacy-name,
 * index-file-in-data-file-dir). Strings point into s; the partition type
 * array is allocated in a. A partition key that names no column of s is
 * PL_ERR_CORRUPT. */
int pl_path_spec_of_schema(const struct pl_schema *s, const char *table_root,
			   struct pl_arena *a, struct pl_path_spec *out, struct pl_error *err);

#endif
