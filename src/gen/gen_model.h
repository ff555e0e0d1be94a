/* In-memory model of a lake being generated: table templates and schema
 * versions, the data files ever written, manifests, manifest lists,
 * deletion-vector index files, snapshots, tags and branches. The table
 * writer (table_writer.c) drives commits over this model; the *_writer
 * files turn parts of it into bytes. */
#ifndef PL_GEN_MODEL_H
#define PL_GEN_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "gen/avro_writer.h"
#include "gen/gen_util.h"
#include "util/err.h"
#include "util/strbuf.h"

enum gen_col_kind {
	COL_BIGINT,
	COL_INT,
	COL_STRING,
	COL_DECIMAL,     /* DECIMAL(10, 2): compact, int64 unscaled */
	COL_TIMESTAMP,   /* TIMESTAMP(3): compact, epoch ms */
	COL_DATE,
	COL_BOOLEAN,
	COL_ARRAY,       /* ARRAY<STRING> */
	COL_MAP,         /* MAP<STRING, STRING> */
	COL_ROW,         /* ROW<street STRING, city STRING, zip STRING> */
};

enum gen_col_role {
	ROLE_VALUE,
	ROLE_KEY,        /* the trimmed primary key (one BIGINT column) */
	ROLE_PARTITION,
};

struct gen_column {
	int32_t id;
	int32_t sub_id;         /* first field id inside a ROW */
	char *name;
	enum gen_col_kind kind;
	enum gen_col_role role;
	int part_index;         /* ROLE_PARTITION: position in partition keys */
	int not_null;
	char *description;
	const char *const *words;   /* COL_STRING values to draw from */
};

struct gen_kv {
	char *key;
	char *value;
};

struct gen_schema {
	int64_t id;
	struct gen_column *cols;
	size_t ncols;
	int32_t highest_field_id;
	char **partition_keys;
	size_t npartition_keys;
	char **primary_keys;
	size_t nprimary_keys;
	struct gen_kv *options;
	size_t noptions;
	char *comment;
	int64_t time_ms;
};

enum gen_template {
	TPL_ORDERS,      /* partitioned primary-key table */
	TPL_CUSTOMERS,   /* unpartitioned primary-key table */
	TPL_EVENTS,      /* partitioned append table */
	TPL_METRICS,     /* unpartitioned append table */
};

struct gen_table_spec {
	char db[64];
	char name[96];
	enum gen_template tpl;
	int partitions;          /* 0: unpartitioned */
	int buckets;             /* > 0 fixed, -1 bucket-unaware append */
	int snapshots;           /* snapshots committed on main */
	int files;               /* new data files per APPEND commit */
	int64_t rows_per_file;
	int compact_every;       /* a COMPACT after every N appends (0: never) */
	int expire_keep;         /* keep this many main snapshots (0: all) */
	int dv;                  /* deletion vectors */
	int evolve;              /* schema evolution steps */
	int tags;
	char branch[32];         /* "" = no branch */
	int branch_snapshots;
	int consumers;
	int batch;               /* batch commits: commitIdentifier Long.MAX */
	int schema_only;         /* created, never written */
	int statistics;          /* an ANALYZE snapshot with a statistics file */
	int64_t time_start;
	int64_t time_step;
	uint64_t seed;
};

/* A data file as one manifest entry describes it. Compaction that only
 * moves a file to another level creates a second record with the same
 * name: the level is part of the entry identifier. */
struct gen_file {
	const struct gen_schema *schema;
	uint32_t part;
	int32_t bucket;
	int32_t level;
	uint32_t writer;         /* index of the writer UUID */
	uint32_t counter;        /* the -<n> of the name */
	uint8_t source;          /* 0 APPEND, 1 COMPACT */
	uint8_t referenced;      /* live in a retained snapshot or tag */
	int64_t rows;
	int64_t size;
	int64_t delete_rows;
	int64_t min_seq, max_seq;
	int64_t min_key, max_key;
	int64_t creation_ms;
	uint64_t stats_seed;
};

