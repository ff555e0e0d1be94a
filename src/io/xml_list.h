/* Parsers for the XML bodies of S3 and OSS: ListObjectsV2/ListObjects pages,
 * <Error> bodies and small single-value answers (GetBucketLocation). Built
 * on expat; element names match by local name, namespaces are ignored
 * (OSS sends none, S3 and its imitators send different ones). */
#ifndef PL_IO_XML_LIST_H
#define PL_IO_XML_LIST_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct pl_list_object {
	char *key;
	uint64_t size;
	int64_t mtime_ms;      /* -1 when absent or unparsable */
	char *etag;
};

struct pl_list_page {
	struct pl_list_object *objects;
	size_t n_objects;
	char **prefixes;       /* CommonPrefixes, each ends with the delimiter */
	size_t n_prefixes;
	int is_truncated;
	char *next_token;      /* NextContinuationToken (V2) or NULL */
	char *next_marker;     /* NextMarker (V1) or NULL */
	int has_key_count;     /* a V2 answer carries KeyCount */
	int has_marker;        /* a V1 answer carries Marker */
};

/* Parses one listing page. With <EncodingType>url</EncodingType> keys and
 * prefixes are decoded; decode_tokens also decodes the continuation token
 * (OSS does, S3 must not: its tokens are base64 with '+'). */
int pl_xml_parse_list(const char *body, size_t len, int decode_tokens,
		      struct pl_list_page *out, struct pl_error *err);
void pl_list_page_free(struct pl_list_page *p);

/* The parts of an <Error> body a user or the connectivity test needs. */
struct pl_store_error {
	char code[64];
	char message[256];
	char region[64];            /* AuthorizationHeaderMalformed */
	char endpoint[256];         /* PermanentRedirect, OSS wrong endpoint */
	char request_id[128];
	char ec[64];                /* OSS error class */
	char string_to_sign[1024];  /* what the server signed */
	char canonical_request[2048];
};

/* 0 when body is an <Error> document (out filled), -1 otherwise. */
int pl_xml_parse_error(const char *body, size_t len, struct pl_store_error *out);

/* Text of the first element named name (local name), malloc'ed; NULL when
 * the body does not parse or has no such element. */
char *pl_xml_first_text(const char *body, size_t len, const char *name);

/* Decodes %XX and '+' (as space) in place, the way OSS and S3 encode keys
 * under encoding-type=url. Returns -1 on a malformed escape or a NUL. */
int pl_url_decode_inplace(char *s);

#endif
