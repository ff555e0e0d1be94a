/* tag/tag-<name>: listing and loading. */
#include "paimon/tag.h"
#include "paimon/meta_json.h"
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
	char *shown;
	struct pl_buf buf;
	int rc = pl_meta_read(st, path, PL_SNAPSHOT_READ_CAP, &buf, &shown, err);
	if (rc == 0) {
		rc = pl_snapshot_parse((const char *)buf.data, buf.len, shown, arena, out, err);
		pl_buf_free(&buf);
	} else if (err && err->code == PL_ERR_NOT_FOUND) {
		pl_err(err, PL_ERR_NOT_FOUND, "%s: no such tag \"%s\"", shown, name);
	}
	free(shown);
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
	struct pl_listing l;
	if (pl_meta_list_prefixed(st, dir, PL_TAG_PREFIX, 0, &l, err)) {
		free(dir);
		return -1;
	}
	size_t plen = strlen(PL_TAG_PREFIX), count = 0;
	struct pl_read_req *reqs = pl_calloc(l.n ? l.n : 1, sizeof(*reqs));
	struct pl_tag *tags = pl_arena_alloc(arena, (l.n ? l.n : 1) * sizeof(*tags));
	for (size_t i = 0; i < l.n; i++) {
		if (!l.items[i].name[plen])
			continue;
		reqs[count].path = pl_path_join(&l.arena, dir, l.items[i].name);
		reqs[count].length = PL_READ_WHOLE;
		reqs[count].cap = PL_SNAPSHOT_READ_CAP;
		tags[count].name = pl_arena_strdup(arena, l.items[i].name + plen);
		tags[count].mtime_ms = l.items[i].mtime_ms;
		count++;
	}
	pl_storage_read_batch(st, reqs, count);
	size_t k = 0;
	for (size_t i = 0; i < count; i++) {
		struct pl_tag t = tags[i];
		struct pl_error perr;
		pl_err_clear(&perr);
		if (reqs[i].status) {
			if (reqs[i].err.code == PL_ERR_NOT_FOUND)
				continue;
			perr = reqs[i].err;
		} else {
			char *shown = pl_storage_display(st, reqs[i].path);
			struct pl_snapshot *snap = pl_arena_alloc(arena, sizeof(*snap));
			if (pl_snapshot_parse((const char *)reqs[i].out.data, reqs[i].out.len, shown,
					      arena, snap, &perr) == 0)
				t.snap = snap;
			free(shown);
		}
		if (!t.snap) {
			t.error_code = perr.code;
			t.error = pl_arena_strdup(arena, perr.msg);
		}
		tags[k++] = t;
	}
	pl_read_req_free(reqs, count);
	free(reqs);
	pl_listing_free(&l);
	free(dir);
	*out = tags;
	*n = k;
	return 0;
}
