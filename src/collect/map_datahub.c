/* The governance record as DataHub MetadataChangeProposals: the JSON that
 * DataHub's `file` source reads, one proposal per aspect, each an UPSERT of
 * the dataset urn:li:dataset:(urn:li:dataPlatform:paimon,DB.TABLE,PROD).
 * Aspects are serialised the way DataHub's file sink writes them:
 * {"aspect": {"json": {...}}}, unions as {"com.linkedin.schema.X": {}}. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/map.h"
#include "collect/record.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#define DH_PLATFORM "urn:li:dataPlatform:paimon"
#define DH_ACTOR "urn:li:corpuser:paimon-lens"

/* Numbers are kept as written (64-bit ids are raw JSON text). */
static int64_t num(const cJSON *v)
{
	if (cJSON_IsRaw(v))
		return strtoll(v->valuestring, NULL, 10);
	return cJSON_IsNumber(v) ? (int64_t)v->valuedouble : 0;
}

static int64_t time_of(const char *text, int64_t fallback)
{
	int64_t ms;
	return text && !pl_record_parse_time(text, &ms) ? ms : fallback;
}

static cJSON *audit_stamp(int64_t ms)
{
	cJSON *a = cJSON_CreateObject();
	cJSON_AddItemToObject(a, "time", pl_record_i64(ms));
	cJSON_AddStringToObject(a, "actor", DH_ACTOR);
	return a;
}

static cJSON *proposal(cJSON *out, const char *urn, const char *aspect_name, cJSON *aspect)
{
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "entityType", "dataset");
	cJSON_AddStringToObject(p, "entityUrn", urn);
	cJSON_AddStringToObject(p, "changeType", "UPSERT");
	cJSON_AddStringToObject(p, "aspectName", aspect_name);
	cJSON *wrap = cJSON_AddObjectToObject(p, "aspect");
	cJSON_AddItemToObject(wrap, "json", aspect);
	cJSON_AddItemToArray(out, p);
	return p;
}

/* Option values as DataHub's string map, with the table's identity. */
static cJSON *dataset_properties(const cJSON *event, const char *qualified, int64_t updated)
{
	cJSON *a = cJSON_CreateObject();
	cJSON *props = cJSON_AddObjectToObject(a, "customProperties");
	const cJSON *table = pl_map_facet(event, "paimonLens_table");
	const cJSON *opt, *options = cJSON_GetObjectItemCaseSensitive(table, "options");
	if (cJSON_IsObject(options))
		cJSON_ArrayForEach(opt, options)
			if (cJSON_IsString(opt))
				cJSON_AddStringToObject(props, opt->string, opt->valuestring);
	const char *kind = pl_map_str(table, "tableKind");
	if (kind)
		cJSON_AddStringToObject(props, "paimon.tableKind", kind);
	const cJSON *ds = cJSON_GetObjectItemCaseSensitive(event, "dataset");
	const char *ns = pl_map_str(ds, "namespace"), *name = pl_map_str(ds, "name");
	if (ns && name) {
		struct pl_strbuf sb = PL_STRBUF_INIT;
		pl_strbuf_addf(&sb, "%s%s%s", ns, strcmp(ns, "file") == 0 ? ":" : "/", name);
		cJSON_AddStringToObject(a, "externalUrl", pl_strbuf_str(&sb));
		pl_strbuf_free(&sb);
	}
	const char *dot = strchr(qualified, '.');
	cJSON_AddStringToObject(a, "name", dot ? dot + 1 : qualified);
	cJSON_AddStringToObject(a, "qualifiedName", qualified);
	const char *doc = pl_map_str(pl_map_facet(event, "documentation"), "description");
	if (doc)
		cJSON_AddStringToObject(a, "description", doc);
	int64_t created = time_of(pl_map_str(table, "createdAt"), -1);
	if (created >= 0) {
		cJSON *c = cJSON_AddObjectToObject(a, "created");
		cJSON_AddItemToObject(c, "time", pl_record_i64(created));
	}
	if (updated >= 0) {
		cJSON *m = cJSON_AddObjectToObject(a, "lastModified");
		cJSON_AddItemToObject(m, "time", pl_record_i64(updated));
	}
	return a;
}

