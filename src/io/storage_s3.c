/* The storage interface over S3 and OSS: folders are key prefixes listed
 * with delimiter "/", files are objects read whole or by range, and a
 * batch of reads runs in parallel on one connection pool. Storage paths are
 * object keys ("wh/db.db/t/snapshot/LATEST"). */
#include "io/s3.h"
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/cache.h"

/* A listing of millions of pages is a loop, not a lake. */
#define MAX_LIST_PAGES 100000

struct remote {
	struct pl_s3 *s3;
	struct pl_cache *cache;
};

static struct pl_s3 *s3_of(struct pl_storage *st)
{
	return ((struct remote *)st->impl)->s3;
}

/* Storage paths never start with '/'; a folder path never ends with one. */
static char *key_of(const char *path)
{
	while (*path == '/')
		path++;
	return pl_strdup(path);
}

static char *folder_prefix(const char *path)
{
	char *k = key_of(path);
	size_t n = strlen(k);
	while (n && k[n - 1] == '/')
		k[--n] = 0;
	if (!n)
		return k;
	char *p = pl_malloc(n + 2);
	snprintf(p, n + 2, "%s/", k);
	free(k);
	return p;
}

int pl_s3_list_page(struct pl_s3 *s, const char *prefix, const char *token, int max_keys,
		    struct pl_list_page *out, struct pl_http_xfer *x, struct pl_error *err)
{
	struct pl_kvlist q = { 0 };
	char mk[16];
	snprintf(mk, sizeof(mk), "%d", max_keys);
	pl_kvlist_add(&q, "list-type", "2");
	pl_kvlist_add(&q, "prefix", prefix);
	pl_kvlist_add(&q, "delimiter", "/");
	pl_kvlist_add(&q, "max-keys", mk);
	pl_kvlist_add(&q, "encoding-type", "url");
	if (token)
		pl_kvlist_add(&q, "continuation-token", token);
	x->body_cap = 32 << 20;
	pl_s3_request(s, "GET", NULL, &q, NULL, x, NULL);
	pl_kvlist_free(&q);
	if (x->status != 200 || pl_http_transport_error(x))
		return pl_s3_error(s, x, prefix, err);
	const struct pl_s3_info *in = pl_s3_info(s);
	if (pl_xml_parse_list((const char *)x->body, x->body_len, in->kind == PL_STORE_OSS, out,
			      err))
		return pl_err_prefix(err, "%s://%s/%s", in->scheme, in->bucket, prefix);
	return 0;
}

/* 1000 is the most both stores return; tests lower it through
 * $PAIMON_LENS_S3_PAGE_SIZE to exercise continuation tokens. */
static int page_size(void)
{
	const char *v = getenv("PAIMON_LENS_S3_PAGE_SIZE");
	int n = v ? atoi(v) : 0;
	return n >= 1 && n <= 1000 ? n : 1000;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct pl_dirent *)a)->name, ((const struct pl_dirent *)b)->name);
}

static int remote_list(struct pl_storage *st, const char *path, struct pl_listing *out,
		       struct pl_error *err)
{
	struct pl_s3 *s = s3_of(st);
	char *prefix = folder_prefix(path);
	size_t plen = strlen(prefix), cap = 0;
	struct pl_dirent *items = NULL;
	char *token = NULL;
	int rc = 0;
	for (int page = 0;; page++) {
		if (page >= MAX_LIST_PAGES) {
			rc = pl_err(err, PL_ERR_LIMIT, "%s: more than %d listing pages", prefix,
				    MAX_LIST_PAGES);
			break;
		}
		struct pl_http_xfer x = { 0 };
		struct pl_list_page p;
		rc = pl_s3_list_page(s, prefix, token, page_size(), &p, &x, err);
		pl_http_xfer_reset(&x);
		if (rc)
			break;
		for (size_t i = 0; i < p.n_prefixes; i++) {
			const char *cp = p.prefixes[i];
			if (strncmp(cp, prefix, plen) != 0 || strlen(cp) <= plen + 1)
				continue;
			PL_GROW(items, cap, out->n + 1);
			struct pl_dirent *e = &items[out->n++];
			e->name = pl_arena_strndup(&out->arena, cp + plen, strlen(cp) - plen - 1);
			e->is_dir = 1;
			e->size = 0;
			e->mtime_ms = -1;
		}
		struct remote *r = st->impl;
		for (size_t i = 0; i < p.n_objects; i++) {
			const struct pl_list_object *o = &p.objects[i];
			pl_cache_note(r->cache, o->key, o->size, o->etag);
			/* "folder/" marker objects are the folder itself */
			if (strncmp(o->key, prefix, plen) != 0 || !o->key[plen] ||
			    strchr(o->key + plen, '/'))
				continue;
			PL_GROW(items, cap, out->n + 1);
			struct pl_dirent *e = &items[out->n++];
			e->name = pl_arena_strdup(&out->arena, o->key + plen);
			e->is_dir = 0;
			e->size = o->size;
			e->mtime_ms = o->mtime_ms;
		}
		int more = p.is_truncated;
		char *next = p.next_token ? pl_strdup(p.next_token) : NULL;
		pl_list_page_free(&p);
		if (!more) {
			free(next);
			break;
		}
		if (!next || (token && strcmp(next, token) == 0)) {
			free(next);
			rc = pl_err(err, PL_ERR_CORRUPT,
				    "%s: the store said the listing continues but gave no new continuation token",
				    prefix);
			break;
		}
		free(token);
		token = next;
	}
	free(token);
	free(prefix);
	if (rc) {
		free(items);
		out->n = 0;
		return rc;
	}
	if (out->n)
		qsort(items, out->n, sizeof(*items), by_name);
	out->items = pl_arena_memdup(&out->arena, items, out->n * sizeof(*items));
	free(items);
	return 0;
}

