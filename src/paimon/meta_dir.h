/* The small JSON files of one metadata folder (tag/tag-*, consumer/
 * consumer-*), listed and read in one batch so that remote stores serve
 * them in parallel. The readers parse each file themselves. */
#ifndef PL_PAIMON_META_DIR_H
#define PL_PAIMON_META_DIR_H

#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "util/err.h"

struct pl_meta_dir_file {
	const char *suffix;          /* the name after the prefix, never empty */
	int64_t mtime_ms;            /* of the file; -1 when unknown */
	char *shown;                 /* display form of its path, for messages */
	const char *data;            /* the contents; NULL when the read failed */
	size_t len;
	struct pl_error err;         /* why the read failed */
};

struct pl_meta_dir {
	struct pl_meta_dir_file *files;  /* name order */
	size_t n;
	struct pl_listing listing;       /* owns the names */
	struct pl_read_req *reqs;        /* own the contents */
	size_t nreqs;
};

/* Reads every regular, non-hidden file <prefix><suffix> of dir, each up
 * to cap bytes. A missing dir gives none; a file that vanishes between
 * listing and reading is dropped; any other failed read stays in its slot.
 * Only a failed listing fails the call. Free with pl_meta_dir_free, also
 * after a failure. */
int pl_meta_dir_read(struct pl_storage *st, const char *dir, const char *prefix, size_t cap,
		     struct pl_meta_dir *out, struct pl_error *err);
void pl_meta_dir_free(struct pl_meta_dir *d);

#endif
