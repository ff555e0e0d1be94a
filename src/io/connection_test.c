/* The step-by-step connectivity test (see connection_test.h and
 * ../shared/docs/object-stores.md section 7). DNS, TCP and TLS are probed
 * with one libcurl connect-only transfer, which honours the same proxy
 * settings as the real requests; one ListObjectsV2 of the warehouse prefix
 * then answers authentication, bucket, permission and catalog shape. */
#include "io/connection_test.h"
#include "util/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <curl/curl.h>

#include "io/s3.h"

static const char *const step_names[PL_CONN_STEPS] = {
	"configuration", "DNS", "TCP connect", "TLS", "authentication", "bucket",
	"list permission", "Paimon catalog",
};

const char *pl_conn_step_name(enum pl_conn_step step)
{
	return step < PL_CONN_STEPS ? step_names[step] : "?";
}

int pl_conn_exit_code(enum pl_conn_step step)
{
	return 10 + (int)step;
}

static void vset(char *dst, size_t n, const char *fmt, va_list ap)
{
	vsnprintf(dst, n, fmt, ap);
}

static void step_ok(struct pl_conn_result *r, enum pl_conn_step s, double secs,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void step_ok(struct pl_conn_result *r, enum pl_conn_step s, double secs,
		    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(r->steps[s].detail, sizeof(r->steps[s].detail), fmt, ap);
	va_end(ap);
	r->steps[s].state = PL_CONN_OK;
	r->steps[s].seconds = secs;
}

static void step_skip(struct pl_conn_result *r, enum pl_conn_step s, const char *why)
{
	r->steps[s].state = PL_CONN_SKIPPED;
	snprintf(r->steps[s].detail, sizeof(r->steps[s].detail), "%s", why);
}

static int step_fail(struct pl_conn_result *r, enum pl_conn_step s, double secs,
		     const char *hint, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int step_fail(struct pl_conn_result *r, enum pl_conn_step s, double secs,
		     const char *hint, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(r->cause, sizeof(r->cause), fmt, ap);
	va_end(ap);
	snprintf(r->hint, sizeof(r->hint), "%s", hint ? hint : "");
	r->steps[s].state = PL_CONN_FAILED;
	r->steps[s].seconds = secs;
	r->failed = (int)s;
	return pl_conn_exit_code(s);
}

static void note(struct pl_conn_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct pl_conn_result *r, const char *fmt, ...)
{
	size_t n = strlen(r->notes);
	if (n + 2 >= sizeof(r->notes))
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->notes + n, sizeof(r->notes) - n, fmt, ap);
	va_end(ap);
	n = strlen(r->notes);
	if (n + 1 < sizeof(r->notes)) {
		r->notes[n] = '\n';
		r->notes[n + 1] = 0;
	}
}

static void config_line(struct pl_conn_result *r, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void config_line(struct pl_conn_result *r, const char *name, const char *fmt, ...)
{
	size_t n = strlen(r->config);
	int k = snprintf(r->config + n, sizeof(r->config) - n, "%-12s ", name);
	if (k < 0 || (size_t)k >= sizeof(r->config) - n)
		return;
	n += (size_t)k;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->config + n, sizeof(r->config) - n, fmt, ap);
	va_end(ap);
	n = strlen(r->config);
	if (n + 1 < sizeof(r->config)) {
		r->config[n] = '\n';
		r->config[n + 1] = 0;
	}
}

/* ---- catalog shape ----------------------------------------------------- */

/* names: the folder names below the warehouse (without '/'). */
static int judge_catalog(struct pl_conn_result *r, double secs, char **names, size_t n,
			 size_t n_files, const char *where)
{
	size_t dbs = 0;
	char list[160] = "";
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		if (len > 3 && strcmp(names[i] + len - 3, ".db") == 0) {
			if (dbs++ < 4) {
				size_t k = strlen(list);
				snprintf(list + k, sizeof(list) - k, "%s%s", k ? ", " : "", names[i]);
			}
		}
	}
	if (dbs) {
		step_ok(r, PL_CONN_CATALOG, secs, "%zu database%s (%s%s)", dbs, dbs == 1 ? "" : "s",
			list, dbs > 4 ? ", ..." : "");
		return 0;
	}
	if (!n && !n_files) {
		step_ok(r, PL_CONN_CATALOG, secs, "empty warehouse (no databases yet)");
		return 0;
	}
	int is_table = 0, is_db = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], "snapshot") == 0 || strcmp(names[i], "schema") == 0 ||
		    strcmp(names[i], "manifest") == 0)
			is_table = 1;
	}
	char found[160] = "";
	for (size_t i = 0; i < n && i < 4; i++) {
		size_t k = strlen(found);
		snprintf(found + k, sizeof(found) - k, "%s%s/", k ? ", " : "", names[i]);
	}
	(void)is_db;
	return step_fail(r, PL_CONN_CATALOG, secs,
			 is_table ? "this is a table folder: give the warehouse, two levels up"
				  : "give the folder that holds the DATABASE.db folders (the catalog's warehouse)",
			 "%s has no *.db folders (found %s%s%zu file%s)", where, found, *found ? " and " : "",
			 n_files, n_files == 1 ? "" : "s");
}

