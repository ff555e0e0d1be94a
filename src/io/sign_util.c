/* Primitives shared by the signers: pair lists, URI encoding, canonical
 * query strings, hashes and the two date formats. */
#include "io/sign.h"
#include "util/alloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

void pl_kvlist_add(struct pl_kvlist *l, const char *name, const char *value)
{
	PL_GROW(l->items, l->cap, l->n + 1);
	l->items[l->n].name = pl_strdup(name);
	l->items[l->n].value = value ? pl_strdup(value) : NULL;
	l->n++;
}

const char *pl_kvlist_get(const struct pl_kvlist *l, const char *name)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (strcasecmp(l->items[i].name, name) == 0)
			return l->items[i].value ? l->items[i].value : "";
	return NULL;
}

void pl_kvlist_free(struct pl_kvlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].name);
		free(l->items[i].value);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void pl_uri_encode(struct pl_strbuf *sb, const char *s, int keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if (isalnum(c) && c < 0x80)
			pl_strbuf_addch(sb, (char)c);
		else if (c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/'))
			pl_strbuf_addch(sb, (char)c);
		else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			pl_strbuf_add(sb, e, 3);
		}
	}
}

struct encoded_pair {
	char *name;
	char *value;
	int has_value;
};

static int by_encoded_name(const void *a, const void *b)
{
	const struct encoded_pair *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->value, y->value);
}

static void build_query(struct pl_strbuf *sb, const struct pl_kvlist *query, int oss)
{
	if (!query || !query->n)
		return;
	struct encoded_pair *pairs = pl_calloc(query->n, sizeof(*pairs));
	for (size_t i = 0; i < query->n; i++) {
		struct pl_strbuf n = PL_STRBUF_INIT, v = PL_STRBUF_INIT;
		pl_uri_encode(&n, query->items[i].name, 0);
		pl_uri_encode(&v, query->items[i].value ? query->items[i].value : "", 0);
		pairs[i].name = pl_strbuf_detach(&n);
		pairs[i].value = pl_strbuf_detach(&v);
		pairs[i].has_value = query->items[i].value && *query->items[i].value;
	}
	qsort(pairs, query->n, sizeof(*pairs), by_encoded_name);
	for (size_t i = 0; i < query->n; i++) {
		if (i)
			pl_strbuf_addch(sb, '&');
		pl_strbuf_addstr(sb, pairs[i].name);
		if (!oss || pairs[i].has_value) {
			pl_strbuf_addch(sb, '=');
			pl_strbuf_addstr(sb, pairs[i].value);
		}
		free(pairs[i].name);
		free(pairs[i].value);
	}
	free(pairs);
}

void pl_query_aws(struct pl_strbuf *sb, const struct pl_kvlist *query)
{
	build_query(sb, query, 0);
}

void pl_query_oss(struct pl_strbuf *sb, const struct pl_kvlist *query)
{
	build_query(sb, query, 1);
}

void pl_hex(const uint8_t *p, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[p[i] >> 4];
		out[2 * i + 1] = hex[p[i] & 15];
	}
	out[2 * n] = 0;
}

void pl_sha256_hex(const void *data, size_t n, char out[65])
{
	uint8_t md[SHA256_DIGEST_LENGTH];
	SHA256(data, n, md);
	pl_hex(md, sizeof(md), out);
}

void pl_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t n, uint8_t out[32])
{
	unsigned int len = 32;
	HMAC(EVP_sha256(), key, (int)keylen, msg, n, out, &len);
}

void pl_time_iso_basic(time_t t, char out[17])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

static const char day_names[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char month_names[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

void pl_time_rfc1123(time_t t, char out[30])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	char tmp[64];
	int n = snprintf(tmp, sizeof(tmp), "%s, %02d %s %04d %02d:%02d:%02d GMT",
			 day_names[tm.tm_wday % 7], tm.tm_mday, month_names[tm.tm_mon % 12],
			 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	size_t len = n < 0 ? 0 : (size_t)n > 29 ? 29 : (size_t)n;
	memcpy(out, tmp, len);
	out[len] = 0;
}

/* timegm is not in POSIX; days-from-civil keeps us portable. */
static time_t utc_seconds(int y, int mon, int d, int h, int mi, int s)
{
	y -= mon <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long long days = (long long)era * 146097 + doe - 719468;
	return (time_t)(days * 86400 + h * 3600 + mi * 60 + s);
}

static int valid_fields(int y, int mon, int d, int h, int mi, int s)
{
	return y >= 1970 && y < 10000 && mon >= 1 && mon <= 12 && d >= 1 && d <= 31 && h >= 0 &&
	       h < 24 && mi >= 0 && mi < 60 && s >= 0 && s <= 60;
}

time_t pl_time_parse_iso8601(const char *s)
{
	int y, mon, d, h, mi, sec, used = 0;
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mon, &d, &h, &mi, &sec, &used) != 6)
		return -1;
	if (!valid_fields(y, mon, d, h, mi, sec))
		return -1;
	const char *p = s + used;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	if (*p != 'Z' && *p != 0)
		return -1;
	return utc_seconds(y, mon, d, h, mi, sec);
}

