/* Catalog-wide collection (issue 6): every table of a warehouse, in
 * database then table order, as a stream of governance records. With a
 * state file a run re-reads only the tables whose latest snapshot or schema
 * changed since the last one, and reports tables that disappeared. */
#ifndef PL_COLLECT_COLLECT_H
#define PL_COLLECT_COLLECT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "collect/export.h"
#include "io/storage.h"
#include "util/err.h"

struct pl_collect_table {
	char *database;
	char *table;
	char *path;            /* storage path of the table folder */
};

struct pl_collect_list {
	struct pl_collect_table *items;
	size_t n;
};

/* Tables (folders with schema files are checked later, by the reader) of
 * the databases matching db_glob and the tables matching table_glob
 * (fnmatch; NULL matches all), sorted. */
int pl_collect_list_tables(struct pl_storage *st, const char *db_glob, const char *table_glob,
			   struct pl_collect_list *out, struct pl_error *err);
void pl_collect_list_free(struct pl_collect_list *l);

/* What the last run saw of each table. */
struct pl_collect_seen {
	char *database;
	char *table;
	int64_t snapshot_id;   /* -1: never written */
	int64_t schema_id;
};

struct pl_collect_state {
	struct pl_collect_seen *items;   /* sorted by database, table */
	size_t n;
};

/* A missing file is an empty state; a broken one is PL_ERR_CORRUPT. */
int pl_collect_state_load(const char *file, struct pl_collect_state *out, struct pl_error *err);
/* Written to FILE.tmp and renamed. */
int pl_collect_state_save(const struct pl_collect_state *s, const char *file,
			  struct pl_error *err);
void pl_collect_state_free(struct pl_collect_state *s);

/* What each event is written as (collect/map.h). */
enum pl_collect_format {
	PL_COLLECT_OPENLINEAGE,        /* the event itself */
	PL_COLLECT_DATAHUB,            /* one MetadataChangeProposal per line */
	PL_COLLECT_OPENMETADATA,       /* one Table entity per line */
};

struct pl_collect_options {
	enum pl_collect_format format;
	const char *db_glob;
	const char *table_glob;
	const char *state_file;        /* NULL: a full run, no state kept */
	struct pl_export_options export;
	/* Called after every table (for a progress bar); may be NULL. */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
};

struct pl_collect_summary {
	size_t total;                  /* tables found */
	size_t emitted;                /* full records written */
	size_t skipped;                /* unchanged since the state's run */
	size_t failed;                 /* error entries written */
	size_t dropped;                /* _deleted events for vanished tables */
};

/* Streams NDJSON to out (error entries exist in OpenLineage only; the
 * other formats leave failed tables out and count them). A table that cannot be read becomes an error
 * entry (an event with a paimonLens_error facet) and the run goes on; the
 * return value is -1 only when the run itself failed (listing the
 * warehouse, writing the output or the state). */
int pl_collect_run(struct pl_storage *st, const struct pl_collect_options *o, FILE *out,
		   struct pl_collect_summary *sum, struct pl_error *err);

#endif
