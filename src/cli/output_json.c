#include "cli/output.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/json_safe.h"
#include "util/strbuf.h"

/* JSON must be valid UTF-8 or strict parsers reject the whole document;
 * lake strings are untrusted, so invalid bytes become U+FFFD. Valid text,
 * controls included (cJSON escapes those), passes unchanged. */
static char *valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	struct pl_strbuf sb = PL_STRBUF_INIT;
	size_t i = 0;
	while (i < n) {
		unsigned char c = p[i];
		size_t len = 0;
		uint32_t cp = 0, min = 0;
		if (c < 0x80) {
			len = 1;
			cp = c;
		} else if ((c & 0xe0) == 0xc0) {
			len = 2; cp = c & 0x1f; min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			len = 3; cp = c & 0x0f; min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			len = 4; cp = c & 0x07; min = 0x10000;
		}
		int ok = len > 0 && len <= n - i;
		for (size_t k = 1; ok && k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				ok = 0;
			else
				cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if (ok && len > 1 && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)))
			ok = 0;
		if (ok) {
			pl_strbuf_add(&sb, p + i, len);
			i += len;
		} else {
			pl_strbuf_addstr(&sb, "\xef\xbf\xbd");
			i++;
		}
	}
	return pl_strbuf_detach(&sb);
}

static cJSON *raw_i64(int64_t v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%" PRId64, v);
	return cJSON_CreateRaw(buf);
}

static cJSON *cell_json(const struct pl_rowset *rs, size_t row, size_t col)
{
	const struct pl_cell *c = pl_rowset_cell(rs, row, col);
	if (c->is_null)
		return cJSON_CreateNull();
	switch (rs->cols[col].kind) {
	case PL_COL_STRING: {
		char *s = valid_utf8(c->u.s);
		cJSON *j = cJSON_CreateString(s);
		free(s);
		return j;
	}
	case PL_COL_JSON:
		/* Views build these texts themselves with escaped strings. */
		return cJSON_CreateRaw(c->u.s);
	case PL_COL_INT64:
	case PL_COL_TIME:
		return raw_i64(c->u.i);
	case PL_COL_DOUBLE:
		if (!isfinite(c->u.d))
			return cJSON_CreateNull();
		return cJSON_CreateNumber(c->u.d);
	case PL_COL_BOOL:
		return cJSON_CreateBool(c->u.b);
	}
	return cJSON_CreateNull();
}

static cJSON *row_object(const struct pl_rowset *rs, size_t row)
{
	cJSON *obj = cJSON_CreateObject();
	for (size_t c = 0; c < rs->ncols; c++)
		cJSON_AddItemToObject(obj, rs->cols[c].name, cell_json(rs, row, c));
	return obj;
}

int pl_output_json(FILE *out, const struct pl_rowset *rs)
{
	cJSON *doc;
	if (rs->single_object) {
		doc = rs->nrows ? row_object(rs, 0) : cJSON_CreateObject();
	} else {
		doc = cJSON_CreateArray();
		for (size_t r = 0; r < rs->nrows; r++)
			cJSON_AddItemToArray(doc, row_object(rs, r));
	}
	char *text = cJSON_Print(doc);
	cJSON_Delete(doc);
	if (!text)
		return -1;
	char *safe = pl_json_terminal_safe(text);
	cJSON_free(text);
	fputs(safe, out);
	fputc('\n', out);
	free(safe);
	return ferror(out) ? -1 : 0;
}
