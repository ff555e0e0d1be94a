/* Read-ahead: the blocks of a big zstd file decompressed on a second
 * thread give the same records, and the same errors at the same record,
 * as reading them in line; a reader closed halfway stops its thread. */
#include "test.h"
#include "avro_testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zstd.h>

static const char schema[] =
	"{\"type\":\"record\",\"name\":\"R\",\"fields\":["
	"{\"name\":\"id\",\"type\":\"long\"},"
	"{\"name\":\"text\",\"type\":\"string\"}]}";

#define BLOCKS 64
#define PER_BLOCK 100

/* A file of BLOCKS zstd blocks of PER_BLOCK records with text that does
 * not compress away, well over the read-ahead threshold. Offsets of the
 * blocks' sync markers go to sync_at. */
static void big_file(struct wbuf *f, size_t *sync_at)
{
	static uint8_t comp[1 << 20];
	uint32_t seed = 12345;
	put_header(f, schema, "zstandard");
	for (int b = 0; b < BLOCKS; b++) {
		struct wbuf p = { 0 };
		for (int k = 0; k < PER_BLOCK; k++) {
			char text[300];
			for (size_t i = 0; i + 1 < sizeof(text); i++) {
				seed = seed * 1103515245u + 12345u;
				text[i] = (char)('a' + (seed >> 16) % 26);
			}
			text[sizeof(text) - 1] = 0;
			put_long(&p, (int64_t)b * PER_BLOCK + k);
			put_str(&p, text);
		}
		size_t n = ZSTD_compress(comp, sizeof(comp), p.d, p.n, 1);
		put_block(f, PER_BLOCK, comp, n);
		sync_at[b] = f->n - 16;
		free(p.d);
	}
}

/* Reads every record; returns the count, *sum of ids and text bytes, and
 * the error message when reading failed. */
static long read_file(const struct wbuf *f, int threads, uint64_t *sum, char *msg, size_t cap)
{
	struct pl_record_reader *r;
	struct pl_error err = { 0 };
	const struct pl_value *row;
	long n = 0;
	int rc;
	pl_record_readers_set_threads(threads);
	*sum = 0;
	msg[0] = 0;
	if (pl_record_reader_open(f->d, f->n, "big.avro", &r, &err))
		return -1;
	while ((rc = pl_record_reader_next(r, &row, &err)) == 1) {
		*sum += (uint64_t)int_of(F(row, "id"));
		const struct pl_value *t = F(row, "text");
		for (size_t i = 0; i < t->u.bytes.n; i++)
			*sum += t->u.bytes.p[i];
		n++;
	}
	if (rc < 0)
		snprintf(msg, cap, "%s", err.msg);
	/* After the end or an error the answer repeats. */
	CHECK_INT_EQ(pl_record_reader_next(r, &row, &err), rc);
	pl_record_reader_close(r);
	return n;
}

TEST(same_records_with_and_without_read_ahead)
{
	struct wbuf f = { 0 };
	size_t sync_at[BLOCKS];
	big_file(&f, sync_at);
	CHECK(f.n > ((size_t)1 << 20));
	uint64_t s1, s2;
	char m1[1024], m2[1024];
	CHECK_INT_EQ(read_file(&f, 1, &s1, m1, sizeof(m1)), BLOCKS * PER_BLOCK);
	CHECK_INT_EQ(read_file(&f, 2, &s2, m2, sizeof(m2)), BLOCKS * PER_BLOCK);
	CHECK(s1 == s2);
	CHECK_STR_EQ(m2, "");

	/* A broken sync marker after block 40: the same 40 blocks, then the
	 * same error. */
	f.d[sync_at[40] + 3] ^= 0x55;
	long n1 = read_file(&f, 1, &s1, m1, sizeof(m1));
	long n2 = read_file(&f, 2, &s2, m2, sizeof(m2));
	CHECK_INT_EQ(n1, 40 * PER_BLOCK);
	CHECK_INT_EQ(n2, n1);
	CHECK(s1 == s2);
	CHECK(contains(m1, "sync marker"));
	CHECK_STR_EQ(m2, m1);
	f.d[sync_at[40] + 3] ^= 0x55;

	/* A corrupt zstd payload in block 7. */
	f.d[sync_at[6] + 16 + 8] ^= 0xff;
	n1 = read_file(&f, 1, &s1, m1, sizeof(m1));
	n2 = read_file(&f, 2, &s2, m2, sizeof(m2));
	CHECK_INT_EQ(n2, n1);
	CHECK(n1 <= 7 * PER_BLOCK);
	CHECK(m1[0] != 0);
	CHECK_STR_EQ(m2, m1);
	free(f.d);
	pl_record_readers_set_threads(2);
}

TEST(closed_halfway)
{
	struct wbuf f = { 0 };
	size_t sync_at[BLOCKS];
	big_file(&f, sync_at);
	pl_record_readers_set_threads(2);
	for (int stop_after = 0; stop_after < 400; stop_after += 99) {
		struct pl_record_reader *r;
		struct pl_error err;
		const struct pl_value *row;
		CHECK_INT_EQ(pl_record_reader_open(f.d, f.n, "big.avro", &r, &err), 0);
		for (int k = 0; k < stop_after; k++)
			CHECK_INT_EQ(pl_record_reader_next(r, &row, &err), 1);
		pl_record_reader_close(r);
	}
	free(f.d);
}

int main(void)
{
	RUN(same_records_with_and_without_read_ahead);
	RUN(closed_halfway);
	return pl_test_done();
}
