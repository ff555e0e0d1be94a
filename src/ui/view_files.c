/* Detail pages: one row of any view turned into key/value lines, so a
 * file's per-column statistics, a manifest or a long path can be read in
 * full. */
#include <stdio.h>
#include <string.h>

#include "ui/app.h"

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
		snprintf(title, sizeof(title), "%s %s", what, tw_cell(&p->tw, (size_t)row, (size_t)fc));
	else
		snprintf(title, sizeof(title), "%s row %ld", what, row + 1);
	struct pl_rowset *rs = transpose_row(p->tw.rs, (size_t)row, "detail");
	app_push(a, page_new(PAGE_DETAIL, title, rs));
}
