/* Manifest files, manifest lists and index manifests as Avro files with the
 * exact writer schemas of a Paimon 1.3 writer (format-manifests.md
 * Appendix A: A.2 manifest list L3, A.8 manifest M8, A.11 index manifest
 * I5), including the BinaryRow keys, partition and statistics rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/binrow_writer.h"
#include "gen/gen_model.h"
#include "util/alloc.h"

static const char SCHEMA_MANIFEST_LIST[] =
	"{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.paimon.avro.generated\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},{\"name\":\"_FILE_NAME\",\"type\":\"string\"},{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},{\"name\":\"_NUM_ADDED_FILES\",\"type\":\"long\"},{\"name\":\"_NUM_DELETED_FILES\",\"type\":\"long\"},{\"name\":\"_PARTITION_STATS\",\"type\":{\"type\":\"record\",\"name\":\"record__PARTITION_STATS\",\"fields\":[{\"name\":\"_MIN_VALUES\",\"type\":\"bytes\"},{\"name\":\"_MAX_VALUES\",\"type\":\"bytes\"},{\"name\":\"_NULL_COUNTS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":[\"null\",\"long\"]}],\"default\":null}]}},{\"name\":\"_SCHEMA_ID\",\"type\":\"long\"},{\"name\":\"_MIN_BUCKET\",\"type\":[\"null\",\"int\"],\"default\":null},{\"name\":\"_MAX_BUCKET\",\"type\":[\"null\",\"int\"],\"default\":null},{\"name\":\"_MIN_LEVEL\",\"type\":[\"null\",\"int\"],\"default\":null},{\"name\":\"_MAX_LEVEL\",\"type\":[\"null\",\"int\"],\"default\":null}]}";

static const char SCHEMA_MANIFEST[] =
	"{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.paimon.avro.generated\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},{\"name\":\"_KIND\",\"type\":\"int\"},{\"name\":\"_PARTITION\",\"type\":\"bytes\"},{\"name\":\"_BUCKET\",\"type\":\"int\"},{\"name\":\"_TOTAL_BUCKETS\",\"type\":\"int\"},{\"name\":\"_FILE\",\"type\":{\"type\":\"record\",\"name\":\"record__FILE\",\"fields\":[{\"name\":\"_FILE_NAME\",\"type\":\"string\"},{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},{\"name\":\"_ROW_COUNT\",\"type\":\"long\"},{\"name\":\"_MIN_KEY\",\"type\":\"bytes\"},{\"name\":\"_MAX_KEY\",\"type\":\"bytes\"},{\"name\":\"_KEY_STATS\",\"type\":{\"type\":\"record\",\"name\":\"record__FILE__KEY_STATS\",\"fields\":[{\"name\":\"_MIN_VALUES\",\"type\":\"bytes\"},{\"name\":\"_MAX_VALUES\",\"type\":\"bytes\"},{\"name\":\"_NULL_COUNTS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":[\"null\",\"long\"]}],\"default\":null}]}},{\"name\":\"_VALUE_STATS\",\"type\":{\"type\":\"record\",\"name\":\"record__FILE__VALUE_STATS\",\"fields\":[{\"name\":\"_MIN_VALUES\",\"type\":\"bytes\"},{\"name\":\"_MAX_VALUES\",\"type\":\"bytes\"},{\"name\":\"_NULL_COUNTS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":[\"null\",\"long\"]}],\"default\":null}]}},{\"name\":\"_MIN_SEQUENCE_NUMBER\",\"type\":\"long\"},{\"name\":\"_MAX_SEQUENCE_NUMBER\",\"type\":\"long\"},{\"name\":\"_SCHEMA_ID\",\"type\":\"long\"},{\"name\":\"_LEVEL\",\"type\":\"int\"},{\"name\":\"_EXTRA_FILES\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},{\"name\":\"_CREATION_TIME\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null},{\"name\":\"_DELETE_ROW_COUNT\",\"type\":[\"null\",\"long\"],\"default\":null},{\"name\":\"_EMBEDDED_FILE_INDEX\",\"type\":[\"null\",\"bytes\"],\"default\":null},{\"name\":\"_FILE_SOURCE\",\"type\":[\"null\",\"int\"],\"default\":null},{\"name\":\"_VALUE_STATS_COLS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":\"string\"}],\"default\":null},{\"name\":\"_EXTERNAL_PATH\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"_FIRST_ROW_ID\",\"type\":[\"null\",\"long\"],\"default\":null},{\"name\":\"_WRITE_COLS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":\"string\"}],\"default\":null}]}}]}";

static const char SCHEMA_INDEX_MANIFEST[] =
	"{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.paimon.avro.generated\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},{\"name\":\"_KIND\",\"type\":\"int\"},{\"name\":\"_PARTITION\",\"type\":\"bytes\"},{\"name\":\"_BUCKET\",\"type\":\"int\"},{\"name\":\"_INDEX_TYPE\",\"type\":\"string\"},{\"name\":\"_FILE_NAME\",\"type\":\"string\"},{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},{\"name\":\"_ROW_COUNT\",\"type\":\"long\"},{\"name\":\"_DELETIONS_VECTORS_RANGES\",\"type\":[\"null\",{\"type\":\"array\",\"items\":[\"null\",{\"type\":\"record\",\"name\":\"record__DELETIONS_VECTORS_RANGES\",\"fields\":[{\"name\":\"f0\",\"type\":\"string\"},{\"name\":\"f1\",\"type\":\"int\"},{\"name\":\"f2\",\"type\":\"int\"},{\"name\":\"_CARDINALITY\",\"type\":[\"null\",\"long\"],\"default\":null}]}]}],\"default\":null},{\"name\":\"_EXTERNAL_PATH\",\"type\":[\"null\",\"string\"],\"default\":null}]}";

/* Paimon's default stats mode truncate(16). */
#define STATS_TRUNCATE 16

