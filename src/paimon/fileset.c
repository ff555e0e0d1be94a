/* Live file set of a snapshot (format-manifests.md §6.1, §7.3, §7.4, §8). */
#include "paimon/fileset.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/binrow.h"
#include "paimon/dv.h"
#include "util/alloc.h"
#include "util/strbuf.h"

/* Manifests fetched per storage batch: enough for remote back ends to
 * overlap requests, bounded so a huge table is not held in memory at once. */
#define MANIFEST_BATCH 32

/* ---- a small open-addressing index ------------------------------------ */

#define SLOT_EMPTY UINT32_MAX
#define SLOT_GONE (UINT32_MAX - 1)

struct slot {
	uint32_t hash;
	uint32_t idx;
};

struct index_map {
	struct slot *slots;
	size_t cap;      /* power of two */
	size_t used;     /* live + gone */
};

typedef int (*eq_fn)(const void *ctx, uint32_t idx);

static void map_init(struct index_map *m, size_t cap)
{
	m->cap = cap;
	m->used = 0;
	m->slots = pl_reallocarray(NULL, cap, sizeof(*m->slots));
	for (size_t k = 0; k < cap; k++)
		m->slots[k].idx = SLOT_EMPTY;
}

static void map_free(struct index_map *m)
{
	free(m->slots);
	m->slots = NULL;
}

/* Position of the slot holding a matching index, or -1. */
static long map_find(const struct index_map *m, uint32_t hash, eq_fn eq, const void *ctx)
{
	size_t mask = m->cap - 1;
	for (size_t k = hash & mask, probes = 0; probes < m->cap; k = (k + 1) & mask, probes++) {
		const struct slot *s = &m->slots[k];
		if (s->idx == SLOT_EMPTY)
			return -1;
		if (s->idx != SLOT_GONE && s->hash == hash && eq(ctx, s->idx))
			return (long)k;
	}
	return -1;
}

static void map_put(struct index_map *m, uint32_t hash, uint32_t idx);

static void map_grow(struct index_map *m)
{
	struct index_map bigger;
	map_init(&bigger, m->cap * 2);
	for (size_t k = 0; k < m->cap; k++)
		if (m->slots[k].idx < SLOT_GONE)
			map_put(&bigger, m->slots[k].hash, m->slots[k].idx);
	map_free(m);
	*m = bigger;
}

static void map_put(struct index_map *m, uint32_t hash, uint32_t idx)
{
	if ((m->used + 1) * 2 > m->cap)
		map_grow(m);
	size_t mask = m->cap - 1;
	size_t k = hash & mask;
	while (m->slots[k].idx < SLOT_GONE)
		k = (k + 1) & mask;
	if (m->slots[k].idx == SLOT_EMPTY)
		m->used++;
	m->slots[k].hash = hash;
	m->slots[k].idx = idx;
}

static void map_remove_at(struct index_map *m, long pos)
{
	m->slots[pos].idx = SLOT_GONE;
}

static uint32_t fnv(uint32_t h, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t k = 0; k < n; k++)
		h = (h ^ b[k]) * 16777619u;
	return h;
}

#define FNV_SEED 2166136261u

/* ---- identifiers ------------------------------------------------------ */

static int blob_eq(const struct pl_blob *a, const struct pl_blob *b)
{
	return a->has_value == b->has_value && a->n == b->n && (!a->n || !memcmp(a->p, b->p, a->n));
}

static int str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* FileEntry.Identifier: partition, bucket, level, file name, extra files,
 * embedded index, external path. The last three are almost always empty,
 * so only the first four are hashed. */
static uint32_t ident_hash(const struct pl_manifest_entry *e)
{
	uint32_t h = fnv(FNV_SEED, e->partition.p ? e->partition.p : (const uint8_t *)"",
			 e->partition.n);
	h = fnv(h, &e->bucket, sizeof(e->bucket));
	h = fnv(h, &e->file.level, sizeof(e->file.level));
	return fnv(h, e->file.file_name, strlen(e->file.file_name));
}

