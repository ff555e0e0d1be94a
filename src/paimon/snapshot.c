/* snapshot/snapshot-<id> and changelog/changelog-<id>: parsing, batch
 * loading, id listing and the LATEST/EARLIEST hint rules. */
#include "paimon/snapshot.h"
#include "paimon/meta_json.h"
#include "paimon/schema.h"      /* pl_versioned_name_id */
#include "util/alloc.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
	[PL_COMMIT_UNKNOWN] = "UNKNOWN",
	[PL_COMMIT_APPEND] = "APPEND",
	[PL_COMMIT_COMPACT] = "COMPACT",
	[PL_COMMIT_OVERWRITE] = "OVERWRITE",
	[PL_COMMIT_ANALYZE] = "ANALYZE",
};

const char *pl_commit_kind_name(enum pl_commit_kind kind)
{
	if ((size_t)kind >= sizeof(kind_names) / sizeof(kind_names[0]))
		return "UNKNOWN";
	return kind_names[kind];
}

enum pl_commit_kind pl_commit_kind_parse(const char *s)
{
	for (size_t i = 1; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (s && strcmp(s, kind_names[i]) == 0)
			return (enum pl_commit_kind)i;
	return PL_COMMIT_UNKNOWN;
}

/* Strict decimal int64 with optional sign, nothing else. */
static int parse_i64_text(const char *p, size_t n, int64_t *out)
{
	size_t i = 0;
	int neg = 0;
	if (i < n && (p[i] == '-' || p[i] == '+'))
		neg = p[i++] == '-';
	if (i == n)
		return -1;
	uint64_t acc = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		unsigned d = (unsigned)(p[i] - '0');
		if (acc > (limit - d) / 10)
			return -1;
		acc = acc * 10 + d;
	}
	*out = neg ? (int64_t)(0 - acc) : (int64_t)acc;
	return 0;
}

int pl_hint_parse(const char *text, size_t len, int64_t *id)
{
	size_t b = 0, e = len;
	while (b < e && (text[b] == ' ' || (text[b] >= '\t' && text[b] <= '\r')))
		b++;
	while (e > b && (text[e - 1] == ' ' || (text[e - 1] >= '\t' && text[e - 1] <= '\r')))
		e--;
	return parse_i64_text(text + b, e - b, id);
}

/* Java's Jackson creator fills a missing long with 0 (schemaId,
 * commitIdentifier) and a missing String with null (commitUser,
 * commitKind); hand-written and very old files omit them. A present value
 * of the wrong type is still corrupt. */
static int get_i64_or_zero(struct pl_meta_doc *d, const char *key, int64_t *out)
{
	struct pl_opt_i64 v = { 0 };
	if (pl_meta_opt_i64(d, d->root, key, &v))
		return -1;
	*out = v.present ? v.v : 0;
	return 0;
}

/* TS < 0.3 wrote commitIdentifier as a string. */
static int get_commit_identifier(struct pl_meta_doc *d, int64_t *out)
{
	const struct pl_json *v = pl_json_get(d->root, "commitIdentifier");
	if (v && v->kind == PL_JSON_STRING && parse_i64_text(v->str, v->len, out) == 0)
		return 0;
	return get_i64_or_zero(d, "commitIdentifier", out);
}

