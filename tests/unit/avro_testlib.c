/* Shared by the Avro tests: writing small Avro files byte by byte and
 * reading them back through the back-end entry point. */
#include "avro_testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void put(struct wbuf *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 64;
		b->d = realloc(b->d, b->cap);
	}
	if (n)
		memcpy(b->d + b->n, p, n);
	b->n += n;
}

void put_byte(struct wbuf *b, uint8_t c)
{
	put(b, &c, 1);
}

void put_long(struct wbuf *b, int64_t v)
{
	uint64_t z = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
	while (z >= 0x80) {
		put_byte(b, (uint8_t)(z | 0x80));
		z >>= 7;
	}
	put_byte(b, (uint8_t)z);
}

void put_blob(struct wbuf *b, const void *p, size_t n)
{
	put_long(b, (int64_t)n);
	put(b, p, n);
}

void put_str(struct wbuf *b, const char *s)
{
	put_blob(b, s, strlen(s));
}

void put_float(struct wbuf *b, float f)
{
	uint32_t bits;
	memcpy(&bits, &f, 4);
	for (int i = 0; i < 4; i++)
		put_byte(b, (uint8_t)(bits >> (8 * i)));
}

void put_double(struct wbuf *b, double d)
{
	uint64_t bits;
	memcpy(&bits, &d, 8);
	for (int i = 0; i < 8; i++)
		put_byte(b, (uint8_t)(bits >> (8 * i)));
}

const uint8_t test_sync[16] = "0123456789abcdef";

void put_header(struct wbuf *b, const char *schema, const char *codec)
{
	put(b, "Obj\x01", 4);
	put_long(b, codec ? 2 : 1);
	put_str(b, "avro.schema");
	put_str(b, schema);
	if (codec) {
		put_str(b, "avro.codec");
		put_str(b, codec);
	}
	put_long(b, 0);
	put(b, test_sync, 16);
}

void put_block(struct wbuf *b, int64_t count, const uint8_t *payload, size_t n)
{
	put_long(b, count);
	put_long(b, (int64_t)n);
	put(b, payload, n);
	put(b, test_sync, 16);
}

/* ---- reading ---- */

int rd_open(struct rd *r, const struct wbuf *b, const char *name, struct pl_error *err)
{
	return pl_avro_reader_open(b->d, b->n, name, &r->impl, &r->ops, err);
}

int rd_next(struct rd *r, const struct pl_value **row, struct pl_error *err)
{
	return r->ops->next(r->impl, row, err);
}

void rd_close(struct rd *r)
{
	if (r->ops)
		r->ops->close(r->impl);
	r->ops = NULL;
}

/* Reads every record; returns the count or -1. */
long read_all(const uint8_t *d, size_t n, const char *name, struct pl_error *err)
{
	void *impl;
	const struct pl_record_reader_ops *ops;
	if (pl_avro_reader_open(d, n, name, &impl, &ops, err))
		return -1;
	long count = 0;
	const struct pl_value *row;
	int rc;
	while ((rc = ops->next(impl, &row, err)) == 1)
		count++;
	ops->close(impl);
	return rc < 0 ? -1 : count;
}

int str_is(const struct pl_value *v, const char *s)
{
	return v && (v->kind == PL_VK_STRING || v->kind == PL_VK_BYTES) &&
	       v->u.bytes.n == strlen(s) && memcmp(v->u.bytes.p, s, v->u.bytes.n) == 0;
}

int64_t int_of(const struct pl_value *v)
{
	return v && (v->kind == PL_VK_INT || v->kind == PL_VK_TIMESTAMP_MS) ? v->u.i : -999999;
}

const struct pl_value *F(const struct pl_value *rec, const char *name)
{
	return pl_value_field(rec, name);
}

int contains(const char *hay, const char *needle)
{
	int ok = strstr(hay, needle) != NULL;
	if (!ok)
		printf("# \"%s\" not in \"%s\"\n", needle, hay);
	return ok;
}

/* ---- a file of every type (test_avro, test_avro_select) ---- */