static int ident_eq(const struct pl_manifest_entry *a, const struct pl_manifest_entry *b)
{
	if (a->bucket != b->bucket || a->file.level != b->file.level ||
	    strcmp(a->file.file_name, b->file.file_name) != 0 ||
	    !blob_eq(&a->partition, &b->partition) ||
	    !blob_eq(&a->file.embedded_index, &b->file.embedded_index) ||
	    !str_eq(a->file.external_path, b->file.external_path) ||
	    a->file.extra_files.n != b->file.extra_files.n)
		return 0;
	for (uint32_t k = 0; k < a->file.extra_files.n; k++)
		if (strcmp(a->file.extra_files.items[k], b->file.extra_files.items[k]) != 0)
			return 0;
	return 1;
}

/* ---- merge state ------------------------------------------------------ */

struct merge {
	struct pl_fileset *fs;
	struct pl_arena entries_arena;        /* ADD entries while merging */
	struct pl_live_file *files;           /* every ADD, live or not */
	unsigned char *dead;
	size_t n, cap;
	struct index_map live;
	struct index_map parts;
	size_t parts_cap;
	struct index_map buckets;
	size_t buckets_cap;
	size_t changelog_cap;
	const struct pl_manifest_entry *probe;
	const struct pl_blob *probe_part;
	int32_t probe_bucket;
	/* Consecutive entries mostly share partition and bucket. */
	long last_part, last_bucket;
	/* Kept copies that the next entry most likely repeats. */
	struct pl_string_list last_stats_cols, last_write_cols;
	const int64_t *last_nulls[2];
	uint32_t last_n_nulls[2];
	/* Reading one manifest. */
	int changelog;
	int is_delta;
	struct pl_arena scratch;
};

static int live_eq(const void *ctx, uint32_t idx)
{
	const struct merge *m = ctx;
	return !m->dead[idx] && ident_eq(&m->files[idx].entry, m->probe);
}

static int part_eq(const void *ctx, uint32_t idx)
{
	const struct merge *m = ctx;
	return blob_eq(&m->fs->partitions[idx].partition, m->probe_part);
}

static int bucket_eq(const void *ctx, uint32_t idx)
{
	const struct merge *m = ctx;
	const struct pl_bucket_stat *b = &m->fs->buckets[idx];
	return b->bucket == m->probe_bucket && blob_eq(&b->partition, m->probe_part);
}

static void max_time(struct pl_opt_i64 *acc, const struct pl_opt_i64 *t)
{
	if (t->present && (!acc->present || t->v > acc->v))
		*acc = *t;
}

static struct pl_blob keep_blob(struct pl_arena *a, const struct pl_blob *b)
{
	struct pl_blob c = *b;
	if (c.p)
		c.p = pl_arena_memdup(a, c.p, c.n);
	return c;
}

/* Adds e to its partition and bucket sums; returns the partition's kept
 * bytes, which every live entry of the partition shares. */
