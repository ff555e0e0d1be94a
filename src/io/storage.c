/* Back-end independent parts of the storage interface. */
#include "io/storage.h"
#include "io/s3.h"
#include "io/sources.h"
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

/* Opens the warehouse of a data source (io/sources.h) with the source's
 * settings under the caller's options. */
static int open_source(const char *name, int strict, const struct pl_storage_options *opts,
		       struct pl_storage **out, struct pl_error *err)
{
	struct pl_sources sources;
	struct pl_error serr;
	if (pl_sources_load(NULL, &sources, &serr)) {
		if (strict) {
			if (err)
				*err = serr;
			return -1;
		}
		/* Most likely a mistyped folder: say that, and the file's trouble. */
		int rc = pl_storage_local_open(name, out, err);
		if (rc && err) {
			size_t n = strlen(err->msg);
			snprintf(err->msg + n, sizeof(err->msg) - n, " (and it is no data source: %.300s)",
				 serr.msg);
		}
		return rc;
	}
	const struct pl_source *src = pl_sources_find(&sources, name);
	int rc;
	if (!src && strict) {
		rc = pl_err(err, PL_ERR_NOT_FOUND, "no data source named \"%.200s\"", name);
	} else if (!src) {
		rc = pl_storage_local_open(name, out, err);
	} else {
		struct pl_storage_options o = { 0 };
		if (opts)
			o = *opts;
		const char *uri = pl_source_apply(src, &o);
		rc = strstr(uri, "://") ? pl_storage_open(uri, &o, out, err)
					: pl_storage_local_open(uri, out, err);
	}
	pl_sources_free(&sources);
	return rc;
}

int pl_storage_open(const char *uri, const struct pl_storage_options *opts,
		    struct pl_storage **out, struct pl_error *err)
{
	if (!uri || !*uri)
		return pl_err(err, PL_ERR_USAGE, "no warehouse given");
	/* "source:NAME" is always a data source, never a folder that happens
	 * to bear the name in the current directory. */
	if (strncmp(uri, PL_SOURCE_URI_PREFIX, strlen(PL_SOURCE_URI_PREFIX)) == 0)
		return open_source(uri + strlen(PL_SOURCE_URI_PREFIX), 1, opts, out, err);
	const char *colon = strstr(uri, "://");
	if (strncmp(uri, "file:", 5) == 0) {
		const char *p = uri + 5;
		/* file:///abs, file:/abs and file://localhost/abs */
		if (strncmp(p, "//localhost/", 12) == 0)
			p += 11;
		else if (strncmp(p, "//", 2) == 0)
			p += 2;
		return pl_storage_local_open(p, out, err);
	}
	if (strncmp(uri, "s3://", 5) == 0 || strncmp(uri, "s3a://", 6) == 0 ||
	    strncmp(uri, "oss://", 6) == 0)
		return pl_storage_remote_open(uri, opts, out, err);
	/* A bare name that is no folder here may be a data source. */
	struct stat sb;
	if (!colon && !strchr(uri, '/') && stat(uri, &sb) != 0)
		return open_source(uri, 0, opts, out, err);
	if (colon && colon > uri) {
		/* A scheme we do not know: say so instead of treating
		 * "s3://x" as a relative local folder named "s3:". */
		return pl_err(err, PL_ERR_USAGE, "%.*s: unsupported storage scheme (use a local path, file:, oss:// or s3://)",
			      (int)(colon - uri), uri);
	}
	return pl_storage_local_open(uri, out, err);
}

void pl_storage_close(struct pl_storage *st)
{
	if (!st)
		return;
	if (st->ops && st->ops->destroy)
		st->ops->destroy(st);
	free(st->uri);
	free(st->root);
	free(st);
}

void pl_storage_set_cancel(struct pl_storage *st, const atomic_int *flag)
{
	st->cancel = flag;
}

static int cancelled(const struct pl_storage *st)
{
	return st->cancel && atomic_load(st->cancel);
}

static int cancel_error(struct pl_error *err)
{
	return pl_err(err, PL_ERR_CANCELLED, "cancelled");
}

int pl_storage_list(struct pl_storage *st, const char *path, struct pl_listing *out,
		    struct pl_error *err)
{
	memset(out, 0, sizeof(*out));
	pl_arena_init(&out->arena, 16 * 1024);
	if (cancelled(st))
		return cancel_error(err);
	return st->ops->list(st, path, out, err);
}

