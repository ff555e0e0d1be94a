/* Alibaba Cloud OSS signatures: V4 (OSS4-HMAC-SHA256, the default) and V1
 * (HMAC-SHA1, for old private deployments). Both sign the bucket even when
 * the URL does not carry it (virtual-hosted and CNAME style). */
#include "io/sign.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

static char *trim_dup(const char *s)
{
	if (!s)
		return pl_strdup("");
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return pl_strndup(s, n);
}

static int is_prefixed(const char *name, const char *prefix)
{
	return strncasecmp(name, prefix, strlen(prefix)) == 0;
}

static int listed(const char *lname, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(lname, names[i]) == 0)
			return 1;
	return 0;
}

/* Selects the headers to sign, lower-cased and sorted; returns the count. */
static size_t collect_headers(const struct pl_kvlist *headers, int v4,
			      const char *const *additional, size_t n_additional,
			      struct pl_sign_header **out)
{
	struct pl_sign_header *h = pl_calloc(headers->n + 1, sizeof(*h));
	size_t n = 0;
	for (size_t i = 0; i < headers->n; i++) {
		const char *name = headers->items[i].name;
		int take = is_prefixed(name, "x-oss-");
		if (v4 && !take)
			take = strcasecmp(name, "content-type") == 0 ||
			       strcasecmp(name, "content-md5") == 0 ||
			       listed(name, additional, n_additional);
		if (!take)
			continue;
		h[n].name = pl_sign_lower_dup(name);
		h[n++].value = trim_dup(headers->items[i].value);
	}
	pl_sign_headers_sort(h, n);
	*out = h;
	return n;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The additional-header line: lower-cased, sorted, without the names that
 * are signed anyway and without those the request does not carry. */
static void additional_line(struct pl_strbuf *sb, const struct pl_sign_request *req,
			    const struct pl_kvlist *headers)
{
	char **names = pl_calloc(req->n_additional + 1, sizeof(*names));
	size_t n = 0;
	for (size_t i = 0; i < req->n_additional; i++) {
		const char *a = req->additional_headers[i];
		if (is_prefixed(a, "x-oss-") || strcasecmp(a, "content-type") == 0 ||
		    strcasecmp(a, "content-md5") == 0 || !pl_kvlist_get(headers, a))
			continue;
		names[n++] = pl_sign_lower_dup(a);
	}
	qsort(names, n, sizeof(*names), cmp_str);
	size_t written = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && strcmp(names[i], names[i - 1]) == 0)
			continue;
		if (written++)
			pl_strbuf_addch(sb, ';');
		pl_strbuf_addstr(sb, names[i]);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static const struct pl_sign_v4_scheme oss_v4 = {
	"OSS4-HMAC-SHA256", "aliyun_v4", "aliyun_v4_request",
};

void pl_sign_oss_v4(const struct pl_sign_request *req, struct pl_kvlist *headers,
		    struct pl_sign_debug *dbg)
{
	char datetime[17], date[9];
	pl_sign_v4_time(req->now, datetime, date);
	const char *product = req->service ? req->service : "oss";

	pl_kvlist_add(headers, "x-oss-date", datetime);
	if (!pl_kvlist_get(headers, "x-oss-content-sha256"))
		pl_kvlist_add(headers, "x-oss-content-sha256", "UNSIGNED-PAYLOAD");
	if (req->token && *req->token)
		pl_kvlist_add(headers, "x-oss-security-token", req->token);

	struct pl_strbuf extra = PL_STRBUF_INIT;
	additional_line(&extra, req, headers);
	struct pl_sign_header *h;
	size_t n = collect_headers(headers, 1, req->additional_headers, req->n_additional, &h);

	struct pl_strbuf cr = PL_STRBUF_INIT;
	pl_strbuf_addf(&cr, "%s\n", req->method);
	struct pl_strbuf uri = PL_STRBUF_INIT;
	if (req->bucket && *req->bucket)
		pl_strbuf_addf(&uri, "/%s/%s", req->bucket, req->key ? req->key : "");
	else
		pl_strbuf_addch(&uri, '/');
	pl_uri_encode(&cr, uri.buf, 1);
	pl_strbuf_free(&uri);
	pl_strbuf_addch(&cr, '\n');
	pl_query_oss(&cr, req->query);
	pl_strbuf_addch(&cr, '\n');
	pl_sign_headers_add(&cr, h, n);
	pl_sign_headers_free(h, n);
	pl_strbuf_addf(&cr, "\n%s\n%s", pl_strbuf_str(&extra),
		       pl_kvlist_get(headers, "x-oss-content-sha256"));

	struct pl_strbuf sts = PL_STRBUF_INIT;
	char sig_hex[65];
	pl_sign_v4_sign(&oss_v4, datetime, date, req->region, product, req->secret, &cr, &sts,
			sig_hex);

