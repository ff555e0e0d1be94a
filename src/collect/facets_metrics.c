/* dataQualityMetrics: sizes and counts of the live files, and per-column
 * null counts and numeric min/max folded from the files' value statistics
 * (format-manifests.md §5). Statistics are best effort: a column some live
 * file has no statistics for gets no min/max (or no nullCount) rather than
 * a wrong one, and a statistics row that does not decode does the same. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "collect/facets.h"
#include "collect/record.h"
#include "paimon/binrow.h"
#include "util/alloc.h"

struct column_metric {
	const struct pl_dfield *field;   /* of the current schema */
	int numeric;
	int null_known;                  /* every file had a count */
	int64_t null_count;
	int range_known;                 /* every file had min and max */
	int any_range;
	double min, max;
};

static int is_numeric(const struct pl_dtype *t)
{
	switch (t->root) {
	case PL_T_TINYINT:
	case PL_T_SMALLINT:
	case PL_T_INTEGER:
	case PL_T_BIGINT:
	case PL_T_FLOAT:
	case PL_T_DOUBLE:
	case PL_T_DECIMAL:
		return 1;
	default:
		return 0;
	}
}

static int datum_number(const struct pl_datum *d, const struct pl_dtype *t, double *out)
{
	switch (d->kind) {
	case PL_D_INT:
		*out = (double)d->i;
		return 0;
	case PL_D_FLOAT:
	case PL_D_DOUBLE:
		if (!isfinite(d->d))
			return -1;
		*out = d->d;
		return 0;
	case PL_D_DECIMAL:
		if (!d->compact_decimal)
			return -1;
		*out = (double)d->i / pow(10, t->scale);
		return 0;
	default:
		return -1;
	}
}

static const struct pl_schema *schema_by_id(const struct pl_cm_table *t, int64_t id)
{
	for (size_t i = 0; i < t->nschemas; i++)
		if (t->schemas[i]->id == id)
			return t->schemas[i];
	return NULL;
}

static void fold_file(const struct pl_cm_table *t, const struct pl_data_file_meta *f,
		      struct column_metric *m, size_t nm)
{
	const struct pl_schema *fs = schema_by_id(t, f->schema_id);
	int *seen = pl_calloc(nm ? nm : 1, sizeof(*seen));
	if (!fs)
		goto done;
	const char **names = pl_calloc(fs->nfields ? fs->nfields : 1, sizeof(*names));
	for (size_t i = 0; i < fs->nfields; i++)
		names[i] = fs->fields[i].name;
	const char *const *cols;
	size_t ncols = pl_value_stats_columns(f, names, fs->nfields, &cols);
	const struct pl_simple_stats *vs = &f->value_stats;
	struct pl_binrow rmin, rmax;
	struct pl_error err;
	int have_min = vs->min_values.p &&
		       !pl_binrow_open(vs->min_values.p, vs->min_values.n, NULL, 0, &rmin, &err) &&
		       (size_t)rmin.arity == ncols;
	int have_max = vs->max_values.p &&
		       !pl_binrow_open(vs->max_values.p, vs->max_values.n, NULL, 0, &rmax, &err) &&
		       (size_t)rmax.arity == ncols;
	for (size_t k = 0; k < ncols; k++) {
		const struct pl_dfield *ff = pl_schema_field_by_name(fs, cols[k]);
		if (!ff)
			continue;
		size_t j;
		for (j = 0; j < nm && m[j].field->id != ff->id; j++)
			;
		if (j == nm)
			continue;
		seen[j] = 1;
		struct column_metric *cm = &m[j];
		if (vs->has_null_counts && k < vs->n_null_counts &&
		    vs->null_counts[k] != PL_NULL_COUNT_UNKNOWN)
			cm->null_count += vs->null_counts[k];
		else
			cm->null_known = 0;
		if (!cm->numeric || !cm->range_known)
			continue;
		/* All-null columns have null min and max: nothing to fold. */
		if (!vs->has_null_counts || k >= vs->n_null_counts ||
		    vs->null_counts[k] != f->row_count) {
			struct pl_datum dmin, dmax;
			double lo, hi;
			if (!have_min || !have_max || !is_numeric(ff->type) ||
			    pl_binrow_get(&rmin, (int32_t)k, ff->type, &dmin, &err) ||
			    pl_binrow_get(&rmax, (int32_t)k, ff->type, &dmax, &err) ||
			    datum_number(&dmin, ff->type, &lo) || datum_number(&dmax, ff->type, &hi)) {
				cm->range_known = 0;
				continue;
			}
			if (!cm->any_range || lo < cm->min)
				cm->min = lo;
			if (!cm->any_range || hi > cm->max)
				cm->max = hi;
			cm->any_range = 1;
		}
	}
	free(names);
done:
	/* A column the file has no statistics for leaves the sums unknown. */
	for (size_t j = 0; j < nm; j++) {
		if (!seen[j]) {
			m[j].null_known = 0;
			m[j].range_known = 0;
		}
	}
	free(seen);
}

