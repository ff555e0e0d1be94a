/* Snapshot -> fileset source and schema -> path layout, shared by every
 * reader of live file sets so that they agree on the options' defaults. */
#include <strings.h>

#include "paimon/fileset_source.h"

static uint64_t size_of(struct pl_opt_i64 v)
{
	/* Unknown sizes read the whole file (fileset.h). */
	return v.present && v.v > 0 ? (uint64_t)v.v : 0;
}

void pl_fileset_source_of(const struct pl_snapshot *s, int with_changelog,
			  struct pl_fileset_source *out)
{
	*out = (struct pl_fileset_source){
		.base_manifest_list = s->base_manifest_list,
		.base_manifest_list_size = size_of(s->base_manifest_list_size),
		.delta_manifest_list = s->delta_manifest_list,
		.delta_manifest_list_size = size_of(s->delta_manifest_list_size),
		.index_manifest = s->index_manifest,
	};
	if (with_changelog) {
		out->changelog_manifest_list = s->changelog_manifest_list;
		out->changelog_manifest_list_size = size_of(s->changelog_manifest_list_size);
	}
}

/* Paimon reads boolean options case-insensitively. */
static int option_is(const struct pl_schema *s, const char *key, const char *value)
{
	const char *v = pl_schema_option(s, key);
	return v && strcasecmp(v, value) == 0;
}

int pl_path_spec_of_schema(const struct pl_schema *s, const char *table_root,
			   struct pl_arena *a, struct pl_path_spec *out, struct pl_error *err)
{
	size_t n = s->npartition_keys;
	const struct pl_dtype **types = pl_arena_alloc(a, (n ? n : 1) * sizeof(*types));
	for (size_t i = 0; i < n; i++) {
		const struct pl_dfield *f = pl_schema_field_by_name(s, s->partition_keys[i]);
		if (!f)
			return pl_err_corrupt(err, table_root, 0,
					      "partition key %s is no column of schema %lld",
					      s->partition_keys[i], (long long)s->id);
		types[i] = f->type;
	}
	*out = (struct pl_path_spec){
		.table_root = table_root,
		.data_file_path_directory = pl_schema_option(s, "data-file.path-directory"),
		.n_partition_keys = n,
		.partition_keys = (const char *const *)s->partition_keys,
		.partition_types = types,
		.default_partition_name = pl_schema_option(s, "partition.default-name"),
		.legacy_partition_name = !option_is(s, "partition.legacy-name", "false"),
		.index_file_in_data_dir = option_is(s, "index-file-in-data-file-dir", "true"),
	};
	return 0;
}
