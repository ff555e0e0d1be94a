/* One commit on one branch, the way Java's FileStoreCommitImpl shapes it:
 * the previous data manifests (minor-merged like ManifestFileMerger) become
 * the base list, this commit's file changes the delta list, and a changed
 * deletion-vector state a new, complete index manifest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/dv_writer.h"
#include "gen/table_internal.h"
#include "util/alloc.h"

#define LEVEL_TOP 5          /* num-levels 6: levels 0 … 5 */

void gen_stamp_reserve(struct gen_table *t)
{
	if (t->stamp_have >= t->nfiles && t->stamp)
		return;
	size_t n = t->capfiles ? t->capfiles : 16;
	t->stamp = pl_reallocarray(t->stamp, n, sizeof(*t->stamp));
	t->stamp_pos = pl_reallocarray(t->stamp_pos, n, sizeof(*t->stamp_pos));
	memset(t->stamp + t->stamp_have, 0, (n - t->stamp_have) * sizeof(*t->stamp));
	t->stamp_have = n;
}

struct u32vec {
	uint32_t *v;
	size_t n, cap;
};

static void push(struct u32vec *a, uint32_t x)
{
	PL_GROW(a->v, a->cap, a->n + 1);
	a->v[a->n++] = x;
}

/* Merges a run of manifests into new ones, cancelling ADD/DELETE pairs. */
static int merge_candidates(struct gen_table *t, const uint32_t *cand, size_t n,
			    struct u32vec *out, struct pl_error *err)
{
	if (n == 1) {
		push(out, cand[0]);
		return 0;
	}
	gen_stamp_reserve(t);
	uint32_t gen = ++t->stamp_gen;
	struct u32vec l = { 0 };
	for (size_t i = 0; i < n; i++) {
		const struct gen_manifest *m = &t->manifests[cand[i]];
		for (size_t k = 0; k < m->n; k++) {
			uint32_t e = m->entries[k], f = e >> 1;
			if ((e & 1) && t->stamp[f] == gen && l.v[t->stamp_pos[f]] == (f << 1)) {
				l.v[t->stamp_pos[f]] = UINT32_MAX;
				continue;
			}
			t->stamp[f] = gen;
			t->stamp_pos[f] = (uint32_t)l.n;
			push(&l, e);
		}
	}
	size_t w = 0;
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i] != UINT32_MAX)
			l.v[w++] = l.v[i];
	int rc = 0;
	if (w)
		rc = gen_write_manifests(t, l.v, w, &out->v, &out->n, &out->cap, err);
	free(l.v);
	return rc;
}

static int minor_merge(struct gen_table *t, const uint32_t *in, size_t n, struct u32vec *out,
		       struct pl_error *err)
{
	size_t start = 0;
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		total += t->manifests[in[i]].size;
		if (total >= t->opt->manifest_target) {
			if (merge_candidates(t, in + start, i + 1 - start, out, err) != 0)
				return -1;
			start = i + 1;
			total = 0;
		}
	}
	if (n - start >= (size_t)t->opt->merge_min_count)
		return merge_candidates(t, in + start, n - start, out, err);
	for (size_t i = start; i < n; i++)
		push(out, in[i]);
	return 0;
}

static int rebuild_index_manifest(struct gen_table *t, struct gen_branch *b,
				  struct pl_error *err)
{
	struct u32vec d = { 0 };
	size_t nb = (size_t)t->nparts * (size_t)t->nbuckets_dir;
	for (size_t i = 0; i < nb; i++)
		if (b->buckets[i].dvfile >= 0)
			push(&d, (uint32_t)b->buckets[i].dvfile);
	uint32_t idx;
	int rc = gen_write_index_manifest(t, d.v, d.n, &idx, err);
	if (rc == 0)
		b->index_manifest = (int32_t)idx;
	free(d.v);
	return rc;
}

