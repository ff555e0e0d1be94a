/* Local reads: whole files of a megabyte or more come back as private
 * mappings (same bytes, a NUL after the last one, writable without
 * touching the file), everything else as heap buffers, through one read
 * and through a batch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/storage.h"
#include "tests/unit/test.h"

static char *write_file(const char *name, size_t size)
{
	static char path[4][1024];
	static int next;
	char *p = path[next++ % 4];
	snprintf(p, sizeof(path[0]), "%s/%s", pl_test_tmpdir(), name);
	FILE *f = fopen(p, "wb");
	for (size_t i = 0; f && i < size; i++)
		fputc((int)(i * 7 % 251), f);
	if (f)
		fclose(f);
	return p;
}

static int bytes_ok(const struct pl_buf *b, size_t size, size_t offset)
{
	if (b->len != size || b->data[size] != 0)
		return 0;
	for (size_t i = 0; i < size; i++)
		if (b->data[i] != (uint8_t)((i + offset) * 7 % 251))
			return 0;
	return 1;
}

TEST(whole_reads_map_big_files)
{
	static const struct { size_t size; int mapped; } cases[] = {
		{ 100, 0 },
		{ ((size_t)1 << 20) + 3, 1 },
		{ (size_t)1 << 20, 0 },              /* a whole number of pages: no room for the NUL */
		{ ((size_t)3 << 20) + 4097, 1 },
	};
	struct pl_storage *st;
	struct pl_error err;
	CHECK_INT_EQ(pl_storage_open(pl_test_tmpdir(), NULL, &st, &err), 0);
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		char name[32];
		snprintf(name, sizeof(name), "f%zu", k);
		const char *path = write_file(name, cases[k].size);
		struct pl_buf b;
		CHECK_INT_EQ(pl_storage_read(st, path, 0, &b, &err), 0);
		CHECK(bytes_ok(&b, cases[k].size, 0));
		CHECK_INT_EQ(b.mapped != 0, cases[k].mapped);
		/* Private: changing the buffer leaves the file alone. */
		b.data[0] ^= 0xff;
		pl_buf_free(&b);
		CHECK(b.data == NULL && b.len == 0 && b.mapped == 0);
		struct pl_read_req req = { .path = path, .length = PL_READ_WHOLE };
		CHECK_INT_EQ(pl_storage_read_batch(st, &req, 1), 0);
		CHECK(bytes_ok(&req.out, cases[k].size, 0));
		CHECK_INT_EQ(req.out.mapped != 0, cases[k].mapped);
		pl_read_req_free(&req, 1);
		/* A range is never mapped. */
		struct pl_read_req part = { .path = path, .offset = 10, .length = cases[k].size - 20 };
		CHECK_INT_EQ(pl_storage_read_batch(st, &part, 1), 0);
		CHECK(bytes_ok(&part.out, cases[k].size - 20, 10));
		CHECK_INT_EQ(part.out.mapped, 0);
		pl_read_req_free(&part, 1);
	}
	pl_storage_close(st);
}

int main(void)
{
	RUN(whole_reads_map_big_files);
	return pl_test_done();
}