static int test_local(const char *path, struct pl_conn_result *r)
{
	config_line(r, "warehouse", "%s (local file system)", path);
	struct pl_storage *st;
	struct pl_error err;
	if (pl_storage_open(path, NULL, &st, &err))
		return step_fail(r, PL_CONN_CONFIG, 0, "check the path", "%s", err.msg);
	step_ok(r, PL_CONN_CONFIG, 0, "local folder");
	for (int s = PL_CONN_DNS; s <= PL_CONN_LIST; s++)
		step_skip(r, (enum pl_conn_step)s, "local folder");
	struct pl_listing l;
	int rc;
	if (pl_storage_list(st, st->root, &l, &err)) {
		rc = step_fail(r, PL_CONN_LIST, 0, "check the folder's permissions", "%s", err.msg);
	} else {
		char **names = pl_calloc(l.n + 1, sizeof(*names));
		size_t nd = 0, nf = 0;
		for (size_t i = 0; i < l.n; i++) {
			if (l.items[i].is_dir)
				names[nd++] = (char *)l.items[i].name;
			else
				nf++;
		}
		rc = judge_catalog(r, 0, names, nd, nf, path);
		free(names);
		pl_listing_free(&l);
	}
	pl_storage_close(st);
	return rc;
}

/* ---- DNS, TCP, TLS ------------------------------------------------------- */

static const char *proxy_in_effect(const char *scheme)
{
	const char *names_https[] = { "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", NULL };
	const char *names_http[] = { "http_proxy", "all_proxy", "ALL_PROXY", NULL };
	const char **names = strcmp(scheme, "https") == 0 ? names_https : names_http;
	for (; *names; names++) {
		const char *v = getenv(*names);
		if (v && *v)
			return *names;
	}
	return NULL;
}