static const struct pl_blob *aggregate(struct merge *m, const struct pl_manifest_entry *e)
{
	struct pl_fileset *fs = m->fs;
	int64_t sign = e->kind == PL_FILE_ADD ? 1 : -1;
	struct pl_partition_stat *p;
	if (m->last_part >= 0 && blob_eq(&fs->partitions[m->last_part].partition, &e->partition)) {
		p = &fs->partitions[m->last_part];
	} else {
		uint32_t ph = fnv(FNV_SEED, e->partition.p ? e->partition.p : (const uint8_t *)"",
				  e->partition.n);
		m->probe_part = &e->partition;
		long pos = map_find(&m->parts, ph, part_eq, m);
		if (pos < 0) {
			PL_GROW(fs->partitions, m->parts_cap, fs->n_partitions + 1);
			p = &fs->partitions[fs->n_partitions];
			memset(p, 0, sizeof(*p));
			p->partition = keep_blob(&fs->arena, &e->partition);
			p->deleted_record_count.present = 1;
			map_put(&m->parts, ph, (uint32_t)fs->n_partitions++);
		} else {
			p = &fs->partitions[m->parts.slots[pos].idx];
		}
		m->last_part = p - fs->partitions;
		m->last_bucket = -1;
	}
	p->record_count += sign * e->file.row_count;
	p->file_size += sign * e->file.file_size;
	p->file_count += sign;
	max_time(&p->last_update_time, &e->file.creation_time);
	p->total_buckets = e->total_buckets;

	struct pl_bucket_stat *b;
	if (m->last_bucket >= 0 && fs->buckets[m->last_bucket].bucket == e->bucket) {
		b = &fs->buckets[m->last_bucket];
	} else {
		uint32_t bh = fnv(fnv(FNV_SEED, p->partition.p ? p->partition.p
							       : (const uint8_t *)"",
				      p->partition.n),
				  &e->bucket, sizeof(e->bucket));
		m->probe_part = &e->partition;
		m->probe_bucket = e->bucket;
		long pos = map_find(&m->buckets, bh, bucket_eq, m);
		if (pos < 0) {
			PL_GROW(fs->buckets, m->buckets_cap, fs->n_buckets + 1);
			b = &fs->buckets[fs->n_buckets];
			memset(b, 0, sizeof(*b));
			b->partition = p->partition;
			b->bucket = e->bucket;
			map_put(&m->buckets, bh, (uint32_t)fs->n_buckets++);
		} else {
			b = &fs->buckets[m->buckets.slots[pos].idx];
		}
		m->last_bucket = b - fs->buckets;
	}
	b->record_count += sign * e->file.row_count;
	b->file_size += sign * e->file.file_size;
	b->file_count += sign;
	max_time(&b->last_update_time, &e->file.creation_time);
	return &p->partition;
}

/* ---- keeping an entry ------------------------------------------------- */

static const char *const no_strings[1] = { NULL };

static int lists_eq(const struct pl_string_list *a, const struct pl_string_list *b)
{
	if (a->present != b->present || a->n != b->n)
		return 0;
	for (uint32_t k = 0; k < a->n; k++)
		if (strcmp(a->items[k], b->items[k]) != 0)
			return 0;
	return 1;
}

/* Column lists repeat from entry to entry: share the previous copy. */
static void keep_list(struct pl_arena *a, struct pl_string_list *l, struct pl_string_list *last)
{
	if (!l->items)
		return;
	if (!l->n) {
		l->items = (const char **)no_strings;
		return;
	}
	if (last->items && lists_eq(l, last)) {
		l->items = last->items;
		return;
	}
	const char **items = pl_arena_alloc(a, l->n * sizeof(char *));
	for (uint32_t k = 0; k < l->n; k++)
		items[k] = pl_arena_strdup(a, l->items[k]);
	l->items = items;
	*last = *l;
}

static void keep_bytes(struct pl_arena *a, struct pl_blob *b)
{
	if (b->p)
		b->p = pl_arena_memdup(a, b->p, b->n);
}

/* Null counts are mostly the same (often all zero) across a table. */
static void keep_stats(struct merge *m, struct pl_arena *a, struct pl_simple_stats *s, int which)
{
	keep_bytes(a, &s->min_values);
	keep_bytes(a, &s->max_values);
	if (!s->null_counts)
		return;
	size_t bytes = (s->n_null_counts ? s->n_null_counts : 1) * sizeof(int64_t);
	if (m->last_nulls[which] && m->last_n_nulls[which] == s->n_null_counts &&
	    !memcmp(m->last_nulls[which], s->null_counts, bytes)) {
		s->null_counts = (int64_t *)m->last_nulls[which];
		return;
	}
	s->null_counts = pl_arena_memdup(a, s->null_counts, bytes);
	m->last_nulls[which] = s->null_counts;
	m->last_n_nulls[which] = s->n_null_counts;
}

