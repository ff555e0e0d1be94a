/* Snapshots: the chart of record and file counts, the diff of two snapshots' live file
 * sets, and :watch, which follows a table live through its LATEST hint. */
#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/app.h"
#include "util/alloc.h"
#include "util/strbuf.h"

static int64_t cell_i64(const struct pl_rowset *rs, size_t row, int col, int *ok)
{
	const struct pl_cell *c = col >= 0 ? pl_rowset_cell(rs, row, (size_t)col) : NULL;
	*ok = c && !c->is_null;
	return *ok ? c->u.i : 0;
}

/* One series of the chart: its range over the rows drawn. */
struct series {
	int col;
	int64_t lo, hi;
	int known;       /* at least one value present */
};

static struct series series_range(const struct pl_rowset *rs, int col, size_t first, size_t n)
{
	struct series sr = { col, INT64_MAX, INT64_MIN, 0 };
	for (size_t r = first; col >= 0 && r < n; r++) {
		int ok;
		int64_t v = cell_i64(rs, r, col, &ok);
		if (!ok)
			continue;
		sr.known = 1;
		sr.lo = v < sr.lo ? v : sr.lo;
		sr.hi = v > sr.hi ? v : sr.hi;
	}
	if (!sr.known)
		sr.lo = sr.hi = 0;
	return sr;
}

/* Bars of one series in rows y..y+bars-1, one screen column per snapshot
 * (or per bucket of them when there are more snapshots than columns). */
