/* Scratch lakes for the metadata tests: files written under a fresh
 * folder inside pl_test_tmpdir(). */
#ifndef PL_TEST_LAKE_TESTLIB_H
#define PL_TEST_LAKE_TESTLIB_H

#include <stddef.h>

/* A new empty folder (malloc'ed path) named after tag. */
char *lake_new(const char *tag);
/* Writes root/rel (creating folders); len (size_t)-1 means strlen. */
void lake_write(const char *root, const char *rel, const char *data, size_t len);
void lake_mkdir(const char *root, const char *rel);
void lake_remove(const char *root, const char *rel);
/* A minimal valid snapshot JSON for id and schema id 0 (static buffer). */
const char *lake_snapshot_json(long long id);
/* A minimal valid schema JSON for id (static buffer). */
const char *lake_schema_json(long long id, const char *options_json);

#endif