/* A deep copy like pl_manifest_entry_copy that shares what repeats. */
static void keep_entry(struct merge *m, struct pl_manifest_entry *dst,
		       const struct pl_manifest_entry *src, const struct pl_blob *partition)
{
	struct pl_arena *a = &m->entries_arena;
	*dst = *src;
	dst->partition = *partition;
	struct pl_data_file_meta *f = &dst->file;
	f->file_name = pl_arena_strdup(a, f->file_name);
	keep_bytes(a, &f->min_key);
	keep_bytes(a, &f->max_key);
	keep_stats(m, a, &f->key_stats, 0);
	keep_stats(m, a, &f->value_stats, 1);
	if (f->extra_files.items && !f->extra_files.n) {
		f->extra_files.items = (const char **)no_strings;
	} else if (f->extra_files.items) {
		const char **items = pl_arena_alloc(a, f->extra_files.n * sizeof(char *));
		for (uint32_t k = 0; k < f->extra_files.n; k++)
			items[k] = pl_arena_strdup(a, f->extra_files.items[k]);
		f->extra_files.items = items;
	}
	keep_bytes(a, &f->embedded_index);
	keep_list(a, &f->value_stats_cols, &m->last_stats_cols);
	if (f->external_path)
		f->external_path = pl_arena_strdup(a, f->external_path);
	keep_list(a, &f->write_cols, &m->last_write_cols);
	if (f->write_cols_sequences)
		f->write_cols_sequences =
			pl_arena_memdup(a, f->write_cols_sequences,
					(f->n_write_cols_sequences ? f->n_write_cols_sequences : 1) *
						sizeof(int64_t));
}

static void merge_entry(struct merge *m, const struct pl_manifest_entry *e)
{
	const struct pl_blob *partition = aggregate(m, e);
	uint32_t h = ident_hash(e);
	m->probe = e;
	long pos = map_find(&m->live, h, live_eq, m);
	if (e->kind == PL_FILE_DELETE) {
		if (pos < 0) {
			m->fs->unmatched_deletes++;
			return;
		}
		m->dead[m->live.slots[pos].idx] = 1;
		map_remove_at(&m->live, pos);
		return;
	}
	if (pos >= 0) {
		/* Java asserts this never happens; keep the later entry. */
		m->fs->duplicate_adds++;
		m->dead[m->live.slots[pos].idx] = 1;
		map_remove_at(&m->live, pos);
	}
	size_t old_cap = m->cap;
	PL_GROW(m->files, m->cap, m->n + 1);
	if (m->cap != old_cap) {
		m->dead = pl_realloc(m->dead, m->cap);
		memset(m->dead + old_cap, 0, m->cap - old_cap);
	}
	struct pl_live_file *f = &m->files[m->n];
	memset(f, 0, sizeof(*f));
	keep_entry(m, &f->entry, e, partition);
	m->dead[m->n] = 0;
	map_put(&m->live, h, (uint32_t)m->n);
	m->n++;
}

/* ---- reading ---------------------------------------------------------- */

static char *manifest_path(const char *table_root, const char *name)
{
	char *dir = pl_path_join_dup(table_root, "manifest");
	char *p = pl_path_join_dup(dir, name);
	free(dir);
	return p;
}

static int take_entry(void *ctx, const struct pl_manifest_entry *e, struct pl_error *err)
{
	struct merge *m = ctx;
	struct pl_fileset *fs = m->fs;
	(void)err;
	if (m->changelog) {
		struct pl_manifest_entries *cl = &fs->changelog;
		PL_GROW(cl->items, m->changelog_cap, cl->n + 1);
		pl_manifest_entry_copy(&fs->arena, &cl->items[cl->n++], e);
		return 0;
	}
	if (m->is_delta)
		fs->delta_record_count += (e->kind == PL_FILE_ADD ? 1 : -1) * e->file.row_count;
	merge_entry(m, e);
	return 0;
}

/* Reads manifests metas[0..n) in batches and hands every entry, in order,
 * to merge_entry (data) or the changelog vector. Entries are decoded one at
 * a time into a small scratch arena: only what is kept is ever copied. */