static void draw_series(struct app *a, const struct pl_rowset *rs, const struct series *sr,
			int area, const char *ascii_bar, int y, int bars, size_t first,
			size_t count, int cols, long cursor_row)
{
	static const char *const eighths[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	for (int x = 0; x < cols; x++) {
		size_t r = first + (size_t)((double)(x + 1) * (double)count / cols) - 1;
		int ok;
		int64_t v = cell_i64(rs, r, sr->col, &ok);
		/* Bars start at a floor below the minimum so changes show. */
		double base = (double)sr->lo - (double)(sr->hi - sr->lo) * 0.1;
		double frac = sr->hi > base ? ((double)v - base) / ((double)sr->hi - base) : 1.0;
		int units = ok ? (int)(frac * bars * 8 + 0.5) : 0;
		attrset((long)r == cursor_row ? a->theme.attr[AREA_CURSOR] : a->theme.attr[area]);
		for (int b = 0; b < bars; b++) {
			int fill = units - (bars - 1 - b) * 8;
			fill = fill < 0 ? 0 : fill > 8 ? 8 : fill;
			const char *s = a->unicode ? eighths[fill] : fill >= 4 ? ascii_bar : " ";
			if ((long)r == cursor_row && fill == 0)
				s = a->unicode ? "·" : ".";
			mvaddstr(y + b, 1 + x, s);
		}
	}
}

void draw_snapshot_chart(struct app *a, struct page *p, int y, int h)
{
	const struct pl_rowset *rs = p->tw.rs;
	int idc = pl_rowset_col_index(rs, "snapshot_id");
	int rc = pl_rowset_col_index(rs, "total_record_count");
	int width = a->cols - 2;
	if (h < 4 || width < 10 || idc < 0 || rc < 0 || !rs->nrows)
		return;
	/* The last N snapshots in id order (the view lists them ascending). */
	size_t n = rs->nrows, limit = (size_t)(a->chart_snapshots > 0 ? a->chart_snapshots : 100);
	size_t first = n > limit ? n - limit : 0;
	size_t count = n - first;
	struct series records = series_range(rs, rc, first, n);
	struct series files = series_range(rs, pl_rowset_col_index(rs, "total_file_count"),
					   first, n);
	int ok1, ok2;
	int64_t id_first = cell_i64(rs, first, idc, &ok1);
	int64_t id_last = cell_i64(rs, n - 1, idc, &ok2);
	int bars = h - 2;
	/* Two series share the height, records above files, when there is
	 * room for two rows each; the title is the legend. */
	int both = files.known && bars >= 4;
	int record_rows = both ? (bars + 1) / 2 : bars;
	char title[256];
	if (both)
		snprintf(title, sizeof(title),
			 "total_record_count %" PRId64 "..%" PRId64 " (upper) %s "
			 "total_file_count %" PRId64 "..%" PRId64 " (lower)", records.lo, records.hi, a->unicode ? "·" : "|",
			 files.lo, files.hi);
	else
		snprintf(title, sizeof(title),
			 "total_record_count, snapshots %" PRId64 "..%" PRId64 " (%zu): min %" PRId64
			 " max %" PRId64, id_first, id_last, count, records.lo, records.hi);
	attrset(a->theme.attr[AREA_TABLE_HEADER]);
	mvhline(y, 0, ' ', a->cols);
	screen_put(y, 1, title, a->cols - 2);
	int cols = (size_t)width < count ? width : (int)count;
	long cursor_row = tw_current(&p->tw);
	draw_series(a, rs, &records, AREA_CHART, "#", y + 1, record_rows, first, count, cols,
		    cursor_row);
	if (both)
		draw_series(a, rs, &files, AREA_SIZE_BAR, "=", y + 1 + record_rows,
			    bars - record_rows, first, count, cols, cursor_row);
	attrset(a->theme.attr[AREA_TREE]);
	mvhline(y + h - 1, 0, ' ', a->cols);
	char axis[64];
	snprintf(axis, sizeof(axis), "%" PRId64, id_first);
	screen_put(y + h - 1, 1, axis, 20);
	snprintf(axis, sizeof(axis), "%" PRId64, id_last);
	int aw = text_width(axis);
	if (cols - aw > 12)
		screen_put(y + h - 1, 1 + cols - aw, axis, aw);
	attrset(a->theme.attr[AREA_DEFAULT]);
}

struct file_ref {
	const char *path;
	size_t row;
};

static int cmp_ref(const void *pa, const void *pb)
{
	const struct file_ref *x = pa, *y = pb;
	return strcmp(x->path, y->path);
}

static struct file_ref *index_files(const struct pl_rowset *rs, int pc)
{
	struct file_ref *refs = pl_calloc(rs->nrows + 1, sizeof(*refs));
	for (size_t r = 0; r < rs->nrows; r++) {
		const struct pl_cell *c = pl_rowset_cell(rs, r, (size_t)pc);
		refs[r].path = c->is_null ? "" : c->u.s;
		refs[r].row = r;
	}
	qsort(refs, rs->nrows, sizeof(*refs), cmp_ref);
	return refs;
}

static const struct pl_rowset_col diff_cols[] = {
	{ "change", PL_COL_STRING, 0 },
	{ "partition", PL_COL_STRING, 0 },
	{ "bucket", PL_COL_INT64, 0 },
	{ "file_path", PL_COL_STRING, 0 },
	{ "record_count", PL_COL_INT64, 0 },
	{ "file_size_in_bytes", PL_COL_INT64, 0 },
};

struct side_totals {
	size_t files;
	int64_t rows, bytes;
};

static void add_file_row(struct pl_rowset *out, const char *change, const struct pl_rowset *rs,
			 size_t row, struct side_totals *tot)
{
	static const char *const cols[] = { "partition", "bucket", "file_path", "record_count",
					    "file_size_in_bytes" };
	pl_rowset_row(out);
	pl_rowset_str(out, change);
	for (size_t i = 0; i < 5; i++) {
		int c = pl_rowset_col_index(rs, cols[i]);
		const struct pl_cell *cell = c >= 0 ? pl_rowset_cell(rs, row, (size_t)c) : NULL;
		if (!cell || cell->is_null)
			pl_rowset_null(out);
		else if (rs->cols[c].kind == PL_COL_STRING)
			pl_rowset_str(out, cell->u.s);
		else
			pl_rowset_i64(out, cell->u.i);
		if (cell && !cell->is_null && i == 3)
			tot->rows += cell->u.i;
		if (cell && !cell->is_null && i == 4)
			tot->bytes += cell->u.i;
	}
	tot->files++;
}

static int has_partition(const struct pl_rowset *rs, int pc, const char *part)
{
	for (size_t r = 0; r < rs->nrows; r++) {
		const struct pl_cell *c = pl_rowset_cell(rs, r, (size_t)pc);
		if (!c->is_null && strcmp(c->u.s, part) == 0)
			return 1;
	}
	return 0;
}

/* Partitions in `in` and not in `other`, as "+ partition" rows. */
static size_t partition_rows(struct pl_rowset *out, const char *change,
			     const struct pl_rowset *in, const struct pl_rowset *other)
{
	int pc = pl_rowset_col_index(in, "partition");
	int opc = pl_rowset_col_index(other, "partition");
	size_t n = 0;
	if (pc < 0 || opc < 0)
		return 0;
	for (size_t r = 0; r < in->nrows; r++) {
		const struct pl_cell *c = pl_rowset_cell(in, r, (size_t)pc);
		if (c->is_null || has_partition(other, opc, c->u.s))
			continue;
		pl_rowset_row(out);
		pl_rowset_str(out, change);
		pl_rowset_str(out, c->u.s);
		n++;
	}
	return n;
}

static int load_view(struct pl_storage *st, const char *table_path, const char *name,
		     const char *branch, int64_t id, const char *view, struct pl_rowset **out,
		     struct pl_error *err)
{
	struct pl_table_selector sel = { branch, 1, id, NULL };
	struct pl_systables *t;
	if (pl_systables_open(st, table_path, name, &sel, &t, err))
		return -1;
	int rc = pl_systable_build(t, view, out, err);
	pl_systables_close(t);
	return rc;
}

struct pl_rowset *build_snapshot_diff(struct pl_storage *st, const char *table_path,
				      const char *name, const char *branch, int64_t id_a,
				      int64_t id_b, char **summary, struct pl_error *err)
{
	struct pl_rowset *fa = NULL, *fb = NULL, *pa = NULL, *pb = NULL, *out = NULL;
	if (load_view(st, table_path, name, branch, id_a, "files", &fa, err) ||
	    load_view(st, table_path, name, branch, id_b, "files", &fb, err) ||
	    load_view(st, table_path, name, branch, id_a, "partitions", &pa, err) ||
	    load_view(st, table_path, name, branch, id_b, "partitions", &pb, err))
		goto done;
	int ca = pl_rowset_col_index(fa, "file_path"), cb = pl_rowset_col_index(fb, "file_path");
	if (ca < 0 || cb < 0) {
		pl_err(err, PL_ERR_GENERIC, "the files view has no file_path column");
		goto done;
	}
	struct file_ref *ra = index_files(fa, ca), *rb = index_files(fb, cb);
	out = pl_rowset_new("snapshot_diff", diff_cols, sizeof(diff_cols) / sizeof(diff_cols[0]));
	struct side_totals added = { 0, 0, 0 }, removed = { 0, 0, 0 };
	size_t i = 0, j = 0;
	while (i < fa->nrows || j < fb->nrows) {
		int c = i >= fa->nrows ? 1 : j >= fb->nrows ? -1 : strcmp(ra[i].path, rb[j].path);
		if (c < 0)
			add_file_row(out, "- removed", fa, ra[i++].row, &removed);
		else if (c > 0)
			add_file_row(out, "+ added", fb, rb[j++].row, &added);
		else
			i++, j++;
	}
	free(ra);
	free(rb);
	size_t pplus = partition_rows(out, "+ partition", pb, pa);
	size_t pminus = partition_rows(out, "- partition", pa, pb);
	char buf[512];
	snprintf(buf, sizeof(buf),
		 "snapshot %" PRId64 " -> %" PRId64 ": +%zu files (%" PRId64 " rows, %" PRId64
		 " bytes)  -%zu files (%" PRId64 " rows, %" PRId64 " bytes)  partitions +%zu -%zu",
		 id_a, id_b, added.files, added.rows, added.bytes, removed.files, removed.rows,
		 removed.bytes, pplus, pminus);
	*summary = pl_strdup(buf);
done:
	pl_rowset_free(fa);
	pl_rowset_free(fb);
	pl_rowset_free(pa);
	pl_rowset_free(pb);
	return out;
}

/* Reads the LATEST hint: a decimal snapshot id. */
static int read_latest(struct app *a, int64_t *id, struct pl_error *err)
{
	char *table = app_table_path(a, a->focus.db, a->focus.table);
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_strbuf_addstr(&sb, table);
	if (a->focus.branch)
		pl_strbuf_addf(&sb, "/branch/branch-%s", a->focus.branch);
	pl_strbuf_addstr(&sb, "/snapshot/LATEST");
	struct pl_buf buf = { 0 };
	int rc = pl_storage_read(a->st, pl_strbuf_str(&sb), 64, &buf, err);
	free(table);
	pl_strbuf_free(&sb);
	if (rc)
		return rc;
	char text[32];
	size_t n = buf.len < sizeof(text) - 1 ? buf.len : sizeof(text) - 1;
	memcpy(text, buf.data, n);
	text[n] = '\0';
	pl_buf_free(&buf);
	char *end;
	long long v = strtoll(text, &end, 10);
	if (end == text)
		return pl_err(err, PL_ERR_CORRUPT, "snapshot/LATEST: expected a snapshot id");
	*id = v;
	return 0;
}

void watch_poll(struct app *a)
{
	a->next_poll = app_now() + a->watch_seconds;
	if (!a->focus.table)
		return;
	struct pl_error err;
	int64_t id = -1;
	pl_err_clear(&err);
	if (read_latest(a, &id, &err)) {
		app_error(a, "watch: %s", err.msg);
		return;
	}
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(when, sizeof(when), "%H:%M:%S", &tm);
	if (a->watch_last_id >= 0 && id > a->watch_last_id) {
		a->watch_highlight_from = a->watch_last_id;
		app_message(a, "watch: %" PRId64 " new snapshot%s, latest %" PRId64 " (%s)",
			    id - a->watch_last_id, id - a->watch_last_id == 1 ? "" : "s", id, when);
		a->watch_last_id = id;
		if (!a->focus.has_snapshot && !a->focus.tag)
			reload_views(a);
		return;
	}
	if (a->watch_last_id < 0)
		a->watch_last_id = id;
	app_message(a, "watch: latest snapshot %" PRId64 ", nothing new at %s", id, when);
}