	struct pl_strbuf auth = PL_STRBUF_INIT;
	pl_strbuf_addf(&auth, "OSS4-HMAC-SHA256 Credential=%s/%s/%s/%s/aliyun_v4_request",
		       req->access_key_id, date, req->region, product);
	if (extra.len)
		pl_strbuf_addf(&auth, ",AdditionalHeaders=%s", extra.buf);
	pl_strbuf_addf(&auth, ",Signature=%s", sig_hex);
	pl_kvlist_add(headers, "Authorization", auth.buf);
	pl_strbuf_free(&auth);
	pl_strbuf_free(&extra);
	pl_sign_debug_keep(dbg, &cr, &sts);
}

/* Query parameters that V1 signs (from the OSS SDKs); the rest of a
 * ListObjectsV2 query (prefix, delimiter, ...) is not signed. */
static const char *const v1_subresources[] = {
	"acl", "append", "bucketInfo", "callback", "callback-var", "cloudboxes",
	"continuation-token", "delete", "location", "objectMeta", "partNumber", "position",
	"regionList", "resourceGroup", "response-cache-control", "response-content-disposition",
	"response-content-encoding", "response-content-language", "response-content-type",
	"response-expires", "restore", "security-token", "sequential", "stat", "symlink",
	"tagging", "uploadId", "uploads", "versionId", "versioning", "versions",
};

static int is_subresource(const char *name)
{
	if (strncmp(name, "x-oss-", 6) == 0)
		return 1;
	for (size_t i = 0; i < sizeof(v1_subresources) / sizeof(v1_subresources[0]); i++)
		if (strcmp(name, v1_subresources[i]) == 0)
			return 1;
	return 0;
}

static int by_kv_name(const void *a, const void *b)
{
	return strcmp((*(const struct pl_kv *const *)a)->name,
		      (*(const struct pl_kv *const *)b)->name);
}

void pl_oss_v1_resource(struct pl_strbuf *sb, const char *bucket, const char *key,
			const struct pl_kvlist *query)
{
	/* The key is signed raw: V1 never percent-encodes the resource. */
	if (bucket && *bucket)
		pl_strbuf_addf(sb, "/%s/%s", bucket, key ? key : "");
	else
		pl_strbuf_addch(sb, '/');
	if (!query || !query->n)
		return;
	const struct pl_kv **sub = pl_calloc(query->n, sizeof(*sub));
	size_t n = 0;
	for (size_t i = 0; i < query->n; i++)
		if (is_subresource(query->items[i].name))
			sub[n++] = &query->items[i];
	qsort(sub, n, sizeof(*sub), by_kv_name);
	for (size_t i = 0; i < n; i++) {
		pl_strbuf_addch(sb, i ? '&' : '?');
		pl_strbuf_addstr(sb, sub[i]->name);
		if (sub[i]->value && *sub[i]->value)
			pl_strbuf_addf(sb, "=%s", sub[i]->value);
	}
	free(sub);
}

void pl_oss_v1_signature(const char *secret, const char *string_to_sign, char out[32])
{
	uint8_t md[20];
	unsigned int len = sizeof(md);
	HMAC(EVP_sha1(), secret, (int)strlen(secret), (const unsigned char *)string_to_sign,
	     strlen(string_to_sign), md, &len);
	EVP_EncodeBlock((unsigned char *)out, md, 20);
}

void pl_sign_oss_v1(const struct pl_sign_request *req, struct pl_kvlist *headers,
		    struct pl_sign_debug *dbg)
{
	if (!pl_kvlist_get(headers, "Date")) {
		char date[30];
		pl_time_rfc1123(req->now, date);
		pl_kvlist_add(headers, "Date", date);
	}
	if (req->token && *req->token)
		pl_kvlist_add(headers, "x-oss-security-token", req->token);

	const char *md5 = pl_kvlist_get(headers, "Content-MD5");
	const char *type = pl_kvlist_get(headers, "Content-Type");
	struct pl_strbuf sts = PL_STRBUF_INIT;
	pl_strbuf_addf(&sts, "%s\n%s\n%s\n%s\n", req->method, md5 ? md5 : "", type ? type : "",
		       pl_kvlist_get(headers, "Date"));
	struct pl_sign_header *h;
	size_t n = collect_headers(headers, 0, NULL, 0, &h);
	for (size_t i = 0; i < n; i++)
		pl_strbuf_addf(&sts, "%s:%s\n", h[i].name, h[i].value);
	pl_sign_headers_free(h, n);
	pl_oss_v1_resource(&sts, req->bucket, req->key, req->query);

	char sig[32];
	pl_oss_v1_signature(req->secret, sts.buf, sig);
	struct pl_strbuf auth = PL_STRBUF_INIT;
	pl_strbuf_addf(&auth, "OSS %s:%s", req->access_key_id, sig);
	pl_kvlist_add(headers, "Authorization", auth.buf);
	pl_strbuf_free(&auth);
	if (dbg)
		dbg->string_to_sign = sts;
	else
		pl_strbuf_free(&sts);
}
