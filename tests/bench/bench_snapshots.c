/* Snapshot history: every snapshot of a table listed and parsed, against a
 * plain loop reading the same files' bytes (the floor).
 *
 *   bench_snapshots [--repeat N] TABLE_PATH */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "io/storage.h"
#include "paimon/table.h"
#include "util/alloc.h"

static void die(const char *what, const struct pl_error *err)
{
	fprintf(stderr, "bench_snapshots: %s: %s\n", what, err ? err->msg : "failed");
	exit(1);
}

/* Open, list and parse every snapshot through the reader's own path. */
static double history_once(struct pl_storage *st, const char *table, size_t *n, size_t *bad)
{
	struct pl_table *t;
	struct pl_error err;
	const struct pl_snapshot_slot *slots;
	double t0 = bench_wall();
	if (pl_table_open_path(st, table, NULL, &t, &err))
		die(table, &err);
	if (pl_table_snapshots(t, 0, &slots, n, &err))
		die("snapshots", &err);
	double wall = bench_wall() - t0;
	*bad = 0;
	for (size_t k = 0; k < *n; k++)
		*bad += !slots[k].snap;
	pl_table_close(t);
	return wall;
}

int main(int argc, char **argv)
{
	int repeat = 3, argi = 1;
	if (argi + 1 < argc && !strcmp(argv[argi], "--repeat")) {
		repeat = atoi(argv[argi + 1]);
		argi += 2;
	}
	if (argi + 1 != argc || repeat < 1) {
		fprintf(stderr, "usage: bench_snapshots [--repeat N] TABLE_PATH\n");
		return 2;
	}
	const char *table = argv[argi];
	struct pl_storage *st;
	struct pl_error err;
	if (pl_storage_local_open(table, &st, &err))
		die(table, &err);

	size_t n = 0, bad = 0;
	double best = 0;
	for (int r = 0; r < repeat; r++) {
		double w = history_once(st, table, &n, &bad);
		if (!r || w < best)
			best = w;
	}

	/* Floor: list the folder, then read each file's bytes, nothing parsed. */
	char *dir = pl_path_join_dup(table, "snapshot");
	double floor = 0;
	size_t files = 0;
	for (int r = 0; r < repeat; r++) {
		double t0 = bench_wall();
		struct pl_listing l;
		if (pl_storage_list(st, dir, &l, &err))
			die(dir, &err);
		files = 0;
		for (size_t k = 0; k < l.n; k++) {
			if (strncmp(l.items[k].name, "snapshot-", 9))
				continue;
			char *p = pl_path_join_dup(dir, l.items[k].name);
			struct pl_buf b;
			if (pl_storage_read(st, p, 0, &b, &err))
				die(p, &err);
			pl_buf_free(&b);
			free(p);
			files++;
		}
		pl_listing_free(&l);
		double w = bench_wall() - t0;
		if (!r || w < floor)
			floor = w;
	}
	free(dir);

	bench_note("%s: %zu snapshots (%zu unreadable), %zu files read by the floor", table, n,
		   bad, files);
	bench_result("snapshots.count", (double)n, "snapshots");
	bench_result("snapshots.wall", best, "s");
	bench_result("snapshots.per_s", n / best, "1/s");
	bench_result("snapshots.floor_read", floor, "s");
	bench_result("snapshots.ratio_to_read", best / floor, "x");
	pl_storage_close(st);
	return bad ? 1 : 0;
}