struct gen_manifest {
	char name[80];
	int64_t size;
	int64_t nadd, ndel;
	int32_t min_bucket, max_bucket, min_level, max_level;
	int64_t schema_id;
	struct pl_strbuf pstats;  /* encoded _PARTITION_STATS record */
	uint32_t *entries;        /* file index << 1 | kind (1 = DELETE) */
	size_t n;
	int referenced;
};

struct gen_mlist {
	char name[80];
	int64_t size;
	uint32_t *manifests;
	size_t n;
	int referenced;
};

struct gen_dv_range {
	uint32_t file;
	int32_t offset, length;
	int64_t cardinality;
};

struct gen_dvfile {
	char name[64];
	int64_t size;
	uint32_t part;
	int32_t bucket;
	struct gen_dv_range *ranges;
	size_t n;
	int referenced;
};

struct gen_index_manifest {
	char name[80];
	uint32_t *dvfiles;
	size_t n;
	int referenced;
};

/* Deleted row positions of one data file in one branch. */
struct gen_dv {
	uint32_t file;
	uint32_t *pos;
	size_t n;
};

struct gen_bucket {
	uint32_t *files;          /* live data files */
	size_t n, cap;
	int64_t next_seq;
	int32_t writer;           /* -1: none yet */
	uint32_t writer_count;
	int rounds;               /* compactions so far */
	int32_t dvfile;           /* current DV index file, -1 none */
	struct gen_dv *dvs;
	size_t ndvs, capdvs;
};

struct gen_snapshot {
	int64_t id;
	int64_t schema_id;
	uint32_t base_list, delta_list;
	int32_t index_manifest;   /* -1: none */
	int32_t statistics;       /* -1: none, else stats file counter */
	char commit_user[GEN_UUID_LEN + 1];
	int64_t commit_identifier;
	const char *kind;
	int64_t time_ms;
	int64_t total, delta;
	int has_watermark;
	int64_t watermark;
	int expired;
};

struct gen_tag {
	char name[64];
	struct gen_snapshot snap;
	int with_retention;
	int64_t create_ms;
	int64_t retained_s;
};

struct gen_branch {
	char name[32];
	char *dir;                /* directory holding schema/, snapshot/, tag/ */
	struct gen_schema **schemas;
	size_t nschemas;
	size_t schemas_borrowed;  /* the first ones belong to main */
	struct gen_snapshot *snaps;
	size_t nsnaps, capsnaps;
	struct gen_tag *tags;
	size_t ntags;
	struct gen_bucket *buckets; /* partitions × buckets */
	uint32_t *data_manifests;   /* base + delta of the latest snapshot */
	size_t ndata;
	int32_t index_manifest;
	char commit_user[GEN_UUID_LEN + 1];
	int64_t commit_identifier;
	int64_t next_key;
	int64_t total;            /* totalRecordCount of the latest snapshot */
	int64_t next_id;
	int64_t clock;            /* commit time of the next snapshot */
	int appends;              /* APPEND commits so far */
	int statistics;           /* inherited statistics file, -1 none */
	int is_main;
};

struct gen_lake_options {
	const char *warehouse;
	enum gen_codec codec;
	int64_t manifest_target;  /* manifest.target-file-size */
	int merge_min_count;      /* manifest.merge-min-count */
	int no_data;
	int quiet;
	int manifest_orc;         /* manifest.format = orc (else avro) */
};

