/* The life of one generated table: create it, commit snapshots with schema
 * changes, tags, a branch and compactions in between, expire early
 * snapshots, then delete what no retained snapshot or tag references (as
 * Java's expiration does) and lay down placeholder data files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "gen/binrow_writer.h"
#include "gen/json_writer.h"
#include "gen/table_internal.h"
#include "util/alloc.h"

static const char *const REGIONS[] = { "us-east", "eu-west", "ap-south" };
static const char *const TAG_NAMES[] = { "v1.0", "2024-07-05 10", "release-q3", "v2.0" };

static void new_job(struct gen_table *t, struct gen_branch *b)
{
	gen_uuid(&t->rng, b->commit_user);
	b->commit_identifier = 0;
	gen_uuid(&t->rng, t->manifest_uuid);
	gen_uuid(&t->rng, t->list_uuid);
	gen_uuid(&t->rng, t->imanifest_uuid);
	gen_uuid(&t->rng, t->index_uuid);
	t->manifest_n = t->list_n = t->imanifest_n = t->index_n = 0;
}

static void setup_partitions(struct gen_table *t, const struct gen_schema *s)
{
	const struct gen_table_spec *sp = t->spec;
	t->npartition_keys = s->npartition_keys;
	t->nparts = sp->partitions > 0 && s->npartition_keys ? sp->partitions : 1;
	t->nbuckets_dir = sp->buckets > 0 ? sp->buckets : 1;
	int nreg = sp->tpl == TPL_ORDERS && t->nparts >= 3 ? 3 : 1;
	t->part_path = pl_calloc((size_t)t->nparts, sizeof(*t->part_path));
	t->part_values = pl_calloc((size_t)t->nparts, sizeof(*t->part_values));
	t->part_row = pl_calloc((size_t)t->nparts, sizeof(*t->part_row));
	struct gen_binrow row = GEN_BINROW_INIT;
	for (int i = 0; i < t->nparts; i++) {
		t->part_values[i] = pl_calloc(t->npartition_keys + 1, sizeof(char *));
		struct pl_strbuf path = PL_STRBUF_INIT;
		gen_binrow_begin(&row, (uint32_t)t->npartition_keys);
		for (size_t k = 0; k < t->npartition_keys; k++) {
			char buf[32];
			if (k == 0) {
				time_t secs = (time_t)(sp->time_start / 1000) + (time_t)(i / nreg) * 86400;
				struct tm tm;
				gmtime_r(&secs, &tm);
				strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
			} else {
				snprintf(buf, sizeof(buf), "%s", REGIONS[i % nreg]);
			}
			t->part_values[i][k] = pl_strdup(buf);
			gen_binrow_set_string(&row, (uint32_t)k, buf, strlen(buf));
			pl_strbuf_addf(&path, "%s%s=%s", k ? "/" : "", s->partition_keys[k], buf);
		}
		pl_strbuf_add(&t->part_row[i], gen_binrow_data(&row), gen_binrow_len(&row));
		t->part_path[i] = pl_strbuf_detach(&path);
	}
	gen_binrow_free(&row);
}

static void init_branch(struct gen_table *t, struct gen_branch *b, const char *name,
			const char *dir)
{
	memset(b, 0, sizeof(*b));
	snprintf(b->name, sizeof(b->name), "%s", name);
	b->dir = pl_strdup(dir);
	size_t nb = (size_t)t->nparts * (size_t)t->nbuckets_dir;
	b->buckets = pl_calloc(nb, sizeof(*b->buckets));
	for (size_t i = 0; i < nb; i++) {
		b->buckets[i].writer = -1;
		b->buckets[i].dvfile = -1;
	}
	b->index_manifest = -1;
	b->statistics = -1;
	b->next_id = 1;
	b->next_key = 1;
}

static void add_schema(struct gen_branch *b, struct gen_schema *s)
{
	b->schemas = pl_reallocarray(b->schemas, b->nschemas + 1, sizeof(*b->schemas));
	b->schemas[b->nschemas++] = s;
}

static int create_tag(struct gen_table *t, struct gen_branch *b, int i, struct pl_error *err)
{
	b->tags = pl_reallocarray(b->tags, b->ntags + 1, sizeof(*b->tags));
	struct gen_tag *tag = &b->tags[b->ntags++];
	memset(tag, 0, sizeof(*tag));
	if (i < (int)(sizeof(TAG_NAMES) / sizeof(TAG_NAMES[0])))
		snprintf(tag->name, sizeof(tag->name), "%s", TAG_NAMES[i]);
	else
		snprintf(tag->name, sizeof(tag->name), "auto-%d", i);
	tag->snap = b->snaps[b->nsnaps - 1];
	tag->with_retention = i == 1;
	tag->create_ms = tag->snap.time_ms + 60000 + 123;
	tag->retained_s = 7 * 86400;
	return gen_write_tag(t, b->dir, tag, err);
}

/* A branch created from a tag: Java copies the schemas up to the tag's,
 * the tagged snapshot (same id, no hint files) and the tag itself. */
