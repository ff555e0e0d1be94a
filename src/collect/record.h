/* Building blocks of the governance record (doc/governance.md): cJSON
 * values for the cases cJSON gets wrong on its own (64-bit integers, which
 * it would round through a double), RFC 3339 times, ISO 8601 durations from
 * Paimon's duration options, the secret-option rule and the facet
 * envelope. Objects keep insertion order, so the caller's order of adds is
 * the key order of the output. */
#ifndef PL_COLLECT_RECORD_H
#define PL_COLLECT_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "util/strbuf.h"

#define PL_RECORD_TIME_LEN 32

/* "2026-09-30T08:15:02.113Z"; buf holds PL_RECORD_TIME_LEN bytes. */
void pl_record_format_time(char *buf, int64_t epoch_ms);
/* Parses the same form back (also accepts no fraction and +00:00).
 * Returns 0, or -1 when text is not an RFC 3339 UTC time. */
int pl_record_parse_time(const char *text, int64_t *epoch_ms);

/* Paimon's duration text ("1 h", "30 d", "7d", "1h 30min", "500", a bare
 * number being milliseconds as in Java's TimeUtils) to milliseconds.
 * Returns 0, or -1 for text that is no duration. */
int pl_record_parse_duration(const char *text, int64_t *ms);
/* ISO 8601 duration of a millisecond count: P30D, PT1H30M, P1DT2H,
 * PT0.5S, PT0S. Negative counts get a leading '-'. */
void pl_record_iso_duration(struct pl_strbuf *sb, int64_t ms);

/* 1 when an option key names a secret (secret|password|token|access.?key|
 * credential, any case): such options never leave the program. */
int pl_record_is_secret_key(const char *key);

/* Exact 64-bit number. */
cJSON *pl_record_i64(int64_t v);
/* RFC 3339 string. */
cJSON *pl_record_time(int64_t epoch_ms);
/* String, or JSON null for NULL. */
cJSON *pl_record_str(const char *s);

void pl_record_add_i64(cJSON *obj, const char *key, int64_t v);
void pl_record_add_opt_i64(cJSON *obj, const char *key, int present, int64_t v);
void pl_record_add_time(cJSON *obj, const char *key, int64_t epoch_ms);
void pl_record_add_str(cJSON *obj, const char *key, const char *s);
/* Array of strings. */
cJSON *pl_record_str_array(const char *const *items, size_t n);

/* A facet object with its _producer and _schemaURL. */
cJSON *pl_record_facet(const char *producer, const char *schema_url);

/* Serialises: pretty (tab-indented, as cJSON prints) or one line. The
 * result is malloc'ed. */
char *pl_record_print(const cJSON *root, int pretty);



/* Replaces invalid UTF-8 in every string and key under item by U+FFFD:
 * lake strings are untrusted and strict JSON readers reject the whole
 * document over one bad byte. */
void pl_record_fix_utf8(cJSON *item);

/* JSON text (views render option maps as text) with every member whose key
 * names a secret removed: a malloc'ed copy, or NULL when text is no JSON
 * object or array or has no such member. */
char *pl_record_redact_json_text(const char *text);
#endif
