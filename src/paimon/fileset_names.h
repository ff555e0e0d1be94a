/* File names of the live file set in compact form (fileset.h): shared by
 * the merge (fileset.c) and the accessors (fileset_live.c). */
#ifndef PL_PAIMON_FILESET_NAMES_H
#define PL_PAIMON_FILESET_NAMES_H

#include <stdint.h>

#include "paimon/fileset.h"

/* More (prefix, suffix) forms than this in one table is not Paimon's
 * naming: later names are kept verbatim. */
#define PL_NAME_FORMS_MAX 64

/* Fills f's name fields for name. With add, a new form is interned;
 * without, a name of an unknown form reads as verbatim (no live file can
 * have been encoded with it). A verbatim f->name borrows name: copy it to
 * keep it. The encoding is a function of the name, so names are equal
 * exactly when their encodings are. */
void pl_name_encode(struct pl_fileset *fs, const char *name, int add, struct pl_live_file *f);
int pl_name_eq(const struct pl_live_file *a, const struct pl_live_file *b);
uint32_t pl_name_hash(uint32_t h, const struct pl_live_file *f);
/* A fast in-memory hash of n bytes, chained through seed. */
uint32_t pl_hash_bytes(uint32_t seed, const void *p, size_t n);

#define PL_HASH_SEED 2166136261u

#endif
