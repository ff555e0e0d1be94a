/* Request signing for object stores: AWS Signature V4 (S3 and compatible
 * stores), Alibaba Cloud OSS signature V4 (OSS4-HMAC-SHA256) and V1
 * (HMAC-SHA1). Pure functions: no network, the time is an input, so the
 * published test vectors pin every byte (tests/unit/test_sign.c).
 *
 * We sign in-house instead of using CURLOPT_AWS_SIGV4: curl cannot produce
 * OSS V4 at all, and its SigV4 behaviour changed between versions. */
#ifndef PL_IO_SIGN_H
#define PL_IO_SIGN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/strbuf.h"

/* A header or query parameter. A query parameter with value NULL is written
 * without "=" where the protocol allows it (OSS "?bucketInfo"). */
struct pl_kv {
	char *name;
	char *value;
};

/* An ordered list of owned name/value pairs. */
struct pl_kvlist {
	struct pl_kv *items;
	size_t n, cap;
};

void pl_kvlist_add(struct pl_kvlist *l, const char *name, const char *value);
/* Value of the first pair whose name equals name ignoring case, or NULL. */
const char *pl_kvlist_get(const struct pl_kvlist *l, const char *name);
void pl_kvlist_free(struct pl_kvlist *l);

/* Percent-encodes every byte but A-Z a-z 0-9 - _ . ~ (and '/' when
 * keep_slash) with upper-case hex, the encoding both V4 schemes sign. */
void pl_uri_encode(struct pl_strbuf *sb, const char *s, int keep_slash);
/* The query string as sent and signed by AWS V4: sorted by encoded name,
 * "name=value" (empty value: "name="). */
void pl_query_aws(struct pl_strbuf *sb, const struct pl_kvlist *query);
/* The same for OSS V4: an empty or absent value is written as "name". */
void pl_query_oss(struct pl_strbuf *sb, const struct pl_kvlist *query);

void pl_sha256_hex(const void *data, size_t n, char out[65]);
void pl_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t n,
		    uint8_t out[32]);
void pl_hex(const uint8_t *p, size_t n, char *out);

/* "20231216T162057Z" and "20231216" */
void pl_time_iso_basic(time_t t, char out[17]);
/* "Sat, 16 Dec 2023 16:20:57 GMT", English names whatever the locale. */
void pl_time_rfc1123(time_t t, char out[30]);
/* Parses "2021-10-20T04:27:09Z" (fractions allowed); -1 on error. */
time_t pl_time_parse_iso8601(const char *s);
/* Parses an RFC 1123 HTTP date; -1 on error. */
time_t pl_time_parse_rfc1123(const char *s);

struct pl_sign_request {
	const char *method;
	/* Host header exactly as sent, with ":port" when not the default. */
	const char *host;
	/* The bucket: OSS signs it even in virtual-hosted and CNAME style. */
	const char *bucket;
	/* OSS: the raw object key ("" for bucket-level requests). */
	const char *key;
	/* AWS: the request path as sent, not yet encoded ("/bucket/key"). */
	const char *path;
	const struct pl_kvlist *query;
	/* AWS: hex SHA-256 of the body, or NULL for UNSIGNED-PAYLOAD. */
	const char *payload_hash;
	/* AWS: do not send x-amz-content-sha256 (only the generic suite
	 * vectors need this: S3 always wants the header). */
	int no_payload_header;
	const char *region;
	/* AWS service ("s3"); OSS product ("oss" or "oss-cloudbox"). */
	const char *service;
	/* OSS V4: extra header names to sign besides the default ones. */
	const char *const *additional_headers;
	size_t n_additional;
	time_t now;
	const char *access_key_id;
	const char *secret;
	const char *token;     /* STS/session token or NULL */
};

/* What the signer computed, for tests and for the connectivity test,
 * which compares it with the server's own on SignatureDoesNotMatch. */
struct pl_sign_debug {
	struct pl_strbuf canonical_request;
	struct pl_strbuf string_to_sign;
};

void pl_sign_debug_free(struct pl_sign_debug *dbg);

/* Each signer adds the headers it needs (date, payload hash, token) and
 * finally "Authorization" to headers, which holds the request's other
 * headers on entry. dbg may be NULL. */
void pl_sign_aws_v4(const struct pl_sign_request *req, struct pl_kvlist *headers,
		    struct pl_sign_debug *dbg);
void pl_sign_oss_v4(const struct pl_sign_request *req, struct pl_kvlist *headers,
		    struct pl_sign_debug *dbg);
void pl_sign_oss_v1(const struct pl_sign_request *req, struct pl_kvlist *headers,
		    struct pl_sign_debug *dbg);

/* Building blocks the signers share (sign_util.c). */

/* A header as signed: name lower-cased, value normalised by the signer. */
struct pl_sign_header {
	char *name;
	char *value;
};
char *pl_sign_lower_dup(const char *s);
/* Sorts h by name (bytewise, as both V4 schemes require). */
void pl_sign_headers_sort(struct pl_sign_header *h, size_t n);
/* Appends "name:value\n" for each header. */
void pl_sign_headers_add(struct pl_strbuf *sb, const struct pl_sign_header *h, size_t n);
void pl_sign_headers_free(struct pl_sign_header *h, size_t n);

/* The request time as "20231216T162057Z" and "20231216". */
void pl_sign_v4_time(time_t now, char datetime[17], char date[9]);

/* What differs between AWS V4 and OSS V4 once the canonical request is
 * built: the algorithm name, the prefix of the secret that starts the key
 * chain and the word that ends the scope. */
struct pl_sign_v4_scheme {
	const char *algorithm;     /* "AWS4-HMAC-SHA256" */
	const char *key_prefix;    /* "AWS4" */
	const char *terminator;    /* "aws4_request" */
};
/* Hashes the canonical request into the string to sign (sts, empty on
 * entry) and signs it with the key derived from secret, date, region and
 * service; no copy of the key material is left behind. */
void pl_sign_v4_sign(const struct pl_sign_v4_scheme *scheme, const char *datetime,
		     const char *date, const char *region, const char *service,
		     const char *secret, const struct pl_strbuf *canonical_request,
		     struct pl_strbuf *sts, char sig_hex[65]);
/* Hands the canonical request and string to sign to dbg, or frees them
 * when dbg is NULL. */
void pl_sign_debug_keep(struct pl_sign_debug *dbg, struct pl_strbuf *canonical_request,
			struct pl_strbuf *sts);

/* OSS V1 building blocks, public for the query-string vectors. */
void pl_oss_v1_resource(struct pl_strbuf *sb, const char *bucket, const char *key,
			const struct pl_kvlist *query);
/* base64(HMAC-SHA1(secret, string_to_sign)) */
void pl_oss_v1_signature(const char *secret, const char *string_to_sign, char out[32]);

#endif
