# orc unit tests (check_PROGRAMS += ...)
check_PROGRAMS += tests/unit/test_orc_rle tests/unit/test_orc
tests_unit_test_orc_rle_SOURCES = tests/unit/test_orc_rle.c
tests_unit_test_orc_rle_LDADD = $(PL_TEST_LDADD)
tests_unit_test_orc_SOURCES = tests/unit/test_orc.c tests/unit/orc_testlib.c tests/unit/orc_testlib.h
tests_unit_test_orc_LDADD = $(PL_TEST_LDADD)
check_PROGRAMS += tests/unit/test_orc_build
tests_unit_test_orc_build_SOURCES = tests/unit/test_orc_build.c tests/unit/orc_testlib.c \
	tests/unit/orc_testlib.h
tests_unit_test_orc_build_LDADD = $(PL_TEST_LDADD)
# The generator's ORC writer against the reader, and the reader's skipping
# (the writer is compiled in: the generator is a program, not a library).
check_PROGRAMS += tests/unit/test_orc_skip
tests_unit_test_orc_skip_SOURCES = tests/unit/test_orc_skip.c src/gen/orc_writer.c \
	src/gen/orc_writer.h
tests_unit_test_orc_skip_CFLAGS = $(AM_CFLAGS) $(ZSTD_CFLAGS)
tests_unit_test_orc_skip_LDADD = $(PL_TEST_LDADD)
