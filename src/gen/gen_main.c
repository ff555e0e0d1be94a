/* paimon-lens-gen: writes Paimon lakes for tests, benchmarks and the demo.
 * Everything is derived from --seed and --time-start, so the same command
 * produces the same bytes. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "gen/gen_model.h"
#include "gen/json_writer.h"
#include "util/alloc.h"

/* 2024-07-01T00:00:00Z */
#define DEFAULT_TIME_START 1719792000000LL

static void usage(FILE *out)
{
	fputs("usage: paimon-lens-gen [options] WAREHOUSE\n"
	      "Writes a Paimon warehouse (filesystem catalog) into the empty or new\n"
	      "directory WAREHOUSE, with metadata as Java Paimon 1.3 writes it.\n"
	      "\n"
	      "  --preset NAME         demo (several databases and table kinds),\n"
	      "                        million (one append table, 1,000,000 live files),\n"
	      "                        catalog1000 (1000 small tables in 10 databases),\n"
	      "                        custom (default: built from the flags below)\n"
	      "  --seed N              random seed (default 42)\n"
	      "  --databases N         custom: number of databases (default 1)\n"
	      "  --tables N            custom: tables per database (default 2)\n"
	      "  --kind K              custom: pk, append or mixed (default mixed)\n"
	      "  --snapshots N         snapshots per table on the main branch\n"
	      "  --files N             new data files per APPEND commit\n"
	      "  --partitions N        partitions per table (0 = unpartitioned)\n"
	      "  --buckets N           buckets of primary-key tables\n"
	      "  --rows-per-file N     rows per new data file\n"
	      "  --compact-every N     a COMPACT snapshot after every N appends (0 = never)\n"
	      "  --expire-keep N       keep only the last N snapshots (0 = keep all)\n"
	      "  --tags N              tags per table (custom primary-key tables)\n"
	      "  --branch NAME         create a branch from the first tag\n"
	      "  --manifest-codec C    zstd (default) or null\n"
	      "  --manifest-format F   avro (default) or orc: manifests, manifest lists and\n"
	      "                        index manifests as ORC files, as Java writes them\n"
	      "                        for 'manifest.format' = 'orc'\n"
	      "  --manifest-target-size BYTES  roll manifests at this size (default 8 MiB)\n"
	      "  --time-start MS       time of the first commit, epoch ms (default\n"
	      "                        1719792000000 = 2024-07-01T00:00:00Z)\n"
	      "  --time-step MS        time between commits (default 300000)\n"
	      "  --no-data             do not create the placeholder data files\n"
	      "  --report FILE         write what was generated as JSON (- = stdout)\n"
	      "  --quiet               no progress output\n"
	      "  --help                this text\n"
	      "\n"
	      "Data files are placeholders of the recorded size (sparse files).\n",
	      out);
}

struct overrides {
	int snapshots, files, partitions, buckets, compact_every, expire_keep, tags;
	int64_t rows_per_file;
	const char *branch;
	int64_t time_start, time_step;
};

struct specs {
	struct gen_table_spec *v;
	size_t n;
};

static struct gen_table_spec *add_spec(struct specs *s, const char *db, const char *name,
				       enum gen_template tpl)
{
	s->v = pl_reallocarray(s->v, s->n + 1, sizeof(*s->v));
	struct gen_table_spec *t = &s->v[s->n++];
	memset(t, 0, sizeof(*t));
	snprintf(t->db, sizeof(t->db), "%s", db);
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->tpl = tpl;
	t->buckets = tpl == TPL_ORDERS || tpl == TPL_CUSTOMERS ? 2 : -1;
	t->snapshots = 10;
	t->files = 2;
	t->rows_per_file = 1000;
	t->time_start = DEFAULT_TIME_START;
	t->time_step = 300000;
	return t;
}

