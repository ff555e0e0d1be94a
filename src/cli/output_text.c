#include "cli/output.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "paimon/binrow.h"
#include "util/alloc.h"
#include "util/sanitize.h"

void pl_output_format_time(struct pl_strbuf *sb, int64_t ms, int wall_clock)
{
	int64_t secs = ms / 1000;
	int64_t frac = ms % 1000;
	if (frac < 0) {
		frac += 1000;
		secs--;
	}
	time_t t = (time_t)secs;
	struct tm tm;
	struct tm *ok = wall_clock ? gmtime_r(&t, &tm) : localtime_r(&t, &tm);
	if (!ok) {
		pl_strbuf_addf(sb, "%" PRId64, ms);
		return;
	}
	pl_strbuf_addf(sb, "%04d-%02d-%02d %02d:%02d:%02d.%03d", tm.tm_year + 1900,
		       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)frac);
}

void pl_output_cell_text(struct pl_strbuf *sb, const struct pl_rowset *rs, size_t row,
			 size_t col)
{
	const struct pl_cell *c = pl_rowset_cell(rs, row, col);
	if (c->is_null) {
		pl_strbuf_addstr(sb, "NULL");
		return;
	}
	switch (rs->cols[col].kind) {
	case PL_COL_STRING:
	case PL_COL_JSON:
		pl_strbuf_addstr(sb, c->u.s);
		break;
	case PL_COL_INT64:
		pl_strbuf_addf(sb, "%" PRId64, c->u.i);
		break;
	case PL_COL_DOUBLE:
		pl_java_double(sb, c->u.d);
		break;
	case PL_COL_BOOL:
		pl_strbuf_addstr(sb, c->u.b ? "true" : "false");
		break;
	case PL_COL_TIME:
		pl_output_format_time(sb, c->u.i, (rs->cols[col].flags & PL_COLF_WALL_CLOCK) != 0);
		break;
	}
}

static int is_wide(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
	       (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	       (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	       (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
	       (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd);
}

static int is_zero_width(uint32_t cp)
{
	return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200d) ||
	       (cp >= 0xfe00 && cp <= 0xfe0f) || cp == 0xfeff;
}

/* Input here is already sanitised, so it is valid UTF-8; a stray byte
 * still counts as one column rather than derailing the loop. */
size_t pl_display_width(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t width = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp = p[i];
		size_t len = 1;
		if (cp >= 0xf0 && n - i >= 4) {
			cp = ((p[i] & 0x07u) << 18) | ((p[i + 1] & 0x3fu) << 12) |
			     ((p[i + 2] & 0x3fu) << 6) | (p[i + 3] & 0x3fu);
			len = 4;
		} else if (cp >= 0xe0 && cp < 0xf0 && n - i >= 3) {
			cp = ((p[i] & 0x0fu) << 12) | ((p[i + 1] & 0x3fu) << 6) | (p[i + 2] & 0x3fu);
			len = 3;
		} else if (cp >= 0xc0 && cp < 0xe0 && n - i >= 2) {
			cp = ((p[i] & 0x1fu) << 6) | (p[i + 1] & 0x3fu);
			len = 2;
		}
		i += len;
		if (is_zero_width(cp))
			continue;
		width += is_wide(cp) ? 2 : 1;
	}
	return width;
}

static int right_aligned(enum pl_col_kind kind)
{
	return kind == PL_COL_INT64 || kind == PL_COL_DOUBLE;
}

static void pad(FILE *out, size_t n)
{
	while (n--)
		fputc(' ', out);
}

static int print_object(FILE *out, const struct pl_rowset *rs)
{
	size_t keyw = 0;
	for (size_t c = 0; c < rs->ncols; c++) {
		size_t w = strlen(rs->cols[c].name);
		if (w > keyw && !(rs->cols[c].flags & PL_COLF_JSON_ONLY))
			keyw = w;
	}
	struct pl_strbuf raw = PL_STRBUF_INIT, safe = PL_STRBUF_INIT;
	for (size_t r = 0; r < rs->nrows; r++) {
		if (r)
			fputc('\n', out);
		for (size_t c = 0; c < rs->ncols; c++) {
			if (rs->cols[c].flags & PL_COLF_JSON_ONLY)
				continue;
			pl_strbuf_reset(&raw);
			pl_strbuf_reset(&safe);
			pl_output_cell_text(&raw, rs, r, c);
			pl_sanitize_append(&safe, raw.buf ? raw.buf : "", raw.len);
			fputs(rs->cols[c].name, out);
			pad(out, keyw - strlen(rs->cols[c].name) + 2);
			fputs(safe.buf ? safe.buf : "", out);
			fputc('\n', out);
		}
	}
	pl_strbuf_free(&raw);
	pl_strbuf_free(&safe);
	return ferror(out) ? -1 : 0;
}

int pl_output_text(FILE *out, const struct pl_rowset *rs)
{
	if (rs->single_object)
		return print_object(out, rs);

	size_t nc = rs->ncols, nr = rs->nrows;
	char **text = pl_calloc(nr * nc + 1, sizeof(*text));
	size_t *width = pl_calloc(nc + 1, sizeof(*width));
	size_t *cellw = pl_calloc(nr * nc + 1, sizeof(*cellw));
	struct pl_strbuf raw = PL_STRBUF_INIT, safe = PL_STRBUF_INIT;

	for (size_t c = 0; c < nc; c++)
		width[c] = pl_display_width(rs->cols[c].name, strlen(rs->cols[c].name));
	for (size_t r = 0; r < nr; r++) {
		for (size_t c = 0; c < nc; c++) {
			if (rs->cols[c].flags & PL_COLF_JSON_ONLY)
				continue;
			pl_strbuf_reset(&raw);
			pl_strbuf_reset(&safe);
			pl_output_cell_text(&raw, rs, r, c);
			pl_sanitize_append(&safe, raw.buf ? raw.buf : "", raw.len);
			size_t w = pl_display_width(safe.buf ? safe.buf : "", safe.len);
			text[r * nc + c] = pl_strbuf_detach(&safe);
			cellw[r * nc + c] = w;
			if (w > width[c])
				width[c] = w;
		}
	}

	/* The last shown column is not padded: no trailing blanks. */
	size_t last = 0;
	for (size_t c = 0; c < nc; c++)
		if (!(rs->cols[c].flags & PL_COLF_JSON_ONLY))
			last = c;
	for (size_t r = 0; r <= nr; r++) {
		int first = 1;
		for (size_t c = 0; c < nc; c++) {
			if (rs->cols[c].flags & PL_COLF_JSON_ONLY)
				continue;
			const char *s = r == 0 ? rs->cols[c].name : text[(r - 1) * nc + c];
			size_t w = r == 0 ? pl_display_width(s, strlen(s)) : cellw[(r - 1) * nc + c];
			if (!first)
				fputs("  ", out);
			first = 0;
			int right = r > 0 && right_aligned(rs->cols[c].kind);
			if (right)
				pad(out, width[c] - w);
			fputs(s, out);
			if (!right && c != last)
				pad(out, width[c] - w);
		}
		fputc('\n', out);
	}

	for (size_t i = 0; i < nr * nc; i++)
		free(text[i]);
	free(text);
	free(width);
	free(cellw);
	pl_strbuf_free(&raw);
	pl_strbuf_free(&safe);
	return ferror(out) ? -1 : 0;
}