static int commit(struct gen_table *t, struct gen_branch *b, const char *kind,
		  const uint32_t *entries, size_t n, int dv_changed, struct pl_error *err)
{
	struct u32vec base = { 0 }, delta = { 0 };
	uint32_t base_list, delta_list;
	int rc = minor_merge(t, b->data_manifests, b->ndata, &base, err);
	if (rc == 0)
		rc = gen_write_mlist(t, base.v, base.n, &base_list, err);
	if (rc == 0 && n)
		rc = gen_write_manifests(t, entries, n, &delta.v, &delta.n, &delta.cap, err);
	if (rc == 0)
		rc = gen_write_mlist(t, delta.v, delta.n, &delta_list, err);
	if (rc == 0 && dv_changed)
		rc = rebuild_index_manifest(t, b, err);
	if (rc != 0)
		goto out;

	int64_t d = 0;
	for (size_t i = 0; i < n; i++)
		d += (entries[i] & 1) ? -t->files[entries[i] >> 1].rows
				      : t->files[entries[i] >> 1].rows;
	b->total += d;
	free(b->data_manifests);
	b->ndata = base.n + delta.n;
	b->data_manifests = pl_reallocarray(NULL, b->ndata ? b->ndata : 1, sizeof(uint32_t));
	if (base.n)
		memcpy(b->data_manifests, base.v, base.n * sizeof(uint32_t));
	if (delta.n)
		memcpy(b->data_manifests + base.n, delta.v, delta.n * sizeof(uint32_t));

	PL_GROW(b->snaps, b->capsnaps, b->nsnaps + 1);
	struct gen_snapshot *s = &b->snaps[b->nsnaps++];
	memset(s, 0, sizeof(*s));
	s->id = b->next_id++;
	s->schema_id = gen_latest_schema(b)->id;
	s->base_list = base_list;
	s->delta_list = delta_list;
	s->index_manifest = b->index_manifest;
	s->statistics = b->statistics;
	memcpy(s->commit_user, b->commit_user, sizeof(s->commit_user));
	if (t->spec->batch) {
		s->commit_identifier = INT64_MAX;
	} else {
		/* a COMPACT shares the checkpoint of the APPEND before it */
		if (strcmp(kind, "APPEND") == 0 || b->commit_identifier == 0)
			b->commit_identifier++;
		s->commit_identifier = b->commit_identifier;
		s->has_watermark = 1;
		s->watermark = b->nsnaps <= 2 ? INT64_MIN : b->clock - 5000;
	}
	s->kind = kind;
	s->time_ms = b->clock;
	s->total = b->total;
	s->delta = d;
	rc = gen_write_snapshot(t, b->dir, s, err);
	if (rc == 0)
		rc = gen_write_hint(b->dir, "LATEST", s->id, err);
	if (rc == 0 && b->is_main && s->id == 1)
		rc = gen_write_hint(b->dir, "EARLIEST", s->id, err);
out:
	free(base.v);
	free(delta.v);
	return rc;
}

static uint32_t new_file(struct gen_table *t, struct gen_branch *b, uint32_t part,
			 int32_t bucket, int32_t level, int64_t rows, uint8_t source)
{
	struct gen_bucket *bk = gen_bucket_at(t, b, part, bucket);
	if (bk->writer < 0) {
		PL_GROW(t->writers, t->capwriters, t->nwriters + 1);
		gen_uuid(&t->rng, t->writers[t->nwriters]);
		bk->writer = (int32_t)t->nwriters++;
		bk->writer_count = 0;
	}
	PL_GROW(t->files, t->capfiles, t->nfiles + 1);
	uint32_t idx = (uint32_t)t->nfiles++;
	struct gen_file *f = &t->files[idx];
	memset(f, 0, sizeof(*f));
	f->schema = gen_latest_schema(b);
	f->part = part;
	f->bucket = bucket;
	f->level = level;
	f->writer = (uint32_t)bk->writer;
	f->counter = bk->writer_count++;
	f->source = source;
	f->rows = rows;
	int per_row = t->spec->tpl == TPL_METRICS ? 22 : t->spec->tpl == TPL_EVENTS ? 61 : 47;
	f->size = 600 + rows * per_row + (int64_t)gen_rng_below(&t->rng, 400);
	f->creation_ms = b->clock - 200 - (int64_t)gen_rng_below(&t->rng, 800);
	f->stats_seed = gen_rng_next(&t->rng);
	return idx;
}