static void preset_demo(struct specs *s)
{
	struct gen_table_spec *t = add_spec(s, "sales", "orders", TPL_ORDERS);
	t->partitions = 12;
	t->buckets = 4;
	t->snapshots = 120;
	t->files = 6;
	t->rows_per_file = 2000;
	t->compact_every = 3;
	t->expire_keep = 90;
	t->dv = 1;
	t->evolve = 4;
	t->tags = 3;
	snprintf(t->branch, sizeof(t->branch), "dev");
	t->branch_snapshots = 8;
	t->time_step = 3600000;

	t = add_spec(s, "sales", "customers", TPL_CUSTOMERS);
	t->snapshots = 20;
	t->files = 2;
	t->rows_per_file = 500;
	t->compact_every = 4;
	t->evolve = 2;
	t->statistics = 1;
	t->tags = 1;
	t->batch = 1;
	t->time_step = 6 * 3600000LL;

	t = add_spec(s, "ops", "events", TPL_EVENTS);
	t->partitions = 7;
	t->snapshots = 60;
	t->files = 8;
	t->rows_per_file = 50;
	t->evolve = 1;
	t->batch = 1;
	t->time_step = 3 * 3600000LL;

	t = add_spec(s, "ops", "metrics", TPL_METRICS);
	t->snapshots = 30;
	t->files = 3;
	t->rows_per_file = 300;
	t->consumers = 2;
	t->expire_keep = 20;
	t->compact_every = 10;

	t = add_spec(s, "staging", "import_tmp", TPL_METRICS);
	t->schema_only = 1;

	t = add_spec(s, "staging", "orders_backfill", TPL_ORDERS);
	t->partitions = 3;
	t->buckets = 1;
	t->snapshots = 5;
	t->files = 2;
	t->rows_per_file = 10000;
	t->batch = 1;
}

static void preset_million(struct specs *s)
{
	struct gen_table_spec *t = add_spec(s, "bench", "events", TPL_EVENTS);
	t->partitions = 100;
	t->snapshots = 100;
	t->files = 10000;
	t->rows_per_file = 100;
	t->batch = 1;
	t->time_step = 60000;
}

static void preset_catalog(struct specs *s)
{
	for (int d = 0; d < 10; d++)
		for (int i = 0; i < 100; i++) {
			char db[32], name[32];
			snprintf(db, sizeof(db), "db%02d", d);
			snprintf(name, sizeof(name), "table_%03d", i);
			struct gen_table_spec *t =
				add_spec(s, db, name, i % 2 ? TPL_CUSTOMERS : TPL_METRICS);
			t->snapshots = 3;
			t->files = 1;
			t->rows_per_file = 100;
		}
}

static void preset_custom(struct specs *s, int databases, int tables, const char *kind)
{
	for (int d = 0; d < databases; d++)
		for (int i = 0; i < tables; i++) {
			char db[32], name[32];
			snprintf(db, sizeof(db), "db%d", d);
			int pk = strcmp(kind, "pk") == 0 || (strcmp(kind, "mixed") == 0 && i % 2 == 0);
			snprintf(name, sizeof(name), "%s_%d", pk ? "orders" : "events", i);
			struct gen_table_spec *t = add_spec(s, db, name, pk ? TPL_ORDERS : TPL_EVENTS);
			t->partitions = 4;
			if (pk) {
				t->dv = 1;
				t->compact_every = 3;
			}
		}
}

static void apply_overrides(struct specs *s, const struct overrides *o, uint64_t seed)
{
	for (size_t i = 0; i < s->n; i++) {
		struct gen_table_spec *t = &s->v[i];
		int pk = t->tpl == TPL_ORDERS || t->tpl == TPL_CUSTOMERS;
		if (o->snapshots >= 0) t->snapshots = o->snapshots;
		if (o->files >= 0) t->files = o->files;
		if (o->partitions >= 0) t->partitions = o->partitions;
		if (o->buckets > 0 && pk) t->buckets = o->buckets;
		if (o->compact_every >= 0) t->compact_every = o->compact_every;
		if (o->expire_keep >= 0) t->expire_keep = o->expire_keep;
		if (o->tags >= 0 && pk) t->tags = o->tags;
		if (o->rows_per_file > 0) t->rows_per_file = o->rows_per_file;
		if (o->branch && pk && t->tags > 0) {
			snprintf(t->branch, sizeof(t->branch), "%s", o->branch);
			if (!t->branch_snapshots)
				t->branch_snapshots = 3;
		}
		if (o->time_start >= 0) t->time_start = o->time_start;
		if (o->time_step > 0) t->time_step = o->time_step;
		uint64_t h = seed;
		for (const char *c = t->db; *c; c++) h = gen_mix(h, (unsigned char)*c);
		for (const char *c = t->name; *c; c++) h = gen_mix(h, (unsigned char)*c);
		t->seed = h;
	}
}

