/* Measuring helpers shared by the benchmark programs: clocks, resident
 * memory from /proc, and the one output format run-bench.sh reads. */
#ifndef PL_BENCH_UTIL_H
#define PL_BENCH_UTIL_H

#include <stddef.h>
#include <stdint.h>

double bench_wall(void);          /* seconds, monotonic */
double bench_cpu(void);           /* seconds of CPU used by the process */
/* Resident set now and its high-water mark, in bytes (0 if unknown). */
uint64_t bench_rss(void);
uint64_t bench_peak_rss(void);
/* Resets the high-water mark so the next peak belongs to what follows
 * (Linux clear_refs; returns -1 when the kernel refuses). */
int bench_reset_peak(void);
/* Gives freed heap back to the system so bench_rss shows what is held. */
void bench_trim(void);

/* One result line: "RESULT<TAB>name<TAB>value<TAB>unit". */
void bench_result(const char *name, double value, const char *unit);
/* A line for humans that run-bench.sh passes through. */
void bench_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
