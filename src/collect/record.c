/* Formatting rules of the governance record: exact integers, UTC times
 * with milliseconds, ISO 8601 durations, secret option keys. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/record.h"
#include "util/alloc.h"
#include "util/json_safe.h"

#define MS_PER_DAY 86400000LL
/* RFC 3339 has four-digit years: clamp hostile timestamps into them. */
#define MIN_MS (-62167219200000LL)          /* 0000-01-01T00:00:00.000Z */
#define MAX_MS (253402300799999LL)          /* 9999-12-31T23:59:59.999Z */

/* Proleptic Gregorian date of a day number (days since 1970-01-01),
 * counted in 400-year eras so it holds for every year we print. */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void pl_record_format_time(char *buf, int64_t epoch_ms)
{
	if (epoch_ms < MIN_MS)
		epoch_ms = MIN_MS;
	if (epoch_ms > MAX_MS)
		epoch_ms = MAX_MS;
	int64_t days = epoch_ms / MS_PER_DAY;
	int64_t rem = epoch_ms % MS_PER_DAY;
	if (rem < 0) {
		rem += MS_PER_DAY;
		days--;
	}
	int64_t y;
	int m, d;
	civil_from_days(days, &y, &m, &d);
	/* The compiler cannot see the ranges: format wide, then copy. */
	char wide[96];
	snprintf(wide, sizeof(wide), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", (int)y, m, d,
		 (int)(rem / 3600000), (int)(rem / 60000 % 60), (int)(rem / 1000 % 60),
		 (int)(rem % 1000));
	size_t n = strnlen(wide, PL_RECORD_TIME_LEN - 1);
	memcpy(buf, wide, n);
	buf[n] = '\0';
}

static int take_digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)**p))
			return -1;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	*out = v;
	return 0;
}

int pl_record_parse_time(const char *text, int64_t *epoch_ms)
{
	const char *p = text;
	int y, mo, d, h, mi, s, ms = 0;
	if (take_digits(&p, 4, &y) || *p++ != '-' || take_digits(&p, 2, &mo) || *p++ != '-' ||
	    take_digits(&p, 2, &d) || (*p != 'T' && *p != 't') || !*p++ ||
	    take_digits(&p, 2, &h) || *p++ != ':' || take_digits(&p, 2, &mi) || *p++ != ':' ||
	    take_digits(&p, 2, &s))
		return -1;
	if (*p == '.') {
		p++;
		int scale = 100, nd = 0;
		while (isdigit((unsigned char)*p)) {
			ms += (*p - '0') * scale;
			scale /= 10;
			p++;
			nd++;
		}
		if (!nd)
			return -1;
	}
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
		;
	else if (strcmp(p, "+00:00") != 0)
		return -1;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || s > 60)
		return -1;
	*epoch_ms = days_from_civil(y, mo, d) * MS_PER_DAY +
		    (int64_t)h * 3600000 + mi * 60000 + s * 1000 + ms;
	return 0;
}

struct duration_unit {
	const char *name;
	int64_t ms;          /* per unit; 0: sub-millisecond */
	int64_t per_ms;      /* units per millisecond, for the small ones */
};

/* Java's TimeUtils unit names. */
static const struct duration_unit units[] = {
	{ "d", MS_PER_DAY, 0 }, { "day", MS_PER_DAY, 0 }, { "days", MS_PER_DAY, 0 },
	{ "h", 3600000, 0 }, { "hour", 3600000, 0 }, { "hours", 3600000, 0 },
	{ "min", 60000, 0 }, { "m", 60000, 0 }, { "minute", 60000, 0 },
	{ "minutes", 60000, 0 }, { "mins", 60000, 0 },
	{ "s", 1000, 0 }, { "sec", 1000, 0 }, { "secs", 1000, 0 }, { "second", 1000, 0 },
	{ "seconds", 1000, 0 },
	{ "ms", 1, 0 }, { "milli", 1, 0 }, { "millis", 1, 0 }, { "millisecond", 1, 0 },
	{ "milliseconds", 1, 0 },
	{ "us", 0, 1000 }, { "micro", 0, 1000 }, { "micros", 0, 1000 },
	{ "microsecond", 0, 1000 }, { "microseconds", 0, 1000 },
	{ "ns", 0, 1000000 }, { "nano", 0, 1000000 }, { "nanos", 0, 1000000 },
	{ "nanosecond", 0, 1000000 }, { "nanoseconds", 0, 1000000 },
};

