/* Collection of a whole catalog: listing, the incremental state, and the
 * stream with error and drop entries. */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect.h"
#include "collect/map.h"
#include "collect/record.h"
#include "collect/table_meta.h"
#include "paimon/catalog.h"
#include "util/alloc.h"
#include "util/json.h"
#include "util/sanitize.h"
#include "util/strbuf.h"

#define STATE_READ_CAP ((size_t)64 << 20)

static int cmp_table(const void *a, const void *b)
{
	const struct pl_collect_table *x = a, *y = b;
	int c = strcmp(x->database, y->database);
	return c ? c : strcmp(x->table, y->table);
}

static int matches(const char *glob, const char *name)
{
	return !glob || fnmatch(glob, name, 0) == 0;
}

/* The catalog's listing (paimon/catalog.h): every folder of NAME.db from
 * one listing; folders that are no table are found when probed. */
static int add_database(struct pl_storage *st, const char *db, const char *table_glob,
			struct pl_collect_list *out, size_t *cap, struct pl_error *err)
{
	struct pl_arena a;
	struct pl_catalog_table *tables;
	size_t n;
	pl_arena_init(&a, 0);
	if (pl_catalog_list_tables(st, st->root, db, &a, &tables, &n, err)) {
		pl_err_prefix(err, "database %s", db);
		pl_arena_free(&a);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (!matches(table_glob, tables[i].name))
			continue;
		PL_GROW(out->items, *cap, out->n + 1);
		struct pl_collect_table *t = &out->items[out->n++];
		t->database = pl_strdup(db);
		t->table = pl_strdup(tables[i].name);
		t->path = pl_strdup(tables[i].path);
	}
	pl_arena_free(&a);
	return 0;
}

int pl_collect_list_tables(struct pl_storage *st, const char *db_glob, const char *table_glob,
			   struct pl_collect_list *out, struct pl_error *err)
{
	memset(out, 0, sizeof(*out));
	size_t cap = 0;
	struct pl_listing l;
	memset(&l, 0, sizeof(l));
	if (pl_storage_list(st, st->root, &l, err))
		return pl_err_prefix(err, "warehouse %s", st->uri ? st->uri : st->root);
	int rc = 0;
	for (size_t i = 0; i < l.n && !rc; i++) {
		const char *nm = l.items[i].name;
		size_t len = strlen(nm);
		if (!l.items[i].is_dir || nm[0] == '.' || len <= 3 || strcmp(nm + len - 3, ".db"))
			continue;
		char *db = pl_strndup(nm, len - 3);
		if (matches(db_glob, db))
			rc = add_database(st, db, table_glob, out, &cap, err);
		free(db);
	}
	pl_listing_free(&l);
	if (rc) {
		pl_collect_list_free(out);
		return -1;
	}
	if (out->n)
		qsort(out->items, out->n, sizeof(*out->items), cmp_table);
	return 0;
}

void pl_collect_list_free(struct pl_collect_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].database);
		free(l->items[i].table);
		free(l->items[i].path);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static int cmp_seen(const void *a, const void *b)
{
	const struct pl_collect_seen *x = a, *y = b;
	int c = strcmp(x->database, y->database);
	return c ? c : strcmp(x->table, y->table);
}

int pl_collect_state_load(const char *file, struct pl_collect_state *out, struct pl_error *err)
{
	memset(out, 0, sizeof(*out));
	FILE *f = fopen(file, "rb");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		return pl_err(err, PL_ERR_IO, "cannot read %s: %s", file, strerror(errno));
	}
	struct pl_strbuf sb = PL_STRBUF_INIT;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		pl_strbuf_add(&sb, buf, n);
		if (sb.len > STATE_READ_CAP) {
			fclose(f);
			pl_strbuf_free(&sb);
			return pl_err(err, PL_ERR_CORRUPT, "%s: larger than a state file can be", file);
		}
	}
	fclose(f);
	struct pl_arena arena;
	pl_arena_init(&arena, 0);
	struct pl_json *j;
	int rc = pl_json_parse(sb.buf ? sb.buf : "", sb.len, file, &arena, &j, err);
	pl_strbuf_free(&sb);
	const struct pl_json *tables = rc ? NULL : pl_json_get(j, "tables");
	if (!rc && (!tables || tables->kind != PL_JSON_ARRAY))
		rc = pl_err_corrupt(err, file, j->offset, "expected a \"tables\" array");
	if (!rc && tables->n)
		out->items = pl_calloc(tables->n, sizeof(*out->items));
	for (size_t i = 0; !rc && i < tables->n; i++) {
		const struct pl_json *t = tables->items[i];
		const char *db = pl_json_get_str(t, "database");
		const char *tb = pl_json_get_str(t, "table");
		int64_t snap, schema;
		if (!db || !tb || pl_json_get_i64(t, "snapshotId", &snap) != 1 ||
		    pl_json_get_i64(t, "schemaId", &schema) != 1) {
			rc = pl_err_corrupt(err, file, t->offset,
					    "expected database, table, snapshotId, schemaId");
			break;
		}
		struct pl_collect_seen *s = &out->items[out->n++];
		s->database = pl_strdup(db);
		s->table = pl_strdup(tb);
		s->snapshot_id = snap;
		s->schema_id = schema;
	}
	pl_arena_free(&arena);
	if (rc) {
		pl_collect_state_free(out);
		return -1;
	}
	if (out->n)
		qsort(out->items, out->n, sizeof(*out->items), cmp_seen);
	return 0;
}

