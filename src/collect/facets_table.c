/* paimonLens_table, paimonLens_schemaHistory, paimonLens_lifecycle: what
 * the table is, how its schema evolved, and how long it keeps data. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "collect/facets.h"
#include "collect/record.h"
#include "util/alloc.h"

static int parse_int(const char *s, int64_t *out)
{
	char *end;
	if (!s || !*s)
		return -1;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

/* Java's BucketMode of a table. */
static const char *bucket_mode(const struct pl_schema *s, int64_t bucket)
{
	if (bucket == -2)
		return "POSTPONE_MODE";
	if (bucket > 0)
		return "HASH_FIXED";
	if (!pl_schema_is_primary_key_table(s))
		return "BUCKET_UNAWARE";
	/* Dynamic buckets across partitions when the key misses a partition
	 * column. */
	for (size_t i = 0; i < s->npartition_keys; i++) {
		size_t j;
		for (j = 0; j < s->nprimary_keys; j++)
			if (strcmp(s->primary_keys[j], s->partition_keys[i]) == 0)
				break;
		if (j == s->nprimary_keys)
			return "CROSS_PARTITION";
	}
	return "HASH_DYNAMIC";
}

static void add_time_or_null(cJSON *o, const char *key, int present, int64_t ms)
{
	if (present)
		pl_record_add_time(o, key, ms);
	else
		cJSON_AddNullToObject(o, key);
}

static void add_table(const struct pl_facet_ctx *c, cJSON *facets)
{
	const struct pl_cm_table *t = c->t;
	const struct pl_schema *s = t->schema;
	int pk = pl_schema_is_primary_key_table(s);
	cJSON *f = pl_facet_lens(c, "PaimonLensTableDatasetFacet");
	cJSON_AddStringToObject(f, "tableKind", pk ? "primary-key" : "append");
	cJSON_AddItemToObject(f, "primaryKeys", pl_record_str_array(s->primary_keys,
								    s->nprimary_keys));
	cJSON_AddItemToObject(f, "partitionKeys", pl_record_str_array(s->partition_keys,
								      s->npartition_keys));
	int64_t bucket;
	if (parse_int(pl_cm_option(t, "bucket", "-1"), &bucket))
		bucket = -1;
	pl_record_add_i64(f, "bucket", bucket);
	cJSON_AddStringToObject(f, "bucketMode", bucket_mode(s, bucket));
	pl_record_add_str(f, "mergeEngine", pk ? pl_cm_option(t, "merge-engine", "deduplicate")
					       : NULL);
	cJSON_AddStringToObject(f, "changelogProducer",
				pl_cm_option(t, "changelog-producer", "none"));
	cJSON_AddBoolToObject(f, "deletionVectors",
			      strcmp(pl_cm_option(t, "deletion-vectors.enabled", "false"),
				     "true") == 0);
	pl_record_add_i64(f, "schemaId", s->id);
	const struct pl_schema *first = t->schemas[0];
	add_time_or_null(f, "createdAt", first->has_time_millis, first->time_millis);
	add_time_or_null(f, "ddlUpdatedAt", t->latest_schema->has_time_millis,
			 t->latest_schema->time_millis);
	add_time_or_null(f, "dataUpdatedAt", t->snap != NULL, t->snap ? t->snap->time_millis : 0);
	cJSON *opts = cJSON_AddObjectToObject(f, "options");
	cJSON *redacted = cJSON_CreateArray();
	for (size_t i = 0; i < s->noptions; i++) {
		const struct pl_schema_option *o = &s->options[i];
		/* Defaults the reader injected are not the table's settings. */
		if (o->injected)
			continue;
		if (pl_record_is_secret_key(o->key))
			cJSON_AddItemToArray(redacted, cJSON_CreateString(o->key));
		else
			cJSON_AddStringToObject(opts, o->key, o->value);
	}
	cJSON_AddItemToObject(f, "redactedOptionKeys", redacted);
	cJSON_AddItemToObject(facets, "paimonLens_table", f);
}

