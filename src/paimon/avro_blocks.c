/* Avro blocks: the framing of one block (record count, byte size, payload,
 * sync marker) with its payload decompressed, and reading them ahead of
 * the decoder on a second thread. Decompressing a manifest's blocks costs
 * about as much as decoding its records, so with read-ahead a big manifest
 * loads in about the time of the larger of the two instead of their sum.
 * The blocks and their errors are the same either way. */
#include "paimon/avro_internal.h"
#include "paimon/records.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "util/alloc.h"

int avro_file_long(const struct avro_file *f, size_t *pos, int64_t *out, const char *what,
		   struct pl_error *err)
{
	struct avro_cursor c;
	c.p = f->data + *pos;
	c.end = f->data + f->len;
	c.base = f->data;
	c.npath = 0;
	if (avro_read_long(&c, out))
		return pl_err_corrupt(err, f->name, *pos, "expected %s: %s", what, c.what);
	*pos = (size_t)(c.p - f->data);
	return 0;
}

int avro_block_read(const struct avro_file *f, size_t pos, struct pl_bytes *buf,
		    struct avro_block *b, struct pl_error *err)
{
	if (pos >= f->len)
		return 0;
	int64_t count, size;
	b->off = pos;
	if (avro_file_long(f, &pos, &count, "a block record count", err) ||
	    avro_file_long(f, &pos, &size, "a block byte size", err))
		return -1;
	if (count < 0)
		return pl_err_corrupt(err, f->name, b->off,
				      "expected a non-negative block record count, got %lld",
				      (long long)count);
	if (size < 0 || (uint64_t)size + AVRO_SYNC_LEN > f->len - pos)
		return pl_err_corrupt(err, f->name, b->off,
				      "block of %lld bytes plus sync marker runs past the end of the file (%zu bytes left)",
				      (long long)size, f->len - pos);
	const uint8_t *payload = f->data + pos;
	size_t n = (size_t)size;
	if (memcmp(payload + n, f->sync, AVRO_SYNC_LEN) != 0)
		return pl_err_corrupt(err, f->name, pos + n,
				      "expected the file's sync marker after the block at offset %llu",
				      (unsigned long long)b->off);
	b->next = pos + n + AVRO_SYNC_LEN;
	b->count = count;
	if (f->codec == PL_CODEC_NONE) {
		b->data = payload;
		b->len = n;
		return 1;
	}
	size_t body = n;
	if (f->codec == PL_CODEC_SNAPPY) {
		/* Avro appends a big-endian CRC-32 of the uncompressed data. */
		if (n < 4)
			return pl_err_corrupt(err, f->name, pos,
					      "expected a snappy block and its 4-byte CRC, found %zu bytes", n);
		body = n - 4;
	}
	if (pl_decompress(f->codec, payload, body, 0, AVRO_MAX_BLOCK, buf, f->name, pos, err))
		return -1;
	if (f->codec == PL_CODEC_SNAPPY) {
		const uint8_t *t = payload + body;
		uint32_t want = (uint32_t)t[0] << 24 | (uint32_t)t[1] << 16 | (uint32_t)t[2] << 8 | t[3];
		uint32_t got = (uint32_t)crc32(0L, buf->data, (uInt)buf->len);
		if (got != want)
			return pl_err_corrupt(err, f->name, pos + body,
					      "snappy block CRC-32 mismatch (stored %08x, computed %08x)",
					      want, got);
	}
	b->data = buf->data;
	b->len = buf->len;
	return 1;
}

/* ---- read-ahead ------------------------------------------------------- */

/* Threads that may decode beside the caller: -1 until set or first asked
 * (then $PAIMON_LENS_THREADS, else the machine's online CPUs decide). */
static atomic_int decode_threads = -1;

void pl_record_readers_set_threads(int n)
{
	atomic_store(&decode_threads, n < 1 ? 1 : n);
}

