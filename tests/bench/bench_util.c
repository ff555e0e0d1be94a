/* Clocks and /proc readings for the benchmarks (Linux). */
#include "bench_util.h"
#include "util/arena.h"

#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double seconds(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double bench_wall(void)
{
	return seconds(CLOCK_MONOTONIC);
}

double bench_cpu(void)
{
	return seconds(CLOCK_PROCESS_CPUTIME_ID);
}

/* A "Name:   123 kB" line of /proc/self/status. */
static uint64_t status_kb(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	uint64_t kb = 0;
	size_t n = strlen(key);
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':') {
			unsigned long long v;
			if (sscanf(line + n + 1, "%llu", &v) == 1)
				kb = v;
			break;
		}
	fclose(f);
	return kb * 1024;
}

uint64_t bench_rss(void)
{
	return status_kb("VmRSS");
}

uint64_t bench_peak_rss(void)
{
	return status_kb("VmHWM");
}

int bench_reset_peak(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	if (!f)
		return -1;
	int rc = fputs("5", f) < 0 ? -1 : 0;
	if (fclose(f))
		rc = -1;
	return rc;
}

void bench_trim(void)
{
	pl_arena_release_cache();
	malloc_trim(0);
}

void bench_result(const char *name, double value, const char *unit)
{
	printf("RESULT\t%s\t%.6g\t%s\n", name, value, unit);
	fflush(stdout);
}

void bench_note(const char *fmt, ...)
{
	va_list ap;
	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}