static const char *change_op(enum pl_schema_change_kind kind)
{
	switch (kind) {
	case PL_SC_FIELD_ADDED: return "addColumn";
	case PL_SC_FIELD_DROPPED: return "dropColumn";
	case PL_SC_FIELD_RENAMED: return "renameColumn";
	case PL_SC_FIELD_RETYPED: return "updateColumnType";
	case PL_SC_FIELD_NULLABILITY: return "updateNullability";
	case PL_SC_FIELD_COMMENT: return "updateComment";
	case PL_SC_FIELD_DEFAULT: return "updateDefaultValue";
	case PL_SC_FIELD_MOVED: return "moveColumn";
	case PL_SC_OPTION_ADDED: return "setOption";
	case PL_SC_OPTION_REMOVED: return "removeOption";
	case PL_SC_OPTION_CHANGED: return "setOption";
	case PL_SC_PARTITION_KEYS: return "updatePartitionKeys";
	case PL_SC_PRIMARY_KEYS: return "updatePrimaryKeys";
	case PL_SC_BUCKET_KEYS: return "updateBucketKeys";
	case PL_SC_TABLE_COMMENT: return "updateTableComment";
	}
	return "other";
}

static cJSON *change_object(const struct pl_schema_change *ch)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "op", change_op(ch->kind));
	switch (ch->kind) {
	case PL_SC_FIELD_ADDED:
		cJSON_AddStringToObject(o, "field", ch->name);
		if (ch->new_value)
			cJSON_AddStringToObject(o, "type", ch->new_value);
		pl_record_add_i64(o, "fieldId", ch->field_id);
		return o;
	case PL_SC_FIELD_DROPPED:
		cJSON_AddStringToObject(o, "field", ch->name);
		if (ch->old_value)
			cJSON_AddStringToObject(o, "type", ch->old_value);
		pl_record_add_i64(o, "fieldId", ch->field_id);
		return o;
	case PL_SC_OPTION_ADDED:
	case PL_SC_OPTION_REMOVED:
	case PL_SC_OPTION_CHANGED:
		cJSON_AddStringToObject(o, "key", ch->name);
		/* The key of a secret is news; its value never leaves. */
		if (pl_record_is_secret_key(ch->name)) {
			cJSON_AddTrueToObject(o, "redacted");
			return o;
		}
		break;
	case PL_SC_PARTITION_KEYS:
	case PL_SC_PRIMARY_KEYS:
	case PL_SC_BUCKET_KEYS:
	case PL_SC_TABLE_COMMENT:
		break;
	default:
		if (ch->name)
			cJSON_AddStringToObject(o, "field", ch->name);
		if (ch->field_id >= 0)
			pl_record_add_i64(o, "fieldId", ch->field_id);
		break;
	}
	pl_record_add_str(o, "from", ch->old_value);
	pl_record_add_str(o, "to", ch->new_value);
	return o;
}

static void add_schema_history(const struct pl_facet_ctx *c, cJSON *facets)
{
	const struct pl_cm_table *t = c->t;
	cJSON *f = pl_facet_lens(c, "PaimonLensSchemaHistoryDatasetFacet");
	size_t n = t->nschemas;
	size_t first = n > c->max_items ? n - c->max_items : 0;
	pl_record_add_i64(f, "total", (int64_t)n);
	cJSON_AddBoolToObject(f, "truncated", first > 0);
	cJSON *versions = cJSON_AddArrayToObject(f, "versions");
	struct pl_arena arena;
	pl_arena_init(&arena, 0);
	for (size_t i = first; i < n; i++) {
		const struct pl_schema *s = t->schemas[i];
		cJSON *v = cJSON_CreateObject();
		pl_record_add_i64(v, "schemaId", s->id);
		add_time_or_null(v, "updatedAt", s->has_time_millis, s->time_millis);
		cJSON *changes = cJSON_AddArrayToObject(v, "changes");
		if (i > 0) {
			struct pl_schema_change *ch;
			size_t nch;
			pl_schema_diff(t->schemas[i - 1], s, &arena, &ch, &nch);
			for (size_t k = 0; k < nch; k++)
				cJSON_AddItemToArray(changes, change_object(&ch[k]));
			pl_arena_reset(&arena);
		}
		cJSON_AddItemToArray(versions, v);
	}
	pl_arena_free(&arena);
	cJSON_AddItemToObject(facets, "paimonLens_schemaHistory", f);
}

