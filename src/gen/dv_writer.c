#include <zlib.h>

#include "gen/dv_writer.h"

#define ROARING_SERIAL_COOKIE_NO_RUNCONTAINER 12346
#define ROARING_ARRAY_MAX 4096
#define DV_MAGIC 1581511376u

static void le16(struct pl_strbuf *sb, uint32_t v)
{
	char b[2] = { (char)v, (char)(v >> 8) };
	pl_strbuf_add(sb, b, 2);
}

static void le32(struct pl_strbuf *sb, uint32_t v)
{
	char b[4] = { (char)v, (char)(v >> 8), (char)(v >> 16), (char)(v >> 24) };
	pl_strbuf_add(sb, b, 4);
}

static void be32(struct pl_strbuf *sb, uint32_t v)
{
	char b[4] = { (char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v };
	pl_strbuf_add(sb, b, 4);
}

void gen_roaring_serialize(struct pl_strbuf *sb, const uint32_t *pos, size_t n)
{
	/* containers: runs of equal high 16 bits */
	size_t nc = 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || (pos[i] >> 16) != (pos[i - 1] >> 16))
			nc++;
	le32(sb, ROARING_SERIAL_COOKIE_NO_RUNCONTAINER);
	le32(sb, (uint32_t)nc);
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && (pos[j] >> 16) == (pos[i] >> 16))
			j++;
		le16(sb, pos[i] >> 16);
		le16(sb, (uint32_t)(j - i - 1));
		i = j;
	}
	uint32_t off = 8 + 4 * (uint32_t)nc + 4 * (uint32_t)nc;
	for (i = 0; i < n;) {
		size_t j = i;
		while (j < n && (pos[j] >> 16) == (pos[i] >> 16))
			j++;
		le32(sb, off);
		off += (j - i) > ROARING_ARRAY_MAX ? 8192 : 2 * (uint32_t)(j - i);
		i = j;
	}
	for (i = 0; i < n;) {
		size_t j = i;
		while (j < n && (pos[j] >> 16) == (pos[i] >> 16))
			j++;
		if (j - i > ROARING_ARRAY_MAX) {
			uint64_t words[1024] = { 0 };
			for (size_t k = i; k < j; k++)
				words[(pos[k] & 0xffff) >> 6] |= 1ULL << (pos[k] & 63);
			for (int w = 0; w < 1024; w++) {
				le32(sb, (uint32_t)words[w]);
				le32(sb, (uint32_t)(words[w] >> 32));
			}
		} else {
			for (size_t k = i; k < j; k++)
				le16(sb, pos[k] & 0xffff);
		}
		i = j;
	}
}

void gen_dv_file_begin(struct pl_strbuf *file)
{
	pl_strbuf_reset(file);
	pl_strbuf_addch(file, 1);
}

void gen_dv_file_add(struct pl_strbuf *file, const uint32_t *pos, size_t n, int32_t *offset,
		     int32_t *length)
{
	*offset = (int32_t)file->len;
	struct pl_strbuf body = PL_STRBUF_INIT;
	be32(&body, DV_MAGIC);
	gen_roaring_serialize(&body, pos, n);
	be32(file, (uint32_t)body.len);
	pl_strbuf_add(file, body.buf, body.len);
	uLong crc = crc32(0L, (const Bytef *)body.buf, (uInt)body.len);
	be32(file, (uint32_t)crc);
	*length = (int32_t)body.len;
	pl_strbuf_free(&body);
}
