/* Live file set of a snapshot (format-manifests.md §6.1, §7.3, §7.4, §8):
 * the merge of every manifest entry into compact records (fileset.h). */
#include "paimon/fileset.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/fileset_names.h"
#include "util/alloc.h"

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


/* ---- identifiers ------------------------------------------------------ */

static int blob_eq(const struct pl_blob *a, const struct pl_blob *b)
{
	return a->has_value == b->has_value && a->n == b->n && (!a->n || !memcmp(a->p, b->p, a->n));
}

static int str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static uint32_t blob_hash(const struct pl_blob *b)
{
	return pl_hash_bytes(PL_HASH_SEED, b->p ? b->p : (const uint8_t *)"", b->n);
}

/* Whether an entry's identity has any of the parts that are almost always
 * empty (extra files, embedded index, external path). */
static int has_rare(const struct pl_data_file_meta *f)
{
	return f->extra_files.n || f->embedded_index.has_value || f->external_path;
}

static int rare_eq(const struct pl_fileset *fs, uint32_t a, uint32_t b)
{
	if (a == PL_LIVE_NONE || b == PL_LIVE_NONE)
		return a == b;
	const struct pl_live_rare *x = &fs->rares[a], *y = &fs->rares[b];
	if (!blob_eq(&x->embedded_index, &y->embedded_index) ||
	    !str_eq(x->external_path, y->external_path) || x->extra_files.n != y->extra_files.n)
		return 0;
	for (uint32_t k = 0; k < x->extra_files.n; k++)
		if (strcmp(x->extra_files.items[k], y->extra_files.items[k]) != 0)
			return 0;
	return 1;
}

static int ident_eq(const struct pl_fileset *fs, const struct pl_live_file *a,
		    const struct pl_live_file *b)
{
	return a->partition == b->partition && a->bucket == b->bucket && a->level == b->level &&
	       pl_name_eq(a, b) && rare_eq(fs, a->rare, b->rare);
}

/* FileEntry.Identifier: partition, bucket, level, file name, extra files,
 * embedded index, external path. The last three are almost always empty,
 * so only the first four are hashed. The partition is its interned index. */
static uint32_t ident_hash(const struct pl_live_file *f)
{
	uint32_t key[3] = { f->partition, (uint32_t)f->bucket, (uint32_t)f->level };
	return pl_name_hash(pl_hash_bytes(PL_HASH_SEED, key, sizeof(key)), f);
}

/* ---- merge state ------------------------------------------------------ */

/* An ADD or DELETE in file order: the identity's hash in the high half
 * (events are sorted by it once the manifests are read), then the event's
 * position, which indexes merge.what. */
typedef uint64_t event;
#define EVENT_DELETE 0x80000000u      /* merge.what: a DELETE, in deletes[] */

struct merge {
	struct pl_fileset *fs;
	struct pl_live_file *files;           /* every ADD, live or not */
	unsigned char *dead;
	size_t n, cap;
	struct pl_live_file *deletes;         /* every DELETE */
	size_t n_deletes, deletes_cap;
	event *events;
	uint32_t *what;                       /* per event: files[] or deletes[] index */
	size_t n_events, events_cap;
	struct index_map parts;
	size_t parts_cap, rows_cap, rares_cap;
	struct index_map buckets;
	size_t buckets_cap;
	size_t changelog_cap;
	/* What the equality callbacks compare against. */
	const struct pl_blob *probe_part;
	int32_t probe_bucket;
	/* Consecutive entries mostly share partition and bucket. */
	long last_part, last_bucket;
	uint32_t last_part_hash;       /* blob_hash of partitions[last_part] */
	/* Reading one manifest. */
	int changelog;
	int is_delta;
	uint32_t manifest, ordinal;
	struct pl_arena scratch;
};

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

/* Adds e to its partition and bucket sums; returns the partition's index,
 * which is also its index in fs->partition_rows (the partition sums are
 * only compacted once the merge is done). */
