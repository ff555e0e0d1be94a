/* The S3/OSS client: resolving endpoint, region and addressing, building
 * and signing requests, and explaining the store's errors. */
#include "io/s3.h"
#include "util/alloc.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct pl_s3 {
	struct pl_s3_info info;
	struct pl_http_client *http;
	int no_cache;
};

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

static int is_ip_or_localhost(const char *host)
{
	char h[256];
	/* strip ":port" and IPv6 brackets */
	if (host[0] == '[') {
		const char *close = strchr(host, ']');
		size_t n = close ? (size_t)(close - host - 1) : strlen(host + 1);
		snprintf(h, sizeof(h), "%.*s", (int)n, host + 1);
	} else {
		const char *colon = strchr(host, ':');
		size_t n = colon ? (size_t)(colon - host) : strlen(host);
		snprintf(h, sizeof(h), "%.*s", (int)n, host);
	}
	unsigned char buf[16];
	return strcasecmp(h, "localhost") == 0 || inet_pton(AF_INET, h, buf) == 1 ||
	       inet_pton(AF_INET6, h, buf) == 1;
}

/* "https://host:port/" or "host" -> scheme + host[:port]. */
static int split_endpoint(const char *ep, char **scheme, char **host, struct pl_error *err)
{
	const char *p = strstr(ep, "://");
	if (p) {
		size_t n = (size_t)(p - ep);
		if (!((n == 4 && strncasecmp(ep, "http", 4) == 0) ||
		      (n == 5 && strncasecmp(ep, "https", 5) == 0)))
			return pl_err(err, PL_ERR_USAGE, "endpoint scheme %.*s:// is not supported: use http:// or https://",
				      (int)(n > 16 ? 16 : n), ep);
		*scheme = pl_strndup(ep, n);
		for (char *c = *scheme; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		p += 3;
	} else {
		*scheme = pl_strdup("https");
		p = ep;
	}
	size_t n = strcspn(p, "/?#");
	if (!n) {
		free(*scheme);
		*scheme = NULL;
		return pl_err(err, PL_ERR_USAGE, "endpoint %s has no host name", ep);
	}
	for (size_t i = 0; i < n; i++)
		if (p[i] == '@' || isspace((unsigned char)p[i])) {
			free(*scheme);
			*scheme = NULL;
			return pl_err(err, PL_ERR_USAGE,
				      "the endpoint URL carries user information or spaces: credentials belong in the credential chain, not in the URL");
		}
	*host = pl_strndup(p, n);
	return 0;
}

/* OSS: "oss-cn-hangzhou(-internal).aliyuncs.com" and the S3-compatible
 * "s3.oss-cn-hangzhou.aliyuncs.com" name the region; AWS names it in
 * "s3.REGION.amazonaws.com" or "s3-REGION.amazonaws.com". */
static char *region_from_host(const char *host)
{
	char h[256];
	snprintf(h, sizeof(h), "%s", host);
	char *colon = strchr(h, ':');
	if (colon)
		*colon = 0;
	char *save = NULL;
	char *prev = NULL;
	for (char *label = strtok_r(h, ".", &save); label; label = strtok_r(NULL, ".", &save)) {
		if (strncmp(label, "oss-", 4) == 0 && strncmp(label, "oss-accelerate", 14) != 0 &&
		    strstr(host, "aliyuncs.com")) {
			char *r = pl_strdup(label + 4);
			size_t n = strlen(r);
			if (n > 9 && strcmp(r + n - 9, "-internal") == 0)
				r[n - 9] = 0;
			return r;
		}
		if (prev && strcmp(prev, "s3") == 0 && strstr(host, ".amazonaws.com") &&
		    strcmp(label, "amazonaws") != 0 && strcmp(label, "dualstack") != 0)
			return pl_strdup(label);
		if (strncmp(label, "s3-", 3) == 0 && strstr(host, ".amazonaws.com"))
			return pl_strdup(label + 3);
		prev = label;
	}
	return NULL;
}

static void set_from(char *dst, size_t n, const char *what)
{
	snprintf(dst, n, "%s", what);
}

static int resolve(const struct pl_s3_config *cfg, struct pl_s3_info *in, struct pl_error *err)
{
	in->kind = cfg->kind;
	snprintf(in->scheme, sizeof(in->scheme), "%s", cfg->scheme ? cfg->scheme
					 : cfg->kind == PL_STORE_OSS ? "oss" : "s3");
	if (!cfg->bucket || strlen(cfg->bucket) < 3 || strlen(cfg->bucket) > 63)
		return pl_err(err, PL_ERR_USAGE, "bucket name '%s' must have 3 to 63 characters",
			      cfg->bucket ? cfg->bucket : "");
	for (const char *c = cfg->bucket; *c; c++)
		if (!(islower((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '-' ||
		      *c == '.' || *c == '_'))
			return pl_err(err, PL_ERR_USAGE,
				      "bucket name '%s' has characters other than a-z 0-9 . - _",
				      cfg->bucket);
	in->bucket = pl_strdup(cfg->bucket);
	in->prefix = pl_strdup(cfg->prefix ? cfg->prefix : "");

	/* region: explicit, environment, or derived from the endpoint below */
	const char *region = cfg->region, *region_from = "--region or data source";
	if (!region && cfg->kind == PL_STORE_S3) {
		region = env("AWS_REGION");
		region_from = "AWS_REGION";
		if (!region) {
			region = env("AWS_DEFAULT_REGION");
			region_from = "AWS_DEFAULT_REGION";
		}
	}
	if (!region && cfg->kind == PL_STORE_OSS) {
		region = env("OSS_REGION");
		region_from = "OSS_REGION";
	}

	const char *ep = cfg->endpoint, *ep_from = "--endpoint or data source";
	if (!ep && cfg->kind == PL_STORE_S3) {
		if ((ep = env("AWS_ENDPOINT_URL_S3")))
			ep_from = "AWS_ENDPOINT_URL_S3";
		else if ((ep = env("AWS_ENDPOINT_URL")))
			ep_from = "AWS_ENDPOINT_URL";
	}
	if (!ep && cfg->kind == PL_STORE_OSS && (ep = env("OSS_ENDPOINT")))
		ep_from = "OSS_ENDPOINT";
	char defbuf[256];
	if (!ep) {
		if (cfg->kind == PL_STORE_OSS && !region)
			return pl_err(err, PL_ERR_USAGE,
				      "no OSS endpoint or region: give --endpoint (e.g. oss-cn-hangzhou.aliyuncs.com) or --region, or set OSS_ENDPOINT");
		if (cfg->kind == PL_STORE_OSS)
			snprintf(defbuf, sizeof(defbuf), "https://oss-%s.aliyuncs.com", region);
		else
			snprintf(defbuf, sizeof(defbuf), "https://s3.%s.amazonaws.com",
				 region ? region : "us-east-1");
		ep = defbuf;
		ep_from = "default for the region";
	}
	set_from(in->endpoint_from, sizeof(in->endpoint_from), ep_from);
	if (split_endpoint(ep, &in->endpoint_scheme, &in->endpoint_host, err))
		return -1;

	if (!region) {
		char *derived = region_from_host(in->endpoint_host);
		if (derived) {
			in->region = derived;
			set_from(in->region_from, sizeof(in->region_from), "derived from the endpoint");
		} else if (cfg->kind == PL_STORE_OSS) {
			return pl_err(err, PL_ERR_USAGE,
				      "cannot derive the OSS region from endpoint %s: give --region (e.g. cn-hangzhou)",
				      in->endpoint_host);
		} else {
			in->region = pl_strdup("us-east-1");
			set_from(in->region_from, sizeof(in->region_from), "default");
		}
	} else {
		in->region = pl_strdup(region);
		set_from(in->region_from, sizeof(in->region_from), region_from);
		/* An OSS endpoint names its region: a different one cannot work. */
		char *derived = region_from_host(in->endpoint_host);
		if (derived && strcmp(derived, region) != 0) {
			pl_err(err, PL_ERR_USAGE,
			       "region %s does not match endpoint %s (which is in %s): fix one of them",
			       region, in->endpoint_host, derived);
			free(derived);
			return -1;
		}
		free(derived);
	}

	if (cfg->path_style) {
		in->path_style = 1;
		set_from(in->path_style_why, sizeof(in->path_style_why), "--path-style");
	} else if (is_ip_or_localhost(in->endpoint_host)) {
		in->path_style = 1;
		set_from(in->path_style_why, sizeof(in->path_style_why), "endpoint is an IP address or localhost");
	} else {
		set_from(in->path_style_why, sizeof(in->path_style_why), "default");
	}
	if (in->path_style)
		in->request_host = pl_strdup(in->endpoint_host);
	else {
		size_t n = strlen(in->bucket) + strlen(in->endpoint_host) + 2;
		in->request_host = pl_malloc(n);
		snprintf(in->request_host, n, "%s.%s", in->bucket, in->endpoint_host);
	}
	in->sig = cfg->sig != PL_SIG_DEFAULT ? cfg->sig
		  : cfg->kind == PL_STORE_OSS ? PL_SIG_OSS_V4 : PL_SIG_AWS_V4;
	return 0;
}

static void info_free(struct pl_s3_info *in)
{
	free(in->bucket);
	free(in->prefix);
	free(in->endpoint_scheme);
	free(in->endpoint_host);
	free(in->request_host);
	free(in->region);
	pl_credentials_free(&in->creds);
	memset(in, 0, sizeof(*in));
}

int pl_s3_new(const struct pl_s3_config *cfg, struct pl_s3 **out, struct pl_error *err)
{
	struct pl_s3 *s = pl_calloc(1, sizeof(*s));
	if (resolve(cfg, &s->info, err))
		goto fail;
	struct pl_cred_query q = { .kind = cfg->kind, .access_mode = cfg->access_mode,
				   .profile = cfg->profile, .ram_role = cfg->ram_role };
	if (pl_credentials_resolve(&q, &s->info.creds, err))
		goto fail;
	if (pl_http_client_new(&cfg->http, &s->http, err))
		goto fail;
	s->no_cache = cfg->no_cache;
	*out = s;
	return 0;
fail:
	info_free(&s->info);
	free(s);
	return -1;
}

void pl_s3_free(struct pl_s3 *s)
{
	if (!s)
		return;
	pl_http_client_free(s->http);
	info_free(&s->info);
	free(s);
}

const struct pl_s3_info *pl_s3_info(const struct pl_s3 *s)
{
	return &s->info;
}

struct pl_http_client *pl_s3_http(struct pl_s3 *s)
{
	return s->http;
}

static int prepare(struct pl_http_xfer *x, void *ctx)
{
	struct pl_s3_req *rc = ctx;
	struct pl_s3 *s = rc->s3;
	struct pl_s3_info *in = &s->info;
	struct pl_error err;
	if (pl_credentials_refresh(&in->creds, pl_http_now(s->http), &err)) {
		snprintf(x->curl_error, sizeof(x->curl_error), "%.250s", err.msg);
		return -1;
	}
	struct pl_strbuf path = PL_STRBUF_INIT;
	if (in->path_style)
		pl_strbuf_addf(&path, "/%s%s", in->bucket, rc->key ? "/" : "");
	else
		pl_strbuf_addch(&path, '/');
	if (rc->key)
		pl_strbuf_addstr(&path, rc->key);

	struct pl_strbuf url = PL_STRBUF_INIT;
	pl_strbuf_addf(&url, "%s://%s", in->endpoint_scheme, in->request_host);
	pl_uri_encode(&url, path.buf, 1);
	struct pl_strbuf qs = PL_STRBUF_INIT;
	if (in->sig == PL_SIG_AWS_V4)
		pl_query_aws(&qs, rc->query);
	else
		pl_query_oss(&qs, rc->query);
	if (qs.len)
		pl_strbuf_addf(&url, "?%s", qs.buf);
	pl_strbuf_free(&qs);
	x->url = pl_strbuf_detach(&url);
	x->head = strcmp(rc->method, "HEAD") == 0;

	if (rc->range) {
		pl_kvlist_add(&x->headers, "Range", rc->range);
		if (in->kind == PL_STORE_OSS && in->sig != PL_SIG_AWS_V4)
			pl_kvlist_add(&x->headers, "x-oss-range-behavior", "standard");
	}
	struct pl_sign_request req = {
		.method = rc->method, .host = in->request_host, .bucket = in->bucket,
		.key = rc->key ? rc->key : "", .path = path.buf, .query = rc->query,
		.region = in->region, .service = in->sig == PL_SIG_AWS_V4 ? "s3" : "oss",
		.now = pl_http_now(s->http), .access_key_id = in->creds.access_key_id,
		.secret = in->creds.secret, .token = in->creds.token,
	};
	if (rc->dbg)
		pl_sign_debug_free(rc->dbg);
	switch (in->sig) {
	case PL_SIG_OSS_V1:
		pl_sign_oss_v1(&req, &x->headers, rc->dbg);
		break;
	case PL_SIG_OSS_V4:
		pl_sign_oss_v4(&req, &x->headers, rc->dbg);
		break;
	default:
		pl_sign_aws_v4(&req, &x->headers, rc->dbg);
		break;
	}
	pl_strbuf_free(&path);
	return 0;
}

void pl_s3_bind(struct pl_s3_req *r, struct pl_http_xfer *x)
{
	x->prepare = prepare;
	x->ctx = r;
	if (!x->body_cap)
		x->body_cap = 64 << 20;
}

void pl_s3_request(struct pl_s3 *s, const char *method, const char *key,
		   const struct pl_kvlist *query, const char *range, struct pl_http_xfer *x,
		   struct pl_sign_debug *dbg)
{
	struct pl_s3_req rc = { s, method, key, query, range, dbg };
	pl_s3_bind(&rc, x);
	struct pl_http_xfer *xs = x;
	pl_http_perform(s->http, &xs, 1);
	x->prepare = NULL;
	x->ctx = NULL;
}


const char *pl_s3_hint(const char *code)
{
	static const struct {
		const char *code;
		const char *hint;
	} hints[] = {
		{ "SignatureDoesNotMatch", "the secret key is wrong, or the key id does not belong to it" },
		{ "InvalidAccessKeyId", "the access key id is unknown or disabled, or an STS key is used without its token" },
		{ "AccessDenied", "the credentials lack permission (RAM/IAM or bucket policy), or the endpoint is not the bucket's" },
		{ "RequestTimeTooSkewed", "the local clock is more than 15 minutes off: synchronise it (NTP)" },
		{ "NoSuchBucket", "check the bucket name, and that the endpoint belongs to the bucket's account and region" },
		{ "NoSuchKey", "the object does not exist" },
		{ "SecondLevelDomainForbidden", "OSS needs virtual-hosted addressing: drop --path-style" },
		{ "AuthorizationHeaderMalformed", "the region is wrong for this bucket" },
		{ "PermanentRedirect", "the bucket is served by another regional endpoint" },
		{ "InvalidBucketName", "the bucket name is not valid for this store" },
		{ "ExpiredToken", "the session token expired: refresh the credentials" },
		{ "InvalidToken", "the session token is malformed" },
		{ "SecurityTokenExpired", "the STS token expired: refresh the credentials" },
		{ "UserDisable", "the account is disabled (e.g. overdue payment)" },
		{ "SlowDown", "the store throttles requests: lower --max-parallel" },
	};
	for (size_t i = 0; code && i < sizeof(hints) / sizeof(hints[0]); i++)
		if (strcmp(code, hints[i].code) == 0)
			return hints[i].hint;
	return NULL;
}

int pl_s3_error(struct pl_s3 *s, const struct pl_http_xfer *x, const char *path,
		struct pl_error *err)
{
	char *where = NULL;
	{
		size_t n = strlen(s->info.scheme) + strlen(s->info.bucket) + strlen(path) + 8;
		where = pl_malloc(n);
		snprintf(where, n, "%s://%s/%s", s->info.scheme, s->info.bucket, path);
	}
	int rc;
	const char *terr = pl_http_transport_error(x);
	if (x->too_large) {
		rc = pl_err(err, PL_ERR_LIMIT, "%s: larger than the %zu-byte limit for one read",
			    where, x->body_cap);
	} else if (terr) {
		rc = pl_err(err, PL_ERR_IO, "%s: %s (%s, after %d attempt%s)", where, terr,
			    s->info.request_host, x->attempts, x->attempts == 1 ? "" : "s");
	} else {
		struct pl_store_error e;
		int parsed = x->body && pl_xml_parse_error((const char *)x->body, x->body_len, &e) == 0;
		enum pl_err_code code = x->status == 404 ? PL_ERR_NOT_FOUND : PL_ERR_IO;
		if (!parsed && x->status == 404)
			rc = pl_err(err, code, "%s: not found (HTTP 404)", where);
		else if (!parsed)
			rc = pl_err(err, code, "%s: HTTP %ld%s", where, x->status,
				    x->status == 403 ? " (access denied: check the credentials and their permissions)" : "");
		else {
			const char *hint = pl_s3_hint(e.code);
			char extra[300] = "";
			if (e.region[0])
				snprintf(extra, sizeof(extra), "; the server expects region %s", e.region);
			else if (e.endpoint[0])
				snprintf(extra, sizeof(extra), "; use endpoint %s", e.endpoint);
			rc = pl_err(err, code, "%s: HTTP %ld %s: %s%s%s%s", where, x->status, e.code,
				    e.message, hint ? " (" : "", hint ? hint : "", hint ? ")" : "");
			if (!extra[0] && x->attempts > 1)
				snprintf(extra, sizeof(extra), " (after %d attempts)", x->attempts);
			if (extra[0]) {
				size_t n = strlen(err->msg);
				snprintf(err->msg + n, sizeof(err->msg) - n, "%s", extra);
			}
		}
	}
	free(where);
	return rc;
}
