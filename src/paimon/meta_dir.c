/* Listing and batch-reading the files of one metadata folder. */
#include "paimon/meta_dir.h"
#include "paimon/meta_json.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

int pl_meta_dir_read(struct pl_storage *st, const char *dir, const char *prefix, size_t cap,
		     struct pl_meta_dir *out, struct pl_error *err)
{
	memset(out, 0, sizeof(*out));
	if (pl_meta_list_prefixed(st, dir, prefix, 0, &out->listing, err))
		return -1;
	const struct pl_listing *l = &out->listing;
	size_t plen = strlen(prefix), count = 0;
	out->reqs = pl_calloc(l->n ? l->n : 1, sizeof(*out->reqs));
	out->files = pl_calloc(l->n ? l->n : 1, sizeof(*out->files));
	for (size_t i = 0; i < l->n; i++) {
		/* "tag-" alone names nothing. */
		if (!l->items[i].name[plen])
			continue;
		out->reqs[count].path = pl_path_join(&out->listing.arena, dir, l->items[i].name);
		out->reqs[count].length = PL_READ_WHOLE;
		out->reqs[count].cap = cap;
		out->files[count].suffix = l->items[i].name + plen;
		out->files[count].mtime_ms = l->items[i].mtime_ms;
		count++;
	}
	out->nreqs = count;
	pl_storage_read_batch(st, out->reqs, count);
	size_t k = 0;
	for (size_t i = 0; i < count; i++) {
		struct pl_meta_dir_file f = out->files[i];
		const struct pl_read_req *r = &out->reqs[i];
		pl_err_clear(&f.err);
		if (r->status) {
			/* Expired while being read: as if never listed. */
			if (r->err.code == PL_ERR_NOT_FOUND)
				continue;
			f.err = r->err;
		} else {
			f.data = (const char *)r->out.data;
			f.len = r->out.len;
		}
		f.shown = pl_storage_display(st, r->path);
		out->files[k++] = f;
	}
	out->n = k;
	return 0;
}

void pl_meta_dir_free(struct pl_meta_dir *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->files[i].shown);
	free(d->files);
	if (d->reqs)
		pl_read_req_free(d->reqs, d->nreqs);
	free(d->reqs);
	pl_listing_free(&d->listing);
	memset(d, 0, sizeof(*d));
}