void pl_listing_free(struct pl_listing *l)
{
	pl_arena_free(&l->arena);
	l->items = NULL;
	l->n = 0;
}

int pl_storage_read(struct pl_storage *st, const char *path, size_t cap, struct pl_buf *out,
		    struct pl_error *err)
{
	out->data = NULL;
	out->len = 0;
	out->mapped = 0;
	if (cancelled(st))
		return cancel_error(err);
	return st->ops->read(st, path, 0, PL_READ_WHOLE, cap ? cap : PL_READ_CAP_DEFAULT, out,
			     err);
}

int pl_storage_read_range(struct pl_storage *st, const char *path, uint64_t offset,
			  uint64_t length, struct pl_buf *out, struct pl_error *err)
{
	out->data = NULL;
	out->len = 0;
	out->mapped = 0;
	if (cancelled(st))
		return cancel_error(err);
	return st->ops->read(st, path, offset, length, PL_READ_CAP_DEFAULT, out, err);
}

size_t pl_storage_read_batch(struct pl_storage *st, struct pl_read_req *reqs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		reqs[i].out.data = NULL;
		reqs[i].out.len = 0;
		reqs[i].out.mapped = 0;
		reqs[i].status = 0;
		pl_err_clear(&reqs[i].err);
	}
	size_t failed = 0;
	if (st->ops->read_batch && !st->cancel)
		return st->ops->read_batch(st, reqs, n);
	if (st->ops->read_batch) {
		/* Slices, so a cancel lands between them, not after the batch. */
		for (size_t i = 0; i < n; i += PL_CANCEL_SLICE) {
			size_t k = n - i < PL_CANCEL_SLICE ? n - i : PL_CANCEL_SLICE;
			if (cancelled(st)) {
				for (size_t j = i; j < i + k; j++)
					reqs[j].status = cancel_error(&reqs[j].err);
				failed += k;
			} else {
				failed += st->ops->read_batch(st, reqs + i, k);
			}
		}
		return failed;
	}
	for (size_t i = 0; i < n; i++) {
		struct pl_read_req *r = &reqs[i];
		if (cancelled(st)) {
			r->status = cancel_error(&r->err);
			failed++;
			continue;
		}
		r->status = st->ops->read(st, r->path, r->offset, r->length,
					  r->cap ? r->cap : PL_READ_CAP_DEFAULT, &r->out, &r->err);
		if (r->status)
			failed++;
	}
	return failed;
}

void pl_read_req_free(struct pl_read_req *reqs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		pl_buf_free(&reqs[i].out);
}

int pl_storage_stat(struct pl_storage *st, const char *path, struct pl_dirent *out,
		    struct pl_error *err)
{
	if (cancelled(st))
		return cancel_error(err);
	return st->ops->stat(st, path, out, err);
}

void pl_buf_free(struct pl_buf *b)
{
	if (b->mapped)
		munmap(b->data, b->mapped);
	else
		free(b->data);
	b->data = NULL;
	b->len = 0;
	b->mapped = 0;
}

static size_t trimmed_len(const char *dir)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	return n;
}

char *pl_path_join(struct pl_arena *a, const char *dir, const char *name)
{
	if (!dir || !*dir)
		return pl_arena_strdup(a, name);
	size_t n = trimmed_len(dir);
	while (*name == '/')
		name++;
	if (n == 1 && dir[0] == '/')
		return pl_arena_printf(a, "/%s", name);
	return pl_arena_printf(a, "%.*s/%s", (int)n, dir, name);
}

char *pl_path_join_dup(const char *dir, const char *name)
{
	struct pl_arena a;
	pl_arena_init(&a, 256);
	char *p = pl_path_join(&a, dir, name);
	char *r = pl_strdup(p);
	pl_arena_free(&a);
	return r;
}

const char *pl_path_base(const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	const char *p = path + n;
	while (p > path && p[-1] != '/')
		p--;
	return p;
}

char *pl_storage_display(const struct pl_storage *st, const char *path)
{
	if (!st || !st->ops || strcmp(st->ops->scheme, "file") == 0)
		return pl_strdup(path);
	if (st->ops->display)
		return st->ops->display(st, path);
	const char *bucket = st->impl ? NULL : NULL;
	(void)bucket;
	size_t n = strlen(st->ops->scheme) + strlen(path) + 4;
	char *r = pl_malloc(n);
	snprintf(r, n, "%s://%s", st->ops->scheme, path);
	return r;
}