time_t pl_time_parse_rfc1123(const char *s)
{
	char wd[4], mname[4];
	int d, y, h, mi, sec;
	if (!s || sscanf(s, "%3s, %2d %3s %4d %2d:%2d:%2d", wd, &d, mname, &y, &h, &mi, &sec) != 7)
		return -1;
	int mon = 0;
	for (int i = 0; i < 12; i++)
		if (strcmp(mname, month_names[i]) == 0)
			mon = i + 1;
	if (!mon || !valid_fields(y, mon, d, h, mi, sec))
		return -1;
	return utc_seconds(y, mon, d, h, mi, sec);
}

void pl_sign_debug_free(struct pl_sign_debug *dbg)
{
	if (!dbg)
		return;
	pl_strbuf_free(&dbg->canonical_request);
	pl_strbuf_free(&dbg->string_to_sign);
}

char *pl_sign_lower_dup(const char *s)
{
	char *r = pl_strdup(s);
	for (char *p = r; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return r;
}

static int header_by_name(const void *a, const void *b)
{
	return strcmp(((const struct pl_sign_header *)a)->name,
		      ((const struct pl_sign_header *)b)->name);
}

void pl_sign_headers_sort(struct pl_sign_header *h, size_t n)
{
	qsort(h, n, sizeof(*h), header_by_name);
}

void pl_sign_headers_add(struct pl_strbuf *sb, const struct pl_sign_header *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		pl_strbuf_addf(sb, "%s:%s\n", h[i].name, h[i].value);
}

void pl_sign_headers_free(struct pl_sign_header *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(h[i].name);
		free(h[i].value);
	}
	free(h);
}

void pl_sign_v4_time(time_t now, char datetime[17], char date[9])
{
	pl_time_iso_basic(now, datetime);
	memcpy(date, datetime, 8);
	date[8] = 0;
}

void pl_sign_v4_sign(const struct pl_sign_v4_scheme *scheme, const char *datetime,
		     const char *date, const char *region, const char *service,
		     const char *secret, const struct pl_strbuf *canonical_request,
		     struct pl_strbuf *sts, char sig_hex[65])
{
	char cr_hash[65];
	pl_sha256_hex(canonical_request->buf, canonical_request->len, cr_hash);
	pl_strbuf_addf(sts, "%s\n%s\n%s/%s/%s/%s\n%s", scheme->algorithm, datetime, date, region,
		       service, scheme->terminator, cr_hash);

	struct pl_strbuf k = PL_STRBUF_INIT;
	pl_strbuf_addf(&k, "%s%s", scheme->key_prefix, secret);
	uint8_t key[32];
	pl_hmac_sha256(k.buf, k.len, date, strlen(date), key);
	pl_hmac_sha256(key, 32, region, strlen(region), key);
	pl_hmac_sha256(key, 32, service, strlen(service), key);
	pl_hmac_sha256(key, 32, scheme->terminator, strlen(scheme->terminator), key);
	/* The secret-derived material leaves no copy behind. */
	memset(k.buf, 0, k.len);
	pl_strbuf_free(&k);

	uint8_t sig[32];
	pl_hmac_sha256(key, 32, sts->buf, sts->len, sig);
	memset(key, 0, sizeof(key));
	pl_hex(sig, 32, sig_hex);
}

void pl_sign_debug_keep(struct pl_sign_debug *dbg, struct pl_strbuf *canonical_request,
			struct pl_strbuf *sts)
{
	if (dbg) {
		dbg->canonical_request = *canonical_request;
		dbg->string_to_sign = *sts;
	} else {
		pl_strbuf_free(canonical_request);
		pl_strbuf_free(sts);
	}
}