static int dir_is_usable(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return errno == ENOENT;
	struct dirent *e;
	int empty = 1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

static int parse_int(const char *s, int64_t min, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || end == s || v < min)
		return -1;
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	enum { O_PRESET = 256, O_SEED, O_DATABASES, O_TABLES, O_KIND, O_SNAPSHOTS, O_FILES,
	       O_PARTITIONS, O_BUCKETS, O_ROWS, O_COMPACT, O_EXPIRE, O_TAGS, O_BRANCH, O_CODEC,
	       O_FORMAT, O_TARGET, O_TSTART, O_TSTEP, O_NODATA, O_REPORT, O_QUIET, O_HELP };
	static const struct option longopts[] = {
		{ "preset", 1, 0, O_PRESET }, { "seed", 1, 0, O_SEED },
		{ "databases", 1, 0, O_DATABASES }, { "tables", 1, 0, O_TABLES },
		{ "kind", 1, 0, O_KIND }, { "snapshots", 1, 0, O_SNAPSHOTS },
		{ "files", 1, 0, O_FILES }, { "partitions", 1, 0, O_PARTITIONS },
		{ "buckets", 1, 0, O_BUCKETS }, { "rows-per-file", 1, 0, O_ROWS },
		{ "compact-every", 1, 0, O_COMPACT }, { "expire-keep", 1, 0, O_EXPIRE },
		{ "tags", 1, 0, O_TAGS }, { "branch", 1, 0, O_BRANCH },
		{ "manifest-codec", 1, 0, O_CODEC },
		{ "manifest-format", 1, 0, O_FORMAT }, { "manifest-target-size", 1, 0, O_TARGET },
		{ "time-start", 1, 0, O_TSTART }, { "time-step", 1, 0, O_TSTEP },
		{ "no-data", 0, 0, O_NODATA }, { "report", 1, 0, O_REPORT },
		{ "quiet", 0, 0, O_QUIET }, { "help", 0, 0, O_HELP }, { 0, 0, 0, 0 },
	};
	struct overrides o = { -1, -1, -1, -1, -1, -1, -1, -1, NULL, -1, -1 };
	struct gen_lake_options opt = { NULL, GEN_CODEC_ZSTD, 8 << 20, 30, 0, 0, 0 };
	const char *preset = "custom", *kind = "mixed", *report = NULL;
	int64_t seed = 42, databases = 1, tables = 2, v;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		int bad = 0;
		switch (c) {
		case O_PRESET: preset = optarg; break;
		case O_KIND: kind = optarg; break;
		case O_BRANCH: o.branch = optarg; break;
		case O_REPORT: report = optarg; break;
		case O_NODATA: opt.no_data = 1; break;
		case O_QUIET: opt.quiet = 1; break;
		case O_HELP: usage(stdout); return 0;
		case O_CODEC:
			if (strcmp(optarg, "zstd") == 0) opt.codec = GEN_CODEC_ZSTD;
			else if (strcmp(optarg, "null") == 0) opt.codec = GEN_CODEC_NULL;
			else bad = 1;
			break;
		case O_FORMAT:
			if (strcmp(optarg, "orc") == 0) opt.manifest_orc = 1;
			else if (strcmp(optarg, "avro") == 0) opt.manifest_orc = 0;
			else bad = 1;
			break;
		case '?': usage(stderr); return 2;
		default:
			if (parse_int(optarg, c == O_TSTART ? -(INT64_C(1) << 50) : 0, &v) != 0 ||
			    v > (c == O_TSTART || c == O_SEED || c == O_TARGET || c == O_TSTEP
				 ? INT64_MAX : 100000000)) {
				bad = 1;
				break;
			}
			switch (c) {
			case O_SEED: seed = v; break;
			case O_DATABASES: databases = v; break;
			case O_TABLES: tables = v; break;
			case O_SNAPSHOTS: o.snapshots = (int)v; break;
			case O_FILES: o.files = (int)v; break;
			case O_PARTITIONS: o.partitions = (int)v; break;
			case O_BUCKETS: o.buckets = (int)v; break;
			case O_ROWS: o.rows_per_file = v; break;
			case O_COMPACT: o.compact_every = (int)v; break;
			case O_EXPIRE: o.expire_keep = (int)v; break;
			case O_TAGS: o.tags = (int)v; break;
			case O_TARGET: opt.manifest_target = v ? v : 1; break;
			case O_TSTART: o.time_start = v; break;
			case O_TSTEP: o.time_step = v; break;
			}
		}
		if (bad) {
			fprintf(stderr, "paimon-lens-gen: invalid value for --%s: %s\n",
				longopts[c - O_PRESET].name, optarg);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	opt.warehouse = argv[optind];
	if (o.branch && (!*o.branch || strchr(o.branch, '/') || strlen(o.branch) > 30)) {
		fprintf(stderr, "paimon-lens-gen: invalid branch name: %s\n", o.branch);
		return 2;
	}
	struct specs specs = { NULL, 0 };
	if (strcmp(preset, "demo") == 0)
		preset_demo(&specs);
	else if (strcmp(preset, "million") == 0)
		preset_million(&specs);
	else if (strcmp(preset, "catalog1000") == 0)
		preset_catalog(&specs);
	else if (strcmp(preset, "custom") == 0 && (!strcmp(kind, "pk") || !strcmp(kind, "append") ||
						 !strcmp(kind, "mixed")))
		preset_custom(&specs, (int)databases, (int)tables, kind);
	else {
		fprintf(stderr, "paimon-lens-gen: unknown preset or kind: %s/%s\n", preset, kind);
		return 2;
	}
	apply_overrides(&specs, &o, (uint64_t)seed);
	if (!dir_is_usable(opt.warehouse)) {
		fprintf(stderr, "paimon-lens-gen: %s exists and is not empty\n", opt.warehouse);
		free(specs.v);
		return 2;
	}
	struct pl_error err = { 0 };
	cJSON *doc = cJSON_CreateObject();
	gen_json_add_str(doc, "preset", preset);
	gen_json_add_i64(doc, "seed", seed);
	cJSON *list = cJSON_AddArrayToObject(doc, "tables");
	int rc = gen_mkdirs(opt.warehouse, &err);
	for (size_t i = 0; i < specs.n && rc == 0; i++) {
		struct gen_table t;
		if (!opt.quiet)
			fprintf(stderr, "paimon-lens-gen: %s.%s\n", specs.v[i].db, specs.v[i].name);
		rc = gen_table_generate(&t, &specs.v[i], &opt, &err);
		if (rc == 0)
			cJSON_AddItemToArray(list, gen_table_report(&t));
		gen_table_free(&t);
	}
	if (rc == 0 && report) {
		struct pl_strbuf sb = PL_STRBUF_INIT;
		gen_json_render(&sb, doc);
		pl_strbuf_addch(&sb, '\n');
		if (strcmp(report, "-") == 0)
			fwrite(sb.buf, 1, sb.len, stdout);
		else
			rc = gen_write_file(report, sb.buf, sb.len, &err);
		pl_strbuf_free(&sb);
	}
	cJSON_Delete(doc);
	free(specs.v);
	if (rc != 0) {
		fprintf(stderr, "paimon-lens-gen: %s\n", err.msg);
		return 1;
	}
	return 0;
}
