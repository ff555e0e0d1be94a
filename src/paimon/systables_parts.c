/* $partitions, $buckets and $table_indexes (format-manifests.md §7.3 -
 * §7.5): sums kept by the live file set, and the index manifest. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/systables_internal.h"
#include "util/alloc.h"

#define N_COLS(a) (sizeof(a) / sizeof((a)[0]))

static const struct pl_rowset_col partition_cols[] = {
	{ "partition", PL_COL_STRING, 0 },
	{ "record_count", PL_COL_INT64, 0 },
	{ "file_size_in_bytes", PL_COL_INT64, 0 },
	{ "file_count", PL_COL_INT64, 0 },
	{ "last_update_time", PL_COL_TIME, PL_COLF_WALL_CLOCK },
	{ "total_buckets", PL_COL_INT64, 0 },
	{ "deleted_record_count", PL_COL_INT64, 0 },
	{ "partition_values", PL_COL_JSON, PL_COLF_JSON_ONLY },
};

static int by_partition_then_bucket(const struct pl_rowset *rs, size_t a, size_t b, void *ctx)
{
	int bucket_col = *(const int *)ctx;
	int c = pl_rowset_cmp_col(rs, a, b, 0);
	if (c || bucket_col < 0)
		return c;
	return pl_rowset_cmp_col(rs, a, b, (size_t)bucket_col);
}

int pl_st_view_partitions(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err)
{
	const struct pl_fileset *fs;
	if (pl_st_fileset(t, &fs, err))
		return -1;
	struct pl_rowset *rs = pl_rowset_new("partitions", partition_cols, N_COLS(partition_cols));
	struct pl_strbuf sb = PL_STRBUF_INIT;
	for (size_t i = 0; fs && i < fs->n_partitions; i++) {
		const struct pl_partition_stat *p = &fs->partitions[i];
		pl_rowset_row(rs);
		pl_strbuf_reset(&sb);
		if (pl_st_partition_spec(t, &p->partition, &sb, err))
			goto fail;
		pl_rowset_str(rs, sb.buf ? sb.buf : "");
		pl_rowset_i64(rs, p->record_count);
		pl_rowset_i64(rs, p->file_size);
		pl_rowset_i64(rs, p->file_count);
		if (p->last_update_time.present)
			pl_rowset_time(rs, p->last_update_time.v);
		else
			pl_rowset_null(rs);
		pl_rowset_i64(rs, p->total_buckets);
		pl_rowset_opt_i64(rs, p->deleted_record_count.present, p->deleted_record_count.v);
		pl_strbuf_reset(&sb);
		if (pl_st_partition_values(t, &p->partition, &sb, err))
			goto fail;
		pl_rowset_json(rs, sb.buf);
	}
	pl_strbuf_free(&sb);
	int none = -1;
	pl_rowset_sort(rs, by_partition_then_bucket, &none);
	*out = rs;
	return 0;
fail:
	pl_strbuf_free(&sb);
	pl_rowset_free(rs);
	return -1;
}

static const struct pl_rowset_col bucket_cols[] = {
	{ "partition", PL_COL_STRING, 0 },
	{ "bucket", PL_COL_INT64, 0 },
	{ "record_count", PL_COL_INT64, 0 },
	{ "file_size_in_bytes", PL_COL_INT64, 0 },
	{ "file_count", PL_COL_INT64, 0 },
	{ "last_update_time", PL_COL_TIME, PL_COLF_WALL_CLOCK },
	{ "partition_values", PL_COL_JSON, PL_COLF_JSON_ONLY },
};

int pl_st_view_buckets(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err)
{
	const struct pl_fileset *fs;
	if (pl_st_fileset(t, &fs, err))
		return -1;
	struct pl_rowset *rs = pl_rowset_new("buckets", bucket_cols, N_COLS(bucket_cols));
	struct pl_strbuf sb = PL_STRBUF_INIT;
	for (size_t i = 0; fs && i < fs->n_buckets; i++) {
		const struct pl_bucket_stat *b = &fs->buckets[i];
		pl_rowset_row(rs);
		pl_strbuf_reset(&sb);
		if (pl_st_partition_cast(t, &b->partition, &sb, err))
			goto fail;
		pl_rowset_str(rs, sb.buf);
		pl_rowset_i64(rs, b->bucket);
		pl_rowset_i64(rs, b->record_count);
		pl_rowset_i64(rs, b->file_size);
		pl_rowset_i64(rs, b->file_count);
		if (b->last_update_time.present)
			pl_rowset_time(rs, b->last_update_time.v);
		else
			pl_rowset_null(rs);
		pl_strbuf_reset(&sb);
		if (pl_st_partition_values(t, &b->partition, &sb, err))
			goto fail;
		pl_rowset_json(rs, sb.buf);
	}
	pl_strbuf_free(&sb);
	int bucket_col = 1;
	pl_rowset_sort(rs, by_partition_then_bucket, &bucket_col);
	*out = rs;
	return 0;
fail:
	pl_strbuf_free(&sb);
	pl_rowset_free(rs);
	return -1;
}

static const struct pl_rowset_col index_cols[] = {
	{ "partition", PL_COL_STRING, 0 },
	{ "bucket", PL_COL_INT64, 0 },
	{ "index_type", PL_COL_STRING, 0 },
	{ "file_name", PL_COL_STRING, 0 },
	{ "file_size", PL_COL_INT64, 0 },
	{ "row_count", PL_COL_INT64, 0 },
	{ "dv_ranges", PL_COL_JSON, 0 },
	{ "row_range_start", PL_COL_INT64, 0 },
	{ "row_range_end", PL_COL_INT64, 0 },
	{ "index_field_id", PL_COL_INT64, 0 },
	{ "index_field_name", PL_COL_STRING, 0 },
	{ "partition_values", PL_COL_JSON, PL_COLF_JSON_ONLY },
};

static void dv_ranges_json(struct pl_strbuf *sb, const struct pl_index_manifest_entry *e)
{
	pl_strbuf_addch(sb, '[');
	for (uint32_t i = 0; i < e->n_dv_ranges; i++) {
		const struct pl_dv_range *r = &e->dv_ranges[i];
		if (i)
			pl_strbuf_addch(sb, ',');
		pl_strbuf_addstr(sb, "{\"f0\":");
		pl_json_add_string(sb, r->data_file ? r->data_file : "");
		pl_strbuf_addf(sb, ",\"f1\":%" PRId32 ",\"f2\":%" PRId32 ",\"_CARDINALITY\":",
			       r->offset, r->length);
		if (r->cardinality.present)
			pl_strbuf_addf(sb, "%" PRId64 "}", r->cardinality.v);
		else
			pl_strbuf_addstr(sb, "null}");
	}
	pl_strbuf_addch(sb, ']');
}

/* Names of the indexed field and the extra fields in the current schema,
 * joined by ','; NULL when one does not resolve. */
