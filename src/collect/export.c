/* The governance record of a table: identity, envelope, and the facets in
 * the order of doc/governance.md, so that the same lake and flags always
 * give the same bytes. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "collect/collect.h"
#include "collect/export.h"
#include "collect/facets.h"
#include "collect/health.h"
#include "collect/record.h"
#include "paimon/catalog.h"
#include "util/alloc.h"
#include "util/sanitize.h"
#include "util/strbuf.h"

#define OL_EVENT_SCHEMA "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent"

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int is_local(const struct pl_storage *st)
{
	return !st->ops || strcmp(st->ops->scheme, "file") == 0;
}

/* Local paths are named absolutely so a record means the same anywhere. */
static char *absolute_path(const char *path)
{
	if (path[0] == '/')
		return pl_strdup(path);
	char *r = realpath(path, NULL);
	return r ? r : pl_strdup(path);
}

/* OpenLineage identity: namespace "file" or "scheme://bucket", name the
 * path of the table folder inside it. */
static void dataset_identity(const struct pl_storage *st, const char *table_path,
			     char **namespace, char **name)
{
	if (is_local(st)) {
		*namespace = pl_strdup("file");
		*name = absolute_path(table_path);
		return;
	}
	char *display = pl_storage_display(st, table_path);
	const char *sep = strstr(display, "://");
	const char *slash = sep ? strchr(sep + 3, '/') : NULL;
	if (!slash) {
		*namespace = display;
		*name = pl_strdup("");
		return;
	}
	*namespace = pl_strndup(display, (size_t)(slash - display));
	*name = pl_strdup(slash + 1);
	free(display);
}

static char *warehouse_uri(const struct pl_storage *st)
{
	if (!is_local(st))
		return pl_storage_display(st, st->root);
	char *abs = absolute_path(st->root);
	size_t n = strlen(abs) + 8;
	char *uri = pl_malloc(n);
	snprintf(uri, n, "file://%s", abs);
	free(abs);
	return uri;
}

/* The envelope shared by all events: time, producer, identity; returns
 * the facets object. */
static cJSON *envelope(struct pl_storage *st, const char *table_path,
		       const struct pl_export_options *o, const char *producer, cJSON **facets)
{
	cJSON *event = cJSON_CreateObject();
	pl_record_add_time(event, "eventTime", o->has_event_time ? o->event_time_ms : now_ms());
	cJSON_AddStringToObject(event, "producer", producer);
	cJSON_AddStringToObject(event, "schemaURL", OL_EVENT_SCHEMA);
	cJSON *ds = cJSON_AddObjectToObject(event, "dataset");
	char *ns, *name;
	dataset_identity(st, table_path, &ns, &name);
	cJSON_AddStringToObject(ds, "namespace", ns);
	cJSON_AddStringToObject(ds, "name", name);
	free(ns);
	free(name);
	*facets = cJSON_AddObjectToObject(ds, "facets");
	return event;
}

static void producer_of(const struct pl_export_options *o, char *buf, size_t n)
{
	if (o->producer)
		snprintf(buf, n, "%s", o->producer);
	else
		snprintf(buf, n, PL_EXPORT_PRODUCER_BASE "%s", PACKAGE_VERSION);
}

/* The health report of the record's table. The record's snapshot is also
 * the latest one (by the loader's listing) unless a tag or an older
 * snapshot was chosen: then its live file set serves both. */
static int table_health(const struct pl_cm_table *t, const struct pl_export_options *o,
			size_t max_items, struct pl_health_report **out, struct pl_error *err)
{
	*out = NULL;
	if (o->health == PL_EXPORT_HEALTH_NONE)
		return 0;
	size_t n = t->n_snapshot_ids;
	int chosen_is_latest = !t->tag && t->raw_snap && n &&
			       t->raw_snap->id == t->snapshot_ids[n - 1];
	struct pl_health_options ho = {
		.now_ms = o->has_event_time ? o->event_time_ms : 0,
		.older_than_ms = -1,
		.skip_orphans = o->health != PL_EXPORT_HEALTH_FULL,
		.max_items = max_items,
		.latest_snapshot = chosen_is_latest ? t->raw_snap : NULL,
		.latest_fileset = chosen_is_latest ? t->fs : NULL,
	};
	return pl_health_check(t->handle, &ho, out, err);
}

