/* A tiny TAP test library: each TEST is one numbered TAP test; CHECKs inside
 * it report the failing expression and keep going. tests/run-tests.sh counts
 * the "ok"/"not ok" lines of every program. */
#ifndef PL_TEST_H
#define PL_TEST_H

#include <stddef.h>
#include <stdint.h>

#define TEST(name) static void name(void)
#define RUN(name) pl_test_run(#name, name)

#define CHECK(cond) pl_test_check(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_INT_EQ(a, b) pl_test_check_int((int64_t)(a), (int64_t)(b), #a, #b, __FILE__, __LINE__)
#define CHECK_STR_EQ(a, b) pl_test_check_str((a), (b), #a, #b, __FILE__, __LINE__)
/* Marks the current test skipped with a reason (it still counts as run). */
#define SKIP(...) pl_test_skip(__VA_ARGS__)

void pl_test_run(const char *name, void (*fn)(void));
void pl_test_check(int ok, const char *expr, const char *file, int line);
void pl_test_check_int(int64_t a, int64_t b, const char *ea, const char *eb, const char *file,
		       int line);
void pl_test_check_str(const char *a, const char *b, const char *ea, const char *eb,
		       const char *file, int line);
void pl_test_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the plan; returns the exit status for main. */
int pl_test_done(void);

/* Folder of the shared real Paimon fixtures, or NULL when absent (tests then
 * SKIP). $PL_FIXTURES overrides $top_srcdir/../shared/fixtures/paimon-cpp. */
const char *pl_test_fixtures(void);
/* Reads a whole file into a malloc'ed buffer; NULL on failure. */
uint8_t *pl_test_slurp(const char *path, size_t *len);
/* Directory for scratch files of this test program (created, under $TMPDIR). */
const char *pl_test_tmpdir(void);

#endif