/* Range header for [offset, offset+length); NULL buffer content = whole. */
static int range_header(uint64_t offset, uint64_t length, char *buf, size_t n)
{
	if (offset == 0 && length == PL_READ_WHOLE)
		return 0;
	if (length == PL_READ_WHOLE)
		snprintf(buf, n, "bytes=%llu-", (unsigned long long)offset);
	else
		snprintf(buf, n, "bytes=%llu-%llu", (unsigned long long)offset,
			 (unsigned long long)(offset + length - 1));
	return 1;
}

/* Moves a successful body into out, checking what the server sent. */
static int take_body(struct pl_s3 *s, struct pl_http_xfer *x, const char *key, uint64_t offset,
		     uint64_t length, int ranged, struct pl_buf *out, struct pl_error *err)
{
	if (pl_http_transport_error(x) || (x->status != 200 && x->status != 206)) {
		if (x->status == 416)
			return pl_err(err, PL_ERR_IO, "%s://%s/%s: range starts at %llu beyond the end",
				      pl_s3_info(s)->scheme, pl_s3_info(s)->bucket, key,
				      (unsigned long long)offset);
		return pl_s3_error(s, x, key, err);
	}
	uint8_t *data = x->body;
	size_t len = x->body_len;
	if (ranged && x->status == 206) {
		unsigned long long first = 0;
		const char *cr = pl_kvlist_get(&x->resp_headers, "Content-Range");
		if (!cr || sscanf(cr, "bytes %llu-", &first) != 1 || first != offset)
			return pl_err(err, PL_ERR_IO, "%s: the store answered another range (%s) than asked",
				      key, cr ? cr : "none");
	}
	if (ranged && x->status == 200) {
		/* The server ignored Range: cut the part out ourselves. */
		if (offset > len)
			return pl_err(err, PL_ERR_IO, "%s: range starts at %llu beyond the end (%zu bytes)",
				      key, (unsigned long long)offset, len);
		size_t want = len - (size_t)offset;
		if (length != PL_READ_WHOLE && length < want)
			want = (size_t)length;
		memmove(data, data + offset, want);
		len = want;
	}
	if (length != PL_READ_WHOLE && len > length)
		return pl_err(err, PL_ERR_IO, "%s: the store sent %zu bytes for a %llu-byte range", key,
			      len, (unsigned long long)length);
	if (!data) {
		data = pl_malloc(1);
		data[0] = 0;
	}
	out->data = data;
	out->len = len;
	x->body = NULL;
	x->body_len = 0;
	return 0;
}

struct read_job {
	struct pl_s3_req req;
	struct pl_http_xfer x;
	char range[64];
	char *key;
	int ranged;
	int from_cache;
};

