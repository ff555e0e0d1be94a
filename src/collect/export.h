/* The governance record export (doc/governance.md): one OpenLineage
 * DatasetEvent per table, used by the browser's :export, the batch
 * `export` command and, streamed as NDJSON, by `collect`. */
#ifndef PL_COLLECT_EXPORT_H
#define PL_COLLECT_EXPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "collect/table_meta.h"
#include "io/storage.h"
#include "paimon/rowset.h"
#include "util/err.h"

#define PL_EXPORT_PRODUCER_BASE "https://paimon-lens.dev/producer/"
#define PL_EXPORT_DEFAULT_MAX_ITEMS 100

/* How much of the health report (collect/health.h) the storage facet
 * carries. The default reads nothing the record has not read already;
 * the orphan scan also lists every folder of the table and reads every
 * retained snapshot's manifests, which on object storage costs more than
 * the rest of the record. */
enum pl_export_health {
	PL_EXPORT_HEALTH_CHEAP = 0,    /* every check but the orphan scan */
	PL_EXPORT_HEALTH_NONE,         /* no findings at all */
	PL_EXPORT_HEALTH_FULL,         /* with orphan candidates and missing files */
};

/* Where the catalog is and how it is reached; never a key or token. NULL
 * members take the defaults named. */
struct pl_export_options {
	const char *producer;          /* URI; PL_EXPORT_PRODUCER_BASE + version */
	int has_event_time;            /* else the current time */
	int64_t event_time_ms;
	const char *warehouse_uri;     /* from the storage */
	const char *data_source_name;  /* "paimon" */
	const char *catalog_name;      /* "paimon" */
	const char *metastore;         /* "filesystem" */
	const char *file_system;       /* the storage scheme */
	const char *region;
	const char *endpoint;
	const char *access_mode;
	size_t max_items;              /* 0: PL_EXPORT_DEFAULT_MAX_ITEMS */
	int compact;                   /* one line (NDJSON) instead of pretty */
	enum pl_export_health health;
};

/* One table of a warehouse. */
struct pl_export_table_ref {
	struct pl_storage *st;
	const char *table_path;        /* storage path of the table folder */
	const char *database;
	const char *table;
	struct pl_cm_select sel;
};

/* What the browser showed, for paimonLens_view; rows use the rowset's
 * column names as keys, like `show --json`. */
struct pl_export_view {
	const struct pl_rowset *rows;
	const char *filter;            /* NULL: none */
	const char *sort;
	size_t total;                  /* 0: rows->nrows */
};

/* Builds the event; NULL with err set when the table cannot be read. */
cJSON *pl_export_event(const struct pl_export_table_ref *ref,
		       const struct pl_export_options *o, const struct pl_export_view *view,
		       struct pl_error *err);
/* Builds and writes the event followed by a newline. */
int pl_export_table(const struct pl_export_table_ref *ref, const struct pl_export_options *o,
		    const struct pl_export_view *view, FILE *out, struct pl_error *err);

/* The stream entry of a table that could not be read: its identity and a
 * paimonLens_error facet with the error's code and message. */
cJSON *pl_export_error_event(const struct pl_export_table_ref *ref,
			     const struct pl_export_options *o, const struct pl_error *error);
/* A table that disappeared since the last collection: a
 * lifecycleStateChange DROP event. */
cJSON *pl_export_drop_event(struct pl_storage *st, const char *database, const char *table,
			    const struct pl_export_options *o);

/* Every table of one database (database != NULL) or of the warehouse,
 * ordered by database then table name, one compact event per line. A
 * table that cannot be read stops the stream unless keep_going is set;
 * then it is reported on stderr and counted in *failed. */
int pl_export_catalog(struct pl_storage *st, const char *database,
		      const struct pl_export_options *o, int keep_going, FILE *out,
		      size_t *failed, struct pl_error *err);

#endif
