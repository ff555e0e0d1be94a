/* BinaryRow decoding and Java-compatible rendering (format-manifests.md §4,
 * §7.2, §7.3). */
#include "paimon/binrow.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* Bytes of header plus null bits: ((n + 63 + 8) / 64) * 8. */
static uint64_t null_bits_width(int32_t arity)
{
	return (((uint64_t)arity + 63 + 8) / 64) * 8;
}

int pl_binrow_open(const uint8_t *p, size_t n, const char *file, uint64_t file_offset,
		   struct pl_binrow *r, struct pl_error *err)
{
	const char *f = file ? file : "binary row";
	if (n < 4)
		return pl_err_corrupt(err, f, file_offset,
				      "expected a 4-byte BinaryRow arity, got %zu bytes", n);
	uint32_t a = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	if (a > INT32_MAX)
		return pl_err_corrupt(err, f, file_offset,
				      "expected a non-negative BinaryRow arity, got %" PRId32,
				      (int32_t)a);
	size_t size = n - 4;
	/* Header, null bits and one slot per field must fit: this bounds the
	 * arity by the input size before anything is indexed with it. */
	uint64_t fixed = null_bits_width((int32_t)a) + 8 * (uint64_t)a;
	if (fixed > size)
		return pl_err_corrupt(err, f, file_offset,
				      "BinaryRow of arity %" PRIu32 " needs %" PRIu64
				      " fixed bytes, only %zu present", a, fixed, size);
	r->row = p + 4;
	r->size = size;
	r->arity = (int32_t)a;
	r->file = file;
	r->file_offset = file_offset;
	return 0;
}

int pl_binrow_is_null(const struct pl_binrow *r, int32_t i)
{
	if (i < 0 || i >= r->arity)
		return 1;
	uint32_t bit = (uint32_t)i + 8;
	return (r->row[bit >> 3] >> (bit & 7)) & 1;
}

static int field_corrupt(const struct pl_binrow *r, int32_t i, struct pl_error *err,
			 const char *what, uint64_t off, uint64_t len)
{
	return pl_err_corrupt(err, r->file ? r->file : "binary row", r->file_offset,
			      "BinaryRow field %" PRId32 ": %s at row offset %" PRIu64
			      " length %" PRIu64 " outside the row of %zu bytes",
			      i, what, off, len, r->size);
}

/* A (offset << 32 | length) slot, or an inline item of up to 7 bytes. */
static int var_bytes(const struct pl_binrow *r, int32_t i, const uint8_t *slot,
		     struct pl_datum *out, struct pl_error *err)
{
	if (slot[7] & 0x80) {
		size_t len = slot[7] & 0x7f;
		if (len > 7)
			return pl_err_corrupt(err, r->file ? r->file : "binary row",
					      r->file_offset,
					      "BinaryRow field %" PRId32
					      ": inline length %zu above 7", i, len);
		out->p = slot;
		out->n = len;
		return 0;
	}
	uint64_t v = le64(slot);
	uint64_t off = v >> 32, len = v & 0xffffffffu;
	if (off > r->size || len > r->size - off)
		return field_corrupt(r, i, err, "variable-length data", off, len);
	out->p = r->row + off;
	out->n = (size_t)len;
	return 0;
}