static size_t run_reads(struct pl_storage *st, struct pl_read_req *reqs, size_t n)
{
	struct remote *r = st->impl;
	struct read_job *jobs = pl_calloc(n, sizeof(*jobs));
	struct pl_http_xfer **xs = pl_calloc(n, sizeof(*xs));
	size_t nx = 0, failed = 0;
	for (size_t i = 0; i < n; i++) {
		struct read_job *j = &jobs[i];
		struct pl_read_req *q = &reqs[i];
		j->key = key_of(q->path);
		if (q->length == 0) {
			q->out.data = pl_calloc(1, 1);
			q->out.len = 0;
			j->from_cache = 1;
			continue;
		}
		if (r->cache && pl_cache_get(r->cache, j->key, q->offset, q->length, &q->out) == 0) {
			j->from_cache = 1;
			continue;
		}
		j->ranged = range_header(q->offset, q->length, j->range, sizeof(j->range));
		j->req = (struct pl_s3_req){ r->s3, "GET", j->key, NULL, j->ranged ? j->range : NULL,
					     NULL };
		size_t cap = q->cap ? q->cap : PL_READ_CAP_DEFAULT;
		/* A server that ignores Range sends everything up to the cap. */
		j->x.body_cap = cap;
		pl_s3_bind(&j->req, &j->x);
		xs[nx++] = &j->x;
	}
	pl_http_perform(pl_s3_http(r->s3), xs, nx);
	for (size_t i = 0; i < n; i++) {
		struct read_job *j = &jobs[i];
		struct pl_read_req *q = &reqs[i];
		if (!j->from_cache) {
			q->status = take_body(r->s3, &j->x, j->key, q->offset, q->length, j->ranged,
					      &q->out, &q->err);
			if (q->status == 0 && r->cache)
				pl_cache_put(r->cache, j->key, &j->x.resp_headers, q->offset,
					     q->length, &q->out);
			pl_http_xfer_reset(&j->x);
		}
		if (q->status)
			failed++;
		free(j->key);
	}
	free(xs);
	free(jobs);
	return failed;
}

static size_t remote_read_batch(struct pl_storage *st, struct pl_read_req *reqs, size_t n)
{
	return run_reads(st, reqs, n);
}

static int remote_read(struct pl_storage *st, const char *path, uint64_t offset,
		       uint64_t length, size_t cap, struct pl_buf *out, struct pl_error *err)
{
	struct pl_read_req q = { .path = path, .offset = offset, .length = length, .cap = cap };
	run_reads(st, &q, 1);
	if (q.status) {
		if (err)
			*err = q.err;
		return -1;
	}
	*out = q.out;
	return 0;
}

static int remote_stat(struct pl_storage *st, const char *path, struct pl_dirent *out,
		       struct pl_error *err)
{
	struct pl_s3 *s = s3_of(st);
	char *key = key_of(path);
	size_t n = strlen(key);
	while (n && key[n - 1] == '/')
		key[--n] = 0;
	out->name = pl_path_base(path);
	out->mtime_ms = -1;
	out->size = 0;
	int rc = 0;
	if (n) {
		struct pl_http_xfer x = { 0 };
		pl_s3_request(s, "HEAD", key, NULL, NULL, &x, NULL);
		if (x.status == 200 && !pl_http_transport_error(&x)) {
			const char *cl = pl_kvlist_get(&x.resp_headers, "Content-Length");
			const char *lm = pl_kvlist_get(&x.resp_headers, "Last-Modified");
			out->is_dir = 0;
			out->size = cl ? strtoull(cl, NULL, 10) : 0;
			pl_cache_note(((struct remote *)st->impl)->cache, key, out->size,
				      pl_kvlist_get(&x.resp_headers, "ETag"));
			time_t t = pl_time_parse_rfc1123(lm);
			out->mtime_ms = t < 0 ? -1 : (int64_t)t * 1000;
			pl_http_xfer_reset(&x);
			free(key);
			return 0;
		}
		if (x.status != 404) {
			rc = pl_s3_error(s, &x, key, err);
			pl_http_xfer_reset(&x);
			free(key);
			return rc;
		}
		pl_http_xfer_reset(&x);
	}
	/* No such object: a folder exists when something lives below it. */
	char *prefix = folder_prefix(key);
	struct pl_http_xfer x = { 0 };
	struct pl_list_page p;
	rc = pl_s3_list_page(s, prefix, NULL, 1, &p, &x, err);
	pl_http_xfer_reset(&x);
	if (rc == 0) {
		if (p.n_objects || p.n_prefixes || !n)
			out->is_dir = 1;
		else
			rc = pl_err(err, PL_ERR_NOT_FOUND, "%s://%s/%s: not found", pl_s3_info(s)->scheme,
				    pl_s3_info(s)->bucket, key);
		pl_list_page_free(&p);
	}
	free(prefix);
	free(key);
	return rc;
}

static void remote_destroy(struct pl_storage *st)
{
	struct remote *r = st->impl;
	pl_s3_free(r->s3);
	pl_cache_close(r->cache);
	free(r);
}

static char *remote_display(const struct pl_storage *st, const char *path)
{
	const struct pl_s3_info *in = pl_s3_info(((struct remote *)st->impl)->s3);
	while (*path == '/')
		path++;
	size_t n = strlen(in->scheme) + strlen(in->bucket) + strlen(path) + 8;
	char *r = pl_malloc(n);
	snprintf(r, n, "%s://%s%s%s", in->scheme, in->bucket, *path ? "/" : "", path);
	return r;
}

