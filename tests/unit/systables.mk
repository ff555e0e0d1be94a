# system tables unit tests (check_PROGRAMS += ...)
check_PROGRAMS += tests/unit/test_systables
tests_unit_test_systables_SOURCES = tests/unit/test_systables.c
tests_unit_test_systables_LDADD = $(PL_TEST_LDADD)
