/* A generic result table: the form every system-table view takes, so that
 * the batch CLI, the browser and the governance export render the same
 * data. Named columns with a kind, rows of cells, everything owned by one
 * arena. Column order is the contract order and never changes at run time.
 *
 * Views fill rows cell by cell in column order:
 *	pl_rowset_row(rs);
 *	pl_rowset_i64(rs, id);
 *	pl_rowset_str(rs, name);
 *	pl_rowset_null(rs);
 * and writers read them back with pl_rowset_cell. */
#ifndef PL_PAIMON_ROWSET_H
#define PL_PAIMON_ROWSET_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

enum pl_col_kind {
	PL_COL_STRING,
	PL_COL_INT64,
	PL_COL_DOUBLE,
	PL_COL_BOOL,
	PL_COL_TIME,       /* epoch milliseconds */
	PL_COL_JSON,       /* pre-rendered JSON text (an object, array, ...) */
};

/* Column flags. */
enum {
	/* A time that is already a wall-clock reading (Paimon's
	 * _CREATION_TIME, tagCreateTime): shown without zone conversion. */
	PL_COLF_WALL_CLOCK = 1 << 0,
	/* Only in machine output (partition_values repeats partition). */
	PL_COLF_JSON_ONLY = 1 << 1,
};

struct pl_rowset_col {
	const char *name;
	enum pl_col_kind kind;
	unsigned flags;
};

struct pl_cell {
	int is_null;
	union {
		const char *s;     /* STRING, JSON: NUL-terminated UTF-8 */
		int64_t i;         /* INT64, TIME */
		double d;
		int b;
	} u;
};

struct pl_rowset {
	struct pl_arena arena;    /* owns names, strings */
	const char *name;         /* view name, e.g. "snapshots" */
	size_t ncols;
	struct pl_rowset_col *cols;
	size_t nrows;
	struct pl_cell *cells;    /* nrows * ncols, row-major */
	size_t cap_rows;
	size_t cursor;            /* next column of the last row */
	/* One object rather than rows (overview): writers print the single
	 * row as an object. */
	int single_object;
};

/* Copies the column descriptions (names included). */
struct pl_rowset *pl_rowset_new(const char *name, const struct pl_rowset_col *cols,
				size_t ncols);
void pl_rowset_free(struct pl_rowset *rs);

/* Starts a new row of null cells; the cursor goes to column 0. */
size_t pl_rowset_row(struct pl_rowset *rs);
/* Cell appenders: set the cursor's cell and move right. Appending past the
 * last column is a programming error (abort). */
void pl_rowset_null(struct pl_rowset *rs);
void pl_rowset_str(struct pl_rowset *rs, const char *s);           /* NULL -> null */
void pl_rowset_strn(struct pl_rowset *rs, const char *s, size_t n);
void pl_rowset_i64(struct pl_rowset *rs, int64_t v);
void pl_rowset_opt_i64(struct pl_rowset *rs, int present, int64_t v);
void pl_rowset_double(struct pl_rowset *rs, double v);
void pl_rowset_bool(struct pl_rowset *rs, int v);
void pl_rowset_time(struct pl_rowset *rs, int64_t epoch_ms);
void pl_rowset_json(struct pl_rowset *rs, const char *json);      /* NULL -> null */

const struct pl_cell *pl_rowset_cell(const struct pl_rowset *rs, size_t row, size_t col);
struct pl_cell *pl_rowset_cell_mut(struct pl_rowset *rs, size_t row, size_t col);
/* Column index by name or -1. */
int pl_rowset_col_index(const struct pl_rowset *rs, const char *name);
const char *pl_col_kind_name(enum pl_col_kind kind);

/* Sorts rows with a comparator over row indexes (stable). */
typedef int (*pl_rowset_cmp_fn)(const struct pl_rowset *rs, size_t a, size_t b, void *ctx);
void pl_rowset_sort(struct pl_rowset *rs, pl_rowset_cmp_fn cmp, void *ctx);
/* Comparator helper: by one column (strings bytewise, numbers by value,
 * null first). */
int pl_rowset_cmp_col(const struct pl_rowset *rs, size_t a, size_t b, size_t col);

#endif
