/* Stripe loading: the StripeFooter, the stream directory, and every
 * column's values decoded into arrays in the stripe arena. Columns are
 * decoded in id order, which puts every parent before its children, so a
 * child knows its slot count (its parent's present values, or the sum of
 * its parent's list/map lengths) before it is read. */
#include "paimon/orc_internal.h"
#include "paimon/orc_rle.h"
#include "util/alloc.h"

#include <stdio.h>
#include <string.h>

#define ORC_MAX_STRIPE_ROWS ((uint64_t)1 << 24)
/* values of one column, and of all columns, in one stripe */
#define ORC_MAX_COL_VALUES ((size_t)1 << 24)
#define ORC_MAX_STRIPE_VALUES ((size_t)1 << 26)
#define ORC_MAX_STREAM ((size_t)256 << 20)
#define ORC_MAX_DECIMALS ((size_t)1 << 20)
#define ORC_MAX_STRIPE_FOOTER ((size_t)16 << 20)
/* 2015-01-01T00:00:00 as seconds since 1970 (ORC's timestamp base) */
#define ORC_TS_BASE INT64_C(1420070400)

struct col_ctx {
	struct pl_orc_reader *r;
	struct pl_orc_col *c;
	size_t *budget;                /* values still allowed in this stripe */
	struct pl_error *err;
};

int pl_orc_check_stripe(struct pl_orc_reader *r, size_t index, struct pl_error *err)
{
	const struct pl_orc_stripe_info *si = &r->footer.stripes[index];
	uint64_t end = r->content_end;
	if (si->offset < 3 || si->offset > end ||
	    si->index_length > end - si->offset ||
	    si->data_length > end - si->offset - si->index_length ||
	    si->footer_length > end - si->offset - si->index_length - si->data_length)
		return pl_err_corrupt(err, r->name, si->offset,
				      "stripe %zu: expected offset %llu + index %llu + data %llu + footer %llu bytes within the file's content (3..%llu)",
				      index, (unsigned long long)si->offset,
				      (unsigned long long)si->index_length,
				      (unsigned long long)si->data_length,
				      (unsigned long long)si->footer_length,
				      (unsigned long long)end);
	if (si->rows > ORC_MAX_STRIPE_ROWS)
		return pl_err(err, PL_ERR_LIMIT, "%s: stripe %zu has %llu rows, above the limit of %llu",
			      r->name, index, (unsigned long long)si->rows,
			      (unsigned long long)ORC_MAX_STRIPE_ROWS);
	return 0;
}

static const char *stream_label(struct col_ctx *x, unsigned kind)
{
	return pl_arena_printf(&x->r->stripe_arena, "column %u (%s) %s stream", x->c->id,
			       x->c->label, pl_orc_stream_kind_name(kind));
}

/* The decompressed bytes of one stream; absent streams are empty. */
static int get_stream(struct col_ctx *x, unsigned kind, const uint8_t **p, size_t *n)
{
	struct pl_orc_stream_ref *s = &x->c->streams[kind];
	if (s->found && !s->p) {
		if (pl_orc_decompress(x->r, s->offset, s->length, ORC_MAX_STREAM, &s->buf, &s->p,
				      &s->n, stream_label(x, kind), x->err))
			return -1;
		if (!s->p)
			s->p = (const uint8_t *)"";
	}
	/* never NULL, so that an absent stream is simply empty */
	*p = s->found ? s->p : (const uint8_t *)"";
	*n = s->found ? s->n : 0;
	return 0;
}

/* Checks that a stream can hold count values and that the stripe's value
 * budget allows them, before anything is allocated for them. */
static int check_count(struct col_ctx *x, unsigned kind, size_t count, size_t stream_len)
{
	struct pl_orc_stream_ref *s = &x->c->streams[kind];
	if (!s->found)
		return pl_err_corrupt(x->err, x->r->name, x->r->stripe_offset,
				      "column %u (%s): expected a %s stream for %zu values",
				      x->c->id, x->c->label, pl_orc_stream_kind_name(kind), count);
	if (stream_len == 0 || count / PL_ORC_MAX_EXPANSION > stream_len)
		return pl_err_corrupt(x->err, x->r->name, s->offset,
				      "%s: %zu bytes cannot hold the %zu expected values",
				      stream_label(x, kind), stream_len, count);
	if (count > ORC_MAX_COL_VALUES || count > *x->budget)
		return pl_err(x->err, PL_ERR_LIMIT,
			      "%s: stripe at offset %llu: %zu values in %s exceed the limit",
			      x->r->name, (unsigned long long)x->r->stripe_offset, count,
			      stream_label(x, kind));
	*x->budget -= count;
	return 0;
}

