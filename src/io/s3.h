/* The object-store back end shared by S3 (s3://, s3a://) and Alibaba Cloud
 * OSS (oss://): they differ only in addressing defaults and signing, so
 * listing, ranges, batching and retries are one code path that the tests
 * against a real S3 server (Swift s3api) cover for both. */
#ifndef PL_IO_S3_H
#define PL_IO_S3_H

#include "io/credentials.h"
#include "io/http.h"
#include "io/storage.h"
#include "io/xml_list.h"

enum pl_sig_version {
	PL_SIG_DEFAULT = 0,    /* AWS V4 for S3, OSS V4 for OSS */
	PL_SIG_AWS_V4,
	PL_SIG_OSS_V4,
	PL_SIG_OSS_V1,
};

/* What the user asked for; pl_s3_new fills the gaps. */
struct pl_s3_config {
	enum pl_store_kind kind;
	const char *scheme;        /* "s3", "s3a" or "oss", for display */
	const char *bucket;
	const char *prefix;        /* warehouse key prefix, no leading '/' */
	const char *endpoint;      /* URL or host; NULL: environment, then default */
	const char *region;        /* NULL: environment, or derived from the endpoint */
	int path_style;            /* 1 forces path-style addressing */
	enum pl_sig_version sig;
	const char *access_mode;   /* for the credential chain */
	const char *profile;
	const char *ram_role;
	struct pl_http_options http;
	int no_cache;
};

/* The effective settings, for the connectivity test and messages. */
struct pl_s3_info {
	enum pl_store_kind kind;
	char scheme[8];
	char *bucket;
	char *prefix;
	char *endpoint_scheme;     /* "http" or "https" */
	char *endpoint_host;       /* host[:port] */
	char *request_host;        /* the Host header: with the bucket when virtual */
	char endpoint_from[64];    /* "--endpoint", "AWS_ENDPOINT_URL_S3", "default", ... */
	char *region;
	char region_from[64];
	int path_style;
	char path_style_why[64];
	enum pl_sig_version sig;
	struct pl_credentials creds;
};

struct pl_s3;

/* Resolves endpoint, region, addressing and credentials. A failure here
 * is a configuration problem (PL_ERR_USAGE). */
int pl_s3_new(const struct pl_s3_config *cfg, struct pl_s3 **out, struct pl_error *err);
void pl_s3_free(struct pl_s3 *s);
const struct pl_s3_info *pl_s3_info(const struct pl_s3 *s);
struct pl_http_client *pl_s3_http(struct pl_s3 *s);

/* One signed request, sent once through the retry machinery. key NULL is
 * a bucket-level request; range NULL for none. dbg (may be NULL) receives
 * what was signed on the last attempt. */
void pl_s3_request(struct pl_s3 *s, const char *method, const char *key,
		   const struct pl_kvlist *query, const char *range, struct pl_http_xfer *x,
		   struct pl_sign_debug *dbg);

/* A request of a batch: the caller keeps it alive until pl_http_perform
 * on pl_s3_http(s) returns; pl_s3_bind makes x send it. */
struct pl_s3_req {
	struct pl_s3 *s3;
	const char *method;        /* "GET" or "HEAD" */
	const char *key;           /* NULL: bucket-level */
	const struct pl_kvlist *query;
	const char *range;         /* "bytes=A-B" or NULL */
	struct pl_sign_debug *dbg;
};
void pl_s3_bind(struct pl_s3_req *r, struct pl_http_xfer *x);

/* Turns a failed transfer into an error naming path, status, the store's
 * error code and a hint. */
int pl_s3_error(struct pl_s3 *s, const struct pl_http_xfer *x, const char *path,
		struct pl_error *err);
/* What to tell the user about a store error code, or NULL. */
const char *pl_s3_hint(const char *code);

/* One page of a ListObjectsV2 listing of prefix (delimiter "/"). */
int pl_s3_list_page(struct pl_s3 *s, const char *prefix, const char *token, int max_keys,
		    struct pl_list_page *out, struct pl_http_xfer *x, struct pl_error *err);

/* Wraps s in the storage interface; the storage owns s afterwards. */
int pl_storage_s3_wrap(struct pl_s3 *s, const char *uri, struct pl_storage **out,
		       struct pl_error *err);
/* oss://, s3://, s3a:// URI + options -> storage. */
int pl_storage_remote_open(const char *uri, const struct pl_storage_options *opts,
			   struct pl_storage **out, struct pl_error *err);
/* Splits "SCHEME://BUCKET/PREFIX"; 0 when the scheme is a remote one. */
int pl_remote_uri_parse(const char *uri, struct pl_s3_config *cfg, char **bucket,
			char **prefix, struct pl_error *err);
/* Fills cfg from storage options (endpoint, region, flags, credentials). */
void pl_s3_config_from_options(struct pl_s3_config *cfg, const struct pl_storage_options *o);

#endif