static int probe_network(struct pl_conn_result *r, const struct pl_s3_info *in,
			 const struct pl_storage_options *opts)
{
	char url[512];
	snprintf(url, sizeof(url), "%s://%s/", in->endpoint_scheme, in->request_host);
	CURL *e = curl_easy_init();
	char errbuf[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
	const char *ca = opts && opts->ca_file ? opts->ca_file : NULL;
	if (!ca)
		ca = getenv("AWS_CA_BUNDLE");
	if (!ca || !*ca)
		ca = getenv("CURL_CA_BUNDLE");
	if (!ca || !*ca)
		ca = getenv("SSL_CERT_FILE");
	if (ca && *ca)
		curl_easy_setopt(e, CURLOPT_CAINFO, ca);
	CURLcode cc = curl_easy_perform(e);
	curl_off_t t_dns = 0, t_conn = 0, t_tls = 0, t_total = 0;
	long os_errno = 0, verify = 0;
	char *ip = NULL;
	curl_easy_getinfo(e, CURLINFO_NAMELOOKUP_TIME_T, &t_dns);
	curl_easy_getinfo(e, CURLINFO_CONNECT_TIME_T, &t_conn);
	curl_easy_getinfo(e, CURLINFO_APPCONNECT_TIME_T, &t_tls);
	curl_easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &t_total);
	curl_easy_getinfo(e, CURLINFO_OS_ERRNO, &os_errno);
	curl_easy_getinfo(e, CURLINFO_SSL_VERIFYRESULT, &verify);
	curl_easy_getinfo(e, CURLINFO_PRIMARY_IP, &ip);
	char ipbuf[64];
	snprintf(ipbuf, sizeof(ipbuf), "%s", ip ? ip : "");
	curl_easy_cleanup(e);
	double dns = (double)t_dns / 1e6, conn = (double)(t_conn - t_dns) / 1e6;
	double total = (double)t_total / 1e6;
	const char *host = in->request_host;
	const char *proxy = proxy_in_effect(in->endpoint_scheme);
	int internal = strstr(host, "-internal") != NULL;

	switch (cc) {
	case CURLE_OK:
		break;
	case CURLE_COULDNT_RESOLVE_PROXY:
		return step_fail(r, PL_CONN_DNS, total, "fix or unset the proxy variable",
				 "cannot resolve the proxy host from %s: %s", proxy ? proxy : "the proxy setting",
				 errbuf);
	case CURLE_COULDNT_RESOLVE_HOST:
		return step_fail(r, PL_CONN_DNS, total,
				 internal ? "-internal endpoints resolve only inside Alibaba Cloud (same-region ECS or VPC): use the public endpoint from outside"
					  : "check the endpoint and region spelling, and this machine's DNS settings",
				 "cannot resolve %s", host);
	case CURLE_COULDNT_CONNECT:
		step_ok(r, PL_CONN_DNS, dns, "%s", ipbuf[0] ? ipbuf : "resolved");
		return step_fail(r, PL_CONN_TCP, total - dns,
				 proxy ? "the proxy refused the connection: check it is running (proxy from the environment)"
				       : "nothing accepts connections there: check the port in the endpoint, and that the service runs",
				 "connection to %s refused or unreachable (%s)", host, errbuf);
	case CURLE_OPERATION_TIMEDOUT:
		if (t_conn == 0) {
			step_ok(r, PL_CONN_DNS, dns, "%s", ipbuf[0] ? ipbuf : "resolved");
			return step_fail(r, PL_CONN_TCP, total - dns,
					 internal ? "an -internal endpoint answers only from the bucket's region inside Alibaba Cloud"
						  : "no answer: a firewall, a missing NAT gateway or route, or a bucket/VPC whitelist",
					 "no answer from %s within 10 s", host);
		}
		break;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CIPHER:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
		step_ok(r, PL_CONN_DNS, dns, "%s", ipbuf);
		step_ok(r, PL_CONN_TCP, conn, "connected");
		return step_fail(r, PL_CONN_TLS, total - dns - conn,
				 cc == CURLE_PEER_FAILED_VERIFICATION
					 ? "the certificate is not trusted or names another host: give --ca-file, or use --path-style for bucket names with dots"
				 : cc == CURLE_SSL_CACERT_BADFILE ? "the CA file cannot be read"
								  : "is the endpoint plain http://? Is a TLS-intercepting proxy in the way?",
				 "TLS handshake with %s failed: %s (verify result %ld)", host, errbuf, verify);
	default:
		return step_fail(r, PL_CONN_TCP, total, "check the endpoint URL and network settings",
				 "cannot connect to %s: %s", host, errbuf[0] ? errbuf : curl_easy_strerror(cc));
	}
	step_ok(r, PL_CONN_DNS, dns, "%s -> %s", host, ipbuf[0] ? ipbuf : "?");
	step_ok(r, PL_CONN_TCP, conn, "%s%s", proxy ? "via proxy from " : "direct",
		proxy ? proxy : "");
	if (strcmp(in->endpoint_scheme, "https") == 0)
		step_ok(r, PL_CONN_TLS, (double)(t_tls - t_conn) / 1e6, "certificate verified");
	else
		step_skip(r, PL_CONN_TLS, "plain http endpoint");
	return 0;
}

/* ---- the signed request ------------------------------------------------ */

static int is_code(const char *code, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(code, *set) == 0)
			return 1;
	return 0;
}

