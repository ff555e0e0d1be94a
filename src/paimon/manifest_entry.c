/* What callers do with decoded manifest entries: deep copies into another
 * arena, display names of enums, the columns statistics cover and the
 * null-count rendering of $files. */
#include "paimon/manifest.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

/* ---- copying and names ------------------------------------------------ */

static void copy_blob(struct pl_arena *a, struct pl_blob *b)
{
	if (b->p)
		b->p = pl_arena_memdup(a, b->p, b->n);
}

static const char *copy_str(struct pl_arena *a, const char *s)
{
	return s ? pl_arena_strdup(a, s) : NULL;
}

static void copy_list(struct pl_arena *a, struct pl_string_list *l)
{
	if (!l->items)
		return;
	const char **items = pl_arena_alloc(a, (l->n ? l->n : 1) * sizeof(char *));
	for (uint32_t k = 0; k < l->n; k++)
		items[k] = pl_arena_strdup(a, l->items[k]);
	l->items = items;
}

static void copy_stats(struct pl_arena *a, struct pl_simple_stats *s)
{
	copy_blob(a, &s->min_values);
	copy_blob(a, &s->max_values);
	if (s->null_counts)
		s->null_counts = pl_arena_memdup(a, s->null_counts,
						 (s->n_null_counts ? s->n_null_counts : 1) *
							 sizeof(int64_t));
}

void pl_manifest_entry_copy(struct pl_arena *arena, struct pl_manifest_entry *dst,
			    const struct pl_manifest_entry *src)
{
	*dst = *src;
	struct pl_data_file_meta *f = &dst->file;
	copy_blob(arena, &dst->partition);
	f->file_name = copy_str(arena, f->file_name);
	copy_blob(arena, &f->min_key);
	copy_blob(arena, &f->max_key);
	copy_stats(arena, &f->key_stats);
	copy_stats(arena, &f->value_stats);
	copy_list(arena, &f->extra_files);
	copy_blob(arena, &f->embedded_index);
	copy_list(arena, &f->value_stats_cols);
	f->external_path = copy_str(arena, f->external_path);
	copy_list(arena, &f->write_cols);
	if (f->write_cols_sequences)
		f->write_cols_sequences =
			pl_arena_memdup(arena, f->write_cols_sequences,
					(f->n_write_cols_sequences ? f->n_write_cols_sequences : 1) *
						sizeof(int64_t));
}

const char *pl_file_kind_name(int32_t kind)
{
	return kind == PL_FILE_ADD ? "ADD" : kind == PL_FILE_DELETE ? "DELETE" : "?";
}

const char *pl_file_source_name(int32_t source)
{
	return source == PL_SOURCE_APPEND ? "APPEND" : source == PL_SOURCE_COMPACT ? "COMPACT" : NULL;
}

size_t pl_value_stats_columns(const struct pl_data_file_meta *f, const char *const *schema_fields,
			      size_t n_schema_fields, const char *const **out)
{
	if (f->value_stats_cols.present) {
		*out = f->value_stats_cols.items;
		return f->value_stats_cols.n;
	}
	if (f->write_cols.present) {
		*out = f->write_cols.items;
		return f->write_cols.n;
	}
	*out = schema_fields;
	return n_schema_fields;
}

void pl_render_null_counts(const char *const *names, const int32_t *fields, size_t n,
			   const struct pl_simple_stats *stats, int64_t absent_count,
			   struct pl_strbuf *sb)
{
	size_t *idx = pl_calloc(n ? n : 1, sizeof(*idx));
	/* insertion sort by name: a handful of columns */
	for (size_t k = 0; k < n; k++) {
		size_t j = k;
		while (j > 0 && strcmp(names[idx[j - 1]], names[k]) > 0) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = k;
	}
	pl_strbuf_addch(sb, '{');
	for (size_t k = 0; k < n; k++) {
		size_t c = idx[k];
		if (k)
			pl_strbuf_addstr(sb, ", ");
		pl_strbuf_addf(sb, "%s=", names[c]);
		int64_t v = PL_NULL_COUNT_UNKNOWN;
		if (fields[c] < 0)
			v = absent_count;
		else if ((uint32_t)fields[c] < stats->n_null_counts)
			v = stats->null_counts[fields[c]];
		if (v == PL_NULL_COUNT_UNKNOWN)
			pl_strbuf_addstr(sb, "null");
		else
			pl_strbuf_addf(sb, "%" PRId64, v);
	}
	pl_strbuf_addch(sb, '}');
	free(idx);
}
