/* consumer/consumer-<id>: parsing and listing. */
#include "paimon/consumer.h"
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
	struct pl_listing l;
	if (pl_meta_list_prefixed(st, dir, PL_CONSUMER_PREFIX, 0, &l, err)) {
		free(dir);
		return -1;
	}
	size_t plen = strlen(PL_CONSUMER_PREFIX), count = 0;
	struct pl_read_req *reqs = pl_calloc(l.n ? l.n : 1, sizeof(*reqs));
	struct pl_consumer *c = pl_arena_alloc(arena, (l.n ? l.n : 1) * sizeof(*c));
	for (size_t i = 0; i < l.n; i++) {
		if (!l.items[i].name[plen])
			continue;
		reqs[count].path = pl_path_join(&l.arena, dir, l.items[i].name);
		reqs[count].length = PL_READ_WHOLE;
		reqs[count].cap = CONSUMER_READ_CAP;
		c[count].id = pl_arena_strdup(arena, l.items[i].name + plen);
		c[count].mtime_ms = l.items[i].mtime_ms;
		count++;
	}
	pl_storage_read_batch(st, reqs, count);
	size_t k = 0;
	for (size_t i = 0; i < count; i++) {
		struct pl_consumer one = c[i];
		struct pl_error perr;
		pl_err_clear(&perr);
		if (reqs[i].status) {
			if (reqs[i].err.code == PL_ERR_NOT_FOUND)
				continue;
			perr = reqs[i].err;
		} else {
			char *shown = pl_storage_display(st, reqs[i].path);
			pl_consumer_parse((const char *)reqs[i].out.data, reqs[i].out.len, shown,
					  arena, &one.next_snapshot, &perr);
			free(shown);
		}
		if (perr.code != PL_OK) {
			one.error_code = perr.code;
			one.error = pl_arena_strdup(arena, perr.msg);
		}
		c[k++] = one;
	}
	pl_read_req_free(reqs, count);
	free(reqs);
	pl_listing_free(&l);
	free(dir);
	*out = c;
	*n = k;
	return 0;
}
