/* Typed access to the members of the small JSON metadata files (snapshot,
 * tag, consumer, statistics) with errors that name the file, the byte
 * offset and the key. Internal to the metadata readers. */
#ifndef PL_PAIMON_META_JSON_H
#define PL_PAIMON_META_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "paimon/manifest.h"   /* struct pl_opt_i64 */
#include "util/arena.h"
#include "util/err.h"
#include "util/json.h"

struct pl_meta_doc {
	const char *file;          /* as shown in messages */
	const struct pl_json *root;
	struct pl_arena *arena;
	struct pl_error *err;
};

/* Parses text into d (root must be an object). */
int pl_meta_doc_parse(struct pl_meta_doc *d, const char *text, size_t len, const char *file,
		      struct pl_arena *arena, struct pl_error *err);

/* Required integer: absent, null or another type is PL_ERR_CORRUPT. */
int pl_meta_req_i64(struct pl_meta_doc *d, const struct pl_json *obj, const char *key,
		    int64_t *out);
/* Optional integer: absent and null read as not present. */
int pl_meta_opt_i64(struct pl_meta_doc *d, const struct pl_json *obj, const char *key,
		    struct pl_opt_i64 *out);
/* Required / optional string (optional: NULL when absent or null). */
int pl_meta_req_str(struct pl_meta_doc *d, const struct pl_json *obj, const char *key,
		    const char **out);
int pl_meta_opt_str(struct pl_meta_doc *d, const struct pl_json *obj, const char *key,
		    const char **out);
/* Optional object; NULL when absent or null. */
int pl_meta_opt_obj(struct pl_meta_doc *d, const struct pl_json *obj, const char *key,
		    const struct pl_json **out);

/* Reads a whole small metadata file; a missing file is PL_ERR_NOT_FOUND.
 * *shown receives the display form of path (malloc'ed) for messages. */
int pl_meta_read(struct pl_storage *st, const char *path, size_t cap, struct pl_buf *out,
		 char **shown, struct pl_error *err);

/* Regular, non-hidden files or directories (dirs = 1) of dir whose name
 * starts with prefix, in name order; a missing dir gives none. The
 * listing owns the names; free it with pl_listing_free. Entries that do
 * not qualify are dropped from it. */
int pl_meta_list_prefixed(struct pl_storage *st, const char *dir, const char *prefix, int dirs,
			  struct pl_listing *out, struct pl_error *err);

#endif