const char *gen_file_ext(const struct gen_table *t)
{
	return t->spec->tpl == TPL_METRICS ? "orc" : "parquet";
}

void gen_file_name(const struct gen_table *t, const struct gen_file *f, char *buf, size_t cap)
{
	snprintf(buf, cap, "data-%s-%u.%s", t->writers[f->writer], f->counter, gen_file_ext(t));
}

static void random_sync(struct gen_table *t, uint8_t sync[16])
{
	uint64_t a = gen_rng_next(&t->rng), b = gen_rng_next(&t->rng);
	memcpy(sync, &a, 8);
	memcpy(sync + 8, &b, 8);
}

static void null_counts(struct pl_strbuf *sb, const int64_t *v, size_t n)
{
	gen_avro_some(sb);
	if (n) {
		gen_avro_long(sb, (int64_t)n);
		for (size_t i = 0; i < n; i++) {
			gen_avro_some(sb);
			gen_avro_long(sb, v[i]);
		}
	}
	gen_avro_long(sb, 0);
}

static void string_bounds(struct gen_binrow *min, struct gen_binrow *max, uint32_t i,
			  const char *lo, const char *hi)
{
	size_t n = strlen(lo);
	gen_binrow_set_string(min, i, lo, n < STATS_TRUNCATE ? n : STATS_TRUNCATE);
	n = strlen(hi);
	if (n <= STATS_TRUNCATE) {
		gen_binrow_set_string(max, i, hi, n);
		return;
	}
	/* a truncated upper bound must stay above every value: bump the last
	 * kept character, as Paimon's truncate mode does */
	char buf[STATS_TRUNCATE];
	memcpy(buf, hi, STATS_TRUNCATE);
	buf[STATS_TRUNCATE - 1]++;
	gen_binrow_set_string(max, i, buf, STATS_TRUNCATE);
}