static void bucket_add(struct gen_bucket *bk, uint32_t f)
{
	PL_GROW(bk->files, bk->cap, bk->n + 1);
	bk->files[bk->n++] = f;
}

static void bucket_remove(struct gen_bucket *bk, uint32_t f)
{
	for (size_t i = 0; i < bk->n; i++)
		if (bk->files[i] == f) {
			memmove(bk->files + i, bk->files + i + 1, (bk->n - i - 1) * sizeof(uint32_t));
			bk->n--;
			return;
		}
}

static int is_pk(const struct gen_table *t)
{
	return t->spec->tpl == TPL_ORDERS || t->spec->tpl == TPL_CUSTOMERS;
}

int gen_commit_append(struct gen_table *t, struct gen_branch *b, struct pl_error *err)
{
	const struct gen_table_spec *sp = t->spec;
	int nreg = sp->tpl == TPL_ORDERS && t->nparts >= 3 ? 3 : 1;
	int ndays = (t->nparts + nreg - 1) / nreg;
	/* spread the appends of the whole run over the days */
	int total_appends = sp->snapshots;
	if (sp->compact_every > 0)
		total_appends = sp->snapshots * sp->compact_every / (sp->compact_every + 1);
	if (total_appends < 1)
		total_appends = 1;
	int day = (int)((int64_t)b->appends * ndays / total_appends);
	struct u32vec e = { 0 };
	for (int j = 0; j < sp->files; j++) {
		int d = day;
		if (d > 0 && gen_rng_below(&t->rng, 10) == 0)
			d--;                    /* late data for yesterday */
		uint32_t part = (uint32_t)(d * nreg + j % nreg);
		if (part >= (uint32_t)t->nparts)
			part = (uint32_t)t->nparts - 1;
		int32_t bucket = (int32_t)((j / nreg) % t->nbuckets_dir);
		int64_t rows = sp->rows_per_file;
		if (rows > 4)
			rows += gen_rng_range(&t->rng, -rows / 5, rows / 5);
		uint32_t f = new_file(t, b, part, bucket, 0, rows, 0);
		struct gen_file *fm = &t->files[f];
		struct gen_bucket *bk = gen_bucket_at(t, b, part, bucket);
		fm->min_seq = bk->next_seq;
		fm->max_seq = bk->next_seq + rows - 1;
		bk->next_seq += rows;
		if (is_pk(t)) {
			fm->min_key = b->next_key;
			fm->max_key = b->next_key + rows * 3 - 1;
			b->next_key += rows * 3;
			fm->delete_rows = rows / 40;
		}
		bucket_add(bk, f);
		push(&e, f << 1);
	}
	b->appends++;
	int rc = commit(t, b, "APPEND", e.v, e.n, 0, err);
	free(e.v);
	return rc;
}

static struct gen_dv *find_dv(struct gen_bucket *bk, uint32_t f, int create)
{
	for (size_t i = 0; i < bk->ndvs; i++)
		if (bk->dvs[i].file == f)
			return &bk->dvs[i];
	if (!create)
		return NULL;
	PL_GROW(bk->dvs, bk->capdvs, bk->ndvs + 1);
	struct gen_dv *d = &bk->dvs[bk->ndvs++];
	memset(d, 0, sizeof(*d));
	d->file = f;
	return d;
}

