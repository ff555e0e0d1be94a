/* Local back end: plain paths. Reads with open/pread; never opens for write. */
#include "io/storage.h"
#include "util/alloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int io_error(struct pl_error *err, const char *path, int e)
{
	enum pl_err_code code = (e == ENOENT || e == ENOTDIR) ? PL_ERR_NOT_FOUND : PL_ERR_IO;
	return pl_err(err, code, "%s: %s", path, strerror(e));
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct pl_dirent *)a)->name, ((const struct pl_dirent *)b)->name);
}

static int local_list(struct pl_storage *st, const char *path, struct pl_listing *out,
		      struct pl_error *err)
{
	(void)st;
	DIR *d = opendir(path);
	if (!d)
		return io_error(err, path, errno);
	int dfd = dirfd(d);
	size_t cap = 0;
	struct pl_dirent *items = NULL;
	struct dirent *de;
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		struct stat sb;
		/* A dangling link or a file removed under us is listed with
		 * what we know rather than failing the whole listing. */
		int have = fstatat(dfd, de->d_name, &sb, 0) == 0;
		PL_GROW(items, cap, out->n + 1);
		struct pl_dirent *e = &items[out->n++];
		e->name = pl_arena_strdup(&out->arena, de->d_name);
		e->is_dir = have ? S_ISDIR(sb.st_mode) : de->d_type == DT_DIR;
		e->size = have && !e->is_dir ? (uint64_t)sb.st_size : 0;
		e->mtime_ms = have ? (int64_t)sb.st_mtim.tv_sec * 1000 + sb.st_mtim.tv_nsec / 1000000
				   : -1;
	}
	int e = errno;
	closedir(d);
	if (e) {
		free(items);
		return io_error(err, path, e);
	}
	if (out->n)
		qsort(items, out->n, sizeof(*items), by_name);
	out->items = pl_arena_memdup(&out->arena, items, out->n * sizeof(*items));
	free(items);
	return 0;
}

/* Whole files of a megabyte or more (manifests) are mapped instead of
 * read: the pages come straight from the page cache, where reading them
 * copied every byte into fresh memory that the kernel first had to clear
 * (together a tenth of loading a million-file table). The mapping is
 * private and writable, so callers may change bytes as with a heap
 * buffer, and the NUL after the last byte is the zero fill of the last
 * page, so files of a whole number of pages are read instead. Paimon never
 * rewrites a file in place; a file replaced or deleted while mapped keeps
 * its old bytes. */
#define MAP_MIN ((uint64_t)1 << 20)

static int map_whole(int fd, uint64_t size, uint64_t offset, uint64_t want, struct pl_buf *out)
{
	long page = sysconf(_SC_PAGESIZE);
	if (offset != 0 || want != size || size < MAP_MIN || page <= 0 ||
	    size % (uint64_t)page == 0 || size > SIZE_MAX - 1)
		return 0;
	/* Populated read-only, then made writable: populating a writable
	 * private mapping would copy every page up front. */
	void *p = mmap(NULL, (size_t)size + 1, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	if (p == MAP_FAILED)
		return 0;   /* read it instead */
	if (mprotect(p, (size_t)size + 1, PROT_READ | PROT_WRITE) != 0) {
		munmap(p, (size_t)size + 1);
		return 0;
	}
	out->data = p;
	out->len = (size_t)size;
	out->mapped = (size_t)size + 1;
	return 1;
}

static int local_read(struct pl_storage *st, const char *path, uint64_t offset, uint64_t length,
		      size_t cap, struct pl_buf *out, struct pl_error *err)
{
	(void)st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return io_error(err, path, errno);
	struct stat sb;
	if (fstat(fd, &sb) != 0) {
		int e = errno;
		close(fd);
		return io_error(err, path, e);
	}
	if (S_ISDIR(sb.st_mode)) {
		close(fd);
		return pl_err(err, PL_ERR_IO, "%s: is a folder, expected a file", path);
	}
	uint64_t size = (uint64_t)sb.st_size;
	if (offset > size) {
		close(fd);
		return pl_err(err, PL_ERR_IO, "%s: range starts at %llu beyond the end (%llu bytes)",
			      path, (unsigned long long)offset, (unsigned long long)size);
	}
	uint64_t want = length == PL_READ_WHOLE || length > size - offset ? size - offset : length;
	if (want > cap) {
		close(fd);
		return pl_err(err, PL_ERR_LIMIT, "%s: %llu bytes is more than the %zu-byte limit for one read",
			      path, (unsigned long long)want, cap);
	}
	if (map_whole(fd, size, offset, want, out)) {
		close(fd);
		return 0;
	}
	out->data = pl_malloc((size_t)want + 1);
	size_t got = 0;
	while (got < want) {
		ssize_t k = pread(fd, out->data + got, (size_t)want - got, (off_t)(offset + got));
		if (k < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			pl_buf_free(out);
			return io_error(err, path, e);
		}
		if (k == 0)
			break; /* shrank while we read: return what is there */
		got += (size_t)k;
	}
	close(fd);
	out->len = got;
	out->data[got] = 0; /* convenience for text readers; not counted in len */
	return 0;
}

static int local_stat(struct pl_storage *st, const char *path, struct pl_dirent *out,
		      struct pl_error *err)
{
	(void)st;
	struct stat sb;
	if (stat(path, &sb) != 0)
		return io_error(err, path, errno);
	out->name = pl_path_base(path);
	out->is_dir = S_ISDIR(sb.st_mode);
	out->size = out->is_dir ? 0 : (uint64_t)sb.st_size;
	out->mtime_ms = (int64_t)sb.st_mtim.tv_sec * 1000 + sb.st_mtim.tv_nsec / 1000000;
	return 0;
}

static const struct pl_storage_ops local_ops = {
	.scheme = "file",
	.list = local_list,
	.read = local_read,
	.read_batch = NULL,
	.stat = local_stat,
	.destroy = NULL,
};

int pl_storage_local_open(const char *path, struct pl_storage **out, struct pl_error *err)
{
	if (!*path)
		return pl_err(err, PL_ERR_USAGE, "empty warehouse path");
	struct stat sb;
	if (stat(path, &sb) != 0)
		return io_error(err, path, errno);
	if (!S_ISDIR(sb.st_mode))
		return pl_err(err, PL_ERR_NOT_FOUND, "%s: not a folder", path);
	struct pl_storage *st = pl_calloc(1, sizeof(*st));
	st->ops = &local_ops;
	st->uri = pl_strdup(path);
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	st->root = pl_strndup(path, n);
	*out = st;
	return 0;
}