static const char *index_field_names(struct pl_systables *t, const struct pl_global_index_meta *g,
				     struct pl_strbuf *sb)
{
	const struct pl_dfield *f = pl_schema_field_by_id(t->schema, g->index_field_id);
	if (!f)
		return NULL;
	pl_strbuf_reset(sb);
	pl_strbuf_addstr(sb, f->name);
	for (uint32_t i = 0; g->has_extra_field_ids && i < g->n_extra_field_ids; i++) {
		f = pl_schema_field_by_id(t->schema, g->extra_field_ids[i]);
		if (!f)
			return NULL;
		pl_strbuf_addf(sb, ",%s", f->name);
	}
	return sb->buf;
}

int pl_st_view_indexes(struct pl_systables *t, struct pl_rowset **out, struct pl_error *err)
{
	const struct pl_fileset *fs;
	if (pl_st_fileset(t, &fs, err))
		return -1;
	struct pl_rowset *rs = pl_rowset_new("indexes", index_cols, N_COLS(index_cols));
	struct pl_strbuf sb = PL_STRBUF_INIT;
	for (size_t i = 0; fs && i < fs->index.n; i++) {
		const struct pl_index_manifest_entry *e = &fs->index.items[i];
		pl_rowset_row(rs);
		pl_strbuf_reset(&sb);
		if (pl_st_partition_cast(t, &e->partition, &sb, err))
			goto fail;
		pl_rowset_str(rs, sb.buf);
		pl_rowset_i64(rs, e->bucket);
		pl_rowset_str(rs, e->index_type);
		pl_rowset_str(rs, e->file_name);
		pl_rowset_i64(rs, e->file_size);
		pl_rowset_i64(rs, e->row_count);
		if (e->has_dv_ranges) {
			pl_strbuf_reset(&sb);
			dv_ranges_json(&sb, e);
			pl_rowset_json(rs, sb.buf);
		} else {
			pl_rowset_null(rs);
		}
		const struct pl_global_index_meta *g = &e->global_index;
		pl_rowset_opt_i64(rs, g->present, g->row_range_start);
		pl_rowset_opt_i64(rs, g->present, g->row_range_end);
		pl_rowset_opt_i64(rs, g->present, g->index_field_id);
		pl_rowset_str(rs, g->present ? index_field_names(t, g, &sb) : NULL);
		pl_strbuf_reset(&sb);
		if (pl_st_partition_values(t, &e->partition, &sb, err))
			goto fail;
		pl_rowset_json(rs, sb.buf);
	}
	pl_strbuf_free(&sb);
	*out = rs;
	return 0;
fail:
	pl_strbuf_free(&sb);
	pl_rowset_free(rs);
	return -1;
}