int pl_record_readers_threads(void)
{
	int n = atomic_load(&decode_threads);
	if (n >= 0)
		return n;
	const char *env = getenv("PAIMON_LENS_THREADS");
	char *end;
	long v = env && *env ? strtol(env, &end, 10) : 0;
	if (env && *env && !*end && v >= 1 && v <= 1024)
		n = (int)v;
	else
		n = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
	atomic_store(&decode_threads, n);
	return n;
}

/* Blocks decompressed ahead: enough to ride out an uneven block, few
 * enough that memory stays a few blocks per open file. */
#define AHEAD_SLOTS 4
/* Smaller compressed files are not worth a thread. */
#define AHEAD_MIN_FILE ((size_t)1 << 20)

struct ahead_slot {
	struct pl_bytes buf;
	struct avro_block b;
	int rc;
	struct pl_error err;
};

struct avro_ahead {
	const struct avro_file *f;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct ahead_slot slots[AHEAD_SLOTS];
	size_t produced;       /* slots the worker has filled */
	size_t consumed;       /* slots the reader has given back */
	int held;              /* the reader is using slots[consumed % N] */
	int done_rc;           /* after the end or an error: what to repeat */
	int done;
	int stop;
	size_t start;
};

static void *ahead_worker(void *arg)
{
	struct avro_ahead *a = arg;
	size_t pos = a->start;
	for (;;) {
		pthread_mutex_lock(&a->mu);
		while (!a->stop && a->produced - a->consumed >= AHEAD_SLOTS)
			pthread_cond_wait(&a->cv, &a->mu);
		if (a->stop) {
			pthread_mutex_unlock(&a->mu);
			return NULL;
		}
		struct ahead_slot *s = &a->slots[a->produced % AHEAD_SLOTS];
		pthread_mutex_unlock(&a->mu);
		/* The slot is the worker's until produced moves past it. */
		pl_err_clear(&s->err);
		s->rc = avro_block_read(a->f, pos, &s->buf, &s->b, &s->err);
		if (s->rc == 1)
			pos = s->b.next;
		pthread_mutex_lock(&a->mu);
		a->produced++;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
		if (s->rc != 1)
			return NULL;
	}
}

struct avro_ahead *avro_ahead_start(const struct avro_file *f, size_t pos)
{
	if (f->codec == PL_CODEC_NONE || f->len < AHEAD_MIN_FILE ||
	    pl_record_readers_threads() < 2)
		return NULL;
	struct avro_ahead *a = pl_calloc(1, sizeof(*a));
	a->f = f;
	a->start = pos;
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cv, NULL);
	if (pthread_create(&a->thread, NULL, ahead_worker, a) != 0) {
		pthread_mutex_destroy(&a->mu);
		pthread_cond_destroy(&a->cv);
		free(a);
		return NULL;   /* read in line instead */
	}
	return a;
}

int avro_ahead_next(struct avro_ahead *a, struct avro_block *b, struct pl_error *err)
{
	if (a->done) {
		if (a->done_rc < 0 && err)
			*err = a->slots[a->consumed % AHEAD_SLOTS].err;
		return a->done_rc;
	}
	pthread_mutex_lock(&a->mu);
	if (a->held) {
		a->consumed++;
		a->held = 0;
		pthread_cond_broadcast(&a->cv);
	}
	while (a->produced == a->consumed)
		pthread_cond_wait(&a->cv, &a->mu);
	struct ahead_slot *s = &a->slots[a->consumed % AHEAD_SLOTS];
	pthread_mutex_unlock(&a->mu);
	if (s->rc == 1) {
		*b = s->b;
		a->held = 1;
		return 1;
	}
	a->done = 1;
	a->done_rc = s->rc;
	if (s->rc < 0 && err)
		*err = s->err;
	return s->rc;
}

void avro_ahead_stop(struct avro_ahead *a)
{
	if (!a)
		return;
	pthread_mutex_lock(&a->mu);
	a->stop = 1;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->thread, NULL);
	for (size_t i = 0; i < AHEAD_SLOTS; i++)
		pl_bytes_free(&a->slots[i].buf);
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->cv);
	free(a);
}
