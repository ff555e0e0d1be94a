/* Expat-based parsers for listing pages and error bodies. One small SAX
 * framework (a stack of local names and the text of the current element)
 * serves the three document kinds. */
#include "io/xml_list.h"
#include "util/alloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "io/sign.h"

#define MAX_DEPTH 16
/* No value in a listing comes close: keys are at most 1024 bytes. */
#define MAX_TEXT (64 * 1024)

struct sax {
	XML_Parser parser;
	const char *stack[MAX_DEPTH];
	int depth;
	int overflow;          /* deeper than MAX_DEPTH: ignored subtree */
	char *text;
	size_t text_len, text_cap;
	int failed;
	char why[128];
	void (*on_end)(struct sax *s, const char *name);
	void *user;
};

static const char *local_name(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static void fail(struct sax *s, const char *why)
{
	if (!s->failed) {
		s->failed = 1;
		snprintf(s->why, sizeof(s->why), "%s", why);
	}
	XML_StopParser(s->parser, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	(void)attrs;
	struct sax *s = ud;
	if (s->depth >= MAX_DEPTH) {
		s->overflow++;
		return;
	}
	/* Expat keeps name alive until the matching end tag. */
	s->stack[s->depth++] = local_name(name);
	s->text_len = 0;
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct sax *s = ud;
	if (s->overflow) {
		s->overflow--;
		return;
	}
	if (s->text)
		s->text[s->text_len] = 0;
	if (s->on_end && !s->failed)
		s->on_end(s, local_name(name));
	s->depth--;
	s->text_len = 0;
}

static void XMLCALL on_text(void *ud, const XML_Char *p, int n)
{
	struct sax *s = ud;
	if (n <= 0 || s->overflow)
		return;
	if (s->text_len + (size_t)n > MAX_TEXT) {
		fail(s, "element text longer than 64 KiB");
		return;
	}
	PL_GROW(s->text, s->text_cap, s->text_len + (size_t)n + 1);
	memcpy(s->text + s->text_len, p, (size_t)n);
	s->text_len += (size_t)n;
}

/* Entity declarations only serve expansion attacks here: refuse any DTD
 * entity outright. */
static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param,
			      const XML_Char *value, int value_len, const XML_Char *base,
			      const XML_Char *system_id, const XML_Char *public_id,
			      const XML_Char *notation)
{
	(void)name; (void)is_param; (void)value; (void)value_len; (void)base;
	(void)system_id; (void)public_id; (void)notation;
	fail(ud, "entity declarations are not allowed");
}

/* Parent element name at the moment an element ends (0 = itself). */
static const char *parent(const struct sax *s, int up)
{
	int i = s->depth - 1 - up;
	return i >= 0 ? s->stack[i] : "";
}

static const char *text(const struct sax *s)
{
	return s->text ? s->text : "";
}

static int run(struct sax *s, const char *body, size_t len, char *why, size_t why_len)
{
	if (len > (size_t)INT32_MAX) {
		snprintf(why, why_len, "document too large");
		return -1;
	}
	s->parser = XML_ParserCreate("UTF-8");
	XML_SetUserData(s->parser, s);
	XML_SetElementHandler(s->parser, on_start, on_end);
	XML_SetCharacterDataHandler(s->parser, on_text);
	XML_SetEntityDeclHandler(s->parser, on_entity);
	int ok = XML_Parse(s->parser, body, (int)len, XML_TRUE) == XML_STATUS_OK && !s->failed;
	if (!ok) {
		if (s->failed)
			snprintf(why, why_len, "%s", s->why);
		else
			snprintf(why, why_len, "line %lu: %s",
				 (unsigned long)XML_GetCurrentLineNumber(s->parser),
				 XML_ErrorString(XML_GetErrorCode(s->parser)));
	}
	XML_ParserFree(s->parser);
	free(s->text);
	return ok ? 0 : -1;
}

int pl_url_decode_inplace(char *s)
{
	char *w = s;
	for (const char *r = s; *r; r++) {
		if (*r == '+') {
			*w++ = ' ';
		} else if (*r == '%') {
			if (!isxdigit((unsigned char)r[1]) || !isxdigit((unsigned char)r[2]))
				return -1;
			char hex[3] = { r[1], r[2], 0 };
			long v = strtol(hex, NULL, 16);
			if (v == 0)
				return -1;
			*w++ = (char)v;
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = 0;
	return 0;
}

/* ---- listing pages ------------------------------------------------------- */

struct list_state {
	struct pl_list_page *page;
	size_t cap_objects, cap_prefixes;
	struct pl_list_object cur;
	int root_ok;
	int url_encoded;
};

static int parse_u64(const char *s, uint64_t *out)
{
	if (!*s || !isdigit((unsigned char)*s))
		return -1;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end || errno == ERANGE)
		return -1;
	*out = v;
	return 0;
}

static void list_end(struct sax *s, const char *name)
{
	struct list_state *st = s->user;
	struct pl_list_page *p = st->page;
	const char *up = parent(s, 1);
	if (s->depth == 1) {
		if (strcmp(name, "ListBucketResult") != 0)
			fail(s, "expected a ListBucketResult document");
		else
			st->root_ok = 1;
		return;
	}
	if (strcmp(up, "Contents") == 0) {
		if (strcmp(name, "Key") == 0) {
			free(st->cur.key);
			st->cur.key = pl_strdup(text(s));
		} else if (strcmp(name, "Size") == 0) {
			if (parse_u64(text(s), &st->cur.size))
				fail(s, "Contents/Size is not a number");
		} else if (strcmp(name, "ETag") == 0) {
			free(st->cur.etag);
			st->cur.etag = pl_strdup(text(s));
		} else if (strcmp(name, "LastModified") == 0) {
			time_t t = pl_time_parse_iso8601(text(s));
			const char *dot = strchr(text(s), '.');
			int ms = dot ? atoi(dot + 1) % 1000 : 0;
			st->cur.mtime_ms = t < 0 ? -1 : (int64_t)t * 1000 + ms;
		}
		return;
	}
	if (strcmp(name, "Contents") == 0 && s->depth == 2) {
		if (!st->cur.key) {
			fail(s, "Contents without a Key");
			return;
		}
		PL_GROW(p->objects, st->cap_objects, p->n_objects + 1);
		p->objects[p->n_objects++] = st->cur;
		memset(&st->cur, 0, sizeof(st->cur));
		st->cur.mtime_ms = -1;
		return;
	}
	if (strcmp(up, "CommonPrefixes") == 0 && strcmp(name, "Prefix") == 0) {
		PL_GROW(p->prefixes, st->cap_prefixes, p->n_prefixes + 1);
		p->prefixes[p->n_prefixes++] = pl_strdup(text(s));
		return;
	}
	if (s->depth != 2)
		return;
	if (strcmp(name, "IsTruncated") == 0)
		p->is_truncated = strcmp(text(s), "true") == 0;
	else if (strcmp(name, "NextContinuationToken") == 0) {
		free(p->next_token);
		p->next_token = pl_strdup(text(s));
	} else if (strcmp(name, "NextMarker") == 0) {
		free(p->next_marker);
		p->next_marker = pl_strdup(text(s));
	} else if (strcmp(name, "KeyCount") == 0)
		p->has_key_count = 1;
	else if (strcmp(name, "Marker") == 0)
		p->has_marker = 1;
	else if (strcmp(name, "EncodingType") == 0)
		st->url_encoded = strcmp(text(s), "url") == 0;
}

static int decode(char *s, struct pl_error *err, const char *what)
{
	if (s && pl_url_decode_inplace(s))
		return pl_err(err, PL_ERR_CORRUPT, "listing: malformed URL encoding in %s", what);
	return 0;
}

int pl_xml_parse_list(const char *body, size_t len, int decode_tokens,
		      struct pl_list_page *out, struct pl_error *err)
{
	memset(out, 0, sizeof(*out));
	struct list_state st = { .page = out };
	st.cur.mtime_ms = -1;
	struct sax s = { .on_end = list_end, .user = &st };
	char why[160];
	int rc = run(&s, body, len, why, sizeof(why));
	free(st.cur.key);
	free(st.cur.etag);
	if (rc == 0 && !st.root_ok)
		snprintf(why, sizeof(why), "expected a ListBucketResult document"), rc = -1;
	if (rc) {
		pl_list_page_free(out);
		return pl_err(err, PL_ERR_CORRUPT, "listing: %s", why);
	}
	if (st.url_encoded) {
		for (size_t i = 0; i < out->n_objects; i++)
			if (decode(out->objects[i].key, err, "a key"))
				goto bad;
		for (size_t i = 0; i < out->n_prefixes; i++)
			if (decode(out->prefixes[i], err, "a prefix"))
				goto bad;
		if (decode(out->next_marker, err, "NextMarker"))
			goto bad;
		if (decode_tokens && decode(out->next_token, err, "NextContinuationToken"))
			goto bad;
	}
	return 0;
bad:
	pl_list_page_free(out);
	return -1;
}

void pl_list_page_free(struct pl_list_page *p)
{
	for (size_t i = 0; i < p->n_objects; i++) {
		free(p->objects[i].key);
		free(p->objects[i].etag);
	}
	free(p->objects);
	for (size_t i = 0; i < p->n_prefixes; i++)
		free(p->prefixes[i]);
	free(p->prefixes);
	free(p->next_token);
	free(p->next_marker);
	memset(p, 0, sizeof(*p));
}

/* ---- error bodies and single values --------------------------------------- */

struct error_state {
	struct pl_store_error *e;
	int root_ok;
};

static void copy_text(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src);
}

static void error_end(struct sax *s, const char *name)
{
	struct error_state *st = s->user;
	struct pl_store_error *e = st->e;
	if (s->depth == 1) {
		st->root_ok = strcmp(name, "Error") == 0;
		return;
	}
	if (s->depth != 2)
		return;
	if (strcmp(name, "Code") == 0)
		copy_text(e->code, sizeof(e->code), text(s));
	else if (strcmp(name, "Message") == 0)
		copy_text(e->message, sizeof(e->message), text(s));
	else if (strcmp(name, "Region") == 0)
		copy_text(e->region, sizeof(e->region), text(s));
	else if (strcmp(name, "Endpoint") == 0)
		copy_text(e->endpoint, sizeof(e->endpoint), text(s));
	else if (strcmp(name, "RequestId") == 0)
		copy_text(e->request_id, sizeof(e->request_id), text(s));
	else if (strcmp(name, "EC") == 0)
		copy_text(e->ec, sizeof(e->ec), text(s));
	else if (strcmp(name, "StringToSign") == 0)
		copy_text(e->string_to_sign, sizeof(e->string_to_sign), text(s));
	else if (strcmp(name, "CanonicalRequest") == 0)
		copy_text(e->canonical_request, sizeof(e->canonical_request), text(s));
}

int pl_xml_parse_error(const char *body, size_t len, struct pl_store_error *out)
{
	memset(out, 0, sizeof(*out));
	if (!body || !len)
		return -1;
	struct error_state st = { .e = out };
	struct sax s = { .on_end = error_end, .user = &st };
	char why[160];
	if (run(&s, body, len, why, sizeof(why)) || !st.root_ok || !out->code[0]) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	return 0;
}

struct first_state {
	const char *name;
	char *found;
};

static void first_end(struct sax *s, const char *name)
{
	struct first_state *st = s->user;
	if (!st->found && strcmp(name, st->name) == 0)
		st->found = pl_strdup(text(s));
}

char *pl_xml_first_text(const char *body, size_t len, const char *name)
{
	struct first_state st = { .name = name };
	struct sax s = { .on_end = first_end, .user = &st };
	char why[160];
	if (!body || run(&s, body, len, why, sizeof(why))) {
		free(st.found);
		return NULL;
	}
	return st.found;
}