static int create_branch(struct gen_table *t, const struct gen_tag *tag, struct pl_error *err)
{
	struct gen_branch *b = &t->branch;
	struct gen_branch *m = &t->main;
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/branch/branch-%s", t->dir, t->spec->branch);
	init_branch(t, b, t->spec->branch, dir);
	t->has_branch = 1;
	for (size_t i = 0; i < m->nschemas && m->schemas[i]->id <= tag->snap.schema_id; i++) {
		add_schema(b, m->schemas[i]);
		if (gen_write_schema(b->dir, m->schemas[i], err) != 0)
			return -1;
	}
	b->schemas_borrowed = b->nschemas;
	size_t nb = (size_t)t->nparts * (size_t)t->nbuckets_dir;
	for (size_t i = 0; i < nb; i++) {
		struct gen_bucket *src = &m->buckets[i], *dst = &b->buckets[i];
		*dst = *src;
		dst->files = pl_reallocarray(NULL, src->n ? src->n : 1, sizeof(uint32_t));
		if (src->n)
			memcpy(dst->files, src->files, src->n * sizeof(uint32_t));
		dst->cap = src->n ? src->n : 1;
		dst->dvs = pl_calloc(src->ndvs ? src->ndvs : 1, sizeof(*dst->dvs));
		dst->capdvs = src->ndvs ? src->ndvs : 1;
		for (size_t k = 0; k < src->ndvs; k++) {
			dst->dvs[k] = src->dvs[k];
			dst->dvs[k].pos = pl_reallocarray(NULL, src->dvs[k].n + 1, sizeof(uint32_t));
			if (src->dvs[k].n)
				memcpy(dst->dvs[k].pos, src->dvs[k].pos,
				       src->dvs[k].n * sizeof(uint32_t));
		}
		dst->writer = -1;       /* a new job writes the branch */
	}
	b->ndata = m->ndata;
	b->data_manifests = pl_reallocarray(NULL, m->ndata ? m->ndata : 1, sizeof(uint32_t));
	if (m->ndata)
		memcpy(b->data_manifests, m->data_manifests, m->ndata * sizeof(uint32_t));
	b->index_manifest = tag->snap.index_manifest;
	b->total = tag->snap.total;
	b->next_id = tag->snap.id + 1;
	b->next_key = m->next_key + 100000000;
	b->appends = m->appends;
	b->clock = tag->snap.time_ms + t->spec->time_step / 3;
	b->snaps = pl_calloc(1, sizeof(*b->snaps));
	b->capsnaps = 1;
	b->snaps[b->nsnaps++] = tag->snap;
	b->tags = pl_calloc(1, sizeof(*b->tags));
	b->tags[b->ntags++] = *tag;
	if (gen_write_snapshot(t, b->dir, &tag->snap, err) != 0 ||
	    gen_write_tag(t, b->dir, tag, err) != 0)
		return -1;
	/* the branch diverges: its own column and its own commits */
	struct gen_schema *s = gen_schema_branch_change(gen_latest_schema(b), b->clock - 1000);
	add_schema(b, s);
	if (gen_write_schema(b->dir, s, err) != 0)
		return -1;
	new_job(t, b);
	for (int i = 0; i < t->spec->branch_snapshots; i++) {
		int rc = 0;
		if (t->spec->compact_every > 0 && i % 3 == 2)
			rc = gen_commit_compact(t, b, err);
		if (rc == 0)
			rc = gen_commit_append(t, b, err);
		if (rc < 0)
			return -1;
		b->clock += t->spec->time_step / 2;
	}
	return 0;
}

