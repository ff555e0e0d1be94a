/* Catalog walk: every database and table of a warehouse as the catalog
 * lists them (one listing a database, folders not checked for a schema
 * file until opened), against the floor of listing the same folders alone.
 *
 *   bench_catalog [--repeat N] WAREHOUSE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "io/storage.h"
#include "paimon/catalog.h"

static void die(const char *what, const struct pl_error *err)
{
	fprintf(stderr, "bench_catalog: %s: %s\n", what, err ? err->msg : "failed");
	exit(1);
}

static double walk_once(struct pl_storage *st, const char *wh, size_t *n_db, size_t *n_tables)
{
	struct pl_arena arena;
	struct pl_error err;
	struct pl_database *dbs;
	pl_arena_init(&arena, 64 << 10);
	double t0 = bench_wall();
	if (pl_catalog_list_databases(st, wh, &arena, &dbs, n_db, &err))
		die(wh, &err);
	*n_tables = 0;
	for (size_t k = 0; k < *n_db; k++) {
		struct pl_catalog_table *tables;
		size_t n;
		if (pl_catalog_list_tables(st, wh, dbs[k].name, &arena, &tables, &n, &err))
			die(dbs[k].name, &err);
		*n_tables += n;
	}
	double w = bench_wall() - t0;
	pl_arena_free(&arena);
	return w;
}

/* The warehouse and each NAME.db folder listed, nothing checked. */
static double list_once(struct pl_storage *st, const char *wh, size_t *listings)
{
	struct pl_listing top;
	struct pl_error err;
	double t0 = bench_wall();
	if (pl_storage_list(st, wh, &top, &err))
		die(wh, &err);
	*listings = 1;
	for (size_t k = 0; k < top.n; k++) {
		size_t len = strlen(top.items[k].name);
		if (!top.items[k].is_dir || len < 4 || strcmp(top.items[k].name + len - 3, ".db"))
			continue;
		char *p = pl_path_join_dup(wh, top.items[k].name);
		struct pl_listing l;
		if (pl_storage_list(st, p, &l, &err))
			die(p, &err);
		pl_listing_free(&l);
		free(p);
		(*listings)++;
	}
	pl_listing_free(&top);
	return bench_wall() - t0;
}

int main(int argc, char **argv)
{
	int repeat = 3, argi = 1;
	if (argi + 1 < argc && !strcmp(argv[argi], "--repeat")) {
		repeat = atoi(argv[argi + 1]);
		argi += 2;
	}
	if (argi + 1 != argc || repeat < 1) {
		fprintf(stderr, "usage: bench_catalog [--repeat N] WAREHOUSE\n");
		return 2;
	}
	const char *wh = argv[argi];
	struct pl_storage *st;
	struct pl_error err;
	if (pl_storage_local_open(wh, &st, &err))
		die(wh, &err);
	size_t n_db = 0, n_tables = 0, listings = 0;
	double best = 0, floor = 0;
	for (int r = 0; r < repeat; r++) {
		double w = walk_once(st, wh, &n_db, &n_tables);
		if (!r || w < best)
			best = w;
		w = list_once(st, wh, &listings);
		if (!r || w < floor)
			floor = w;
	}
	bench_note("%s: %zu databases, %zu tables; the floor made %zu listings", wh, n_db,
		   n_tables, listings);
	bench_result("catalog.tables", (double)n_tables, "tables");
	bench_result("catalog.wall", best, "s");
	bench_result("catalog.floor_list", floor, "s");
	bench_result("catalog.ratio_to_list", best / floor, "x");
	pl_storage_close(st);
	return 0;
}