/* Java reads Map<String, String> values with Jackson's scalar coercion. */
static int get_properties(struct pl_meta_doc *d, struct pl_snapshot *s)
{
	const struct pl_json *obj;
	if (pl_meta_opt_obj(d, d->root, "properties", &obj))
		return -1;
	if (!obj)
		return 0;
	s->properties = pl_arena_alloc(d->arena, obj->n * sizeof(*s->properties));
	for (size_t i = 0; i < obj->n; i++) {
		const struct pl_json *v = obj->items[i];
		const char *text;
		switch (v->kind) {
		case PL_JSON_STRING:
		case PL_JSON_NUMBER:
			text = v->str;
			break;
		case PL_JSON_BOOL:
			text = v->b ? "true" : "false";
			break;
		case PL_JSON_NULL:
			text = NULL;
			break;
		default:
			return pl_err_corrupt(d->err, d->file, v->offset,
					      "expected a string value for property \"%s\"",
					      obj->keys[i]);
		}
		s->properties[s->nproperties].key = obj->keys[i];
		s->properties[s->nproperties].value = text;
		s->nproperties++;
	}
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

/* Jackson's LocalDateTime array: [y, mo, d, h, mi] plus s and ns only when
 * not zero. Java allows years up to 999999999; we keep to those whose
 * epoch millis fit an int64. */
static int get_tag_create_time(struct pl_meta_doc *d, struct pl_snapshot *s)
{
	static const int64_t lo[7] = { -290000000, 1, 1, 0, 0, 0, 0 };
	static const int64_t hi[7] = { 290000000, 12, 31, 23, 59, 59, 999999999 };
	const struct pl_json *v = pl_json_get(d->root, "tagCreateTime");
	if (!v || v->kind == PL_JSON_NULL)
		return 0;
	if (v->kind != PL_JSON_ARRAY || v->n < 5 || v->n > 7)
		return pl_err_corrupt(d->err, d->file, v->offset,
				      "expected \"tagCreateTime\" as an array of 5 to 7 integers");
	for (size_t i = 0; i < v->n; i++) {
		const struct pl_json *part = v->items[i];
		if (part->kind != PL_JSON_NUMBER || !part->is_int || part->i < lo[i] ||
		    part->i > hi[i])
			return pl_err_corrupt(d->err, d->file, part->offset,
					      "expected \"tagCreateTime\" part %zu in [%" PRId64
					      ", %" PRId64 "]", i, lo[i], hi[i]);
		s->tag_create_time[i] = (int32_t)part->i;
	}
	const int32_t *t = s->tag_create_time;
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (t[0] % 4 == 0 && t[0] % 100 != 0) || t[0] % 400 == 0;
	if (t[2] > mdays[t[1] - 1] || (t[1] == 2 && t[2] == 29 && !leap))
		return pl_err_corrupt(d->err, d->file, v->offset,
				      "expected a valid date in \"tagCreateTime\", found %d-%02d-%02d",
				      (int)t[0], (int)t[1], (int)t[2]);
	int64_t days = days_from_civil(t[0], t[1], t[2]);
	s->tag_create_time_ms = ((days * 24 + t[3]) * 60 + t[4]) * 60000 + (int64_t)t[5] * 1000 +
				t[6] / 1000000;
	s->has_tag_create_time = 1;
	return 0;
}

/* Jackson's Duration: decimal seconds ("86400.000000000"). */
static int get_tag_time_retained(struct pl_meta_doc *d, struct pl_snapshot *s)
{
	const struct pl_json *v = pl_json_get(d->root, "tagTimeRetained");
	if (!v || v->kind == PL_JSON_NULL)
		return 0;
	if (v->kind != PL_JSON_NUMBER)
		return pl_err_corrupt(d->err, d->file, v->offset,
				      "expected \"tagTimeRetained\" as decimal seconds");
	s->tag_time_retained = v->str;
	double ms = v->d * 1000.0;
	if (isfinite(ms) && ms > -9.2e18 && ms < 9.2e18) {
		s->tag_time_retained_ms.v = llround(ms);
		s->tag_time_retained_ms.present = 1;
	}
	return 0;
}

int pl_snapshot_parse(const char *json, size_t len, const char *file, struct pl_arena *arena,
		      struct pl_snapshot *out, struct pl_error *err)
{
	struct pl_meta_doc d;
	memset(out, 0, sizeof(*out));
	if (pl_meta_doc_parse(&d, json, len, file, arena, err))
		return -1;
	const struct pl_json *r = d.root;
	if (pl_meta_opt_i64(&d, r, "version", &out->version) ||
	    pl_meta_opt_str(&d, r, "uuid", &out->uuid) ||
	    pl_meta_req_i64(&d, r, "id", &out->id) ||
	    get_i64_or_zero(&d, "schemaId", &out->schema_id) ||
	    pl_meta_opt_str(&d, r, "baseManifestList", &out->base_manifest_list) ||
	    pl_meta_opt_i64(&d, r, "baseManifestListSize", &out->base_manifest_list_size) ||
	    pl_meta_opt_str(&d, r, "deltaManifestList", &out->delta_manifest_list) ||
	    pl_meta_opt_i64(&d, r, "deltaManifestListSize", &out->delta_manifest_list_size) ||
	    pl_meta_opt_str(&d, r, "changelogManifestList", &out->changelog_manifest_list) ||
	    pl_meta_opt_i64(&d, r, "changelogManifestListSize",
			    &out->changelog_manifest_list_size) ||
	    pl_meta_opt_str(&d, r, "indexManifest", &out->index_manifest) ||
	    pl_meta_opt_str(&d, r, "commitUser", &out->commit_user) ||
	    pl_meta_opt_str(&d, r, "writerVersion", &out->writer_version) ||
	    get_commit_identifier(&d, &out->commit_identifier) ||
	    pl_meta_opt_str(&d, r, "commitKind", &out->commit_kind) ||
	    get_i64_or_zero(&d, "timeMillis", &out->time_millis) ||
	    pl_meta_opt_i64(&d, r, "totalRecordCount", &out->total_record_count) ||
	    pl_meta_opt_i64(&d, r, "deltaRecordCount", &out->delta_record_count) ||
	    pl_meta_opt_i64(&d, r, "changelogRecordCount", &out->changelog_record_count) ||
	    pl_meta_opt_i64(&d, r, "watermark", &out->watermark) ||
	    pl_meta_opt_str(&d, r, "statistics", &out->statistics) ||
	    get_properties(&d, out) ||
	    pl_meta_opt_i64(&d, r, "nextRowId", &out->next_row_id) ||
	    pl_meta_opt_str(&d, r, "operation", &out->operation) ||
	    get_tag_create_time(&d, out) || get_tag_time_retained(&d, out))
		return -1;
	out->kind = pl_commit_kind_parse(out->commit_kind);
	out->file = pl_arena_strdup(arena, file);
	return 0;
}

int pl_snapshot_manifest_lists(const struct pl_snapshot *s, struct pl_error *err)
{
	const char *missing = !s->base_manifest_list ? "baseManifestList" :
			      !s->delta_manifest_list ? "deltaManifestList" : NULL;
	if (!missing)
		return 0;
	return pl_err_corrupt(err, s->file, 0, "expected \"%s\" to read the data files of "
			      "snapshot %" PRId64 ", the key is missing", missing, s->id);
}

int pl_snapshot_read(struct pl_storage *st, const char *path, struct pl_arena *arena,
		     struct pl_snapshot *out, struct pl_error *err)
{
	char *shown;
	struct pl_buf buf;
	int rc = pl_meta_read(st, path, PL_SNAPSHOT_READ_CAP, &buf, &shown, err);
	if (rc == 0) {
		rc = pl_snapshot_parse((const char *)buf.data, buf.len, shown, arena, out, err);
		pl_buf_free(&buf);
	}
	free(shown);
	return rc;
}

static char *versioned_path(const char *dir, const char *prefix, int64_t id)
{
	char name[128];
	snprintf(name, sizeof(name), "%s%" PRId64, prefix, id);
	return pl_path_join_dup(dir, name);
}

int pl_snapshot_load(struct pl_storage *st, const char *dir, const char *prefix, int64_t id,
		     struct pl_arena *arena, struct pl_snapshot *out, struct pl_error *err)
{
	char *path = versioned_path(dir, prefix, id);
	int rc = pl_snapshot_read(st, path, arena, out, err);
	if (rc == 0 && out->id != id)
		rc = pl_err_corrupt(err, out->file, 0, "expected id %" PRId64 " as in the file "
				    "name, found %" PRId64, id, out->id);
	free(path);
	return rc;
}

size_t pl_snapshot_load_batch(struct pl_storage *st, const char *dir, const char *prefix,
			      struct pl_snapshot_slot *slots, size_t n, struct pl_arena *arena)
{
	if (n == 0)
		return 0;
	struct pl_read_req *reqs = pl_calloc(n, sizeof(*reqs));
	for (size_t i = 0; i < n; i++) {
		reqs[i].path = versioned_path(dir, prefix, slots[i].id);
		reqs[i].length = PL_READ_WHOLE;
		reqs[i].cap = PL_SNAPSHOT_READ_CAP;
	}
	pl_storage_read_batch(st, reqs, n);
	size_t failed = 0;
	for (size_t i = 0; i < n; i++) {
		struct pl_snapshot_slot *s = &slots[i];
		s->snap = NULL;
		pl_err_clear(&s->err);
		if (reqs[i].status) {
			s->err = reqs[i].err;
			failed++;
			continue;
		}
		char *shown = pl_storage_display(st, reqs[i].path);
		struct pl_snapshot *snap = pl_arena_alloc(arena, sizeof(*snap));
		if (pl_snapshot_parse((const char *)reqs[i].out.data, reqs[i].out.len, shown, arena,
				      snap, &s->err) == 0 && snap->id != s->id)
			pl_err_corrupt(&s->err, shown, 0, "expected id %" PRId64 " as in the file "
				       "name, found %" PRId64, s->id, snap->id);
		if (s->err.code == PL_OK)
			s->snap = snap;
		else
			failed++;
		free(shown);
	}
	pl_read_req_free(reqs, n);
	for (size_t i = 0; i < n; i++)
		free((char *)reqs[i].path);
	free(reqs);
	return failed;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

int pl_versioned_list_ids(struct pl_storage *st, const char *dir, const char *prefix,
			  int64_t **ids, size_t *n, struct pl_error *err)
{
	struct pl_listing l;
	*ids = NULL;
	*n = 0;
	if (pl_meta_list_prefixed(st, dir, prefix, 0, &l, err))
		return -1;
	int64_t *out = pl_malloc((l.n ? l.n : 1) * sizeof(*out));
	size_t count = 0;
	for (size_t i = 0; i < l.n; i++) {
		int ok;
		int64_t id = pl_versioned_name_id(l.items[i].name, prefix, &ok);
		if (ok)
			out[count++] = id;
	}
	pl_listing_free(&l);
	qsort(out, count, sizeof(*out), cmp_i64);
	size_t k = 0;
	for (size_t i = 0; i < count; i++)
		if (k == 0 || out[k - 1] != out[i])
			out[k++] = out[i];
	*ids = out;
	*n = k;
	return 0;
}

uint64_t pl_versioned_gap_count(const int64_t *ids, size_t n)
{
	if (n < 2)
		return 0;
	/* Unsigned: the span of two int64 may not fit an int64. */
	uint64_t span = (uint64_t)ids[n - 1] - (uint64_t)ids[0];
	return span - (n - 1);
}

/* 1 when dir/<prefix>id is there, 0 when not, -1 on another failure. */
static int versioned_exists(struct pl_storage *st, const char *dir, const char *prefix,
			    int64_t id, struct pl_error *err)
{
	char *path = versioned_path(dir, prefix, id);
	struct pl_dirent de;
	struct pl_error serr;
	pl_err_clear(&serr);
	int rc = pl_storage_stat(st, path, &de, &serr);
	free(path);
	if (rc == 0)
		return !de.is_dir;
	if (serr.code == PL_ERR_NOT_FOUND)
		return 0;
	if (err)
		*err = serr;
	return -1;
}

/* Any failure to read or parse the hint means "no hint". */
static int read_hint(struct pl_storage *st, const char *dir, const char *name, int64_t *id)
{
	char *path = pl_path_join_dup(dir, name);
	struct pl_buf buf;
	struct pl_error herr;
	int rc = pl_storage_read(st, path, 64, &buf, &herr);
	free(path);
	if (rc)
		return -1;
	rc = pl_hint_parse((const char *)buf.data, buf.len, id);
	pl_buf_free(&buf);
	return rc;
}

static int from_listing(struct pl_storage *st, const char *dir, const char *prefix, int latest,
			int64_t *id, struct pl_error *err)
{
	int64_t *ids;
	size_t n;
	if (pl_versioned_list_ids(st, dir, prefix, &ids, &n, err))
		return -1;
	if (n == 0) {
		free(ids);
		char *shown = pl_storage_display(st, dir);
		pl_err(err, PL_ERR_NOT_FOUND, "%s: no %s files", shown, prefix);
		free(shown);
		return -1;
	}
	*id = latest ? ids[n - 1] : ids[0];
	free(ids);
	return 0;
}

int pl_hint_find_latest(struct pl_storage *st, const char *dir, const char *prefix,
			int64_t *id, int *from_hint, struct pl_error *err)
{
	int64_t hint;
	if (from_hint)
		*from_hint = 0;
	if (read_hint(st, dir, "LATEST", &hint) == 0 && hint > 0 && hint < INT64_MAX) {
		int here = versioned_exists(st, dir, prefix, hint, err);
		int next = here == 1 ? versioned_exists(st, dir, prefix, hint + 1, err) : 0;
		if (here < 0 || next < 0)
			return -1;
		if (here == 1 && next == 0) {
			*id = hint;
			if (from_hint)
				*from_hint = 1;
			return 0;
		}
	}
	return from_listing(st, dir, prefix, 1, id, err);
}

int pl_hint_find_earliest(struct pl_storage *st, const char *dir, const char *prefix,
			  int64_t *id, int *from_hint, struct pl_error *err)
{
	int64_t hint;
	if (from_hint)
		*from_hint = 0;
	if (read_hint(st, dir, "EARLIEST", &hint) == 0) {
		int here = versioned_exists(st, dir, prefix, hint, err);
		if (here < 0)
			return -1;
		if (here == 1) {
			*id = hint;
			if (from_hint)
				*from_hint = 1;
			return 0;
		}
	}
	return from_listing(st, dir, prefix, 0, id, err);
}
