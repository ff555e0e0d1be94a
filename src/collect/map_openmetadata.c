/* The governance record as an OpenMetadata Table entity (table.json of
 * OpenMetadata's entity schemas). The server assigns id and links the
 * table to its databaseSchema, so neither is emitted; the
 * fullyQualifiedName follows OpenMetadata's SERVICE.DATABASE.SCHEMA.TABLE
 * with the catalog as service and database, and the Paimon database as
 * schema. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/map.h"
#include "collect/record.h"
#include "util/strbuf.h"

/* CHAR(n), VARCHAR(n), BINARY(n), VARBINARY(n): OpenMetadata requires the
 * length; DECIMAL(p, s) carries precision and scale. */
static void add_lengths(cJSON *col, const char *base, const char *type)
{
	const char *paren = strchr(type, '(');
	if (!paren)
		return;
	char *end;
	long a = strtol(paren + 1, &end, 10);
	if (end == paren + 1 || a < 0)
		return;
	if (strcmp(base, "DECIMAL") == 0) {
		long b = 0;
		if (*end == ',')
			b = strtol(end + 1, NULL, 10);
		cJSON_AddNumberToObject(col, "precision", (double)a);
		cJSON_AddNumberToObject(col, "scale", (double)(b < 0 ? 0 : b));
	} else if (strstr(base, "CHAR") || strstr(base, "BINARY")) {
		cJSON_AddNumberToObject(col, "dataLength", (double)a);
	}
}

static cJSON *columns(const cJSON *event, const cJSON *pks)
{
	cJSON *out = cJSON_CreateArray();
	const cJSON *f;
	cJSON_ArrayForEach(f, pl_map_schema_fields(event)) {
		const char *name, *type;
		if (!pl_map_field(f, &name, &type))
			continue;
		const struct pl_map_type_names *names = pl_map_type(type);
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "name", name);
		cJSON_AddStringToObject(c, "dataType", names->openmetadata);
		cJSON_AddStringToObject(c, "dataTypeDisplay", type);
		add_lengths(c, names->paimon, type);
		const char *desc = pl_map_str(f, "description");
		if (desc)
			cJSON_AddStringToObject(c, "description", desc);
		cJSON_AddStringToObject(c, "constraint",
					pl_map_in_list(pks, name) ? "PRIMARY_KEY" :
					strstr(type, "NOT NULL") ? "NOT_NULL" : "NULL");
		const cJSON *pos = cJSON_GetObjectItemCaseSensitive(f, "ordinal_position");
		if (pos)
			cJSON_AddItemToObject(c, "ordinalPosition", cJSON_Duplicate(pos, 1));
		cJSON_AddItemToArray(out, c);
	}
	return out;
}