cJSON *pl_export_event(const struct pl_export_table_ref *ref,
		       const struct pl_export_options *o, const struct pl_export_view *view,
		       struct pl_error *err)
{
	size_t max_items = o->max_items ? o->max_items : PL_EXPORT_DEFAULT_MAX_ITEMS;
	struct pl_cm_table *t;
	/* The recent-snapshot list is the one thing read per item. */
	if (pl_cm_load(ref->st, ref->table_path, &ref->sel, max_items, &t, err)) {
		pl_err_prefix(err, "%s.%s", ref->database, ref->table);
		return NULL;
	}
	struct pl_health_report *health;
	if (table_health(t, o, max_items, &health, err)) {
		pl_cm_free(t);
		pl_err_prefix(err, "%s.%s", ref->database, ref->table);
		return NULL;
	}
	char *wh = o->warehouse_uri ? pl_strdup(o->warehouse_uri) : warehouse_uri(ref->st);
	char producer[256];
	producer_of(o, producer, sizeof(producer));
	struct pl_facet_ctx c = {
		.t = t,
		.producer = producer,
		.database = ref->database,
		.table = ref->table,
		.warehouse_uri = wh,
		.file_system = o->file_system ? o->file_system
			       : ref->st->ops ? ref->st->ops->scheme : "file",
		.o = o,
		.max_items = max_items,
		.health = health,
	};
	cJSON *facets;
	cJSON *event = envelope(ref->st, t->table_path, o, producer, &facets);
	int rc = pl_facets_standard(&c, facets, err);
	if (!rc)
		rc = pl_facets_table(&c, facets, err);
	if (!rc)
		rc = pl_facets_state(&c, facets, err);
	if (!rc && view && view->rows)
		pl_facet_view(&c, view, facets);
	free(wh);
	pl_health_report_free(health);
	pl_cm_free(t);
	if (rc) {
		if (err->code == PL_ERR_LIMIT || err->code == PL_OK)
			err->code = PL_ERR_CORRUPT;
		pl_err_prefix(err, "%s.%s", ref->database, ref->table);
		cJSON_Delete(event);
		return NULL;
	}
	pl_record_fix_utf8(event);
	return event;
}

int pl_export_table(const struct pl_export_table_ref *ref, const struct pl_export_options *o,
		    const struct pl_export_view *view, FILE *out, struct pl_error *err)
{
	cJSON *event = pl_export_event(ref, o, view, err);
	if (!event)
		return -1;
	char *text = pl_record_print(event, !o->compact);
	cJSON_Delete(event);
	int bad = fputs(text, out) == EOF || fputc('\n', out) == EOF;
	free(text);
	if (bad)
		return pl_err(err, PL_ERR_IO, "cannot write the export");
	return 0;
}

static void add_symlink(cJSON *facets, const char *producer, const char *warehouse,
			const char *database, const char *table)
{
	cJSON *f = pl_record_facet(producer, PL_OL_FACETS
				   "1-0-1/SymlinksDatasetFacet.json#/$defs/SymlinksDatasetFacet");
	cJSON *ids = cJSON_AddArrayToObject(f, "identifiers");
	cJSON *id = cJSON_CreateObject();
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_strbuf_addf(&sb, "%s.%s", database, table);
	cJSON_AddStringToObject(id, "namespace", warehouse);
	cJSON_AddStringToObject(id, "name", pl_strbuf_str(&sb));
	cJSON_AddStringToObject(id, "type", "TABLE");
	pl_strbuf_free(&sb);
	cJSON_AddItemToArray(ids, id);
	cJSON_AddItemToObject(facets, "symlinks", f);
}

cJSON *pl_export_error_event(const struct pl_export_table_ref *ref,
			     const struct pl_export_options *o, const struct pl_error *error)
{
	char producer[256];
	producer_of(o, producer, sizeof(producer));
	char *wh = o->warehouse_uri ? pl_strdup(o->warehouse_uri) : warehouse_uri(ref->st);
	cJSON *facets;
	cJSON *event = envelope(ref->st, ref->table_path, o, producer, &facets);
	add_symlink(facets, producer, wh, ref->database, ref->table);
	cJSON *f = pl_record_facet(producer, PL_LENS_FACETS
				   "PaimonLensErrorDatasetFacet.json#/$defs/PaimonLensErrorDatasetFacet");
	enum pl_err_code code = error->code == PL_ERR_LIMIT ? PL_ERR_CORRUPT : error->code;
	cJSON_AddStringToObject(f, "code", pl_err_code_name(code));
	pl_record_add_i64(f, "exitStatus", code >= PL_ERR_USAGE && code <= PL_ERR_IO ? code : 1);
	cJSON_AddStringToObject(f, "message", error->msg);
	cJSON_AddItemToObject(facets, "paimonLens_error", f);
	free(wh);
	pl_record_fix_utf8(event);
	return event;
}