/* First line where our string to sign and the server's differ. */
static void compare_sts(struct pl_conn_result *r, const char *ours, const char *theirs)
{
	const char *a = ours, *b = theirs;
	for (int line = 1; *a || *b; line++) {
		size_t na = strcspn(a, "\n"), nb = strcspn(b, "\n");
		if (na != nb || strncmp(a, b, na) != 0) {
			note(r, "string to sign differs at line %d: ours '%.*s', the server's '%.*s'", line,
			     (int)(na > 120 ? 120 : na), a, (int)(nb > 120 ? 120 : nb), b);
			return;
		}
		a += na + (a[na] ? 1 : 0);
		b += nb + (b[nb] ? 1 : 0);
	}
}

/* The bucket's own region, where the store tells it: S3 in the
 * x-amz-bucket-region header of HeadBucket, OSS in GetBucketInfo. */
static int check_bucket_region(struct pl_conn_result *r, struct pl_s3 *s)
{
	const struct pl_s3_info *in = pl_s3_info(s);
	struct pl_http_xfer x = { .body_cap = 1 << 20 };
	char *region = NULL;
	if (in->kind == PL_STORE_OSS && in->sig != PL_SIG_AWS_V4) {
		struct pl_kvlist q = { 0 };
		pl_kvlist_add(&q, "bucketInfo", NULL);
		pl_s3_request(s, "GET", NULL, &q, NULL, &x, NULL);
		pl_kvlist_free(&q);
		if (x.status == 200 && x.body) {
			char *loc = pl_xml_first_text((const char *)x.body, x.body_len, "Location");
			if (loc && strncmp(loc, "oss-", 4) == 0)
				region = pl_strdup(loc + 4);
			free(loc);
		} else if (x.status == 403) {
			note(r, "no permission for GetBucketInfo: the bucket's region was not verified");
		}
	} else {
		pl_s3_request(s, "HEAD", NULL, NULL, NULL, &x, NULL);
		const char *h = pl_kvlist_get(&x.resp_headers, "x-amz-bucket-region");
		if (h && *h)
			region = pl_strdup(h);
	}
	double t = x.t_total;
	pl_http_xfer_reset(&x);
	int rc = 0;
	if (region && strcmp(region, in->region) != 0)
		rc = step_fail(r, PL_CONN_BUCKET, t, "set the region (and endpoint) of the data source to the bucket's",
			       "bucket %s is in region %s, not %s", in->bucket, region, in->region);
	else
		step_ok(r, PL_CONN_BUCKET, t, "%s exists (region %s%s)", in->bucket, in->region,
			region ? ", confirmed by the store" : "");
	free(region);
	return rc;
}

