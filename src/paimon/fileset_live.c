/* Reading the compact records of the live file set: names, partitions,
 * deletion vectors, and full entries decoded again from the manifest
 * bytes the set retains. */
#include "paimon/fileset.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/fileset_names.h"
#include "util/alloc.h"

/* ---- names ------------------------------------------------------------ */

/* Eight bytes at a time with a multiply-xorshift mix: the hashes are
 * in-memory only (never stored), and a byte-at-a-time hash of every
 * entry's identity showed in the load's profile. */
uint32_t pl_hash_bytes(uint32_t seed, const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t h = seed ^ (uint64_t)n * 0x9e3779b97f4a7c15u;
	for (; n >= 8; b += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, b, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9u;
		h ^= h >> 31;
	}
	if (n) {
		uint64_t w = 0;
		memcpy(&w, b, n);
		h = (h ^ w) * 0x94d049bb133111ebu;
		h ^= h >> 29;
	}
	h *= 0x9e3779b97f4a7c15u;
	return (uint32_t)(h >> 32);
}

#define UUID_TEXT 36

/* Lower-case hex digit values, -1 elsewhere (upper case would not print
 * back the same). */
static const int8_t hex_value[256] = {
	['0'] = 0, ['1'] = 1, ['2'] = 2, ['3'] = 3, ['4'] = 4, ['5'] = 5, ['6'] = 6, ['7'] = 7,
	['8'] = 8, ['9'] = 9, ['a'] = 10, ['b'] = 11, ['c'] = 12, ['d'] = 13, ['e'] = 14,
	['f'] = 15,
};
static const uint8_t hex_valid[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
};

static int hex_digit(char c)
{
	uint8_t u = (uint8_t)c;
	return hex_valid[u] ? hex_value[u] : -1;
}