cJSON *pl_export_drop_event(struct pl_storage *st, const char *database, const char *table,
			    const struct pl_export_options *o)
{
	char producer[256];
	producer_of(o, producer, sizeof(producer));
	char *wh = o->warehouse_uri ? pl_strdup(o->warehouse_uri) : warehouse_uri(st);
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_strbuf_addf(&sb, "%s.db", database);
	char *dbdir = pl_path_join_dup(st->root, pl_strbuf_str(&sb));
	char *path = pl_path_join_dup(dbdir, table);
	pl_strbuf_free(&sb);
	cJSON *facets;
	cJSON *event = envelope(st, path, o, producer, &facets);
	add_symlink(facets, producer, wh, database, table);
	cJSON *f = pl_record_facet(producer, PL_OL_FACETS "1-0-1/LifecycleStateChangeDatasetFacet"
				   ".json#/$defs/LifecycleStateChangeDatasetFacet");
	cJSON_AddStringToObject(f, "lifecycleStateChange", "DROP");
	cJSON_AddItemToObject(facets, "lifecycleStateChange", f);
	free(dbdir);
	free(path);
	free(wh);
	pl_record_fix_utf8(event);
	return event;
}

int pl_export_catalog(struct pl_storage *st, const char *database,
		      const struct pl_export_options *o, int keep_going, FILE *out,
		      size_t *failed, struct pl_error *err)
{
	*failed = 0;
	struct pl_collect_list list;
	/* The database is a name here, not a pattern. */
	if (pl_collect_list_tables(st, database && !strpbrk(database, "*?[\\") ? database : NULL,
				   NULL, &list, err))
		return -1;
	struct pl_export_options line = *o;
	line.compact = 1;
	int rc = 0, any_db = 0;
	for (size_t i = 0; i < list.n && !rc; i++) {
		const struct pl_collect_table *t = &list.items[i];
		if (database && strcmp(t->database, database) != 0)
			continue;
		any_db = 1;
		struct pl_export_table_ref ref = {
			.st = st, .table_path = t->path, .database = t->database, .table = t->table,
		};
		if (pl_export_table(&ref, &line, NULL, out, err)) {
			/* Folders without schema files are not tables
			 * (format-metadata.md §1.2): the open finds them, at no
			 * request of its own (paimon/catalog.h). */
			int foreign = err->code == PL_ERR_NOT_FOUND &&
				      pl_catalog_not_a_table_msg(err->msg);
			if (foreign || (keep_going && err->code != PL_ERR_IO)) {
				/* names a table of the lake: sanitised for the terminal */
				struct pl_strbuf msg = PL_STRBUF_INIT;
				pl_sanitize_append(&msg, err->msg, strlen(err->msg));
				fprintf(stderr, "paimon-lens: %s%s%s\n", foreign ? "note: " : "",
					pl_strbuf_str(&msg), foreign ? "; skipped" : "");
				pl_strbuf_free(&msg);
				*failed += !foreign;
				pl_err_clear(err);
			} else {
				rc = -1;
			}
		}
	}
	pl_collect_list_free(&list);
	if (!rc && database && !any_db) {
		/* An empty database exists as a folder; a missing one does not. */
		struct pl_strbuf sb = PL_STRBUF_INIT;
		pl_strbuf_addf(&sb, "%s.db", database);
		char *dbdir = pl_path_join_dup(st->root, pl_strbuf_str(&sb));
		pl_strbuf_free(&sb);
		struct pl_dirent d;
		if (pl_storage_stat(st, dbdir, &d, err) || !d.is_dir)
			rc = pl_err(err, PL_ERR_NOT_FOUND, "no database %s", database);
		free(dbdir);
	}
	return rc;
}
