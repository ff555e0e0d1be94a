/* JSON metadata files with the key sets and key order of a Paimon 1.3
 * writer (format-metadata.md §3, §4.2, §6). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "gen/gen_model.h"
#include "gen/json_writer.h"
#include "util/alloc.h"

static const char *atomic_type(enum gen_col_kind k)
{
	switch (k) {
	case COL_BIGINT: return "BIGINT";
	case COL_INT: return "INT";
	case COL_STRING: return "STRING";
	case COL_DECIMAL: return "DECIMAL(10, 2)";
	case COL_TIMESTAMP: return "TIMESTAMP(3)";
	case COL_DATE: return "DATE";
	case COL_BOOLEAN: return "BOOLEAN";
	default: return NULL;
	}
}

static cJSON *field_json(int32_t id, const char *name, cJSON *type, const char *description)
{
	cJSON *f = cJSON_CreateObject();
	gen_json_add_i64(f, "id", id);
	gen_json_add_str(f, "name", name);
	cJSON_AddItemToObject(f, "type", type);
	if (description)
		gen_json_add_str(f, "description", description);
	return f;
}

static cJSON *type_json(const struct gen_column *c)
{
	const char *suffix = c->not_null ? " NOT NULL" : "";
	char buf[64];
	const char *atomic = atomic_type(c->kind);
	if (atomic) {
		snprintf(buf, sizeof(buf), "%s%s", atomic, suffix);
		return cJSON_CreateString(buf);
	}
	cJSON *t = cJSON_CreateObject();
	switch (c->kind) {
	case COL_ARRAY:
		snprintf(buf, sizeof(buf), "ARRAY%s", suffix);
		gen_json_add_str(t, "type", buf);
		gen_json_add_str(t, "element", "STRING");
		break;
	case COL_MAP:
		snprintf(buf, sizeof(buf), "MAP%s", suffix);
		gen_json_add_str(t, "type", buf);
		gen_json_add_str(t, "key", "STRING NOT NULL");
		gen_json_add_str(t, "value", "STRING");
		break;
	default: {
		snprintf(buf, sizeof(buf), "ROW%s", suffix);
		gen_json_add_str(t, "type", buf);
		cJSON *fields = cJSON_AddArrayToObject(t, "fields");
		static const char *const names[] = { "street", "city", "zip" };
		for (int i = 0; i < 3; i++)
			cJSON_AddItemToArray(fields, field_json(c->sub_id + i, names[i],
								cJSON_CreateString("STRING"),
								NULL));
		break;
	}
	}
	return t;
}

static cJSON *string_array(char **v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

static int write_json(const char *dir, const char *sub, const char *name, cJSON *doc,
		      struct pl_error *err)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	int rc = gen_mkdirs(path, err);
	snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, name);
	if (rc == 0)
		rc = gen_json_write_file(path, doc, err);
	cJSON_Delete(doc);
	return rc;
}

int gen_write_schema(const char *branch_dir, const struct gen_schema *s, struct pl_error *err)
{
	cJSON *d = cJSON_CreateObject();
	gen_json_add_i64(d, "version", 3);
	gen_json_add_i64(d, "id", s->id);
	cJSON *fields = cJSON_AddArrayToObject(d, "fields");
	for (size_t i = 0; i < s->ncols; i++) {
		const struct gen_column *c = &s->cols[i];
		cJSON_AddItemToArray(fields,
				     field_json(c->id, c->name, type_json(c), c->description));
	}
	gen_json_add_i64(d, "highestFieldId", s->highest_field_id);
	cJSON_AddItemToObject(d, "partitionKeys",
			      string_array(s->partition_keys, s->npartition_keys));
	cJSON_AddItemToObject(d, "primaryKeys", string_array(s->primary_keys, s->nprimary_keys));
	cJSON *opts = cJSON_AddObjectToObject(d, "options");
	for (size_t i = 0; i < s->noptions; i++)
		gen_json_add_str(opts, s->options[i].key, s->options[i].value);
	if (s->comment)
		gen_json_add_str(d, "comment", s->comment);
	gen_json_add_i64(d, "timeMillis", s->time_ms);
	char name[64];
	snprintf(name, sizeof(name), "schema-%lld", (long long)s->id);
	return write_json(branch_dir, "schema", name, d, err);
}

static cJSON *snapshot_json(const struct gen_table *t, const struct gen_snapshot *s)
{
	const struct gen_mlist *base = &t->mlists[s->base_list];
	const struct gen_mlist *delta = &t->mlists[s->delta_list];
	cJSON *d = cJSON_CreateObject();
	gen_json_add_i64(d, "version", 3);
	gen_json_add_i64(d, "id", s->id);
	gen_json_add_i64(d, "schemaId", s->schema_id);
	gen_json_add_str(d, "baseManifestList", base->name);
	gen_json_add_i64(d, "baseManifestListSize", base->size);
	gen_json_add_str(d, "deltaManifestList", delta->name);
	gen_json_add_i64(d, "deltaManifestListSize", delta->size);
	cJSON_AddNullToObject(d, "changelogManifestList");
	if (s->index_manifest >= 0)
		gen_json_add_str(d, "indexManifest", t->imanifests[s->index_manifest].name);
	gen_json_add_str(d, "commitUser", s->commit_user);
	gen_json_add_i64(d, "commitIdentifier", s->commit_identifier);
	gen_json_add_str(d, "commitKind", s->kind);
	gen_json_add_i64(d, "timeMillis", s->time_ms);
	cJSON_AddObjectToObject(d, "logOffsets");
	gen_json_add_i64(d, "totalRecordCount", s->total);
	gen_json_add_i64(d, "deltaRecordCount", s->delta);
	gen_json_add_i64(d, "changelogRecordCount", 0);
	if (s->has_watermark)
		gen_json_add_i64(d, "watermark", s->watermark);
	if (s->statistics >= 0) {
		char name[80];
		snprintf(name, sizeof(name), "stat-%s-%d", t->stats_uuid, s->statistics);
		gen_json_add_str(d, "statistics", name);
	}
	gen_json_add_i64(d, "nextRowId", 0);
	return d;
}

int gen_write_snapshot(const struct gen_table *t, const char *branch_dir,
		       const struct gen_snapshot *s, struct pl_error *err)
{
	char name[64];
	snprintf(name, sizeof(name), "snapshot-%lld", (long long)s->id);
	return write_json(branch_dir, "snapshot", name, snapshot_json(t, s), err);
}

int gen_write_tag(const struct gen_table *t, const char *branch_dir, const struct gen_tag *tag,
		  struct pl_error *err)
{
	cJSON *d = snapshot_json(t, &tag->snap);
	if (tag->with_retention) {
		/* Jackson's LocalDateTime array; the writer's zone is UTC here */
		time_t secs = (time_t)(tag->create_ms / 1000);
		struct tm tm;
		gmtime_r(&secs, &tm);
		int nanos = (int)(tag->create_ms % 1000) * 1000000;
		cJSON *a = cJSON_AddArrayToObject(d, "tagCreateTime");
		int parts[5] = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
				 tm.tm_min };
		for (int i = 0; i < 5; i++)
			cJSON_AddItemToArray(a, gen_json_i64(parts[i]));
		if (tm.tm_sec || nanos)
			cJSON_AddItemToArray(a, gen_json_i64(tm.tm_sec));
		if (nanos)
			cJSON_AddItemToArray(a, gen_json_i64(nanos));
		char buf[48];
		snprintf(buf, sizeof(buf), "%lld.000000000", (long long)tag->retained_s);
		cJSON_AddItemToObject(d, "tagTimeRetained", cJSON_CreateRaw(buf));
	}
	char name[96];
	snprintf(name, sizeof(name), "tag-%s", tag->name);
	return write_json(branch_dir, "tag", name, d, err);
}