int pl_collect_state_save(const struct pl_collect_state *s, const char *file,
			  struct pl_error *err)
{
	cJSON *root = cJSON_CreateObject();
	pl_record_add_i64(root, "version", 1);
	cJSON *tables = cJSON_AddArrayToObject(root, "tables");
	for (size_t i = 0; i < s->n; i++) {
		cJSON *t = cJSON_CreateObject();
		cJSON_AddStringToObject(t, "database", s->items[i].database);
		cJSON_AddStringToObject(t, "table", s->items[i].table);
		pl_record_add_i64(t, "snapshotId", s->items[i].snapshot_id);
		pl_record_add_i64(t, "schemaId", s->items[i].schema_id);
		cJSON_AddItemToArray(tables, t);
	}
	char *text = pl_record_print(root, 1);
	cJSON_Delete(root);
	char *tmp = pl_malloc(strlen(file) + 8);
	sprintf(tmp, "%s.tmp", file);
	FILE *f = fopen(tmp, "w");
	int rc = 0;
	if (!f || fputs(text, f) == EOF || fputc('\n', f) == EOF)
		rc = pl_err(err, PL_ERR_IO, "cannot write %s: %s", tmp, strerror(errno));
	if (f && fclose(f) && !rc)
		rc = pl_err(err, PL_ERR_IO, "cannot write %s: %s", tmp, strerror(errno));
	if (!rc && rename(tmp, file))
		rc = pl_err(err, PL_ERR_IO, "cannot rename %s: %s", tmp, strerror(errno));
	if (rc)
		remove(tmp);
	free(tmp);
	free(text);
	return rc;
}

void pl_collect_state_free(struct pl_collect_state *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->items[i].database);
		free(s->items[i].table);
	}
	free(s->items);
	memset(s, 0, sizeof(*s));
}

static const struct pl_collect_seen *state_find(const struct pl_collect_state *s,
						const char *db, const char *table)
{
	struct pl_collect_seen key = { .database = (char *)db, .table = (char *)table };
	return s->n ? bsearch(&key, s->items, s->n, sizeof(*s->items), cmp_seen) : NULL;
}

static int write_line(const cJSON *item, FILE *out)
{
	char *text = pl_record_print(item, 0);
	int bad = fputs(text, out) == EOF || fputc('\n', out) == EOF;
	free(text);
	return bad;
}

static int write_event(cJSON *event, enum pl_collect_format format, FILE *out,
		       struct pl_error *err)
{
	int bad = 0;
	cJSON *mapped = NULL;
	if (format == PL_COLLECT_OPENLINEAGE) {
		bad = write_line(event, out);
	} else if (format == PL_COLLECT_DATAHUB && (mapped = pl_map_datahub(event))) {
		const cJSON *mcp;
		cJSON_ArrayForEach(mcp, mapped)
			if (!bad)
				bad = write_line(mcp, out);
	} else if (format == PL_COLLECT_OPENMETADATA && (mapped = pl_map_openmetadata(event))) {
		bad = write_line(mapped, out);
	}
	cJSON_Delete(mapped);
	cJSON_Delete(event);
	return bad ? pl_err(err, PL_ERR_IO, "cannot write the collection") : 0;
}

/* On stderr, as pl_export_catalog reports the tables it skips: the run
 * goes on and stdout keeps nothing but records. */