static cJSON *schema_metadata(const cJSON *event, const char *qualified, int64_t now)
{
	const cJSON *table = pl_map_facet(event, "paimonLens_table");
	const cJSON *pks = cJSON_GetObjectItemCaseSensitive(table, "primaryKeys");
	const cJSON *parts = cJSON_GetObjectItemCaseSensitive(table, "partitionKeys");
	cJSON *a = cJSON_CreateObject();
	cJSON_AddStringToObject(a, "schemaName", qualified);
	cJSON_AddStringToObject(a, "platform", DH_PLATFORM);
	cJSON_AddItemToObject(a, "version", pl_record_i64(num(
		cJSON_GetObjectItemCaseSensitive(table, "schemaId"))));
	cJSON_AddItemToObject(a, "created", audit_stamp(time_of(pl_map_str(table, "createdAt"), now)));
	cJSON_AddItemToObject(a, "lastModified",
			      audit_stamp(time_of(pl_map_str(table, "ddlUpdatedAt"), now)));
	cJSON_AddStringToObject(a, "hash", "");
	cJSON *raw = cJSON_AddObjectToObject(cJSON_AddObjectToObject(a, "platformSchema"),
					     "com.linkedin.schema.OtherSchema");
	struct pl_strbuf sb = PL_STRBUF_INIT;
	cJSON *fields = cJSON_AddArrayToObject(a, "fields");
	const cJSON *f;
	cJSON_ArrayForEach(f, pl_map_schema_fields(event)) {
		const char *name, *type;
		if (!pl_map_field(f, &name, &type))
			continue;
		pl_strbuf_addf(&sb, "%s%s %s", sb.len ? ", " : "", name, type);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "fieldPath", name);
		cJSON_AddBoolToObject(o, "nullable", strstr(type, "NOT NULL") == NULL);
		const char *desc = pl_map_str(f, "description");
		if (desc)
			cJSON_AddStringToObject(o, "description", desc);
		char key[64];
		snprintf(key, sizeof(key), "com.linkedin.schema.%s", pl_map_type(type)->datahub);
		cJSON_AddObjectToObject(cJSON_AddObjectToObject(cJSON_AddObjectToObject(o, "type"),
								"type"), key);
		cJSON_AddStringToObject(o, "nativeDataType", type);
		cJSON_AddBoolToObject(o, "recursive", 0);
		cJSON_AddBoolToObject(o, "isPartOfKey", pl_map_in_list(pks, name));
		cJSON_AddBoolToObject(o, "isPartitioningKey", pl_map_in_list(parts, name));
		cJSON_AddItemToArray(fields, o);
	}
	cJSON_AddStringToObject(raw, "rawSchema", pl_strbuf_str(&sb));
	pl_strbuf_free(&sb);
	cJSON *pk_names = pl_map_str_list(pks);
	if (cJSON_GetArraySize(pk_names) > 0)
		cJSON_AddItemToObject(a, "primaryKeys", pk_names);
	else
		cJSON_Delete(pk_names);
	return a;
}

/* Statistics values are rendered as text, as DataHub's profile wants. */
static void add_text(cJSON *o, const char *key, const cJSON *v)
{
	if (!v || cJSON_IsNull(v))
		return;
	if (cJSON_IsString(v)) {
		cJSON_AddStringToObject(o, key, v->valuestring);
		return;
	}
	char *text = cJSON_PrintUnformatted(v);
	if (text)
		cJSON_AddStringToObject(o, key, text);
	free(text);
}

/* TimeseriesAspectBase.partitionSpec: FULL_TABLE_SNAPSHOT is the value
 * DataHub's readers filter on for the table as a whole. */
