#include <string.h>

#include "gen/binrow_writer.h"

/* The arity prefix sits in front of the row; slot offsets count from the
 * row start, after it. */
#define PREFIX 4

static uint8_t *slot(struct gen_binrow *r, uint32_t i)
{
	return (uint8_t *)r->buf.buf + PREFIX + r->null_bytes + 8 * (size_t)i;
}

static void put_le64(uint8_t *p, uint64_t v)
{
	for (int k = 0; k < 8; k++)
		p[k] = (uint8_t)(v >> (8 * k));
}

void gen_binrow_begin(struct gen_binrow *r, uint32_t arity)
{
	r->arity = arity;
	r->null_bytes = ((arity + 63 + 8) / 64) * 8;
	size_t n = PREFIX + r->null_bytes + 8 * (size_t)arity;
	pl_strbuf_reset(&r->buf);
	static const uint8_t zeros[64];
	while (r->buf.len < n) {
		size_t k = n - r->buf.len;
		pl_strbuf_add(&r->buf, zeros, k < sizeof(zeros) ? k : sizeof(zeros));
	}
	uint8_t *p = (uint8_t *)r->buf.buf;
	p[0] = (uint8_t)(arity >> 24);
	p[1] = (uint8_t)(arity >> 16);
	p[2] = (uint8_t)(arity >> 8);
	p[3] = (uint8_t)arity;
}

void gen_binrow_set_null(struct gen_binrow *r, uint32_t i)
{
	uint8_t *row = (uint8_t *)r->buf.buf + PREFIX;
	row[(i + 8) >> 3] |= (uint8_t)(1u << ((i + 8) & 7));
	memset(slot(r, i), 0, 8);
}

void gen_binrow_set_bool(struct gen_binrow *r, uint32_t i, int v)
{
	uint8_t *s = slot(r, i);
	memset(s, 0, 8);
	s[0] = v ? 1 : 0;
}

void gen_binrow_set_int(struct gen_binrow *r, uint32_t i, int32_t v)
{
	uint8_t *s = slot(r, i);
	memset(s, 0, 8);
	uint32_t u = (uint32_t)v;
	for (int k = 0; k < 4; k++)
		s[k] = (uint8_t)(u >> (8 * k));
}

void gen_binrow_set_long(struct gen_binrow *r, uint32_t i, int64_t v)
{
	put_le64(slot(r, i), (uint64_t)v);
}

void gen_binrow_set_string(struct gen_binrow *r, uint32_t i, const char *str, size_t n)
{
	if (n <= 7) {
		uint8_t *s = slot(r, i);
		memset(s, 0, 8);
		if (n)
			memcpy(s, str, n);
		s[7] = (uint8_t)(0x80 | n);
		return;
	}
	size_t offset = r->buf.len - PREFIX;
	pl_strbuf_add(&r->buf, str, n);
	static const uint8_t zeros[8];
	if (n % 8)
		pl_strbuf_add(&r->buf, zeros, 8 - n % 8);
	/* slot() after the add: the buffer may have moved */
	put_le64(slot(r, i), ((uint64_t)offset << 32) | (uint64_t)n);
}

void gen_binrow_free(struct gen_binrow *r)
{
	pl_strbuf_free(&r->buf);
}
