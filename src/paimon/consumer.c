/* consumer/consumer-<id>: parsing and listing. */
#include "paimon/consumer.h"
#include "paimon/meta_dir.h"
#include "paimon/meta_json.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

/* A consumer file holds one number; anything big is not one. */
#define CONSUMER_READ_CAP ((size_t)64 << 10)

int pl_consumer_parse(const char *json, size_t len, const char *file, struct pl_arena *arena,
		      int64_t *next_snapshot, struct pl_error *err)
{
	struct pl_meta_doc d;
	if (pl_meta_doc_parse(&d, json, len, file, arena, err))
		return -1;
	return pl_meta_req_i64(&d, d.root, "nextSnapshot", next_snapshot);
}

int pl_consumer_list(struct pl_storage *st, const char *branch_path, struct pl_arena *arena,
		     struct pl_consumer **out, size_t *n, struct pl_error *err)
{
	*out = NULL;
	*n = 0;
	char *dir = pl_path_join_dup(branch_path, PL_CONSUMER_DIR);
	struct pl_meta_dir md;
	int rc = pl_meta_dir_read(st, dir, PL_CONSUMER_PREFIX, CONSUMER_READ_CAP, &md, err);
	free(dir);
	if (rc) {
		pl_meta_dir_free(&md);
		return -1;
	}
	struct pl_consumer *c = pl_arena_alloc(arena, (md.n ? md.n : 1) * sizeof(*c));
	for (size_t i = 0; i < md.n; i++) {
		const struct pl_meta_dir_file *f = &md.files[i];
		struct pl_error perr = f->err;
		memset(&c[i], 0, sizeof(c[i]));
		c[i].id = pl_arena_strdup(arena, f->suffix);
		c[i].mtime_ms = f->mtime_ms;
		if (f->data)
			pl_consumer_parse(f->data, f->len, f->shown, arena, &c[i].next_snapshot,
					  &perr);
		if (perr.code != PL_OK) {
			c[i].error_code = perr.code;
			c[i].error = pl_arena_strdup(arena, perr.msg);
		}
	}
	*out = c;
	*n = md.n;
	pl_meta_dir_free(&md);
	return 0;
}