static cJSON *number(double v)
{
	/* Integral values print without a fraction, exactly, up to 2^53. */
	if (v == floor(v) && fabs(v) < 9007199254740992.0)
		return pl_record_i64((int64_t)v);
	return cJSON_CreateNumber(v);
}

/* Statistics are decoded from the manifests as the live files are walked. */
struct fold_ctx {
	const struct pl_cm_table *t;
	struct column_metric *m;
	size_t nm;
};

static int fold_entry(void *ctx, size_t i, const struct pl_manifest_entry *e,
		      struct pl_error *err)
{
	const struct fold_ctx *fc = ctx;
	(void)i;
	(void)err;
	fold_file(fc->t, &e->file, fc->m, fc->nm);
	return 0;
}

int pl_facet_quality(const struct pl_facet_ctx *c, cJSON *facets, struct pl_error *err)
{
	const struct pl_cm_table *t = c->t;
	const struct pl_schema *s = t->schema;
	cJSON *f = pl_facet_ol(c, "1-0-0", "DataQualityMetricsDatasetFacet");
	const struct pl_fileset *fs = t->fs;
	pl_record_add_i64(f, "rowCount", fs ? fs->total_record_count : 0);
	pl_record_add_i64(f, "bytes", fs ? fs->total_file_size : 0);
	pl_record_add_i64(f, "fileCount", fs ? (int64_t)fs->n_files : 0);
	if (t->snap)
		pl_record_add_time(f, "lastUpdated", t->snap->time_millis);
	cJSON *metrics = cJSON_AddObjectToObject(f, "columnMetrics");
	size_t nm = s->nfields;
	struct column_metric *m = pl_calloc(nm ? nm : 1, sizeof(*m));
	for (size_t i = 0; i < nm; i++) {
		m[i].field = &s->fields[i];
		m[i].numeric = is_numeric(s->fields[i].type);
		m[i].null_known = 1;
		m[i].range_known = 1;
	}
	struct fold_ctx fc = { t, m, nm };
	if (fs && pl_fileset_each_entry(fs, fold_entry, &fc, err)) {
		free(m);
		cJSON_Delete(f);
		return -1;
	}
	for (size_t i = 0; fs && fs->n_files && i < nm; i++) {
		cJSON *o = cJSON_CreateObject();
		if (m[i].null_known)
			pl_record_add_i64(o, "nullCount", m[i].null_count);
		if (m[i].numeric && m[i].range_known && m[i].any_range) {
			cJSON_AddItemToObject(o, "min", number(m[i].min));
			cJSON_AddItemToObject(o, "max", number(m[i].max));
		}
		cJSON_AddItemToObject(metrics, m[i].field->name, o);
	}
	free(m);
	cJSON_AddItemToObject(facets, "dataQualityMetrics", f);
	return 0;
}