static int int_version(struct col_ctx *x, int *version)
{
	switch (x->c->encoding) {
	case PL_ORC_DIRECT: case PL_ORC_DICTIONARY: *version = 1; return 0;
	case PL_ORC_DIRECT_V2: case PL_ORC_DICTIONARY_V2: *version = 2; return 0;
	}
	return pl_err_corrupt(x->err, x->r->name, x->r->stripe_offset,
			      "column %u (%s): expected a column encoding 0..3, found %llu",
			      x->c->id, x->c->label, (unsigned long long)x->c->encoding);
}

static int read_ints(struct col_ctx *x, unsigned kind, int is_signed, size_t count,
		     int64_t **out)
{
	const uint8_t *p;
	size_t n;
	int version;
	*out = NULL;
	if (count == 0)
		return 0;
	if (int_version(x, &version) || get_stream(x, kind, &p, &n) ||
	    check_count(x, kind, count, n))
		return -1;
	struct pl_orc_where where = { x->r->name, x->c->streams[kind].offset,
				      stream_label(x, kind) };
	*out = pl_arena_alloc(&x->r->stripe_arena, count * sizeof(**out));
	return pl_orc_int_rle(version, is_signed, p, n, *out, count, &where, x->err);
}

/* Byte RLE (tinyint) and boolean RLE (boolean) DATA into ints. */
static int read_small(struct col_ctx *x, int boolean, size_t count, int64_t **out)
{
	const uint8_t *p;
	size_t n;
	*out = NULL;
	if (count == 0)
		return 0;
	if (get_stream(x, PL_ORC_DATA, &p, &n) || check_count(x, PL_ORC_DATA, count, n))
		return -1;
	struct pl_orc_where where = { x->r->name, x->c->streams[PL_ORC_DATA].offset,
				      stream_label(x, PL_ORC_DATA) };
	uint8_t *tmp = pl_arena_alloc(&x->r->stripe_arena, count);
	int rc = boolean ? pl_orc_bool_rle(p, n, tmp, count, &where, x->err)
		: pl_orc_byte_rle(p, n, tmp, count, &where, x->err);
	if (rc)
		return -1;
	*out = pl_arena_alloc(&x->r->stripe_arena, count * sizeof(**out));
	for (size_t i = 0; i < count; i++)
		(*out)[i] = boolean ? tmp[i] : (int8_t)tmp[i];
	return 0;
}

static int read_floats(struct col_ctx *x, size_t width, size_t count)
{
	const uint8_t *p;
	size_t n;
	if (count == 0)
		return 0;
	if (get_stream(x, PL_ORC_DATA, &p, &n))
		return -1;
	if (!x->c->streams[PL_ORC_DATA].found || n / width < count)
		return pl_err_corrupt(x->err, x->r->name, x->c->streams[PL_ORC_DATA].offset,
				      "%s: expected %zu values of %zu bytes, found %zu bytes",
				      stream_label(x, PL_ORC_DATA), count, width, n);
	if (count > *x->budget)
		return pl_err(x->err, PL_ERR_LIMIT, "%s: too many values in one stripe",
			      x->r->name);
	*x->budget -= count;
	double *d = pl_arena_alloc(&x->r->stripe_arena, count * sizeof(*d));
	for (size_t i = 0; i < count; i++) {
		const uint8_t *q = p + i * width;
		uint64_t bits = 0;
		for (size_t k = width; k-- > 0;)
			bits = bits << 8 | q[k];       /* little-endian IEEE 754 */
		if (width == 4) {
			uint32_t b32 = (uint32_t)bits;
			float f;
			memcpy(&f, &b32, sizeof(f));
			d[i] = f;
		} else {
			memcpy(&d[i], &bits, sizeof(d[i]));
		}
	}
	x->c->dbls = d;
	return 0;
}