const char all_types_schema[] =
	"{\"type\":\"record\",\"name\":\"T\",\"namespace\":\"t\",\"fields\":["
	"{\"name\":\"b\",\"type\":\"boolean\"},"
	"{\"name\":\"i\",\"type\":\"int\"},"
	"{\"name\":\"l\",\"type\":\"long\"},"
	"{\"name\":\"f\",\"type\":\"float\"},"
	"{\"name\":\"d\",\"type\":\"double\"},"
	"{\"name\":\"s\",\"type\":\"string\"},"
	"{\"name\":\"by\",\"type\":\"bytes\"},"
	"{\"name\":\"fx\",\"type\":{\"type\":\"fixed\",\"name\":\"F3\",\"size\":3}},"
	"{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"Color\",\"symbols\":[\"RED\",\"GREEN\",\"BLUE\"]}},"
	"{\"name\":\"ts\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},"
	"{\"name\":\"tsu\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}},"
	"{\"name\":\"dt\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"}},"
	"{\"name\":\"arr\",\"type\":{\"type\":\"array\",\"items\":\"long\"}},"
	"{\"name\":\"m\",\"type\":{\"type\":\"map\",\"values\":\"int\"}},"
	"{\"name\":\"n1\",\"type\":[\"null\",\"string\"],\"default\":null},"
	"{\"name\":\"n2\",\"type\":[\"string\",\"null\"]},"
	"{\"name\":\"u\",\"type\":[\"int\",\"string\",\"null\"]},"
	"{\"name\":\"sub\",\"type\":{\"type\":\"record\",\"name\":\"Sub\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}},"
	"{\"name\":\"sub2\",\"type\":\"Sub\"},"
	"{\"name\":\"sub3\",\"type\":[\"null\",\"t.Sub\"]},"
	"{\"name\":\"fx2\",\"type\":\"F3\"},"
	"{\"name\":\"e2\",\"type\":\"Color\"},"
	"{\"name\":\"nul\",\"type\":\"null\"},"
	"{\"name\":\"lts\",\"type\":{\"type\":\"long\",\"logicalType\":\"local-timestamp-micros\"}}"
	"]}";

void put_all_types_record1(struct wbuf *p)
{
	put_byte(p, 1);                 /* b */
	put_long(p, -5);                /* i */
	put_long(p, 1234567890123LL);   /* l */
	put_float(p, 1.5f);
	put_double(p, -2.25);
	put_str(p, "h\xc3\xa9llo");
	put_blob(p, "\x00\x01\x02", 3);
	put(p, "abc", 3);               /* fx */
	put_long(p, 2);                 /* e = BLUE */
	put_long(p, 1700000000123LL);   /* ts */
	put_long(p, -1500);             /* tsu: -1.5 ms floors to -2 */
	put_long(p, 19000);             /* dt */
	put_long(p, 2);                 /* arr: block of 2 */
	put_long(p, 1);
	put_long(p, 2);
	put_long(p, -1);                /* block of 1 with a byte size */
	put_long(p, 1);
	put_long(p, 3);
	put_long(p, 0);
	put_long(p, 1);                 /* m: {"k": 7} */
	put_str(p, "k");
	put_long(p, 7);
	put_long(p, 0);
	put_long(p, 0);                 /* n1 null */
	put_long(p, 0);                 /* n2 branch 0: string */
	put_str(p, "yes");
	put_long(p, 1);                 /* u branch 1: string */
	put_str(p, "str");
	put_long(p, 9);                 /* sub.x */
	put_long(p, 10);                /* sub2.x */
	put_long(p, 1);                 /* sub3 branch 1 */
	put_long(p, 11);
	put(p, "xyz", 3);               /* fx2 */
	put_long(p, 0);                 /* e2 = RED */
	put_long(p, 2500000);           /* lts: 2500 ms */
}

void put_all_types_record2(struct wbuf *p)
{
	put_byte(p, 0);
	put_long(p, 0);
	put_long(p, -1);
	put_float(p, 0);
	put_double(p, 0);
	put_str(p, "");
	put_blob(p, "", 0);
	put(p, "\0\0\0", 3);
	put_long(p, 1);
	put_long(p, 0);
	put_long(p, 0);
	put_long(p, 0);
	put_long(p, 0);                 /* arr [] */
	put_long(p, 0);                 /* m {} */
	put_long(p, 1);                 /* n1 "v" */
	put_str(p, "v");
	put_long(p, 1);                 /* n2 null */
	put_long(p, 0);                 /* u branch 0: int 42 */
	put_long(p, 42);
	put_long(p, 1);
	put_long(p, 2);
	put_long(p, 0);                 /* sub3 null */
	put(p, "xyz", 3);
	put_long(p, 1);
	put_long(p, 0);
}