static void value_stats(struct gen_table *t, const struct gen_file *f, struct pl_strbuf *sb)
{
	static struct gen_binrow min = GEN_BINROW_INIT, max = GEN_BINROW_INIT;
	const struct gen_schema *s = f->schema;
	struct gen_rng r;
	gen_rng_seed(&r, f->stats_seed);
	int64_t *nulls = pl_calloc(s->ncols ? s->ncols : 1, sizeof(*nulls));
	gen_binrow_begin(&min, (uint32_t)s->ncols);
	gen_binrow_begin(&max, (uint32_t)s->ncols);
	for (uint32_t i = 0; i < s->ncols; i++) {
		const struct gen_column *c = &s->cols[i];
		int64_t lo, hi;
		if (!c->not_null && c->role == ROLE_VALUE && gen_rng_below(&r, 3) == 0)
			nulls[i] = (int64_t)gen_rng_below(&r, (uint64_t)f->rows / 20 + 1);
		if (c->role == ROLE_PARTITION) {
			const char *v = t->part_values[f->part][c->part_index];
			string_bounds(&min, &max, i, v, v);
			continue;
		}
		switch (c->kind) {
		case COL_BIGINT:
			if (c->role == ROLE_KEY) {
				lo = f->min_key;
				hi = f->max_key;
			} else {
				lo = gen_rng_range(&r, 1, 5000000);
				hi = lo + gen_rng_range(&r, 0, f->rows * 50);
			}
			gen_binrow_set_long(&min, i, lo);
			gen_binrow_set_long(&max, i, hi);
			break;
		case COL_INT:
			lo = gen_rng_range(&r, 1, 100000);
			hi = lo + gen_rng_range(&r, 0, 900000);
			gen_binrow_set_int(&min, i, (int32_t)lo);
			gen_binrow_set_int(&max, i, (int32_t)hi);
			break;
		case COL_DECIMAL:
			lo = gen_rng_range(&r, 0, 5000);
			hi = lo + gen_rng_range(&r, 100, 2500000);
			gen_binrow_set_long(&min, i, lo);
			gen_binrow_set_long(&max, i, hi);
			break;
		case COL_TIMESTAMP:
			hi = f->creation_ms;
			lo = hi - gen_rng_range(&r, 1000, 3600000);
			gen_binrow_set_long(&min, i, lo);
			gen_binrow_set_long(&max, i, hi);
			break;
		case COL_DATE:
			lo = f->creation_ms / 86400000 + gen_rng_range(&r, 0, 2);
			gen_binrow_set_int(&min, i, (int32_t)lo);
			gen_binrow_set_int(&max, i, (int32_t)(lo + gen_rng_range(&r, 0, 6)));
			break;
		case COL_BOOLEAN:
			gen_binrow_set_bool(&min, i, 0);
			gen_binrow_set_bool(&max, i, f->rows > 1);
			break;
		case COL_STRING: {
			size_t nw = 0;
			while (c->words[nw])
				nw++;
			size_t a = gen_rng_below(&r, nw), b = gen_rng_below(&r, nw);
			if (strcmp(c->words[a], c->words[b]) > 0) {
				size_t x = a;
				a = b;
				b = x;
			}
			string_bounds(&min, &max, i, c->words[a], c->words[b]);
			break;
		}
		default:
			/* no min/max for nested types, only null counts */
			gen_binrow_set_null(&min, i);
			gen_binrow_set_null(&max, i);
			break;
		}
	}
	gen_avro_bytes(sb, gen_binrow_data(&min), gen_binrow_len(&min));
	gen_avro_bytes(sb, gen_binrow_data(&max), gen_binrow_len(&max));
	null_counts(sb, nulls, s->ncols);
	free(nulls);
}

static int is_pk(const struct gen_table *t)
{
	return t->spec->tpl == TPL_ORDERS || t->spec->tpl == TPL_CUSTOMERS;
}

