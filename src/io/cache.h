/* A local cache of immutable lake files (snapshot-N, schema-N, manifests
 * and manifest lists never change once written) under the XDG cache
 * directory, so that reopening a remote table costs listings, not the
 * metadata downloads again. Hint files (LATEST, EARLIEST) and listings are
 * never cached, and nothing secret is ever written there. */
#ifndef PL_IO_CACHE_H
#define PL_IO_CACHE_H

#include <stdint.h>

#include "io/sign.h"
#include "io/storage.h"

struct pl_cache;

#define PL_CACHE_LIMIT_DEFAULT ((uint64_t)512 << 20)

/* dir NULL: $PAIMON_LENS_CACHE_DIR, else $XDG_CACHE_HOME/paimon-lens, else
 * ~/.cache/paimon-lens. scope names the store ("endpoint/bucket") so two
 * stores never share entries. limit 0: PL_CACHE_LIMIT_DEFAULT. Returns
 * NULL when no cache directory can be used (the caller runs uncached). */
struct pl_cache *pl_cache_open(const char *dir, const char *scope, uint64_t limit);
void pl_cache_close(struct pl_cache *c);

/* Whether a file of this name never changes once written. */
int pl_cache_is_immutable(const char *key);

/* Records the size and ETag a listing or HEAD gave for key: a cached
 * entry that disagrees is a rewritten object and no longer served. */
void pl_cache_note(struct pl_cache *c, const char *key, uint64_t size, const char *etag);
/* 0 and out filled on a hit for a whole-file read of key. */
int pl_cache_get(struct pl_cache *c, const char *key, uint64_t offset, uint64_t length,
		 struct pl_buf *out);
/* Stores a whole-file read of an immutable file; other reads are ignored. */
void pl_cache_put(struct pl_cache *c, const char *key, const struct pl_kvlist *resp_headers,
		  uint64_t offset, uint64_t length, const struct pl_buf *data);

#endif
