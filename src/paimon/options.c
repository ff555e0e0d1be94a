/* The table of known options and effective values. */
#include "paimon/options.h"

#include <ctype.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

/* Keep sorted by key (checked by the tests): lookups bisect it. */
static const struct pl_option_def defs[] = {
	{ "bucket", "-1", "0.4",
	  "Bucket count: N > 0 fixed, -1 dynamic (primary key) or unaware (append), -2 postpone; "
	  "was 1 up to 0.7" },
	{ "bucket-key", NULL, "0.4",
	  "Columns hashed to pick the bucket; default: primary key minus partition keys, "
	  "append tables the whole row" },
	{ "changelog-file.compression", NULL, "1.1", "Compression of changelog files" },
	{ "changelog-file.format", NULL, "1.1", "Format of changelog files (default: file.format)" },
	{ "changelog-file.prefix", "changelog-", "1.0", "Name prefix of changelog files" },
	{ "changelog-producer", "none", "0.4",
	  "How changelog files are produced: none, input, full-compaction, lookup" },
	{ "changelog.num-retained.max", NULL, "0.8",
	  "Most changelogs kept (default: snapshot.num-retained.max)" },
	{ "changelog.num-retained.min", NULL, "0.8",
	  "Fewest changelogs kept (default: snapshot.num-retained.min)" },
	{ "changelog.time-retained", NULL, "0.8",
	  "Longest time a changelog is kept (default: snapshot.time-retained)" },
	{ "commit.force-compact", "false", "0.4", "Compact on every commit" },
	{ "compaction.max-size-amplification-percent", "200", "0.4",
	  "Extra storage, in percent of the data, that triggers a full compaction of a "
	  "primary-key table" },
	{ "compaction.min.file-num", "5", "0.4",
	  "Fewest files an append table compacts at once" },
	{ "compaction.size-ratio", "1", "0.4",
	  "Size ratio, in percent, under which sorted runs are merged" },
	{ "consumer.expiration-time", NULL, "0.5",
	  "Consumers idle longer than this are deleted (default: never)" },
	{ "data-evolution.enabled", "false", "1.3", "Column-group files and BLOB files" },
	{ "data-file.external-paths", NULL, "1.1", "Root URIs for data files outside the table" },
	{ "data-file.external-paths.strategy", "none", "1.1",
	  "How external paths are chosen; none disables them" },
	{ "data-file.path-directory", NULL, "1.0", "Sub-directory of the table for data files" },
	{ "data-file.prefix", "data-", "1.0", "Name prefix of data files" },
	{ "deletion-vectors.bitmap64", "false", "1.2", "64-bit deletion vector bitmaps" },
	{ "deletion-vectors.enabled", "false", "0.8",
	  "Deleted rows are marked in deletion vectors instead of merged on read" },
	{ "dynamic-bucket.target-row-num", "200000", "0.5",
	  "Rows per bucket before a dynamic-bucket table adds one" },
	{ "file.compression", "zstd", "0.4",
	  "Compression of data files; before 0.9 the format default (orc lz4, parquet snappy)" },
	{ "file.format", "parquet", "0.4",
	  "Format of new data files; was orc up to 0.8; old files keep theirs" },
	{ "file.suffix.include.compression", "false", "1.0",
	  "Data file names carry the compression" },
	{ "full-compaction.delta-commits", NULL, "0.4", "Full compaction every N commits" },
	{ "global-index.external-path", NULL, "1.4", "Location of global index files" },
	{ "index-file-in-data-file-dir", "false", "1.3",
	  "Bucket index files live next to the data files" },
	{ "manifest.compression", "zstd", "0.9", "Compression of manifest files" },
	{ "manifest.format", "avro", "0.4",
	  "Format of manifest files (removed on master, which always writes avro); "
	  "paimon-lens sniffs the real format from each file" },
	{ "manifest.merge-min-count", "30", "0.4",
	  "Small manifests merged once this many accumulate" },
	{ "manifest.target-file-size", "8 mb", "0.4", "Target size of manifest files" },
	{ "merge-engine", "deduplicate", "0.4",
	  "How rows with one primary key merge: deduplicate, partial-update, aggregation, "
	  "first-row" },
	{ "metadata.stats-dense-store", "true", "1.0", "Dense layout of manifest statistics" },
	{ "metadata.stats-mode", "truncate(16)", "0.5",
	  "Column statistics kept in manifests: none, counts, truncate(N), full" },
	{ "num-levels", NULL, "0.4",
	  "LSM levels of a primary-key table (default: num-sorted-run.compaction-trigger + 1)" },
	{ "num-sorted-run.compaction-trigger", "5", "0.4",
	  "Sorted runs that trigger a compaction" },
	{ "num-sorted-run.stop-trigger", NULL, "0.4",
	  "Sorted runs that stop writes (default: num-sorted-run.compaction-trigger + 3)" },
	{ "page-size", "64 kb", "0.4",
	  "Memory page size of the write buffer" },
	{ "partition.default-name", "__DEFAULT_PARTITION__", "0.4",
	  "Directory name of null and empty partition values" },
	{ "partition.expiration-check-interval", "1 h", "0.4",
	  "How often partition expiration runs" },
	{ "partition.expiration-max-num", "100", "1.0", "Most partitions expired at once" },
	{ "partition.expiration-strategy", "values-time", "0.9",
	  "values-time or update-time" },
	{ "partition.expiration-time", NULL, "0.4", "Partitions older than this expire" },
	{ "partition.legacy-name", "true", "1.0",
	  "Partition directories use Java toString of the value" },
	{ "partition.mark-done-action", "success-file", "0.9",
	  "What marks a partition done" },
	{ "partition.timestamp-formatter", NULL, "0.4", "Formatter of partition time values" },
	{ "partition.timestamp-pattern", NULL, "0.4", "Pattern of partition time values" },
	{ "record-level.expire-time", NULL, "0.9", "Rows older than this are dropped" },
	{ "row-tracking.enabled", "false", "1.3", "Rows carry stable row ids (nextRowId)" },
	{ "scan.fallback-branch", NULL, "0.9",
	  "Batch reads of main fall back to this branch for missing partitions" },
	{ "scan.mode", "default", "0.4",
	  "Startup mode of reads: default, latest-full, latest, compacted-full, "
	  "from-timestamp, from-snapshot, ..." },
	{ "sequence.field", NULL, "0.4", "Columns ordering updates of one key" },
	{ "snapshot.expire.limit", "50", "0.6", "Most snapshots expired at once" },
	{ "snapshot.num-retained.max", "2147483647", "0.4", "Most snapshots kept" },
	{ "snapshot.num-retained.min", "10", "0.4", "Fewest snapshots kept" },
	{ "snapshot.time-retained", "1 h", "0.4", "Longest time a snapshot is kept" },
	{ "source.split.open-file-cost", "4 mb", "0.4",
	  "Cost of opening a file when planning splits" },
	{ "source.split.target-size", "128 mb", "0.4",
	  "Target size of a read split" },
	{ "tag.automatic-creation", "none", "0.5",
	  "Automatic tags: none, process-time, watermark, batch" },
	{ "tag.create-success-file", "false", "1.1", "Tag creation writes a _SUCCESS file" },
	{ "tag.creation-period", "daily", "0.5", "Period of automatic tags" },
	{ "tag.default-time-retained", NULL, "0.8", "Retention of new tags" },
	{ "tag.num-retained-max", NULL, "0.5", "Most automatic tags kept" },
	{ "target-file-size", NULL, "0.4",
	  "Target size of data files: 128 mb with a primary key, else 256 mb (128 mb up to 0.8)" },
	{ "type", "table", "1.0",
	  "Table kind: table, format-table, object-table, materialized-table, ..." },
	{ "write-buffer-size", "256 mb", "0.4",
	  "Memory buffered before a sorted run is flushed" },
	{ "write-buffer-spillable", "true", "0.4",
	  "The write buffer spills to disk when full" },
	{ "write-only", "false", "0.4", "Writers skip compaction and expiration" },
};

