#include "paimon/rowset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

struct pl_rowset *pl_rowset_new(const char *name, const struct pl_rowset_col *cols,
				size_t ncols)
{
	struct pl_rowset *rs = pl_calloc(1, sizeof(*rs));
	pl_arena_init(&rs->arena, 0);
	rs->name = pl_arena_strdup(&rs->arena, name);
	rs->ncols = ncols;
	rs->cols = pl_arena_alloc(&rs->arena, (ncols ? ncols : 1) * sizeof(*rs->cols));
	for (size_t i = 0; i < ncols; i++) {
		rs->cols[i] = cols[i];
		rs->cols[i].name = pl_arena_strdup(&rs->arena, cols[i].name);
	}
	rs->cursor = ncols;
	return rs;
}

void pl_rowset_free(struct pl_rowset *rs)
{
	if (!rs)
		return;
	pl_arena_free(&rs->arena);
	free(rs->cells);
	free(rs);
}

size_t pl_rowset_row(struct pl_rowset *rs)
{
	if (rs->nrows + 1 > rs->cap_rows) {
		size_t cap = rs->cap_rows ? rs->cap_rows * 2 : 16;
		rs->cells = pl_reallocarray(rs->cells, cap, (rs->ncols ? rs->ncols : 1) *
					    sizeof(*rs->cells));
		rs->cap_rows = cap;
	}
	struct pl_cell *row = rs->cells + rs->nrows * rs->ncols;
	for (size_t i = 0; i < rs->ncols; i++) {
		memset(&row[i], 0, sizeof(row[i]));
		row[i].is_null = 1;
	}
	rs->cursor = 0;
	return rs->nrows++;
}

/* The cell under the cursor; a view that appends more cells than it has
 * columns is a bug we want to hear about at once, not a garbled table. */
static struct pl_cell *next_cell(struct pl_rowset *rs)
{
	if (rs->nrows == 0 || rs->cursor >= rs->ncols) {
		fprintf(stderr, "paimon-lens: internal error: view %s: too many cells\n",
			rs->name);
		abort();
	}
	struct pl_cell *c = &rs->cells[(rs->nrows - 1) * rs->ncols + rs->cursor++];
	c->is_null = 0;
	return c;
}

void pl_rowset_null(struct pl_rowset *rs)
{
	next_cell(rs)->is_null = 1;
}

void pl_rowset_str(struct pl_rowset *rs, const char *s)
{
	if (!s) {
		pl_rowset_null(rs);
		return;
	}
	next_cell(rs)->u.s = pl_arena_strdup(&rs->arena, s);
}

void pl_rowset_strn(struct pl_rowset *rs, const char *s, size_t n)
{
	if (!s) {
		pl_rowset_null(rs);
		return;
	}
	next_cell(rs)->u.s = pl_arena_strndup(&rs->arena, s, n);
}

void pl_rowset_i64(struct pl_rowset *rs, int64_t v)
{
	next_cell(rs)->u.i = v;
}

void pl_rowset_opt_i64(struct pl_rowset *rs, int present, int64_t v)
{
	if (present)
		pl_rowset_i64(rs, v);
	else
		pl_rowset_null(rs);
}

void pl_rowset_double(struct pl_rowset *rs, double v)
{
	next_cell(rs)->u.d = v;
}

void pl_rowset_bool(struct pl_rowset *rs, int v)
{
	next_cell(rs)->u.b = !!v;
}

void pl_rowset_time(struct pl_rowset *rs, int64_t epoch_ms)
{
	next_cell(rs)->u.i = epoch_ms;
}

void pl_rowset_json(struct pl_rowset *rs, const char *json)
{
	pl_rowset_str(rs, json);
}

const struct pl_cell *pl_rowset_cell(const struct pl_rowset *rs, size_t row, size_t col)
{
	return &rs->cells[row * rs->ncols + col];
}

struct pl_cell *pl_rowset_cell_mut(struct pl_rowset *rs, size_t row, size_t col)
{
	return &rs->cells[row * rs->ncols + col];
}

int pl_rowset_col_index(const struct pl_rowset *rs, const char *name)
{
	for (size_t i = 0; i < rs->ncols; i++)
		if (strcmp(rs->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *pl_col_kind_name(enum pl_col_kind kind)
{
	switch (kind) {
	case PL_COL_STRING: return "string";
	case PL_COL_INT64: return "int64";
	case PL_COL_DOUBLE: return "double";
	case PL_COL_BOOL: return "bool";
	case PL_COL_TIME: return "time";
	case PL_COL_JSON: return "json";
	}
	return "?";
}

int pl_rowset_cmp_col(const struct pl_rowset *rs, size_t a, size_t b, size_t col)
{
	const struct pl_cell *x = pl_rowset_cell(rs, a, col);
	const struct pl_cell *y = pl_rowset_cell(rs, b, col);
	if (x->is_null || y->is_null)
		return y->is_null - x->is_null;
	switch (rs->cols[col].kind) {
	case PL_COL_STRING:
	case PL_COL_JSON:
		return strcmp(x->u.s, y->u.s);
	case PL_COL_INT64:
	case PL_COL_TIME:
		return (x->u.i > y->u.i) - (x->u.i < y->u.i);
	case PL_COL_DOUBLE:
		return (x->u.d > y->u.d) - (x->u.d < y->u.d);
	case PL_COL_BOOL:
		return x->u.b - y->u.b;
	}
	return 0;
}

struct sort_ctx {
	const struct pl_rowset *rs;
	pl_rowset_cmp_fn cmp;
	void *ctx;
};

/* Stable merge sort of row indexes (qsort is not stable). */
static void merge_sort(size_t *idx, size_t *tmp, size_t n, const struct sort_ctx *sc)
{
	if (n < 2)
		return;
	size_t mid = n / 2;
	merge_sort(idx, tmp, mid, sc);
	merge_sort(idx + mid, tmp, n - mid, sc);
	size_t i = 0, j = mid, k = 0;
	while (i < mid && j < n) {
		if (sc->cmp(sc->rs, idx[j], idx[i], sc->ctx) < 0)
			tmp[k++] = idx[j++];
		else
			tmp[k++] = idx[i++];
	}
	while (i < mid)
		tmp[k++] = idx[i++];
	while (j < n)
		tmp[k++] = idx[j++];
	memcpy(idx, tmp, n * sizeof(*idx));
}

void pl_rowset_sort(struct pl_rowset *rs, pl_rowset_cmp_fn cmp, void *ctx)
{
	if (rs->nrows < 2 || rs->ncols == 0)
		return;
	size_t *idx = pl_reallocarray(NULL, rs->nrows, sizeof(*idx));
	size_t *tmp = pl_reallocarray(NULL, rs->nrows, sizeof(*tmp));
	for (size_t i = 0; i < rs->nrows; i++)
		idx[i] = i;
	struct sort_ctx sc = { rs, cmp, ctx };
	merge_sort(idx, tmp, rs->nrows, &sc);
	struct pl_cell *cells = pl_reallocarray(NULL, rs->cap_rows, rs->ncols * sizeof(*cells));
	for (size_t i = 0; i < rs->nrows; i++)
		memcpy(cells + i * rs->ncols, rs->cells + idx[i] * rs->ncols,
		       rs->ncols * sizeof(*cells));
	free(rs->cells);
	rs->cells = cells;
	free(idx);
	free(tmp);
}