static int expire(struct gen_table *t, size_t *first_live, struct pl_error *err)
{
	struct gen_branch *m = &t->main;
	int keep = t->spec->expire_keep;
	if (keep <= 0 || m->nsnaps - *first_live <= (size_t)keep)
		return 0;
	while (m->nsnaps - *first_live > (size_t)keep) {
		struct gen_snapshot *s = &m->snaps[(*first_live)++];
		s->expired = 1;
		char path[4096];
		snprintf(path, sizeof(path), "%s/snapshot/snapshot-%lld", m->dir, (long long)s->id);
		if (gen_remove_file(path, err) != 0)
			return -1;
	}
	return gen_write_hint(m->dir, "EARLIEST", m->snaps[*first_live].id, err);
}

static void mark_lists(struct gen_table *t, const struct gen_snapshot *s)
{
	uint32_t lists[2] = { s->base_list, s->delta_list };
	for (int i = 0; i < 2; i++) {
		struct gen_mlist *l = &t->mlists[lists[i]];
		l->referenced = 1;
		for (size_t k = 0; k < l->n; k++)
			t->manifests[l->manifests[k]].referenced = 1;
	}
	if (s->index_manifest >= 0) {
		struct gen_index_manifest *im = &t->imanifests[s->index_manifest];
		im->referenced = 1;
		for (size_t k = 0; k < im->n; k++)
			t->dvfiles[im->dvfiles[k]].referenced = 1;
	}
}

/* Marks the data files live in snapshot s (base then delta, ADD minus
 * DELETE), which must therefore stay on disk. */
static void mark_live_files(struct gen_table *t, const struct gen_snapshot *s)
{
	gen_stamp_reserve(t);
	uint32_t gen = ++t->stamp_gen;
	uint32_t lists[2] = { s->base_list, s->delta_list };
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < 2; i++) {
			const struct gen_mlist *l = &t->mlists[lists[i]];
			for (size_t k = 0; k < l->n; k++) {
				const struct gen_manifest *m = &t->manifests[l->manifests[k]];
				for (size_t e = 0; e < m->n; e++) {
					uint32_t f = m->entries[e] >> 1;
					if (pass == 0) {
						t->stamp[f] = gen;
						t->stamp_pos[f] = !(m->entries[e] & 1);
					} else if (t->stamp_pos[f]) {
						t->files[f].referenced = 1;
					}
				}
			}
		}
}

static int remove_meta(const struct gen_table *t, const char *sub, const char *name,
		       struct pl_error *err)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s/%s", t->dir, sub, name);
	return gen_remove_file(path, err);
}

