/* Where a table's files are (format-manifests.md §6.2, format-metadata.md
 * §1.5 - §1.7), and the deletion vectors whose counts the index manifest
 * does not record. */
#include "paimon/fileset.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "paimon/binrow.h"
#include "paimon/dv.h"
#include "util/strbuf.h"

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

int pl_live_file_path(const struct pl_path_spec *spec, const struct pl_fileset *fs,
		      const struct pl_live_file *f, struct pl_arena *arena, char **out,
		      int *external, struct pl_error *err)
{
	const char *ext = pl_live_external_path(fs, f);
	if (ext) {
		*external = 1;
		*out = pl_arena_strdup(arena, ext);
		return 0;
	}
	*external = 0;
	char *dir;
	if (pl_bucket_path(spec, pl_live_partition(fs, f), f->bucket, arena, &dir, err))
		return -1;
	struct pl_strbuf name = PL_STRBUF_INIT;
	*out = pl_path_join(arena, dir, pl_live_file_name(fs, f, &name));
	pl_strbuf_free(&name);
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
	for (size_t k = 0; k < fs->n_dvs; k++) {
		struct pl_live_dv *dv = &fs->dvs[k];
		if (dv->state != PL_DV_UNKNOWN)
			continue;
		char *path;
		int external;
		if (pl_index_file_path(spec, dv->index, &fs->arena, &path, &external, err))
			return -1;
		if (external)
			continue;
		struct pl_dv_info info;
		if (pl_dv_read(st, path, dv->range->offset, dv->range->length, &info, err))
			return pl_err_prefix(err, "deletion vector of %s", dv->range->data_file);
		dv->state = PL_DV_KNOWN;
		dv->deleted_rows = (int64_t)info.cardinality;
	}
	return 0;
}
