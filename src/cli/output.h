/* Rendering a rowset for the batch CLI: an aligned text table for people,
 * one JSON document for scripts. */
#ifndef PL_CLI_OUTPUT_H
#define PL_CLI_OUTPUT_H

#include <stdint.h>
#include <stdio.h>

#include "paimon/rowset.h"
#include "util/strbuf.h"

/* Aligned columns with a header; single-object rowsets print as
 * "key  value" lines. Strings are sanitised for the terminal. Returns 0,
 * or -1 when writing failed. */
int pl_output_text(FILE *out, const struct pl_rowset *rs);
/* A JSON array of row objects (one object for single-object rowsets),
 * keys = column names, int64 exact, times as epoch milliseconds. */
int pl_output_json(FILE *out, const struct pl_rowset *rs);

/* Cell text as the text table shows it (no sanitising). */
void pl_output_cell_text(struct pl_strbuf *sb, const struct pl_rowset *rs, size_t row,
			 size_t col);
/* "2024-09-06 13:26:39.550": local zone, or as is for wall-clock times. */
void pl_output_format_time(struct pl_strbuf *sb, int64_t ms, int wall_clock);
/* Terminal columns taken by UTF-8 text (wide East Asian characters count
 * two, combining marks zero). */
size_t pl_display_width(const char *s, size_t n);

#endif