static uint32_t aggregate(struct merge *m, const struct pl_manifest_entry *e)
{
	struct pl_fileset *fs = m->fs;
	int64_t sign = e->kind == PL_FILE_ADD ? 1 : -1;
	struct pl_partition_stat *p;
	if (m->last_part >= 0 && blob_eq(&fs->partitions[m->last_part].partition, &e->partition)) {
		p = &fs->partitions[m->last_part];
	} else {
		uint32_t ph = blob_hash(&e->partition);
		m->probe_part = &e->partition;
		long pos = map_find(&m->parts, ph, part_eq, m);
		if (pos < 0) {
			PL_GROW(fs->partitions, m->parts_cap, fs->n_partitions + 1);
			PL_GROW(fs->partition_rows, m->rows_cap, fs->n_partition_rows + 1);
			p = &fs->partitions[fs->n_partitions];
			memset(p, 0, sizeof(*p));
			p->partition = keep_blob(&fs->arena, &e->partition);
			p->deleted_record_count.present = 1;
			fs->partition_rows[fs->n_partition_rows++] = p->partition;
			map_put(&m->parts, ph, (uint32_t)fs->n_partitions++);
		} else {
			p = &fs->partitions[m->parts.slots[pos].idx];
		}
		m->last_part = p - fs->partitions;
		m->last_part_hash = ph;
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
		uint32_t bh = pl_hash_bytes(m->last_part_hash, &e->bucket, sizeof(e->bucket));
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
	return (uint32_t)m->last_part;
}

/* ---- keeping an entry ------------------------------------------------- */

static const char *const no_strings[1] = { NULL };

/* A copy of the rare identity parts; returns its index. */
static uint32_t keep_rare(struct merge *m, const struct pl_data_file_meta *f)
{
	struct pl_fileset *fs = m->fs;
	struct pl_arena *a = &fs->arena;
	PL_GROW(fs->rares, m->rares_cap, fs->n_rares + 1);
	struct pl_live_rare *r = &fs->rares[fs->n_rares];
	memset(r, 0, sizeof(*r));
	r->extra_files = f->extra_files;
	if (f->extra_files.n) {
		const char **items = pl_arena_alloc(a, f->extra_files.n * sizeof(char *));
		for (uint32_t k = 0; k < f->extra_files.n; k++)
			items[k] = pl_arena_strdup(a, f->extra_files.items[k]);
		r->extra_files.items = items;
	} else if (f->extra_files.items) {
		r->extra_files.items = (const char **)no_strings;
	}
	r->embedded_index = keep_blob(a, &f->embedded_index);
	if (f->external_path)
		r->external_path = pl_arena_strdup(a, f->external_path);
	return (uint32_t)fs->n_rares++;
}

/* Records e: its sums now, its identity as an event matched once every
 * manifest is read (match_events), so that no per-entry hash probe into a
 * table of a million files misses the cache. */
static void merge_entry(struct merge *m, const struct pl_manifest_entry *e)
{
	struct pl_live_file rec;
	memset(&rec, 0, sizeof(rec));
	rec.partition = aggregate(m, e);
	rec.bucket = e->bucket;
	rec.level = e->file.level;
	pl_name_encode(m->fs, e->file.file_name, 1, &rec);
	if (rec.name_form == PL_LIVE_NONE)
		rec.name.verbatim = pl_arena_strdup(&m->fs->arena, rec.name.verbatim);
	rec.rare = has_rare(&e->file) ? keep_rare(m, &e->file) : PL_LIVE_NONE;
	rec.dv = PL_LIVE_NONE;
	uint32_t idx;
	if (e->kind == PL_FILE_DELETE) {
		PL_GROW(m->deletes, m->deletes_cap, m->n_deletes + 1);
		m->deletes[m->n_deletes] = rec;
		idx = (uint32_t)m->n_deletes++ | EVENT_DELETE;
	} else {
		size_t old_cap = m->cap;
		PL_GROW(m->files, m->cap, m->n + 1);
		if (m->cap != old_cap) {
			m->dead = pl_realloc(m->dead, m->cap);
			memset(m->dead + old_cap, 0, m->cap - old_cap);
		}
		rec.row_count = e->file.row_count;
		rec.file_size = e->file.file_size;
		rec.file_source = e->file.file_source;
		rec.manifest = m->manifest;
		rec.ordinal = m->ordinal;
		m->files[m->n] = rec;
		m->dead[m->n] = 0;
		idx = (uint32_t)m->n++;
	}
	size_t old_cap = m->events_cap;
	PL_GROW(m->events, m->events_cap, m->n_events + 1);
	if (m->events_cap != old_cap)
		m->what = pl_reallocarray(m->what, m->events_cap, sizeof(*m->what));
	m->events[m->n_events] = (uint64_t)ident_hash(&rec) << 32 | m->n_events;
	m->what[m->n_events++] = idx;
}

/* Sorts events by hash, keeping file order among equal hashes (LSD radix
 * sort on the high 32 bits: four stable passes of 8 bits). */
static void sort_events(event *ev, size_t n)
{
	event *tmp = pl_reallocarray(NULL, n ? n : 1, sizeof(*tmp));
	size_t count[256];
	for (int shift = 32; shift < 64; shift += 8) {
		memset(count, 0, sizeof(count));
		for (size_t k = 0; k < n; k++)
			count[(ev[k] >> shift) & 255]++;
		size_t sum = 0;
		for (int b = 0; b < 256; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t k = 0; k < n; k++)
			tmp[count[(ev[k] >> shift) & 255]++] = ev[k];
		memcpy(ev, tmp, n * sizeof(*ev));
	}
	free(tmp);
}

/* Replays the events of one hash in file order: an ADD makes its file live
 * (replacing a live one of the same identity, which Java asserts never
 * happens), a DELETE kills the live file of its identity. */
static void replay(struct merge *m, const event *ev, size_t n, uint32_t **live, size_t *cap)
{
	struct pl_fileset *fs = m->fs;
	size_t n_live = 0;
	for (size_t k = 0; k < n; k++) {
		uint32_t w = m->what[(uint32_t)ev[k]];
		const struct pl_live_file *rec = w & EVENT_DELETE ? &m->deletes[w & ~EVENT_DELETE]
								  : &m->files[w];
		size_t j = 0;
		while (j < n_live && !ident_eq(fs, &m->files[(*live)[j]], rec))
			j++;
		if (j < n_live) {
			m->dead[(*live)[j]] = 1;
			(*live)[j] = (*live)[--n_live];
			if (!(w & EVENT_DELETE))
				fs->duplicate_adds++;
		} else if (w & EVENT_DELETE) {
			fs->unmatched_deletes++;
		}
		if (!(w & EVENT_DELETE)) {
			PL_GROW(*live, *cap, n_live + 1);
			(*live)[n_live++] = w;
		}
	}
}

static void match_events(struct merge *m)
{
	sort_events(m->events, m->n_events);
	uint32_t *live = NULL;
	size_t cap = 0;
	for (size_t k = 0; k < m->n_events;) {
		size_t end = k + 1;
		while (end < m->n_events && m->events[end] >> 32 == m->events[k] >> 32)
			end++;
		/* A lone ADD stays live; a lone DELETE matches nothing. */
		if (end - k == 1 && (m->what[(uint32_t)m->events[k]] & EVENT_DELETE))
			m->fs->unmatched_deletes++;
		else if (end - k > 1)
			replay(m, m->events + k, end - k, &live, &cap);
		k = end;
	}
	free(live);
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
	if (m->changelog) {
		struct pl_manifest_entries *cl = &fs->changelog;
		PL_GROW(cl->items, m->changelog_cap, cl->n + 1);
		pl_manifest_entry_copy(&fs->arena, &cl->items[cl->n++], e);
		return 0;
	}
	if (m->n_events >= EVENT_DELETE - 1)
		return pl_err(err, PL_ERR_LIMIT, "more than %u manifest entries in one snapshot",
			      EVENT_DELETE - 1);
	if (m->is_delta)
		fs->delta_record_count += (e->kind == PL_FILE_ADD ? 1 : -1) * e->file.row_count;
	merge_entry(m, e);
	m->ordinal++;
	return 0;
}

/* Reads manifests metas[0..n) in batches and hands every entry, in order,
 * to merge_entry (data) or the changelog vector. Entries are decoded one at
 * a time into a small scratch arena: only what is kept is ever copied. The
 * data manifests' bytes are kept (fs->manifest_bytes) for the full entries
 * of live files. */
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
			m->manifest = (uint32_t)(first + k);
			m->ordinal = 0;
			/* Statistics of data files are decoded when asked
			 * (fileset_live.c), from the bytes kept here. */
			if ((changelog ? pl_manifest_parse_each
				       : pl_manifest_parse_each_brief)(q->out.data, q->out.len,
								       q->path, &m->scratch,
								       take_entry, m, err))
				rc = -1;
			if (!changelog) {
				fs->manifest_bytes[first + k] = q->out;
				memset(&q->out, 0, sizeof(q->out));
			} else {
				pl_buf_free(&q->out);
			}
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
	const struct pl_live_file *probe;
};

