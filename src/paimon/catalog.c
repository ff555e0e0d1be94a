/* Warehouse and database listing. */
#include "paimon/catalog.h"
#include "paimon/schema.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

static int valid_component(const char *s)
{
	return s && *s && !strchr(s, '/') && strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

char *pl_catalog_database_path(struct pl_arena *arena, const char *warehouse, const char *db)
{
	if (!valid_component(db))
		return NULL;
	return pl_path_join(arena, warehouse, pl_arena_printf(arena, "%s" PL_DB_SUFFIX, db));
}

char *pl_catalog_table_path(struct pl_arena *arena, const char *warehouse, const char *db,
			    const char *table)
{
	char *dbp = pl_catalog_database_path(arena, warehouse, db);
	if (!dbp || !valid_component(table))
		return NULL;
	return pl_path_join(arena, dbp, table);
}

int pl_catalog_is_table(struct pl_storage *st, const char *path, struct pl_error *err)
{
	int64_t *ids;
	size_t n;
	struct pl_error lerr;
	pl_err_clear(&lerr);
	if (pl_schema_list_ids(st, path, &ids, &n, &lerr)) {
		if (lerr.code == PL_ERR_NOT_FOUND)
			return 0;
		if (err)
			*err = lerr;
		return -1;
	}
	free(ids);
	return n > 0;
}

int pl_catalog_not_a_table(struct pl_storage *st, const char *table_path,
			   struct pl_error *err)
{
	struct pl_dirent de;
	struct pl_error serr;
	pl_err_clear(&serr);
	if (pl_storage_stat(st, table_path, &de, &serr) != 0 || !de.is_dir)
		return 0;
	char *shown = pl_storage_display(st, table_path);
	pl_err(err, PL_ERR_NOT_FOUND, "%s: " PL_NOT_A_TABLE, shown);
	free(shown);
	return 1;
}

int pl_catalog_not_a_table_msg(const char *msg)
{
	static const char tail[] = ": " PL_NOT_A_TABLE;
	size_t n = msg ? strlen(msg) : 0, k = sizeof(tail) - 1;
	return n > k && strcmp(msg + n - k, tail) == 0;
}

static int list_dirs(struct pl_storage *st, const char *path, struct pl_listing *l,
		     const char *what, struct pl_error *err)
{
	if (pl_storage_list(st, path, l, err) == 0)
		return 0;
	pl_listing_free(l);
	return pl_err_prefix(err, "%s", what);
}

int pl_catalog_list_databases(struct pl_storage *st, const char *warehouse,
			      struct pl_arena *arena, struct pl_database **out, size_t *n,
			      struct pl_error *err)
{
	struct pl_listing l;
	size_t slen = strlen(PL_DB_SUFFIX), k = 0;
	*out = NULL;
	*n = 0;
	if (list_dirs(st, warehouse, &l, "listing the warehouse", err))
		return -1;
	struct pl_database *dbs = pl_arena_alloc(arena, (l.n ? l.n : 1) * sizeof(*dbs));
	for (size_t i = 0; i < l.n; i++) {
		const struct pl_dirent *e = &l.items[i];
		size_t len = strlen(e->name);
		if (!e->is_dir || len <= slen || strcmp(e->name + len - slen, PL_DB_SUFFIX) != 0)
			continue;
		struct pl_database *d = &dbs[k++];
		d->name = pl_arena_strndup(arena, e->name, len - slen);
		d->path = pl_path_join(arena, warehouse, e->name);
		d->mtime_ms = e->mtime_ms;
		d->shadowed_by_system = strcmp(d->name, PL_SYSTEM_DATABASE) == 0;
	}
	pl_listing_free(&l);
	*out = dbs;
	*n = k;
	return 0;
}

int pl_catalog_list_tables(struct pl_storage *st, const char *warehouse, const char *db,
			   struct pl_arena *arena, struct pl_catalog_table **out, size_t *n,
			   struct pl_error *err)
{
	struct pl_listing l;
	size_t k = 0;
	*out = NULL;
	*n = 0;
	char *dbp = pl_catalog_database_path(arena, warehouse, db);
	if (!dbp)
		return pl_err(err, PL_ERR_NOT_FOUND, "\"%s\" is not a valid database name", db);
	if (pl_storage_list(st, dbp, &l, err)) {
		pl_listing_free(&l);
		if (err && err->code == PL_ERR_NOT_FOUND) {
			char *shown = pl_storage_display(st, warehouse);
			pl_err(err, PL_ERR_NOT_FOUND, "%s: no database \"%s\"", shown, db);
			free(shown);
		}
		return -1;
	}
	struct pl_catalog_table *t = pl_arena_alloc(arena, (l.n ? l.n : 1) * sizeof(*t));
	for (size_t i = 0; i < l.n; i++) {
		const struct pl_dirent *e = &l.items[i];
		/* Hidden folders are engines' scratch space (".staging"), never
		 * tables; nothing else is checked here (catalog.h). */
		if (!e->is_dir || e->name[0] == '.')
			continue;
		t[k].name = pl_arena_strdup(arena, e->name);
		t[k].path = pl_path_join(arena, dbp, e->name);
		t[k].mtime_ms = e->mtime_ms;
		k++;
	}
	pl_listing_free(&l);
	*out = t;
	*n = k;
	return 0;
}
