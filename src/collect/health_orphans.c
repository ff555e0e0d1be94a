/* Orphan candidates and missing files. Referenced: every name a snapshot,
 * changelog or tag of any branch points to (manifest lists, manifests,
 * index manifests and files, statistics, data files and their extra
 * files, ADD and DELETE entries alike, as Paimon's remove_orphan_files
 * does). Orphan candidates: files under the table folder, outside the
 * metadata folders, whose name nothing references and that are older
 * than the cut-off. Missing: files of the latest snapshot that the
 * listing does not have. Nothing is deleted. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/health.h"
#include "collect/record.h"
#include "paimon/branch.h"
#include "paimon/manifest.h"
#include "paimon/snapshot.h"
#include "paimon/tag.h"
#include "util/alloc.h"
#include "util/strbuf.h"

/* Folders deeper than this are not Paimon's layout: stop, do not loop. */
#define MAX_DEPTH 24

/* A set of strings (open addressing, the strings live in an arena). */
struct name_set {
	const char **slots;
	size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int set_has(const struct name_set *set, const char *s)
{
	if (!set->cap)
		return 0;
	for (size_t i = hash_str(s) & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
		if (!set->slots[i])
			return 0;
		if (strcmp(set->slots[i], s) == 0)
			return 1;
	}
}

/* Returns 1 when s was new. */
static int set_add(struct name_set *set, struct pl_arena *a, const char *s)
{
	if (!s || !*s || set_has(set, s))
		return 0;
	if ((set->n + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 1024;
		const char **slots = pl_calloc(cap, sizeof(*slots));
		for (size_t i = 0; i < set->cap; i++) {
			if (!set->slots[i])
				continue;
			size_t j = hash_str(set->slots[i]) & (cap - 1);
			while (slots[j])
				j = (j + 1) & (cap - 1);
			slots[j] = set->slots[i];
		}
		free(set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	size_t j = hash_str(s) & (set->cap - 1);
	while (set->slots[j])
		j = (j + 1) & (set->cap - 1);
	set->slots[j] = pl_arena_strdup(a, s);
	set->n++;
	return 1;
}

struct refs {
	struct pl_health_ctx *c;
	struct pl_arena arena;
	struct name_set names;       /* every referenced base name */
	struct name_set lists;       /* manifest lists still to read */
	struct name_set manifests;   /* manifests seen */
	const char **todo_lists, **todo_manifests, **todo_index;
	size_t n_lists, n_manifests, n_index, cap_lists, cap_manifests, cap_index;
};

static void note_list(struct refs *rf, const char *name)
{
	set_add(&rf->names, &rf->arena, name);
	if (name && set_add(&rf->lists, &rf->arena, name)) {
		PL_GROW(rf->todo_lists, rf->cap_lists, rf->n_lists + 1);
		rf->todo_lists[rf->n_lists++] = name;
	}
}

static void note_snapshot(struct refs *rf, const struct pl_snapshot *s)
{
	note_list(rf, s->base_manifest_list);
	note_list(rf, s->delta_manifest_list);
	note_list(rf, s->changelog_manifest_list);
	set_add(&rf->names, &rf->arena, s->statistics);
	if (s->index_manifest && set_add(&rf->names, &rf->arena, s->index_manifest)) {
		PL_GROW(rf->todo_index, rf->cap_index, rf->n_index + 1);
		rf->todo_index[rf->n_index++] = s->index_manifest;
	}
}

static int note_dir(struct refs *rf, const char *root, const char *dir, const char *prefix,
		    struct pl_error *err)
{
	struct pl_storage *st = pl_table_storage(rf->c->t);
	const char *path = pl_path_join(&rf->arena, root, dir);
	int64_t *ids = NULL;
	size_t n = 0;
	if (pl_versioned_list_ids(st, path, prefix, &ids, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct pl_snapshot s;
		struct pl_error e = { 0 };
		/* A snapshot expiring under us is gone, not a failure. */
		if (pl_snapshot_load(st, path, prefix, ids[i], &rf->arena, &s, &e) == 0)
			note_snapshot(rf, &s);
		else if (e.code != PL_ERR_NOT_FOUND) {
			*err = e;
			free(ids);
			return -1;
		}
	}
	free(ids);
	return 0;
}

static int note_root(struct refs *rf, const char *root, struct pl_error *err)
{
	if (note_dir(rf, root, PL_SNAPSHOT_DIR, PL_SNAPSHOT_PREFIX, err) ||
	    note_dir(rf, root, PL_CHANGELOG_DIR, PL_CHANGELOG_PREFIX, err))
		return -1;
	struct pl_tag *tags;
	size_t n;
	if (pl_tag_list(pl_table_storage(rf->c->t), root, &rf->arena, &tags, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (tags[i].snap)
			note_snapshot(rf, tags[i].snap);
	return 0;
}

static int note_entry(void *ctx, const struct pl_manifest_entry *e, struct pl_error *err)
{
	struct refs *rf = ctx;
	(void)err;
	set_add(&rf->names, &rf->arena, e->file.file_name);
	for (uint32_t i = 0; i < e->file.extra_files.n; i++)
		set_add(&rf->names, &rf->arena, pl_path_base(e->file.extra_files.items[i]));
	return 0;
}

static int read_manifests(struct refs *rf, struct pl_error *err)
{
	struct pl_storage *st = pl_table_storage(rf->c->t);
	const char *root = pl_table_data_root(rf->c->t);
	struct pl_arena scratch;
	pl_arena_init(&scratch, 65536);
	int rc = 0;
	for (size_t i = 0; !rc && i < rf->n_lists; i++) {
		struct pl_manifest_file_metas metas = { 0 };
		pl_arena_reset(&scratch);
		if (pl_manifest_list_read(st, root, rf->todo_lists[i], 0, &scratch, &metas, err)) {
			free(metas.items);
			rc = -1;
			break;
		}
		for (size_t k = 0; k < metas.n; k++) {
			const char *name = metas.items[k].file_name;
			set_add(&rf->names, &rf->arena, name);
			if (set_add(&rf->manifests, &rf->arena, name)) {
				PL_GROW(rf->todo_manifests, rf->cap_manifests, rf->n_manifests + 1);
				rf->todo_manifests[rf->n_manifests++] =
					pl_arena_strdup(&rf->arena, name);
			}
		}
		free(metas.items);
	}
	for (size_t i = 0; !rc && i < rf->n_manifests; i++) {
		struct pl_buf buf = { 0 };
		char *path = pl_path_join_dup(pl_table_manifest_dir(rf->c->t), rf->todo_manifests[i]);
		pl_arena_reset(&scratch);
		if (pl_storage_read(st, path, 0, &buf, err) ||
		    pl_manifest_parse_each(buf.data, buf.len, path, &scratch, note_entry, rf, err))
			rc = -1;
		pl_buf_free(&buf);
		free(path);
	}
	for (size_t i = 0; !rc && i < rf->n_index; i++) {
		struct pl_index_manifest_entries idx = { 0 };
		pl_arena_reset(&scratch);
		if (pl_index_manifest_read(st, root, rf->todo_index[i], &scratch, &idx, err)) {
			free(idx.items);
			rc = -1;
			break;
		}
		for (size_t k = 0; k < idx.n; k++)
			set_add(&rf->names, &rf->arena, idx.items[k].file_name);
		free(idx.items);
	}
	pl_arena_free(&scratch);
	return rc;
}

/* Metadata folders are Paimon's own bookkeeping, not data: skipped. */
static int is_metadata_dir(const char *name, int depth)
{
	static const char *const dirs[] = { "schema", "snapshot", "tag", "consumer",
					    "changelog", "branch", NULL };
	if (depth != 0)
		return 0;
	for (size_t i = 0; dirs[i]; i++)
		if (strcmp(name, dirs[i]) == 0)
			return 1;
	return 0;
}

struct scan {
	struct refs *rf;
	struct name_set present;     /* full paths of every listed file */
	int64_t cutoff_ms;
	size_t max_items;
};

static int scan_dir(struct scan *sc, const char *dir, int depth, struct pl_error *err)
{
	struct pl_health_report *r = sc->rf->c->r;
	struct pl_listing l = { 0 };
	if (depth > MAX_DEPTH)
		return 0;
	if (pl_storage_list(pl_table_storage(sc->rf->c->t), dir, &l, err))
		return err->code == PL_ERR_NOT_FOUND ? 0 : -1;
	int rc = 0;
	for (size_t i = 0; !rc && i < l.n; i++) {
		const struct pl_dirent *d = &l.items[i];
		char *path = pl_path_join_dup(dir, d->name);
		if (d->is_dir) {
			if (!is_metadata_dir(d->name, depth))
				rc = scan_dir(sc, path, depth + 1, err);
		} else if (depth > 0) {
			set_add(&sc->present, &sc->rf->arena, path);
			if (!set_has(&sc->rf->names, d->name) && d->mtime_ms >= 0 &&
			    d->mtime_ms <= sc->cutoff_ms) {
				r->orphan_count++;
				r->orphan_bytes += (int64_t)d->size;
				if (r->n_orphan_paths < sc->max_items) {
					r->orphan_paths = pl_reallocarray(r->orphan_paths,
						r->n_orphan_paths + 1, sizeof(*r->orphan_paths));
					r->orphan_paths[r->n_orphan_paths++] =
						pl_arena_strdup(&r->arena, path);
				}
			}
		}
		free(path);
	}
	pl_listing_free(&l);
	return rc;
}

static void note_missing(struct scan *sc, const char *path, int64_t size)
{
	struct pl_health_report *r = sc->rf->c->r;
	if (set_has(&sc->present, path))
		return;
	r->missing_count++;
	r->missing_bytes += size;
	if (r->n_missing_paths < sc->max_items) {
		r->missing_paths = pl_reallocarray(r->missing_paths, r->n_missing_paths + 1,
						   sizeof(*r->missing_paths));
		r->missing_paths[r->n_missing_paths++] = pl_arena_strdup(&r->arena, path);
	}
}

static int check_missing(struct scan *sc, struct pl_error *err)
{
	struct pl_health_ctx *c = sc->rf->c;
	const struct pl_fileset *fs = c->fs;
	if (!fs)
		return 0;
	struct pl_arena a;
	pl_arena_init(&a, 16384);
	const char *mdir = pl_table_manifest_dir(c->t);
	for (size_t i = 0; i < fs->manifests.n; i++)
		note_missing(sc, pl_path_join(&a, mdir, fs->manifests.items[i].file_name),
			     fs->manifests.items[i].file_size);
	int rc = 0;
	for (size_t i = 0; c->spec_ok && !rc && i < fs->n_files; i++) {
		char *path;
		int external;
		if (pl_live_file_path(&c->spec, fs, &fs->files[i], &a, &path, &external, err))
			rc = -1;
		else if (!external)
			note_missing(sc, path, pl_live_file_size(&fs->files[i]));
	}
	for (size_t i = 0; c->spec_ok && !rc && i < fs->index.n; i++) {
		char *path;
		int external;
		if (pl_index_file_path(&c->spec, &fs->index.items[i], &a, &path, &external, err))
			rc = -1;
		else if (!external)
			note_missing(sc, path, fs->index.items[i].file_size);
	}
	pl_arena_free(&a);
	return rc;
}

static void report(struct scan *sc)
{
	struct pl_health_report *r = sc->rf->c->r;
	struct pl_strbuf age = PL_STRBUF_INIT;
	pl_record_iso_duration(&age, r->older_than_ms);
	const char *first = r->n_orphan_paths ? r->orphan_paths[0] : NULL;
	pl_health_add(r, "orphan_files", r->orphan_count ? PL_HEALTH_WARNING : PL_HEALTH_INFO,
		      (double)r->orphan_count, first,
		      "%" PRId64 " files (%" PRId64 " bytes) older than %s are referenced by no "
		      "snapshot, tag, branch or changelog%s", r->orphan_count, r->orphan_bytes,
		      age.buf, r->orphan_count ? ": remove_orphan_files would delete them" : "");
	pl_strbuf_free(&age);
	first = r->n_missing_paths ? r->missing_paths[0] : NULL;
	pl_health_add(r, "missing_files", r->missing_count ? PL_HEALTH_CRITICAL : PL_HEALTH_INFO,
		      (double)r->missing_count, first,
		      "%" PRId64 " files of the latest snapshot are absent%s", r->missing_count,
		      r->missing_count ? ": reads of the table will fail" : "");
}

int pl_health_orphans(struct pl_health_ctx *c, struct pl_error *err)
{
	struct refs rf = { .c = c };
	pl_arena_init(&rf.arena, 65536);
	struct scan sc = { .rf = &rf, .cutoff_ms = c->now_ms - c->r->older_than_ms,
			   .max_items = c->o->max_items ? c->o->max_items : 100 };
	int rc = note_root(&rf, pl_table_data_root(c->t), err);
	const struct pl_branch *br;
	size_t nbr;
	if (!rc)
		rc = pl_table_branches(c->t, &br, &nbr, err);
	for (size_t i = 0; !rc && i < nbr; i++)
		rc = note_root(&rf, br[i].path, err);
	if (!rc)
		rc = read_manifests(&rf, err);
	if (!rc)
		rc = scan_dir(&sc, pl_table_data_root(c->t), 0, err);
	if (!rc)
		rc = check_missing(&sc, err);
	if (!rc) {
		c->r->orphans_scanned = 1;
		report(&sc);
	}
	free(sc.present.slots);
	free(rf.names.slots);
	free(rf.lists.slots);
	free(rf.manifests.slots);
	free(rf.todo_lists);
	free(rf.todo_manifests);
	free(rf.todo_index);
	pl_arena_free(&rf.arena);
	return rc;
}