static void key_row(struct gen_binrow *r, const struct gen_table *t, int64_t key)
{
	if (is_pk(t)) {
		gen_binrow_begin(r, 1);
		gen_binrow_set_long(r, 0, key);
	} else {
		gen_binrow_begin(r, 0);
	}
}

static void encode_entry(struct gen_table *t, uint32_t e, struct pl_strbuf *sb)
{
	static struct gen_binrow key = GEN_BINROW_INIT, key2 = GEN_BINROW_INIT;
	const struct gen_file *f = &t->files[e >> 1];
	char name[128];
	gen_file_name(t, f, name, sizeof(name));
	gen_avro_int(sb, 2);
	gen_avro_int(sb, (int32_t)(e & 1));
	const struct pl_strbuf *part = &t->part_row[f->part];
	gen_avro_bytes(sb, part->buf, part->len);
	gen_avro_int(sb, f->bucket);
	gen_avro_int(sb, t->spec->buckets);
	/* _FILE */
	gen_avro_string(sb, name);
	gen_avro_long(sb, f->size);
	gen_avro_long(sb, f->rows);
	key_row(&key, t, f->min_key);
	key_row(&key2, t, f->max_key);
	gen_avro_bytes(sb, gen_binrow_data(&key), gen_binrow_len(&key));
	gen_avro_bytes(sb, gen_binrow_data(&key2), gen_binrow_len(&key2));
	/* _KEY_STATS: the trimmed primary key, exact */
	gen_avro_bytes(sb, gen_binrow_data(&key), gen_binrow_len(&key));
	gen_avro_bytes(sb, gen_binrow_data(&key2), gen_binrow_len(&key2));
	int64_t zero = 0;
	null_counts(sb, &zero, is_pk(t) ? 1 : 0);
	value_stats(t, f, sb);
	gen_avro_long(sb, f->min_seq);
	gen_avro_long(sb, f->max_seq);
	gen_avro_long(sb, f->schema->id);
	gen_avro_int(sb, f->level);
	gen_avro_long(sb, 0);                  /* _EXTRA_FILES: [] */
	gen_avro_some(sb);
	gen_avro_long(sb, f->creation_ms);     /* writer zone is UTC */
	gen_avro_some(sb);
	gen_avro_long(sb, f->delete_rows);
	gen_avro_null(sb);                     /* _EMBEDDED_FILE_INDEX */
	gen_avro_some(sb);
	gen_avro_int(sb, f->source);
	gen_avro_null(sb);                     /* _VALUE_STATS_COLS: all columns */
	gen_avro_null(sb);                     /* _EXTERNAL_PATH */
	gen_avro_null(sb);                     /* _FIRST_ROW_ID */
	gen_avro_null(sb);                     /* _WRITE_COLS */
}

/* Partition statistics of a manifest: per partition key the smallest and
 * largest value over all its entries. */
static void partition_stats(struct gen_table *t, struct gen_manifest *m)
{
	static struct gen_binrow min = GEN_BINROW_INIT, max = GEN_BINROW_INIT;
	size_t nk = t->npartition_keys;
	gen_binrow_begin(&min, (uint32_t)nk);
	gen_binrow_begin(&max, (uint32_t)nk);
	int64_t *zeros = pl_calloc(nk ? nk : 1, sizeof(*zeros));
	for (size_t k = 0; k < nk; k++) {
		const char *lo = NULL, *hi = NULL;
		for (size_t i = 0; i < m->n; i++) {
			const char *v = t->part_values[t->files[m->entries[i] >> 1].part][k];
			if (!lo || strcmp(v, lo) < 0)
				lo = v;
			if (!hi || strcmp(v, hi) > 0)
				hi = v;
		}
		/* partition statistics are never truncated */
		gen_binrow_set_string(&min, (uint32_t)k, lo, strlen(lo));
		gen_binrow_set_string(&max, (uint32_t)k, hi, strlen(hi));
	}
	pl_strbuf_reset(&m->pstats);
	gen_avro_bytes(&m->pstats, gen_binrow_data(&min), gen_binrow_len(&min));
	gen_avro_bytes(&m->pstats, gen_binrow_data(&max), gen_binrow_len(&max));
	null_counts(&m->pstats, zeros, nk);
	free(zeros);
}

