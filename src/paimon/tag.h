/* Tags: tag/tag-<name> files of a branch (format-metadata.md §6.1). A tag
 * file is the tagged snapshot's JSON plus tagCreateTime/tagTimeRetained,
 * so it parses into a struct pl_snapshot (paimon/snapshot.h). */
#ifndef PL_PAIMON_TAG_H
#define PL_PAIMON_TAG_H

#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "paimon/snapshot.h"
#include "util/arena.h"
#include "util/err.h"

#define PL_TAG_DIR "tag"
#define PL_TAG_PREFIX "tag-"

struct pl_tag {
	const char *name;            /* file name minus "tag-"; free text */
	int64_t mtime_ms;            /* of the file; -1 when unknown */
	/* The tagged snapshot (the tag itself keys: has_tag_create_time,
	 * tag_time_retained). NULL when the file did not parse: then
	 * error_code and error say why, and the other tags are still there. */
	const struct pl_snapshot *snap;
	enum pl_err_code error_code;
	const char *error;
};

/* Tags of the branch at branch_path (the table folder for main), sorted by
 * name: regular non-hidden files "tag-<name>" only (tag/tag-success-file/
 * is a directory). Files are read in one batch; a tag that disappears
 * between listing and reading is dropped, as Java does. Failing to list
 * is an error; a missing tag/ folder means no tags. */
int pl_tag_list(struct pl_storage *st, const char *branch_path, struct pl_arena *arena,
		struct pl_tag **out, size_t *n, struct pl_error *err);

/* One tag by name; a missing one is PL_ERR_NOT_FOUND. */
int pl_tag_load(struct pl_storage *st, const char *branch_path, const char *name,
		struct pl_arena *arena, struct pl_snapshot *out, struct pl_error *err);

#endif
