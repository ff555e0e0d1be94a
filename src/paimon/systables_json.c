/* Snapshot-like JSON files and directory listings for the views.
 * (A private reader: the views need only the keys of format-metadata.md
 * §4.1 and §6.1, read leniently as Java does: unknown keys ignored, absent
 * and null alike, but a key of the wrong type is corrupt.) */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/systables_internal.h"
#include "util/alloc.h"

/* Snapshots are small; a megabyte is already hostile. */
#define SNAPSHOT_READ_CAP ((size_t)1 << 20)

static int opt_str(const struct pl_json *root, const char *key, const char *file,
		   const char **out, struct pl_error *err)
{
	const struct pl_json *v = pl_json_get(root, key);
	*out = NULL;
	if (!v || v->kind == PL_JSON_NULL)
		return 0;
	if (v->kind != PL_JSON_STRING)
		return pl_err_corrupt(err, file, v->offset, "expected a string for \"%s\"", key);
	*out = v->str;
	return 0;
}

static int opt_i64(const struct pl_json *root, const char *key, const char *file,
		   struct pl_opt_i64 *out, struct pl_error *err)
{
	const struct pl_json *v = pl_json_get(root, key);
	out->present = 0;
	out->v = 0;
	if (!v || v->kind == PL_JSON_NULL)
		return 0;
	if (v->kind != PL_JSON_NUMBER || !v->is_int)
		return pl_err_corrupt(err, file, v->offset,
				      "expected a 64-bit integer for \"%s\"", key);
	out->present = 1;
	out->v = v->i;
	return 0;
}

static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Jackson's LocalDateTime array [y, M, d, h, m(, s(, nanos))]. */
static int tag_create_time(const struct pl_json *root, const char *file, struct pl_opt_i64 *out,
			   struct pl_error *err)
{
	const struct pl_json *v = pl_json_get(root, "tagCreateTime");
	out->present = 0;
	if (!v || v->kind == PL_JSON_NULL)
		return 0;
	if (v->kind != PL_JSON_ARRAY || v->n < 5 || v->n > 7)
		return pl_err_corrupt(err, file, v->offset,
				      "expected tagCreateTime as [year, month, day, hour, minute...]");
	int64_t part[7] = { 0, 0, 0, 0, 0, 0, 0 };
	static const int64_t lo[7] = { -999999999, 1, 1, 0, 0, 0, 0 };
	static const int64_t hi[7] = { 999999999, 12, 31, 23, 59, 59, 999999999 };
	for (size_t i = 0; i < v->n; i++) {
		const struct pl_json *x = v->items[i];
		if (x->kind != PL_JSON_NUMBER || !x->is_int || x->i < lo[i] || x->i > hi[i])
			return pl_err_corrupt(err, file, x->offset,
					      "expected tagCreateTime part %zu in %" PRId64 "..%" PRId64,
					      i, lo[i], hi[i]);
		part[i] = x->i;
	}
	int64_t days = days_from_civil(part[0], part[1], part[2]);
	out->v = ((days * 24 + part[3]) * 60 + part[4]) * 60000 + part[5] * 1000 +
		 part[6] / 1000000;
	out->present = 1;
	return 0;
}