static int cleanup_and_place_data(struct gen_table *t, struct pl_error *err)
{
	struct gen_snapshot **retained = NULL;
	size_t nret = 0;
	struct gen_branch *branches[2] = { &t->main, t->has_branch ? &t->branch : NULL };
	for (int bi = 0; bi < 2; bi++) {
		struct gen_branch *b = branches[bi];
		if (!b)
			continue;
		size_t total = b->nsnaps + b->ntags;
		retained = pl_reallocarray(retained, nret + total + 1, sizeof(*retained));
		for (size_t i = 0; i < b->nsnaps; i++)
			if (!b->snaps[i].expired)
				retained[nret++] = &b->snaps[i];
		for (size_t i = 0; i < b->ntags; i++)
			retained[nret++] = &b->tags[i].snap;
	}
	for (size_t i = 0; i < nret; i++) {
		mark_lists(t, retained[i]);
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++)
			seen = retained[k]->base_list == retained[i]->base_list &&
			       retained[k]->delta_list == retained[i]->delta_list;
		if (!seen)
			mark_live_files(t, retained[i]);
	}
	free(retained);
	int rc = 0;
	for (size_t i = 0; i < t->nmlists && rc == 0; i++)
		if (!t->mlists[i].referenced)
			rc = remove_meta(t, "manifest", t->mlists[i].name, err);
	for (size_t i = 0; i < t->nmanifests && rc == 0; i++)
		if (!t->manifests[i].referenced)
			rc = remove_meta(t, "manifest", t->manifests[i].name, err);
	for (size_t i = 0; i < t->nimanifests && rc == 0; i++)
		if (!t->imanifests[i].referenced)
			rc = remove_meta(t, "manifest", t->imanifests[i].name, err);
	for (size_t i = 0; i < t->ndvfiles && rc == 0; i++)
		if (!t->dvfiles[i].referenced)
			rc = remove_meta(t, "index", t->dvfiles[i].name, err);
	if (rc != 0 || t->opt->no_data)
		return rc;
	char last_dir[4096] = "";
	for (size_t i = 0; i < t->nfiles; i++) {
		const struct gen_file *f = &t->files[i];
		if (!f->referenced)
			continue;
		char dir[4096], name[128], path[4400];
		snprintf(dir, sizeof(dir), "%s/%s%sbucket-%d", t->dir, t->part_path[f->part],
			 t->part_path[f->part][0] ? "/" : "", f->bucket);
		if (strcmp(dir, last_dir) != 0) {
			if (gen_mkdirs(dir, err) != 0)
				return -1;
			snprintf(last_dir, sizeof(last_dir), "%s", dir);
		}
		gen_file_name(t, f, name, sizeof(name));
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		/* a file moved to another level is the same file on disk */
		if (!gen_exists(path))
			t->data_files++;
		if (gen_write_placeholder(path, (uint64_t)f->size, err) != 0)
			return -1;
	}
	return 0;
}

static int write_consumers(struct gen_table *t, size_t first_live, struct pl_error *err)
{
	struct gen_branch *m = &t->main;
	if (!t->spec->consumers || !m->nsnaps)
		return 0;
	int64_t latest = m->snaps[m->nsnaps - 1].id;
	if (gen_write_consumer(m->dir, "flink-alerting", latest + 1, err) != 0)
		return -1;
	if (t->spec->consumers > 1 &&
	    gen_write_consumer(m->dir, "nightly-report", m->snaps[first_live].id, err) != 0)
		return -1;
	for (int i = 2; i < t->spec->consumers; i++) {
		char id[32];
		snprintf(id, sizeof(id), "job-%d", i);
		if (gen_write_consumer(m->dir, id, latest - i, err) != 0)
			return -1;
	}
	return 0;
}