#define NDEFS (sizeof(defs) / sizeof(defs[0]))

const struct pl_option_def *pl_option_defs(size_t *n)
{
	*n = NDEFS;
	return defs;
}

static int cmp_key_def(const void *key, const void *def)
{
	return strcmp(key, ((const struct pl_option_def *)def)->key);
}

const struct pl_option_def *pl_option_def_find(const char *key)
{
	return bsearch(key, defs, NDEFS, sizeof(defs[0]), cmp_key_def);
}

const char *pl_option_source_name(enum pl_option_source src)
{
	switch (src) {
	case PL_OPTION_SET: return "set";
	case PL_OPTION_INJECTED: return "injected";
	case PL_OPTION_DEFAULT: return "default";
	case PL_OPTION_UNSET: break;
	}
	return "unset";
}

static const struct pl_schema_option *stored(const struct pl_schema *s, const char *key)
{
	for (size_t i = 0; s && i < s->noptions; i++)
		if (strcmp(s->options[i].key, key) == 0)
			return &s->options[i];
	return NULL;
}

/* Defaults that depend on the table or on other options. */
static const char *derived_default(const struct pl_schema *s, const char *key)
{
	static const char *const follow[][2] = {
		{ "changelog.num-retained.max", "snapshot.num-retained.max" },
		{ "changelog.num-retained.min", "snapshot.num-retained.min" },
		{ "changelog.time-retained", "snapshot.time-retained" },
	};
	if (strcmp(key, "target-file-size") == 0)
		return s && pl_schema_is_primary_key_table(s) ? "128 mb" : "256 mb";
	for (size_t i = 0; i < sizeof(follow) / sizeof(follow[0]); i++)
		if (strcmp(key, follow[i][0]) == 0)
			return pl_option_effective(s, follow[i][1], NULL);
	return NULL;
}

