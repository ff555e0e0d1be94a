/* Detail pages: one row of any view turned into key/value lines, so a
 * file's per-column statistics, a manifest or a long path can be read in
 * full. For a data file the three statistics maps of the files view
 * ({col=value, ...}, decoded by the reader with the schema the file was
 * written with) become one line per column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "util/alloc.h"

struct stat_entry {
	char *column;
	const char *value[3];      /* nulls, min, max */
};

/* Splits "{a=1, b=x}" in place. Values holding ", " are cut there: the
 * map text has no quoting, so the split is best effort for display. */
static size_t split_map(char *text, char **keys, char **values, size_t max)
{
	size_t n = 0;
	size_t len = strlen(text);
	if (len < 2 || text[0] != '{' || text[len - 1] != '}')
		return 0;
	text[len - 1] = '\0';
	char *p = text + 1;
	while (*p && n < max) {
		char *end = strstr(p, ", ");
		if (end)
			*end = '\0';
		char *eq = strchr(p, '=');
		if (eq) {
			*eq = '\0';
			keys[n] = p;
			values[n++] = eq + 1;
		}
		if (!end)
			break;
		p = end + 2;
	}
	return n;
}

#define MAX_STAT_COLS 4096

static void add_stat_rows(struct pl_rowset *out, const struct table_widget *tw, size_t row)
{
	static const char *const maps[3] = { "null_value_counts", "min_value_stats",
					     "max_value_stats" };
	struct stat_entry *entries = pl_calloc(MAX_STAT_COLS, sizeof(*entries));
	char *texts[3] = { NULL, NULL, NULL };
	char **keys = pl_calloc(MAX_STAT_COLS, sizeof(*keys));
	char **values = pl_calloc(MAX_STAT_COLS, sizeof(*values));
	size_t n = 0;
	for (int m = 0; m < 3; m++) {
		int c = pl_rowset_col_index(tw->rs, maps[m]);
		const struct pl_cell *cell = c >= 0 ? pl_rowset_cell(tw->rs, row, (size_t)c) : NULL;
		if (!cell || cell->is_null)
			continue;
		texts[m] = pl_strdup(cell->u.s);
		size_t k = split_map(texts[m], keys, values, MAX_STAT_COLS);
		for (size_t i = 0; i < k; i++) {
			size_t e = 0;
			while (e < n && strcmp(entries[e].column, keys[i]) != 0)
				e++;
			if (e == n) {
				if (n == MAX_STAT_COLS)
					continue;
				entries[n++].column = keys[i];
			}
			entries[e].value[m] = values[i];
		}
	}
	for (size_t e = 0; e < n; e++) {
		char line[1024];
		snprintf(line, sizeof(line), "nulls %s  min %s  max %s",
			 entries[e].value[0] ? entries[e].value[0] : "?",
			 entries[e].value[1] ? entries[e].value[1] : "?",
			 entries[e].value[2] ? entries[e].value[2] : "?");
		char key[512];
		snprintf(key, sizeof(key), "column %s", entries[e].column);
		pl_rowset_row(out);
		pl_rowset_str(out, key);
		pl_rowset_str(out, line);
	}
	for (int m = 0; m < 3; m++)
		free(texts[m]);
	free(entries);
	free(keys);
	free(values);
}

void open_row_detail(struct app *a, struct page *p)
{
	long row = tw_current(&p->tw);
	if (row < 0)
		return;
	char title[256];
	const char *what = p->kind == PAGE_TABLE ? p->view : p->title;
	int fc = pl_rowset_col_index(p->tw.rs, "file_name");
	if (fc < 0)
		fc = pl_rowset_col_index(p->tw.rs, "file_path");
	if (fc >= 0)
		snprintf(title, sizeof(title), "%s %s", what,
			 pl_path_base(tw_cell(&p->tw, (size_t)row, (size_t)fc)));
	else
		snprintf(title, sizeof(title), "%s row %ld", what, row + 1);
	struct pl_rowset *rs = transpose_row(p->tw.rs, (size_t)row, "detail");
	if (pl_rowset_col_index(p->tw.rs, "min_value_stats") >= 0)
		add_stat_rows(rs, &p->tw, (size_t)row);
	struct page *d = page_new(PAGE_DETAIL, title, rs);
	/* The detail page is where long values are read whole. */
	tw_set_max_width(&d->tw, 4096);
	app_push(a, d);
}