int gen_table_generate(struct gen_table *t, const struct gen_table_spec *sp,
		       const struct gen_lake_options *opt, struct pl_error *err)
{
	memset(t, 0, sizeof(*t));
	t->spec = sp;
	t->opt = opt;
	gen_rng_seed(&t->rng, sp->seed);
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/%s.db/%s", opt->warehouse, sp->db, sp->name);
	t->dir = pl_strdup(dir);
	gen_uuid(&t->rng, t->stats_uuid);
	struct gen_schema *s0 = gen_schema_initial(sp, sp->time_start - 3600000);
	if (opt->codec == GEN_CODEC_NULL) {
		s0->options = pl_reallocarray(s0->options, s0->noptions + 1, sizeof(*s0->options));
		s0->options[s0->noptions].key = pl_strdup("manifest.compression");
		s0->options[s0->noptions++].value = pl_strdup("null");
	}
	if (opt->manifest_orc) {
		s0->options = pl_reallocarray(s0->options, s0->noptions + 1, sizeof(*s0->options));
		s0->options[s0->noptions].key = pl_strdup("manifest.format");
		s0->options[s0->noptions++].value = pl_strdup("orc");
	}
	setup_partitions(t, s0);
	init_branch(t, &t->main, "main", t->dir);
	t->main.is_main = 1;
	t->main.clock = sp->time_start;
	add_schema(&t->main, s0);
	if (gen_write_schema(t->dir, s0, err) != 0)
		return -1;
	if (sp->schema_only)
		return 0;
	snprintf(dir, sizeof(dir), "%s/manifest", t->dir);
	if (gen_mkdirs(dir, err) != 0)
		return -1;
	if (sp->dv) {
		snprintf(dir, sizeof(dir), "%s/index", t->dir);
		if (gen_mkdirs(dir, err) != 0)
			return -1;
	}
	struct gen_branch *m = &t->main;
	new_job(t, m);
	size_t first_live = 0;
	int step = 0, tags = 0, pending_compact = 0, analyzed = !sp->statistics;
	while (m->nsnaps < (size_t)sp->snapshots) {
		int done = (int)m->nsnaps;
		if (step < sp->evolve && done >= (int64_t)sp->snapshots * (step + 1) / (sp->evolve + 1)) {
			const char *what = "";
			struct gen_schema *s = gen_schema_evolve(gen_latest_schema(m), step,
								 m->clock - 30000, &what);
			step++;
			if (s) {
				add_schema(m, s);
				if (gen_write_schema(m->dir, s, err) != 0)
					return -1;
				m->statistics = -1;   /* stats belong to the old schema */
				new_job(t, m);
			}
		}
		int rc;
		if (pending_compact) {
			m->clock += 2000;
			rc = gen_commit_compact(t, m, err);
			pending_compact = 0;
		} else if (!analyzed && done >= sp->snapshots / 2) {
			m->clock += 60000;
			rc = gen_commit_analyze(t, m, err);
			analyzed = 1;
		} else {
			m->clock += sp->time_step;
			rc = gen_commit_append(t, m, err);
			if (sp->compact_every > 0 && m->appends % sp->compact_every == 0)
				pending_compact = 1;
		}
		if (rc < 0 || expire(t, &first_live, err) != 0)
			return -1;
		if (tags < sp->tags && (int64_t)m->nsnaps >= (int64_t)sp->snapshots * (tags + 1) / (sp->tags + 1)) {
			if (create_tag(t, m, tags, err) != 0)
				return -1;
			if (tags == 0 && sp->branch[0] && create_branch(t, &m->tags[0], err) != 0)
				return -1;
			tags++;
		}
	}
	if (t->has_branch && t->branch.nsnaps > 1 &&
	    gen_write_hint(t->branch.dir, "LATEST", t->branch.snaps[t->branch.nsnaps - 1].id,
			   err) != 0)
		return -1;
	if (write_consumers(t, first_live, err) != 0)
		return -1;
	return cleanup_and_place_data(t, err);
}

static cJSON *branch_report(const struct gen_table *t, const struct gen_branch *b)
{
	cJSON *r = cJSON_CreateObject();
	size_t live = 0, first = 0, parts = 0, dvs = 0;
	int64_t rows = 0, deleted = 0;
	while (first < b->nsnaps && b->snaps[first].expired)
		first++;
	for (int p = 0; p < t->nparts; p++) {
		size_t in_part = 0;
		for (int k = 0; k < t->nbuckets_dir; k++) {
			const struct gen_bucket *bk =
				&b->buckets[(size_t)p * (size_t)t->nbuckets_dir + (size_t)k];
			in_part += bk->n;
			for (size_t i = 0; i < bk->n; i++)
				rows += t->files[bk->files[i]].rows;
			dvs += bk->ndvs;
			for (size_t i = 0; i < bk->ndvs; i++)
				deleted += (int64_t)bk->dvs[i].n;
		}
		live += in_part;
		parts += in_part > 0;
	}
	gen_json_add_i64(r, "snapshots", (int64_t)(b->nsnaps - first));
	if (b->nsnaps) {
		gen_json_add_i64(r, "earliestSnapshot", b->snaps[first].id);
		gen_json_add_i64(r, "latestSnapshot", b->snaps[b->nsnaps - 1].id);
		gen_json_add_i64(r, "latestSchemaIdUsed", b->snaps[b->nsnaps - 1].schema_id);
	}
	gen_json_add_i64(r, "schemas", (int64_t)b->nschemas);
	gen_json_add_i64(r, "latestSchemaId", gen_latest_schema(b)->id);
	gen_json_add_i64(r, "liveFiles", (int64_t)live);
	gen_json_add_i64(r, "totalRecordCount", b->total);
	gen_json_add_i64(r, "liveFileRows", rows);
	gen_json_add_i64(r, "partitions", (int64_t)parts);
	gen_json_add_i64(r, "deletionVectors", (int64_t)dvs);
	gen_json_add_i64(r, "deletedRows", deleted);
	cJSON *tags = cJSON_AddArrayToObject(r, "tags");
	for (size_t i = 0; i < b->ntags; i++) {
		cJSON *tg = cJSON_CreateObject();
		gen_json_add_str(tg, "name", b->tags[i].name);
		gen_json_add_i64(tg, "snapshot", b->tags[i].snap.id);
		cJSON_AddItemToArray(tags, tg);
	}
	return r;
}

