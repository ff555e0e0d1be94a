/* Thin transforms of the governance record (an OpenLineage DatasetEvent
 * built by collect/export.h) into the shapes other catalogs ingest, per the
 * mapping table of doc/governance.md. They only read the event: whatever
 * the event lacks, the mapped output lacks too. */
#ifndef PL_COLLECT_MAP_H
#define PL_COLLECT_MAP_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* DataHub MetadataChangeProposals (the JSON of DataHub's file source), one
 * per aspect: datasetProperties, schemaMetadata, datasetProfile, ownership
 * (when the table has an owner), subTypes and container; a dropped table
 * becomes one `status` aspect with removed = true. Returns an array, or
 * NULL for an event with nothing to map (an error entry). */
cJSON *pl_map_datahub(const cJSON *event);

/* An OpenMetadata Table entity, or NULL for an event with nothing to map
 * (an error entry or a dropped table). */
cJSON *pl_map_openmetadata(const cJSON *event);

/* Shared by both mappings (map_common.c). */
const cJSON *pl_map_facet(const cJSON *event, const char *key);
/* The string member key of obj, or NULL. */
const char *pl_map_str(const cJSON *obj, const char *key);
/* A new array of the string members of list (anything else is skipped). */
cJSON *pl_map_str_list(const cJSON *list);
/* The Paimon type without " NOT NULL" and without its arguments, upper
 * case ("DECIMAL(18, 2) NOT NULL" -> "DECIMAL"), into buf. */
void pl_map_base_type(const char *type, char *buf, size_t size);
/* The `schema` facet's fields, and one field's name and Paimon type (0
 * when either is missing: the field is skipped). */
const cJSON *pl_map_schema_fields(const cJSON *event);
int pl_map_field(const cJSON *field, const char **name, const char **type);
/* 1 when list is an array holding the string name. */
int pl_map_in_list(const cJSON *list, const char *name);

/* One Paimon base type in both catalogs' vocabularies. */
struct pl_map_type_names {
	const char *paimon;        /* the base type ("" for an unknown one) */
	const char *datahub;       /* SchemaFieldDataType union member */
	const char *openmetadata;  /* Column dataType enum */
};
/* The names for a Paimon type as written in a schema ("DECIMAL(18, 2) NOT
 * NULL"); an unknown type maps to NullType and UNKNOWN. */
const struct pl_map_type_names *pl_map_type(const char *paimon_type);

#endif