int pl_st_snapshot_parse(const char *json, size_t len, const char *file,
			 struct pl_arena *arena, struct pl_st_snapshot *out, struct pl_error *err)
{
	struct pl_json *root;
	memset(out, 0, sizeof(*out));
	if (pl_json_parse(json, len, file, arena, &root, err))
		return -1;
	if (root->kind != PL_JSON_OBJECT)
		return pl_err_corrupt(err, file, 0, "expected a JSON object");
	struct pl_opt_i64 id, schema_id, time_millis;
	if (opt_i64(root, "id", file, &id, err) ||
	    opt_i64(root, "schemaId", file, &schema_id, err) ||
	    opt_i64(root, "timeMillis", file, &time_millis, err))
		return -1;
	if (!id.present)
		return pl_err_corrupt(err, file, 0, "expected the key \"id\"");
	out->id = id.v;
	out->schema_id = schema_id.present ? schema_id.v : 0;
	out->time_millis = time_millis.present ? time_millis.v : 0;
	if (opt_str(root, "baseManifestList", file, &out->base_manifest_list, err) ||
	    opt_str(root, "deltaManifestList", file, &out->delta_manifest_list, err) ||
	    opt_str(root, "changelogManifestList", file, &out->changelog_manifest_list, err) ||
	    opt_str(root, "indexManifest", file, &out->index_manifest, err) ||
	    opt_str(root, "commitUser", file, &out->commit_user, err) ||
	    opt_str(root, "commitKind", file, &out->commit_kind, err) ||
	    opt_str(root, "statistics", file, &out->statistics, err) ||
	    opt_str(root, "operation", file, &out->operation, err) ||
	    opt_str(root, "writerVersion", file, &out->writer_version, err))
		return -1;
	if (opt_i64(root, "baseManifestListSize", file, &out->base_manifest_list_size, err) ||
	    opt_i64(root, "deltaManifestListSize", file, &out->delta_manifest_list_size, err) ||
	    opt_i64(root, "changelogManifestListSize", file,
		    &out->changelog_manifest_list_size, err) ||
	    opt_i64(root, "totalRecordCount", file, &out->total_record_count, err) ||
	    opt_i64(root, "deltaRecordCount", file, &out->delta_record_count, err) ||
	    opt_i64(root, "changelogRecordCount", file, &out->changelog_record_count, err) ||
	    opt_i64(root, "watermark", file, &out->watermark, err) ||
	    opt_i64(root, "nextRowId", file, &out->next_row_id, err))
		return -1;
	/* Table Store 0.1/0.2 wrote the identifier as a string. */
	const struct pl_json *ci = pl_json_get(root, "commitIdentifier");
	if (ci && ci->kind == PL_JSON_STRING) {
		char *end;
		long long v = strtoll(ci->str, &end, 10);
		if (*ci->str && !*end) {
			out->commit_identifier.present = 1;
			out->commit_identifier.v = v;
		}
	} else if (opt_i64(root, "commitIdentifier", file, &out->commit_identifier, err)) {
		return -1;
	}
	if (tag_create_time(root, file, &out->tag_create_time, err))
		return -1;
	const struct pl_json *tr = pl_json_get(root, "tagTimeRetained");
	if (tr && tr->kind == PL_JSON_NUMBER) {
		struct pl_strbuf sb = PL_STRBUF_INIT;
		pl_st_duration_string(&sb, tr->str);
		out->tag_time_retained = pl_arena_strdup(arena, sb.buf ? sb.buf : "");
		pl_strbuf_free(&sb);
	} else if (tr && tr->kind != PL_JSON_NULL) {
		return pl_err_corrupt(err, file, tr->offset, "expected a number for \"tagTimeRetained\"");
	}
	return 0;
}

int pl_st_snapshot_load(struct pl_storage *st, const char *path, struct pl_arena *arena,
			struct pl_st_snapshot *out, struct pl_error *err)
{
	struct pl_buf buf = { NULL, 0 };
	if (pl_storage_read(st, path, SNAPSHOT_READ_CAP, &buf, err))
		return -1;
	int rc = pl_st_snapshot_parse((const char *)buf.data, buf.len, path, arena, out, err);
	pl_buf_free(&buf);
	return rc;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

int pl_st_list_ids(struct pl_storage *st, const char *dir, const char *prefix, int64_t **ids,
		   size_t *n, struct pl_error *err)
{
	struct pl_listing l;
	*ids = NULL;
	*n = 0;
	if (pl_storage_list(st, dir, &l, err)) {
		if (err && err->code == PL_ERR_NOT_FOUND) {
			pl_err_clear(err);
			return 0;
		}
		return -1;
	}
	int64_t *v = pl_calloc(l.n ? l.n : 1, sizeof(*v));
	size_t k = 0;
	for (size_t i = 0; i < l.n; i++) {
		int ok = 0;
		if (l.items[i].is_dir)
			continue;
		int64_t id = pl_versioned_name_id(l.items[i].name, prefix, &ok);
		if (ok)
			v[k++] = id;
	}
	pl_listing_free(&l);
	qsort(v, k, sizeof(*v), cmp_i64);
	*ids = v;
	*n = k;
	return 0;
}

int pl_st_list_names(struct pl_storage *st, const char *dir, const char *prefix, int dirs,
		     struct pl_arena *arena, const char ***names, int64_t **mtimes, size_t *n,
		     struct pl_error *err)
{
	struct pl_listing l;
	*names = NULL;
	*n = 0;
	if (mtimes)
		*mtimes = NULL;
	if (pl_storage_list(st, dir, &l, err)) {
		if (err && err->code == PL_ERR_NOT_FOUND) {
			pl_err_clear(err);
			return 0;
		}
		return -1;
	}
	size_t plen = strlen(prefix), k = 0;
	const char **v = pl_arena_alloc(arena, (l.n ? l.n : 1) * sizeof(*v));
	int64_t *t = pl_arena_alloc(arena, (l.n ? l.n : 1) * sizeof(*t));
	for (size_t i = 0; i < l.n; i++) {
		const struct pl_dirent *e = &l.items[i];
		if (e->name[0] == '.' || !e->is_dir != !dirs)
			continue;
		if (strncmp(e->name, prefix, plen) != 0 || e->name[plen] == '\0')
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