/* Deletion vectors name their file by partition, bucket and name. */
static uint32_t file_key_hash(const struct pl_live_file *f)
{
	uint32_t key[2] = { f->partition, (uint32_t)f->bucket };
	return pl_name_hash(pl_hash_bytes(PL_HASH_SEED, key, sizeof(key)), f);
}

static int file_key_eq(const void *ctx, uint32_t idx)
{
	const struct file_key_ctx *c = ctx;
	const struct pl_live_file *f = &c->fs->files[idx];
	return f->partition == c->probe->partition && f->bucket == c->probe->bucket &&
	       pl_name_eq(f, c->probe);
}

static long find_partition_row(const struct pl_fileset *fs, const struct pl_blob *p)
{
	for (size_t k = 0; k < fs->n_partition_rows; k++)
		if (blob_eq(&fs->partition_rows[k], p))
			return (long)k;
	return -1;
}

static struct pl_partition_stat *find_partition(struct pl_fileset *fs, const struct pl_blob *p)
{
	for (size_t k = 0; k < fs->n_partitions; k++)
		if (blob_eq(&fs->partitions[k].partition, p))
			return &fs->partitions[k];
	return NULL;
}

static void attach_dv(struct pl_fileset *fs, struct index_map *by_name, size_t *cap,
		      const struct pl_index_manifest_entry *ie, long row,
		      const struct pl_dv_range *range)
{
	struct pl_live_file probe;
	memset(&probe, 0, sizeof(probe));
	probe.partition = (uint32_t)row;
	probe.bucket = ie->bucket;
	pl_name_encode(fs, range->data_file, 0, &probe);
	struct file_key_ctx c = { fs, &probe };
	long pos = row < 0 ? -1 : map_find(by_name, file_key_hash(&probe), file_key_eq, &c);
	if (pos < 0) {
		fs->orphan_dv_ranges++;
		return;
	}
	struct pl_live_file *f = &fs->files[by_name->slots[pos].idx];
	if (f->dv == PL_LIVE_NONE) {
		PL_GROW(fs->dvs, *cap, fs->n_dvs + 1);
		f->dv = (uint32_t)fs->n_dvs++;
	}
	struct pl_live_dv *dv = &fs->dvs[f->dv];
	dv->index = ie;
	dv->range = range;
	dv->state = range->cardinality.present ? PL_DV_KNOWN : PL_DV_UNKNOWN;
	dv->deleted_rows = range->cardinality.present ? range->cardinality.v : 0;
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
	size_t cap = 16, dv_cap = 0;
	while (cap < fs->n_files * 2 + 2)
		cap *= 2;
	map_init(&by_name, cap);
	for (size_t k = 0; k < fs->n_files; k++)
		map_put(&by_name, file_key_hash(&fs->files[k]), (uint32_t)k);
	for (size_t k = 0; k < fs->index.n; k++) {
		const struct pl_index_manifest_entry *ie = &fs->index.items[k];
		if (strcmp(ie->index_type, "DELETION_VECTORS") != 0)
			continue;
		struct pl_partition_stat *ps = find_partition(fs, &ie->partition);
		long row = find_partition_row(fs, &ie->partition);
		for (uint32_t r = 0; r < ie->n_dv_ranges; r++) {
			const struct pl_dv_range *range = &ie->dv_ranges[r];
			if (ps) {
				if (!range->cardinality.present)
					ps->deleted_record_count.present = 0;
				else
					ps->deleted_record_count.v += range->cardinality.v;
			}
			attach_dv(fs, &by_name, &dv_cap, ie, row, range);
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
	uint64_t added = 0, deleted = 0, bytes = 0;
	for (size_t k = 0; k < ms->n; k++) {
		if (ms->items[k].num_added_files > 0)
			added += (uint64_t)ms->items[k].num_added_files;
		if (ms->items[k].num_deleted_files > 0)
			deleted += (uint64_t)ms->items[k].num_deleted_files;
		if (ms->items[k].file_size > 0)
			bytes += (uint64_t)ms->items[k].file_size;
	}
	uint64_t most = bytes / 8 + 1024;
	if (added > most)
		added = most;
	if (added + deleted > most)
		deleted = most - added;
	if (added <= m->cap || added + deleted > EVENT_DELETE / 2)
		return;
	m->files = pl_reallocarray(m->files, (size_t)added, sizeof(*m->files));
	m->dead = pl_realloc(m->dead, (size_t)added);
	memset(m->dead + m->cap, 0, (size_t)added - m->cap);
	m->cap = (size_t)added;
	m->events_cap = (size_t)(added + deleted);
	m->events = pl_reallocarray(m->events, m->events_cap, sizeof(*m->events));
	m->what = pl_reallocarray(m->what, m->events_cap, sizeof(*m->what));
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

/* Keeps the live records only, in ADD order, and the bytes of the
 * manifests they are in; drops partitions and buckets left empty. */
static void finish(struct pl_fileset *fs, struct merge *m)
{
	match_events(m);
	size_t live = 0;
	for (size_t k = 0; k < m->n; k++) {
		if (m->dead[k])
			continue;
		struct pl_live_file *f = &m->files[live++];
		if (f != &m->files[k])
			*f = m->files[k];
		fs->total_record_count += f->row_count;
		fs->total_file_size += f->file_size;
	}
	fs->n_files = live;
	fs->files = m->files ? pl_reallocarray(m->files, live ? live : 1, sizeof(*fs->files))
			     : pl_calloc(1, sizeof(*fs->files));
	m->files = NULL;
	unsigned char *used = pl_calloc(fs->manifests.n + 1, 1);
	for (size_t k = 0; k < live; k++)
		used[fs->files[k].manifest] = 1;
	for (size_t k = 0; k < fs->manifests.n; k++)
		if (!used[k])
			pl_buf_free(&fs->manifest_bytes[k]);
	free(used);
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
}

int pl_fileset_load(struct pl_storage *st, const char *table_root,
		    const struct pl_fileset_source *src, struct pl_fileset **out,
		    struct pl_error *err)
{
	struct pl_fileset *fs = pl_calloc(1, sizeof(*fs));
	pl_arena_init(&fs->arena, 64 << 10);
	struct merge m;
	memset(&m, 0, sizeof(m));
	m.fs = fs;
	pl_arena_init(&m.scratch, 8 << 10);
	m.last_part = m.last_bucket = -1;
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
	fs->manifest_bytes = pl_calloc(fs->manifests.n + 1, sizeof(*fs->manifest_bytes));
	if (!rc && fs->manifests.n > UINT32_MAX - 1)
		rc = pl_err(err, PL_ERR_LIMIT, "%zu manifests in one snapshot", fs->manifests.n);
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
		finish(fs, &m);
		attach_dvs(fs);
	}
	free(m.files);
	free(m.dead);
	free(m.deletes);
	free(m.events);
	free(m.what);
	pl_arena_free(&m.scratch);
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
	for (size_t k = 0; fs->manifest_bytes && k < fs->manifests.n; k++)
		pl_buf_free(&fs->manifest_bytes[k]);
	free(fs->manifest_bytes);
	free(fs->manifests.items);
	free(fs->changelog_manifests.items);
	free(fs->files);
	free(fs->changelog.items);
	free(fs->partitions);
	free(fs->partition_rows);
	free(fs->name_forms);
	free(fs->rares);
	free(fs->dvs);
	free(fs->buckets);
	free(fs->index.items);
	pl_arena_free(&fs->arena);
	free(fs);
}