/* Turns count lengths into offsets over a blob of blob_len bytes. */
static int lengths_to_offsets(struct col_ctx *x, const int64_t *lengths, size_t count,
			      size_t blob_len, unsigned blob_kind)
{
	uint64_t *offs = pl_arena_alloc(&x->r->stripe_arena, (count + 1) * sizeof(*offs));
	uint64_t at = 0;
	for (size_t i = 0; i < count; i++) {
		uint64_t l = (uint64_t)lengths[i];
		if (l > blob_len - at)
			return pl_err_corrupt(x->err, x->r->name,
					      x->c->streams[PL_ORC_LENGTH].offset,
					      "column %u (%s): value %zu of %llu bytes overruns the %zu-byte %s stream",
					      x->c->id, x->c->label, i, (unsigned long long)l, blob_len,
					      pl_orc_stream_kind_name(blob_kind));
		offs[i] = at;
		at += l;
	}
	offs[count] = at;
	x->c->offs = offs;
	return 0;
}

static int read_strings(struct col_ctx *x, size_t count)
{
	struct pl_orc_col *c = x->c;
	const uint8_t *blob;
	size_t blob_len;
	int64_t *lengths;
	if (c->encoding == PL_ORC_DIRECT || c->encoding == PL_ORC_DIRECT_V2) {
		if (read_ints(x, PL_ORC_LENGTH, 0, count, &lengths) ||
		    get_stream(x, PL_ORC_DATA, &blob, &blob_len) ||
		    lengths_to_offsets(x, lengths, count, blob_len, PL_ORC_DATA))
			return -1;
		c->bytes = blob;
		return 0;
	}
	if (c->encoding != PL_ORC_DICTIONARY && c->encoding != PL_ORC_DICTIONARY_V2) {
		int version;
		return int_version(x, &version);
	}
	if (c->dictionary_size > ORC_MAX_COL_VALUES)
		return pl_err(x->err, PL_ERR_LIMIT, "%s: column %u (%s): dictionary of %llu entries exceeds the limit",
			      x->r->name, c->id, c->label, (unsigned long long)c->dictionary_size);
	size_t ndict = (size_t)c->dictionary_size;
	if (read_ints(x, PL_ORC_LENGTH, 0, ndict, &lengths) ||
	    get_stream(x, PL_ORC_DICTIONARY_DATA, &blob, &blob_len) ||
	    lengths_to_offsets(x, lengths, ndict, blob_len, PL_ORC_DICTIONARY_DATA) ||
	    read_ints(x, PL_ORC_DATA, 0, count, &c->ints))
		return -1;
	for (size_t i = 0; i < count; i++)
		if ((uint64_t)c->ints[i] >= ndict)
			return pl_err_corrupt(x->err, x->r->name, c->streams[PL_ORC_DATA].offset,
					      "column %u (%s): value %zu: expected a dictionary index below %zu, found %llu",
					      c->id, c->label, i, ndict, (unsigned long long)c->ints[i]);
	c->bytes = blob;
	c->dict = 1;
	return 0;
}

/* seconds since 2015-01-01 and ORC's encoded nanoseconds -> wall-clock
 * millis; the writer's zone is deliberately not applied (§2A.5). */
static int timestamp_millis(int64_t secs, uint64_t encoded_nanos, int64_t *out)
{
	uint64_t nanos = encoded_nanos >> 3;
	unsigned zeros = encoded_nanos & 7;
	if (zeros)
		for (unsigned k = 0; k <= zeros; k++) {
			if (nanos > 999999999)
				return -1;
			nanos *= 10;
		}
	if (nanos > 999999999)
		return -1;
	/* +-2^52 s is over 100 million years: anything beyond is corrupt */
	if (secs > (INT64_C(1) << 52) || secs < -(INT64_C(1) << 52))
		return -1;
	int64_t millis = (secs + ORC_TS_BASE) * 1000;
	/* ORC's Java reader: a negative time with a sub-second part was
	 * written with its seconds rounded toward zero */
	if (millis < 0 && nanos > 999999)
		millis -= 1000;
	*out = millis + (int64_t)(nanos / 1000000);
	return 0;
}

static int read_timestamps(struct col_ctx *x, size_t count)
{
	int64_t *secs, *nanos;
	if (read_ints(x, PL_ORC_DATA, 1, count, &secs) ||
	    read_ints(x, PL_ORC_SECONDARY, 0, count, &nanos))
		return -1;
	for (size_t i = 0; i < count; i++)
		if (timestamp_millis(secs[i], (uint64_t)nanos[i], &secs[i]))
			return pl_err_corrupt(x->err, x->r->name, x->c->streams[PL_ORC_DATA].offset,
					      "column %u (%s): value %zu: expected a timestamp within range",
					      x->c->id, x->c->label, i);
	x->c->ints = secs;
	return 0;
}