int pl_record_parse_duration(const char *text, int64_t *ms)
{
	const char *p = text;
	int64_t total = 0;
	int parts = 0;
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		if (!isdigit((unsigned char)*p))
			return -1;
		int64_t n = 0;
		while (isdigit((unsigned char)*p)) {
			if (n > (INT64_MAX - 9) / 10)
				return -1;
			n = n * 10 + (*p++ - '0');
		}
		while (*p == ' ' || *p == '\t')
			p++;
		char unit[16];
		size_t ul = 0;
		while (isalpha((unsigned char)*p)) {
			if (ul + 1 >= sizeof(unit))
				return -1;
			unit[ul++] = (char)tolower((unsigned char)*p++);
		}
		unit[ul] = '\0';
		int64_t v;
		if (!ul) {
			v = n;          /* a bare number is milliseconds */
		} else {
			const struct duration_unit *u = NULL;
			for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
				if (strcmp(units[i].name, unit) == 0) {
					u = &units[i];
					break;
				}
			}
			if (!u)
				return -1;
			if (u->ms) {
				if (n > INT64_MAX / u->ms)
					return -1;
				v = n * u->ms;
			} else {
				v = n / u->per_ms;
			}
		}
		if (v > INT64_MAX - total)
			return -1;
		total += v;
		parts++;
		/* A bare number cannot be followed by more parts. */
		if (!ul && *p && !isspace((unsigned char)*p))
			return -1;
	}
	if (!parts)
		return -1;
	*ms = total;
	return 0;
}

void pl_record_iso_duration(struct pl_strbuf *sb, int64_t ms)
{
	uint64_t u;
	if (ms < 0) {
		pl_strbuf_addch(sb, '-');
		u = (uint64_t)0 - (uint64_t)ms;
	} else {
		u = (uint64_t)ms;
	}
	uint64_t days = u / MS_PER_DAY, rem = u % MS_PER_DAY;
	unsigned h = (unsigned)(rem / 3600000), mi = (unsigned)(rem / 60000 % 60);
	unsigned s = (unsigned)(rem / 1000 % 60), frac = (unsigned)(rem % 1000);
	pl_strbuf_addch(sb, 'P');
	if (days)
		pl_strbuf_addf(sb, "%" PRIu64 "D", days);
	if (!rem) {
		if (!days)
			pl_strbuf_addstr(sb, "T0S");
		return;
	}
	pl_strbuf_addch(sb, 'T');
	if (h)
		pl_strbuf_addf(sb, "%uH", h);
	if (mi)
		pl_strbuf_addf(sb, "%uM", mi);
	if (s || frac) {
		pl_strbuf_addf(sb, "%u", s);
		if (frac) {
			char f[8];
			snprintf(f, sizeof(f), ".%03u", frac);
			size_t n = strlen(f);
			while (f[n - 1] == '0')
				f[--n] = '\0';
			pl_strbuf_addstr(sb, f);
		}
		pl_strbuf_addch(sb, 'S');
	}
}

int pl_record_is_secret_key(const char *key)
{
	size_t n = strlen(key);
	char *low = pl_malloc(n + 1);
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)key[i]);
	int secret = strstr(low, "secret") || strstr(low, "password") || strstr(low, "token") ||
		     strstr(low, "credential");
	/* access.?key: "access" then at most one character then "key". */
	for (const char *a = low; !secret && (a = strstr(a, "access")); a++) {
		const char *k = a + 6;
		if (strncmp(k, "key", 3) == 0 || (*k && strncmp(k + 1, "key", 3) == 0))
			secret = 1;
	}
	free(low);
	return secret;
}

cJSON *pl_record_i64(int64_t v)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%" PRId64, v);
	return cJSON_CreateRaw(buf);
}