static int finish_manifest(struct gen_table *t, struct gen_avro_writer *w, struct gen_manifest *m,
			   struct pl_error *err)
{
	if (gen_avro_close(w, err) != 0)
		return -1;
	m->size = (int64_t)w->size;
	m->min_bucket = m->min_level = INT32_MAX;
	m->max_bucket = m->max_level = INT32_MIN;
	for (size_t i = 0; i < m->n; i++) {
		const struct gen_file *f = &t->files[m->entries[i] >> 1];
		if (m->entries[i] & 1)
			m->ndel++;
		else
			m->nadd++;
		if (f->bucket < m->min_bucket) m->min_bucket = f->bucket;
		if (f->bucket > m->max_bucket) m->max_bucket = f->bucket;
		if (f->level < m->min_level) m->min_level = f->level;
		if (f->level > m->max_level) m->max_level = f->level;
		if (f->schema->id > m->schema_id) m->schema_id = f->schema->id;
	}
	partition_stats(t, m);
	return 0;
}

int gen_write_manifests(struct gen_table *t, const uint32_t *entries, size_t n, uint32_t **out,
			size_t *nout, size_t *capout, struct pl_error *err)
{
	size_t i = 0;
	while (i < n) {
		PL_GROW(t->manifests, t->capmanifests, t->nmanifests + 1);
		uint32_t idx = (uint32_t)t->nmanifests++;
		struct gen_manifest *m = &t->manifests[idx];
		memset(m, 0, sizeof(*m));
		snprintf(m->name, sizeof(m->name), "manifest-%s-%u", t->manifest_uuid,
			 t->manifest_n++);
		char path[4096];
		snprintf(path, sizeof(path), "%s/manifest/%s", t->dir, m->name);
		uint8_t sync[16];
		random_sync(t, sync);
		struct gen_avro_writer w;
		if (gen_avro_open(&w, path, SCHEMA_MANIFEST, t->opt->codec, sync, err) != 0)
			return -1;
		size_t start = i;
		for (; i < n; i++) {
			encode_entry(t, entries[i], &w.block);
			if (gen_avro_end_record(&w, err) != 0) {
				gen_avro_abort(&w);
				return -1;
			}
			if ((int64_t)w.size >= t->opt->manifest_target) {
				i++;
				break;
			}
		}
		m->n = i - start;
		m->entries = pl_reallocarray(NULL, m->n, sizeof(*m->entries));
		memcpy(m->entries, entries + start, m->n * sizeof(*m->entries));
		if (finish_manifest(t, &w, m, err) != 0)
			return -1;
		PL_GROW(*out, *capout, *nout + 1);
		(*out)[(*nout)++] = idx;
	}
	return 0;
}