static int signed_checks(struct pl_conn_result *r, struct pl_s3 *s)
{
	const struct pl_s3_info *in = pl_s3_info(s);
	char prefix[1024];
	snprintf(prefix, sizeof(prefix), "%s%s", in->prefix, *in->prefix ? "/" : "");
	struct pl_kvlist q = { 0 };
	pl_kvlist_add(&q, "list-type", "2");
	pl_kvlist_add(&q, "prefix", prefix);
	pl_kvlist_add(&q, "delimiter", "/");
	pl_kvlist_add(&q, "max-keys", "1000");
	pl_kvlist_add(&q, "encoding-type", "url");
	struct pl_http_xfer x = { .body_cap = 32 << 20 };
	struct pl_sign_debug dbg = { 0 };
	pl_s3_request(s, "GET", NULL, &q, NULL, &x, &dbg);
	pl_kvlist_free(&q);
	double t = x.t_total;
	int rc = 0;
	long skew = pl_http_clock_offset(pl_s3_http(s));
	if (skew)
		note(r, "the local clock differs from the server's by %ld s (corrected for this run; synchronise it with NTP)",
		     skew);
	const char *rid = pl_kvlist_get(&x.resp_headers, "x-oss-request-id");
	if (!rid)
		rid = pl_kvlist_get(&x.resp_headers, "x-amz-request-id");
	if (rid)
		note(r, "request id %s", rid);

	const char *terr = pl_http_transport_error(&x);
	if (terr) {
		rc = step_fail(r, PL_CONN_AUTH, t, "the connection broke during the request: retry, check proxies",
			       "%s (after %d attempts)", terr, x.attempts);
		goto done;
	}
	if (x.status == 200) {
		step_ok(r, PL_CONN_AUTH, t, "signature accepted (%s)",
			in->sig == PL_SIG_AWS_V4 ? "AWS4-HMAC-SHA256"
			: in->sig == PL_SIG_OSS_V1 ? "OSS V1" : "OSS4-HMAC-SHA256");
		struct pl_list_page p;
		struct pl_error err;
		if (pl_xml_parse_list((const char *)x.body, x.body_len, in->kind == PL_STORE_OSS, &p,
				      &err)) {
			rc = step_fail(r, PL_CONN_LIST, t, "the endpoint may not be an S3/OSS service",
				       "the listing answer does not parse: %s", err.msg);
			goto done;
		}
		rc = check_bucket_region(r, s);
		if (rc) {
			pl_list_page_free(&p);
			goto done;
		}
		step_ok(r, PL_CONN_LIST, 0, "may list %s/%s", in->bucket, prefix);
		char **names = pl_calloc(p.n_prefixes + 1, sizeof(*names));
		size_t plen = strlen(prefix);
		for (size_t i = 0; i < p.n_prefixes; i++) {
			char *n = p.prefixes[i];
			if (strncmp(n, prefix, plen) == 0)
				n += plen;
			names[i] = n;
			size_t k = strlen(n);
			if (k && n[k - 1] == '/')
				n[k - 1] = 0;
		}
		char where[1100];
		snprintf(where, sizeof(where), "%s://%s/%s", in->scheme, in->bucket, in->prefix);
		rc = judge_catalog(r, 0, names, p.n_prefixes, p.n_objects, where);
		free(names);
		pl_list_page_free(&p);
		goto done;
	}

	struct pl_store_error e;
	if (!x.body || pl_xml_parse_error((const char *)x.body, x.body_len, &e)) {
		memset(&e, 0, sizeof(e));
		snprintf(e.code, sizeof(e.code), "HTTP%ld", x.status);
		snprintf(e.message, sizeof(e.message), "HTTP %ld without an S3 error body", x.status);
	}
	static const char *const auth_codes[] = {
		"SignatureDoesNotMatch", "InvalidAccessKeyId", "RequestTimeTooSkewed", "ExpiredToken",
		"InvalidToken", "SecurityTokenExpired", "UserDisable", "InvalidSecurity",
		"AccessKeyDisabled", "MissingSecurityHeader", "HTTP401", NULL,
	};
	static const char *const bucket_codes[] = {
		"NoSuchBucket", "AuthorizationHeaderMalformed", "PermanentRedirect",
		"IllegalLocationConstraintException", "InvalidBucketName",
		"SecondLevelDomainForbidden", "HTTP301", "HTTP404", NULL,
	};
	const char *hint = pl_s3_hint(e.code);
	if (is_code(e.code, auth_codes)) {
		if (strcmp(e.code, "SignatureDoesNotMatch") == 0 && e.string_to_sign[0] &&
		    dbg.string_to_sign.buf) {
			if (strcmp(e.string_to_sign, dbg.string_to_sign.buf) == 0)
				hint = "the secret key is wrong: the server computed the same string to sign as we did";
			else
				compare_sts(r, dbg.string_to_sign.buf, e.string_to_sign);
		}
		rc = step_fail(r, PL_CONN_AUTH, t, hint, "%s: %s", e.code, e.message);
	} else if (is_code(e.code, bucket_codes) ||
		   (strcmp(e.code, "AccessDenied") == 0 && e.endpoint[0])) {
		char more[400] = "";
		if (e.region[0])
			snprintf(more, sizeof(more), " (the bucket is in region %s, not %s)", e.region, in->region);
		else if (e.endpoint[0])
			snprintf(more, sizeof(more), " (use endpoint %s)", e.endpoint);
		rc = step_fail(r, PL_CONN_BUCKET, t, hint ? hint : "check the bucket name, endpoint and region",
			       "bucket %s: %s: %s%s", in->bucket, e.code, e.message, more);
		r->steps[PL_CONN_AUTH].state = PL_CONN_OK;
		snprintf(r->steps[PL_CONN_AUTH].detail, sizeof(r->steps[PL_CONN_AUTH].detail),
			 "signature accepted");
	} else {
		step_ok(r, PL_CONN_AUTH, t, "signature accepted");
		step_ok(r, PL_CONN_BUCKET, 0, "%s exists", in->bucket);
		rc = step_fail(r, PL_CONN_LIST, 0,
			       strcmp(e.code, "AccessDenied") == 0
				       ? "grant oss:ListObjects / s3:ListBucket on the warehouse prefix to these credentials"
				       : hint ? hint : "see the store's message",
			       "listing %s/%s: %s: %s", in->bucket, prefix, e.code, e.message);
	}
	if (e.request_id[0] && !rid)
		note(r, "request id %s", e.request_id);
	if (e.ec[0])
		note(r, "OSS error class %s", e.ec);
done:
	pl_sign_debug_free(&dbg);
	pl_http_xfer_reset(&x);
	return rc;
}

