/* AWS Signature Version 4 for S3 and S3-compatible stores (header form). */
#include "io/sign.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

static const struct pl_sign_v4_scheme aws_v4 = {
	"AWS4-HMAC-SHA256", "AWS4", "aws4_request",
};

void pl_sign_aws_v4(const struct pl_sign_request *req, struct pl_kvlist *headers,
		    struct pl_sign_debug *dbg)
{
	char datetime[17], date[9];
	pl_sign_v4_time(req->now, datetime, date);
	const char *payload = req->payload_hash ? req->payload_hash : "UNSIGNED-PAYLOAD";

	pl_kvlist_add(headers, "x-amz-date", datetime);
	if (!req->no_payload_header && !pl_kvlist_get(headers, "x-amz-content-sha256"))
		pl_kvlist_add(headers, "x-amz-content-sha256", payload);
	if (req->token && *req->token)
		pl_kvlist_add(headers, "x-amz-security-token", req->token);

	/* Signed: host and every header the request carries. */
	size_t n = 0;
	struct pl_sign_header *ch = pl_calloc(headers->n + 1, sizeof(*ch));
	ch[n].name = pl_strdup("host");
	ch[n++].value = trim_collapse(req->host);
	for (size_t i = 0; i < headers->n; i++) {
		if (strcasecmp(headers->items[i].name, "authorization") == 0 ||
		    strcasecmp(headers->items[i].name, "host") == 0)
			continue;
		ch[n].name = pl_sign_lower_dup(headers->items[i].name);
		ch[n++].value = trim_collapse(headers->items[i].value ? headers->items[i].value : "");
	}
	pl_sign_headers_sort(ch, n);

	struct pl_strbuf cr = PL_STRBUF_INIT, signed_names = PL_STRBUF_INIT;
	pl_strbuf_addf(&cr, "%s\n", req->method);
	pl_uri_encode(&cr, req->path && *req->path ? req->path : "/", 1);
	pl_strbuf_addch(&cr, '\n');
	pl_query_aws(&cr, req->query);
	pl_strbuf_addch(&cr, '\n');
	pl_sign_headers_add(&cr, ch, n);
	for (size_t i = 0; i < n; i++) {
		if (i)
			pl_strbuf_addch(&signed_names, ';');
		pl_strbuf_addstr(&signed_names, ch[i].name);
	}
	pl_sign_headers_free(ch, n);
	pl_strbuf_addf(&cr, "\n%s\n%s", signed_names.buf, payload);

	struct pl_strbuf sts = PL_STRBUF_INIT;
	char sig_hex[65];
	pl_sign_v4_sign(&aws_v4, datetime, date, req->region, req->service, req->secret, &cr,
			&sts, sig_hex);

	struct pl_strbuf auth = PL_STRBUF_INIT;
	pl_strbuf_addf(&auth,
		       "AWS4-HMAC-SHA256 Credential=%s/%s/%s/%s/aws4_request, SignedHeaders=%s, Signature=%s",
		       req->access_key_id, date, req->region, req->service, signed_names.buf, sig_hex);
	pl_kvlist_add(headers, "Authorization", auth.buf);
	pl_strbuf_free(&auth);
	pl_strbuf_free(&signed_names);
	pl_sign_debug_keep(dbg, &cr, &sts);
}