static const struct pl_storage_ops s3_ops = {
	.scheme = "s3", .list = remote_list, .read = remote_read,
	.read_batch = remote_read_batch, .stat = remote_stat, .destroy = remote_destroy,
	.display = remote_display,
};

static const struct pl_storage_ops oss_ops = {
	.scheme = "oss", .list = remote_list, .read = remote_read,
	.read_batch = remote_read_batch, .stat = remote_stat, .destroy = remote_destroy,
	.display = remote_display,
};

int pl_storage_s3_wrap(struct pl_s3 *s, const char *uri, struct pl_storage **out,
		       struct pl_error *err)
{
	(void)err;
	const struct pl_s3_info *in = pl_s3_info(s);
	struct remote *r = pl_calloc(1, sizeof(*r));
	r->s3 = s;
	struct pl_storage *st = pl_calloc(1, sizeof(*st));
	st->ops = in->kind == PL_STORE_OSS ? &oss_ops : &s3_ops;
	st->uri = pl_strdup(uri);
	st->root = pl_strdup(in->prefix);
	st->impl = r;
	*out = st;
	return 0;
}

int pl_remote_uri_parse(const char *uri, struct pl_s3_config *cfg, char **bucket,
			char **prefix, struct pl_error *err)
{
	static const struct {
		const char *scheme;
		enum pl_store_kind kind;
	} schemes[] = { { "s3", PL_STORE_S3 }, { "s3a", PL_STORE_S3 }, { "oss", PL_STORE_OSS } };
	const char *sep = strstr(uri, "://");
	for (size_t i = 0; sep && i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		if ((size_t)(sep - uri) != strlen(schemes[i].scheme) ||
		    strncasecmp(uri, schemes[i].scheme, (size_t)(sep - uri)) != 0)
			continue;
		cfg->kind = schemes[i].kind;
		cfg->scheme = schemes[i].scheme;
		const char *b = sep + 3;
		size_t bn = strcspn(b, "/");
		if (!bn)
			return pl_err(err, PL_ERR_USAGE, "%s: no bucket name after %s://", uri,
				      schemes[i].scheme);
		*bucket = pl_strndup(b, bn);
		const char *p = b + bn;
		while (*p == '/')
			p++;
		size_t pn = strlen(p);
		while (pn && p[pn - 1] == '/')
			pn--;
		*prefix = pl_strndup(p, pn);
		return 0;
	}
	return pl_err(err, PL_ERR_USAGE, "%s: not an oss://, s3:// or s3a:// URI", uri);
}

void pl_s3_config_from_options(struct pl_s3_config *cfg, const struct pl_storage_options *o)
{
	if (!o)
		return;
	if (o->endpoint && *o->endpoint)
		cfg->endpoint = o->endpoint;
	if (o->region && *o->region)
		cfg->region = o->region;
	cfg->path_style = o->path_style;
	cfg->http.max_parallel = o->max_parallel;
	cfg->http.ca_file = o->ca_file;
	cfg->no_cache = o->no_cache;
	if (o->profile && *o->profile)
		cfg->profile = o->profile;
	if (o->access_mode && *o->access_mode)
		cfg->access_mode = o->access_mode;
	if (o->ram_role && *o->ram_role)
		cfg->ram_role = o->ram_role;
	if (o->signature && strcasecmp(o->signature, "v1") == 0)
		cfg->sig = PL_SIG_OSS_V1;
	else if (o->signature && strcasecmp(o->signature, "s3") == 0)
		cfg->sig = PL_SIG_AWS_V4;
}

int pl_storage_remote_open(const char *uri, const struct pl_storage_options *opts,
			   struct pl_storage **out, struct pl_error *err)
{
	struct pl_s3_config cfg = { 0 };
	char *bucket = NULL, *prefix = NULL;
	if (pl_remote_uri_parse(uri, &cfg, &bucket, &prefix, err))
		return -1;
	cfg.bucket = bucket;
	cfg.prefix = prefix;
	pl_s3_config_from_options(&cfg, opts);
	struct pl_s3 *s;
	int rc = pl_s3_new(&cfg, &s, err);
	if (rc == 0) {
		pl_storage_s3_wrap(s, uri, out, err);
		struct remote *r = (*out)->impl;
		if (!cfg.no_cache) {
			const struct pl_s3_info *in = pl_s3_info(s);
			size_t n = strlen(in->endpoint_host) + strlen(in->bucket) + 2;
			char *scope = pl_malloc(n);
			snprintf(scope, n, "%s/%s", in->endpoint_host, in->bucket);
			r->cache = pl_cache_open(NULL, scope, 0);
			free(scope);
		}
	}
	free(bucket);
	free(prefix);
	return rc;
}
