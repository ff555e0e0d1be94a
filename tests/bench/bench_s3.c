/* Object storage: every snapshot of a table loaded over S3 through the
 * reader's own batched path (curl multi, --max-parallel P for each P given),
 * against a sequential loop of the same requests (list, then one GET after
 * the other). bench_s3.sh runs it against Swift, directly and through a
 * proxy that adds a delay to every request.
 *
 *   bench_s3 [--repeat N] [--label L] --endpoint URL TABLE_URI P...
 *   bench_s3 --endpoint URL --walk WAREHOUSE_URI   (catalog walk, once)
 *
 * The local cache is off: every run downloads. Results are named
 * L.pP, L.parallel (the best P), L.sequential and L.speedup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "io/storage.h"
#include "paimon/catalog.h"
#include "paimon/table.h"

static void die(const char *what, const struct pl_error *err)
{
	fprintf(stderr, "bench_s3: %s: %s\n", what, err ? err->msg : "failed");
	exit(1);
}

static struct pl_storage *open_store(const char *uri, const char *endpoint, int parallel)
{
	struct pl_storage_options o = { .endpoint = endpoint, .path_style = 1,
					.max_parallel = parallel, .no_cache = 1 };
	struct pl_storage *st;
	struct pl_error err;
	if (pl_storage_open(uri, &o, &st, &err))
		die(uri, &err);
	return st;
}

/* The browser's and `show snapshots`' path: open, list, batch-read, parse. */
static double load_parallel(const char *uri, const char *endpoint, int parallel, size_t *n)
{
	struct pl_storage *st = open_store(uri, endpoint, parallel);
	struct pl_table *t;
	struct pl_error err;
	const struct pl_snapshot_slot *slots;
	double t0 = bench_wall();
	if (pl_table_open_path(st, st->root, NULL, &t, &err))
		die(uri, &err);
	if (pl_table_snapshots(t, 0, &slots, n, &err))
		die("snapshots", &err);
	double wall = bench_wall() - t0;
	for (size_t k = 0; k < *n; k++)
		if (!slots[k].snap)
			die("a snapshot", &slots[k].err);
	pl_table_close(t);
	pl_storage_close(st);
	return wall;
}

/* The peer: the snapshot folder listed, then each file fetched in turn
 * (one connection, one request at a time), nothing parsed. */
static double load_sequential(const char *uri, const char *endpoint, size_t *n)
{
	struct pl_storage *st = open_store(uri, endpoint, 1);
	struct pl_error err;
	struct pl_listing l;
	char *dir = pl_path_join_dup(st->root, "snapshot");
	double t0 = bench_wall();
	if (pl_storage_list(st, dir, &l, &err))
		die(dir, &err);
	*n = 0;
	for (size_t k = 0; k < l.n; k++) {
		if (strncmp(l.items[k].name, "snapshot-", 9))
			continue;
		char *p = pl_path_join_dup(dir, l.items[k].name);
		struct pl_buf b;
		if (pl_storage_read(st, p, 0, &b, &err))
			die(p, &err);
		pl_buf_free(&b);
		free(p);
		(*n)++;
	}
	double wall = bench_wall() - t0;
	pl_listing_free(&l);
	free(dir);
	pl_storage_close(st);
	return wall;
}

/* Databases and tables as the browser's catalog view lists them; the
 * caller counts the requests this made at the proxy. */
static int walk(const char *uri, const char *endpoint)
{
	struct pl_storage *st = open_store(uri, endpoint, 16);
	struct pl_arena arena;
	struct pl_error err;
	struct pl_database *dbs;
	size_t n_db, n_tables = 0;
	pl_arena_init(&arena, 64 << 10);
	double t0 = bench_wall();
	if (pl_catalog_list_databases(st, st->root, &arena, &dbs, &n_db, &err))
		die(uri, &err);
	for (size_t k = 0; k < n_db; k++) {
		struct pl_catalog_table *tables;
		size_t n;
		if (pl_catalog_list_tables(st, st->root, dbs[k].name, &arena, &tables, &n, &err))
			die(dbs[k].name, &err);
		n_tables += n;
	}
	double wall = bench_wall() - t0;
	bench_note("catalog walk over s3: %zu databases, %zu tables in %.3f s", n_db, n_tables,
		   wall);
	bench_result("s3.catalog_tables", (double)n_tables, "tables");
	bench_result("s3.catalog_wall", wall, "s");
	pl_arena_free(&arena);
	pl_storage_close(st);
	return 0;
}

int main(int argc, char **argv)
{
	int repeat = 1, argi = 1;
	const char *label = "s3", *endpoint = NULL, *walk_uri = NULL;
	while (argi + 1 < argc && argv[argi][0] == '-') {
		if (!strcmp(argv[argi], "--repeat"))
			repeat = atoi(argv[argi + 1]);
		else if (!strcmp(argv[argi], "--label"))
			label = argv[argi + 1];
		else if (!strcmp(argv[argi], "--endpoint"))
			endpoint = argv[argi + 1];
		else if (!strcmp(argv[argi], "--walk"))
			walk_uri = argv[argi + 1];
		else
			break;
		argi += 2;
	}
	if (walk_uri && endpoint && argi == argc)
		return walk(walk_uri, endpoint);
	if (!endpoint || argi + 2 > argc || repeat < 1) {
		fprintf(stderr, "usage: bench_s3 [--repeat N] [--label L] --endpoint URL TABLE_URI P...\n"
				"       bench_s3 --endpoint URL --walk WAREHOUSE_URI\n");
		return 2;
	}
	const char *uri = argv[argi++];
	char key[64];
	size_t n = 0, files = 0;
	double seq = 0, best_par = 0;
	int best_p = 0;
	for (int r = 0; r < repeat; r++) {
		double w = load_sequential(uri, endpoint, &files);
		if (!r || w < seq)
			seq = w;
	}
	for (int i = argi; i < argc; i++) {
		int p = atoi(argv[i]);
		if (p < 1 || p > 256) {
			fprintf(stderr, "bench_s3: parallelism %s is not 1..256\n", argv[i]);
			return 2;
		}
		double best = 0;
		for (int r = 0; r < repeat; r++) {
			double w = load_parallel(uri, endpoint, p, &n);
			if (!r || w < best)
				best = w;
		}
		bench_note("%s: %zu snapshots, %d parallel: %.3f s (%.1fx the sequential loop)",
			   label, n, p, best, seq / best);
		snprintf(key, sizeof(key), "%s.p%d", label, p);
		bench_result(key, best, "s");
		if (!best_p || best < best_par) {
			best_par = best;
			best_p = p;
		}
	}
	bench_note("%s: sequential loop: %zu files in %.3f s (%.1f ms a request); best parallel %d",
		   label, files, seq, seq * 1000 / (files ? files : 1), best_p);
	snprintf(key, sizeof(key), "%s.parallel", label);
	bench_result(key, best_par, "s");
	snprintf(key, sizeof(key), "%s.sequential", label);
	bench_result(key, seq, "s");
	snprintf(key, sizeof(key), "%s.speedup", label);
	bench_result(key, seq / best_par, "x");
	return n == files ? 0 : 1;
}
