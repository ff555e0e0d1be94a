/* Health findings into the paimonLens_storage facet. */
#include <math.h>

#include "collect/health_facet.h"
#include "collect/record.h"
#include "util/strbuf.h"

static cJSON *file_list(const struct pl_health_report *r, int64_t count, int64_t bytes,
			const char *const *paths, size_t npaths, size_t max_items)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddTrueToObject(o, "scanned");
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_record_iso_duration(&sb, r->older_than_ms);
	cJSON_AddStringToObject(o, "olderThan", sb.buf);
	pl_strbuf_free(&sb);
	pl_record_add_i64(o, "count", count);
	pl_record_add_i64(o, "bytes", bytes);
	size_t n = npaths < max_items ? npaths : max_items;
	cJSON_AddBoolToObject(o, "truncated", (int64_t)n < count);
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(items, cJSON_CreateString(paths[i]));
	return o;
}

void pl_health_fill_storage_facet(const struct pl_health_report *r, cJSON *facet,
				  size_t max_items)
{
	if (r->orphans_scanned) {
		cJSON_DeleteItemFromObject(facet, "orphanCandidates");
		cJSON_DeleteItemFromObject(facet, "missingFiles");
		cJSON_AddItemToObject(facet, "orphanCandidates",
				      file_list(r, r->orphan_count, r->orphan_bytes,
						r->orphan_paths, r->n_orphan_paths, max_items));
		cJSON_AddItemToObject(facet, "missingFiles",
				      file_list(r, r->missing_count, r->missing_bytes,
						r->missing_paths, r->n_missing_paths, max_items));
	}
	cJSON_DeleteItemFromObject(facet, "findings");
	cJSON *arr = cJSON_AddArrayToObject(facet, "findings");
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct pl_health_finding *f = &r->findings[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "check", f->check);
		cJSON_AddStringToObject(o, "severity", pl_health_severity_name(f->severity));
		if (isfinite(f->value))
			cJSON_AddNumberToObject(o, "value", f->value);
		cJSON_AddStringToObject(o, "hint", f->hint);
		if (f->details)
			cJSON_AddStringToObject(o, "details", f->details);
		cJSON_AddItemToArray(arr, o);
	}
}
