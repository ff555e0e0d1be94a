/* A cancelled load stops: pl_storage_set_cancel makes every request after
 * the flag rises fail with "cancelled", so reading a big generated table
 * stops within one request (one batch slice) and its error unwinds. The
 * flag is raised by the storage itself after N requests, so the test
 * counts requests instead of timing a thread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/storage.h"
#include "paimon/systables.h"
#include "tests/unit/test.h"

static const struct pl_storage_ops *inner;
static struct pl_storage_ops counting;
static atomic_int flag;
static long requests;
static long cancel_after; /* raise the flag after this many; 0: never */

static void counted(long n)
{
	requests += n;
	if (cancel_after && requests >= cancel_after)
		atomic_store(&flag, 1);
}

static int c_list(struct pl_storage *st, const char *path, struct pl_listing *out,
		  struct pl_error *err)
{
	counted(1);
	return inner->list(st, path, out, err);
}

static int c_read(struct pl_storage *st, const char *path, uint64_t off, uint64_t len,
		  size_t cap, struct pl_buf *out, struct pl_error *err)
{
	counted(1);
	return inner->read(st, path, off, len, cap, out, err);
}

static size_t c_read_batch(struct pl_storage *st, struct pl_read_req *reqs, size_t n)
{
	counted((long)n);
	return inner->read_batch(st, reqs, n);
}

static int c_stat(struct pl_storage *st, const char *path, struct pl_dirent *out,
		  struct pl_error *err)
{
	counted(1);
	return inner->stat(st, path, out, err);
}

static char lake[4096];

/* A table with many manifests: reading its files view takes hundreds of
 * requests. */
static int make_lake(void)
{
	const char *top = getenv("top_builddir");
	char gen[2048], cmd[16384];
	if (!top)
		return -1;
	snprintf(gen, sizeof(gen), "%s/paimon-lens-gen", top);
	snprintf(lake, sizeof(lake), "%s/lake", pl_test_tmpdir());
	snprintf(cmd, sizeof(cmd),
		 "rm -rf '%s' && '%s' --quiet --kind append --databases 1 --tables 1 "
		 "--snapshots 120 --files 4 --partitions 4 --manifest-target-size 2048 --no-data '%s' >/dev/null 2>&1",
		 lake, gen, lake);
	return system(cmd) == 0 ? 0 : -1;
}

/* Opens the lake with counting ops and the flag installed, and builds the
 * files view. Returns the build's result code; err says why. */
static int read_files(long after, struct pl_error *err)
{
	struct pl_storage *st;
	struct pl_systables *t = NULL;
	struct pl_rowset *rs = NULL;
	pl_err_clear(err);
	atomic_store(&flag, 0);
	requests = 0;
	cancel_after = after;
	if (pl_storage_open(lake, NULL, &st, err))
		return -1;
	inner = st->ops;
	counting = *inner;
	counting.list = c_list;
	counting.read = c_read;
	counting.stat = c_stat;
	counting.read_batch = inner->read_batch ? c_read_batch : NULL;
	st->ops = &counting;
	pl_storage_set_cancel(st, &flag);
	char path[4200];
	snprintf(path, sizeof(path), "%s/db0.db/events_0", lake);
	int rc = pl_systables_open(st, path, "db0.events_0", &(struct pl_table_selector){ 0 },
				   &t, err);
	if (!rc)
		rc = pl_systable_build(t, "files", &rs, err);
	pl_rowset_free(rs);
	pl_systables_close(t);
	st->ops = inner;
	pl_storage_close(st);
	return rc;
}

TEST(cancel_stops_a_big_load)
{
	struct pl_error err;
	if (make_lake()) {
		SKIP("paimon-lens-gen cannot make the lake (top_builddir unset?)");
		return;
	}
	CHECK_INT_EQ(read_files(0, &err), 0);
	long whole = requests;
	printf("# uncancelled load: %ld requests\n", whole);
	CHECK(whole >= 100);

	long after = whole / 4;
	CHECK(read_files(after, &err) != 0);
	CHECK_INT_EQ(err.code, PL_ERR_CANCELLED);
	CHECK(strstr(err.msg, "cancelled") != NULL);
	printf("# cancelled after %ld: %ld requests\n", after, requests);
	/* Within one request, or one slice of a batch. */
	CHECK(requests >= after);
	CHECK(requests <= after + PL_CANCEL_SLICE);
}

TEST(cancelled_before_start_reads_nothing)
{
	struct pl_error err;
	if (!lake[0]) {
		SKIP("no lake");
		return;
	}
	struct pl_storage *st;
	CHECK_INT_EQ(pl_storage_open(lake, NULL, &st, &err), 0);
	atomic_int raised;
	atomic_init(&raised, 1);
	pl_storage_set_cancel(st, &raised);
	struct pl_buf buf;
	struct pl_listing l;
	struct pl_dirent d;
	CHECK_INT_EQ(pl_storage_read(st, lake, 0, &buf, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_CANCELLED);
	CHECK_INT_EQ(pl_storage_list(st, lake, &l, &err), -1);
	pl_listing_free(&l);
	CHECK_INT_EQ(pl_storage_stat(st, lake, &d, &err), -1);
	struct pl_read_req req = { .path = lake };
	CHECK_INT_EQ(pl_storage_read_batch(st, &req, 1), 1);
	CHECK_INT_EQ(req.err.code, PL_ERR_CANCELLED);
	pl_storage_close(st);
}

int main(void)
{
	RUN(cancel_stops_a_big_load);
	RUN(cancelled_before_start_reads_nothing);
	return pl_test_done();
}
