/* The standard OpenLineage facets: what any catalog tool understands
 * without knowing Paimon. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/facets.h"
#include "collect/record.h"
#include "util/arena.h"

cJSON *pl_facet_ol(const struct pl_facet_ctx *c, const char *version, const char *name)
{
	char url[256];
	snprintf(url, sizeof(url), PL_OL_FACETS "%s/%s.json#/$defs/%s", version, name, name);
	return pl_record_facet(c->producer, url);
}

cJSON *pl_facet_lens(const struct pl_facet_ctx *c, const char *name)
{
	char url[256];
	snprintf(url, sizeof(url), PL_LENS_FACETS "%s.json#/$defs/%s", name, name);
	return pl_record_facet(c->producer, url);
}

static cJSON *schema_fields(const struct pl_dfield *fields, size_t n, struct pl_arena *arena)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		const struct pl_dfield *f = &fields[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", f->name);
		cJSON_AddStringToObject(o, "type", pl_dtype_to_string(f->type, arena));
		if (f->description)
			cJSON_AddStringToObject(o, "description", f->description);
		pl_record_add_i64(o, "ordinal_position", (int64_t)i + 1);
		if (f->type->root == PL_T_ROW && f->type->nfields)
			cJSON_AddItemToObject(o, "fields",
					      schema_fields(f->type->fields, f->type->nfields,
							    arena));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static void add_schema(const struct pl_facet_ctx *c, cJSON *facets)
{
	struct pl_arena arena;
	pl_arena_init(&arena, 0);
	cJSON *f = pl_facet_ol(c, "1-2-0", "SchemaDatasetFacet");
	cJSON_AddItemToObject(f, "fields",
			      schema_fields(c->t->schema->fields, c->t->schema->nfields, &arena));
	pl_arena_free(&arena);
	cJSON_AddItemToObject(facets, "schema", f);
}

static void add_catalog(const struct pl_facet_ctx *c, cJSON *facets)
{
	const struct pl_export_options *o = c->o;
	cJSON *f = pl_facet_ol(c, "1-0-1", "DatasourceDatasetFacet");
	cJSON_AddStringToObject(f, "name", o->data_source_name ? o->data_source_name : "paimon");
	cJSON_AddStringToObject(f, "uri", c->warehouse_uri);
	cJSON_AddItemToObject(facets, "dataSource", f);

	const char *catalog = o->catalog_name ? o->catalog_name : "paimon";
	f = pl_facet_ol(c, "1-1-0", "CatalogDatasetFacet");
	cJSON_AddStringToObject(f, "framework", "paimon");
	cJSON_AddStringToObject(f, "type", "filesystem");
	cJSON_AddStringToObject(f, "name", catalog);
	cJSON_AddStringToObject(f, "warehouseUri", c->warehouse_uri);
	cJSON *props = cJSON_CreateObject();
	cJSON_AddStringToObject(props, "metastore", o->metastore ? o->metastore : "filesystem");
	cJSON_AddStringToObject(props, "fileSystem", c->file_system);
	if (o->region)
		cJSON_AddStringToObject(props, "region", o->region);
	if (o->endpoint)
		cJSON_AddStringToObject(props, "endpoint", o->endpoint);
	if (o->access_mode)
		cJSON_AddStringToObject(props, "accessMode", o->access_mode);
	cJSON_AddItemToObject(f, "catalogProperties", props);
	cJSON_AddItemToObject(facets, "catalog", f);

	f = pl_facet_ol(c, "1-0-1", "StorageDatasetFacet");
	cJSON_AddStringToObject(f, "storageLayer", "paimon");
	cJSON_AddStringToObject(f, "fileFormat", pl_cm_option(c->t, "file.format", "parquet"));
	cJSON_AddItemToObject(facets, "storage", f);
}

static void add_identity(const struct pl_facet_ctx *c, cJSON *facets)
{
	cJSON *f = pl_facet_ol(c, "1-0-1", "SymlinksDatasetFacet");
	cJSON *ids = cJSON_AddArrayToObject(f, "identifiers");
	cJSON *id = cJSON_CreateObject();
	size_t n = strlen(c->database) + strlen(c->table) + 2;
	char *name = malloc(n);
	if (!name)
		abort();
	snprintf(name, n, "%s.%s", c->database, c->table);
	cJSON_AddStringToObject(id, "namespace", c->warehouse_uri);
	cJSON_AddStringToObject(id, "name", name);
	cJSON_AddStringToObject(id, "type", "TABLE");
	free(name);
	cJSON_AddItemToArray(ids, id);
	cJSON_AddItemToObject(facets, "symlinks", f);

	f = pl_facet_ol(c, "1-0-0", "HierarchyDatasetFacet");
	cJSON *h = cJSON_AddArrayToObject(f, "hierarchy");
	const char *types[] = { "CATALOG", "DATABASE", "TABLE" };
	const char *names[] = { c->o->catalog_name ? c->o->catalog_name : "paimon", c->database,
				c->table };
	for (int i = 0; i < 3; i++) {
		cJSON *l = cJSON_CreateObject();
		cJSON_AddStringToObject(l, "type", types[i]);
		cJSON_AddStringToObject(l, "name", names[i]);
		cJSON_AddItemToArray(h, l);
	}
	cJSON_AddItemToObject(facets, "hierarchy", f);

	/* A table never written has no version to name. */
	if (c->t->snap) {
		char v[24];
		snprintf(v, sizeof(v), "%lld", (long long)c->t->snap->id);
		f = pl_facet_ol(c, "1-0-1", "DatasetVersionDatasetFacet");
		cJSON_AddStringToObject(f, "datasetVersion", v);
		cJSON_AddItemToObject(facets, "version", f);
	}

	f = pl_facet_ol(c, "1-0-1", "DatasetTypeDatasetFacet");
	cJSON_AddStringToObject(f, "datasetType", "TABLE");
	cJSON_AddItemToObject(facets, "datasetType", f);
}

static void add_documentation(const struct pl_facet_ctx *c, cJSON *facets)
{
	const char *comment = c->t->schema->comment;
	if (comment && *comment) {
		cJSON *f = pl_facet_ol(c, "1-1-0", "DocumentationDatasetFacet");
		cJSON_AddStringToObject(f, "description", comment);
		cJSON_AddStringToObject(f, "contentType", "text/plain");
		cJSON_AddItemToObject(facets, "documentation", f);
	}
	const char *owner = pl_cm_option(c->t, "owner", NULL);
	if (owner && *owner) {
		cJSON *f = pl_facet_ol(c, "1-0-1", "OwnershipDatasetFacet");
		cJSON *owners = cJSON_AddArrayToObject(f, "owners");
		cJSON *ow = cJSON_CreateObject();
		size_t n = strlen(owner) + 6;
		char *name = malloc(n);
		if (!name)
			abort();
		/* A bare name is a user; an URN-like "team:x" is kept. */
		snprintf(name, n, strchr(owner, ':') ? "%s" : "user:%s", owner);
		cJSON_AddStringToObject(ow, "name", name);
		free(name);
		cJSON_AddStringToObject(ow, "type", "TABLE_OPTION_OWNER");
		cJSON_AddItemToArray(owners, ow);
		cJSON_AddItemToObject(facets, "ownership", f);
	}
}

int pl_facets_standard(const struct pl_facet_ctx *c, cJSON *facets, struct pl_error *err)
{
	add_schema(c, facets);
	add_catalog(c, facets);
	add_identity(c, facets);
	add_documentation(c, facets);
	return pl_facet_quality(c, facets, err);
}