static void drop_dv(struct gen_bucket *bk, uint32_t f)
{
	for (size_t i = 0; i < bk->ndvs; i++)
		if (bk->dvs[i].file == f) {
			free(bk->dvs[i].pos);
			bk->dvs[i] = bk->dvs[--bk->ndvs];
			return;
		}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Marks `count` more rows of file f deleted (distinct, sorted positions). */
static void add_deletions(struct gen_table *t, struct gen_dv *d, int64_t rows, int64_t count)
{
	if (count > rows - (int64_t)d->n)
		count = rows - (int64_t)d->n;
	for (int64_t k = 0; k < count; k++) {
		for (int tries = 0; tries < 64; tries++) {
			uint32_t p = (uint32_t)gen_rng_below(&t->rng, (uint64_t)rows);
			if (d->n && bsearch(&p, d->pos, d->n, sizeof(uint32_t), cmp_u32))
				continue;
			d->pos = pl_reallocarray(d->pos, d->n + 1, sizeof(uint32_t));
			d->pos[d->n++] = p;
			qsort(d->pos, d->n, sizeof(uint32_t), cmp_u32);
			break;
		}
	}
}

/* Writes the bucket's DV index file (possibly just the version byte). */
static int write_dvfile(struct gen_table *t, struct gen_branch *b, uint32_t part,
			int32_t bucket, struct pl_error *err)
{
	struct gen_bucket *bk = gen_bucket_at(t, b, part, bucket);
	PL_GROW(t->dvfiles, t->capdvfiles, t->ndvfiles + 1);
	struct gen_dvfile *df = &t->dvfiles[t->ndvfiles];
	memset(df, 0, sizeof(*df));
	snprintf(df->name, sizeof(df->name), "index-%s-%u", t->index_uuid, t->index_n++);
	df->part = part;
	df->bucket = bucket;
	df->ranges = pl_calloc(bk->ndvs ? bk->ndvs : 1, sizeof(*df->ranges));
	struct pl_strbuf file = PL_STRBUF_INIT;
	gen_dv_file_begin(&file);
	for (size_t i = 0; i < bk->ndvs; i++) {
		struct gen_dv_range *r = &df->ranges[df->n++];
		r->file = bk->dvs[i].file;
		r->cardinality = (int64_t)bk->dvs[i].n;
		gen_dv_file_add(&file, bk->dvs[i].pos, bk->dvs[i].n, &r->offset, &r->length);
	}
	df->size = (int64_t)file.len;
	char path[4096];
	snprintf(path, sizeof(path), "%s/index/%s", t->dir, df->name);
	int rc = gen_write_file(path, file.buf, file.len, err);
	pl_strbuf_free(&file);
	if (rc == 0)
		bk->dvfile = (int32_t)t->ndvfiles++;
	return rc;
}

/* Compacts one primary-key bucket: see doc/generator.md for the model. */
static int compact_pk_bucket(struct gen_table *t, struct gen_branch *b, uint32_t part,
			     int32_t bucket, struct u32vec *e, int *dv_changed,
			     struct pl_error *err)
{
	struct gen_bucket *bk = gen_bucket_at(t, b, part, bucket);
	struct u32vec l0 = { 0 }, high = { 0 };
	for (size_t i = 0; i < bk->n; i++)
		push(t->files[bk->files[i]].level == 0 ? &l0 : &high, bk->files[i]);
	if (l0.n == 0)
		goto out;
	bk->rounds++;
	if (high.n == 0) {
		/* upgrade: the same file moves to the top level */
		for (size_t i = 0; i < l0.n; i++) {
			struct gen_file copy = t->files[l0.v[i]];
			copy.level = LEVEL_TOP;
			PL_GROW(t->files, t->capfiles, t->nfiles + 1);
			uint32_t up = (uint32_t)t->nfiles++;
			t->files[up] = copy;
			push(e, l0.v[i] << 1 | 1);
			push(e, up << 1);
			bucket_remove(bk, l0.v[i]);
			bucket_add(bk, up);
		}
		goto out;
	}
	int full = bk->rounds % 4 == 0;
	struct u32vec *inputs = &l0;
	if (full)
		for (size_t i = 0; i < high.n; i++)
			push(&l0, high.v[i]);
	int64_t rows = 0, deleted = 0, min_seq = INT64_MAX, max_seq = INT64_MIN;
	int64_t min_key = INT64_MAX, max_key = INT64_MIN;
	for (size_t i = 0; i < inputs->n; i++) {
		const struct gen_file *f = &t->files[inputs->v[i]];
		struct gen_dv *d = find_dv(bk, inputs->v[i], 0);
		rows += f->rows - f->delete_rows;
		deleted += d ? (int64_t)d->n : 0;
		if (f->min_seq < min_seq) min_seq = f->min_seq;
		if (f->max_seq > max_seq) max_seq = f->max_seq;
		if (f->min_key < min_key) min_key = f->min_key;
		if (f->max_key > max_key) max_key = f->max_key;
	}
	/* updates of the same key inside the inputs collapse */
	rows -= deleted + rows / 10;
	if (rows < 1)
		rows = 1;
	uint32_t nf = new_file(t, b, part, bucket, full ? LEVEL_TOP : LEVEL_TOP - 1, rows, 1);
	struct gen_file *out_f = &t->files[nf];
	out_f->min_seq = min_seq;
	out_f->max_seq = max_seq;
	out_f->min_key = min_key;
	out_f->max_key = max_key;
	for (size_t i = 0; i < inputs->n; i++) {
		push(e, inputs->v[i] << 1 | 1);
		bucket_remove(bk, inputs->v[i]);
		if (find_dv(bk, inputs->v[i], 0)) {
			drop_dv(bk, inputs->v[i]);
			*dv_changed = 1;
		}
	}
	push(e, nf << 1);
	bucket_add(bk, nf);
	if (t->spec->dv && !full) {
		/* the new rows overwrite keys of older files: their old
		 * versions become deleted rows of those files */
		for (size_t i = 0; i < high.n; i++) {
			const struct gen_file *h = &t->files[high.v[i]];
			int64_t n = 1 + (int64_t)gen_rng_below(&t->rng, (uint64_t)(rows / 20 + 2));
			add_deletions(t, find_dv(bk, high.v[i], 1), h->rows, n);
		}
		*dv_changed = 1;
	}
	if (t->spec->dv && *dv_changed && (bk->ndvs || bk->dvfile >= 0))
		if (write_dvfile(t, b, part, bucket, err) != 0) {
			free(l0.v);
			free(high.v);
			return -1;
		}
out:
	free(l0.v);
	free(high.v);
	return 0;
}

/* Append tables: many small files of a bucket become one. */
static void compact_append_bucket(struct gen_table *t, struct gen_branch *b, uint32_t part,
				  int32_t bucket, struct u32vec *e)
{
	struct gen_bucket *bk = gen_bucket_at(t, b, part, bucket);
	if (bk->n < 6)
		return;
	size_t take = bk->n / 2;
	int64_t rows = 0, min_seq = INT64_MAX, max_seq = INT64_MIN;
	for (size_t i = 0; i < take; i++) {
		const struct gen_file *f = &t->files[bk->files[i]];
		rows += f->rows;
		if (f->min_seq < min_seq) min_seq = f->min_seq;
		if (f->max_seq > max_seq) max_seq = f->max_seq;
	}
	uint32_t nf = new_file(t, b, part, bucket, 0, rows, 1);
	t->files[nf].min_seq = min_seq;
	t->files[nf].max_seq = max_seq;
	for (size_t i = 0; i < take; i++)
		push(e, bk->files[i] << 1 | 1);
	memmove(bk->files, bk->files + take, (bk->n - take) * sizeof(uint32_t));
	bk->n -= take;
	push(e, nf << 1);
	bucket_add(bk, nf);
}

int gen_commit_compact(struct gen_table *t, struct gen_branch *b, struct pl_error *err)
{
	struct u32vec e = { 0 };
	int dv_changed = 0;
	for (uint32_t p = 0; p < (uint32_t)t->nparts; p++)
		for (int32_t k = 0; k < t->nbuckets_dir; k++) {
			if (!is_pk(t)) {
				compact_append_bucket(t, b, p, k, &e);
				continue;
			}
			int changed = 0;
			if (compact_pk_bucket(t, b, p, k, &e, &changed, err) != 0) {
				free(e.v);
				return -1;
			}
			dv_changed |= changed;
		}
	int rc = 0;
	if (e.n)
		rc = commit(t, b, "COMPACT", e.v, e.n, dv_changed, err);
	free(e.v);
	return rc != 0 ? -1 : e.n > 0;
}

int gen_commit_analyze(struct gen_table *t, struct gen_branch *b, struct pl_error *err)
{
	b->statistics = 0;
	if (commit(t, b, "ANALYZE", NULL, 0, 0, err) != 0)
		return -1;
	char name[80];
	snprintf(name, sizeof(name), "stat-%s-0", t->stats_uuid);
	return gen_write_statistics(t, &b->snaps[b->nsnaps - 1], name, err);
}