/* ---- decimal, as text ------------------------------------------------ */

/* ORC decimals (precision <= 38) are zig-zag varints of up to 128 bits. */
static int read_varint128(const uint8_t *in, size_t len, size_t *pos, __int128 *out)
{
	unsigned __int128 u = 0;
	for (unsigned shift = 0; shift < 128; shift += 7) {
		if (*pos >= len)
			return -1;
		uint8_t b = in[(*pos)++];
		if (shift == 126 && (b & 0x7c))
			return -1;
		u |= (unsigned __int128)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*out = (__int128)(u >> 1) ^ -(__int128)(u & 1);
			return 0;
		}
	}
	return -1;
}

/* Writes v / 10^scale as text ("-12.30", "0.05") into buf; returns its
 * length. buf holds at least 48 bytes. */
static size_t format_decimal(__int128 v, unsigned scale, char *buf)
{
	char digits[48];
	size_t n = 0;
	unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
	do {
		digits[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u);
	while (n <= scale)
		digits[n++] = '0';
	size_t len = 0;
	if (v < 0)
		buf[len++] = '-';
	while (n > 0) {
		if (n == scale)
			buf[len++] = '.';
		buf[len++] = digits[--n];
	}
	return len;
}

/* Java writes each value's own (trailing-zero-stripped) scale in SECONDARY;
 * values are shown at the column's declared scale, as Java reads them. */
static int read_decimals(struct col_ctx *x, size_t count)
{
	struct pl_orc_col *c = x->c;
	const uint8_t *p;
	size_t n, pos = 0;
	int64_t *scales;
	unsigned scale = (unsigned)c->type->scale;
	if (c->type->scale > 38 || c->type->precision > 38)
		return pl_err(x->err, PL_ERR_GENERIC,
			      "%s: unsupported ORC decimal(%llu, %llu) in column %u (%s)",
			      x->r->name, (unsigned long long)c->type->precision,
			      (unsigned long long)c->type->scale, c->id, c->label);
	if (read_ints(x, PL_ORC_SECONDARY, 1, count, &scales) ||
	    get_stream(x, PL_ORC_DATA, &p, &n))
		return -1;
	if (count && !c->streams[PL_ORC_DATA].found)
		return check_count(x, PL_ORC_DATA, count, n);
	/* the text takes up to 48 bytes a value: bound it before allocating */
	if (count > n)
		return pl_err_corrupt(x->err, x->r->name, c->streams[PL_ORC_DATA].offset,
				      "%s: %zu bytes cannot hold %zu decimals",
				      stream_label(x, PL_ORC_DATA), n, count);
	if (count > ORC_MAX_DECIMALS)
		return pl_err(x->err, PL_ERR_LIMIT,
			      "%s: column %u (%s): %zu decimals in one stripe exceed the limit of %zu",
			      x->r->name, c->id, c->label, count, ORC_MAX_DECIMALS);
	char *text = pl_arena_alloc(&x->r->stripe_arena, count * 48 + 1);
	uint64_t *offs = pl_arena_alloc(&x->r->stripe_arena, (count + 1) * sizeof(*offs));
	size_t at = 0;
	for (size_t i = 0; i < count; i++) {
		__int128 v;
		size_t start = pos;
		if (read_varint128(p, n, &pos, &v))
			return pl_err_corrupt(x->err, x->r->name, c->streams[PL_ORC_DATA].offset,
					      "%s: byte %zu: expected decimal %zu of %zu as a varint of at most 128 bits",
					      stream_label(x, PL_ORC_DATA), start, i + 1, count);
		int64_t s = scales[i];
		if (s < 0 || s > 38)
			return pl_err_corrupt(x->err, x->r->name,
					      c->streams[PL_ORC_SECONDARY].offset,
					      "column %u (%s): value %zu: expected a decimal scale 0..38, found %lld",
					      c->id, c->label, i, (long long)s);
		/* |v| < 2^127 and at most 38 rescaling steps: keep 38 digits */
		for (; s < (int64_t)scale; s++) {
			if (v > (__int128)1e37 || v < -(__int128)1e37)
				return pl_err_corrupt(x->err, x->r->name,
						      c->streams[PL_ORC_DATA].offset,
						      "column %u (%s): value %zu exceeds 38 digits",
						      c->id, c->label, i);
			v *= 10;
		}
		if (s > (int64_t)scale) {
			/* one rounding step, half away from zero as Java's HALF_UP */
			__int128 p10 = 1;
			for (; s > (int64_t)scale; s--)
				p10 *= 10;
			__int128 q = v / p10, rem = v % p10;
			if (rem < 0)
				rem = -rem;
			if (rem >= p10 - rem)
				q += v < 0 ? -1 : 1;
			v = q;
		}
		offs[i] = at;
		at += format_decimal(v, scale, text + at);
	}
	offs[count] = at;
	c->bytes = (const uint8_t *)text;
	c->offs = offs;
	return 0;
}

/* List and map lengths; returns the children's slot count in *total. */
static int read_lengths(struct col_ctx *x, size_t count, size_t *total)
{
	if (read_ints(x, PL_ORC_LENGTH, 0, count, &x->c->ints))
		return -1;
	size_t sum = 0;
	for (size_t i = 0; i < count; i++) {
		uint64_t l = (uint64_t)x->c->ints[i];
		if (l > ORC_MAX_COL_VALUES - sum)
			return pl_err(x->err, PL_ERR_LIMIT,
				      "%s: column %u (%s): list lengths exceed %zu elements in one stripe",
				      x->r->name, x->c->id, x->c->label, ORC_MAX_COL_VALUES);
		sum += (size_t)l;
	}
	*total = sum;
	return 0;
}

static int read_present(struct col_ctx *x)
{
	struct pl_orc_col *c = x->c;
	const uint8_t *p;
	size_t n;
	c->nvalues = c->nslots;
	if (!c->streams[PL_ORC_PRESENT].found || c->nslots == 0)
		return 0;
	if (get_stream(x, PL_ORC_PRESENT, &p, &n) ||
	    check_count(x, PL_ORC_PRESENT, c->nslots, n))
		return -1;
	struct pl_orc_where where = { x->r->name, c->streams[PL_ORC_PRESENT].offset,
				      stream_label(x, PL_ORC_PRESENT) };
	uint8_t *bits = pl_arena_alloc(&x->r->stripe_arena, c->nslots);
	if (pl_orc_bool_rle(p, n, bits, c->nslots, &where, x->err))
		return -1;
	size_t ones = 0;
	for (size_t i = 0; i < c->nslots; i++)
		ones += bits[i];
	c->present = bits;
	c->nvalues = ones;
	return 0;
}

static int decode_column(struct col_ctx *x)
{
	struct pl_orc_reader *r = x->r;
	struct pl_orc_col *c = x->c;
	const struct pl_orc_type *t = c->type;
	size_t n, child_slots = 0;
	if (c->skipped)
		return 0;
	if (read_present(x))
		return -1;
	n = c->nvalues;
	switch (t->kind) {
	case PL_ORC_BOOLEAN:
		return read_small(x, 1, n, &c->ints);
	case PL_ORC_BYTE:
		return read_small(x, 0, n, &c->ints);
	case PL_ORC_SHORT: case PL_ORC_INT: case PL_ORC_LONG: case PL_ORC_DATE:
		return read_ints(x, PL_ORC_DATA, 1, n, &c->ints);
	case PL_ORC_FLOAT:
		return read_floats(x, 4, n);
	case PL_ORC_DOUBLE:
		return read_floats(x, 8, n);
	case PL_ORC_STRING: case PL_ORC_VARCHAR: case PL_ORC_CHAR: case PL_ORC_BINARY:
		return read_strings(x, n);
	case PL_ORC_TIMESTAMP: case PL_ORC_TIMESTAMP_INSTANT:
		return read_timestamps(x, n);
	case PL_ORC_DECIMAL:
		return read_decimals(x, n);
	case PL_ORC_LIST: case PL_ORC_MAP:
		if (read_lengths(x, n, &child_slots))
			return -1;
		break;
	case PL_ORC_STRUCT:
		child_slots = n;
		break;
	default:
		/* rejected when the file was opened */
		return pl_err(x->err, PL_ERR_GENERIC, "%s: unsupported ORC type in column %u",
			      r->name, c->id);
	}
	for (size_t k = 0; k < t->nsubtypes; k++)
		r->cols[t->subtypes[k]].nslots = child_slots;
	return 0;
}

static void reset_columns(struct pl_orc_reader *r)
{
	for (size_t i = 0; i < r->ncols; i++) {
		struct pl_orc_col *c = &r->cols[i];
		for (size_t k = 0; k < PL_ORC_NSTREAMS; k++) {
			c->streams[k].found = 0;
			c->streams[k].p = NULL;
			c->streams[k].n = 0;
		}
		c->encoding = c->dictionary_size = 0;
		c->nslots = c->nvalues = 0;
		c->present = NULL;
		c->ints = NULL;
		c->dbls = NULL;
		c->bytes = NULL;
		c->offs = NULL;
		c->dict = 0;
		c->slot = c->val = 0;
		/* a skipped column's subtree is skipped too (ids are pre-order) */
		c->skipped = c->skip || (r->selecting && c->unselected) ||
			(c->parent != UINT32_MAX && r->cols[c->parent].skipped);
	}
}

static int map_streams(struct pl_orc_reader *r, const struct pl_orc_stripe_info *si,
		       const struct pl_orc_stripe_footer *sf, struct pl_error *err)
{
	uint64_t pos = si->offset;
	uint64_t end = si->offset + si->index_length + si->data_length;
	for (size_t i = 0; i < sf->nstreams; i++) {
		const struct pl_orc_stream *s = &sf->streams[i];
		if (s->length > end - pos)
			return pl_err_corrupt(err, r->name, pos,
					      "stream %zu (%s of column %llu): expected %llu bytes within the stripe's %llu index and data bytes",
					      i, pl_orc_stream_kind_name(s->kind),
					      (unsigned long long)s->column,
					      (unsigned long long)s->length,
					      (unsigned long long)(si->index_length + si->data_length));
		if (s->kind < PL_ORC_NSTREAMS && s->kind != PL_ORC_DICTIONARY_COUNT) {
			if (s->column >= r->ncols)
				return pl_err_corrupt(err, r->name, pos,
						      "stream %zu: expected a column id below %zu, found %llu",
						      i, r->ncols, (unsigned long long)s->column);
			struct pl_orc_stream_ref *ref = &r->cols[s->column].streams[s->kind];
			if (ref->found)
				return pl_err_corrupt(err, r->name, pos,
						      "stream %zu: a second %s stream for column %llu",
						      i, pl_orc_stream_kind_name(s->kind),
						      (unsigned long long)s->column);
			ref->found = 1;
			ref->offset = pos;
			ref->length = s->length;
		}
		pos += s->length;
	}
	if (sf->nencodings < r->ncols)
		return pl_err_corrupt(err, r->name, si->offset,
				      "StripeFooter: expected %zu column encodings, found %zu",
				      r->ncols, sf->nencodings);
	for (size_t i = 0; i < r->ncols; i++) {
		r->cols[i].encoding = sf->encodings[i].kind;
		r->cols[i].dictionary_size = sf->encodings[i].dictionary_size;
	}
	return 0;
}

int pl_orc_load_stripe(struct pl_orc_reader *r, size_t index, struct pl_error *err)
{
	const struct pl_orc_stripe_info *si = &r->footer.stripes[index];
	pl_arena_reset(&r->stripe_arena);
	reset_columns(r);
	r->stripe_offset = si->offset;
	r->stripe_rows = 0;
	r->row = 0;

	uint64_t footer_off = si->offset + si->index_length + si->data_length;
	const uint8_t *p;
	size_t n;
	char what[64];
	snprintf(what, sizeof(what), "StripeFooter of stripe %zu", index);
	struct pl_orc_stripe_footer sf;
	if (pl_orc_decompress(r, footer_off, si->footer_length, ORC_MAX_STRIPE_FOOTER,
			      &r->stripe_footer_buf, &p, &n, what, err) ||
	    pl_orc_parse_stripe_footer(p, n, &r->stripe_arena, &sf, r->name, footer_off, err) ||
	    map_streams(r, si, &sf, err))
		return -1;

	size_t budget = ORC_MAX_STRIPE_VALUES;
	r->cols[0].nslots = (size_t)si->rows;
	for (size_t id = 0; id < r->ncols; id++) {
		struct col_ctx x = { r, &r->cols[id], &budget, err };
		if (decode_column(&x))
			return -1;
	}
	r->stripe_rows = (size_t)si->rows;
	return 0;
}
