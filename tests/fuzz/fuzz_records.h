/* Drives a record reader to the end of a file, touching every value. */
#ifndef PL_TESTS_FUZZ_RECORDS_H
#define PL_TESTS_FUZZ_RECORDS_H

#include <stddef.h>
#include <stdint.h>

/* The input must start with magic (mutations that break it are cheap
 * rejections, so the target keeps the fuzzer on the container it names). */
int pl_fuzz_records(const uint8_t *data, size_t size, const char *magic);

#endif