static int read_manifests(struct merge *m, struct pl_storage *st, const char *table_root,
			  const struct pl_manifest_file_meta *metas, size_t n, int changelog,
			  struct pl_error *err)
{
	struct pl_fileset *fs = m->fs;
	int rc = 0;
	m->changelog = changelog;
	for (size_t first = 0; first < n && !rc; first += MANIFEST_BATCH) {
		size_t count = n - first < MANIFEST_BATCH ? n - first : MANIFEST_BATCH;
		struct pl_read_req *reqs = pl_calloc(count, sizeof(*reqs));
		for (size_t k = 0; k < count; k++) {
			reqs[k].path = manifest_path(table_root, metas[first + k].file_name);
			reqs[k].length = PL_READ_WHOLE;
		}
		pl_storage_read_batch(st, reqs, count);
		for (size_t k = 0; k < count && !rc; k++) {
			const struct pl_manifest_file_meta *meta = &metas[first + k];
			struct pl_read_req *q = &reqs[k];
			if (q->status) {
				if (err)
					*err = q->err;
				rc = pl_err_prefix(err, "reading manifest %s", meta->file_name);
				break;
			}
			if (meta->file_size > 0 && (uint64_t)meta->file_size != q->out.len) {
				rc = pl_err(err, PL_ERR_CORRUPT,
					    "%s: %zu bytes, but the manifest list says %" PRId64,
					    q->path, q->out.len, meta->file_size);
				break;
			}
			m->is_delta = !changelog && first + k >= fs->n_base_manifests;
			if (pl_manifest_parse_each(q->out.data, q->out.len, q->path, &m->scratch,
						   take_entry, m, err))
				rc = -1;
			/* Done with these bytes: do not hold the whole batch. */
			pl_buf_free(&q->out);
		}
		for (size_t k = 0; k < count; k++)
			free((char *)reqs[k].path);
		pl_read_req_free(reqs, count);
		free(reqs);
	}
	return rc;
}

/* ---- deletion vectors ------------------------------------------------- */

struct file_key_ctx {
	const struct pl_fileset *fs;
	const struct pl_blob *partition;
	int32_t bucket;
	const char *name;
};

static uint32_t file_key_hash(const struct pl_blob *partition, int32_t bucket, const char *name)
{
	uint32_t h = fnv(FNV_SEED, partition->p ? partition->p : (const uint8_t *)"", partition->n);
	h = fnv(h, &bucket, sizeof(bucket));
	return fnv(h, name, strlen(name));
}

static int file_key_eq(const void *ctx, uint32_t idx)
{
	const struct file_key_ctx *c = ctx;
	const struct pl_manifest_entry *e = &c->fs->files[idx].entry;
	return e->bucket == c->bucket && strcmp(e->file.file_name, c->name) == 0 &&
	       blob_eq(&e->partition, c->partition);
}

static struct pl_partition_stat *find_partition(struct pl_fileset *fs, const struct pl_blob *p)
{
	for (size_t k = 0; k < fs->n_partitions; k++)
		if (blob_eq(&fs->partitions[k].partition, p))
			return &fs->partitions[k];
	return NULL;
}

static void attach_dvs(struct pl_fileset *fs)
{
	size_t n_dv = 0;
	for (size_t k = 0; k < fs->index.n; k++)
		n_dv += !strcmp(fs->index.items[k].index_type, "DELETION_VECTORS");
	/* No vectors: skip indexing every live file by name. */
	if (!n_dv)
		return;
	struct index_map by_name;
	size_t cap = 16;
	while (cap < fs->n_files * 2 + 2)
		cap *= 2;
	map_init(&by_name, cap);
	for (size_t k = 0; k < fs->n_files; k++) {
		const struct pl_manifest_entry *e = &fs->files[k].entry;
		map_put(&by_name, file_key_hash(&e->partition, e->bucket, e->file.file_name),
			(uint32_t)k);
	}
	for (size_t k = 0; k < fs->index.n; k++) {
		const struct pl_index_manifest_entry *ie = &fs->index.items[k];
		if (strcmp(ie->index_type, "DELETION_VECTORS") != 0)
			continue;
		struct pl_partition_stat *ps = find_partition(fs, &ie->partition);
		for (uint32_t r = 0; r < ie->n_dv_ranges; r++) {
			const struct pl_dv_range *range = &ie->dv_ranges[r];
			if (ps) {
				if (!range->cardinality.present)
					ps->deleted_record_count.present = 0;
				else
					ps->deleted_record_count.v += range->cardinality.v;
			}
			struct file_key_ctx c = { fs, &ie->partition, ie->bucket, range->data_file };
			long pos = map_find(&by_name,
					    file_key_hash(&ie->partition, ie->bucket, range->data_file),
					    file_key_eq, &c);
			if (pos < 0) {
				fs->orphan_dv_ranges++;
				continue;
			}
			struct pl_live_file *f = &fs->files[by_name.slots[pos].idx];
			f->dv_index = ie;
			f->dv_range = range;
			f->dv_state = range->cardinality.present ? PL_DV_KNOWN : PL_DV_UNKNOWN;
			f->dv_deleted_rows = range->cardinality.present ? range->cardinality.v : 0;
		}
	}
	map_free(&by_name);
}

