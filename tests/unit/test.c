#include "test.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int test_number;
static int failures;
static int current_failed;
static char skip_reason[256];

void pl_test_run(const char *name, void (*fn)(void))
{
	current_failed = 0;
	skip_reason[0] = '\0';
	test_number++;
	fflush(stdout);
	fn();
	if (current_failed) {
		failures++;
		printf("not ok %d - %s\n", test_number, name);
	} else if (skip_reason[0]) {
		printf("ok %d - %s # SKIP %s\n", test_number, name, skip_reason);
	} else {
		printf("ok %d - %s\n", test_number, name);
	}
	fflush(stdout);
}

void pl_test_check(int ok, const char *expr, const char *file, int line)
{
	if (!ok) {
		current_failed = 1;
		printf("# %s:%d: check failed: %s\n", file, line, expr);
	}
}

void pl_test_check_int(int64_t a, int64_t b, const char *ea, const char *eb, const char *file,
		       int line)
{
	if (a != b) {
		current_failed = 1;
		printf("# %s:%d: %s == %s failed: %lld != %lld\n", file, line, ea, eb, (long long)a,
		       (long long)b);
	}
}

void pl_test_check_str(const char *a, const char *b, const char *ea, const char *eb,
		       const char *file, int line)
{
	if (!a || !b || strcmp(a, b) != 0) {
		current_failed = 1;
		printf("# %s:%d: %s == %s failed: \"%s\" != \"%s\"\n", file, line, ea, eb,
		       a ? a : "(null)", b ? b : "(null)");
	}
}

void pl_test_skip(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(skip_reason, sizeof(skip_reason), fmt, ap);
	va_end(ap);
}

int pl_test_done(void)
{
	printf("1..%d\n", test_number);
	return failures ? 1 : 0;
}

const char *pl_test_fixtures(void)
{
	static char path[4096];
	static int done;
	if (done)
		return path[0] ? path : NULL;
	done = 1;
	const char *env = getenv("PL_FIXTURES");
	if (env && *env)
		snprintf(path, sizeof(path), "%s", env);
	else
		snprintf(path, sizeof(path), "%s/../shared/fixtures/paimon-cpp",
			 getenv("top_srcdir") ? getenv("top_srcdir") : ".");
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		path[0] = '\0';
	return path[0] ? path : NULL;
}

uint8_t *pl_test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	size_t k;
	while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) {
			cap *= 2;
			uint8_t *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				buf = NULL;
			}
			buf = nb;
		}
	}
	fclose(f);
	if (len)
		*len = n;
	return buf;
}

const char *pl_test_tmpdir(void)
{
	static char path[4096];
	if (path[0])
		return path;
	const char *base = getenv("TMPDIR");
	snprintf(path, sizeof(path), "%s/pl-test-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(path)) {
		perror("mkdtemp");
		exit(2);
	}
	return path;
}