static cJSON *partition_spec(const char *type, const char *partition)
{
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "type", type);
	cJSON_AddStringToObject(p, "partition", partition);
	return p;
}

static void copy_member(cJSON *to, const char *to_key, const cJSON *from, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(from, key);
	if (v && !cJSON_IsNull(v))
		cJSON_AddItemToObject(to, to_key, cJSON_Duplicate(v, 1));
}

static cJSON *dataset_profile(const cJSON *event, int64_t now)
{
	const cJSON *dq = pl_map_facet(event, "dataQualityMetrics");
	const cJSON *v, *fields = pl_map_schema_fields(event);
	cJSON *a = cJSON_CreateObject();
	cJSON_AddItemToObject(a, "timestampMillis", pl_record_i64(now));
	cJSON_AddItemToObject(a, "partitionSpec", partition_spec("FULL_TABLE", "FULL_TABLE_SNAPSHOT"));
	copy_member(a, "rowCount", dq, "rowCount");
	cJSON_AddItemToObject(a, "columnCount", pl_record_i64(cJSON_GetArraySize(fields)));
	copy_member(a, "sizeInBytes", dq, "bytes");
	cJSON *profiles = cJSON_AddArrayToObject(a, "fieldProfiles");
	const cJSON *col, *metrics = cJSON_GetObjectItemCaseSensitive(dq, "columnMetrics");
	if (!cJSON_IsObject(metrics))
		metrics = NULL;
	cJSON_ArrayForEach(col, metrics) {
		cJSON *p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "fieldPath", col->string);
		if ((v = cJSON_GetObjectItemCaseSensitive(col, "nullCount")))
			cJSON_AddItemToObject(p, "nullCount", cJSON_Duplicate(v, 1));
		add_text(p, "min", cJSON_GetObjectItemCaseSensitive(col, "min"));
		add_text(p, "max", cJSON_GetObjectItemCaseSensitive(col, "max"));
		cJSON_AddItemToArray(profiles, p);
	}
	return a;
}

/* One profile per partition the paimonLens_partitions facet lists (it is
 * capped at --max-items), from the partition's file statistics. */
static void partition_profiles(cJSON *out, const char *urn, const cJSON *event, int64_t now)
{
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(
		pl_map_facet(event, "paimonLens_partitions"), "items");
	int64_t columns = cJSON_GetArraySize(pl_map_schema_fields(event));
	const cJSON *it;
	cJSON_ArrayForEach(it, items) {
		const char *spec = pl_map_str(it, "partition");
		if (!spec)
			continue;
		cJSON *a = cJSON_CreateObject();
		cJSON_AddItemToObject(a, "timestampMillis", pl_record_i64(now));
		cJSON_AddItemToObject(a, "partitionSpec", partition_spec("PARTITION", spec));
		copy_member(a, "rowCount", it, "recordCount");
		cJSON_AddItemToObject(a, "columnCount", pl_record_i64(columns));
		copy_member(a, "sizeInBytes", it, "fileSizeInBytes");
		proposal(out, urn, "datasetProfile", a);
	}
}

static cJSON *ownership(const cJSON *event, int64_t now)
{
	const cJSON *owners = cJSON_GetObjectItemCaseSensitive(pl_map_facet(event, "ownership"),
							       "owners");
	if (cJSON_GetArraySize(owners) < 1)
		return NULL;
	cJSON *a = cJSON_CreateObject();
	cJSON *list = cJSON_AddArrayToObject(a, "owners");
	const cJSON *o;
	cJSON_ArrayForEach(o, owners) {
		const char *name = pl_map_str(o, "name");
		const char *colon = name ? strchr(name, ':') : NULL;
		if (!name || !*name || (colon && !colon[1]))
			continue;
		struct pl_strbuf sb = PL_STRBUF_INIT;
		/* OpenLineage names owners "user:NAME" or "team:NAME". */
		if (strncmp(name, "team:", 5) == 0)
			pl_strbuf_addf(&sb, "urn:li:corpGroup:%s", name + 5);
		else
			pl_strbuf_addf(&sb, "urn:li:corpuser:%s",
				       strncmp(name, "user:", 5) == 0 ? name + 5 : name);
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "owner", pl_strbuf_str(&sb));
		cJSON_AddStringToObject(e, "type", "TECHNICAL_OWNER");
		cJSON_AddItemToArray(list, e);
		pl_strbuf_free(&sb);
	}
	cJSON_AddItemToObject(a, "lastModified", audit_stamp(now));
	return a;
}