const char *pl_option_effective(const struct pl_schema *s, const char *key,
				enum pl_option_source *src)
{
	const struct pl_schema_option *o = stored(s, key);
	enum pl_option_source dummy;
	if (!src)
		src = &dummy;
	if (o) {
		*src = o->injected ? PL_OPTION_INJECTED : PL_OPTION_SET;
		return o->value;
	}
	const struct pl_option_def *def = pl_option_def_find(key);
	const char *v = def ? def->default_value : NULL;
	if (!v && def)
		v = derived_default(s, key);
	*src = v ? PL_OPTION_DEFAULT : PL_OPTION_UNSET;
	return v;
}

const char *pl_option_default(const struct pl_schema *s, const char *key)
{
	const struct pl_option_def *def = pl_option_def_find(key);
	if (!def)
		return NULL;
	return def->default_value ? def->default_value : derived_default(s, key);
}

static int cmp_value_key(const void *a, const void *b)
{
	return strcmp(((const struct pl_option_value *)a)->key,
		      ((const struct pl_option_value *)b)->key);
}

void pl_options_effective_all(const struct pl_schema *s, struct pl_arena *arena,
			      struct pl_option_value **out, size_t *n)
{
	size_t nstored = s ? s->noptions : 0, k = 0;
	struct pl_option_value *v = pl_arena_alloc(arena, (nstored + NDEFS) * sizeof(*v));
	for (size_t i = 0; i < nstored; i++) {
		v[k].key = s->options[i].key;
		v[k].def = pl_option_def_find(v[k].key);
		v[k].value = pl_option_effective(s, v[k].key, &v[k].source);
		k++;
	}
	for (size_t i = 0; i < NDEFS; i++) {
		if (stored(s, defs[i].key))
			continue;
		v[k].key = defs[i].key;
		v[k].def = &defs[i];
		v[k].value = pl_option_effective(s, defs[i].key, &v[k].source);
		k++;
	}
	qsort(v, k, sizeof(*v), cmp_value_key);
	*out = v;
	*n = k;
}

int64_t pl_option_parse_size(const char *text)
{
	if (!text)
		return -1;
	const char *p = text;
	while (isspace((unsigned char)*p))
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	char *end;
	unsigned long long v = strtoull(p, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	/* The unit spellings Java's MemorySize accepts. */
	static const struct { const char *unit; int shift; } units[] = {
		{ "", 0 }, { "b", 0 }, { "bytes", 0 },
		{ "k", 10 }, { "kb", 10 }, { "kibibytes", 10 },
		{ "m", 20 }, { "mb", 20 }, { "mebibytes", 20 },
		{ "g", 30 }, { "gb", 30 }, { "gibibytes", 30 },
		{ "t", 40 }, { "tb", 40 }, { "tebibytes", 40 },
	};
	size_t len = strlen(end);
	while (len && isspace((unsigned char)end[len - 1]))
		len--;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strlen(units[i].unit) != len || strncasecmp(end, units[i].unit, len) != 0)
			continue;
		if (v > (unsigned long long)(INT64_MAX >> units[i].shift))
			return -1;
		return (int64_t)(v << units[i].shift);
	}
	return -1;
}

int64_t pl_option_small_file_threshold(const struct pl_schema *s)
{
	int64_t target = pl_option_parse_size(pl_option_effective(s, "target-file-size", NULL));
	/* A malformed stored value: Java would refuse the table; fall back
	 * to the default rather than call every file small. */
	if (target <= 0)
		target = (int64_t)(s && pl_schema_is_primary_key_table(s) ? 128 : 256) << 20;
	return target / 4;
}
