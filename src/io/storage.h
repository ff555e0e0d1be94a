/* The storage interface: everything above io/ reads a lake only through it.
 * It has no write operation at all: paimon-lens is read-only by construction.
 *
 * Paths are storage paths: for the local back end a file-system path, for
 * object stores the object key inside the bucket. pl_storage.root is the
 * path the storage was opened at (the warehouse); pl_path_join builds the
 * rest. Back ends: local (plain paths and file: URIs); oss://, s3://, s3a://
 * fit behind the same ops table. */
#ifndef PL_IO_STORAGE_H
#define PL_IO_STORAGE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/err.h"

struct pl_dirent {
	const char *name;      /* base name, no slash */
	uint64_t size;
	int is_dir;
	int64_t mtime_ms;      /* -1 when the back end does not know */
};

struct pl_listing {
	struct pl_dirent *items;
	size_t n;
	struct pl_arena arena; /* owns items and names */
};

/* A buffer owned by the caller; release with pl_buf_free. data[len] is a
 * NUL byte (not counted) for text readers; the bytes may be changed. */
struct pl_buf {
	uint8_t *data;
	size_t len;
	size_t mapped;   /* bytes of a private file mapping, 0 for heap */
};

#define PL_READ_WHOLE UINT64_MAX

/* One read of a batch. Each request has its own result and error: one
 * missing file does not fail the others. */
struct pl_read_req {
	const char *path;
	uint64_t offset;
	uint64_t length;       /* PL_READ_WHOLE for the whole file */
	size_t cap;            /* refuse files larger than this (0 = default cap) */
	struct pl_buf out;
	int status;            /* 0 ok, -1 failed (see err) */
	struct pl_error err;
};

struct pl_storage;

struct pl_storage_ops {
	const char *scheme;
	/* Lists the direct children of a folder, sorted by name. A missing
	 * folder is PL_ERR_NOT_FOUND for the local back end; object stores
	 * cannot tell a missing folder from an empty one and return n = 0. */
	int (*list)(struct pl_storage *st, const char *path, struct pl_listing *out,
		    struct pl_error *err);
	/* Reads [offset, offset+length) or the whole file. A missing file is
	 * PL_ERR_NOT_FOUND; a file above cap is PL_ERR_LIMIT. */
	int (*read)(struct pl_storage *st, const char *path, uint64_t offset, uint64_t length,
		    size_t cap, struct pl_buf *out, struct pl_error *err);
	/* Serves many reads, in parallel where the back end can. Returns the
	 * number of failed requests. NULL: pl_storage_read_batch loops read. */
	size_t (*read_batch)(struct pl_storage *st, struct pl_read_req *reqs, size_t n);
	/* Size and kind of one path; PL_ERR_NOT_FOUND when absent. */
	int (*stat)(struct pl_storage *st, const char *path, struct pl_dirent *out,
		    struct pl_error *err);
	void (*destroy)(struct pl_storage *st);
	/* User-facing form of a path ("s3://bucket/key"); NULL: scheme://path. */
	char *(*display)(const struct pl_storage *st, const char *path);
};

struct pl_storage {
	const struct pl_storage_ops *ops;
	char *uri;             /* as given by the user, for messages (no secrets) */
	char *root;            /* storage path of the warehouse */
	void *impl;
	const atomic_int *cancel; /* see pl_storage_set_cancel; NULL: none */
};

/* Makes the handle cancellable: once *flag is non-zero (set from any
 * thread) every later list, read, stat and batch fails with
 * PL_ERR_CANCELLED "cancelled", so a reader stops within one request and
 * unwinds through its ordinary error path. Batches are then served in
 * slices of PL_CANCEL_SLICE requests with the flag checked between them.
 * The flag must outlive the handle. */
#define PL_CANCEL_SLICE 16
void pl_storage_set_cancel(struct pl_storage *st, const atomic_int *flag);

/* Default and hard cap on a whole-file read: metadata files are small; a
 * "manifest" of gigabytes is hostile or corrupt. */
#define PL_READ_CAP_DEFAULT ((size_t)256 << 20)

struct pl_storage_options {
	const char *endpoint;
	const char *region;
	int path_style;
	int max_parallel;
	int no_cache;
	/* Remote stores (io/s3.h); all optional. */
	const char *profile;       /* credential-file profile */
	const char *access_mode;   /* access-key | sts | ram-role */
	const char *signature;     /* OSS: "v4" (default) or "v1" */
	const char *ca_file;       /* CA bundle for TLS */
	const char *ram_role;      /* ECS RAM role name for access_mode ram-role */
};

/* Parses the global storage flags at argv[*i] (--endpoint URL, --region R,
 * --path-style, --no-cache, --max-parallel N, --profile P, --signature V,
 * --ca-file F; "--flag=value" too). Returns 1 and advances *i past the
 * flag and its value when it was one, 0 when argv[*i] is not a storage
 * flag, -1 with err set on a bad value. Values point into argv. */
int pl_storage_options_from_args(int argc, char **argv, int *i,
				 struct pl_storage_options *opts, struct pl_error *err);

/* Names a data source explicitly: "source:NAME" (a bare NAME is a source
 * only when no folder here bears it). */
#define PL_SOURCE_URI_PREFIX "source:"

/* Opens the storage behind a URI, a local path or a data source. */
int pl_storage_open(const char *uri, const struct pl_storage_options *opts,
		    struct pl_storage **out, struct pl_error *err);
void pl_storage_close(struct pl_storage *st);

int pl_storage_list(struct pl_storage *st, const char *path, struct pl_listing *out,
		    struct pl_error *err);
void pl_listing_free(struct pl_listing *l);
int pl_storage_read(struct pl_storage *st, const char *path, size_t cap, struct pl_buf *out,
		    struct pl_error *err);
int pl_storage_read_range(struct pl_storage *st, const char *path, uint64_t offset,
			  uint64_t length, struct pl_buf *out, struct pl_error *err);
size_t pl_storage_read_batch(struct pl_storage *st, struct pl_read_req *reqs, size_t n);
void pl_read_req_free(struct pl_read_req *reqs, size_t n);
int pl_storage_stat(struct pl_storage *st, const char *path, struct pl_dirent *out,
		    struct pl_error *err);
void pl_buf_free(struct pl_buf *b);

/* "a" + "b" -> "a/b" without doubling slashes; result is in the arena. */
char *pl_path_join(struct pl_arena *a, const char *dir, const char *name);
/* Joins into a malloc'ed string. */
char *pl_path_join_dup(const char *dir, const char *name);
/* Last path component (points into path). */
const char *pl_path_base(const char *path);
/* User-facing form of a storage path: the URI scheme and bucket in front. */
char *pl_storage_display(const struct pl_storage *st, const char *path);

/* Back-end constructors, used by pl_storage_open. */
int pl_storage_local_open(const char *path, struct pl_storage **out, struct pl_error *err);

#endif