static void note_not_a_table(struct pl_storage *st, const struct pl_collect_table *t)
{
	char *shown = pl_storage_display(st, t->path);
	struct pl_strbuf msg = PL_STRBUF_INIT;
	pl_strbuf_addf(&msg, "%s.%s: %s: " PL_NOT_A_TABLE "; skipped", t->database, t->table,
		       shown);
	struct pl_strbuf safe = PL_STRBUF_INIT;
	pl_sanitize_append(&safe, msg.buf, msg.len);
	fprintf(stderr, "paimon-lens: note: %s\n", pl_strbuf_str(&safe));
	pl_strbuf_free(&safe);
	pl_strbuf_free(&msg);
	free(shown);
}

int pl_collect_run(struct pl_storage *st, const struct pl_collect_options *o, FILE *out,
		   struct pl_collect_summary *sum, struct pl_error *err)
{
	memset(sum, 0, sizeof(*sum));
	struct pl_collect_state old = { 0 }, now = { 0 };
	if (o->state_file && pl_collect_state_load(o->state_file, &old, err))
		return -1;
	struct pl_collect_list list;
	if (pl_collect_list_tables(st, o->db_glob, o->table_glob, &list, err)) {
		pl_collect_state_free(&old);
		return -1;
	}
	struct pl_export_options eo = o->export;
	eo.compact = 1;
	sum->total = list.n;
	size_t cap = 0;
	int rc = 0;
	for (size_t i = 0; i < list.n && !rc; i++) {
		const struct pl_collect_table *t = &list.items[i];
		struct pl_export_table_ref ref = {
			.st = st, .table_path = t->path, .database = t->database, .table = t->table,
		};
		struct pl_error terr;
		pl_err_clear(&terr);
		int64_t snap = -1, schema = -1;
		cJSON *event = NULL;
		if (pl_cm_probe(st, t->path, &snap, &schema, &terr)) {
			/* A folder without schema files is no table: noted, not
			 * counted, not an error entry (catalog.h). */
			if (terr.code == PL_ERR_NOT_FOUND && schema < 0) {
				note_not_a_table(st, t);
				sum->total--;
				goto next;
			}
		} else {
			const struct pl_collect_seen *seen = state_find(&old, t->database, t->table);
			int unchanged = seen && seen->snapshot_id == snap && seen->schema_id == schema;
			if (unchanged) {
				sum->skipped++;
			} else {
				event = pl_export_event(&ref, &eo, NULL, &terr);
				if (event)
					sum->emitted++;
			}
			if (unchanged || event) {
				PL_GROW(now.items, cap, now.n + 1);
				now.items[now.n++] = (struct pl_collect_seen){
					pl_strdup(t->database), pl_strdup(t->table), snap, schema,
				};
			}
		}
		if (!event && terr.code != PL_OK) {
			/* Failed tables stay out of the state: the next run retries. */
			sum->failed++;
			event = pl_export_error_event(&ref, &eo, &terr);
		}
		if (event)
			rc = write_event(event, o->format, out, err);
next:
		if (o->progress)
			o->progress(o->progress_ctx, i + 1, list.n);
	}
	/* Tables of the last run that are gone now (within the same globs). */
	for (size_t i = 0; !rc && i < old.n; i++) {
		const struct pl_collect_seen *s = &old.items[i];
		if (!matches(o->db_glob, s->database) || !matches(o->table_glob, s->table))
			continue;
		struct pl_collect_table key = { .database = s->database, .table = s->table };
		if (list.n && bsearch(&key, list.items, list.n, sizeof(*list.items), cmp_table))
			continue;
		sum->dropped++;
		rc = write_event(pl_export_drop_event(st, s->database, s->table, &eo), o->format,
				 out, err);
	}
	/* Entries outside the globs are kept for the runs that cover them. */
	for (size_t i = 0; i < old.n; i++) {
		const struct pl_collect_seen *s = &old.items[i];
		if (matches(o->db_glob, s->database) && matches(o->table_glob, s->table))
			continue;
		PL_GROW(now.items, cap, now.n + 1);
		now.items[now.n++] = (struct pl_collect_seen){
			pl_strdup(s->database), pl_strdup(s->table), s->snapshot_id, s->schema_id,
		};
	}
	if (now.n)
		qsort(now.items, now.n, sizeof(*now.items), cmp_seen);
	if (!rc && fflush(out))
		rc = pl_err(err, PL_ERR_IO, "cannot write the collection");
	if (!rc && o->state_file)
		rc = pl_collect_state_save(&now, o->state_file, err);
	pl_collect_state_free(&old);
	pl_collect_state_free(&now);
	pl_collect_list_free(&list);
	return rc;
}
