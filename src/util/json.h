/* A strict JSON reader that keeps 64-bit integers exact. Paimon writes
 * commitIdentifier, watermark and ids as Java longs; cJSON turns every
 * number into a double and loses them above 2^53. (cJSON is used for
 * writing JSON.) Input is untrusted: depth and sizes are bounded. */
#ifndef PL_UTIL_JSON_H
#define PL_UTIL_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/err.h"

enum pl_json_kind {
	PL_JSON_NULL = 0,
	PL_JSON_BOOL,
	PL_JSON_NUMBER,
	PL_JSON_STRING,
	PL_JSON_ARRAY,
	PL_JSON_OBJECT,
};

struct pl_json {
	enum pl_json_kind kind;
	int b;                   /* BOOL */
	const char *str;         /* STRING: decoded UTF-8 (NUL-terminated, may
				  * contain NULs, see len); NUMBER: raw text */
	size_t len;
	int is_int;              /* NUMBER: integral and fits int64 */
	int64_t i;               /* NUMBER when is_int */
	double d;                /* NUMBER, always */
	size_t n;                /* ARRAY/OBJECT member count */
	struct pl_json **items;  /* ARRAY/OBJECT values, in file order */
	const char **keys;       /* OBJECT keys (decoded) */
	uint64_t offset;         /* byte offset in the text, for messages */
};

#define PL_JSON_MAX_DEPTH 256

/* Parses text (not necessarily NUL-terminated); everything lives in arena.
 * file names the input in error messages. */
int pl_json_parse(const char *text, size_t len, const char *file, struct pl_arena *arena,
		  struct pl_json **out, struct pl_error *err);

/* Member of an object by key (the last one if repeated); NULL if absent or
 * obj is not an object. */
const struct pl_json *pl_json_get(const struct pl_json *obj, const char *key);
/* 1 and *out set when present as an integer; 0 when absent or null;
 * -1 when present with another type. */
int pl_json_get_i64(const struct pl_json *obj, const char *key, int64_t *out);
/* String member or NULL (absent, null or not a string). */
const char *pl_json_get_str(const struct pl_json *obj, const char *key);
/* 1 true, 0 false, -1 absent or not a bool. */
int pl_json_get_bool(const struct pl_json *obj, const char *key);

struct pl_strbuf;
/* Appends s as a JSON string literal escaped as Java's Jackson does ("\"",
 * "\\", \b \t \n \f \r, other controls as \u00XX; everything else,
 * UTF-8 included, as is). */
void pl_json_add_string(struct pl_strbuf *sb, const char *s);

#endif
