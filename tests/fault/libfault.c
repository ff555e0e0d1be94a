/* LD_PRELOAD shim that makes local file I/O fail on purpose, for
 * tests/cli/local_faults.sh. Only files whose path contains
 * PL_FAULT_MATCH are touched; everything else passes through.
 *
 *   PL_FAULT_MODE=eio     the Nth read/pread on a matching file fails (EIO)
 *   PL_FAULT_MODE=short   every read/pread on a matching file returns at
 *                         most PL_FAULT_SHORT bytes (default 7): legal,
 *                         so the result must be exact
 *   PL_FAULT_MODE=enoent  the Nth open of a matching file fails (ENOENT):
 *                         the file vanished between listing and reading
 *   PL_FAULT_MODE=eacces  the Nth open of a matching file fails (EACCES)
 *   PL_FAULT_NTH=N        which call (1-based, counted over all matching
 *                         files); 0 or unset: every call
 *
 * Each injected fault is counted in the file PL_FAULT_LOG (one line per
 * fault, naming the call and the path), so a test can tell that the
 * fault really happened rather than pass on a path never taken. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FDS 4096
#define PATH_CAP 1024

enum mode { OFF, EIO_READ, SHORT_READ, ENOENT_OPEN, EACCES_OPEN };

static enum mode mode = OFF;
static const char *match;
static long nth;
static size_t short_len = 7;
static long opens_seen, reads_seen;
/* Paths of the open matching descriptors ("" when not matching). */
static char fd_path[MAX_FDS][PATH_CAP];

__attribute__((constructor)) static void fault_init(void)
{
	const char *m = getenv("PL_FAULT_MODE");
	match = getenv("PL_FAULT_MATCH");
	if (!m || !match || !*match)
		return;
	if (strcmp(m, "eio") == 0)
		mode = EIO_READ;
	else if (strcmp(m, "short") == 0)
		mode = SHORT_READ;
	else if (strcmp(m, "enoent") == 0)
		mode = ENOENT_OPEN;
	else if (strcmp(m, "eacces") == 0)
		mode = EACCES_OPEN;
	const char *n = getenv("PL_FAULT_NTH");
	nth = n ? strtol(n, NULL, 10) : 0;
	const char *s = getenv("PL_FAULT_SHORT");
	if (s && strtol(s, NULL, 10) > 0)
		short_len = (size_t)strtol(s, NULL, 10);
}

static void note_fault(const char *call, const char *path)
{
	const char *log = getenv("PL_FAULT_LOG");
	if (!log)
		return;
	FILE *f = fopen(log, "a");
	if (!f)
		return;
	fprintf(f, "%s %s\n", call, path);
	fclose(f);
}

static int matches(const char *path)
{
	return mode != OFF && path && strstr(path, match) != NULL;
}

/* Readers may run on several threads: the count must not lose calls. */
static int nth_call(long *seen)
{
	long k = __atomic_add_fetch(seen, 1, __ATOMIC_SEQ_CST);
	return nth <= 0 || k == nth;
}

/* 1 when this open must fail; errno is set. */
static int open_fault(const char *path)
{
	if ((mode != ENOENT_OPEN && mode != EACCES_OPEN) || !matches(path) ||
	    !nth_call(&opens_seen))
		return 0;
	note_fault("open", path);
	errno = mode == ENOENT_OPEN ? ENOENT : EACCES;
	return 1;
}

static void track(int fd, const char *path)
{
	if (fd < 0 || fd >= MAX_FDS)
		return;
	if (matches(path))
		snprintf(fd_path[fd], PATH_CAP, "%s", path);
	else
		fd_path[fd][0] = 0;
}

static int has_mode_arg(int flags)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

#define DEFINE_OPEN(name)                                                          \
	int name(const char *path, int flags, ...)                                 \
	{                                                                          \
		static int (*real)(const char *, int, ...);                        \
		mode_t md = 0;                                                     \
		if (has_mode_arg(flags)) {                                         \
			va_list ap;                                                \
			va_start(ap, flags);                                       \
			md = (mode_t)va_arg(ap, int);                              \
			va_end(ap);                                                \
		}                                                                  \
		if (!real)                                                         \
			real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, #name); \
		if (open_fault(path))                                              \
			return -1;                                                 \
		int fd = real(path, flags, md);                                    \
		track(fd, path);                                                   \
		return fd;                                                         \
	}

#define DEFINE_OPENAT(name)                                                        \
	int name(int dirfd, const char *path, int flags, ...)                      \
	{                                                                          \
		static int (*real)(int, const char *, int, ...);                   \
		mode_t md = 0;                                                     \
		if (has_mode_arg(flags)) {                                         \
			va_list ap;                                                \
			va_start(ap, flags);                                       \
			md = (mode_t)va_arg(ap, int);                              \
			va_end(ap);                                                \
		}                                                                  \
		if (!real)                                                         \
			real = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, #name); \
		if (open_fault(path))                                              \
			return -1;                                                 \
		int fd = real(dirfd, path, flags, md);                             \
		track(fd, path);                                                   \
		return fd;                                                         \
	}

DEFINE_OPEN(open)
DEFINE_OPEN(open64)
DEFINE_OPENAT(openat)
DEFINE_OPENAT(openat64)

/* How many bytes this read may move: -1 with errno for an injected error. */
static ssize_t read_budget(int fd, size_t want, const char *call)
{
	if (fd < 0 || fd >= MAX_FDS || !fd_path[fd][0] || want == 0)
		return (ssize_t)want;
	if (mode == EIO_READ && nth_call(&reads_seen)) {
		note_fault(call, fd_path[fd]);
		errno = EIO;
		return -1;
	}
	if (mode == SHORT_READ && want > short_len) {
		note_fault(call, fd_path[fd]);
		return (ssize_t)short_len;
	}
	return (ssize_t)want;
}

ssize_t read(int fd, void *buf, size_t n)
{
	static ssize_t (*real)(int, void *, size_t);
	if (!real)
		real = (ssize_t(*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
	ssize_t k = read_budget(fd, n, "read");
	return k < 0 ? -1 : real(fd, buf, (size_t)k);
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	static ssize_t (*real)(int, void *, size_t, off_t);
	if (!real)
		real = (ssize_t(*)(int, void *, size_t, off_t))dlsym(RTLD_NEXT, "pread");
	ssize_t k = read_budget(fd, n, "pread");
	return k < 0 ? -1 : real(fd, buf, (size_t)k, off);
}

ssize_t pread64(int fd, void *buf, size_t n, off_t off)
{
	static ssize_t (*real)(int, void *, size_t, off_t);
	if (!real)
		real = (ssize_t(*)(int, void *, size_t, off_t))dlsym(RTLD_NEXT, "pread64");
	ssize_t k = read_budget(fd, n, "pread");
	return k < 0 ? -1 : real(fd, buf, (size_t)k, off);
}

int close(int fd)
{
	static int (*real)(int);
	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "close");
	if (fd >= 0 && fd < MAX_FDS)
		fd_path[fd][0] = 0;
	return real(fd);
}