/* The 16 bytes of a lower-case 8-4-4-4-12 uuid at s, or -1. */
static int parse_uuid(const char *s, uint8_t out[16])
{
	if (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
		return -1;
	int j = 0;
	for (int k = 0; k < UUID_TEXT; k += 2) {
		if (s[k] == '-')
			k++;
		int hi = hex_digit(s[k]), lo = hex_digit(s[k + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[j++] = (uint8_t)(hi << 4 | lo);
	}
	return j == 16 ? 0 : -1;
}

/* <prefix><uuid>-<counter><suffix>, the counter without leading zeros
 * and within 32 bits so that it prints back the same. */
static int split_name(const char *name, size_t len, uint8_t uuid[16], uint32_t *counter,
		      size_t *prefix_len, const char **suffix)
{
	for (size_t at = 0; at + UUID_TEXT + 2 <= len; at++) {
		if (name[at + UUID_TEXT] != '-' || parse_uuid(name + at, uuid))
			continue;
		const char *d = name + at + UUID_TEXT + 1;
		const char *end = name + len;
		uint64_t v = 0;
		const char *p = d;
		while (p < end && *p >= '0' && *p <= '9' && p - d < 10)
			v = v * 10 + (uint64_t)(*p++ - '0');
		if (p == d || (p < end && *p >= '0' && *p <= '9') || (*d == '0' && p - d > 1) ||
		    v > UINT32_MAX)
			continue;
		*counter = (uint32_t)v;
		*prefix_len = at;
		*suffix = p;
		return 0;
	}
	return -1;
}

static long find_form(const struct pl_fileset *fs, const char *prefix, size_t np,
		      const char *suffix, size_t ns)
{
	for (size_t k = 0; k < fs->n_name_forms; k++) {
		const struct pl_name_form *f = &fs->name_forms[k];
		if (f->prefix_len == np && f->suffix_len == ns && !memcmp(f->prefix, prefix, np) &&
		    !memcmp(f->suffix, suffix, ns))
			return (long)k;
	}
	return -1;
}

void pl_name_encode(struct pl_fileset *fs, const char *name, int add, struct pl_live_file *f)
{
	size_t len = strlen(name), np;
	const char *suffix;
	if (!split_name(name, len, f->name.uuid, &f->name_counter, &np, &suffix)) {
		size_t ns = len - (size_t)(suffix - name);
		long form = find_form(fs, name, np, suffix, ns);
		if (form < 0 && add && fs->n_name_forms < PL_NAME_FORMS_MAX) {
			if (!fs->name_forms)
				fs->name_forms = pl_calloc(PL_NAME_FORMS_MAX, sizeof(*fs->name_forms));
			struct pl_name_form *nf = &fs->name_forms[fs->n_name_forms];
			nf->prefix = pl_arena_strndup(&fs->arena, name, np);
			nf->suffix = pl_arena_strndup(&fs->arena, suffix, ns);
			nf->prefix_len = (uint32_t)np;
			nf->suffix_len = (uint32_t)ns;
			form = (long)fs->n_name_forms++;
		}
		if (form >= 0) {
			f->name_form = (uint32_t)form;
			return;
		}
	}
	memset(&f->name, 0, sizeof(f->name));
	f->name.verbatim = name;
	f->name_counter = 0;
	f->name_form = PL_LIVE_NONE;
}

int pl_name_eq(const struct pl_live_file *a, const struct pl_live_file *b)
{
	if (a->name_form != b->name_form)
		return 0;
	if (a->name_form == PL_LIVE_NONE)
		return strcmp(a->name.verbatim, b->name.verbatim) == 0;
	return a->name_counter == b->name_counter && !memcmp(a->name.uuid, b->name.uuid, 16);
}

uint32_t pl_name_hash(uint32_t h, const struct pl_live_file *f)
{
	if (f->name_form == PL_LIVE_NONE)
		return pl_hash_bytes(h, f->name.verbatim, strlen(f->name.verbatim));
	uint8_t key[24];
	memcpy(key, f->name.uuid, 16);
	memcpy(key + 16, &f->name_counter, 4);
	memcpy(key + 20, &f->name_form, 4);
	return pl_hash_bytes(h, key, sizeof(key));
}

const char *pl_live_file_name(const struct pl_fileset *fs, const struct pl_live_file *f,
			      struct pl_strbuf *sb)
{
	pl_strbuf_reset(sb);
	if (f->name_form == PL_LIVE_NONE) {
		pl_strbuf_addstr(sb, f->name.verbatim);
		return pl_strbuf_str(sb);
	}
	static const char hex[] = "0123456789abcdef";
	const struct pl_name_form *form = &fs->name_forms[f->name_form];
	char uuid[UUID_TEXT];
	for (int k = 0, j = 0; k < 16; k++) {
		if (k == 4 || k == 6 || k == 8 || k == 10)
			uuid[j++] = '-';
		uuid[j++] = hex[f->name.uuid[k] >> 4];
		uuid[j++] = hex[f->name.uuid[k] & 15];
	}
	pl_strbuf_add(sb, form->prefix, form->prefix_len);
	pl_strbuf_add(sb, uuid, sizeof(uuid));
	pl_strbuf_addf(sb, "-%" PRIu32, f->name_counter);
	pl_strbuf_add(sb, form->suffix, form->suffix_len);
	return pl_strbuf_str(sb);
}

/* ---- other fields ----------------------------------------------------- */

const struct pl_blob *pl_live_partition(const struct pl_fileset *fs, const struct pl_live_file *f)
{
	return &fs->partition_rows[f->partition];
}

const char *pl_live_external_path(const struct pl_fileset *fs, const struct pl_live_file *f)
{
	return f->rare == PL_LIVE_NONE ? NULL : fs->rares[f->rare].external_path;
}

struct pl_live_dv pl_live_file_dv(const struct pl_fileset *fs, const struct pl_live_file *f)
{
	if (f->dv == PL_LIVE_NONE) {
		struct pl_live_dv none = { PL_DV_NONE, 0, NULL, NULL };
		return none;
	}
	return fs->dvs[f->dv];
}

/* ---- full entries ----------------------------------------------------- */

struct walk {
	const struct pl_fileset *fs;
	size_t next, end;          /* live files [next, end) are in this manifest */
	uint32_t ordinal;
	pl_live_entry_fn fn;
	void *fn_ctx;
	int fn_rc;
	int done;
};

static int walk_entry(void *ctx, const struct pl_manifest_entry *e, struct pl_error *err)
{
	struct walk *w = ctx;
	if (w->ordinal++ != w->fs->files[w->next].ordinal)
		return 0;
	int rc = w->fn(w->fn_ctx, w->next, e, err);
	if (rc) {
		w->fn_rc = rc;
		return rc;
	}
	if (++w->next == w->end) {
		w->done = 1;
		return 1;   /* the rest of the manifest holds none of them */
	}
	return 0;
}

/* Calls fn for the live files [first, last), which must be in order. */
static int walk_files(const struct pl_fileset *fs, size_t first, size_t last,
		      pl_live_entry_fn fn, void *ctx, struct pl_error *err)
{
	struct pl_arena scratch;
	pl_arena_init(&scratch, 8 << 10);
	int rc = 0;
	for (size_t i = first; i < last && !rc;) {
		uint32_t mf = fs->files[i].manifest;
		size_t end = i + 1;
		while (end < last && fs->files[end].manifest == mf)
			end++;
		const struct pl_buf *b = &fs->manifest_bytes[mf];
		const char *name = fs->manifests.items[mf].file_name;
		struct walk w = { fs, i, end, 0, fn, ctx, 0, 0 };
		int prc = pl_manifest_parse_each(b->data, b->len, name, &scratch, walk_entry, &w,
						 err);
		if (w.fn_rc)
			rc = w.fn_rc;
		else if (prc && !w.done)
			rc = -1;
		else if (!w.done)
			rc = pl_err(err, PL_ERR_CORRUPT,
				    "%s: entry %" PRIu32 " of the live file set is missing", name,
				    fs->files[w.next].ordinal);
		pl_arena_reset(&scratch);
		i = end;
	}
	pl_arena_free(&scratch);
	return rc;
}

int pl_fileset_each_entry(const struct pl_fileset *fs, pl_live_entry_fn fn, void *ctx,
			  struct pl_error *err)
{
	return walk_files(fs, 0, fs->n_files, fn, ctx, err);
}

struct one_entry {
	struct pl_arena *arena;
	struct pl_manifest_entry *out;
};

static int copy_entry(void *ctx, size_t i, const struct pl_manifest_entry *e,
		      struct pl_error *err)
{
	struct one_entry *o = ctx;
	(void)i;
	(void)err;
	pl_manifest_entry_copy(o->arena, o->out, e);
	return 0;
}

int pl_fileset_entry(const struct pl_fileset *fs, size_t i, struct pl_arena *arena,
		     struct pl_manifest_entry *out, struct pl_error *err)
{
	if (i >= fs->n_files)
		return pl_err(err, PL_ERR_NOT_FOUND, "live file %zu of %zu", i, fs->n_files);
	struct one_entry o = { arena, out };
	return walk_files(fs, i, i + 1, copy_entry, &o, err);
}