int gen_write_mlist(struct gen_table *t, const uint32_t *manifests, size_t n, uint32_t *idx,
		    struct pl_error *err)
{
	PL_GROW(t->mlists, t->capmlists, t->nmlists + 1);
	struct gen_mlist *l = &t->mlists[t->nmlists];
	memset(l, 0, sizeof(*l));
	snprintf(l->name, sizeof(l->name), "manifest-list-%s-%u", t->list_uuid, t->list_n++);
	char path[4096];
	snprintf(path, sizeof(path), "%s/manifest/%s", t->dir, l->name);
	uint8_t sync[16];
	random_sync(t, sync);
	struct gen_avro_writer w;
	if (gen_avro_open(&w, path, SCHEMA_MANIFEST_LIST, t->opt->codec, sync, err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct gen_manifest *m = &t->manifests[manifests[i]];
		struct pl_strbuf *sb = &w.block;
		gen_avro_int(sb, 2);
		gen_avro_string(sb, m->name);
		gen_avro_long(sb, m->size);
		gen_avro_long(sb, m->nadd);
		gen_avro_long(sb, m->ndel);
		pl_strbuf_add(sb, m->pstats.buf, m->pstats.len);
		gen_avro_long(sb, m->schema_id);
		gen_avro_some(sb);
		gen_avro_int(sb, m->min_bucket);
		gen_avro_some(sb);
		gen_avro_int(sb, m->max_bucket);
		gen_avro_some(sb);
		gen_avro_int(sb, m->min_level);
		gen_avro_some(sb);
		gen_avro_int(sb, m->max_level);
		if (gen_avro_end_record(&w, err) != 0) {
			gen_avro_abort(&w);
			return -1;
		}
	}
	if (gen_avro_close(&w, err) != 0)
		return -1;
	l->size = (int64_t)w.size;
	l->n = n;
	l->manifests = pl_reallocarray(NULL, n ? n : 1, sizeof(*l->manifests));
	if (n)
		memcpy(l->manifests, manifests, n * sizeof(*manifests));
	*idx = (uint32_t)t->nmlists++;
	return 0;
}

int gen_write_index_manifest(struct gen_table *t, const uint32_t *dvfiles, size_t n,
			     uint32_t *idx, struct pl_error *err)
{
	PL_GROW(t->imanifests, t->capimanifests, t->nimanifests + 1);
	struct gen_index_manifest *im = &t->imanifests[t->nimanifests];
	memset(im, 0, sizeof(*im));
	snprintf(im->name, sizeof(im->name), "index-manifest-%s-%u", t->imanifest_uuid,
		 t->imanifest_n++);
	char path[4096];
	snprintf(path, sizeof(path), "%s/manifest/%s", t->dir, im->name);
	uint8_t sync[16];
	random_sync(t, sync);
	struct gen_avro_writer w;
	if (gen_avro_open(&w, path, SCHEMA_INDEX_MANIFEST, t->opt->codec, sync, err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct gen_dvfile *d = &t->dvfiles[dvfiles[i]];
		struct pl_strbuf *sb = &w.block;
		gen_avro_int(sb, 1);
		gen_avro_int(sb, 0);
		const struct pl_strbuf *part = &t->part_row[d->part];
		gen_avro_bytes(sb, part->buf, part->len);
		gen_avro_int(sb, d->bucket);
		gen_avro_string(sb, "DELETION_VECTORS");
		gen_avro_string(sb, d->name);
		gen_avro_long(sb, d->size);
		gen_avro_long(sb, (int64_t)d->n);
		gen_avro_some(sb);
		if (d->n) {
			gen_avro_long(sb, (int64_t)d->n);
			for (size_t k = 0; k < d->n; k++) {
				char name[128];
				gen_file_name(t, &t->files[d->ranges[k].file], name, sizeof(name));
				gen_avro_some(sb);
				gen_avro_string(sb, name);
				gen_avro_int(sb, d->ranges[k].offset);
				gen_avro_int(sb, d->ranges[k].length);
				gen_avro_some(sb);
				gen_avro_long(sb, d->ranges[k].cardinality);
			}
		}
		gen_avro_long(sb, 0);
		gen_avro_null(sb);             /* _EXTERNAL_PATH */
		if (gen_avro_end_record(&w, err) != 0) {
			gen_avro_abort(&w);
			return -1;
		}
	}
	if (gen_avro_close(&w, err) != 0)
		return -1;
	im->n = n;
	im->dvfiles = pl_reallocarray(NULL, n ? n : 1, sizeof(*im->dvfiles));
	if (n)
		memcpy(im->dvfiles, dvfiles, n * sizeof(*dvfiles));
	*idx = (uint32_t)t->nimanifests++;
	return 0;
}