static cJSON *extension(const cJSON *event)
{
	cJSON *ext = cJSON_CreateObject();
	const cJSON *table = pl_map_facet(event, "paimonLens_table");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(table, "options");
	if (v)
		cJSON_AddItemToObject(ext, "paimonOptions", cJSON_Duplicate(v, 1));
	const char *keys[] = { "tableKind", "bucket", "bucketMode", "mergeEngine",
			       "changelogProducer", "schemaId" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((v = cJSON_GetObjectItemCaseSensitive(table, keys[i])))
			cJSON_AddItemToObject(ext, keys[i], cJSON_Duplicate(v, 1));
	const cJSON *parts = pl_map_facet(event, "paimonLens_partitions");
	if (parts) {
		cJSON *p = cJSON_Duplicate(parts, 1);
		cJSON_DeleteItemFromObjectCaseSensitive(p, "_producer");
		cJSON_DeleteItemFromObjectCaseSensitive(p, "_schemaURL");
		cJSON_AddItemToObject(ext, "paimonPartitions", p);
	}
	return ext;
}

static cJSON *profile(const cJSON *event, int64_t now, size_t ncolumns)
{
	const cJSON *dq = pl_map_facet(event, "dataQualityMetrics");
	cJSON *p = cJSON_CreateObject();
	cJSON_AddItemToObject(p, "timestamp", pl_record_i64(now));
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(dq, "rowCount");
	if (v)
		cJSON_AddItemToObject(p, "rowCount", cJSON_Duplicate(v, 1));
	cJSON_AddItemToObject(p, "columnCount", pl_record_i64((int64_t)ncolumns));
	if ((v = cJSON_GetObjectItemCaseSensitive(dq, "bytes")))
		cJSON_AddItemToObject(p, "sizeInByte", cJSON_Duplicate(v, 1));
	const char *created = pl_map_str(pl_map_facet(event, "paimonLens_table"), "createdAt");
	if (created)
		cJSON_AddStringToObject(p, "createDateTime", created);
	return p;
}

cJSON *pl_map_openmetadata(const cJSON *event)
{
	const cJSON *hier = cJSON_GetObjectItemCaseSensitive(pl_map_facet(event, "hierarchy"),
							     "hierarchy");
	if (pl_map_facet(event, "paimonLens_error") || pl_map_facet(event, "lifecycleStateChange") ||
	    cJSON_GetArraySize(hier) != 3)
		return NULL;
	const char *catalog = pl_map_str(cJSON_GetArrayItem(hier, 0), "name");
	const char *db = pl_map_str(cJSON_GetArrayItem(hier, 1), "name");
	const char *name = pl_map_str(cJSON_GetArrayItem(hier, 2), "name");
	if (!catalog || !db || !name)
		return NULL;
	const cJSON *table = pl_map_facet(event, "paimonLens_table");
	const cJSON *pks = cJSON_GetObjectItemCaseSensitive(table, "primaryKeys");
	const cJSON *parts = cJSON_GetObjectItemCaseSensitive(table, "partitionKeys");
	int64_t now = 0;
	const char *when = pl_map_str(event, "eventTime");
	if (when && pl_record_parse_time(when, &now))
		now = 0;

	cJSON *t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "name", name);
	struct pl_strbuf fqn = PL_STRBUF_INIT;
	pl_strbuf_addf(&fqn, "%s.%s.%s.%s", catalog, catalog, db, name);
	cJSON_AddStringToObject(t, "fullyQualifiedName", pl_strbuf_str(&fqn));
	pl_strbuf_free(&fqn);
	const char *doc = pl_map_str(pl_map_facet(event, "documentation"), "description");
	if (doc)
		cJSON_AddStringToObject(t, "description", doc);
	cJSON_AddStringToObject(t, "tableType", "Regular");
	cJSON *cols = columns(event, pks);
	size_t ncols = (size_t)cJSON_GetArraySize(cols);
	cJSON_AddItemToObject(t, "columns", cols);
	cJSON *pk_names = pl_map_str_list(pks);
	if (cJSON_GetArraySize(pk_names) > 0) {
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "constraintType", "PRIMARY_KEY");
		cJSON_AddItemToObject(c, "columns", pk_names);
		cJSON_AddItemToArray(cJSON_AddArrayToObject(t, "tableConstraints"), c);
	} else {
		cJSON_Delete(pk_names);
	}
	if (cJSON_IsArray(parts) && cJSON_GetArraySize(parts) > 0) {
		cJSON *list = cJSON_AddArrayToObject(cJSON_AddObjectToObject(t, "tablePartition"),
						     "columns");
		const cJSON *p;
		cJSON_ArrayForEach(p, parts) {
			if (!cJSON_IsString(p))
				continue;
			cJSON *c = cJSON_CreateObject();
			cJSON_AddStringToObject(c, "columnName", p->valuestring);
			cJSON_AddStringToObject(c, "intervalType", "COLUMN-VALUE");
			cJSON_AddItemToArray(list, c);
		}
	}
	const char *location = pl_map_str(cJSON_GetObjectItemCaseSensitive(event, "dataset"), "name");
	if (location)
		cJSON_AddStringToObject(t, "locationPath", location);
	cJSON_AddItemToObject(t, "extension", extension(event));
	cJSON_AddItemToObject(t, "profile", profile(event, now, ncols));
	return t;
}
