#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gen/gen_util.h"

/* splitmix64: tiny, fast, and good enough to make data look varied. */
uint64_t gen_mix(uint64_t a, uint64_t b)
{
	uint64_t z = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void gen_rng_seed(struct gen_rng *r, uint64_t seed)
{
	r->state = seed;
}

uint64_t gen_rng_next(struct gen_rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t gen_rng_below(struct gen_rng *r, uint64_t n)
{
	return n ? gen_rng_next(r) % n : 0;
}

int64_t gen_rng_range(struct gen_rng *r, int64_t lo, int64_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int64_t)gen_rng_below(r, (uint64_t)(hi - lo) + 1);
}

void gen_uuid(struct gen_rng *r, char out[GEN_UUID_LEN + 1])
{
	uint8_t b[16];
	uint64_t x = gen_rng_next(r), y = gen_rng_next(r);
	for (int i = 0; i < 8; i++) {
		b[i] = (uint8_t)(x >> (8 * i));
		b[8 + i] = (uint8_t)(y >> (8 * i));
	}
	b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
	b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
	snprintf(out, GEN_UUID_LEN + 1,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
		 b[12], b[13], b[14], b[15]);
}

int gen_mkdirs(const char *path, struct pl_error *err)
{
	char buf[4096];
	size_t n = strlen(path);
	if (n == 0 || n >= sizeof(buf))
		return pl_err(err, PL_ERR_USAGE, "%s: path too long", path);
	memcpy(buf, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		char saved = buf[i];
		buf[i] = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			return pl_err(err, PL_ERR_IO, "%s: cannot create directory: %s", buf,
				      strerror(errno));
		buf[i] = saved;
	}
	return 0;
}

int gen_write_file(const char *path, const void *data, size_t n, struct pl_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0)
		return pl_err(err, PL_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
	const char *p = data;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			return pl_err(err, PL_ERR_IO, "%s: write failed: %s", path, strerror(e));
		}
		p += w;
		n -= (size_t)w;
	}
	if (close(fd) != 0)
		return pl_err(err, PL_ERR_IO, "%s: close failed: %s", path, strerror(errno));
	return 0;
}

int gen_write_placeholder(const char *path, uint64_t size, struct pl_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0)
		return pl_err(err, PL_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
	if (ftruncate(fd, (off_t)size) != 0) {
		int e = errno;
		close(fd);
		return pl_err(err, PL_ERR_IO, "%s: cannot size file: %s", path, strerror(e));
	}
	close(fd);
	return 0;
}

int gen_remove_file(const char *path, struct pl_error *err)
{
	if (unlink(path) != 0 && errno != ENOENT)
		return pl_err(err, PL_ERR_IO, "%s: cannot remove: %s", path, strerror(errno));
	return 0;
}

int gen_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}
