/* Manifest files, manifest lists and index manifests as Avro files with the
 * exact writer schemas of a Paimon 1.3 writer (format-manifests.md
 * Appendix A: A.2 manifest list L3, A.8 manifest M8, A.11 index manifest
 * I5), including the BinaryRow keys, partition and statistics rows; or, with
 * --manifest-format orc, as ORC files with the type trees Java writes for
 * the same records (Appendix B). Records are encoded once, through the
 * field-order calls below, for either container. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/binrow_writer.h"
#include "gen/gen_model.h"
#include "gen/orc_writer.h"
#include "util/alloc.h"

static const char SCHEMA_MANIFEST_LIST[] =
	"{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.paimon.avro.generated\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},{\"name\":\"_FILE_NAME\",\"type\":\"string\"},{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},{\"name\":\"_NUM_ADDED_FILES\",\"type\":\"long\"},{\"name\":\"_NUM_DELETED_FILES\",\"type\":\"long\"},{\"name\":\"_PARTITION_STATS\",\"type\":{\"type\":\"record\",\"name\":\"record__PARTITION_STATS\",\"fields\":[{\"name\":\"_MIN_VALUES\",\"type\":\"bytes\"},{\"name\":\"_MAX_VALUES\",\"type\":\"bytes\"},{\"name\":\"_NULL_COUNTS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":[\"null\",\"long\"]}],\"default\":null}]}},{\"name\":\"_SCHEMA_ID\",\"type\":\"long\"},{\"name\":\"_MIN_BUCKET\",\"type\":[\"null\",\"int\"],\"default\":null},{\"name\":\"_MAX_BUCKET\",\"type\":[\"null\",\"int\"],\"default\":null},{\"name\":\"_MIN_LEVEL\",\"type\":[\"null\",\"int\"],\"default\":null},{\"name\":\"_MAX_LEVEL\",\"type\":[\"null\",\"int\"],\"default\":null}]}";

static const char SCHEMA_MANIFEST[] =
	"{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.paimon.avro.generated\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},{\"name\":\"_KIND\",\"type\":\"int\"},{\"name\":\"_PARTITION\",\"type\":\"bytes\"},{\"name\":\"_BUCKET\",\"type\":\"int\"},{\"name\":\"_TOTAL_BUCKETS\",\"type\":\"int\"},{\"name\":\"_FILE\",\"type\":{\"type\":\"record\",\"name\":\"record__FILE\",\"fields\":[{\"name\":\"_FILE_NAME\",\"type\":\"string\"},{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},{\"name\":\"_ROW_COUNT\",\"type\":\"long\"},{\"name\":\"_MIN_KEY\",\"type\":\"bytes\"},{\"name\":\"_MAX_KEY\",\"type\":\"bytes\"},{\"name\":\"_KEY_STATS\",\"type\":{\"type\":\"record\",\"name\":\"record__FILE__KEY_STATS\",\"fields\":[{\"name\":\"_MIN_VALUES\",\"type\":\"bytes\"},{\"name\":\"_MAX_VALUES\",\"type\":\"bytes\"},{\"name\":\"_NULL_COUNTS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":[\"null\",\"long\"]}],\"default\":null}]}},{\"name\":\"_VALUE_STATS\",\"type\":{\"type\":\"record\",\"name\":\"record__FILE__VALUE_STATS\",\"fields\":[{\"name\":\"_MIN_VALUES\",\"type\":\"bytes\"},{\"name\":\"_MAX_VALUES\",\"type\":\"bytes\"},{\"name\":\"_NULL_COUNTS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":[\"null\",\"long\"]}],\"default\":null}]}},{\"name\":\"_MIN_SEQUENCE_NUMBER\",\"type\":\"long\"},{\"name\":\"_MAX_SEQUENCE_NUMBER\",\"type\":\"long\"},{\"name\":\"_SCHEMA_ID\",\"type\":\"long\"},{\"name\":\"_LEVEL\",\"type\":\"int\"},{\"name\":\"_EXTRA_FILES\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},{\"name\":\"_CREATION_TIME\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null},{\"name\":\"_DELETE_ROW_COUNT\",\"type\":[\"null\",\"long\"],\"default\":null},{\"name\":\"_EMBEDDED_FILE_INDEX\",\"type\":[\"null\",\"bytes\"],\"default\":null},{\"name\":\"_FILE_SOURCE\",\"type\":[\"null\",\"int\"],\"default\":null},{\"name\":\"_VALUE_STATS_COLS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":\"string\"}],\"default\":null},{\"name\":\"_EXTERNAL_PATH\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"_FIRST_ROW_ID\",\"type\":[\"null\",\"long\"],\"default\":null},{\"name\":\"_WRITE_COLS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":\"string\"}],\"default\":null}]}}]}";

static const char SCHEMA_INDEX_MANIFEST[] =
	"{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.paimon.avro.generated\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},{\"name\":\"_KIND\",\"type\":\"int\"},{\"name\":\"_PARTITION\",\"type\":\"bytes\"},{\"name\":\"_BUCKET\",\"type\":\"int\"},{\"name\":\"_INDEX_TYPE\",\"type\":\"string\"},{\"name\":\"_FILE_NAME\",\"type\":\"string\"},{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},{\"name\":\"_ROW_COUNT\",\"type\":\"long\"},{\"name\":\"_DELETIONS_VECTORS_RANGES\",\"type\":[\"null\",{\"type\":\"array\",\"items\":[\"null\",{\"type\":\"record\",\"name\":\"record__DELETIONS_VECTORS_RANGES\",\"fields\":[{\"name\":\"f0\",\"type\":\"string\"},{\"name\":\"f1\",\"type\":\"int\"},{\"name\":\"f2\",\"type\":\"int\"},{\"name\":\"_CARDINALITY\",\"type\":[\"null\",\"long\"],\"default\":null}]}]}],\"default\":null},{\"name\":\"_EXTERNAL_PATH\",\"type\":[\"null\",\"string\"],\"default\":null}]}";

/* The ORC type trees of the same records (format-manifests.md Appendix B). */
static const char ORC_MANIFEST_LIST[] =
	"struct<_VERSION:int,_FILE_NAME:string,_FILE_SIZE:bigint,_NUM_ADDED_FILES:bigint,"
	"_NUM_DELETED_FILES:bigint,_PARTITION_STATS:struct<_MIN_VALUES:binary,"
	"_MAX_VALUES:binary,_NULL_COUNTS:array<bigint>>,_SCHEMA_ID:bigint,_MIN_BUCKET:int,"
	"_MAX_BUCKET:int,_MIN_LEVEL:int,_MAX_LEVEL:int>";
