/* Drives the storage interface from shell tests, so that a lake read over
 * s3:// can be compared byte for byte with its local copy:
 *   pl_storage_tool tree URI          every folder and file below the root,
 *                                     with sizes and SHA-256 (files of a
 *                                     folder read as one parallel batch)
 *   pl_storage_tool ls URI PATH       direct children
 *   pl_storage_tool cat URI PATH [OFFSET LENGTH]   bytes to stdout
 *   pl_storage_tool stat URI PATH
 * Paths are relative to the root. Storage flags (--endpoint ...) may
 * precede the command. Without arguments it prints an empty TAP plan, as
 * `make check` runs every check program. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/sign.h"
#include "io/storage.h"
#include "util/alloc.h"

static int fail(const struct pl_error *err)
{
	fprintf(stderr, "error: %s\n", err->msg);
	return err->code ? (int)err->code : 1;
}

static char *rel(struct pl_storage *st, const char *path)
{
	size_t n = strlen(st->root);
	if (n && strncmp(path, st->root, n) == 0 && path[n] == '/')
		return pl_strdup(path + n + 1);
	return pl_strdup(path);
}

static int walk(struct pl_storage *st, const char *dir, struct pl_error *err)
{
	struct pl_listing l;
	if (pl_storage_list(st, dir, &l, err))
		return -1;
	struct pl_read_req *reqs = pl_calloc(l.n + 1, sizeof(*reqs));
	char **paths = pl_calloc(l.n + 1, sizeof(*paths));
	size_t nf = 0;
	for (size_t i = 0; i < l.n; i++) {
		if (l.items[i].is_dir)
			continue;
		paths[nf] = pl_path_join_dup(dir, l.items[i].name);
		reqs[nf].path = paths[nf];
		reqs[nf].length = PL_READ_WHOLE;
		nf++;
	}
	size_t failed = pl_storage_read_batch(st, reqs, nf);
	int rc = 0;
	size_t f = 0;
	for (size_t i = 0; i < l.n && rc == 0; i++) {
		char *path = pl_path_join_dup(dir, l.items[i].name);
		char *r = rel(st, path);
		if (l.items[i].is_dir) {
			printf("d %s\n", r);
			rc = walk(st, path, err);
		} else {
			struct pl_read_req *q = &reqs[f++];
			if (q->status) {
				*err = q->err;
				rc = -1;
			} else {
				char hex[65];
				pl_sha256_hex(q->out.data, q->out.len, hex);
				printf("f %s %llu %zu %s\n", r, (unsigned long long)l.items[i].size,
				       q->out.len, hex);
			}
		}
		free(r);
		free(path);
	}
	(void)failed;
	pl_read_req_free(reqs, nf);
	for (size_t i = 0; i < nf; i++)
		free(paths[i]);
	free(paths);
	free(reqs);
	pl_listing_free(&l);
	return rc;
}

int main(int argc, char **argv)
{
	struct pl_storage_options opts = { 0 };
	struct pl_error err = { 0 };
	int i = 1;
	while (i < argc) {
		int r = pl_storage_options_from_args(argc, argv, &i, &opts, &err);
		if (r < 0)
			return fail(&err);
		if (r == 0)
			break;
	}
	if (i >= argc) {
		printf("1..0 # SKIP helper for tests/cli/s3_*.sh\n");
		return 0;
	}
	if (argc - i < 2) {
		fprintf(stderr, "usage: pl_storage_tool [flags] tree|ls|cat|stat URI [PATH ...]\n");
		return 2;
	}
	const char *cmd = argv[i], *uri = argv[i + 1];
	struct pl_storage *st;
	if (pl_storage_open(uri, &opts, &st, &err))
		return fail(&err);
	int rc = 0;
	char *path = pl_path_join_dup(st->root, argc - i > 2 ? argv[i + 2] : "");
	if (strcmp(cmd, "tree") == 0) {
		rc = walk(st, st->root, &err);
	} else if (strcmp(cmd, "ls") == 0) {
		struct pl_listing l;
		rc = pl_storage_list(st, path, &l, &err);
		for (size_t k = 0; rc == 0 && k < l.n; k++)
			printf("%s %s %llu\n", l.items[k].is_dir ? "d" : "f", l.items[k].name,
			       (unsigned long long)l.items[k].size);
		if (rc == 0)
			pl_listing_free(&l);
	} else if (strcmp(cmd, "cat") == 0) {
		struct pl_buf b;
		if (argc - i > 4)
			rc = pl_storage_read_range(st, path, strtoull(argv[i + 3], NULL, 10),
						   strtoull(argv[i + 4], NULL, 10), &b, &err);
		else
			rc = pl_storage_read(st, path, 0, &b, &err);
		if (rc == 0) {
			fwrite(b.data, 1, b.len, stdout);
			pl_buf_free(&b);
		}
	} else if (strcmp(cmd, "stat") == 0) {
		struct pl_dirent d;
		rc = pl_storage_stat(st, path, &d, &err);
		if (rc == 0)
			printf("%s %s %llu\n", d.is_dir ? "d" : "f", d.name, (unsigned long long)d.size);
	} else {
		fprintf(stderr, "unknown command %s\n", cmd);
		rc = -1;
		err.code = PL_ERR_USAGE;
		snprintf(err.msg, sizeof(err.msg), "unknown command");
	}
	free(path);
	pl_storage_close(st);
	return rc ? fail(&err) : 0;
}
