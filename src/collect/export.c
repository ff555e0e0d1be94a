/* The governance record of a table: identity, envelope, and the facets in
 * the order of doc/governance.md, so that the same lake and flags always
 * give the same bytes. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "collect/export.h"
#include "collect/facets.h"
#include "collect/record.h"
#include "util/alloc.h"

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
	char *wh = o->warehouse_uri ? pl_strdup(o->warehouse_uri) : warehouse_uri(ref->st);
	char producer[256];
	if (o->producer)
		snprintf(producer, sizeof(producer), "%s", o->producer);
	else
		snprintf(producer, sizeof(producer), PL_EXPORT_PRODUCER_BASE "%s", PACKAGE_VERSION);
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
	};

	cJSON *event = cJSON_CreateObject();
	pl_record_add_time(event, "eventTime", o->has_event_time ? o->event_time_ms : now_ms());
	cJSON_AddStringToObject(event, "producer", producer);
	cJSON_AddStringToObject(event, "schemaURL", OL_EVENT_SCHEMA);
	cJSON *ds = cJSON_AddObjectToObject(event, "dataset");
	char *ns, *name;
	dataset_identity(ref->st, t->table_path, &ns, &name);
	cJSON_AddStringToObject(ds, "namespace", ns);
	cJSON_AddStringToObject(ds, "name", name);
	free(ns);
	free(name);
	cJSON *facets = cJSON_AddObjectToObject(ds, "facets");
	int rc = pl_facets_standard(&c, facets, err);
	if (!rc)
		rc = pl_facets_table(&c, facets, err);
	if (!rc)
		rc = pl_facets_state(&c, facets, err);
	if (!rc && view && view->rows)
		pl_facet_view(&c, view, facets);
	free(wh);
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

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sub-folders of dir whose names end in suffix (suffix stripped), sorted. */
static int list_folders(struct pl_storage *st, const char *dir, const char *suffix,
			char ***names, size_t *n, struct pl_error *err)
{
	struct pl_listing l;
	memset(&l, 0, sizeof(l));
	*names = NULL;
	*n = 0;
	if (pl_storage_list(st, dir, &l, err))
		return -1;
	size_t slen = strlen(suffix);
	if (l.n)
		*names = pl_reallocarray(NULL, l.n, sizeof(**names));
	for (size_t i = 0; i < l.n; i++) {
		const char *nm = l.items[i].name;
		size_t len = strlen(nm);
		if (!l.items[i].is_dir || nm[0] == '.' || len <= slen ||
		    strcmp(nm + len - slen, suffix) != 0)
			continue;
		(*names)[(*n)++] = pl_strndup(nm, len - slen);
	}
	pl_listing_free(&l);
	if (*n)
		qsort(*names, *n, sizeof(**names), cmp_name);
	return 0;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static int export_database(struct pl_storage *st, const char *db,
			   const struct pl_export_options *o, int keep_going, FILE *out,
			   size_t *failed, struct pl_error *err)
{
	char *dbname = pl_malloc(strlen(db) + 4);
	sprintf(dbname, "%s.db", db);
	char *dbdir = pl_path_join_dup(st->root, dbname);
	free(dbname);
	char **tables;
	size_t n;
	int rc = list_folders(st, dbdir, "", &tables, &n, err);
	if (rc) {
		pl_err_prefix(err, "database %s", db);
		free(dbdir);
		return -1;
	}
	struct pl_export_options line = *o;
	line.compact = 1;
	for (size_t i = 0; i < n && !rc; i++) {
		char *path = pl_path_join_dup(dbdir, tables[i]);
		/* Folders without schema files are not tables (format-metadata.md §1.2). */
		char *schema_dir = pl_path_join_dup(path, "schema");
		struct pl_dirent d;
		struct pl_error serr;
		int is_table = pl_storage_stat(st, schema_dir, &d, &serr) == 0 && d.is_dir;
		free(schema_dir);
		if (is_table) {
			struct pl_export_table_ref ref = {
				.st = st, .table_path = path, .database = db, .table = tables[i],
			};
			if (pl_export_table(&ref, &line, NULL, out, err)) {
				if (!keep_going || err->code == PL_ERR_IO) {
					rc = -1;
				} else {
					fprintf(stderr, "paimon-lens: %s\n", err->msg);
					(*failed)++;
					pl_err_clear(err);
				}
			}
		}
		free(path);
	}
	free_names(tables, n);
	free(dbdir);
	return rc;
}

int pl_export_catalog(struct pl_storage *st, const char *database,
		      const struct pl_export_options *o, int keep_going, FILE *out,
		      size_t *failed, struct pl_error *err)
{
	*failed = 0;
	if (database)
		return export_database(st, database, o, keep_going, out, failed, err);
	char **dbs;
	size_t n;
	if (list_folders(st, st->root, ".db", &dbs, &n, err))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++)
		rc = export_database(st, dbs[i], o, keep_going, out, failed, err);
	free_names(dbs, n);
	return rc;
}