static const char ORC_MANIFEST[] =
	"struct<_VERSION:int,_KIND:tinyint,_PARTITION:binary,_BUCKET:int,_TOTAL_BUCKETS:int,"
	"_FILE:struct<_FILE_NAME:string,_FILE_SIZE:bigint,_ROW_COUNT:bigint,_MIN_KEY:binary,"
	"_MAX_KEY:binary,_KEY_STATS:struct<_MIN_VALUES:binary,_MAX_VALUES:binary,"
	"_NULL_COUNTS:array<bigint>>,_VALUE_STATS:struct<_MIN_VALUES:binary,_MAX_VALUES:binary,"
	"_NULL_COUNTS:array<bigint>>,_MIN_SEQUENCE_NUMBER:bigint,_MAX_SEQUENCE_NUMBER:bigint,"
	"_SCHEMA_ID:bigint,_LEVEL:int,_EXTRA_FILES:array<string>,_CREATION_TIME:timestamp,"
	"_DELETE_ROW_COUNT:bigint,_EMBEDDED_FILE_INDEX:binary,_FILE_SOURCE:tinyint,"
	"_VALUE_STATS_COLS:array<string>,_EXTERNAL_PATH:string,_FIRST_ROW_ID:bigint,"
	"_WRITE_COLS:array<string>>>";
static const char ORC_INDEX_MANIFEST[] =
	"struct<_VERSION:int,_KIND:tinyint,_PARTITION:binary,_BUCKET:int,_INDEX_TYPE:string,"
	"_FILE_NAME:string,_FILE_SIZE:bigint,_ROW_COUNT:bigint,"
	"_DELETIONS_VECTORS_RANGES:array<struct<f0:string,f1:int,f2:int,_CARDINALITY:bigint>>,"
	"_EXTERNAL_PATH:string>";