/* ---- loading ---------------------------------------------------------- */

/* Sizes the entry array and the live index for the ADDs the manifest list
 * announces, so that neither is copied while growing. The announcement is
 * only trusted as far as the manifests' own sizes allow (an entry takes
 * more than 8 compressed bytes), so a hostile list cannot make us reserve
 * more than a small multiple of what we will read. */
static void reserve(struct merge *m)
{
	const struct pl_manifest_file_metas *ms = &m->fs->manifests;
	uint64_t added = 0, bytes = 0;
	for (size_t k = 0; k < ms->n; k++) {
		if (ms->items[k].num_added_files > 0)
			added += (uint64_t)ms->items[k].num_added_files;
		if (ms->items[k].file_size > 0)
			bytes += (uint64_t)ms->items[k].file_size;
	}
	if (added > bytes / 8 + 1024)
		added = bytes / 8 + 1024;
	if (added <= m->cap || added > UINT32_MAX / 4)
		return;
	m->files = pl_reallocarray(m->files, (size_t)added, sizeof(*m->files));
	m->dead = pl_realloc(m->dead, (size_t)added);
	memset(m->dead + m->cap, 0, (size_t)added - m->cap);
	m->cap = (size_t)added;
	size_t slots = 1024;
	while (slots < added * 2 + 2)
		slots *= 2;
	if (slots > m->live.cap) {
		map_free(&m->live);
		map_init(&m->live, slots);
	}
}

static int read_list(struct pl_fileset *fs, struct pl_storage *st, const char *table_root,
		     const char *name, uint64_t size, struct pl_manifest_file_metas *out,
		     struct pl_error *err)
{
	if (!name)
		return 0;
	if (pl_manifest_list_read(st, table_root, name, size, &fs->arena, out, err))
		return pl_err_prefix(err, "reading manifest list %s", name);
	return 0;
}

int pl_fileset_load(struct pl_storage *st, const char *table_root,
		    const struct pl_fileset_source *src, struct pl_fileset **out,
		    struct pl_error *err)
{
	struct pl_fileset *fs = pl_calloc(1, sizeof(*fs));
	pl_arena_init(&fs->arena, 64 << 10);
	pl_arena_init(&fs->files_arena, 256 << 10);
	struct merge m;
	memset(&m, 0, sizeof(m));
	m.fs = fs;
	pl_arena_init(&m.entries_arena, 256 << 10);
	pl_arena_init(&m.scratch, 8 << 10);
	m.last_part = m.last_bucket = -1;
	map_init(&m.live, 1024);
	map_init(&m.parts, 64);
	map_init(&m.buckets, 64);

	int rc = read_list(fs, st, table_root, src->base_manifest_list,
			   src->base_manifest_list_size, &fs->manifests, err);
	fs->n_base_manifests = fs->manifests.n;
	if (!rc)
		rc = read_list(fs, st, table_root, src->delta_manifest_list,
			       src->delta_manifest_list_size, &fs->manifests, err);
	if (!rc)
		rc = read_list(fs, st, table_root, src->changelog_manifest_list,
			       src->changelog_manifest_list_size, &fs->changelog_manifests, err);
	if (!rc)
		reserve(&m);
	if (!rc)
		rc = read_manifests(&m, st, table_root, fs->manifests.items, fs->manifests.n, 0,
				    err);
	if (!rc)
		rc = read_manifests(&m, st, table_root, fs->changelog_manifests.items,
				    fs->changelog_manifests.n, 1, err);
	if (!rc && src->index_manifest) {
		fs->has_index_manifest = 1;
		if (pl_index_manifest_read(st, table_root, src->index_manifest, &fs->arena,
					   &fs->index, err))
			rc = pl_err_prefix(err, "reading index manifest %s", src->index_manifest);
	}

