/* What the DataHub and OpenMetadata mappings share: reading the event's
 * facets, and one table of Paimon types in both catalogs' vocabularies so
 * that a type added to Paimon is mapped for both at once. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "collect/map.h"

const cJSON *pl_map_facet(const cJSON *event, const char *key)
{
	const cJSON *ds = cJSON_GetObjectItemCaseSensitive(event, "dataset");
	return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(ds, "facets"),
						key);
}

const char *pl_map_str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

cJSON *pl_map_str_list(const cJSON *list)
{
	cJSON *out = cJSON_CreateArray();
	const cJSON *it;
	if (cJSON_IsArray(list))
		cJSON_ArrayForEach(it, list)
			if (cJSON_IsString(it))
				cJSON_AddItemToArray(out, cJSON_CreateString(it->valuestring));
	return out;
}

const cJSON *pl_map_schema_fields(const cJSON *event)
{
	return cJSON_GetObjectItemCaseSensitive(pl_map_facet(event, "schema"), "fields");
}

int pl_map_field(const cJSON *field, const char **name, const char **type)
{
	*name = pl_map_str(field, "name");
	*type = pl_map_str(field, "type");
	return *name && *type;
}

int pl_map_in_list(const cJSON *list, const char *name)
{
	const cJSON *it;
	if (!cJSON_IsArray(list))
		return 0;
	cJSON_ArrayForEach(it, list)
		if (cJSON_IsString(it) && strcmp(it->valuestring, name) == 0)
			return 1;
	return 0;
}

void pl_map_base_type(const char *type, char *buf, size_t size)
{
	size_t n = 0;
	if (!size)
		return;
	/* TIMESTAMP(3) WITH LOCAL TIME ZONE keeps its suffix: it is its own type. */
	int ltz = type && strstr(type, "WITH LOCAL TIME ZONE") != NULL;
	for (const char *p = type ? type : ""; *p && *p != '(' && *p != '<' && *p != ' ' &&
					       n + 1 < size; p++)
		buf[n++] = (char)toupper((unsigned char)*p);
	buf[n] = '\0';
	if (ltz && strcmp(buf, "TIMESTAMP") == 0)
		snprintf(buf, size, "TIMESTAMP_LTZ");
}

/* DataHub has one NumberType, StringType, ...; OpenMetadata keeps the SQL
 * names. MULTISET has neither: a map from element to count is closest. */
static const struct pl_map_type_names types[] = {
	{ "BOOLEAN", "BooleanType", "BOOLEAN" },
	{ "TINYINT", "NumberType", "TINYINT" },
	{ "SMALLINT", "NumberType", "SMALLINT" },
	{ "INT", "NumberType", "INT" },
	{ "INTEGER", "NumberType", "INT" },
	{ "BIGINT", "NumberType", "BIGINT" },
	{ "FLOAT", "NumberType", "FLOAT" },
	{ "DOUBLE", "NumberType", "DOUBLE" },
	{ "DECIMAL", "NumberType", "DECIMAL" },
	{ "CHAR", "StringType", "CHAR" },
	{ "VARCHAR", "StringType", "VARCHAR" },
	{ "STRING", "StringType", "STRING" },
	{ "BINARY", "BytesType", "BINARY" },
	{ "VARBINARY", "BytesType", "VARBINARY" },
	{ "BYTES", "BytesType", "BYTES" },
	{ "BLOB", "BytesType", "BLOB" },
	{ "DATE", "DateType", "DATE" },
	{ "TIME", "TimeType", "TIME" },
	{ "TIMESTAMP", "TimeType", "TIMESTAMP" },
	{ "TIMESTAMP_LTZ", "TimeType", "TIMESTAMPZ" },
	{ "ARRAY", "ArrayType", "ARRAY" },
	{ "MAP", "MapType", "MAP" },
	{ "MULTISET", "MapType", "MAP" },
	{ "ROW", "RecordType", "STRUCT" },
	{ "VARIANT", "NullType", "VARIANT" },
};

const struct pl_map_type_names *pl_map_type(const char *paimon_type)
{
	static const struct pl_map_type_names unknown = { "", "NullType", "UNKNOWN" };
	char base[32];
	pl_map_base_type(paimon_type, base, sizeof(base));
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(base, types[i].paimon) == 0)
			return &types[i];
	return &unknown;
}