int pl_binrow_get(const struct pl_binrow *r, int32_t i, const struct pl_dtype *t,
		  struct pl_datum *out, struct pl_error *err)
{
	memset(out, 0, sizeof(*out));
	if (i < 0 || i >= r->arity)
		return pl_err_corrupt(err, r->file ? r->file : "binary row", r->file_offset,
				      "BinaryRow field %" PRId32 " requested, arity is %" PRId32,
				      i, r->arity);
	if (pl_binrow_is_null(r, i)) {
		out->kind = PL_D_NULL;
		return 0;
	}
	const uint8_t *slot = r->row + null_bits_width(r->arity) + 8 * (uint64_t)i;
	switch (t->root) {
	case PL_T_BOOLEAN:
		out->kind = PL_D_BOOL;
		out->i = slot[0] != 0;
		return 0;
	case PL_T_TINYINT:
		out->kind = PL_D_INT;
		out->i = (int8_t)slot[0];
		return 0;
	case PL_T_SMALLINT:
		out->kind = PL_D_INT;
		out->i = (int16_t)(uint16_t)(slot[0] | slot[1] << 8);
		return 0;
	case PL_T_INTEGER:
	case PL_T_DATE:
	case PL_T_TIME:
		out->kind = PL_D_INT;
		out->i = (int32_t)le32(slot);
		return 0;
	case PL_T_BIGINT:
		out->kind = PL_D_INT;
		out->i = (int64_t)le64(slot);
		return 0;
	case PL_T_FLOAT: {
		uint32_t bits = le32(slot);
		float f;
		memcpy(&f, &bits, sizeof(f));
		out->kind = PL_D_FLOAT;
		out->d = f;
		return 0;
	}
	case PL_T_DOUBLE: {
		uint64_t bits = le64(slot);
		memcpy(&out->d, &bits, sizeof(out->d));
		out->kind = PL_D_DOUBLE;
		return 0;
	}
	case PL_T_DECIMAL:
		out->kind = PL_D_DECIMAL;
		if (t->precision <= 18) {
			out->compact_decimal = 1;
			out->i = (int64_t)le64(slot);
			return 0;
		}
		if (var_bytes(r, i, slot, out, err))
			return -1;
		if (out->n < 1 || out->n > 16)
			return pl_err_corrupt(err, r->file ? r->file : "binary row",
					      r->file_offset,
					      "BinaryRow field %" PRId32
					      ": decimal of %zu bytes, expected 1 to 16", i, out->n);
		return 0;
	case PL_T_CHAR:
	case PL_T_VARCHAR:
		out->kind = PL_D_STRING;
		return var_bytes(r, i, slot, out, err);
	case PL_T_BINARY:
	case PL_T_VARBINARY:
	case PL_T_BLOB:
		out->kind = PL_D_BINARY;
		return var_bytes(r, i, slot, out, err);
	case PL_T_TIMESTAMP:
	case PL_T_TIMESTAMP_LTZ: {
		out->kind = PL_D_TIMESTAMP;
		if (t->precision <= 3) {
			out->i = (int64_t)le64(slot);
			return 0;
		}
		uint64_t v = le64(slot);
		uint64_t off = v >> 32;
		uint32_t nanos = (uint32_t)v;
		if (nanos > 999999)
			return pl_err_corrupt(err, r->file ? r->file : "binary row",
					      r->file_offset,
					      "BinaryRow field %" PRId32
					      ": nano-of-milli %" PRIu32 " above 999999", i, nanos);
		if (off > r->size || 8 > r->size - off)
			return field_corrupt(r, i, err, "timestamp millis", off, 8);
		out->i = (int64_t)le64(r->row + off);
		out->nanos = (int32_t)nanos;
		return 0;
	}
	case PL_T_ARRAY:
	case PL_T_MULTISET:
	case PL_T_MAP:
	case PL_T_ROW:
	case PL_T_VARIANT:
	case PL_T_VECTOR:
	case PL_T_GEOMETRY:
	case PL_T_GEOGRAPHY:
	case PL_T_OPAQUE:
		out->kind = PL_D_UNSUPPORTED;
		return 0;
	}
	out->kind = PL_D_UNSUPPORTED;
	return 0;
}

/* ---- Java number formatting ------------------------------------------- */

/* The digits Java's Float/Double.toString choose (JDK 19+ spec): the
 * shortest decimal that reads back to the value, but never fewer than two
 * digits, and among those the closest, which is what printf's correctly
 * rounded %.*e gives. Then Java's layout: plain notation for
 * 1e-3 <= |v| < 1e7, else d.dddE±n. */