/* ORC manifests are buffered whole, so rolling at the target size uses
 * the uncompressed bytes held divided by the compression ratio of the
 * table's previous ORC manifest (at first this guess); Avro manifests roll
 * on the bytes written. A manifest that ends up just under the target is
 * rewritten by every later minor merge (as Java's would be), so the
 * estimate errs low by ORC_RATIO_MARGIN to roll a little past the target,
 * as Avro's manifests do. */
#define ORC_FIRST_RATIO 8.0
#define ORC_RATIO_MARGIN 1.02

/* One record's fields in schema order, into an Avro block or an ORC
 * writer (whose cursor follows the same order). */
struct menc {
	struct pl_strbuf *sb;
	struct gen_orc_writer *orc;
};

static void m_long(struct menc *e, int64_t v)
{
	if (e->orc)
		gen_orc_long(e->orc, v);
	else
		gen_avro_long(e->sb, v);
}

static void m_bytes(struct menc *e, const void *p, size_t n)
{
	if (e->orc)
		gen_orc_bytes(e->orc, p, n);
	else
		gen_avro_bytes(e->sb, p, n);
}

static void m_string(struct menc *e, const char *s)
{
	m_bytes(e, s, strlen(s));
}

static void m_null(struct menc *e)
{
	if (e->orc)
		gen_orc_null(e->orc);
	else
		gen_avro_null(e->sb);
}

/* The value branch of a ["null", T] union (ORC has no unions). */
static void m_some(struct menc *e)
{
	if (!e->orc)
		gen_avro_some(e->sb);
}

/* A nested record begins (Avro writes nothing for it). */
static void m_record(struct menc *e)
{
	if (e->orc)
		gen_orc_struct(e->orc);
}

/* An array of n items: the items follow, then m_array_end. */
static void m_array(struct menc *e, size_t n)
{
	if (e->orc)
		gen_orc_list(e->orc, n);
	else if (n)
		gen_avro_long(e->sb, (int64_t)n);
}

static void m_array_end(struct menc *e)
{
	if (!e->orc)
		gen_avro_long(e->sb, 0);
}

/* A manifest-type file being written in either container. */
struct mfile {
	struct gen_avro_writer avro;
	struct gen_orc_writer orc;
	int is_orc;
	struct menc enc;
	double *ratio;             /* the table's last uncompressed/written ratio */
};

static void random_sync(struct gen_table *t, uint8_t sync[16]);

static int mfile_open(struct mfile *f, struct gen_table *t, const char *path,
		      const char *avro_schema, const char *orc_type, struct pl_error *err)
{
	/* drawn for ORC too, so that both formats see the same random stream */
	uint8_t sync[16];
	random_sync(t, sync);
	memset(f, 0, sizeof(*f));
	f->is_orc = t->opt->manifest_orc;
	f->ratio = &t->orc_ratio;
	if (f->is_orc) {
		f->enc.orc = &f->orc;
		return gen_orc_open(&f->orc, path, orc_type, t->opt->codec, err);
	}
	f->enc.sb = &f->avro.block;
	return gen_avro_open(&f->avro, path, avro_schema, t->opt->codec, sync, err);
}

static int mfile_end_record(struct mfile *f, struct pl_error *err)
{
	int rc = f->is_orc ? gen_orc_end_row(&f->orc, err) : gen_avro_end_record(&f->avro, err);
	if (rc) {
		if (f->is_orc)
			gen_orc_abort(&f->orc);
		else
			gen_avro_abort(&f->avro);
	}
	return rc;
}

static int64_t mfile_size_so_far(const struct mfile *f)
{
	if (!f->is_orc)
		return (int64_t)f->avro.size;
	double ratio = *f->ratio > 0 ? *f->ratio : ORC_FIRST_RATIO;
	return (int64_t)((double)f->orc.buffered / (ratio * ORC_RATIO_MARGIN));
}