	if (!rc) {
		/* Keep the live entries only, in ADD order. The merge arena
		 * becomes the set's own unless DELETEs cancelled so much that a
		 * compacting copy pays for itself. */
		size_t live = 0;
		for (size_t k = 0; k < m.n; k++)
			live += !m.dead[k];
		int compact = (m.n - live) * 4 > m.n;
		if (!compact) {
			fs->files_arena = m.entries_arena;
			pl_arena_init(&m.entries_arena, 4 << 10);
		}
		for (size_t k = 0; k < m.n; k++) {
			if (m.dead[k])
				continue;
			struct pl_live_file *f = &m.files[fs->n_files++];
			if (compact) {
				struct pl_manifest_entry e = m.files[k].entry;
				pl_manifest_entry_copy(&fs->files_arena, &f->entry, &e);
				/* The partition bytes stay shared (fs->arena). */
				f->entry.partition = e.partition;
			} else if (f != &m.files[k]) {
				*f = m.files[k];
			}
			fs->total_record_count += f->entry.file.row_count;
			fs->total_file_size += f->entry.file.file_size;
		}
		fs->files = m.files ? pl_reallocarray(m.files, live ? live : 1, sizeof(*fs->files))
				    : pl_calloc(1, sizeof(*fs->files));
		m.files = NULL;
		size_t kept = 0;
		for (size_t k = 0; k < fs->n_partitions; k++)
			if (fs->partitions[k].file_count > 0)
				fs->partitions[kept++] = fs->partitions[k];
		fs->n_partitions = kept;
		kept = 0;
		for (size_t k = 0; k < fs->n_buckets; k++)
			if (fs->buckets[k].file_count > 0)
				fs->buckets[kept++] = fs->buckets[k];
		fs->n_buckets = kept;
		attach_dvs(fs);
	}
	free(m.files);
	free(m.dead);
	pl_arena_free(&m.entries_arena);
	pl_arena_free(&m.scratch);
	map_free(&m.live);
	map_free(&m.parts);
	map_free(&m.buckets);
	if (rc) {
		pl_fileset_free(fs);
		return -1;
	}
	*out = fs;
	return 0;
}

void pl_fileset_free(struct pl_fileset *fs)
{
	if (!fs)
		return;
	free(fs->manifests.items);
	free(fs->changelog_manifests.items);
	free(fs->files);
	free(fs->changelog.items);
	free(fs->partitions);
	free(fs->buckets);
	free(fs->index.items);
	pl_arena_free(&fs->files_arena);
	pl_arena_free(&fs->arena);
	free(fs);
}

/* ---- paths ------------------------------------------------------------ */

/* PartitionPathUtils.escapePathName: C0 controls, DEL and the characters
 * listed in format-metadata.md §1.5 become %XX. */
static void escape_path_name(struct pl_strbuf *sb, const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];
		if (c < 0x20 || c == 0x7f || strchr("\"#%'*/:=?\\{}[]^", c))
			pl_strbuf_addf(sb, "%%%02X", c);
		else
			pl_strbuf_addch(sb, (char)c);
	}
}

static int whitespace_only(const uint8_t *p, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (!strchr(" \t\n\v\f\r\x1c\x1d\x1e\x1f", p[k]) || !p[k])
			return 0;
	return 1;
}

