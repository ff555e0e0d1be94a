/* tag/tag-<name>: listing and loading. */
#include "paimon/tag.h"
#include "paimon/meta_dir.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

/* Tag names come from file names or users; one with a slash would leave
 * the tag folder. */
static int valid_name(const char *name)
{
	return *name && !strchr(name, '/') && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

int pl_tag_load(struct pl_storage *st, const char *branch_path, const char *name,
		struct pl_arena *arena, struct pl_snapshot *out, struct pl_error *err)
{
	if (!valid_name(name))
		return pl_err(err, PL_ERR_NOT_FOUND, "tag \"%s\": not a valid tag name", name);
	char *dir = pl_path_join_dup(branch_path, PL_TAG_DIR);
	struct pl_arena tmp;
	pl_arena_init(&tmp, 256);
	char *path = pl_path_join(&tmp, dir, pl_arena_printf(&tmp, PL_TAG_PREFIX "%s", name));
	int rc = pl_snapshot_read(st, path, arena, out, err);
	if (rc && err && err->code == PL_ERR_NOT_FOUND) {
		char *shown = pl_storage_display(st, path);
		pl_err(err, PL_ERR_NOT_FOUND, "%s: no such tag \"%s\"", shown, name);
		free(shown);
	}
	pl_arena_free(&tmp);
	free(dir);
	return rc;
}

int pl_tag_list(struct pl_storage *st, const char *branch_path, struct pl_arena *arena,
		struct pl_tag **out, size_t *n, struct pl_error *err)
{
	*out = NULL;
	*n = 0;
	char *dir = pl_path_join_dup(branch_path, PL_TAG_DIR);
	struct pl_meta_dir md;
	int rc = pl_meta_dir_read(st, dir, PL_TAG_PREFIX, PL_SNAPSHOT_READ_CAP, &md, err);
	free(dir);
	if (rc) {
		pl_meta_dir_free(&md);
		return -1;
	}
	struct pl_tag *tags = pl_arena_alloc(arena, (md.n ? md.n : 1) * sizeof(*tags));
	for (size_t i = 0; i < md.n; i++) {
		const struct pl_meta_dir_file *f = &md.files[i];
		struct pl_error perr = f->err;
		memset(&tags[i], 0, sizeof(tags[i]));
		tags[i].name = pl_arena_strdup(arena, f->suffix);
		tags[i].mtime_ms = f->mtime_ms;
		if (f->data) {
			struct pl_snapshot *snap = pl_arena_alloc(arena, sizeof(*snap));
			if (pl_snapshot_parse(f->data, f->len, f->shown, arena, snap, &perr) == 0)
				tags[i].snap = snap;
		}
		if (!tags[i].snap) {
			tags[i].error_code = perr.code;
			tags[i].error = pl_arena_strdup(arena, perr.msg);
		}
	}
	*out = tags;
	*n = md.n;
	pl_meta_dir_free(&md);
	return 0;
}