static void java_fp(struct pl_strbuf *sb, double v, int is_float)
{
	if (isnan(v)) {
		pl_strbuf_addstr(sb, "NaN");
		return;
	}
	if (isinf(v)) {
		pl_strbuf_addstr(sb, v < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (v == 0) {
		pl_strbuf_addstr(sb, signbit(v) ? "-0.0" : "0.0");
		return;
	}
	char buf[64];
	int maxp = is_float ? 9 : 17;
	for (int p = 2; p <= maxp; p++) {
		snprintf(buf, sizeof(buf), "%.*e", p - 1, v);
		if (is_float ? strtof(buf, NULL) == (float)v : strtod(buf, NULL) == v)
			break;
	}
	/* buf is [-]d[.ddd]e±xx */
	char digits[32];
	size_t nd = 0;
	const char *s = buf;
	int neg = 0;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s && *s != 'e'; s++)
		if (*s >= '0' && *s <= '9' && nd < sizeof(digits) - 1)
			digits[nd++] = *s;
	int exp = *s == 'e' ? atoi(s + 1) : 0;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = 0;
	double a = fabs(v);
	if (neg)
		pl_strbuf_addch(sb, '-');
	if (a >= 1e-3 && a < 1e7) {
		if (exp >= 0) {
			for (int k = 0; k <= exp; k++)
				pl_strbuf_addch(sb, (size_t)k < nd ? digits[k] : '0');
			pl_strbuf_addch(sb, '.');
			if ((size_t)exp + 1 < nd)
				pl_strbuf_addstr(sb, digits + exp + 1);
			else
				pl_strbuf_addch(sb, '0');
		} else {
			pl_strbuf_addstr(sb, "0.");
			for (int k = 0; k < -exp - 1; k++)
				pl_strbuf_addch(sb, '0');
			pl_strbuf_addstr(sb, digits);
		}
		return;
	}
	pl_strbuf_addch(sb, digits[0]);
	pl_strbuf_addch(sb, '.');
	pl_strbuf_addstr(sb, nd > 1 ? digits + 1 : "0");
	pl_strbuf_addf(sb, "E%d", exp);
}

void pl_java_float(struct pl_strbuf *sb, float f)
{
	java_fp(sb, f, 1);
}

void pl_java_double(struct pl_strbuf *sb, double d)
{
	java_fp(sb, d, 0);
}

/* ---- dates and times -------------------------------------------------- */

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* Proleptic Gregorian civil date of a day number (days since 1970-01-01). */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* DateTimeUtils.int4: four digit characters by plain arithmetic, which
 * garbles years outside 0..9999 exactly the way Java does. */
static void java_int4(struct pl_strbuf *sb, int64_t y)
{
	int32_t i = (int32_t)y;
	pl_strbuf_addch(sb, (char)('0' + (i / 1000) % 10));
	pl_strbuf_addch(sb, (char)('0' + (i / 100) % 10));
	pl_strbuf_addch(sb, (char)('0' + (i / 10) % 10));
	pl_strbuf_addch(sb, (char)('0' + i % 10));
}

void pl_format_date(struct pl_strbuf *sb, int64_t days)
{
	int64_t y;
	int m, d;
	civil_from_days(days, &y, &m, &d);
	java_int4(sb, y);
	pl_strbuf_addf(sb, "-%02d-%02d", m, d);
}

struct wall {
	int64_t days;
	int h, mi, s;
	int32_t nano;   /* nano of second */
};

static void split_millis(int64_t millis, int32_t nanos, struct wall *w)
{
	w->days = floor_div(millis, 86400000);
	/* Not millis - days * 86400000: near INT64_MIN that product overflows
	 * (fuzz_binrow found it). */
	int64_t ms = millis % 86400000;
	if (ms < 0)
		ms += 86400000;
	w->h = (int)(ms / 3600000);
	w->mi = (int)(ms / 60000 % 60);
	w->s = (int)(ms / 1000 % 60);
	w->nano = (int32_t)(ms % 1000) * 1000000 + nanos;
}

void pl_format_timestamp(struct pl_strbuf *sb, int64_t millis, int32_t nanos, int precision)
{
	struct wall w;
	split_millis(millis, nanos, &w);
	pl_format_date(sb, w.days);
	pl_strbuf_addf(sb, " %02d:%02d:%02d", w.h, w.mi, w.s);
	char frac[16];
	snprintf(frac, sizeof(frac), "%09" PRId32, w.nano);
	int len = 9;
	while (len > precision && frac[len - 1] == '0')
		len--;
	if (len > 0) {
		pl_strbuf_addch(sb, '.');
		pl_strbuf_add(sb, frac, (size_t)len);
	}
}

void pl_java_local_datetime(struct pl_strbuf *sb, int64_t millis, int32_t nanos)
{
	struct wall w;
	split_millis(millis, nanos, &w);
	int64_t y;
	int m, d;
	civil_from_days(w.days, &y, &m, &d);
	int64_t ay = y < 0 ? -y : y;
	if (ay < 1000)
		pl_strbuf_addf(sb, "%s%04" PRId64, y < 0 ? "-" : "", ay);
	else
		pl_strbuf_addf(sb, "%s%" PRId64, y > 9999 ? "+" : "", y);
	pl_strbuf_addf(sb, "-%02d-%02dT%02d:%02d", m, d, w.h, w.mi);
	if (w.s > 0 || w.nano > 0) {
		pl_strbuf_addf(sb, ":%02d", w.s);
		if (w.nano % 1000000 == 0 && w.nano)
			pl_strbuf_addf(sb, ".%03" PRId32, w.nano / 1000000);
		else if (w.nano % 1000 == 0 && w.nano)
			pl_strbuf_addf(sb, ".%06" PRId32, w.nano / 1000);
		else if (w.nano)
			pl_strbuf_addf(sb, ".%09" PRId32, w.nano);
	}
}

/* DateTimeUtils.formatTimestampMillis for TIME(p): stops at the first
 * zero remainder, so 12:00:00.000 prints as "12:00:00.0". */
static void format_time(struct pl_strbuf *sb, int64_t t, int precision)
{
	int32_t time = (int32_t)t;
	while (time < 0)
		time += 86400000;
	int ms = time % 1000;
	pl_strbuf_addf(sb, "%02d:%02d:%02d", (time / 3600000) % 100, time % 3600000 / 60000,
		       time % 60000 / 1000);
	if (precision > 0) {
		pl_strbuf_addch(sb, '.');
		while (precision > 0) {
			pl_strbuf_addch(sb, (char)('0' + ms / 100));
			ms = ms % 100 * 10;
			if (ms == 0)
				break;
			precision--;
		}
	}
}

/* Wall-clock millis of an instant in the process's local time zone, as
 * Java's TimeZone.getDefault() conversion does for LTZ casts. */
static int64_t local_wall_millis(int64_t millis)
{
	time_t secs = (time_t)floor_div(millis, 1000);
	struct tm tm;
	if (!localtime_r(&secs, &tm))
		return millis;
	return millis + (int64_t)tm.tm_gmtoff * 1000;
}

/* ---- decimals --------------------------------------------------------- */

/* Digits of an unsigned magnitude held big-endian in mag[0..n). */
static size_t magnitude_digits(uint8_t *mag, size_t n, char *out, size_t cap)
{
	size_t nd = 0;
	for (;;) {
		int nonzero = 0;
		unsigned rem = 0;
		for (size_t k = 0; k < n; k++) {
			unsigned cur = rem << 8 | mag[k];
			mag[k] = (uint8_t)(cur / 10);
			rem = cur % 10;
			nonzero |= mag[k];
		}
		if (nd < cap)
			out[nd++] = (char)('0' + rem);
		if (!nonzero)
			break;
	}
	for (size_t a = 0, b = nd - 1; a < b; a++, b--) {
		char c = out[a];
		out[a] = out[b];
		out[b] = c;
	}
	return nd;
}

/* BigDecimal.toPlainString of unscaled digits and scale. */
static void plain_decimal(struct pl_strbuf *sb, int neg, const char *digits, size_t nd, int scale)
{
	if (neg)
		pl_strbuf_addch(sb, '-');
	if (scale <= 0) {
		pl_strbuf_add(sb, digits, nd);
		for (int k = 0; k < -scale; k++)
			pl_strbuf_addch(sb, '0');
		return;
	}
	size_t s = (size_t)scale;
	if (nd <= s) {
		pl_strbuf_addstr(sb, "0.");
		for (size_t k = nd; k < s; k++)
			pl_strbuf_addch(sb, '0');
		pl_strbuf_add(sb, digits, nd);
		return;
	}
	pl_strbuf_add(sb, digits, nd - s);
	pl_strbuf_addch(sb, '.');
	pl_strbuf_add(sb, digits + nd - s, s);
}

static void render_decimal(const struct pl_datum *d, int scale, struct pl_strbuf *sb)
{
	uint8_t mag[16];
	size_t n;
	int neg;
	if (d->compact_decimal) {
		neg = d->i < 0;
		uint64_t u = neg ? (uint64_t)0 - (uint64_t)d->i : (uint64_t)d->i;
		n = 8;
		for (int k = 7; k >= 0; k--, u >>= 8)
			mag[k] = (uint8_t)u;
	} else {
		n = d->n;
		if (n < 1 || n > sizeof(mag)) {
			pl_strbuf_addstr(sb, "null");
			return;
		}
		memcpy(mag, d->p, n);
		neg = mag[0] & 0x80;
		if (neg) {
			/* two's complement negation of the big-endian bytes */
			int carry = 1;
			for (size_t k = n; k-- > 0;) {
				unsigned v = (uint8_t)~mag[k] + (unsigned)carry;
				mag[k] = (uint8_t)v;
				carry = v >> 8;
			}
		}
	}
	char digits[48];
	size_t nd = magnitude_digits(mag, n, digits, sizeof(digits));
	plain_decimal(sb, neg, digits, nd, scale);
}

/* ---- rendering -------------------------------------------------------- */

void pl_datum_render(const struct pl_datum *d, const struct pl_dtype *t, enum pl_render how,
		     struct pl_strbuf *sb)
{
	switch (d->kind) {
	case PL_D_NULL:
		pl_strbuf_addstr(sb, "null");
		return;
	case PL_D_BOOL:
		pl_strbuf_addstr(sb, d->i ? "true" : "false");
		return;
	case PL_D_INT:
		if (how == PL_RENDER_CAST && t->root == PL_T_DATE)
			pl_format_date(sb, d->i);
		else if (how == PL_RENDER_CAST && t->root == PL_T_TIME)
			format_time(sb, d->i, t->precision);
		else
			pl_strbuf_addf(sb, "%" PRId64, d->i);
		return;
	case PL_D_FLOAT:
		pl_java_float(sb, (float)d->d);
		return;
	case PL_D_DOUBLE:
		pl_java_double(sb, d->d);
		return;
	case PL_D_DECIMAL:
		render_decimal(d, t->scale, sb);
		return;
	case PL_D_STRING:
		pl_strbuf_add(sb, d->p, d->n);
		return;
	case PL_D_BINARY:
		if (how == PL_RENDER_CAST) {
			pl_strbuf_add(sb, d->p, d->n);
		} else {
			/* Java prints byte[] as "[B@<hash>", which carries no
			 * information; show the bytes in SQL hex instead. */
			pl_strbuf_addstr(sb, "X'");
			for (size_t k = 0; k < d->n; k++)
				pl_strbuf_addf(sb, "%02X", d->p[k]);
			pl_strbuf_addch(sb, '\'');
		}
		return;
	case PL_D_TIMESTAMP:
		if (how == PL_RENDER_OBJECT)
			pl_java_local_datetime(sb, d->i, d->nanos);
		else if (t->root == PL_T_TIMESTAMP_LTZ)
			pl_format_timestamp(sb, local_wall_millis(d->i), d->nanos, t->precision);
		else
			pl_format_timestamp(sb, d->i, d->nanos, t->precision);
		return;
	case PL_D_UNSUPPORTED:
		pl_strbuf_addstr(sb, "<nested>");
		return;
	}
}

static int render_row(const struct pl_binrow *r, const struct pl_dtype *const *types,
		      size_t ntypes, enum pl_render how, const char *open, const char *close,
		      struct pl_strbuf *sb, struct pl_error *err)
{
	if ((size_t)r->arity != ntypes)
		return pl_err_corrupt(err, r->file ? r->file : "binary row", r->file_offset,
				      "BinaryRow has %" PRId32 " fields, expected %zu",
				      r->arity, ntypes);
	pl_strbuf_addstr(sb, open);
	for (size_t k = 0; k < ntypes; k++) {
		struct pl_datum d;
		if (pl_binrow_get(r, (int32_t)k, types[k], &d, err))
			return -1;
		if (k)
			pl_strbuf_addstr(sb, ", ");
		pl_datum_render(&d, types[k], how, sb);
	}
	pl_strbuf_addstr(sb, close);
	return 0;
}

int pl_binrow_render_cast_row(const struct pl_binrow *r, const struct pl_dtype *const *types,
			      size_t ntypes, struct pl_strbuf *sb, struct pl_error *err)
{
	return render_row(r, types, ntypes, PL_RENDER_CAST, "{", "}", sb, err);
}

int pl_binrow_render_list(const struct pl_binrow *r, const struct pl_dtype *const *types,
			  size_t ntypes, struct pl_strbuf *sb, struct pl_error *err)
{
	return render_row(r, types, ntypes, PL_RENDER_OBJECT, "[", "]", sb, err);
}

void pl_stats_columns_sorted(const struct pl_stats_column *cols, size_t ncols, size_t *idx)
{
	for (size_t k = 0; k < ncols; k++) {
		size_t j = k;
		while (j > 0 && strcmp(cols[idx[j - 1]].name, cols[k].name) > 0) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = k;
	}
}

int pl_binrow_render_map(const struct pl_binrow *r, const struct pl_stats_column *cols,
			 size_t ncols, struct pl_strbuf *sb, struct pl_error *err)
{
	size_t *idx = ncols ? malloc(ncols * sizeof(*idx)) : NULL;
	if (ncols && !idx)
		return pl_err(err, PL_ERR_NOMEM, "out of memory");
	pl_stats_columns_sorted(cols, ncols, idx);
	pl_strbuf_addch(sb, '{');
	int rc = 0;
	for (size_t k = 0; k < ncols && !rc; k++) {
		const struct pl_stats_column *c = &cols[idx[k]];
		struct pl_datum d;
		memset(&d, 0, sizeof(d));
		if (r && c->field >= 0 && c->field < r->arity)
			rc = pl_binrow_get(r, c->field, c->type, &d, err);
		/* A failed get leaves d half filled (a decimal's length may
		 * exceed 16): it must not be rendered. */
		if (rc)
			break;
		if (k)
			pl_strbuf_addstr(sb, ", ");
		pl_strbuf_addstr(sb, c->name);
		pl_strbuf_addch(sb, '=');
		pl_datum_render(&d, c->type, PL_RENDER_OBJECT, sb);
	}
	pl_strbuf_addch(sb, '}');
	free(idx);
	return rc;
}