int pl_partition_path(const struct pl_path_spec *spec, const struct pl_blob *partition,
		      struct pl_arena *arena, char **out, struct pl_error *err)
{
	struct pl_binrow row;
	struct pl_strbuf sb = PL_STRBUF_INIT, value = PL_STRBUF_INIT;
	*out = NULL;
	if (pl_binrow_open(partition->p ? partition->p : (const uint8_t *)"", partition->n,
			   "partition", 0, &row, err))
		return -1;
	if ((size_t)row.arity != spec->n_partition_keys)
		return pl_err(err, PL_ERR_CORRUPT,
			      "partition row has %" PRId32 " fields, the table has %zu partition keys",
			      row.arity, spec->n_partition_keys);
	const char *def = spec->default_partition_name ? spec->default_partition_name
							: "__DEFAULT_PARTITION__";
	for (size_t k = 0; k < spec->n_partition_keys; k++) {
		struct pl_datum d;
		if (pl_binrow_get(&row, (int32_t)k, spec->partition_types[k], &d, err)) {
			pl_strbuf_free(&sb);
			pl_strbuf_free(&value);
			return -1;
		}
		pl_strbuf_reset(&value);
		if (d.kind == PL_D_NULL ||
		    ((d.kind == PL_D_STRING) && whitespace_only(d.p, d.n)))
			pl_strbuf_addstr(&value, def);
		else
			pl_datum_render(&d, spec->partition_types[k],
					spec->legacy_partition_name ? PL_RENDER_OBJECT
								    : PL_RENDER_CAST,
					&value);
		if (k)
			pl_strbuf_addch(&sb, '/');
		escape_path_name(&sb, spec->partition_keys[k], strlen(spec->partition_keys[k]));
		pl_strbuf_addch(&sb, '=');
		escape_path_name(&sb, pl_strbuf_str(&value), value.len);
	}
	*out = pl_arena_strdup(arena, pl_strbuf_str(&sb));
	pl_strbuf_free(&sb);
	pl_strbuf_free(&value);
	return 0;
}

int pl_bucket_path(const struct pl_path_spec *spec, const struct pl_blob *partition,
		   int32_t bucket, struct pl_arena *arena, char **out, struct pl_error *err)
{
	char *part;
	if (pl_partition_path(spec, partition, arena, &part, err))
		return -1;
	char *dir = (char *)spec->table_root;
	if (spec->data_file_path_directory && *spec->data_file_path_directory)
		dir = pl_path_join(arena, dir, spec->data_file_path_directory);
	if (*part)
		dir = pl_path_join(arena, dir, part);
	char name[32];
	if (bucket == -2)
		snprintf(name, sizeof(name), "bucket-postpone");
	else
		snprintf(name, sizeof(name), "bucket-%" PRId32, bucket);
	*out = pl_path_join(arena, dir, name);
	return 0;
}

int pl_data_file_path(const struct pl_path_spec *spec, const struct pl_manifest_entry *e,
		      struct pl_arena *arena, char **out, int *external, struct pl_error *err)
{
	if (e->file.external_path) {
		*external = 1;
		*out = pl_arena_strdup(arena, e->file.external_path);
		return 0;
	}
	*external = 0;
	char *dir;
	if (pl_bucket_path(spec, &e->partition, e->bucket, arena, &dir, err))
		return -1;
	*out = pl_path_join(arena, dir, e->file.file_name);
	return 0;
}

int pl_index_file_path(const struct pl_path_spec *spec, const struct pl_index_manifest_entry *e,
		       struct pl_arena *arena, char **out, int *external, struct pl_error *err)
{
	if (e->external_path) {
		*external = 1;
		*out = pl_arena_strdup(arena, e->external_path);
		return 0;
	}
	*external = 0;
	if (spec->index_file_in_data_dir && !e->global_index.present) {
		char *dir;
		if (pl_bucket_path(spec, &e->partition, e->bucket, arena, &dir, err))
			return -1;
		*out = pl_path_join(arena, dir, e->file_name);
		return 0;
	}
	*out = pl_path_join(arena, pl_path_join(arena, spec->table_root, "index"), e->file_name);
	return 0;
}

int pl_fileset_resolve_dv(struct pl_fileset *fs, struct pl_storage *st,
			  const struct pl_path_spec *spec, struct pl_error *err)
{
	for (size_t k = 0; k < fs->n_files; k++) {
		struct pl_live_file *f = &fs->files[k];
		if (f->dv_state != PL_DV_UNKNOWN)
			continue;
		char *path;
		int external;
		if (pl_index_file_path(spec, f->dv_index, &fs->arena, &path, &external, err))
			return -1;
		if (external)
			continue;
		struct pl_dv_info info;
		if (pl_dv_read(st, path, f->dv_range->offset, f->dv_range->length, &info, err))
			return pl_err_prefix(err, "deletion vector of %s", f->entry.file.file_name);
		f->dv_state = PL_DV_KNOWN;
		f->dv_deleted_rows = (int64_t)info.cardinality;
	}
	return 0;
}