/* Finishes the file; *size is its final size. */
static int mfile_close(struct mfile *f, int64_t *size, struct pl_error *err)
{
	if (f->is_orc) {
		uint64_t buffered = f->orc.buffered;
		if (gen_orc_close(&f->orc, err) != 0)
			return -1;
		*size = (int64_t)f->orc.size;
		/* small files (lists, tiny commits) say little about the ratio */
		if (buffered >= 65536)
			*f->ratio = (double)buffered / (double)f->orc.size;
		return 0;
	}
	if (gen_avro_close(&f->avro, err) != 0)
		return -1;
	*size = (int64_t)f->avro.size;
	return 0;
}

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

static void null_counts(struct menc *e, const int64_t *v, size_t n)
{
	m_some(e);
	m_array(e, n);
	for (size_t i = 0; i < n; i++) {
		m_some(e);
		m_long(e, v[i]);
	}
	m_array_end(e);
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

static void value_stats(struct gen_table *t, const struct gen_file *f, struct menc *e)
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
	m_record(e);
	m_bytes(e, gen_binrow_data(&min), gen_binrow_len(&min));
	m_bytes(e, gen_binrow_data(&max), gen_binrow_len(&max));
	null_counts(e, nulls, s->ncols);
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

static void encode_entry(struct gen_table *t, uint32_t e, struct menc *enc)
{
	static struct gen_binrow key = GEN_BINROW_INIT, key2 = GEN_BINROW_INIT;
	const struct gen_file *f = &t->files[e >> 1];
	char name[128];
	gen_file_name(t, f, name, sizeof(name));
	m_long(enc, 2);
	m_long(enc, (int32_t)(e & 1));
	const struct pl_strbuf *part = &t->part_row[f->part];
	m_bytes(enc, part->buf, part->len);
	m_long(enc, f->bucket);
	m_long(enc, t->spec->buckets);
	m_record(enc);                         /* _FILE */
	m_string(enc, name);
	m_long(enc, f->size);
	m_long(enc, f->rows);
	key_row(&key, t, f->min_key);
	key_row(&key2, t, f->max_key);
	m_bytes(enc, gen_binrow_data(&key), gen_binrow_len(&key));
	m_bytes(enc, gen_binrow_data(&key2), gen_binrow_len(&key2));
	/* _KEY_STATS: the trimmed primary key, exact */
	m_record(enc);
	m_bytes(enc, gen_binrow_data(&key), gen_binrow_len(&key));
	m_bytes(enc, gen_binrow_data(&key2), gen_binrow_len(&key2));
	int64_t zero = 0;
	null_counts(enc, &zero, is_pk(t) ? 1 : 0);
	value_stats(t, f, enc);
	m_long(enc, f->min_seq);
	m_long(enc, f->max_seq);
	m_long(enc, f->schema->id);
	m_long(enc, f->level);
	m_array(enc, 0);                       /* _EXTRA_FILES: [] */
	m_array_end(enc);
	m_some(enc);
	m_long(enc, f->creation_ms);           /* writer zone is UTC */
	m_some(enc);
	m_long(enc, f->delete_rows);
	m_null(enc);                           /* _EMBEDDED_FILE_INDEX */
	m_some(enc);
	m_long(enc, f->source);
	m_null(enc);                           /* _VALUE_STATS_COLS: all columns */
	m_null(enc);                           /* _EXTERNAL_PATH */
	m_null(enc);                           /* _FIRST_ROW_ID */
	m_null(enc);                           /* _WRITE_COLS */
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
	struct menc e = { &m->pstats, NULL };
	m_bytes(&e, gen_binrow_data(&min), gen_binrow_len(&min));
	m_bytes(&e, gen_binrow_data(&max), gen_binrow_len(&max));
	null_counts(&e, zeros, nk);
	free(zeros);
}

static uint64_t avro_varint(const struct pl_strbuf *sb, size_t *pos)
{
	uint64_t u = 0;
	for (unsigned shift = 0; *pos < sb->len && shift < 64; shift += 7) {
		uint8_t b = (uint8_t)sb->buf[(*pos)++];
		u |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			break;
	}
	return u;
}

static int64_t avro_zigzag(const struct pl_strbuf *sb, size_t *pos)
{
	uint64_t u = avro_varint(sb, pos);
	return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

/* _PARTITION_STATS into a manifest list: the cached Avro form as is, or
 * read back (it is our own encoding, from partition_stats) for ORC. */
static void put_partition_stats(const struct gen_manifest *m, struct menc *e)
{
	if (!e->orc) {
		pl_strbuf_add(e->sb, m->pstats.buf, m->pstats.len);
		return;
	}
	size_t pos = 0;
	m_record(e);
	for (int k = 0; k < 2; k++) {
		size_t n = (size_t)avro_zigzag(&m->pstats, &pos);
		m_bytes(e, m->pstats.buf + pos, n);
		pos += n;
	}
	avro_zigzag(&m->pstats, &pos);         /* union branch: the array */
	size_t n = (size_t)avro_zigzag(&m->pstats, &pos);
	m_array(e, n);
	for (size_t i = 0; i < n; i++) {
		avro_zigzag(&m->pstats, &pos);  /* union branch: a long */
		m_long(e, avro_zigzag(&m->pstats, &pos));
	}
}

static int finish_manifest(struct gen_table *t, struct mfile *w, struct gen_manifest *m,
			   struct pl_error *err)
{
	if (mfile_close(w, &m->size, err) != 0)
		return -1;
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
		struct mfile w;
		if (mfile_open(&w, t, path, SCHEMA_MANIFEST, ORC_MANIFEST, err) != 0)
			return -1;
		size_t start = i;
		for (; i < n; i++) {
			encode_entry(t, entries[i], &w.enc);
			if (mfile_end_record(&w, err) != 0)
				return -1;
			if (mfile_size_so_far(&w) >= t->opt->manifest_target) {
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
	struct mfile w;
	if (mfile_open(&w, t, path, SCHEMA_MANIFEST_LIST, ORC_MANIFEST_LIST, err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct gen_manifest *m = &t->manifests[manifests[i]];
		struct menc *e = &w.enc;
		m_long(e, 2);
		m_string(e, m->name);
		m_long(e, m->size);
		m_long(e, m->nadd);
		m_long(e, m->ndel);
		put_partition_stats(m, e);
		m_long(e, m->schema_id);
		m_some(e);
		m_long(e, m->min_bucket);
		m_some(e);
		m_long(e, m->max_bucket);
		m_some(e);
		m_long(e, m->min_level);
		m_some(e);
		m_long(e, m->max_level);
		if (mfile_end_record(&w, err) != 0)
			return -1;
	}
	if (mfile_close(&w, &l->size, err) != 0)
		return -1;
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
	struct mfile w;
	if (mfile_open(&w, t, path, SCHEMA_INDEX_MANIFEST, ORC_INDEX_MANIFEST, err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct gen_dvfile *d = &t->dvfiles[dvfiles[i]];
		struct menc *e = &w.enc;
		m_long(e, 1);
		m_long(e, 0);
		const struct pl_strbuf *part = &t->part_row[d->part];
		m_bytes(e, part->buf, part->len);
		m_long(e, d->bucket);
		m_string(e, "DELETION_VECTORS");
		m_string(e, d->name);
		m_long(e, d->size);
		m_long(e, (int64_t)d->n);
		m_some(e);
		m_array(e, d->n);
		for (size_t k = 0; k < d->n; k++) {
			char name[128];
			gen_file_name(t, &t->files[d->ranges[k].file], name, sizeof(name));
			m_some(e);
			m_record(e);
			m_string(e, name);
			m_long(e, d->ranges[k].offset);
			m_long(e, d->ranges[k].length);
			m_some(e);
			m_long(e, d->ranges[k].cardinality);
		}
		m_array_end(e);
		m_null(e);                     /* _EXTERNAL_PATH */
		if (mfile_end_record(&w, err) != 0)
			return -1;
	}
	int64_t size;
	if (mfile_close(&w, &size, err) != 0)
		return -1;
	im->n = n;
	im->dvfiles = pl_reallocarray(NULL, n ? n : 1, sizeof(*im->dvfiles));
	if (n)
		memcpy(im->dvfiles, dvfiles, n * sizeof(*dvfiles));
	*idx = (uint32_t)t->nimanifests++;
	return 0;
}
