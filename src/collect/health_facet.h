/* The health report in the export's paimonLens_storage facet
 * (doc/spec/facets/PaimonLensStorageDatasetFacet.json): orphanCandidates,
 * missingFiles and findings. */
#ifndef PL_COLLECT_HEALTH_FACET_H
#define PL_COLLECT_HEALTH_FACET_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "collect/health.h"

/* Replaces orphanCandidates and missingFiles of facet (scanned true with
 * olderThan, count, bytes, items capped at max_items, truncated) when the
 * orphan check ran, and sets findings. */
void pl_health_fill_storage_facet(const struct pl_health_report *r, cJSON *facet,
				  size_t max_items);

#endif
