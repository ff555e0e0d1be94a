/* Helpers for the ORC reader tests. */
#ifndef PL_TEST_ORC_TESTLIB_H
#define PL_TEST_ORC_TESTLIB_H

#include <stddef.h>
#include <stdint.h>

#include "paimon/records.h"
#include "util/err.h"

/* Opens d as ORC through the back end directly and reads every row; returns
 * the row count or -1 (err set). */
long orc_read_all(const uint8_t *d, size_t len, const char *name, struct pl_error *err);

#endif