cJSON *gen_table_report(const struct gen_table *t)
{
	const struct gen_table_spec *sp = t->spec;
	cJSON *r = cJSON_CreateObject();
	gen_json_add_str(r, "database", sp->db);
	gen_json_add_str(r, "table", sp->name);
	gen_json_add_str(r, "kind", sp->tpl == TPL_ORDERS || sp->tpl == TPL_CUSTOMERS
					    ? "primary-key" : "append");
	gen_json_add_i64(r, "bucket", sp->buckets);
	gen_json_add_i64(r, "partitionKeys", (int64_t)t->npartition_keys);
	gen_json_add_i64(r, "partitionsDefined", t->npartition_keys ? t->nparts : 0);
	if (sp->schema_only) {
		gen_json_add_i64(r, "schemas", 1);
		return r;
	}
	size_t files = 0, manifests = 0;
	for (size_t i = 0; i < t->nfiles; i++)
		files += t->files[i].referenced;
	for (size_t i = 0; i < t->nmanifests; i++)
		manifests += t->manifests[i].referenced;
	gen_json_add_i64(r, "manifestFiles", (int64_t)manifests);
	gen_json_add_i64(r, "dataFilesOnDisk", t->opt->no_data ? 0 : (int64_t)t->data_files);
	gen_json_add_i64(r, "referencedFileEntries", (int64_t)files);
	cJSON *br = cJSON_AddObjectToObject(r, "branches");
	cJSON_AddItemToObject(br, "main", branch_report(t, &t->main));
	if (t->has_branch)
		cJSON_AddItemToObject(br, t->branch.name, branch_report(t, &t->branch));
	return r;
}

static void free_branch(struct gen_branch *b, int nparts_buckets)
{
	for (size_t i = b->schemas_borrowed; i < b->nschemas; i++)
		gen_schema_free(b->schemas[i]);
	free(b->schemas);
	free(b->snaps);
	free(b->tags);
	if (b->buckets)
		for (int i = 0; i < nparts_buckets; i++) {
			free(b->buckets[i].files);
			for (size_t k = 0; k < b->buckets[i].ndvs; k++)
				free(b->buckets[i].dvs[k].pos);
			free(b->buckets[i].dvs);
		}
	free(b->buckets);
	free(b->data_manifests);
	free(b->dir);
}

void gen_table_free(struct gen_table *t)
{
	int nb = t->nparts * t->nbuckets_dir;
	free_branch(&t->main, nb);
	if (t->has_branch)
		free_branch(&t->branch, nb);
	for (int i = 0; i < t->nparts; i++) {
		free(t->part_path[i]);
		for (size_t k = 0; k < t->npartition_keys; k++)
			free(t->part_values[i][k]);
		free(t->part_values[i]);
		pl_strbuf_free(&t->part_row[i]);
	}
	free(t->part_path);
	free(t->part_values);
	free(t->part_row);
	free(t->writers);
	free(t->files);
	for (size_t i = 0; i < t->nmanifests; i++) {
		free(t->manifests[i].entries);
		pl_strbuf_free(&t->manifests[i].pstats);
	}
	free(t->manifests);
	for (size_t i = 0; i < t->nmlists; i++)
		free(t->mlists[i].manifests);
	free(t->mlists);
	for (size_t i = 0; i < t->ndvfiles; i++)
		free(t->dvfiles[i].ranges);
	free(t->dvfiles);
	for (size_t i = 0; i < t->nimanifests; i++)
		free(t->imanifests[i].dvfiles);
	free(t->imanifests);
	free(t->stamp);
	free(t->stamp_pos);
	free(t->dir);
	memset(t, 0, sizeof(*t));
}
