/* Directory listings and Jackson-style text for the views: the names
 * under a metadata folder, Duration.toString and the pretty printer.
 * (Snapshot and tag files are parsed by paimon/snapshot.h.) */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/meta_json.h"
#include "paimon/systables_internal.h"
#include "util/alloc.h"

int pl_st_list_names(struct pl_storage *st, const char *dir, const char *prefix, int dirs,
		     struct pl_arena *arena, const char ***names, int64_t **mtimes, size_t *n,
		     struct pl_error *err)
{
	struct pl_listing l;
	*names = NULL;
	*n = 0;
	if (mtimes)
		*mtimes = NULL;
	if (pl_meta_list_prefixed(st, dir, prefix, dirs, &l, err))
		return -1;
	size_t plen = strlen(prefix), k = 0;
	const char **v = pl_arena_alloc(arena, (l.n ? l.n : 1) * sizeof(*v));
	int64_t *t = pl_arena_alloc(arena, (l.n ? l.n : 1) * sizeof(*t));
	for (size_t i = 0; i < l.n; i++) {
		const struct pl_dirent *e = &l.items[i];
		if (e->name[plen] == '\0')
			continue;
		v[k] = pl_arena_strdup(arena, e->name + plen);
		t[k] = e->mtime_ms;
		k++;
	}
	pl_listing_free(&l);
	/* The listing is sorted by full name, so by suffix as well. */
	*names = v;
	if (mtimes)
		*mtimes = t;
	*n = k;
	return 0;
}

void pl_st_duration_string(struct pl_strbuf *sb, const char *text)
{
	/* Jackson writes "<seconds>.<9 digits>"; take both parts exactly. */
	int neg = 0;
	const char *p = text;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	int64_t secs = 0, nanos = 0;
	while (*p >= '0' && *p <= '9' && secs < INT64_MAX / 10 - 10)
		secs = secs * 10 + (*p++ - '0');
	if (*p == '.') {
		p++;
		int digits = 0;
		while (*p >= '0' && *p <= '9' && digits < 9) {
			nanos = nanos * 10 + (*p++ - '0');
			digits++;
		}
		while (digits++ < 9)
			nanos *= 10;
	}
	if (neg) {
		/* Rare enough to show plainly rather than Java's borrow rules. */
		pl_strbuf_addf(sb, "-PT%" PRId64 "S", secs);
		return;
	}
	if (secs == 0 && nanos == 0) {
		pl_strbuf_addstr(sb, "PT0S");
		return;
	}
	int64_t hours = secs / 3600, minutes = secs % 3600 / 60, s = secs % 60;
	pl_strbuf_addstr(sb, "PT");
	if (hours)
		pl_strbuf_addf(sb, "%" PRId64 "H", hours);
	if (minutes)
		pl_strbuf_addf(sb, "%" PRId64 "M", minutes);
	if (s == 0 && nanos == 0)
		return;
	pl_strbuf_addf(sb, "%" PRId64, s);
	if (nanos) {
		char frac[32];
		snprintf(frac, sizeof(frac), "%09" PRId64, nanos);
		size_t len = strlen(frac);
		while (len > 0 && frac[len - 1] == '0')
			frac[--len] = '\0';
		pl_strbuf_addf(sb, ".%s", frac);
	}
	pl_strbuf_addch(sb, 'S');
}

static void indent_to(struct pl_strbuf *sb, int indent)
{
	for (int i = 0; i < indent; i++)
		pl_strbuf_addstr(sb, "  ");
}

void pl_st_json_pretty(struct pl_strbuf *sb, const struct pl_json *j, int indent)
{
	switch (j->kind) {
	case PL_JSON_NULL:
		pl_strbuf_addstr(sb, "null");
		break;
	case PL_JSON_BOOL:
		pl_strbuf_addstr(sb, j->b ? "true" : "false");
		break;
	case PL_JSON_NUMBER:
		pl_strbuf_addstr(sb, j->str);
		break;
	case PL_JSON_STRING:
		pl_json_add_string(sb, j->str);
		break;
	case PL_JSON_ARRAY:
		if (!j->n) {
			pl_strbuf_addstr(sb, "[ ]");
			break;
		}
		pl_strbuf_addstr(sb, "[ ");
		for (size_t i = 0; i < j->n; i++) {
			if (i)
				pl_strbuf_addstr(sb, ", ");
			pl_st_json_pretty(sb, j->items[i], indent);
		}
		pl_strbuf_addstr(sb, " ]");
		break;
	case PL_JSON_OBJECT:
		if (!j->n) {
			pl_strbuf_addstr(sb, "{ }");
			break;
		}
		pl_strbuf_addstr(sb, "{\n");
		for (size_t i = 0; i < j->n; i++) {
			indent_to(sb, indent + 1);
			pl_json_add_string(sb, j->keys[i]);
			pl_strbuf_addstr(sb, " : ");
			pl_st_json_pretty(sb, j->items[i], indent + 1);
			pl_strbuf_addstr(sb, i + 1 < j->n ? ",\n" : "\n");
		}
		indent_to(sb, indent);
		pl_strbuf_addch(sb, '}');
		break;
	}
}
