/* Consumers: consumer/consumer-<id> files of a branch recording the next
 * snapshot a streaming reader will read (format-metadata.md §6.4). */
#ifndef PL_PAIMON_CONSUMER_H
#define PL_PAIMON_CONSUMER_H

#include <stddef.h>
#include <stdint.h>

#include "io/storage.h"
#include "util/arena.h"
#include "util/err.h"

#define PL_CONSUMER_DIR "consumer"
#define PL_CONSUMER_PREFIX "consumer-"

struct pl_consumer {
	const char *id;              /* file name minus "consumer-"; free text */
	int64_t mtime_ms;            /* of the file (expiration uses it); -1 unknown */
	int64_t next_snapshot;       /* valid when error is NULL */
	/* A consumer that does not parse is shown with its error instead of
	 * failing the whole list. */
	enum pl_err_code error_code;
	const char *error;
};

/* {"nextSnapshot": N}; other keys are ignored. */
int pl_consumer_parse(const char *json, size_t len, const char *file, struct pl_arena *arena,
		      int64_t *next_snapshot, struct pl_error *err);

/* Consumers of the branch at branch_path, sorted by id, read in one batch;
 * files that vanish while being read are dropped. */
int pl_consumer_list(struct pl_storage *st, const char *branch_path, struct pl_arena *arena,
		     struct pl_consumer **out, size_t *n, struct pl_error *err);

#endif
