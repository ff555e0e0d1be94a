/* Strict RFC 8259 reader. Numbers keep their text so integers stay exact;
 * strings are decoded once into the arena. The input is untrusted, so
 * every step is bounded by the remaining bytes and by PL_JSON_MAX_DEPTH. */
#include "util/json.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

struct parser {
	const unsigned char *text;
	size_t len;
	size_t pos;
	const char *file;
	struct pl_arena *arena;
	struct pl_error *err;
	int depth;
};

static int fail(struct parser *p, size_t at, const char *what)
{
	return pl_err_corrupt(p->err, p->file, at, "%s", what);
}

/* Shows the byte we stopped at so a message says what was found. */
static int fail_found(struct parser *p, const char *expected)
{
	if (p->pos >= p->len)
		return pl_err_corrupt(p->err, p->file, p->pos, "%s, found end of input",
				      expected);
	unsigned char c = p->text[p->pos];
	if (c >= 0x21 && c < 0x7f)
		return pl_err_corrupt(p->err, p->file, p->pos, "%s, found '%c'", expected, c);
	return pl_err_corrupt(p->err, p->file, p->pos, "%s, found byte 0x%02x", expected, c);
}

static void skip_ws(struct parser *p)
{
	while (p->pos < p->len) {
		unsigned char c = p->text[p->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		p->pos++;
	}
}

static int parse_value(struct parser *p, struct pl_json **out);

static int hex4(const unsigned char *s, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		unsigned char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static size_t put_utf8(char *dst, unsigned cp)
{
	if (cp < 0x80) {
		dst[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		dst[0] = (char)(0xc0 | (cp >> 6));
		dst[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		dst[0] = (char)(0xe0 | (cp >> 12));
		dst[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		dst[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	dst[0] = (char)(0xf0 | (cp >> 18));
	dst[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	dst[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	dst[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Decodes the string starting at the opening quote. The first pass finds
 * the closing quote and validates, so the decoded copy (never longer than
 * the raw text) gets exactly one allocation. */
static int parse_string(struct parser *p, const char **out, size_t *out_len)
{
	size_t start = p->pos + 1, i = start;
	for (;;) {
		if (i >= p->len)
			return pl_err_corrupt(p->err, p->file, p->pos,
					      "unterminated string, expected '\"'");
		unsigned char c = p->text[i];
		if (c == '"')
			break;
		if (c < 0x20)
			return pl_err_corrupt(p->err, p->file, i,
					      "expected an escape sequence, found control "
					      "character 0x%02x in string", c);
		if (c != '\\') {
			i++;
			continue;
		}
		if (i + 1 >= p->len)
			return fail(p, i, "expected an escape character after '\\'");
		c = p->text[i + 1];
		if (c == 'u') {
			unsigned cp;
			if (p->len - i < 6 || hex4(p->text + i + 2, &cp) < 0)
				return fail(p, i, "expected 4 hex digits after \\u");
			i += 6;
		} else if (c && strchr("\"\\/bfnrt", c)) {
			i += 2;
		} else {
			return pl_err_corrupt(p->err, p->file, i,
					      "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r "
					      "\\t \\u, found invalid escape");
		}
	}
	size_t end = i;
	char *dst = pl_arena_alloc(p->arena, end - start + 1);
	size_t n = 0;
	for (i = start; i < end;) {
		unsigned char c = p->text[i];
		if (c != '\\') {
			dst[n++] = (char)c;
			i++;
			continue;
		}
		c = p->text[i + 1];
		if (c != 'u') {
			static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
			dst[n++] = to[strchr(from, c) - from];
			i += 2;
			continue;
		}
		unsigned cp, lo;
		hex4(p->text + i + 2, &cp);
		i += 6;
		if (cp >= 0xd800 && cp <= 0xdbff && end - i >= 6 && p->text[i] == '\\' &&
		    p->text[i + 1] == 'u' && hex4(p->text + i + 2, &lo) == 0 &&
		    lo >= 0xdc00 && lo <= 0xdfff) {
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			i += 6;
		} else if (cp >= 0xd800 && cp <= 0xdfff) {
			/* A lone surrogate is valid JSON syntax but no
			 * character: keep the position visible. */
			cp = 0xfffd;
		}
		n += put_utf8(dst + n, cp);
	}
	dst[n] = '\0';
	p->pos = end + 1;
	*out = dst;
	*out_len = n;
	return 0;
}

/* strtod follows LC_NUMERIC; JSON always uses '.'. */
static double text_to_double(char *s)
{
	const char *dp = localeconv()->decimal_point;
	char *dot = strchr(s, '.');
	if (dot && dp && dp[0] && strcmp(dp, ".") != 0 && strlen(dp) == 1)
		*dot = dp[0];
	double d = strtod(s, NULL);
	if (dot)
		*dot = '.';
	return d;
}

static int parse_number(struct parser *p, struct pl_json *v)
{
	size_t start = p->pos, i = start;
	int integral = 1;
	if (i < p->len && p->text[i] == '-')
		i++;
	if (i >= p->len || p->text[i] < '0' || p->text[i] > '9')
		return pl_err_corrupt(p->err, p->file, i, "expected a digit in number");
	if (p->text[i] == '0') {
		i++;
		if (i < p->len && p->text[i] >= '0' && p->text[i] <= '9')
			return fail(p, i, "expected '.', 'e' or the end of the number after a "
				    "leading zero");
	} else {
		while (i < p->len && p->text[i] >= '0' && p->text[i] <= '9')
			i++;
	}
	if (i < p->len && p->text[i] == '.') {
		integral = 0;
		i++;
		if (i >= p->len || p->text[i] < '0' || p->text[i] > '9')
			return fail(p, i, "expected a digit after the decimal point");
		while (i < p->len && p->text[i] >= '0' && p->text[i] <= '9')
			i++;
	}
	if (i < p->len && (p->text[i] == 'e' || p->text[i] == 'E')) {
		integral = 0;
		i++;
		if (i < p->len && (p->text[i] == '+' || p->text[i] == '-'))
			i++;
		if (i >= p->len || p->text[i] < '0' || p->text[i] > '9')
			return fail(p, i, "expected a digit in the exponent");
		while (i < p->len && p->text[i] >= '0' && p->text[i] <= '9')
			i++;
	}
	char *s = pl_arena_strndup(p->arena, (const char *)p->text + start, i - start);
	v->kind = PL_JSON_NUMBER;
	v->str = s;
	v->len = i - start;
	v->d = text_to_double(s);
	if (integral) {
		/* Accumulate negatively: -2^63 has no positive twin. */
		int neg = s[0] == '-';
		int64_t acc = 0;
		int fits = 1;
		for (const char *d = s + neg; *d; d++) {
			int digit = *d - '0';
			if (acc < (INT64_MIN + digit) / 10) {
				fits = 0;
				break;
			}
			acc = acc * 10 - digit;
		}
		if (fits && !neg && acc == INT64_MIN)
			fits = 0;
		if (fits) {
			v->is_int = 1;
			v->i = neg ? acc : -acc;
		}
	}
	p->pos = i;
	return 0;
}

static int parse_literal(struct parser *p, const char *word)
{
	size_t n = strlen(word);
	if (p->len - p->pos < n || memcmp(p->text + p->pos, word, n) != 0)
		return fail_found(p, "expected a JSON value");
	p->pos += n;
	return 0;
}

/* Members go to a heap vector first (its size is unknown until the closing
 * bracket) and are copied into the arena once. Each member consumes at
 * least one input byte, so the vector is bounded by the input size. */
struct members {
	struct pl_json **items;
	const char **keys;
	size_t n, cap, kcap;
};

static void members_free(struct members *m)
{
	free(m->items);
	free(m->keys);
}

static void members_finish(struct parser *p, struct members *m, struct pl_json *v, int object)
{
	v->n = m->n;
	if (m->n) {
		v->items = pl_arena_memdup(p->arena, m->items, m->n * sizeof(*m->items));
		if (object)
			v->keys = pl_arena_memdup(p->arena, m->keys, m->n * sizeof(*m->keys));
	}
	members_free(m);
}

static int parse_array(struct parser *p, struct pl_json *v)
{
	struct members m = { 0 };
	v->kind = PL_JSON_ARRAY;
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->text[p->pos] == ']') {
		p->pos++;
		return 0;
	}
	for (;;) {
		struct pl_json *item;
		if (parse_value(p, &item) < 0)
			goto fail;
		PL_GROW(m.items, m.cap, m.n + 1);
		m.items[m.n++] = item;
		skip_ws(p);
		if (p->pos < p->len && p->text[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->text[p->pos] == ']') {
			p->pos++;
			break;
		}
		fail_found(p, "expected ',' or ']' in array");
		goto fail;
	}
	members_finish(p, &m, v, 0);
	return 0;
fail:
	members_free(&m);
	return -1;
}

static int parse_object(struct parser *p, struct pl_json *v)
{
	struct members m = { 0 };
	v->kind = PL_JSON_OBJECT;
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->text[p->pos] == '}') {
		p->pos++;
		return 0;
	}
	for (;;) {
		const char *key;
		size_t key_len;
		struct pl_json *item;
		skip_ws(p);
		if (p->pos >= p->len || p->text[p->pos] != '"') {
			fail_found(p, "expected a string key in object");
			goto fail;
		}
		if (parse_string(p, &key, &key_len) < 0)
			goto fail;
		skip_ws(p);
		if (p->pos >= p->len || p->text[p->pos] != ':') {
			fail_found(p, "expected ':' after object key");
			goto fail;
		}
		p->pos++;
		if (parse_value(p, &item) < 0)
			goto fail;
		PL_GROW(m.items, m.cap, m.n + 1);
		PL_GROW(m.keys, m.kcap, m.n + 1);
		m.keys[m.n] = key;
		m.items[m.n++] = item;
		skip_ws(p);
		if (p->pos < p->len && p->text[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->text[p->pos] == '}') {
			p->pos++;
			break;
		}
		fail_found(p, "expected ',' or '}' in object");
		goto fail;
	}
	members_finish(p, &m, v, 1);
	return 0;
fail:
	members_free(&m);
	return -1;
}

static int parse_value(struct parser *p, struct pl_json **out)
{
	skip_ws(p);
	if (p->pos >= p->len)
		return fail_found(p, "expected a JSON value");
	struct pl_json *v = pl_arena_alloc(p->arena, sizeof(*v));
	v->offset = p->pos;
	*out = v;
	unsigned char c = p->text[p->pos];
	int rc;
	switch (c) {
	case '{':
	case '[':
		if (p->depth >= PL_JSON_MAX_DEPTH)
			return pl_err_corrupt(p->err, p->file, p->pos,
					      "expected at most %d nested arrays/objects",
					      PL_JSON_MAX_DEPTH);
		p->depth++;
		rc = c == '{' ? parse_object(p, v) : parse_array(p, v);
		p->depth--;
		return rc;
	case '"':
		v->kind = PL_JSON_STRING;
		return parse_string(p, &v->str, &v->len);
	case 't':
		v->kind = PL_JSON_BOOL;
		v->b = 1;
		return parse_literal(p, "true");
	case 'f':
		v->kind = PL_JSON_BOOL;
		return parse_literal(p, "false");
	case 'n':
		v->kind = PL_JSON_NULL;
		return parse_literal(p, "null");
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return parse_number(p, v);
		return fail_found(p, "expected a JSON value");
	}
}

int pl_json_parse(const char *text, size_t len, const char *file, struct pl_arena *arena,
		  struct pl_json **out, struct pl_error *err)
{
	struct parser p = {
		.text = (const unsigned char *)text, .len = len, .file = file,
		.arena = arena, .err = err,
	};
	*out = NULL;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		p.pos = 3;
	struct pl_json *v;
	if (parse_value(&p, &v) < 0)
		return -1;
	skip_ws(&p);
	if (p.pos != len)
		return fail_found(&p, "expected end of input after the JSON value");
	*out = v;
	return 0;
}

const struct pl_json *pl_json_get(const struct pl_json *obj, const char *key)
{
	if (!obj || obj->kind != PL_JSON_OBJECT)
		return NULL;
	for (size_t i = obj->n; i-- > 0;)
		if (strcmp(obj->keys[i], key) == 0)
			return obj->items[i];
	return NULL;
}

int pl_json_get_i64(const struct pl_json *obj, const char *key, int64_t *out)
{
	const struct pl_json *v = pl_json_get(obj, key);
	if (!v || v->kind == PL_JSON_NULL)
		return 0;
	if (v->kind != PL_JSON_NUMBER || !v->is_int)
		return -1;
	*out = v->i;
	return 1;
}

const char *pl_json_get_str(const struct pl_json *obj, const char *key)
{
	const struct pl_json *v = pl_json_get(obj, key);
	return v && v->kind == PL_JSON_STRING ? v->str : NULL;
}

int pl_json_get_bool(const struct pl_json *obj, const char *key)
{
	const struct pl_json *v = pl_json_get(obj, key);
	if (!v || v->kind != PL_JSON_BOOL)
		return -1;
	return v->b;
}

/* Jackson's escapes, so re-serialised metadata matches Java's output. */
void pl_json_add_string(struct pl_strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	pl_strbuf_addch(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': pl_strbuf_addstr(sb, "\\\""); break;
		case '\\': pl_strbuf_addstr(sb, "\\\\"); break;
		case '\b': pl_strbuf_addstr(sb, "\\b"); break;
		case '\t': pl_strbuf_addstr(sb, "\\t"); break;
		case '\n': pl_strbuf_addstr(sb, "\\n"); break;
		case '\f': pl_strbuf_addstr(sb, "\\f"); break;
		case '\r': pl_strbuf_addstr(sb, "\\r"); break;
		default:
			if (*p < 0x20) {
				pl_strbuf_addstr(sb, "\\u00");
				pl_strbuf_addch(sb, hex[*p >> 4]);
				pl_strbuf_addch(sb, hex[*p & 15]);
			} else {
				pl_strbuf_addch(sb, (char)*p);
			}
		}
	}
	pl_strbuf_addch(sb, '"');
}