int gen_write_hint(const char *branch_dir, const char *which, int64_t id, struct pl_error *err)
{
	char path[4096], text[32];
	snprintf(path, sizeof(path), "%s/snapshot/%s", branch_dir, which);
	int n = snprintf(text, sizeof(text), "%lld", (long long)id);
	return gen_write_file(path, text, (size_t)n, err);
}

int gen_write_consumer(const char *branch_dir, const char *id, int64_t next,
		       struct pl_error *err)
{
	cJSON *d = cJSON_CreateObject();
	gen_json_add_i64(d, "nextSnapshot", next);
	char name[128];
	snprintf(name, sizeof(name), "consumer-%s", id);
	return write_json(branch_dir, "consumer", name, d, err);
}

int gen_write_statistics(const struct gen_table *t, const struct gen_snapshot *s,
			 const char *name, struct pl_error *err)
{
	const struct gen_schema *schema = t->main.schemas[t->main.nschemas - 1];
	for (size_t i = 0; i < t->main.nschemas; i++)
		if (t->main.schemas[i]->id == s->schema_id)
			schema = t->main.schemas[i];
	cJSON *d = cJSON_CreateObject();
	gen_json_add_i64(d, "snapshotId", s->id);
	gen_json_add_i64(d, "schemaId", schema->id);
	int64_t merged = s->total - s->total / 10;
	gen_json_add_i64(d, "mergedRecordCount", merged);
	gen_json_add_i64(d, "mergedRecordSize", merged * 96);
	cJSON *cols = cJSON_AddObjectToObject(d, "colStats");
	for (size_t i = 0; i < schema->ncols; i++) {
		const struct gen_column *c = &schema->cols[i];
		cJSON *cs = cJSON_CreateObject();
		gen_json_add_i64(cs, "colId", c->id);
		if (c->kind == COL_BIGINT && c->role == ROLE_KEY) {
			gen_json_add_i64(cs, "distinctCount", merged);
			gen_json_add_str(cs, "min", "1");
			char buf[32];
			snprintf(buf, sizeof(buf), "%lld", (long long)merged);
			gen_json_add_str(cs, "max", buf);
			gen_json_add_i64(cs, "nullCount", 0);
			gen_json_add_i64(cs, "avgLen", 8);
			gen_json_add_i64(cs, "maxLen", 8);
		} else if (c->kind == COL_STRING && c->words) {
			int nw = 0;
			while (c->words[nw])
				nw++;
			gen_json_add_i64(cs, "distinctCount", nw);
			gen_json_add_str(cs, "min", c->words[0]);
			gen_json_add_str(cs, "max", c->words[nw - 1]);
			gen_json_add_i64(cs, "nullCount", c->not_null ? 0 : merged / 50);
			gen_json_add_i64(cs, "avgLen", (int64_t)strlen(c->words[0]));
			gen_json_add_i64(cs, "maxLen", (int64_t)strlen(c->words[nw - 1]));
		} else {
			gen_json_add_i64(cs, "nullCount", c->not_null ? 0 : merged / 50);
		}
		cJSON_AddItemToObject(cols, c->name, cs);
	}
	return write_json(t->dir, "statistics", name, d, err);
}
