/* Shared by the libFuzzer targets. Each target defines its entry point with
 * PL_FUZZ_TARGET(name): under libFuzzer (make fuzz) that is
 * LLVMFuzzerTestOneInput; in the standalone build (make check) every target
 * links into one program, so each gets its own name instead. */
#ifndef PL_TESTS_FUZZ_H
#define PL_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#ifdef PL_FUZZ_STANDALONE
#define PL_FUZZ_TARGET(name) int pl_fuzz_##name(const uint8_t *data, size_t size)
#else
#define PL_FUZZ_TARGET(name) \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#endif

/* Declared for the standalone driver and to keep -Wmissing-prototypes
 * quiet in either build. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A hostile record stream must end by itself: the readers bound their
 * counts, this only stops a target that would otherwise spin on a
 * (finite but) huge file so a slow input shows up as a timeout. */
#define PL_FUZZ_MAX_ROWS 100000

#endif