static void describe(struct pl_conn_result *r, const struct pl_s3_info *in)
{
	config_line(r, "store", "%s", in->kind == PL_STORE_OSS ? "Alibaba Cloud OSS" : "S3-compatible");
	config_line(r, "bucket", "%s", in->bucket);
	config_line(r, "warehouse", "%s://%s/%s", in->scheme, in->bucket, in->prefix);
	config_line(r, "endpoint", "%s://%s (%s)", in->endpoint_scheme, in->endpoint_host,
		    in->endpoint_from);
	config_line(r, "region", "%s (%s)", in->region, in->region_from);
	config_line(r, "addressing", "%s (%s)", in->path_style ? "path style" : "virtual-hosted",
		    in->path_style_why);
	config_line(r, "signature", "%s", in->sig == PL_SIG_AWS_V4 ? "AWS Signature V4"
					   : in->sig == PL_SIG_OSS_V1 ? "OSS V1 (HMAC-SHA1)"
								     : "OSS V4 (OSS4-HMAC-SHA256)");
	char masked[24];
	pl_credentials_mask(in->creds.access_key_id, masked);
	config_line(r, "credentials", "key id %s%s from %s", masked,
		    in->creds.token ? " with a security token" : "", in->creds.source);
	const char *proxy = proxy_in_effect(in->endpoint_scheme);
	if (proxy)
		config_line(r, "proxy", "from %s", proxy);
}

int pl_connection_test(const char *uri, const struct pl_storage_options *opts,
		       struct pl_conn_result *r)
{
	memset(r, 0, sizeof(*r));
	r->failed = -1;
	if (!uri || !*uri)
		return step_fail(r, PL_CONN_CONFIG, 0, "name a data source or a warehouse URI",
				 "no warehouse given");
	if (!strstr(uri, "://") || strncmp(uri, "file:", 5) == 0)
		return test_local(uri, r);

	struct pl_s3_config cfg = { 0 };
	char *bucket = NULL, *prefix = NULL;
	struct pl_error err;
	if (pl_remote_uri_parse(uri, &cfg, &bucket, &prefix, &err))
		return step_fail(r, PL_CONN_CONFIG, 0, "use oss://BUCKET/PATH or s3://BUCKET/PATH",
				 "%s", err.msg);
	cfg.bucket = bucket;
	cfg.prefix = prefix;
	pl_s3_config_from_options(&cfg, opts);
	/* A test answers quickly: one retry at most. */
	cfg.http.max_attempts = 2;
	cfg.http.connect_timeout_ms = 10000;
	struct pl_s3 *s;
	int rc;
	if (pl_s3_new(&cfg, &s, &err)) {
		rc = step_fail(r, PL_CONN_CONFIG, 0,
			       strstr(err.msg, "credentials") ? "see doc/remote.md for the credential chain"
							      : "fix the data source or the command-line options",
			       "%s", err.msg);
		free(bucket);
		free(prefix);
		return rc;
	}
	const struct pl_s3_info *in = pl_s3_info(s);
	describe(r, in);
	step_ok(r, PL_CONN_CONFIG, 0, "complete");
	if (strstr(in->endpoint_host, "-internal"))
		note(r, "%s is an internal endpoint: it works only from ECS/VPC in region %s",
		     in->endpoint_host, in->region);
	if (in->path_style && strstr(in->endpoint_host, "aliyuncs.com"))
		note(r, "OSS endpoints reject path-style requests (SecondLevelDomainForbidden)");

	rc = probe_network(r, in, opts);
	if (rc == 0)
		rc = signed_checks(r, s);
	pl_s3_free(s);
	free(bucket);
	free(prefix);
	return rc;
}