cJSON *pl_record_time(int64_t epoch_ms)
{
	char buf[PL_RECORD_TIME_LEN];
	pl_record_format_time(buf, epoch_ms);
	return cJSON_CreateString(buf);
}

cJSON *pl_record_str(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

void pl_record_add_i64(cJSON *obj, const char *key, int64_t v)
{
	cJSON_AddItemToObject(obj, key, pl_record_i64(v));
}

void pl_record_add_opt_i64(cJSON *obj, const char *key, int present, int64_t v)
{
	cJSON_AddItemToObject(obj, key, present ? pl_record_i64(v) : cJSON_CreateNull());
}

void pl_record_add_time(cJSON *obj, const char *key, int64_t epoch_ms)
{
	cJSON_AddItemToObject(obj, key, pl_record_time(epoch_ms));
}

void pl_record_add_str(cJSON *obj, const char *key, const char *s)
{
	cJSON_AddItemToObject(obj, key, pl_record_str(s));
}

cJSON *pl_record_str_array(const char *const *items, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(items[i]));
	return a;
}

cJSON *pl_record_facet(const char *producer, const char *schema_url)
{
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "_producer", producer);
	cJSON_AddStringToObject(f, "_schemaURL", schema_url);
	return f;
}

char *pl_record_print(const cJSON *root, int pretty)
{
	char *s = pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
	if (!s)
		abort();        /* cJSON fails only when malloc does */
	/* Records reach terminals too (stdout, `less`): lake strings in them
	 * must not carry live C1 controls or bidi overrides. */
	char *safe = pl_json_terminal_safe(s);
	cJSON_free(s);
	return safe;
}

/* Length of the valid UTF-8 sequence at p, 0 when invalid. */
static size_t utf8_seq(const unsigned char *p, size_t left)
{
	unsigned char c = p[0];
	size_t len;
	uint32_t cp, min;
	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0) {
		len = 2; cp = c & 0x1f; min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3; cp = c & 0x0f; min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4; cp = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (len > left)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[k] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* NULL when s is valid, else a malloc'ed repaired copy. */
static char *repair_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	while (i < n) {
		size_t len = utf8_seq(p + i, n - i);
		if (!len)
			break;
		i += len;
	}
	if (i == n)
		return NULL;
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_strbuf_add(&sb, s, i);
	while (i < n) {
		size_t len = utf8_seq(p + i, n - i);
		if (len) {
			pl_strbuf_add(&sb, p + i, len);
			i += len;
		} else {
			pl_strbuf_addstr(&sb, "\xef\xbf\xbd");
			i++;
		}
	}
	return pl_strbuf_detach(&sb);
}

void pl_record_fix_utf8(cJSON *item)
{
	for (; item; item = item->next) {
		char *fixed;
		/* cJSON allocates with malloc unless hooks are set (they are not). */
		if (item->string && !(item->type & cJSON_StringIsConst) &&
		    (fixed = repair_utf8(item->string))) {
			free(item->string);
			item->string = fixed;
		}
		if (cJSON_IsString(item) && item->valuestring &&
		    (fixed = repair_utf8(item->valuestring))) {
			free(item->valuestring);
			item->valuestring = fixed;
		}
		if (item->child)
			pl_record_fix_utf8(item->child);
	}
}

/* Removes secret members under item; returns how many. */
static int redact_members(cJSON *item)
{
	int n = 0;
	cJSON *c = item ? item->child : NULL;
	while (c) {
		cJSON *next = c->next;
		if (cJSON_IsObject(item) && c->string && pl_record_is_secret_key(c->string)) {
			cJSON_Delete(cJSON_DetachItemViaPointer(item, c));
			n++;
		} else if (cJSON_IsObject(c) || cJSON_IsArray(c)) {
			n += redact_members(c);
		}
		c = next;
	}
	return n;
}

char *pl_record_redact_json_text(const char *text)
{
	const char *p = text;
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	if (*p != '{' && *p != '[')
		return NULL;
	cJSON *j = cJSON_Parse(text);
	if (!j)
		return NULL;
	char *out = NULL;
	if (redact_members(j))
		out = pl_record_print(j, 0);
	cJSON_Delete(j);
	return out;
}
