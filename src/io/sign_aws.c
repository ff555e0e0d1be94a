/* AWS Signature Version 4 for S3 and S3-compatible stores (header form). */
#include "io/sign.h"
#include "util/alloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct canon_header {
	char *name;   /* lower case */
	char *value;  /* trimmed, inner runs of spaces collapsed */
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct canon_header *)a)->name,
		      ((const struct canon_header *)b)->name);
}

static char *lower_dup(const char *s)
{
	char *r = pl_strdup(s);
	for (char *p = r; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return r;
}

static char *trim_collapse(const char *s)
{
	struct pl_strbuf sb = PL_STRBUF_INIT;
	while (*s == ' ' || *s == '\t')
		s++;
	int space = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t') {
			space = 1;
			continue;
		}
		if (space && sb.len)
			pl_strbuf_addch(&sb, ' ');
		space = 0;
		pl_strbuf_addch(&sb, *s);
	}
	return pl_strbuf_detach(&sb);
}

void pl_sign_aws_v4(const struct pl_sign_request *req, struct pl_kvlist *headers,
		    struct pl_sign_debug *dbg)
{
	char datetime[17], date[9];
	pl_time_iso_basic(req->now, datetime);
	memcpy(date, datetime, 8);
	date[8] = 0;
	const char *payload = req->payload_hash ? req->payload_hash : "UNSIGNED-PAYLOAD";

	pl_kvlist_add(headers, "x-amz-date", datetime);
	if (!req->no_payload_header && !pl_kvlist_get(headers, "x-amz-content-sha256"))
		pl_kvlist_add(headers, "x-amz-content-sha256", payload);
	if (req->token && *req->token)
		pl_kvlist_add(headers, "x-amz-security-token", req->token);

	/* Signed: host and every header the request carries. */
	size_t n = 0;
	struct canon_header *ch = pl_calloc(headers->n + 1, sizeof(*ch));
	ch[n].name = pl_strdup("host");
	ch[n++].value = trim_collapse(req->host);
	for (size_t i = 0; i < headers->n; i++) {
		if (strcasecmp(headers->items[i].name, "authorization") == 0 ||
		    strcasecmp(headers->items[i].name, "host") == 0)
			continue;
		ch[n].name = lower_dup(headers->items[i].name);
		ch[n++].value = trim_collapse(headers->items[i].value ? headers->items[i].value : "");
	}
	qsort(ch, n, sizeof(*ch), by_name);

	struct pl_strbuf cr = PL_STRBUF_INIT, signed_names = PL_STRBUF_INIT;
	pl_strbuf_addf(&cr, "%s\n", req->method);
	pl_uri_encode(&cr, req->path && *req->path ? req->path : "/", 1);
	pl_strbuf_addch(&cr, '\n');
	pl_query_aws(&cr, req->query);
	pl_strbuf_addch(&cr, '\n');
	for (size_t i = 0; i < n; i++) {
		pl_strbuf_addf(&cr, "%s:%s\n", ch[i].name, ch[i].value);
		if (i)
			pl_strbuf_addch(&signed_names, ';');
		pl_strbuf_addstr(&signed_names, ch[i].name);
		free(ch[i].name);
		free(ch[i].value);
	}
	free(ch);
	pl_strbuf_addf(&cr, "\n%s\n%s", signed_names.buf, payload);

	char cr_hash[65];
	pl_sha256_hex(cr.buf, cr.len, cr_hash);
	struct pl_strbuf sts = PL_STRBUF_INIT;
	pl_strbuf_addf(&sts, "AWS4-HMAC-SHA256\n%s\n%s/%s/%s/aws4_request\n%s", datetime, date,
		       req->region, req->service, cr_hash);

	struct pl_strbuf k = PL_STRBUF_INIT;
	pl_strbuf_addf(&k, "AWS4%s", req->secret);
	uint8_t key[32];
	pl_hmac_sha256(k.buf, k.len, date, strlen(date), key);
	pl_hmac_sha256(key, 32, req->region, strlen(req->region), key);
	pl_hmac_sha256(key, 32, req->service, strlen(req->service), key);
	pl_hmac_sha256(key, 32, "aws4_request", 12, key);
	/* The secret-derived material leaves no copy behind. */
	memset(k.buf, 0, k.len);
	pl_strbuf_free(&k);

	uint8_t sig[32];
	char sig_hex[65];
	pl_hmac_sha256(key, 32, sts.buf, sts.len, sig);
	memset(key, 0, sizeof(key));
	pl_hex(sig, 32, sig_hex);

	struct pl_strbuf auth = PL_STRBUF_INIT;
	pl_strbuf_addf(&auth,
		       "AWS4-HMAC-SHA256 Credential=%s/%s/%s/%s/aws4_request, SignedHeaders=%s, Signature=%s",
		       req->access_key_id, date, req->region, req->service, signed_names.buf, sig_hex);
	pl_kvlist_add(headers, "Authorization", auth.buf);
	pl_strbuf_free(&auth);
	pl_strbuf_free(&signed_names);
	if (dbg) {
		dbg->canonical_request = cr;
		dbg->string_to_sign = sts;
	} else {
		pl_strbuf_free(&cr);
		pl_strbuf_free(&sts);
	}
}
