/* The facet builders of the governance record (not for use outside
 * src/collect/). Each adds one facet to the facets object, or nothing when
 * the table has nothing to say (documentation without a comment). */
#ifndef PL_COLLECT_FACETS_H
#define PL_COLLECT_FACETS_H

#include <cjson/cJSON.h>

#include "collect/export.h"
#include "collect/health.h"
#include "collect/table_meta.h"
#include "util/err.h"

#define PL_OL_FACETS "https://openlineage.io/spec/facets/"
#define PL_LENS_FACETS "https://paimon-lens.dev/spec/facets/1-0-0/"

struct pl_facet_ctx {
	const struct pl_cm_table *t;
	const char *producer;
	const char *database;
	const char *table;
	const char *warehouse_uri;
	const char *file_system;
	const struct pl_export_options *o;
	size_t max_items;
	const struct pl_health_report *health;   /* NULL: no findings */
};

/* A facet object for PL_LENS_FACETS "<Name>.json#/$defs/<Name>". */
cJSON *pl_facet_lens(const struct pl_facet_ctx *c, const char *name);
/* For PL_OL_FACETS "<version>/<Name>.json#/$defs/<Name>". */
cJSON *pl_facet_ol(const struct pl_facet_ctx *c, const char *version, const char *name);

/* Standard OpenLineage facets (facets_std.c). */
int pl_facets_standard(const struct pl_facet_ctx *c, cJSON *facets, struct pl_error *err);
/* Column metrics from file statistics (facets_metrics.c). */
int pl_facet_quality(const struct pl_facet_ctx *c, cJSON *facets, struct pl_error *err);
/* paimonLens_table, _schemaHistory, _lifecycle (facets_table.c). */
int pl_facets_table(const struct pl_facet_ctx *c, cJSON *facets, struct pl_error *err);
/* paimonLens_partitions, _snapshots, _refs, _storage (facets_state.c). */
int pl_facets_state(const struct pl_facet_ctx *c, cJSON *facets, struct pl_error *err);
/* paimonLens_view (facets_state.c). */
void pl_facet_view(const struct pl_facet_ctx *c, const struct pl_export_view *v,
		   cJSON *facets);

/* Partition renderings shared by the facets: "k=v/k2=v2" and {k: v}. */
int pl_facet_partition(const struct pl_facet_ctx *c, const struct pl_blob *p, char **spec,
		       cJSON **values, struct pl_error *err);

#endif