struct gen_table {
	const struct gen_table_spec *spec;
	const struct gen_lake_options *opt;
	char *dir;
	struct gen_rng rng;
	int nbuckets_dir;           /* buckets per partition in the model */
	int nparts;                 /* >= 1 (one empty partition if unpartitioned) */
	char **part_path;           /* "dt=2024-07-01/region=eu" or "" */
	char ***part_values;        /* per partition, per partition key */
	struct pl_strbuf *part_row; /* encoded BinaryRow per partition */
	size_t npartition_keys;
	char (*writers)[GEN_UUID_LEN + 1];
	size_t nwriters, capwriters;
	struct gen_file *files;
	size_t nfiles, capfiles;
	struct gen_manifest *manifests;
	size_t nmanifests, capmanifests;
	struct gen_mlist *mlists;
	size_t nmlists, capmlists;
	struct gen_dvfile *dvfiles;
	size_t ndvfiles, capdvfiles;
	struct gen_index_manifest *imanifests;
	size_t nimanifests, capimanifests;
	/* name generators: one UUID per kind per writing job */
	char manifest_uuid[GEN_UUID_LEN + 1];
	char list_uuid[GEN_UUID_LEN + 1];
	char imanifest_uuid[GEN_UUID_LEN + 1];
	char index_uuid[GEN_UUID_LEN + 1];
	uint32_t manifest_n, list_n, imanifest_n, index_n;
	char stats_uuid[GEN_UUID_LEN + 1];
	uint32_t *stamp, *stamp_pos; /* scratch for merges, per file */
	uint32_t stamp_gen;
	size_t stamp_have;
	struct gen_branch main;
	struct gen_branch branch;
	int has_branch;
	int64_t clock;
	size_t data_files;        /* placeholder files written */
	double orc_ratio;         /* ORC manifests: uncompressed/written, 0 unknown */
};

/* table_templates.c */
struct gen_schema *gen_schema_initial(const struct gen_table_spec *spec, int64_t time_ms);
/* Applies evolution step k (0-based) to a copy of s; NULL when there is no
 * step k. *what describes the change for the log. */
struct gen_schema *gen_schema_evolve(const struct gen_schema *s, int step, int64_t time_ms,
				     const char **what);
/* A branch-only change: adds a column. */
struct gen_schema *gen_schema_branch_change(const struct gen_schema *s, int64_t time_ms);
void gen_schema_free(struct gen_schema *s);
const char *gen_schema_option(const struct gen_schema *s, const char *key);

/* meta_writer.c: JSON files */
int gen_write_schema(const char *branch_dir, const struct gen_schema *s, struct pl_error *err);
int gen_write_snapshot(const struct gen_table *t, const char *branch_dir,
		       const struct gen_snapshot *s, struct pl_error *err);
int gen_write_tag(const struct gen_table *t, const char *branch_dir, const struct gen_tag *tag,
		  struct pl_error *err);
int gen_write_hint(const char *branch_dir, const char *which, int64_t id, struct pl_error *err);
int gen_write_consumer(const char *branch_dir, const char *id, int64_t next,
		       struct pl_error *err);
int gen_write_statistics(const struct gen_table *t, const struct gen_snapshot *s,
			 const char *name, struct pl_error *err);

/* manifest_writer.c */
/* Writes entries as one or more manifest files (rolling at the target
 * size); appends their indexes to *out. */
int gen_write_manifests(struct gen_table *t, const uint32_t *entries, size_t n, uint32_t **out,
			size_t *nout, size_t *capout, struct pl_error *err);
int gen_write_mlist(struct gen_table *t, const uint32_t *manifests, size_t n, uint32_t *idx,
		    struct pl_error *err);
int gen_write_index_manifest(struct gen_table *t, const uint32_t *dvfiles, size_t n,
			     uint32_t *idx, struct pl_error *err);
void gen_file_name(const struct gen_table *t, const struct gen_file *f, char *buf, size_t cap);
const char *gen_file_ext(const struct gen_table *t);

/* table_writer.c */
/* The generator's record of what it made (--report). */
struct cJSON;
struct cJSON *gen_table_report(const struct gen_table *t);
int gen_table_generate(struct gen_table *t, const struct gen_table_spec *spec,
		       const struct gen_lake_options *opt, struct pl_error *err);
void gen_table_free(struct gen_table *t);

#endif