/* ISO 8601 of a duration option, null when unset or unreadable. */
static void add_duration(cJSON *o, const char *key, const char *text)
{
	int64_t ms;
	if (!text || pl_record_parse_duration(text, &ms)) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_record_iso_duration(&sb, ms);
	cJSON_AddStringToObject(o, key, pl_strbuf_str(&sb));
	pl_strbuf_free(&sb);
}

static void add_count(cJSON *o, const char *key, const char *text)
{
	int64_t v;
	if (text && !parse_int(text, &v))
		pl_record_add_i64(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

static int add_lifecycle(const struct pl_facet_ctx *c, cJSON *facets, struct pl_error *err)
{
	const struct pl_cm_table *t = c->t;
	cJSON *f = pl_facet_lens(c, "PaimonLensLifecycleDatasetFacet");
	add_duration(f, "partitionExpiration", pl_cm_option(t, "partition.expiration-time", NULL));
	pl_record_add_str(f, "partitionExpirationStrategy",
			  pl_cm_option(t, "partition.expiration-time", NULL) ?
			  pl_cm_option(t, "partition.expiration-strategy", "values-time") : NULL);
	/* Java's defaults when unset (format-metadata.md §5). */
	add_duration(f, "snapshotTimeRetained", pl_cm_option(t, "snapshot.time-retained", "1 h"));
	add_count(f, "snapshotNumRetainedMin", pl_cm_option(t, "snapshot.num-retained.min", "10"));
	add_count(f, "snapshotNumRetainedMax",
		  pl_cm_option(t, "snapshot.num-retained.max", "2147483647"));
	add_duration(f, "changelogTimeRetained", pl_cm_option(t, "changelog.time-retained", NULL));
	add_count(f, "tagNumRetainedMax", pl_cm_option(t, "tag.num-retained-max", NULL));
	add_duration(f, "tagDefaultTimeRetained",
		     pl_cm_option(t, "tag.default-time-retained", NULL));
	add_duration(f, "consumerExpirationTime",
		     pl_cm_option(t, "consumer.expiration-time", NULL));
	add_duration(f, "recordLevelExpireTime", pl_cm_option(t, "record-level.expire-time", NULL));

	/* The smallest partition spec: for the usual date partitions that is
	 * the oldest one, the next to expire. */
	char *oldest = NULL;
	const struct pl_fileset *fs = t->fs;
	for (size_t i = 0; fs && t->schema->npartition_keys && i < fs->n_partitions; i++) {
		char *spec;
		cJSON *values;
		if (pl_facet_partition(c, &fs->partitions[i].partition, &spec, &values, err)) {
			free(oldest);
			cJSON_Delete(f);
			return -1;
		}
		cJSON_Delete(values);
		if (!oldest || strcmp(spec, oldest) < 0) {
			free(oldest);
			oldest = spec;
		} else {
			free(spec);
		}
	}
	pl_record_add_str(f, "oldestPartition", oldest);
	free(oldest);
	cJSON_AddItemToObject(facets, "paimonLens_lifecycle", f);
	return 0;
}

int pl_facets_table(const struct pl_facet_ctx *c, cJSON *facets, struct pl_error *err)
{
	add_table(c, facets);
	add_schema_history(c, facets);
	return add_lifecycle(c, facets, err);
}