/* DataHub derives container urns from a hash of the container's keys; a
 * stable 64-bit FNV-1a of platform, warehouse and database serves the same
 * purpose without DataHub's own key encoding. */
static cJSON *container(const cJSON *event)
{
	const cJSON *hier = cJSON_GetObjectItemCaseSensitive(pl_map_facet(event, "hierarchy"),
							     "hierarchy");
	const char *warehouse = pl_map_str(pl_map_facet(event, "catalog"), "warehouseUri");
	const char *db = NULL;
	const cJSON *h;
	cJSON_ArrayForEach(h, hier) {
		const char *type = pl_map_str(h, "type");
		if (type && strcmp(type, "DATABASE") == 0)
			db = pl_map_str(h, "name");
	}
	if (!db)
		return NULL;
	uint64_t hash = 1469598103934665603ULL;
	const char *parts[] = { "paimon", warehouse ? warehouse : "", db };
	for (size_t i = 0; i < 3; i++)
		for (const char *p = parts[i];; p++) {
			hash = (hash ^ (unsigned char)*p) * 1099511628211ULL;
			if (!*p)
				break;
		}
	char urn[64];
	snprintf(urn, sizeof(urn), "urn:li:container:%016" PRIx64, hash);
	cJSON *a = cJSON_CreateObject();
	cJSON_AddStringToObject(a, "container", urn);
	return a;
}

static const char *qualified_name(const cJSON *event)
{
	const cJSON *ids = cJSON_GetObjectItemCaseSensitive(pl_map_facet(event, "symlinks"),
							    "identifiers");
	return pl_map_str(cJSON_GetArrayItem(ids, 0), "name");
}

cJSON *pl_map_datahub(const cJSON *event)
{
	const char *qualified = qualified_name(event);
	if (!qualified || pl_map_facet(event, "paimonLens_error"))
		return NULL;
	int64_t now = time_of(pl_map_str(event, "eventTime"), 0);
	struct pl_strbuf urn = PL_STRBUF_INIT;
	pl_strbuf_addf(&urn, "urn:li:dataset:(%s,%s,PROD)", DH_PLATFORM, qualified);
	cJSON *out = cJSON_CreateArray();
	if (pl_map_facet(event, "lifecycleStateChange")) {
		cJSON *status = cJSON_CreateObject();
		cJSON_AddBoolToObject(status, "removed", 1);
		proposal(out, pl_strbuf_str(&urn), "status", status);
		pl_strbuf_free(&urn);
		return out;
	}
	const char *updated = pl_map_str(pl_map_facet(event, "dataQualityMetrics"), "lastUpdated");
	proposal(out, pl_strbuf_str(&urn), "datasetProperties",
		 dataset_properties(event, qualified, time_of(updated, -1)));
	proposal(out, pl_strbuf_str(&urn), "schemaMetadata", schema_metadata(event, qualified, now));
	proposal(out, pl_strbuf_str(&urn), "datasetProfile", dataset_profile(event, now));
	partition_profiles(out, pl_strbuf_str(&urn), event, now);
	cJSON *a = ownership(event, now);
	if (a)
		proposal(out, pl_strbuf_str(&urn), "ownership", a);
	a = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(a, "typeNames"), cJSON_CreateString("Table"));
	proposal(out, pl_strbuf_str(&urn), "subTypes", a);
	if ((a = container(event)))
		proposal(out, pl_strbuf_str(&urn), "container", a);
	pl_strbuf_free(&urn);
	return out;
}
